// Shared informers (client-go): list, then watch from the list's resourceVersion, keep a local
// cache with indexes, and tell handlers about changes. A 410 Expired watch relists.

import type { ApiClient, WatchEvent } from '../apiserver/apiserver';
import type { KubeObject } from '../api/types';

export interface Handlers<T> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  delete?(obj: T): void;
}

export type IndexFunc<T> = (obj: T) => string[];

export function keyOf(obj: KubeObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name}` : obj.metadata.name!;
}

export function splitKey(key: string): [namespace: string | undefined, name: string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

export class Informer<T extends KubeObject = KubeObject> {
  private readonly cache = new Map<string, T>();
  private readonly handlers: Handlers<T>[] = [];
  private readonly indexers = new Map<string, { fn: IndexFunc<T>; index: Map<string, Set<string>> }>();
  private stopWatch?: () => void;
  private started = false;

  constructor(
    private readonly client: ApiClient,
    readonly resource: string,
    private readonly opts: { namespace?: string; fieldSelector?: string; labelSelector?: string } = {},
  ) {}

  addHandlers(h: Handlers<T>): void {
    this.handlers.push(h);
    // Late handlers hear about what is already cached, as client-go's AddEventHandler does.
    if (this.started && h.add) for (const o of this.cache.values()) h.add(o);
  }

  addIndex(name: string, fn: IndexFunc<T>): void {
    if (this.indexers.has(name)) return;
    const index = new Map<string, Set<string>>();
    this.indexers.set(name, { fn, index });
    for (const [k, o] of this.cache) for (const v of fn(o)) addTo(index, v, k);
  }

  byIndex(name: string, value: string): T[] {
    const idx = this.indexers.get(name);
    if (!idx) throw new Error(`informer ${this.resource}: no index ${name}`);
    const keys = idx.index.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) out.push(this.cache.get(k)!);
    return out;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(namespace ? `${namespace}/${name}` : name);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  get size(): number {
    return this.cache.size;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.relist();
  }

  stop(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.started = false;
  }

  private relist(): void {
    this.stopWatch?.();
    const list = this.client.list<T>(this.resource, this.opts);
    const seen = new Set<string>();
    for (const o of list.items) {
      const k = keyOf(o);
      seen.add(k);
      this.apply(k, o);
    }
    for (const [k, o] of [...this.cache]) {
      if (!seen.has(k)) {
        this.remove(k, o);
      }
    }
    this.stopWatch = this.client.watch(this.resource, { ...this.opts, resourceVersion: list.metadata.resourceVersion }, (e) => this.onEvent(e));
  }

  private onEvent(e: WatchEvent): void {
    if (e.type === 'ERROR') {
      this.relist();
      return;
    }
    if (e.type === 'BOOKMARK') return;
    const obj = e.object as T;
    const k = keyOf(obj);
    if (e.type === 'DELETED') this.remove(k, this.cache.get(k) ?? obj);
    else this.apply(k, obj);
  }

  private apply(k: string, obj: T): void {
    const old = this.cache.get(k);
    if (old === obj) return;
    this.cache.set(k, obj);
    for (const { fn, index } of this.indexers.values()) {
      if (old) for (const v of fn(old)) index.get(v)?.delete(k);
      for (const v of fn(obj)) addTo(index, v, k);
    }
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(k: string, obj: T): void {
    const old = this.cache.get(k);
    if (!old) return;
    this.cache.delete(k);
    for (const { fn, index } of this.indexers.values()) {
      for (const v of fn(old)) {
        const set = index.get(v);
        set?.delete(k);
        if (set && set.size === 0) index.delete(v);
      }
    }
    for (const h of this.handlers) h.delete?.(obj);
  }
}

function addTo(index: Map<string, Set<string>>, v: string, k: string): void {
  let set = index.get(v);
  if (!set) index.set(v, (set = new Set()));
  set.add(k);
}

/** One informer per resource, shared by every controller of a process (kube-controller-manager). */
export class InformerFactory {
  private readonly informers = new Map<string, Informer<any>>();
  constructor(private readonly client: ApiClient) {}

  for<T extends KubeObject = KubeObject>(resource: string): Informer<T> {
    let inf = this.informers.get(resource);
    if (!inf) {
      inf = new Informer<T>(this.client, resource);
      this.informers.set(resource, inf);
    }
    return inf as Informer<T>;
  }

  start(): void {
    for (const inf of this.informers.values()) inf.start();
  }

  stop(): void {
    for (const inf of this.informers.values()) inf.stop();
  }
}

/** Common indexes. */
export const byNamespace = (o: KubeObject) => [o.metadata.namespace ?? ''];
export const byOwnerUid = (o: KubeObject) => (o.metadata.ownerReferences ?? []).map((r) => r.uid);
export const byControllerUid = (o: KubeObject) => (o.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);
export const byNodeName = (o: KubeObject) => (o.spec?.nodeName ? [o.spec.nodeName as string] : []);
