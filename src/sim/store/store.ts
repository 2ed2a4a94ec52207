// An etcd-like store: keys `/registry/<resource>/<namespace>/<name>`, one global revision that
// becomes every object's resourceVersion, a bounded history of changes to resume watches from, and
// optimistic concurrency. It stores objects as given and hands out the same references: callers
// treat stored objects as immutable (the API server copies before it changes anything).

import type { KubeObject } from '../api/types';
import { deepFreeze } from '../util/json';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  resource: string;
  revision: number;
  object: KubeObject;
  /** The object before this change (MODIFIED and DELETED). */
  prev?: KubeObject;
}

export interface StoreWatchOptions {
  resource: string;
  namespace?: string;
  /** Deliver only changes after this revision (0: only future ones). */
  afterRevision: number;
  /** Pods only: deliver only changes to pods on this node (before or after the change). */
  nodeName?: string;
}

interface Watcher {
  opts: StoreWatchOptions;
  handler: (e: StoreEvent) => void;
  stopped: boolean;
}

export class CompactedError extends Error {
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

export interface StoreOptions {
  /** How many changes are kept to resume watches from (etcd compacts; so do we). */
  historySize?: number;
  /** How watch deliveries are scheduled: after the current task, on the simulation clock. */
  defer: (fn: () => void) => void;
  /** Deep-freeze what is stored, so that a caller mutating a shared object fails loudly (tests). */
  freeze?: boolean;
}

type Bucket = Map<string, Map<string, KubeObject>>; // namespace -> name -> object

export class Store {
  private rev = 0;
  private readonly data = new Map<string, Bucket>();
  private readonly history: StoreEvent[] = [];
  private historyStart = 0; // index of the oldest kept event in `history` (ring via shift-free slicing)
  private readonly historySize: number;
  private readonly watchers = new Map<string, { all: Set<Watcher>; byNode: Map<string, Set<Watcher>> }>();
  private pending: StoreEvent[] = [];
  private flushScheduled = false;
  private readonly defer: (fn: () => void) => void;
  private readonly freeze: boolean;
  /** Throws when a write cannot commit (etcd without a quorum); set by the cluster. */
  writeGate?: () => void;

  constructor(opts: StoreOptions) {
    this.historySize = opts.historySize ?? 10_000;
    this.defer = opts.defer;
    this.freeze = opts.freeze ?? false;
  }

  get revision(): number {
    return this.rev;
  }

  /** The oldest revision a watch can resume after. */
  get compactedRevision(): number {
    const first = this.history[this.historyStart];
    return first ? first.revision - 1 : this.rev;
  }

  static key(resource: string, namespace: string | undefined, name: string): string {
    return namespace ? `/registry/${resource}/${namespace}/${name}` : `/registry/${resource}/${name}`;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.data.get(resource)?.get(namespace ?? '')?.get(name);
  }

  /** Objects of a resource, optionally in one namespace, in key order (as etcd ranges return). */
  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.data.get(resource);
    if (!bucket) return [];
    const out: KubeObject[] = [];
    const namespaces = namespace !== undefined ? [namespace] : [...bucket.keys()].sort();
    for (const ns of namespaces) {
      const byName = bucket.get(ns);
      if (!byName) continue;
      const names = [...byName.keys()].sort();
      for (const n of names) out.push(byName.get(n)!);
    }
    return out;
  }

  count(resource: string, namespace?: string): number {
    const bucket = this.data.get(resource);
    if (!bucket) return 0;
    if (namespace !== undefined) return bucket.get(namespace)?.size ?? 0;
    let n = 0;
    for (const m of bucket.values()) n += m.size;
    return n;
  }

  resources(): string[] {
    return [...this.data.keys()].sort();
  }

  /** Store a new object; the caller has checked it does not exist. Returns the stored object. */
  create(resource: string, obj: KubeObject): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    let bucket = this.data.get(resource);
    if (!bucket) this.data.set(resource, (bucket = new Map()));
    let byName = bucket.get(ns);
    if (!byName) bucket.set(ns, (byName = new Map()));
    if (byName.has(name)) throw new Error(`store: ${Store.key(resource, ns, name)} exists`);
    this.writeGate?.();
    const rev = ++this.rev;
    obj.metadata.resourceVersion = String(rev);
    if (this.freeze) deepFreeze(obj);
    byName.set(name, obj);
    this.emit({ type: 'ADDED', resource, revision: rev, object: obj });
    return obj;
  }

  /** Replace an existing object (the caller checked preconditions). */
  update(resource: string, obj: KubeObject): KubeObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    const byName = this.data.get(resource)?.get(ns);
    const prev = byName?.get(name);
    if (!byName || !prev) throw new Error(`store: ${Store.key(resource, ns, name)} missing`);
    this.writeGate?.();
    const rev = ++this.rev;
    obj.metadata.resourceVersion = String(rev);
    if (this.freeze) deepFreeze(obj);
    byName.set(name, obj);
    this.emit({ type: 'MODIFIED', resource, revision: rev, object: obj, prev });
    return obj;
  }

  /** Remove an object. The DELETED event carries the object as last stored, at the new revision. */
  delete(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const ns = namespace ?? '';
    const byName = this.data.get(resource)?.get(ns);
    const prev = byName?.get(name);
    if (!byName || !prev) return undefined;
    this.writeGate?.();
    byName.delete(name);
    if (byName.size === 0) this.data.get(resource)!.delete(ns);
    const rev = ++this.rev;
    const gone: KubeObject = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rev) } };
    if (this.freeze) deepFreeze(gone);
    this.emit({ type: 'DELETED', resource, revision: rev, object: gone, prev });
    return gone;
  }

  /**
   * Watch changes after `afterRevision`. Deliveries happen on the clock after the writing task,
   * in revision order. Throws CompactedError when the history no longer reaches back that far.
   */
  watch(opts: StoreWatchOptions, handler: (e: StoreEvent) => void): () => void {
    const w: Watcher = { opts, handler, stopped: false };
    if (opts.afterRevision < this.compactedRevision) throw new CompactedError(opts.afterRevision, this.compactedRevision);
    // Replay history the watcher missed, then attach for live events.
    const replay: StoreEvent[] = [];
    if (opts.afterRevision < this.rev) {
      for (let i = this.historyStart; i < this.history.length; i++) {
        const e = this.history[i];
        if (e.revision > opts.afterRevision && this.matches(w, e)) replay.push(e);
      }
    }
    // Pending (not yet flushed) events are delivered by the flush; do not replay them twice.
    const pendingFrom = this.pending.length ? this.pending[0].revision : Infinity;
    let entry = this.watchers.get(opts.resource);
    if (!entry) this.watchers.set(opts.resource, (entry = { all: new Set(), byNode: new Map() }));
    if (opts.nodeName !== undefined) {
      let set = entry.byNode.get(opts.nodeName);
      if (!set) entry.byNode.set(opts.nodeName, (set = new Set()));
      set.add(w);
    } else {
      entry.all.add(w);
    }
    const toReplay = replay.filter((e) => e.revision < pendingFrom);
    if (toReplay.length) {
      this.defer(() => {
        for (const e of toReplay) if (!w.stopped) w.handler(e);
      });
    }
    return () => {
      w.stopped = true;
      entry!.all.delete(w);
      if (opts.nodeName !== undefined) entry!.byNode.get(opts.nodeName)?.delete(w);
    };
  }

  private matches(w: Watcher, e: StoreEvent): boolean {
    const o = w.opts;
    if (o.resource !== e.resource) return false;
    if (e.revision <= o.afterRevision) return false;
    if (o.namespace !== undefined && (e.object.metadata.namespace ?? '') !== o.namespace) return false;
    if (o.nodeName !== undefined) {
      return e.object.spec?.nodeName === o.nodeName || e.prev?.spec?.nodeName === o.nodeName;
    }
    return true;
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length - this.historyStart > this.historySize) {
      this.historyStart++;
      // Drop the consumed prefix now and then so the array does not grow forever.
      if (this.historyStart > 4096 && this.historyStart * 2 > this.history.length) {
        this.history.splice(0, this.historyStart);
        this.historyStart = 0;
      }
    }
    this.pending.push(e);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      this.defer(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.pending;
    this.pending = [];
    for (const e of events) {
      const entry = this.watchers.get(e.resource);
      if (!entry) continue;
      for (const w of [...entry.all]) if (!w.stopped && this.matches(w, e)) w.handler(e);
      if (entry.byNode.size) {
        const a = e.object.spec?.nodeName;
        const b = e.prev?.spec?.nodeName;
        for (const node of a === b ? [a] : [a, b]) {
          if (node === undefined) continue;
          const set = entry.byNode.get(node);
          if (set) for (const w of [...set]) if (!w.stopped && this.matches(w, e)) w.handler(e);
        }
      }
    }
  }

  /** Every stored object in key order: the basis of the state hash and of snapshots. */
  *entries(): Generator<[string, KubeObject]> {
    for (const resource of this.resources()) {
      for (const obj of this.list(resource)) yield [Store.key(resource, obj.metadata.namespace, obj.metadata.name!), obj];
    }
  }
}
