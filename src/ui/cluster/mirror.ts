// The app's read model of the cluster: what an informer keeps (list + watch per resource), plus
// the clock and the recent trace. Cluster objects live here, not in zustand (which holds ids).
// Listeners are told at most once per animation frame, however many batches arrived.

import type { KubeObject } from '../../sim/api/types';
import type { WatchEvent } from '../../sim/apiserver/apiserver';
import type { TraceEvent } from '../../sim/trace';
import type { ClockState, TimelineSummary } from '../../worker/protocol';
import type { SimClient } from './client';

/** The resources the app shows, by the API's plural names. */
export const WATCHED = [
  'namespaces', 'nodes', 'pods', 'services', 'endpoints', 'events',
  'deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'configmaps',
] as const;
export type Watched = (typeof WATCHED)[number];

/** Trace events kept for the UI (the request-flow animation and explainers read the recent ones). */
export const TRACE_KEPT = 2000;

export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name as string);
}

export class ClusterMirror {
  private readonly objects = new Map<Watched, Map<string, KubeObject>>();
  private readonly lists = new Map<Watched, KubeObject[]>();
  private readonly listeners = new Set<() => void>();
  private readonly traceListeners = new Set<(events: TraceEvent[]) => void>();
  private readonly resetListeners = new Set<() => void>();
  private notifyScheduled = false;
  /** Bumped on every change; React reads snapshots keyed by it. */
  version = 0;
  clock: ClockState | undefined;
  /** The session's inputs and branches (time travel). */
  timeline: TimelineSummary | undefined;
  trace: TraceEvent[] = [];
  ready = false;

  constructor(private readonly schedule: (fn: () => void) => void = defaultSchedule) {
    for (const r of WATCHED) this.objects.set(r, new Map());
  }

  /** Start every watch; resolves when the first lists are in. */
  async connect(client: SimClient): Promise<void> {
    client.onClock((c) => {
      this.clock = c;
      this.changed();
    });
    client.onTimeline((t) => {
      // A new epoch is a rebuilt cluster: the trace of the old one is another history.
      const rebuilt = !!this.timeline && t.epoch !== this.timeline.epoch;
      if (rebuilt) this.trace = [];
      this.timeline = t;
      if (rebuilt) for (const fn of this.resetListeners) fn();
      this.changed();
    });
    client.onTrace((events) => {
      this.trace = this.trace.concat(events);
      if (this.trace.length > TRACE_KEPT) this.trace = this.trace.slice(this.trace.length - TRACE_KEPT);
      for (const fn of this.traceListeners) fn(events);
    });
    await Promise.all(
      WATCHED.map(async (r) => {
        const { items } = await client.watch(r, undefined, (events, reset) => this.apply(r, events, reset));
        const m = this.objects.get(r)!;
        for (const o of items) m.set(objectKey(o), o);
        this.lists.delete(r);
      }),
    );
    this.clock = await client.request({ op: 'clock' });
    this.timeline ??= await client.request({ op: 'timeline' });
    this.ready = true;
    this.changed();
  }

  /** `reset`: the events are the whole list (the cluster was rebuilt), not changes. */
  apply(resource: Watched, events: WatchEvent[], reset = false): void {
    const m = this.objects.get(resource)!;
    if (reset) m.clear();
    for (const e of events) {
      const key = objectKey(e.object);
      if (e.type === 'DELETED') m.delete(key);
      else m.set(key, e.object);
    }
    this.lists.delete(resource);
    this.changed();
  }

  /** Every object of a resource (a stable array until the resource changes). */
  list<T extends KubeObject = KubeObject>(resource: Watched): T[] {
    let l = this.lists.get(resource);
    if (!l) {
      l = [...this.objects.get(resource)!.values()];
      this.lists.set(resource, l);
    }
    return l as T[];
  }

  get<T extends KubeObject = KubeObject>(resource: Watched, key: string): T | undefined {
    return this.objects.get(resource)!.get(key) as T | undefined;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** After time travel rebuilt the cluster: what was derived from the old trace is another history. */
  onReset(fn: () => void): () => void {
    this.resetListeners.add(fn);
    return () => this.resetListeners.delete(fn);
  }

  onTrace(fn: (events: TraceEvent[]) => void): () => void {
    this.traceListeners.add(fn);
    return () => this.traceListeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(() => {
      this.notifyScheduled = false;
      for (const fn of this.listeners) fn();
    });
  }
}

function defaultSchedule(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(fn);
  else setTimeout(fn, 16);
}
