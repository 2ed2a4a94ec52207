// The StatefulSet controller (pkg/controller/statefulset): pods with stable names `<set>-<ordinal>`,
// stable hostnames under the governing Service, and a PersistentVolumeClaim per claim template and
// ordinal. OrderedReady creates one pod at a time, lowest ordinal first, and only once the previous
// one is Running and Ready; it deletes from the highest ordinal. Parallel does not wait. Updates
// roll from the highest ordinal down to the partition, one pod at a time (or OnDelete).

import { internalError, isApiError } from '../api/errors';
import type { KubeObject, Pod, PodTemplateSpec } from '../api/types';
import { byControllerUid, keyOf, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import {
  byRevision,
  CONTROLLER_HASH_LABEL,
  hashRevisionData,
  newControllerRevision,
  revisionName,
  templateOf,
  templatePatch,
  type ControllerRevision,
} from './controllerrevision';
import { controllerOf, isPodAvailable, isPodReady, podFromTemplate } from './podutil';

export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
    template: PodTemplateSpec;
    serviceName?: string;
    volumeClaimTemplates?: KubeObject[];
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    revisionHistoryLimit?: number;
    minReadySeconds?: number;
    ordinals?: { start?: number };
  };
  status?: Record<string, any>;
}

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
/** StatefulSet pods carry the full revision name here (apps.StatefulSetRevisionLabel). */
export const STATEFULSET_REVISION_LABEL = 'controller-revision-hash';

const ORDINAL_RE = /^(.*)-(\d+)$/;

/** getParentNameAndOrdinal: `web-2` -> ["web", 2]. */
export function parentAndOrdinal(pod: KubeObject): [string, number] {
  const m = ORDINAL_RE.exec(pod.metadata.name ?? '');
  if (!m) return ['', -1];
  const n = Number(m[2]);
  return Number.isSafeInteger(n) ? [m[1], n] : ['', -1];
}

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName: `<claim>-<set>-<ordinal>`. */
export function claimName(set: StatefulSet, claim: KubeObject, ordinal: number): string {
  return `${claim.metadata.name}-${set.metadata.name}-${ordinal}`;
}

function startOrdinal(set: StatefulSet): number {
  return set.spec.ordinals?.start ?? 0;
}

const isCreated = (p: Pod) => !!p.status?.phase;
const isFailed = (p: Pod) => p.status?.phase === 'Failed';
const isSucceeded = (p: Pod) => p.status?.phase === 'Succeeded';
const isTerminating = (p: Pod) => !!p.metadata.deletionTimestamp;
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isHealthy = (p: Pod) => isRunningAndReady(p) && !isTerminating(p);
const revisionOf = (p: Pod) => p.metadata.labels?.[STATEFULSET_REVISION_LABEL] ?? '';

export class StatefulSetController extends Controller {
  readonly name = 'statefulset-controller';
  private readonly setInf: Informer<StatefulSet>;
  private readonly podInf: Informer<Pod>;
  private readonly revInf: Informer<ControllerRevision>;
  private readonly pvcInf: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'statefulset');
    this.setInf = ctx.informers.for<StatefulSet>('statefulsets');
    this.podInf = ctx.informers.for<Pod>('pods');
    this.revInf = ctx.informers.for<ControllerRevision>('controllerrevisions');
    this.pvcInf = ctx.informers.for('persistentvolumeclaims');
  }

  register(): void {
    this.podInf.addIndex('controllerUid', byControllerUid);
    this.revInf.addIndex('controllerUid', byControllerUid);
    this.setInf.addHandlers({
      add: (s) => this.enqueue(keyOf(s)),
      update: (_, s) => this.enqueue(keyOf(s)),
      delete: (s) => this.enqueue(keyOf(s)),
    });
    const owner = (pod: Pod) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== 'StatefulSet') return;
      const set = this.setInf.getByName(pod.metadata.namespace, ref.name);
      if (set && set.metadata.uid === ref.uid) this.enqueue(keyOf(set));
    };
    this.podInf.addHandlers({ add: owner, update: (_, p) => owner(p), delete: owner });
    // Touch the PVC informer so the factory starts it (claims are read from its cache).
    this.pvcInf.addHandlers({});
  }

  reconcile(key: string): ReconcileResult {
    const set = this.setInf.get(key);
    if (!set) return;
    // Pods of this set: controlled by it and named after it.
    const pods = this.podInf
      .byIndex('controllerUid', set.metadata.uid!)
      .filter((p) => parentAndOrdinal(p)[0] === set.metadata.name);
    const revisions = this.revInf.byIndex('controllerUid', set.metadata.uid!).sort(byRevision);
    const { current, update, collisionCount } = this.revisions(set, revisions);
    const status = this.updateStatefulSet(set, current, update, collisionCount, pods);
    this.updateStatus(set, status);
    this.truncateHistory(set, pods, revisions, current, update);
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && (status.readyReplicas ?? 0) !== status.availableReplicas) return { requeueAfterMs: minReady * 1000 };
  }

  // ------------------------------------------------------------------ revisions

  /** getStatefulSetRevisions: the revision of the current template (created if new) and the current one. */
  private revisions(set: StatefulSet, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } {
    let collisionCount = set.status?.collisionCount ?? 0;
    const data = templatePatch(set.spec.template);
    const next = revisions.length ? revisions[revisions.length - 1].revision + 1 : 1;
    const equal = revisions.filter((r) => deepEqual(r.data, data));
    let update: ControllerRevision;
    if (equal.length && equal[equal.length - 1] === revisions[revisions.length - 1]) {
      // The latest revision already is the template: nothing changed.
      update = revisions[revisions.length - 1];
    } else if (equal.length) {
      // Rolling back to an older template: that revision becomes the newest.
      const upd = deepClone(equal[equal.length - 1]);
      upd.revision = next;
      update = this.client.update<ControllerRevision>('controllerrevisions', upd);
    } else {
      // history.CreateControllerRevision: on a hash collision, bump the count and try the next name.
      for (;;) {
        const hash = hashRevisionData(data, collisionCount);
        const name = revisionName(set.metadata.name!, hash);
        const labels = { ...(set.spec.template.metadata?.labels ?? {}), [CONTROLLER_HASH_LABEL]: hash };
        try {
          update = this.client.create<ControllerRevision>('controllerrevisions', newControllerRevision(set, name, labels, data, next, set.metadata.annotations));
          break;
        } catch (e) {
          if (!isApiError(e, 'AlreadyExists')) throw e;
          const existing = this.client.get<ControllerRevision>('controllerrevisions', set.metadata.namespace, name);
          if (deepEqual(existing.data, data) && controllerOf(existing)?.uid === set.metadata.uid) {
            update = existing;
            break;
          }
          collisionCount++;
        }
      }
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** The set as of a revision (ApplyRevision): its template replaced by the revision's. */
  private applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
    const template = templateOf(rev);
    return template ? { ...set, spec: { ...set.spec, template } } : set;
  }

  // ------------------------------------------------------------------ pods

  /** newStatefulSetPod: template, identity (name, labels, hostname, subdomain) and storage. */
  private newPod(set: StatefulSet, ordinal: number): Pod {
    const pod = podFromTemplate(set.spec.template, set, `${set.metadata.name}-`);
    pod.metadata.name = podName(set, ordinal);
    delete pod.metadata.generateName;
    pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [POD_NAME_LABEL]: pod.metadata.name, [POD_INDEX_LABEL]: String(ordinal) };
    pod.spec.hostname = pod.metadata.name;
    if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
    this.updateStorage(set, pod, ordinal);
    return pod;
  }

  /** newVersionedStatefulSetPod: ordinals below the partition stay at the current revision. */
  private newVersionedPod(currentSet: StatefulSet, updateSet: StatefulSet, currentRev: string, updateRev: string, ordinal: number): Pod {
    const s = currentSet.spec.updateStrategy;
    const rolling = (s?.type ?? 'RollingUpdate') === 'RollingUpdate';
    const start = startOrdinal(currentSet);
    // Upstream's condition, operator precedence included: (rolling && no-partition && below current) || (partition && below it).
    if ((rolling && s?.rollingUpdate === undefined && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
      (s?.rollingUpdate !== undefined && ordinal < start + (s.rollingUpdate.partition ?? 0))) {
      const pod = this.newPod(currentSet, ordinal);
      pod.metadata.labels![STATEFULSET_REVISION_LABEL] = currentRev;
      return pod;
    }
    const pod = this.newPod(updateSet, ordinal);
    pod.metadata.labels![STATEFULSET_REVISION_LABEL] = updateRev;
    return pod;
  }

  /** updateStorage: one volume per claim template, pointing at this ordinal's claim. */
  private updateStorage(set: StatefulSet, pod: Pod, ordinal: number): void {
    const templates = set.spec.volumeClaimTemplates ?? [];
    if (!templates.length) return;
    const names = new Set(templates.map((t) => t.metadata.name));
    const volumes = (pod.spec.volumes ?? []).filter((v) => !names.has(v.name));
    for (const t of templates) volumes.push({ name: t.metadata.name, persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } });
    pod.spec.volumes = volumes;
  }

  /** getPersistentVolumeClaims: the claims a pod of this ordinal uses, labelled with the set's selector. */
  private claimsFor(set: StatefulSet, ordinal: number): KubeObject[] {
    return (set.spec.volumeClaimTemplates ?? []).map((t) => {
      const c = deepClone(t);
      return {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: {
          name: claimName(set, t, ordinal),
          namespace: set.metadata.namespace,
          labels: { ...(c.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
          annotations: c.metadata.annotations,
        },
        spec: c.spec,
      };
    });
  }

  /**
   * createPersistentVolumeClaims: create the pod's missing claims. Binding is not simulated here:
   * the claims stay as the API stores them until a volume provisioner sets their phase.
   */
  private createClaims(set: StatefulSet, pod: Pod, ordinal: number): void {
    for (const claim of this.claimsFor(set, ordinal)) {
      const existing = this.pvcInf.getByName(claim.metadata.namespace, claim.metadata.name!) ?? this.client.tryGet('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!);
      if (existing) {
        if (existing.metadata.deletionTimestamp) {
          // Wait (and retry with backoff) until the old claim is gone.
          this.recorder.warning(set, 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: pvc ${claim.metadata.name} is being deleted`);
          throw internalError(`pvc ${claim.metadata.name} is being deleted`);
        }
        continue;
      }
      try {
        this.client.create('persistentvolumeclaims', claim);
        this.recorder.normal(set, 'SuccessfulCreate', `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
      } catch (e) {
        if (isApiError(e, 'AlreadyExists')) continue;
        if (!isApiError(e)) throw e;
        this.recorder.warning(set, 'FailedCreate', `create Claim ${claim.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`);
        throw e;
      }
    }
  }

  private createPod(set: StatefulSet, pod: Pod, ordinal: number): void {
    this.createClaims(set, pod, ordinal);
    try {
      this.client.create('pods', pod);
      this.recorder.normal(set, 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (e) {
      if (isApiError(e, 'AlreadyExists')) return;
      if (!isApiError(e)) throw e;
      this.recorder.warning(set, 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`);
      throw e;
    }
  }

  private deletePod(set: StatefulSet, pod: Pod): void {
    try {
      this.client.delete('pods', pod.metadata.namespace, pod.metadata.name!);
      this.recorder.normal(set, 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      if (!isApiError(e)) throw e;
      this.recorder.warning(set, 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`);
      throw e;
    }
  }

  /** identityMatches && storageMatches, or bring the pod back to its identity (UpdateStatefulPod). */
  private fixIdentity(set: StatefulSet, pod: Pod): void {
    const [, ordinal] = parentAndOrdinal(pod);
    const labels = pod.metadata.labels ?? {};
    const identityOk = labels[POD_NAME_LABEL] === pod.metadata.name && labels[POD_INDEX_LABEL] === String(ordinal);
    const want = new Map((set.spec.volumeClaimTemplates ?? []).map((t) => [t.metadata.name, claimName(set, t, ordinal)]));
    const storageOk = [...want].every(([vol, claim]) => (pod.spec.volumes ?? []).some((v) => v.name === vol && v.persistentVolumeClaim?.claimName === claim));
    if (identityOk && storageOk) return;
    const upd = deepClone(pod);
    upd.metadata.labels = { ...labels, [POD_NAME_LABEL]: pod.metadata.name!, [POD_INDEX_LABEL]: String(ordinal) };
    try {
      this.client.update('pods', upd);
      this.recorder.normal(set, 'SuccessfulUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      this.recorder.warning(set, 'FailedUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${e.message}`);
      throw e;
    }
  }

  /** updateStatefulSet (stateful_set_control.go): one pass of create / wait / delete / update. */
  private updateStatefulSet(set: StatefulSet, currentRev: ControllerRevision, updateRev: ControllerRevision, collisionCount: number, pods: Pod[]): Record<string, any> {
    const currentSet = this.applyRevision(set, currentRev);
    const updateSet = this.applyRevision(set, updateRev);
    const replicaCount = set.spec.replicas ?? 1;
    const start = startOrdinal(set);
    const end = start + replicaCount;
    const minReady = set.spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    const status: Record<string, any> = {
      observedGeneration: set.metadata.generation,
      replicas: 0,
      readyReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      availableReplicas: 0,
      currentRevision: currentRev.metadata.name,
      updateRevision: updateRev.metadata.name,
      collisionCount,
    };
    const replicas: (Pod | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: Pod[] = [];
    for (const pod of pods) {
      status.replicas++;
      if (isRunningAndReady(pod)) {
        status.readyReplicas++;
        if (isPodAvailable(pod, minReady, now)) status.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        if (revisionOf(pod) === currentRev.metadata.name) status.currentReplicas++;
        if (revisionOf(pod) === updateRev.metadata.name) status.updatedReplicas++;
      }
      const [, ord] = parentAndOrdinal(pod);
      if (ord >= start && ord < end) replicas[ord - start] = pod;
      else if (ord >= 0) condemned.push(pod);
    }
    for (let i = 0; i < replicaCount; i++) {
      if (!replicas[i]) replicas[i] = this.newVersionedPod(currentSet, updateSet, currentRev.metadata.name!, updateRev.metadata.name!, i + start);
    }
    // Highest ordinal first.
    condemned.sort((a, b) => parentAndOrdinal(b)[1] - parentAndOrdinal(a)[1]);
    let firstUnhealthy: Pod | undefined;
    for (const p of replicas as Pod[]) if (!firstUnhealthy && !isHealthy(p)) firstUnhealthy = p;
    for (const p of condemned) if (!firstUnhealthy && !isHealthy(p)) firstUnhealthy = p;
    if (set.metadata.deletionTimestamp) return status;

    const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
    const available = (p: Pod) => isRunningAndReady(p) && isPodAvailable(p, minReady, now);

    // Returns true to stop this pass (OrderedReady waits for this replica).
    const processReplica = (i: number): boolean => {
      const pod = replicas[i]!;
      const ordinal = i + start;
      if (isFailed(pod) || isSucceeded(pod)) {
        if (isFailed(pod)) {
          this.recorder.warning(set, 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`);
        } else {
          this.recorder.normal(set, 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata.name}`);
        }
        if (!pod.metadata.deletionTimestamp) this.deletePod(set, pod);
        // The replacement is created on the next sync, once the old pod is gone.
        return true;
      }
      if (!isCreated(pod)) {
        this.createPod(set, pod, ordinal);
        status.replicas++;
        if (revisionOf(pod) === currentRev.metadata.name) status.currentReplicas++;
        if (revisionOf(pod) === updateRev.metadata.name) status.updatedReplicas++;
        return monotonic;
      }
      if (pod.status?.phase === 'Pending') {
        // Recreate claims someone deleted while the pod waits.
        this.createClaims(set, pod, ordinal);
      }
      if (isTerminating(pod) && monotonic) return true;
      if (!isRunningAndReady(pod) && monotonic) return true;
      if (!available(pod) && monotonic) return true;
      this.fixIdentity(set, pod);
      return false;
    };
    for (let i = 0; i < replicaCount; i++) {
      if (processReplica(i) && monotonic) return status;
    }

    // Condemned pods go highest ordinal first; OrderedReady one at a time and only when healthy.
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return status;
        continue;
      }
      if (!isRunningAndReady(pod) && monotonic && pod !== firstUnhealthy) return status;
      if (!available(pod) && monotonic && pod !== firstUnhealthy) return status;
      this.deletePod(set, pod);
      if (monotonic) return status;
    }

    if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'OnDelete') return status;

    // RollingUpdate: from the highest ordinal down to the partition, one pod at a time.
    const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const updateMin = partition;
    for (let target = replicaCount - 1; target >= updateMin; target--) {
      const pod = replicas[target]!;
      if (revisionOf(pod) !== updateRev.metadata.name && !isTerminating(pod)) {
        this.deletePod(set, pod);
        status.currentReplicas--;
        return status;
      }
      if (!isHealthy(pod)) return status;
    }
    return status;
  }

  /** updateStatefulSetStatus: complete a finished rollout, write status if it changed. */
  private updateStatus(set: StatefulSet, status: Record<string, any>): void {
    const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    const next = {
      ...(set.status ?? {}),
      ...status,
      // omitempty counters are absent at zero, as the API serialises them.
      readyReplicas: status.readyReplicas || undefined,
      currentReplicas: status.currentReplicas || undefined,
      updatedReplicas: status.updatedReplicas || undefined,
    };
    if (deepEqual(next, set.status ?? {})) return;
    const upd = deepClone(set);
    upd.status = next;
    try {
      this.client.updateStatus('statefulsets', upd);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  /** truncateHistory: keep revisionHistoryLimit unused revisions besides the current and update ones. */
  private truncateHistory(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): void {
    const live = new Set<string>([current.metadata.name!, update.metadata.name!]);
    for (const p of pods) live.add(revisionOf(p));
    const history = revisions.filter((r) => !live.has(r.metadata.name!));
    const limit = set.spec.revisionHistoryLimit ?? 10;
    for (const r of history.slice(0, Math.max(0, history.length - limit))) {
      try {
        this.client.delete('controllerrevisions', r.metadata.namespace, r.metadata.name!);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    }
  }
}
