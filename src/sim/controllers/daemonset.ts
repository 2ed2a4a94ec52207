// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node. The controller
// decides eligibility itself (node selector / affinity, taints vs tolerations) and, as since 1.12,
// leaves placement to the default scheduler by giving each pod a required node affinity on
// `metadata.name`. Templates are versioned as ControllerRevisions (`<ds>-<hash>`); updates roll
// out with maxUnavailable / maxSurge, or wait for deletions (OnDelete).

import { isApiError } from '../api/errors';
import type { KubeObject, Node, Pod, PodSpec, PodTemplateSpec, Toleration } from '../api/types';
import type { TimerId } from '../clock';
import { byControllerUid, keyOf, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import {
  byRevision,
  computeHash,
  CONTROLLER_REVISION_HASH_LABEL,
  maxRevision,
  newControllerRevision,
  revisionMatches,
  templatePatch,
  type ControllerRevision,
} from './controllerrevision';
import { findUntoleratedTaint, requiredNodeAffinityMatches } from './nodefit';
import { byCreation, controllerOf, isPodAvailable, isPodReady, isPodTerminal, podFromTemplate, scaledValue } from './podutil';
import { BATCH_POD_EVENTS_FROM_REPLICAS, POD_EVENT_BATCH_MS } from './replicaset';

export interface DaemonSet extends KubeObject {
  spec: {
    selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    template: PodTemplateSpec;
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: Record<string, any>;
}

/** Pod label with the DaemonSet's template generation (extensions.DaemonSetTemplateGenerationKey). */
export const POD_TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** Annotation the API server keeps with the template generation (apps.DeprecatedTemplateGeneration). */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** Pods created per sync at most (the controller's burstReplicas). */
const BURST_REPLICAS = 250;
/** Failed daemon pods are replaced with a per-node backoff: 1 s doubling to 15 min. */
const FAILED_POD_BACKOFF_MS = 1000;
const FAILED_POD_BACKOFF_MAX_MS = 15 * 60 * 1000;

/**
 * util.AddOrUpdateDaemonPodTolerations: DaemonSet pods survive node problems (NoExecute, no
 * tolerationSeconds) and tolerate the TaintNodesByCondition taints.
 */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const add = (t: Toleration) => {
    const list = spec.tolerations ?? (spec.tolerations = []);
    const i = list.findIndex((x) => (x.key ?? '') === t.key && (x.operator ?? 'Equal') === t.operator && (x.value ?? '') === '' && (x.effect ?? '') === t.effect);
    if (i >= 0) list[i] = t;
    else list.push(t);
  };
  add({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });
  add({ key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' });
  add({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
  if (spec.hostNetwork) add({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: pin the pod to one node for the scheduler. */
export function pinToNode(spec: PodSpec, nodeName: string): void {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: [nodeName] }] };
  const affinity = spec.affinity ?? (spec.affinity = {});
  const na = affinity.nodeAffinity ?? (affinity.nodeAffinity = {});
  na.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: [term] };
}

/** util.GetTargetNodeName: spec.nodeName, or the node the affinity pins the pod to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}

export interface NodeVerdict {
  /** A daemon pod should be created here. */
  shouldRun: boolean;
  /** An existing daemon pod may stay (it tolerates the NoExecute taints). */
  shouldContinueRunning: boolean;
}

/** NodeShouldRunDaemonPod, prepared once per DaemonSet and applied to each node. */
export function daemonNodePredicate(ds: DaemonSet): (node: Node) => NodeVerdict {
  const spec = deepClone(ds.spec.template.spec);
  addDaemonPodTolerations(spec);
  const probe = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec } as Pod;
  const wantedNode = ds.spec.template.spec.nodeName;
  return (node) => {
    if (wantedNode && wantedNode !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
    if (!requiredNodeAffinityMatches(probe, node)) return { shouldRun: false, shouldContinueRunning: false };
    const taints = node.spec?.taints;
    const untolerated = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
    if (!untolerated) return { shouldRun: true, shouldContinueRunning: true };
    // Scheduled daemon pods keep running unless a NoExecute taint is not tolerated.
    const noExecute = findUntoleratedTaint(taints, spec.tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: !noExecute };
  };
}

function templateGeneration(ds: DaemonSet): string | undefined {
  const a = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (a !== undefined) return /^\d+$/.test(a) ? a : undefined;
  // The API server keeps this annotation; without it, the object's generation is the best stand-in.
  return ds.metadata.generation !== undefined ? String(ds.metadata.generation) : undefined;
}

/**
 * util.IsPodUpdated: the pod has the current hash, or (legacy pods without a hash label) the
 * current template generation. Upstream also accepts a generation match on hashed pods; we trust
 * the hash when there is one, so a template-generation annotation the API server did not bump
 * cannot stall a rollout.
 */
function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const podHash = labels[CONTROLLER_REVISION_HASH_LABEL];
  if (hash !== '' && podHash === hash) return true;
  return podHash === undefined && generation !== undefined && labels[POD_TEMPLATE_GENERATION_LABEL] === generation;
}

/** podByCreationTimestampAndPhase: running pods before others of the same age. */
function oldestFirst(a: Pod, b: Pod): number {
  return byCreation(a, b);
}

export class DaemonSetController extends Controller {
  readonly name = 'daemonset-controller';
  private readonly dsInf: Informer<DaemonSet>;
  private readonly podInf: Informer<Pod>;
  private readonly nodeInf: Informer<Node>;
  private readonly revInf: Informer<ControllerRevision>;
  /** Eligibility predicates per DaemonSet, rebuilt when the DaemonSet changes. */
  private readonly predicates = new Map<string, { rv: string | undefined; fn: (n: Node) => NodeVerdict }>();
  /** Failed-pod replacement backoff per DaemonSet uid and node. */
  private readonly failedBackoff = new Map<string, { delayMs: number; at: number }>();
  /** Big DaemonSets whose pod events wait for one coalesced sync (see enqueueOwner). */
  private readonly batched = new Set<string>();
  private batchTimer?: TimerId;

  constructor(ctx: ControllerContext) {
    super(ctx, 'daemonset');
    this.dsInf = ctx.informers.for<DaemonSet>('daemonsets');
    this.podInf = ctx.informers.for<Pod>('pods');
    this.nodeInf = ctx.informers.for<Node>('nodes');
    this.revInf = ctx.informers.for<ControllerRevision>('controllerrevisions');
  }

  register(): void {
    this.podInf.addIndex('controllerUid', byControllerUid);
    this.revInf.addIndex('controllerUid', byControllerUid);
    this.dsInf.addHandlers({
      add: (ds) => this.enqueue(keyOf(ds)),
      update: (_, ds) => this.enqueue(keyOf(ds)),
      delete: (ds) => {
        this.predicates.delete(ds.metadata.uid!);
        this.enqueue(keyOf(ds));
      },
    });
    const owner = (pod: Pod) => this.enqueueOwner(pod);
    this.podInf.addHandlers({
      add: owner,
      update: (old, cur) => {
        owner(cur);
        if (controllerOf(old)?.uid !== controllerOf(cur)?.uid) owner(old);
      },
      delete: owner,
    });
    this.nodeInf.addHandlers({
      add: (node) => {
        for (const ds of this.dsInf.list()) if (this.predicate(ds)(node).shouldRun) this.enqueue(keyOf(ds));
      },
      update: (old, cur) => {
        // Heartbeats and status changes do not change eligibility: ignore them cheaply.
        if (deepEqual(old.metadata.labels, cur.metadata.labels) && deepEqual(old.spec, cur.spec)) return;
        for (const ds of this.dsInf.list()) {
          const p = this.predicate(ds);
          if (!deepEqual(p(old), p(cur))) this.enqueue(keyOf(ds));
        }
      },
      delete: () => {
        for (const ds of this.dsInf.list()) this.enqueue(keyOf(ds));
      },
    });
  }

  private predicate(ds: DaemonSet): (n: Node) => NodeVerdict {
    const cached = this.predicates.get(ds.metadata.uid!);
    if (cached && cached.rv === ds.metadata.resourceVersion) return cached.fn;
    const fn = daemonNodePredicate(ds);
    this.predicates.set(ds.metadata.uid!, { rv: ds.metadata.resourceVersion, fn });
    return fn;
  }

  /**
   * Sync the DaemonSet of a pod that changed. A sync costs O(nodes + pods of the DaemonSet), and
   * on a big cluster a DaemonSet's pods change in a stream (created, bound, started, ready on
   * every node): for DaemonSets on many nodes, the events of a quarter second collapse into one
   * sync, as the work queue of a busy real controller collapses them while its workers are
   * occupied (the same batching as big ReplicaSets). Small DaemonSets sync at once.
   */
  private enqueueOwner(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'DaemonSet') return;
    const ds = this.dsInf.getByName(pod.metadata.namespace, ref.name);
    if (!ds || ds.metadata.uid !== ref.uid) return;
    const key = keyOf(ds);
    if ((ds.status?.desiredNumberScheduled ?? 0) < BATCH_POD_EVENTS_FROM_REPLICAS) return this.enqueue(key);
    this.batched.add(key);
    this.batchTimer ??= this.clock.schedule(() => {
      this.batchTimer = undefined;
      for (const k of this.batched) this.enqueue(k);
      this.batched.clear();
    }, POD_EVENT_BATCH_MS, `${this.name}: pod events`);
  }

  reconcile(key: string): ReconcileResult {
    const ds = this.dsInf.get(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const nodes = this.nodeInf.list();
    const { cur, old } = this.constructHistory(ds);
    const hash = cur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    const predicate = this.predicate(ds);
    // Our own writes reach the informer only after this reconcile (watch events are delivered
    // later on the clock), so one view of the pods per node serves every step below.
    const nodeToPods = this.nodesToDaemonPods(ds);

    let requeueAfterMs: number | undefined;
    const requeue = (ms: number) => {
      requeueAfterMs = requeueAfterMs === undefined ? ms : Math.min(requeueAfterMs, ms);
    };
    let err: unknown;
    try {
      const changed = this.manage(ds, nodes, nodeToPods, hash, predicate, requeue);
      // Like upstream's expectations: roll only once the informer has seen manage's own writes.
      if (changed === 0 && (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollingUpdate(ds, nodes, nodeToPods, hash, predicate);
      this.cleanupHistory(ds, old);
    } catch (e) {
      if (!isApiError(e)) throw e;
      err = e;
    }
    const statusRequeue = this.updateStatus(ds, nodes, nodeToPods, hash, predicate);
    if (statusRequeue !== undefined) requeue(statusRequeue);
    if (err) throw err;
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  // ------------------------------------------------------------------ pods per node

  /** getNodesToDaemonPods: the DaemonSet's pods by target node (deleted terminal pods are done with). */
  private nodesToDaemonPods(ds: DaemonSet, includeDeletedTerminal = false): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const pod of this.podInf.byIndex('controllerUid', ds.metadata.uid!)) {
      if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      const list = out.get(node);
      if (list) list.push(pod);
      else out.set(node, [pod]);
    }
    for (const list of out.values()) list.sort(oldestFirst);
    return out;
  }

  /** Returns how many pods it created or deleted. */
  private manage(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, predicate: (n: Node) => NodeVerdict, requeue: (ms: number) => void): number {
    const nodesNeeding: string[] = [];
    const toDelete: string[] = [];
    const surge = this.allowsSurge(ds);
    const minReady = ds.spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    for (const node of nodes) {
      const name = node.metadata.name!;
      const { shouldRun, shouldContinueRunning } = predicate(node);
      const pods = nodeToPods.get(name);
      if (shouldRun && !pods) {
        nodesNeeding.push(name);
      } else if (shouldContinueRunning) {
        const running: Pod[] = [];
        for (const pod of pods ?? []) {
          if (pod.metadata.deletionTimestamp) continue;
          if (pod.status?.phase === 'Failed') {
            // The kubelet may keep rejecting the pod: replace it with a backoff, not in a hot loop.
            const bkey = `${ds.metadata.uid}/${name}`;
            const b = this.failedBackoff.get(bkey);
            if (b && now - b.at < b.delayMs) {
              requeue(b.delayMs - (now - b.at));
              continue;
            }
            const delayMs = !b || now - b.at > 2 * FAILED_POD_BACKOFF_MAX_MS ? FAILED_POD_BACKOFF_MS : Math.min(b.delayMs * 2, FAILED_POD_BACKOFF_MAX_MS);
            this.failedBackoff.set(bkey, { delayMs, at: now });
            this.recorder.warning(ds, 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`);
            toDelete.push(pod.metadata.name!);
          } else if (pod.status?.phase === 'Succeeded') {
            this.recorder.normal(ds, 'SucceededDaemonPod', `Found succeeded daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to delete it`);
            toDelete.push(pod.metadata.name!);
          } else {
            running.push(pod);
          }
        }
        if (!surge) {
          // More than one pod on a node: keep the oldest.
          for (let i = 1; i < running.length; i++) toDelete.push(running[i].metadata.name!);
          continue;
        }
        if (running.length <= 1) {
          if (running.length === 0 && shouldRun) nodesNeeding.push(name);
          continue;
        }
        // Surging: keep the oldest new and the oldest old pod until the new one is available.
        let oldestNew: Pod | undefined;
        let oldestOld: Pod | undefined;
        for (const pod of running) {
          if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash) {
            if (!oldestNew) {
              oldestNew = pod;
              continue;
            }
          } else if (!oldestOld) {
            oldestOld = pod;
            continue;
          }
          toDelete.push(pod.metadata.name!);
        }
        if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))) {
          toDelete.push(oldestOld.metadata.name!);
        }
      } else if (pods) {
        // Not supposed to run here any more: delete every daemon pod on the node.
        for (const pod of pods) if (!pod.metadata.deletionTimestamp) toDelete.push(pod.metadata.name!);
      }
    }
    // Pods pinned to nodes that no longer exist would never schedule (and PodGC ignores them).
    const known = new Set(nodes.map((n) => n.metadata.name!));
    for (const [node, pods] of nodeToPods) {
      if (known.has(node)) continue;
      for (const pod of pods) if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod.metadata.name!);
    }
    return this.syncNodes(ds, toDelete, nodesNeeding, hash);
  }

  /** Create daemon pods on `nodes` (slow-start batches) and delete `podsToDelete`. */
  private syncNodes(ds: DaemonSet, podsToDelete: string[], nodes: string[], hash: string): number {
    const createCount = Math.min(nodes.length, BURST_REPLICAS);
    const deleteCount = Math.min(podsToDelete.length, BURST_REPLICAS);
    let firstError: unknown;
    if (createCount > 0) {
      const template = this.podTemplate(ds, hash);
      let pos = 0;
      let batch = Math.min(createCount, 1);
      while (pos < createCount) {
        let failed = false;
        for (let i = pos; i < pos + batch; i++) {
          const pod = podFromTemplate(template, ds, `${ds.metadata.name}-`);
          pinToNode(pod.spec, nodes[i]);
          try {
            const created = this.client.create<Pod>('pods', pod);
            this.recorder.normal(ds, 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
          } catch (e) {
            if (!isApiError(e)) throw e;
            failed = true;
            firstError ??= e;
            this.recorder.warning(ds, 'FailedCreate', `Error creating: ${e.message}`);
          }
        }
        pos += batch;
        // A failing batch stops the rest: the next sync retries (controller.SlowStartInitialBatchSize).
        if (failed) break;
        batch = Math.min(2 * batch, createCount - pos);
      }
    }
    for (let i = 0; i < deleteCount; i++) {
      const name = podsToDelete[i];
      try {
        this.client.delete('pods', ds.metadata.namespace, name);
        this.recorder.normal(ds, 'SuccessfulDelete', `Deleted pod: ${name}`);
      } catch (e) {
        if (isApiError(e, 'NotFound')) continue;
        if (!isApiError(e)) throw e;
        firstError ??= e;
        this.recorder.warning(ds, 'FailedDelete', `Error deleting: ${e.message}`);
      }
    }
    if (firstError) throw firstError;
    return createCount + deleteCount;
  }

  /** util.CreatePodTemplate: tolerations, template generation and revision hash labels. */
  private podTemplate(ds: DaemonSet, hash: string): PodTemplateSpec {
    const t = deepClone(ds.spec.template);
    addDaemonPodTolerations(t.spec);
    const labels = { ...(t.metadata?.labels ?? {}) };
    const generation = templateGeneration(ds);
    if (generation !== undefined) labels[POD_TEMPLATE_GENERATION_LABEL] = generation;
    if (hash) labels[CONTROLLER_REVISION_HASH_LABEL] = hash;
    t.metadata = { ...(t.metadata ?? {}), labels };
    return t;
  }

  // ------------------------------------------------------------------ rolling update

  private allowsSurge(ds: DaemonSet): boolean {
    const s = ds.spec.updateStrategy;
    if ((s?.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
    return scaledValue(s?.rollingUpdate?.maxSurge, 1, true, 0) > 0;
  }

  /** rollingUpdate: replace old pods within maxUnavailable, or surge new ones within maxSurge. */
  private rollingUpdate(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, predicate: (n: Node) => NodeVerdict): void {
    const ru = ds.spec.updateStrategy?.rollingUpdate;
    let desired = 0;
    for (const node of nodes) if (predicate(node).shouldRun) desired++;
    const maxSurge = scaledValue(ru?.maxSurge, desired, true, 0);
    let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, true, 1);
    // updatedDesiredNodeCounts: both zero would deadlock the update, so allow one unavailable.
    if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
    const minReady = ds.spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    const generation = templateGeneration(ds);
    const available = (p: Pod) => isPodAvailable(p, minReady, now);

    const byNode = [...nodeToPods.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (maxSurge === 0) {
      let numUnavailable = 0;
      const replacements: string[] = [];
      const candidates: string[] = [];
      for (const [, pods] of byNode) {
        const found = this.findUpdatedPodsOnNode(pods, hash, generation);
        if (!found) {
          numUnavailable++;
          continue;
        }
        const { newPod, oldPod } = found;
        if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
        else if (newPod) {
          if (!available(newPod)) numUnavailable++;
        } else if (oldPod) {
          if (!available(oldPod)) {
            replacements.push(oldPod.metadata.name!);
            numUnavailable++;
          } else if (numUnavailable < maxUnavailable) {
            candidates.push(oldPod.metadata.name!);
          }
        }
      }
      const remaining = Math.max(0, Math.min(maxUnavailable - numUnavailable, candidates.length));
      this.syncNodes(ds, [...replacements, ...candidates.slice(0, remaining)], [], hash);
      return;
    }

    // Surge: start a new pod beside each old one (up to maxSurge), delete the old once the new is available.
    const oldToDelete: string[] = [];
    const shouldNotRun: string[] = [];
    const candidateNodes: string[] = [];
    const allowedNodes: string[] = [];
    let numSurge = 0;
    let numAvailable = 0;
    for (const [nodeName, pods] of byNode) {
      const found = this.findUpdatedPodsOnNode(pods, hash, generation);
      if (!found) {
        numSurge++;
        continue;
      }
      const { newPod, oldPod } = found;
      if (oldPod ? available(oldPod) : newPod ? available(newPod) : false) numAvailable++;
      if (!oldPod) continue;
      const node = this.nodeInf.getByName(undefined, nodeName);
      if (!newPod) {
        const shouldRun = node ? predicate(node).shouldRun : false;
        if (!available(oldPod)) {
          if (!shouldRun) oldToDelete.push(oldPod.metadata.name!);
          else allowedNodes.push(nodeName);
        } else {
          if (!shouldRun) shouldNotRun.push(oldPod.metadata.name!);
          else if (numSurge < maxSurge) candidateNodes.push(nodeName);
        }
      } else if (!available(newPod)) {
        numSurge++;
      } else {
        oldToDelete.push(oldPod.metadata.name!);
      }
    }
    const deletable = Math.min(numAvailable - desired, shouldNotRun.length);
    if (deletable > 0) oldToDelete.push(...shouldNotRun.slice(0, deletable));
    const remainingSurge = Math.max(0, Math.min(maxSurge - numSurge, candidateNodes.length));
    this.syncNodes(ds, oldToDelete, [...allowedNodes, ...candidateNodes.slice(0, remainingSurge)], hash);
  }

  /** At most one new and one old live pod on the node, or undefined to let manage prune it. */
  private findUpdatedPodsOnNode(pods: Pod[], hash: string, generation: string | undefined): { newPod?: Pod; oldPod?: Pod } | undefined {
    let newPod: Pod | undefined;
    let oldPod: Pod | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      if (isPodUpdated(pod, hash, generation)) {
        if (newPod) return undefined;
        newPod = pod;
      } else {
        if (oldPod) return undefined;
        oldPod = pod;
      }
    }
    return { newPod, oldPod };
  }

  // ------------------------------------------------------------------ history

  /** constructHistory: find or create the revision of the current template; the rest are old. */
  private constructHistory(ds: DaemonSet): { cur: ControllerRevision; old: ControllerRevision[] } {
    const histories = this.revInf.byIndex('controllerUid', ds.metadata.uid!).sort(byRevision);
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (const h of histories) (revisionMatches(h, ds.spec.template) ? current : old).push(h);
    const next = maxRevision(old) + 1;
    let cur: ControllerRevision;
    if (current.length === 0) {
      cur = this.snapshot(ds, next);
    } else {
      // Duplicates (same template): keep the highest revision.
      cur = current[current.length - 1];
      for (const dup of current.slice(0, -1)) {
        try {
          this.client.delete('controllerrevisions', dup.metadata.namespace, dup.metadata.name!);
        } catch (e) {
          if (!isApiError(e, 'NotFound')) throw e;
        }
      }
      if (cur.revision < next) {
        const upd = deepClone(cur);
        upd.revision = next;
        cur = this.client.update<ControllerRevision>('controllerrevisions', upd);
      }
    }
    return { cur, old };
  }

  private snapshot(ds: DaemonSet, revision: number): ControllerRevision {
    const hash = computeHash(ds.spec.template, ds.status?.collisionCount);
    const name = `${ds.metadata.name}-${hash}`;
    const labels = { ...(ds.spec.template.metadata?.labels ?? {}), [CONTROLLER_REVISION_HASH_LABEL]: hash };
    const body = newControllerRevision(ds, name, labels, templatePatch(ds.spec.template), revision, ds.metadata.annotations);
    try {
      return this.client.create<ControllerRevision>('controllerrevisions', body);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
      const existing = this.client.get<ControllerRevision>('controllerrevisions', ds.metadata.namespace, name);
      if (revisionMatches(existing, ds.spec.template) && controllerOf(existing)?.uid === ds.metadata.uid) return existing;
      // A hash collision with someone else's revision: bump collisionCount and retry.
      const fresh = deepClone(this.client.get<DaemonSet>('daemonsets', ds.metadata.namespace, ds.metadata.name!));
      fresh.status = { ...(fresh.status ?? {}), collisionCount: (fresh.status?.collisionCount ?? 0) + 1 };
      this.client.updateStatus('daemonsets', fresh);
      throw e;
    }
  }

  private cleanupHistory(ds: DaemonSet, old: ControllerRevision[]): void {
    const limit = ds.spec.revisionHistoryLimit ?? 10;
    let toKill = old.length - limit;
    if (toKill <= 0) return;
    const liveHashes = new Set<string>();
    for (const pods of this.nodesToDaemonPods(ds, true).values()) {
      for (const p of pods) {
        const h = p.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL];
        if (h) liveHashes.add(h);
      }
    }
    for (const h of [...old].sort(byRevision)) {
      if (toKill <= 0) break;
      if (liveHashes.has(h.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '')) continue;
      this.client.delete('controllerrevisions', h.metadata.namespace, h.metadata.name!);
      toKill--;
    }
  }

  // ------------------------------------------------------------------ status

  /** updateDaemonSetStatus; returns a requeue delay while pods wait out minReadySeconds. */
  private updateStatus(ds: DaemonSet, nodes: Node[], nodeToPods: Map<string, Pod[]>, hash: string, predicate: (n: Node) => NodeVerdict): number | undefined {
    const now = this.clock.now();
    const minReady = ds.spec.minReadySeconds ?? 0;
    const generation = templateGeneration(ds);
    let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
    for (const node of nodes) {
      const { shouldRun } = predicate(node);
      const pods = nodeToPods.get(node.metadata.name!);
      if (shouldRun) {
        desired++;
        if (!pods) continue;
        current++;
        const pod = pods[0];
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
        }
        if (isPodUpdated(pod, hash, generation)) updated++;
      } else if (pods) {
        misscheduled++;
      }
    }
    const unavailable = desired - available;
    const s = ds.status ?? {};
    const same =
      (s.desiredNumberScheduled ?? 0) === desired &&
      (s.currentNumberScheduled ?? 0) === current &&
      (s.numberMisscheduled ?? 0) === misscheduled &&
      (s.numberReady ?? 0) === ready &&
      (s.updatedNumberScheduled ?? 0) === updated &&
      (s.numberAvailable ?? 0) === available &&
      (s.numberUnavailable ?? 0) === unavailable &&
      (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0) &&
      s.desiredNumberScheduled !== undefined;
    if (!same) {
      const upd = deepClone(ds);
      upd.status = {
        ...s,
        currentNumberScheduled: current,
        numberMisscheduled: misscheduled,
        desiredNumberScheduled: desired,
        numberReady: ready,
        observedGeneration: ds.metadata.generation,
        // omitempty fields of DaemonSetStatus are left out at zero, as the API serialises them.
        updatedNumberScheduled: updated || undefined,
        numberAvailable: available || undefined,
        numberUnavailable: unavailable || undefined,
      };
      try {
        this.client.updateStatus('daemonsets', upd);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    }
    if (minReady > 0 && ready !== available) return minReady * 1000;
    return undefined;
  }
}
