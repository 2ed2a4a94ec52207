// An event recorder (client-go's record.EventRecorder): writes core/v1 Events about an object,
// aggregating repeats of the same event into one with a growing count, as real components do.

import type { ApiClient } from '../apiserver/apiserver';
import type { Clock } from '../clock';
import type { CoreEvent, KubeObject } from '../api/types';
import { isApiError } from '../api/errors';
import { Interner } from '../util/intern';

export interface EventSource {
  component: string;
  host?: string;
}

const CACHE_SIZE = 4096;
/** Messages repeat across pods and nodes (image pulls, container starts): stored once. */
const messages = new Interner();
/** Field paths (`spec.containers{web}`) repeat across pods too. */
const fieldPaths = new Interner();

/** An event written recently, to aggregate repeats into (the correlator's cache entry). */
interface Seen {
  uid: string;
  type: string;
  reason: string;
  message: string;
  fieldPath: string | undefined;
  name: string;
  namespace: string;
  count: number;
}

export class EventRecorder {
  /**
   * The recent events by involved object uid, and the same entries least recently used first: an
   * LRU of CACHE_SIZE events keyed by (uid, type, reason, message, fieldPath). A kubelet holds an
   * entry per event of each of its pods: entries share their strings with the events rather than
   * keep a key string built from them.
   */
  private readonly byObject = new Map<string, Seen[]>();
  private readonly order = new Set<Seen>();
  private readonly eventSource: { component: string; host?: string };
  private seq = 0;

  constructor(private readonly client: ApiClient, private readonly clock: Clock, readonly source: EventSource) {
    // Every event of this recorder points at the same (never changed) source object.
    this.eventSource = source.host === undefined ? { component: source.component } : { component: source.component, host: source.host };
  }

  normal(obj: KubeObject, reason: string, message: string): void {
    this.record(obj, 'Normal', reason, message);
  }

  warning(obj: KubeObject, reason: string, message: string): void {
    this.record(obj, 'Warning', reason, message);
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    message = messages.intern(message);
    if (fieldPath !== undefined) fieldPath = fieldPaths.intern(fieldPath);
    const namespace = obj.metadata.namespace || 'default';
    const uid = obj.metadata.uid ?? '';
    const now = this.clock.nowISO();
    const seen = this.find(uid, type, reason, message, fieldPath);
    try {
      if (seen) {
        seen.count++;
        this.client.patch('events', seen.namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now });
        this.order.delete(seen);
        this.order.add(seen);
        return;
      }
    } catch (e) {
      if (!isApiError(e, 'NotFound')) return;
      this.forget(seen!); // expired: write a new one
    }
    // Event names are the object's name and the time in nanoseconds, in hex.
    // BigInt: ms x 1e6 is beyond 2^53, where adding the sequence number would be lost to rounding.
    const name = `${obj.metadata.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const ev: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      // The fields the API server fills in, in the order it adds them, so the stored metadata keeps
      // them in the object itself rather than in a separate property store.
      metadata: { name, namespace, uid: '', creationTimestamp: '', resourceVersion: '' },
      involvedObject: {
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
        uid: obj.metadata.uid,
        apiVersion: obj.apiVersion,
        resourceVersion: obj.metadata.resourceVersion,
        fieldPath,
      },
      reason,
      message,
      source: this.eventSource,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    try {
      // The recorder keeps no reference to the new event: the API server stores it without a copy.
      this.client.create('events', ev, { owned: true });
    } catch {
      return; // events are best effort: a failure never fails the caller
    }
    const entry: Seen = { uid, type, reason, message, fieldPath, name, namespace, count: 1 };
    let list = this.byObject.get(uid);
    if (!list) this.byObject.set(uid, (list = []));
    list.push(entry);
    this.order.add(entry);
    if (this.order.size > CACHE_SIZE) this.forget(this.order.values().next().value!);
  }

  private find(uid: string, type: string, reason: string, message: string, fieldPath: string | undefined): Seen | undefined {
    const list = this.byObject.get(uid);
    if (!list) return undefined;
    for (const e of list) if (e.reason === reason && e.message === message && e.type === type && e.fieldPath === fieldPath) return e;
    return undefined;
  }

  private forget(e: Seen): void {
    this.order.delete(e);
    const list = this.byObject.get(e.uid);
    if (!list) return;
    const i = list.indexOf(e);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byObject.delete(e.uid);
  }
}

