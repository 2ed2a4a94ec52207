// The app's connection to the simulation in its Web Worker: typed requests answered by promises,
// watch subscriptions, and the pushed trace and clock. Like kubectl, the app only knows the API.

import type { Status } from '../../sim/api/errors';
import type { WatchEvent } from '../../sim/apiserver/apiserver';
import type { TraceEvent } from '../../sim/trace';
import type { ClockState, Replies, Request, RequestMessage, TimelineSummary, WorkerMessage } from '../../worker/protocol';

/** What a failed request rejects with: the API server's Status message (and the Status itself). */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status?: Status,
  ) {
    super(message);
  }
}

/** The minimal port a worker offers; tests hand in an in-process one. */
export interface Port {
  postMessage(msg: RequestMessage): void;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null;
}

export interface SimClientListeners {
  trace?: (events: TraceEvent[], dropped: number) => void;
  clock?: (clock: ClockState) => void;
}

export class SimClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** `reset`: the cluster was rebuilt (time travel) and `events` are the whole new list. */
  private readonly watchers = new Map<number, (events: WatchEvent[], reset?: boolean) => void>();
  private readonly timelineListeners = new Set<(timeline: TimelineSummary) => void>();
  private readonly traceListeners = new Set<(events: TraceEvent[], dropped: number) => void>();
  private readonly clockListeners = new Set<(clock: ClockState) => void>();

  constructor(private readonly port: Port) {
    port.onmessage = (e) => this.receive(e.data);
  }

  request<R extends Request>(req: R): Promise<Replies[R['op']]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ id, req });
    });
  }

  /** List then watch; `onEvents` gets each later batch of changes. Returns the list and a stop function. */
  async watch(resource: string, namespace: string | undefined, onEvents: (events: WatchEvent[], reset?: boolean) => void) {
    const watchId = this.nextId++;
    this.watchers.set(watchId, onEvents);
    try {
      const list = await this.request({ op: 'watch', watchId, resource, namespace });
      const stop = () => {
        this.watchers.delete(watchId);
        void this.request({ op: 'unwatch', watchId });
      };
      return { ...list, stop };
    } catch (e) {
      this.watchers.delete(watchId);
      throw e;
    }
  }

  onTrace(fn: (events: TraceEvent[], dropped: number) => void): () => void {
    this.traceListeners.add(fn);
    return () => this.traceListeners.delete(fn);
  }

  /** The session's timeline (inputs, branches), whenever it changes. */
  onTimeline(fn: (timeline: TimelineSummary) => void): () => void {
    this.timelineListeners.add(fn);
    return () => this.timelineListeners.delete(fn);
  }

  onClock(fn: (clock: ClockState) => void): () => void {
    this.clockListeners.add(fn);
    return () => this.clockListeners.delete(fn);
  }

  private receive(msg: WorkerMessage): void {
    switch (msg.type) {
      case 'response': {
        const w = this.waiting.get(msg.id);
        if (!w) return;
        this.waiting.delete(msg.id);
        if (msg.ok) w.resolve(msg.result);
        else w.reject(new RequestError(msg.error.message, msg.error.status));
        return;
      }
      case 'watch':
        this.watchers.get(msg.watchId)?.(msg.events, msg.reset);
        return;
      case 'timeline':
        for (const fn of this.timelineListeners) fn(msg.timeline);
        return;
      case 'trace':
        for (const fn of this.traceListeners) fn(msg.events, msg.dropped);
        return;
      case 'clock':
        for (const fn of this.clockListeners) fn(msg.clock);
        return;
    }
  }
}
