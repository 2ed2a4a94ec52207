// The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go): activeQ ordered by
// PrioritySort (priority desc, then time queued), backoffQ (1 s initial, doubling per attempt,
// 10 s max), and unschedulable pods that wait for a cluster event one of their rejecting plugins
// cares about (or 5 minutes, podMaxInUnschedulablePodsDuration, checked every 30 s).
// Upstream flushes completed backoffs every second; here a timer fires exactly at expiry.

import type { Pod } from '../api/types';
import { deepEqual } from '../util/json';
import type { Clock, TimerId } from '../clock';
import { KeyedHeap } from './heap';
import type { PodInfo } from './podinfo';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_MS = 5 * 60 * 1000;
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000;

export interface QueuedPodInfo {
  key: string;
  pod: Pod;
  /** When it was (re-)added to the queue: PrioritySort's tie-breaker and the backoff's start. */
  timestamp: number;
  seq: number;
  attempts: number;
  initialAttemptTimestamp?: number;
  /** Plugins that rejected it in its last attempt. */
  unschedulablePlugins: Set<string>;
}

export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeUpdate'
  | 'NodeDelete'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'PersistentVolumeClaimChange'
  | 'PersistentVolumeChange'
  | 'StorageClassChange'
  | 'UnschedulableTimeout';

/** The cluster events each plugin registers (EventsToRegister): which may make its rejects schedulable. */
export const PLUGIN_EVENTS: Record<string, ClusterEvent[]> = {
  NodeUnschedulable: ['NodeAdd', 'NodeUpdate'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeUpdate'],
  NodeAffinity: ['NodeAdd', 'NodeUpdate'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeUpdate', 'AssignedPodDelete'],
  VolumeRestrictions: ['NodeAdd', 'AssignedPodDelete', 'PersistentVolumeClaimChange'],
  NodeVolumeLimits: ['NodeAdd', 'AssignedPodDelete', 'PersistentVolumeClaimChange', 'PersistentVolumeChange'],
  VolumeBinding: ['NodeAdd', 'NodeUpdate', 'PersistentVolumeClaimChange', 'PersistentVolumeChange', 'StorageClassChange'],
  VolumeZone: ['NodeAdd', 'NodeUpdate', 'PersistentVolumeClaimChange', 'PersistentVolumeChange', 'StorageClassChange'],
  PodTopologySpread: ['NodeAdd', 'NodeUpdate', 'NodeDelete', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeUpdate', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
};

/** PrioritySort.Less: higher priority first, then earlier queue time (then arrival, for determinism). */
export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = a.pod.spec.priority ?? 0;
  const pb = b.pod.spec.priority ?? 0;
  if (pa !== pb) return pa > pb;
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
  return a.seq < b.seq;
}

/** calculateBackoffDuration: 1 s doubled for each attempt after the first, capped at 10 s. */
export function backoffDuration(attempts: number, initial = INITIAL_BACKOFF_MS, max = MAX_BACKOFF_MS): number {
  let d = initial;
  for (let i = 1; i < attempts; i++) {
    if (d > max - d) return max;
    d += d;
  }
  return d;
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods' | 'inFlight';

export class SchedulingQueue {
  private readonly activeQ = new KeyedHeap<QueuedPodInfo>((q) => q.key, prioritySortLess);
  private readonly backoffQ = new KeyedHeap<QueuedPodInfo>((q) => q.key, (a, b) => {
    const ea = this.backoffTime(a);
    const eb = this.backoffTime(b);
    return ea !== eb ? ea < eb : a.seq < b.seq;
  });
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, QueuedPodInfo>();
  private seq = 0;
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private backoffTimer?: { id: TimerId; at: number };
  private flushTimer?: TimerId;
  /** Nominated pods (status.nominatedNodeName) by node: they keep room on it (PodNominator). */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominatedNode = new Map<string, string>();
  /** Called whenever a pod enters activeQ. */
  onActive?: () => void;

  constructor(private readonly clock: Clock) {}

  get cycle(): number {
    return this.schedulingCycle;
  }

  get activeLength(): number {
    return this.activeQ.size;
  }

  get length(): number {
    return this.activeQ.size + this.backoffQ.size + this.unschedulable.size;
  }

  where(key: string): QueueName | undefined {
    if (this.activeQ.has(key)) return 'activeQ';
    if (this.backoffQ.has(key)) return 'backoffQ';
    if (this.unschedulable.has(key)) return 'unschedulablePods';
    if (this.inFlight.has(key)) return 'inFlight';
    return undefined;
  }

  /** Pending pods per sub-queue, activeQ in pop order (for the UI). */
  pending(): Record<QueueName, string[]> {
    return {
      activeQ: [...this.activeQ.values()].sort((a, b) => (prioritySortLess(a, b) ? -1 : 1)).map((q) => q.key),
      backoffQ: [...this.backoffQ.values()].map((q) => q.key),
      unschedulablePods: [...this.unschedulable.keys()],
      inFlight: [...this.inFlight.keys()],
    };
  }

  /** A new pending pod. */
  add(pod: Pod): void {
    const key = keyOf(pod);
    if (this.where(key)) return this.update(pod);
    const q: QueuedPodInfo = { key, pod, timestamp: this.clock.now(), seq: this.seq++, attempts: 0, unschedulablePlugins: new Set() };
    this.pushActive(q);
  }

  /** A pending pod changed. Status-only changes (our own condition updates) move nothing. */
  update(pod: Pod): void {
    const key = keyOf(pod);
    const where = this.where(key);
    if (!where) return this.add(pod);
    if (where === 'inFlight') {
      this.inFlight.get(key)!.pod = pod;
      return;
    }
    if (where === 'activeQ') {
      const q = this.activeQ.get(key)!;
      q.pod = pod;
      this.activeQ.push(q);
      return;
    }
    if (where === 'backoffQ') {
      const q = this.backoffQ.get(key)!;
      q.pod = pod;
      this.backoffQ.push(q);
      return;
    }
    const q = this.unschedulable.get(key)!;
    const changed = isPodUpdated(q.pod, pod);
    q.pod = pod;
    if (changed) {
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  delete(pod: Pod): void {
    const key = keyOf(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    this.inFlight.delete(key);
    this.deleteNominated(pod.metadata.uid ?? key);
  }

  /** The next pod to schedule; it stays "in flight" until `done`. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    this.schedulingCycle++;
    this.inFlight.set(q.key, q);
    return q;
  }

  done(key: string): void {
    this.inFlight.delete(key);
  }

  isInFlight(key: string): boolean {
    return this.inFlight.has(key);
  }

  /**
   * AddUnschedulableIfNotPresent after a failed attempt: to backoffQ if a move request came during
   * its cycle or no plugin rejected it (an error), else to the unschedulable pods.
   */
  addUnschedulable(q: QueuedPodInfo, plugins: Set<string>, podCycle: number): void {
    this.inFlight.delete(q.key);
    if (this.where(q.key)) return;
    q.timestamp = this.clock.now();
    q.unschedulablePlugins = plugins;
    if (this.moveRequestCycle >= podCycle || plugins.size === 0) {
      this.pushBackoff(q);
    } else {
      this.unschedulable.set(q.key, q);
      this.armFlush();
    }
  }

  /** MoveAllToActiveOrBackoffQueue for an event: pods some rejecting plugin of which cares. */
  onEvent(event: ClusterEvent): void {
    this.moveRequestCycle = this.schedulingCycle;
    if (this.unschedulable.size === 0) return;
    for (const [key, q] of [...this.unschedulable]) {
      if (gated(q.pod) || (event !== 'UnschedulableTimeout' && !relevant(q.unschedulablePlugins, event))) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  private requeue(q: QueuedPodInfo): void {
    if (this.backoffTime(q) > this.clock.now()) this.pushBackoff(q);
    else this.pushActive(q);
  }

  backoffTime(q: QueuedPodInfo): number {
    // A pod never tried (a gated pod just released) has nothing to back off from.
    return q.attempts === 0 ? q.timestamp : q.timestamp + backoffDuration(q.attempts);
  }

  private pushActive(q: QueuedPodInfo): void {
    // PreEnqueue (SchedulingGates): a gated pod waits among the unschedulable pods until its
    // spec.schedulingGates are removed (a pod update), and is not flushed meanwhile.
    if (gated(q.pod)) {
      q.unschedulablePlugins = new Set([SCHEDULING_GATES]);
      this.unschedulable.set(q.key, q);
      return;
    }
    this.activeQ.push(q);
    this.onActive?.();
  }

  private pushBackoff(q: QueuedPodInfo): void {
    this.backoffQ.push(q);
    this.armBackoff();
  }

  private armBackoff(): void {
    const head = this.backoffQ.peek();
    if (!head) return;
    const at = this.backoffTime(head);
    if (this.backoffTimer && this.backoffTimer.at <= at) return;
    if (this.backoffTimer) this.clock.cancel(this.backoffTimer.id);
    const id = this.clock.schedule(() => {
      this.backoffTimer = undefined;
      this.flushBackoffCompleted();
    }, at - this.clock.now(), 'scheduler: backoffQ flush');
    this.backoffTimer = { id, at };
  }

  /** flushBackoffQCompleted: pods whose backoff is over go to activeQ. */
  private flushBackoffCompleted(): void {
    const now = this.clock.now();
    for (;;) {
      const head = this.backoffQ.peek();
      if (!head || this.backoffTime(head) > now) break;
      this.backoffQ.pop();
      this.pushActive(head);
    }
    this.armBackoff();
  }

  private armFlush(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = this.clock.schedule(() => {
      this.flushTimer = undefined;
      this.flushUnschedulableLeftover();
      if (this.unschedulable.size) this.armFlush();
    }, UNSCHEDULABLE_FLUSH_INTERVAL_MS, 'scheduler: unschedulable pods flush');
  }

  /** flushUnschedulablePodsLeftover: pods that waited longer than 5 minutes get another try. */
  private flushUnschedulableLeftover(): void {
    const now = this.clock.now();
    for (const [key, q] of [...this.unschedulable]) {
      if (now - q.timestamp <= POD_MAX_IN_UNSCHEDULABLE_MS || gated(q.pod)) continue;
      this.unschedulable.delete(key);
      this.requeue(q);
    }
  }

  // ------------------------------------------------------------------ nominated pods

  addNominated(pi: PodInfo, node: string): void {
    this.deleteNominated(pi.uid);
    let m = this.nominated.get(node);
    if (!m) this.nominated.set(node, (m = new Map()));
    m.set(pi.uid, pi);
    this.nominatedNode.set(pi.uid, node);
  }

  deleteNominated(uid: string): void {
    const node = this.nominatedNode.get(uid);
    if (node === undefined) return;
    this.nominatedNode.delete(uid);
    const m = this.nominated.get(node);
    m?.delete(uid);
    if (m && m.size === 0) this.nominated.delete(node);
  }

  nominatedPodsForNode(node: string): Iterable<PodInfo> | undefined {
    return this.nominated.get(node)?.values();
  }

  get hasNominatedPods(): boolean {
    return this.nominated.size > 0;
  }

  stop(): void {
    if (this.backoffTimer) this.clock.cancel(this.backoffTimer.id);
    if (this.flushTimer !== undefined) this.clock.cancel(this.flushTimer);
    this.backoffTimer = undefined;
    this.flushTimer = undefined;
  }
}

export const SCHEDULING_GATES = 'SchedulingGates';

function gated(pod: Pod): boolean {
  return ((pod.spec.schedulingGates as unknown[] | undefined) ?? []).length > 0;
}

function relevant(plugins: Set<string>, event: ClusterEvent): boolean {
  for (const p of plugins) if (PLUGIN_EVENTS[p]?.includes(event)) return true;
  return false;
}

export function keyOf(pod: Pod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/**
 * isPodUpdated: anything but status, resourceVersion, generation and managedFields changed.
 * Compared in place (as upstream's reflect.DeepEqual of stripped copies), not by serialising two
 * whole pods on each of the scheduler's own status writes to a pending pod.
 */
function isPodUpdated(a: Pod, b: Pod): boolean {
  if (a === b) return false;
  const strip = (p: Pod) => ({ ...p, status: undefined, metadata: { ...p.metadata, resourceVersion: undefined, generation: undefined, managedFields: undefined } });
  return !deepEqual(strip(a), strip(b));
}
