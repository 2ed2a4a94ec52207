// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's status —
// how many of its pods are healthy (Ready, not being deleted), how many must be
// (desiredHealthy), how many there should be (expectedPods, from the pods' controllers' scale for
// percentages and maxUnavailable), and so how many voluntary disruptions (evictions) are allowed
// now, with the DisruptionAllowed condition.

import { isApiError } from '../api/errors';
import { fromLabelSelector, matches } from '../api/labels';
import type { KubeObject, OwnerReference, Pod } from '../api/types';
import { parseRFC3339 } from '../clock';
import { byNamespace, keyOf, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { POD_UPDATES_BATCH_MS } from './endpointutil';
import { controllerOf, isPodReady, scaledValue } from './podutil';

/** How long a pod the eviction API approved may stay before it no longer counts as disrupted. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export interface PodDisruptionBudget extends KubeObject {
  spec: {
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    selector?: { matchLabels?: Record<string, string>; matchExpressions?: any[] } | null;
    unhealthyPodEvictionPolicy?: string;
  };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    conditions?: Condition[];
  };
}

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** An error that leaves the budget fail-safe (SyncFailed) rather than retrying. */
class SyncError extends Error {}

export class DisruptionController extends Controller {
  readonly name = 'controllermanager';
  private readonly pdbInf: Informer<PodDisruptionBudget>;
  private readonly podInf: Informer<Pod>;
  private readonly rsInf: Informer;
  private readonly deployInf: Informer;
  private readonly rcInf: Informer;
  private readonly stsInf: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'disruption');
    this.pdbInf = ctx.informers.for<PodDisruptionBudget>('poddisruptionbudgets');
    this.podInf = ctx.informers.for<Pod>('pods');
    this.rsInf = ctx.informers.for('replicasets');
    this.deployInf = ctx.informers.for('deployments');
    this.rcInf = ctx.informers.for('replicationcontrollers');
    this.stsInf = ctx.informers.for('statefulsets');
  }

  register(): void {
    this.pdbInf.addIndex('namespace', byNamespace);
    this.podInf.addIndex('namespace', byNamespace);
    this.pdbInf.addHandlers({
      add: (p) => this.enqueue(keyOf(p)),
      update: (_, p) => this.enqueue(keyOf(p)),
      delete: (p) => this.enqueue(keyOf(p)),
    });
    this.podInf.addHandlers({
      add: (p) => this.enqueuePdbsFor(p),
      update: (old, cur) => {
        // Only readiness, deletion and labels change a budget's arithmetic.
        if (isPodReady(old) === isPodReady(cur) && old.metadata.deletionTimestamp === cur.metadata.deletionTimestamp && deepEqual(old.metadata.labels, cur.metadata.labels)) return;
        this.enqueuePdbsFor(cur);
        if (!deepEqual(old.metadata.labels, cur.metadata.labels)) this.enqueuePdbsFor(old);
      },
      delete: (p) => this.enqueuePdbsFor(p),
    });
  }

  /** getPdbForPod (every matching budget, where upstream picks one arbitrarily). */
  private enqueuePdbsFor(pod: Pod): void {
    for (const pdb of this.pdbInf.byIndex('namespace', pod.metadata.namespace ?? '')) {
      if (matches(fromLabelSelector(pdb.spec.selector), pod.metadata.labels)) this.queue.addAfter(keyOf(pdb), POD_UPDATES_BATCH_MS);
    }
  }

  reconcile(key: string): ReconcileResult {
    const pdb = this.pdbInf.get(key);
    if (!pdb) return;
    try {
      return this.trySync(pdb);
    } catch (e) {
      if (isApiError(e, 'Conflict')) throw e;
      if (!(e instanceof SyncError) && !isApiError(e)) throw e;
      this.failSafe(pdb, e.message);
    }
  }

  private trySync(pdb: PodDisruptionBudget): ReconcileResult {
    const sel = fromLabelSelector(pdb.spec.selector);
    const pods = this.podInf.byIndex('namespace', pdb.metadata.namespace ?? '').filter((p) => matches(sel, p.metadata.labels));
    if (pods.length === 0) this.recorder.normal(pdb, 'NoPods', 'No matching pods found');

    const { expected, desiredHealthy, unmanaged } = this.expectedPodCount(pdb, pods);
    if (unmanaged.length) {
      this.recorder.warning(
        pdb,
        'UnmanagedPods',
        `Pods selected by this PodDisruptionBudget (selector: ${formatSelector(pdb.spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      );
    }
    const now = this.clock.now();
    const { disrupted, recheckAt } = this.buildDisruptedPods(pdb, pods, now);
    let currentHealthy = 0;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (disrupted[pod.metadata.name!] !== undefined) continue;
      if (isPodReady(pod)) currentHealthy++;
    }
    this.updateStatus(pdb, currentHealthy, desiredHealthy, expected, disrupted);
    if (recheckAt !== undefined) return { requeueAfterMs: recheckAt - now };
  }

  /** getExpectedPodCount. */
  private expectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]): { expected: number; desiredHealthy: number; unmanaged: string[] } {
    const { minAvailable, maxUnavailable } = pdb.spec;
    if (maxUnavailable !== undefined && maxUnavailable !== null) {
      const { expected, unmanaged } = this.expectedScale(pods);
      const desiredHealthy = Math.max(0, expected - checkedScaledValue(maxUnavailable, expected));
      return { expected, desiredHealthy, unmanaged };
    }
    if (minAvailable !== undefined && minAvailable !== null) {
      if (typeof minAvailable === 'number') return { expected: pods.length, desiredHealthy: minAvailable, unmanaged: [] };
      const { expected, unmanaged } = this.expectedScale(pods);
      return { expected, desiredHealthy: checkedScaledValue(minAvailable, expected), unmanaged };
    }
    return { expected: 0, desiredHealthy: 0, unmanaged: [] };
  }

  /** getExpectedScale: the sum of the scale of every controller of the selected pods. */
  private expectedScale(pods: Pod[]): { expected: number; unmanaged: string[] } {
    const scales = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const pod of pods) {
      const ref = controllerOf(pod);
      if (!ref) {
        unmanaged.push(pod.metadata.name!);
        continue;
      }
      if (scales.has(ref.uid)) continue;
      const found = this.findController(ref, pod.metadata.namespace!);
      if (!found) throw new SyncError(`found no controllers for pod "${pod.metadata.name}"`);
      scales.set(found.uid, found.scale);
    }
    let expected = 0;
    for (const s of scales.values()) expected += s;
    return { expected, unmanaged };
  }

  /** The finders: ReplicaSet (unless a Deployment controls it), Deployment, ReplicationController, StatefulSet. */
  private findController(ref: OwnerReference, namespace: string): { uid: string; scale: number } | undefined {
    const lookup = (inf: Informer, name: string, uid: string) => {
      const o = inf.getByName(namespace, name);
      return o && o.metadata.uid === uid ? o : undefined;
    };
    const replicas = (o: KubeObject) => (o.spec?.replicas as number | undefined) ?? 1;
    if (ref.kind === 'ReplicaSet' && ref.apiVersion.startsWith('apps/')) {
      const rs = lookup(this.rsInf, ref.name, ref.uid);
      if (!rs) return undefined;
      const owner = controllerOf(rs);
      if (owner?.kind === 'Deployment') {
        const d = lookup(this.deployInf, owner.name, owner.uid);
        return d ? { uid: d.metadata.uid!, scale: replicas(d) } : undefined;
      }
      return { uid: rs.metadata.uid!, scale: replicas(rs) };
    }
    if (ref.kind === 'ReplicationController' && ref.apiVersion === 'v1') {
      const rc = lookup(this.rcInf, ref.name, ref.uid);
      return rc ? { uid: rc.metadata.uid!, scale: replicas(rc) } : undefined;
    }
    if (ref.kind === 'StatefulSet' && ref.apiVersion.startsWith('apps/')) {
      const sts = lookup(this.stsInf, ref.name, ref.uid);
      return sts ? { uid: sts.metadata.uid!, scale: replicas(sts) } : undefined;
    }
    return undefined;
  }

  /** buildDisruptedPodMap: evicted pods count as gone for 2 minutes, or until they are being deleted. */
  private buildDisruptedPods(pdb: PodDisruptionBudget, pods: Pod[], now: number): { disrupted: Record<string, string>; recheckAt?: number } {
    const disrupted: Record<string, string> = {};
    let recheckAt: number | undefined;
    const known = pdb.status?.disruptedPods;
    if (!known) return { disrupted };
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const at = known[pod.metadata.name!];
      if (at === undefined) continue;
      const expectedDeletion = (parseRFC3339(at) ?? 0) + DELETION_TIMEOUT_MS;
      if (expectedDeletion < now) {
        this.recorder.warning(pod, 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.name} to be deleted but it wasn't`);
      } else {
        if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
        disrupted[pod.metadata.name!] = at;
      }
    }
    return { disrupted, recheckAt };
  }

  private updateStatus(pdb: PodDisruptionBudget, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
    // No pods expected yet counts as "no disruption allowed": a budget whose first pods appear
    // before this controller catches up must be safe.
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = pdb.status ?? {};
    const generation = pdb.metadata.generation ?? 0;
    const disruptedOrUndefined = Object.keys(disruptedPods).length ? disruptedPods : undefined;
    if (
      s.currentHealthy === currentHealthy &&
      s.desiredHealthy === desiredHealthy &&
      s.expectedPods === expectedPods &&
      s.disruptionsAllowed === disruptionsAllowed &&
      deepEqual(s.disruptedPods ?? {}, disruptedPods) &&
      s.observedGeneration === generation &&
      conditionsUpToDate(pdb)
    ) {
      return;
    }
    const next = deepClone(pdb);
    next.status = {
      currentHealthy,
      desiredHealthy,
      expectedPods,
      disruptionsAllowed,
      disruptedPods: disruptedOrUndefined,
      observedGeneration: generation,
      conditions: deepClone(s.conditions ?? []),
    };
    const allowed = disruptionsAllowed > 0;
    setCondition(next.status.conditions!, {
      type: 'DisruptionAllowed',
      status: allowed ? 'True' : 'False',
      reason: allowed ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      observedGeneration: generation,
    }, this.clock.nowISO());
    this.client.updateStatus('poddisruptionbudgets', next);
  }

  /** failSafe: when the status cannot be computed, allow no disruption. */
  private failSafe(pdb: PodDisruptionBudget, message: string): void {
    const next = deepClone(pdb);
    next.status = { ...(next.status ?? {}), disruptionsAllowed: 0, conditions: deepClone(pdb.status?.conditions ?? []) };
    setCondition(next.status.conditions!, {
      type: 'DisruptionAllowed',
      status: 'False',
      reason: 'SyncFailed',
      message,
      observedGeneration: next.status.observedGeneration,
    }, this.clock.nowISO());
    this.client.updateStatus('poddisruptionbudgets', next);
  }
}

/** GetScaledValueFromIntOrPercent, rounding up; a malformed percentage fails the sync. */
function checkedScaledValue(v: number | string, total: number): number {
  if (typeof v === 'string' && !/^\d+%$/.test(v)) throw new SyncError(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return scaledValue(v, total, true, 0);
}

/** pdbhelper.ConditionsAreUpToDate. */
function conditionsUpToDate(pdb: PodDisruptionBudget): boolean {
  const c = pdb.status?.conditions?.find((x) => x.type === 'DisruptionAllowed');
  if (!c) return false;
  if (pdb.status?.observedGeneration !== pdb.metadata.generation) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return c.status === 'True' && c.reason === 'SufficientPods';
  return c.status === 'False' && c.reason === 'InsufficientPods';
}

/** apimeta.SetStatusCondition: the transition time moves only when the status changes. */
function setCondition(conditions: Condition[], c: Omit<Condition, 'lastTransitionTime'>, now: string): void {
  const i = conditions.findIndex((x) => x.type === c.type);
  if (i < 0) {
    conditions.push({ ...c, lastTransitionTime: now });
    return;
  }
  const old = conditions[i];
  conditions[i] = { ...c, lastTransitionTime: old.status === c.status ? old.lastTransitionTime : now };
}

/** The selector as Go's %v prints a *metav1.LabelSelector (close enough to read). */
function formatSelector(sel: PodDisruptionBudget['spec']['selector']): string {
  if (!sel) return '<nil>';
  const ml = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}:${v}`).join(' ');
  return `&LabelSelector{MatchLabels:map[string]string{${ml}},MatchExpressions:[]LabelSelectorRequirement{},}`;
}
