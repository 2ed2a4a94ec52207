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

export class EventRecorder {
  private readonly recent = new Map<string, { name: string; namespace: string; count: number }>();
  private seq = 0;

  constructor(private readonly client: ApiClient, private readonly clock: Clock, readonly source: EventSource) {}

  normal(obj: KubeObject, reason: string, message: string): void {
    this.record(obj, 'Normal', reason, message);
  }

  warning(obj: KubeObject, reason: string, message: string): void {
    this.record(obj, 'Warning', reason, message);
  }

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    message = messages.intern(message);
    const namespace = obj.metadata.namespace || 'default';
    const key = `${obj.metadata.uid}|${type}|${reason}|${message}|${fieldPath ?? ''}`;
    const now = this.clock.nowISO();
    const seen = this.recent.get(key);
    try {
      if (seen) {
        seen.count++;
        this.client.patch('events', seen.namespace, seen.name, 'merge', { count: seen.count, lastTimestamp: now });
        this.recent.delete(key);
        this.recent.set(key, seen);
        return;
      }
    } catch (e) {
      if (!isApiError(e, 'NotFound')) return;
      this.recent.delete(key); // expired: write a new one
    }
    // Event names are the object's name and the time in nanoseconds, in hex.
    // BigInt: ms x 1e6 is beyond 2^53, where adding the sequence number would be lost to rounding.
    const name = `${obj.metadata.name}.${(BigInt(this.clock.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
    const ev: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
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
      source: { component: this.source.component, host: this.source.host },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? '',
    };
    try {
      this.client.create('events', ev);
    } catch {
      return; // events are best effort: a failure never fails the caller
    }
    this.recent.set(key, { name, namespace, count: 1 });
    if (this.recent.size > CACHE_SIZE) this.recent.delete(this.recent.keys().next().value!);
  }
}
