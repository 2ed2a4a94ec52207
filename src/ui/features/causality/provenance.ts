// Per-object history from the trace stream, kept past the UI's short trace ring: who created,
// bound, wrote and deleted each object, and what the scheduler and kubelet did to each pod. The
// cause-and-effect chain reads it to name actors and give times to the millisecond. Pure data
// (no DOM), fed by whoever holds the trace: the app's mirror or a test's Cluster.

import type { ApiTrace, KubeletTrace, ScheduleTrace, TraceEvent } from '../../../sim/trace';

/** Writes of these resources are constant background noise (heartbeats, event aggregation): not kept. */
const SKIPPED_RESOURCES = new Set(['events', 'leases']);
/**
 * Updates and patches are kept only where a chain reads them (when a pod joined a Service's
 * endpoints), the most recent WRITES_KEPT per object; creates, binds and deletes are all kept.
 */
const UPDATES_KEPT_FOR = new Set(['endpointslices', 'endpoints']);
const WRITES_KEPT = 32;
/** Scheduler and kubelet steps kept per pod (the most recent). */
const POD_STEPS_KEPT = 16;
/** Objects (and pods' steps) remembered; the least recently written are forgotten first. */
export const OBJECTS_REMEMBERED = 30_000;

export type PodStep = ScheduleTrace | KubeletTrace;

interface ObjectRecord {
  /** create, bind, delete, evict: rare and what a chain needs. */
  lifecycle: ApiTrace[];
  /** update and patch, the most recent WRITES_KEPT. */
  writes: ApiTrace[];
  /** Whether older updates were dropped. */
  truncated: boolean;
}

export function objectId(resource: string, namespace: string | undefined, name: string): string {
  return `${resource}/${namespace ?? ''}/${name}`;
}

export class ProvenanceIndex {
  private readonly objects = new Map<string, ObjectRecord>();
  private readonly pods = new Map<string, PodStep[]>();

  constructor(private readonly capacity = OBJECTS_REMEMBERED) {}

  /** The latest trace time seen: an earlier one means the session was rewound (time travel). */
  private latest = -Infinity;

  add(e: TraceEvent): void {
    // After a rewind, what the abandoned branch did never happened on this one.
    if (e.at < this.latest) this.forgetAfter(e.at);
    this.latest = e.at;
    if (e.type === 'api') this.addApi(e);
    else if (e.type === 'schedule' || e.type === 'kubelet') this.addPodStep(e.pod, e);
  }

  addAll(events: readonly TraceEvent[]): void {
    for (const e of events) this.add(e);
  }

  /** Every kept API write to one object, oldest first (lifecycle and recent writes merged). */
  writes(resource: string, namespace: string | undefined, name: string): ApiTrace[] {
    const r = this.objects.get(objectId(resource, namespace, name));
    if (!r) return [];
    return [...r.lifecycle, ...r.writes].sort((a, b) => a.at - b.at || (a.revision ?? 0) - (b.revision ?? 0));
  }

  /** Whether every update of the object since the index started is still kept. */
  complete(resource: string, namespace: string | undefined, name: string): boolean {
    return !this.objects.get(objectId(resource, namespace, name))?.truncated;
  }

  /** The scheduler's and kubelet's recent steps for a pod (`namespace/name`), oldest first. */
  podSteps(podKey: string): readonly PodStep[] {
    return this.pods.get(podKey) ?? [];
  }

  get size(): number {
    return this.objects.size;
  }

  /** Drop everything recorded after `at`. */
  forgetAfter(at: number): void {
    for (const [id, r] of this.objects) {
      r.lifecycle = r.lifecycle.filter((w) => w.at <= at);
      r.writes = r.writes.filter((w) => w.at <= at);
      if (r.lifecycle.length === 0 && r.writes.length === 0) this.objects.delete(id);
    }
    for (const [pod, steps] of this.pods) {
      const kept = steps.filter((x) => x.at <= at);
      if (kept.length) this.pods.set(pod, kept);
      else this.pods.delete(pod);
    }
    this.latest = at;
  }

  private addApi(e: ApiTrace): void {
    if (!e.name || e.code >= 300 || SKIPPED_RESOURCES.has(e.resource)) return;
    const id = objectId(e.resource, e.namespace, e.name);
    let r = this.objects.get(id);
    if (r) this.objects.delete(id); // re-insert: the map's order is least recently written first
    else r = { lifecycle: [], writes: [], truncated: false };
    this.objects.set(id, r);
    if (e.verb === 'update' || e.verb === 'patch') {
      if (!UPDATES_KEPT_FOR.has(e.resource)) return;
      r.writes.push(e);
      if (r.writes.length > WRITES_KEPT) {
        r.writes.shift();
        r.truncated = true;
      }
    } else {
      r.lifecycle.push(e);
    }
    if (this.objects.size > this.capacity) this.objects.delete(this.objects.keys().next().value!);
  }

  private addPodStep(pod: string, e: PodStep): void {
    let steps = this.pods.get(pod);
    if (steps) this.pods.delete(pod);
    else steps = [];
    this.pods.set(pod, steps);
    steps.push(e);
    if (steps.length > POD_STEPS_KEPT) steps.shift();
    if (this.pods.size > this.capacity) this.pods.delete(this.pods.keys().next().value!);
  }
}
