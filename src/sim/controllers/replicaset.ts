// The ReplicaSet controller (pkg/controller/replicaset): keep `spec.replicas` pods matching the
// selector. It adopts matching orphans and releases owned pods that stopped matching
// (ControllerRefManager), creates missing pods from the template in slow-start batches, deletes
// surplus pods ranked like upstream (ActivePodsWithRanks), and reports status. The same loop runs
// ReplicationControllers (see replicationcontroller.ts), as upstream's ReplicationManager does.
//
// In-process writes are synchronous but the informer hears about them later, so the controller
// keeps upstream's expectations: after creating N pods it waits to observe N pod events before
// deciding again, which is what stops it from creating the same pods twice.

import { ApiError, isApiError } from '../api/errors';
import { fromLabelSelector, matches, type Selector } from '../api/labels';
import type { KubeObject, OwnerReference, Pod, PodTemplateSpec, ReplicaSet } from '../api/types';
import type { ApiClient } from '../apiserver/apiserver';
import { parseRFC3339, type TimerId } from '../clock';
import { byNamespace, keyOf, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult, type ReconcileSteps } from './controller';
import { controllerOf, controllerRef, isPodActive, isPodReady, podFromTemplate } from './podutil';

/** Pods created or deleted per sync at most (replicaset.BurstReplicas). */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** controller.ExpectationsTimeout: expectations not met after this are ignored. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;
/** Status update retries after a conflict (statusUpdateRetries). */
const STATUS_UPDATE_RETRIES = 1;
/** Owners at least this big coalesce their pod events into one sync per batch period (see podEvent). */
export const BATCH_POD_EVENTS_FROM_REPLICAS = 64;
/** How long a big owner's pod events are gathered before one sync (virtual time). */
export const POD_EVENT_BATCH_MS = 250;

// Informer index names, shared with other controllers of the same process.
export const CONTROLLER_UID_INDEX = 'controllerUid';
export const NAMESPACE_INDEX = 'namespace';
/** Pods without a controller, by namespace: the only pods a controller may adopt. */
export const ORPHAN_NAMESPACE_INDEX = 'orphanNamespace';
export const byOrphanNamespace = (o: KubeObject) => (controllerOf(o) ? [] : [o.metadata.namespace ?? '']);
const byControllerUid = (o: KubeObject) => (o.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);

// ------------------------------------------------------------------ expectations

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** Keys of the pods whose deletion we wait to observe (UIDTrackingControllerExpectations). */
  deleteKeys: Set<string>;
}

/**
 * controller.UIDTrackingControllerExpectations: creations and deletions a controller has made but
 * not yet seen through its informer. A controller with unmet expectations does not manage pods.
 */
export class ControllerExpectations {
  private readonly map = new Map<string, Expectation>();
  constructor(private readonly now: () => number) {}

  /** Met, expired, or never set: the controller may act. */
  satisfied(key: string): boolean {
    const e = this.map.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number): void {
    this.map.set(key, { add: n, del: 0, timestamp: this.now(), deleteKeys: new Set() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.map.set(key, { add: 0, del: podKeys.length, timestamp: this.now(), deleteKeys: new Set(podKeys) });
  }

  creationObserved(key: string): void {
    const e = this.map.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.map.get(key);
    if (e && e.deleteKeys.delete(podKey)) e.del--;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** For the UI and tests: what a controller still waits for. */
  get(key: string): { add: number; del: number } | undefined {
    const e = this.map.get(key);
    return e && { add: e.add, del: e.del };
  }
}

/**
 * slowStartBatch: call `fn` `count` times in batches of 1, 2, 4, ... and stop after the first
 * batch with a failure, so a namespace without quota (or ServiceAccount) gets one failed create
 * instead of hundreds. Returns the successes and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => void): { successes: number; error?: ApiError } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: ApiError | undefined;
    // A batch runs in parallel upstream: every call of the batch is made even if one fails.
    for (let i = 0; i < batch; i++) {
      try {
        fn();
        successes++;
      } catch (e) {
        if (!isApiError(e)) throw e;
        error ??= e;
      }
    }
    if (error) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}

// ------------------------------------------------------------------ pod ranking

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function readyTime(pod: Pod): number | undefined {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'Ready' && x.status === 'True');
  return parseRFC3339(c?.lastTransitionTime);
}

function deletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.[POD_DELETION_COST];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

/** The highest restart count of regular containers, and of restartable init (sidecar) containers. */
function maxRestarts(pod: Pod): [regular: number, sidecar: number] {
  let regular = 0;
  let sidecar = 0;
  for (const s of pod.status?.containerStatuses ?? []) regular = Math.max(regular, s.restartCount ?? 0);
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const s of pod.status?.initContainerStatuses ?? []) if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount ?? 0);
  return [regular, sidecar];
}

/** logarithmicRankDiff: compare ages on a log2 scale of nanoseconds (LogarithmicScaleDown, on since 1.22). */
function logRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.trunc(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.trunc(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** afterOrZero: a zero (missing) time sorts first, then the later one. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

/**
 * controller.ActivePodsWithRanks.Less: whether pod `a` should be deleted before pod `b`.
 * Unscheduled < scheduled; Pending < Unknown < Running; not ready < ready; lower
 * pod-deletion-cost first; more co-located related pods (rank) first; ready for less time first;
 * more restarts first; newer first (both times compared on a log scale, ties by uid).
 */
export function deleteBefore(a: Pod, b: Pod, rankA: number, rankB: number, now: number): boolean {
  const na = a.spec.nodeName ?? '';
  const nb = b.spec.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na;
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  const ra = isPodReady(a);
  const rb = isPodReady(b);
  if (ra !== rb) return !ra;
  const ca = deletionCost(a);
  const cb = deletionCost(b);
  if (ca !== cb) return ca < cb;
  if (rankA !== rankB) return rankA > rankB;
  if (ra && rb) {
    const t1 = readyTime(a);
    const t2 = readyTime(b);
    if (t1 !== t2) {
      if (!t1 || !t2) return afterOrZero(t1, t2);
      const d = logRankDiff(t1, t2, now);
      if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
      return d < 0;
    }
  }
  const [ra1, sa1] = maxRestarts(a);
  const [rb1, sb1] = maxRestarts(b);
  if (ra1 !== rb1) return ra1 > rb1;
  if (sa1 !== sb1) return sa1 > sb1;
  const c1 = parseRFC3339(a.metadata.creationTimestamp);
  const c2 = parseRFC3339(b.metadata.creationTimestamp);
  if (c1 !== c2) {
    if (!c1 || !c2) return afterOrZero(c1, c2);
    const d = logRankDiff(c1, c2, now);
    if (d === 0) return (a.metadata.uid ?? '') < (b.metadata.uid ?? '');
    return d < 0;
  }
  return false;
}

/** Sort pods so that the ones to delete first come first (getPodsRankedByRelatedPodsOnSameNode). */
export function rankPodsForDeletion(pods: Pod[], relatedPods: Pod[], now: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) if (isPodActive(p)) onNode.set(p.spec.nodeName ?? '', (onNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => (deleteBefore(x.pod, y.pod, x.rank, y.rank, now) ? -1 : deleteBefore(y.pod, x.pod, y.rank, x.rank, now) ? 1 : 0));
  return ranked.map((r) => r.pod);
}

/** getPodsToDelete: the `n` pods to delete, preferring those in earlier phases of startup. */
export function getPodsToDelete(pods: Pod[], relatedPods: Pod[], n: number, now: number): Pod[] {
  if (n >= pods.length) return pods.slice(0, n);
  return rankPodsForDeletion(pods, relatedPods, now).slice(0, n);
}

/** podutil.IsPodAvailable: ready for more than minReadySeconds. */
export function isPodAvailableAt(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const t = readyTime(pod);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

// ------------------------------------------------------------------ ControllerRefManager

export interface ClaimOptions<T extends KubeObject> {
  client: ApiClient;
  owner: KubeObject;
  /** The resource of the claimed objects ('pods', 'replicasets'). */
  resource: string;
  match: (obj: T) => boolean;
  /** RecheckDeletionTimestamp: a fresh read of the owner before the first adoption. */
  canAdopt: () => boolean;
}

/**
 * ControllerRefManager.ClaimObjects: keep the objects we control that still match, adopt matching
 * orphans (if the owner is not being deleted), release the ones we control that stopped matching.
 * Writes are patches of metadata.ownerReferences with a uid precondition. Throws the first error
 * after trying every object, as upstream aggregates them.
 */
export function claimObjects<T extends KubeObject>(objs: T[], o: ClaimOptions<T>): T[] {
  const ownerUid = o.owner.metadata.uid!;
  const ownerDeleting = !!o.owner.metadata.deletionTimestamp;
  const claimed: T[] = [];
  let error: ApiError | undefined;
  let adoptable: boolean | undefined;
  for (const obj of objs) {
    const ref = controllerOf(obj);
    try {
      if (ref) {
        if (ref.uid !== ownerUid) continue;
        if (o.match(obj)) {
          claimed.push(obj);
          continue;
        }
        if (ownerDeleting) continue;
        const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
        patchOwners(o, obj, refs);
        continue;
      }
      if (ownerDeleting || !o.match(obj) || obj.metadata.deletionTimestamp) continue;
      if (obj.metadata.namespace !== o.owner.metadata.namespace) continue;
      adoptable ??= o.canAdopt();
      if (!adoptable) continue;
      const refs: OwnerReference[] = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid), controllerRef(o.owner)];
      claimed.push(patchOwners(o, obj, refs));
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.reason === 'NotFound') continue;
      error ??= e;
    }
  }
  if (error) throw error;
  return claimed;
}

function patchOwners<T extends KubeObject>(o: ClaimOptions<T>, obj: T, refs: OwnerReference[]): T {
  return o.client.patch<T>(o.resource, obj.metadata.namespace, obj.metadata.name!, 'merge', {
    metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata.uid },
  });
}

// ------------------------------------------------------------------ the controller

/** The status fields the controller computes (calculateStatus). */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas: number;
  readyReplicas: number;
  availableReplicas: number;
  observedGeneration?: number;
  conditions?: any[];
}

/** A workload the loop can run: ReplicaSet (apps/v1) or ReplicationController (v1). */
export type ReplicaOwner = ReplicaSet | (KubeObject & { spec: { replicas?: number; selector?: Record<string, string>; template?: PodTemplateSpec; minReadySeconds?: number } });

export class ReplicaSetController extends Controller {
  readonly name: string = 'replicaset-controller';
  /** The resource and kind this loop runs. */
  protected readonly resource: string = 'replicasets';
  protected readonly kind: string = 'ReplicaSet';
  readonly expectations: ControllerExpectations;
  protected readonly ownerInf: Informer<ReplicaOwner>;
  protected readonly podInf: Informer<Pod>;
  private readonly batched = new Set<string>();
  private batchTimer?: TimerId;

  constructor(ctx: ControllerContext, queueName = 'replicaset', resource = 'replicasets') {
    super(ctx, queueName);
    this.expectations = new ControllerExpectations(() => ctx.clock.now());
    this.ownerInf = ctx.informers.for<ReplicaOwner>(resource);
    this.podInf = ctx.informers.for<Pod>('pods');
  }

  /** The owner's selector; null selects nothing. */
  protected selectorOf(owner: ReplicaOwner): Selector | null {
    return fromLabelSelector((owner as ReplicaSet).spec.selector);
  }

  register(): void {
    this.ownerInf.addIndex(NAMESPACE_INDEX, byNamespace);
    this.ownerInf.addIndex(CONTROLLER_UID_INDEX, byControllerUid);
    this.podInf.addIndex(CONTROLLER_UID_INDEX, byControllerUid);
    this.podInf.addIndex(ORPHAN_NAMESPACE_INDEX, byOrphanNamespace);
    this.ownerInf.addHandlers({
      add: (rs) => this.enqueue(keyOf(rs)),
      update: (old, cur) => {
        // A delete and re-create under the same name: forget the old one's expectations.
        if (old.metadata.uid !== cur.metadata.uid) this.expectations.delete(keyOf(old));
        this.enqueue(keyOf(cur));
      },
      delete: (rs) => {
        this.expectations.delete(keyOf(rs));
        this.enqueue(keyOf(rs));
      },
    });
    this.podInf.addHandlers({
      add: (pod) => this.addPod(pod),
      update: (old, cur) => this.updatePod(old, cur),
      delete: (pod) => this.deletePod(pod),
    });
  }

  private addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // Already being deleted (a relist): not a creation we wait for.
      this.deletePod(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref) {
      const owner = this.resolveControllerRef(pod.metadata.namespace, ref);
      if (!owner) return;
      const key = keyOf(owner);
      this.expectations.creationObserved(key);
      this.podEvent(owner);
      return;
    }
    // An orphan: every matching owner may want to adopt it (no expectation is met by it).
    for (const owner of this.ownersSelecting(pod)) this.enqueue(keyOf(owner));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !deepEqual(old.metadata.labels, cur.metadata.labels);
    if (cur.metadata.deletionTimestamp) {
      // Graceful deletion started: replace the pod now, not when the kubelet is done with it.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const owner = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (owner) this.podEvent(owner);
    }
    if (curRef) {
      const owner = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (!owner) return;
      this.podEvent(owner);
      // Nothing tells us when a ready pod becomes available: look again after minReadySeconds.
      const minReady = owner.spec.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.queue.addAfter(keyOf(owner), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const owner of this.ownersSelecting(cur)) this.enqueue(keyOf(owner));
  }

  private deletePod(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const owner = this.resolveControllerRef(pod.metadata.namespace, ref);
    if (!owner) return;
    const key = keyOf(owner);
    this.expectations.deletionObserved(key, keyOf(pod));
    this.podEvent(owner);
  }

  /**
   * Sync the owner of a pod that changed. A sync costs O(pods of the owner), and a big ReplicaSet's
   * pods change in a stream (bound, pulled, started, ready): for those, the events of a quarter
   * second collapse into one sync, as the work queue of a busy real controller collapses them
   * while its workers are occupied. Small owners sync at once.
   */
  private podEvent(owner: ReplicaOwner): void {
    const key = keyOf(owner);
    if ((owner.spec.replicas ?? 1) < BATCH_POD_EVENTS_FROM_REPLICAS) return this.enqueue(key);
    this.batched.add(key);
    this.batchTimer ??= this.clock.schedule(() => {
      this.batchTimer = undefined;
      for (const k of this.batched) this.enqueue(k);
      this.batched.clear();
    }, POD_EVENT_BATCH_MS, `${this.name}: pod events`);
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): ReplicaOwner | undefined {
    if (ref.kind !== this.kind) return undefined;
    const owner = this.ownerInf.getByName(namespace, ref.name);
    return owner && owner.metadata.uid === ref.uid ? owner : undefined;
  }

  /** Owners in the pod's namespace whose selector matches it (GetPodReplicaSets). */
  private ownersSelecting(pod: Pod): ReplicaOwner[] {
    if (!pod.metadata.labels) return [];
    return this.ownerInf.byIndex(NAMESPACE_INDEX, pod.metadata.namespace ?? '').filter((o) => matches(this.selectorOf(o), pod.metadata.labels));
  }

  reconcile(key: string): ReconcileResult {
    const steps = this.reconcileSteps(key);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * syncReplicaSet, phase by phase (step mode shows each): read the owner and claim its pods from
   * the informer caches, diff the active pods against spec.replicas, create or delete pods (only
   * once earlier creations and deletions have been observed), then update the status.
   */
  protected override *reconcileSteps(key: string): ReconcileSteps {
    const owner = this.ownerInf.get(key);
    if (!owner) {
      this.expectations.delete(key);
      yield { phase: 'read', detail: `${this.kind.toLowerCase()} ${key} is gone: nothing to do` };
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const selector = this.selectorOf(owner);
    if (selector === null) {
      yield { phase: 'read', detail: 'an invalid selector matches nothing: nothing to do' };
      return;
    }

    // Pods we control plus orphans we may adopt; finished and terminating pods do not count.
    const candidates = [
      ...this.podInf.byIndex(CONTROLLER_UID_INDEX, owner.metadata.uid!),
      ...this.podInf.byIndex(ORPHAN_NAMESPACE_INDEX, owner.metadata.namespace ?? ''),
    ].filter(isPodActive);
    const pods = claimObjects(candidates, {
      client: this.client,
      owner,
      resource: 'pods',
      match: (p) => matches(selector, p.metadata.labels),
      canAdopt: () => this.recheckNotDeleted(owner),
    });
    const want = owner.spec.replicas ?? 1;
    yield { phase: 'read', detail: `spec.replicas ${want}; ${pods.length} active pod${pods.length === 1 ? '' : 's'} claimed (informer cache)` };

    const manage = needsSync && !owner.metadata.deletionTimestamp;
    const diff = pods.length - want;
    yield {
      phase: 'diff',
      detail: !manage
        ? owner.metadata.deletionTimestamp
          ? 'being deleted: no pods created or deleted'
          : 'still expecting earlier creations/deletions to be observed: no pods created or deleted'
        : diff < 0
          ? `${-diff} too few: create ${Math.min(-diff, BURST_REPLICAS)}`
          : diff > 0
            ? `${diff} too many: delete ${Math.min(diff, BURST_REPLICAS)}`
            : 'as many pods as wanted',
    };

    let manageErr: ApiError | undefined;
    if (manage) {
      try {
        this.manageReplicas(key, pods, owner);
      } catch (e) {
        if (!isApiError(e)) throw e;
        manageErr = e;
      }
      if (diff !== 0) yield { phase: 'manage', detail: manageErr ? `failed: ${manageErr.message}` : diff < 0 ? `created ${Math.min(-diff, BURST_REPLICAS)} pod(s)` : `deleted ${Math.min(diff, BURST_REPLICAS)} pod(s)` };
    }
    const status = calculateStatus(owner, pods, manageErr, this.clock.now(), this.clock.nowISO());
    const updated = this.updateStatus(owner, status);
    const st = updated.status;
    yield { phase: 'status', detail: `replicas ${st?.replicas ?? 0}, ready ${st?.readyReplicas ?? 0}, available ${st?.availableReplicas ?? 0}` };
    if (manageErr) throw manageErr;
    // A last line of defence: look again once the ready pods should have become available.
    const minReady = updated.spec.minReadySeconds ?? 0;
    const wanted = updated.spec.replicas ?? 1;
    if (minReady > 0 && (updated.status?.readyReplicas ?? 0) === wanted && (updated.status?.availableReplicas ?? 0) !== wanted) {
      return { requeueAfterMs: minReady * 1000 };
    }
  }

  private recheckNotDeleted(owner: ReplicaOwner): boolean {
    const fresh = this.client.tryGet(this.resource, owner.metadata.namespace, owner.metadata.name!);
    return !!fresh && fresh.metadata.uid === owner.metadata.uid && !fresh.metadata.deletionTimestamp;
  }

  /** Create or delete pods so that `pods` (active, claimed) reaches spec.replicas. */
  private manageReplicas(key: string, pods: Pod[], owner: ReplicaOwner): void {
    const diff = pods.length - (owner.spec.replicas ?? 1);
    if (diff < 0) {
      const template = owner.spec.template;
      if (!template) return;
      const n = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, n);
      const { successes, error } = slowStartBatch(n, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(owner, template));
      // Pods never attempted will not be observed: stop waiting for them.
      for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
      if (error) throw error;
    } else if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = getPodsToDelete(pods, this.indirectlyRelatedPods(owner), n, this.clock.now());
      this.expectations.expectDeletions(key, victims.map((p) => keyOf(p)));
      let error: ApiError | undefined;
      for (const pod of victims) {
        try {
          this.client.delete('pods', pod.metadata.namespace, pod.metadata.name!);
          this.recorder.normal(owner, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        } catch (e) {
          if (!isApiError(e)) throw e;
          // The informer will not observe this deletion.
          this.expectations.deletionObserved(key, keyOf(pod));
          if (e.reason === 'NotFound') continue;
          this.recorder.warning(owner, 'FailedDelete', `Error deleting: ${e.message}`);
          error ??= e;
        }
      }
      if (error) throw error;
    }
  }

  /** RealPodControl.CreatePods: one pod from the template, owned by `owner`, with its events. */
  private createPod(owner: ReplicaOwner, template: PodTemplateSpec): void {
    const pod = podFromTemplate(template, owner, `${owner.metadata.name}-`);
    try {
      const created = this.client.create<Pod>('pods', pod, { namespace: owner.metadata.namespace });
      this.recorder.normal(owner, 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      // In a terminating namespace every create fails: nothing to report, nothing to retry.
      if (isNamespaceTerminating(e)) return;
      this.recorder.warning(owner, 'FailedCreate', `Error creating: ${e.message}`);
      throw e;
    }
  }

  /** Pods of every ReplicaSet with the same controller (a Deployment's other revisions). */
  private indirectlyRelatedPods(owner: ReplicaOwner): Pod[] {
    const ref = controllerOf(owner);
    if (!ref) return [];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const rs of this.ownerInf.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      for (const pod of this.podInf.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid!)) {
        if (seen.has(pod.metadata.uid!)) continue;
        seen.add(pod.metadata.uid!);
        out.push(pod);
      }
    }
    return out;
  }

  /** updateReplicaSetStatus: write status when it changed, retrying once after a conflict. */
  private updateStatus(owner: ReplicaOwner, status: ReplicaStatus): ReplicaOwner {
    const cur = owner.status ?? {};
    if (
      (cur.replicas ?? 0) === status.replicas &&
      (cur.fullyLabeledReplicas ?? 0) === status.fullyLabeledReplicas &&
      (cur.readyReplicas ?? 0) === status.readyReplicas &&
      (cur.availableReplicas ?? 0) === status.availableReplicas &&
      (owner.metadata.generation ?? 0) === (cur.observedGeneration ?? 0) &&
      deepEqual(cur.conditions ?? [], status.conditions ?? [])
    ) {
      return owner;
    }
    let target: ReplicaOwner = owner;
    for (let i = 0; ; i++) {
      const body = deepClone(target);
      body.status = statusJSON({ ...status, observedGeneration: owner.metadata.generation });
      try {
        return this.client.updateStatus<ReplicaOwner>(this.resource, body);
      } catch (e) {
        if (!isApiError(e) || i >= STATUS_UPDATE_RETRIES) throw e;
        target = this.client.get<ReplicaOwner>(this.resource, owner.metadata.namespace, owner.metadata.name!);
      }
    }
  }
}

function isNamespaceTerminating(e: ApiError): boolean {
  return e.reason === 'Forbidden' && /because it is being terminated/.test(e.message);
}

/** calculateStatus: counts over the active pods the controller claimed (before this sync's changes). */
export function calculateStatus(owner: ReplicaOwner, pods: Pod[], manageErr: ApiError | undefined, now: number, nowISO: string): ReplicaStatus {
  const templateLabels = Object.entries(owner.spec.template?.metadata?.labels ?? {});
  const minReady = owner.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  // A sync of a big ReplicaSet counts thousands of pods: the template's labels are listed once.
  const hasTemplateLabels = (labels: Record<string, string>) => {
    for (const [k, v] of templateLabels) if (labels[k] !== v) return false;
    return true;
  };
  for (const pod of pods) {
    if (hasTemplateLabels(pod.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailableAt(pod, minReady, now)) available++;
    }
  }
  let conditions: any[] = [...(owner.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageErr && !failure) {
    const diff = pods.length - (owner.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowISO, reason, message: manageErr.message });
  } else if (!manageErr && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    conditions: conditions.length ? conditions : undefined,
  };
}

/** The status as the API serialises it: `replicas` always, the other counts only when non-zero. */
function statusJSON(s: ReplicaStatus): Record<string, unknown> {
  const out: Record<string, unknown> = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}
