// metadata.managedFields: decoding and encoding the entries, and recording who changed what on
// create/update/patch (k8s.io/apimachinery/pkg/util/managedfields: FieldManager.Update with the
// managedFieldsUpdater, stripMeta and the strategies' reset fields).
import { apiVersionOf, type ResourceInfo } from '../../api/registry';
import type { KubeObject, ManagedFieldsEntry } from '../../api/types';
import { deepEqual } from '../../util/json';
import { FieldSet } from './fieldset';
import { rootType } from './typeinfo';
import { compare } from './walk';

export interface ManagerSet {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** Managers by identifier (manager, operation, apiVersion for updaters, subresource), as BuildManagerIdentifier. */
export type Managed = Map<string, ManagerSet>;

export function managerKey(m: Pick<ManagerSet, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  return JSON.stringify([m.manager, m.operation, m.operation === 'Apply' ? '' : m.apiVersion, m.subresource ?? '']);
}

// Parsed field sets by their fieldsV1 object: stored entries are immutable, so each is parsed once.
const parsed = new WeakMap<object, FieldSet>();

function setOf(fieldsV1: unknown): FieldSet {
  if (!fieldsV1 || typeof fieldsV1 !== 'object') return new FieldSet();
  let s = parsed.get(fieldsV1);
  if (!s) parsed.set(fieldsV1, (s = FieldSet.fromFieldsV1(fieldsV1)));
  return s;
}

export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  const m: Managed = new Map();
  for (const e of entries ?? []) {
    if (!e.manager && !e.operation) continue;
    const ms: ManagerSet = {
      manager: e.manager ?? '',
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: e.apiVersion ?? '',
      time: e.time,
      subresource: e.subresource || undefined,
      set: setOf(e.fieldsV1),
    };
    m.set(managerKey(ms), ms);
  }
  return m;
}

/** Entries in the API server's order: Apply before Update, then by time, manager, apiVersion, subresource. */
export function encodeManagedFields(m: Managed): ManagedFieldsEntry[] | undefined {
  const list = [...m.values()].filter((x) => !x.set.empty());
  if (!list.length) return undefined;
  const secs = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  list.sort(
    (p, q) =>
      cmp(p.operation, q.operation) || secs(p.time) - secs(q.time) || cmp(p.manager, q.manager) || cmp(p.apiVersion, q.apiVersion) || cmp(p.subresource ?? '', q.subresource ?? ''),
  );
  return list.map((x) => {
    const fieldsV1 = x.set.toFieldsV1();
    parsed.set(fieldsV1, x.set);
    const e: ManagedFieldsEntry = { manager: x.manager, operation: x.operation, apiVersion: x.apiVersion };
    if (x.time) e.time = x.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = fieldsV1;
    if (x.subresource) e.subresource = x.subresource;
    return e;
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The manager of a write: the request's fieldManager, else the user agent's first word (`kubectl/v1.32.0 ...` -> kubectl). */
export function managerName(ctx: { fieldManager?: string; actor?: string }): string {
  if (ctx.fieldManager) return ctx.fieldManager;
  const agent = (ctx.actor ?? '').split('/')[0].split(' ')[0];
  if (agent === 'default-scheduler') return 'kube-scheduler';
  return agent || 'unknown';
}

// ---- fields nobody owns ----

const STRIPPED_META = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'];

/** stripMeta's set, for subtracting from an applied configuration's set. */
export const STRIP_SET: FieldSet = (() => {
  const s = FieldSet.fromPaths([['f:apiVersion'], ['f:kind'], ['f:metadata']]);
  for (const f of STRIPPED_META) s.insert(['f:metadata', `f:${f}`]);
  return s;
})();

/**
 * Subtrees a write through `subresource` never owns: stripped metadata, plus the strategy's reset
 * fields (status for the main resource of kinds with a status subresource, everything but status
 * for the status subresource).
 */
export function ignoredFields(info: ResourceInfo, subresource: string | undefined, ...objs: (KubeObject | undefined)[]): FieldSet {
  const s = FieldSet.fromPaths([['f:apiVersion'], ['f:kind']]);
  for (const f of STRIPPED_META) s.insert(['f:metadata', `f:${f}`]);
  if (subresource === 'status') {
    for (const o of objs) for (const k in o ?? {}) if (k !== 'status') s.insert([`f:${k}`]);
  } else if (info.hasStatus) {
    s.insert(['f:status']);
  }
  return s;
}

/**
 * The object a create is compared with: Go's empty struct of the kind as JSON, where non-pointer
 * structs are `{}` and some slices null. It decides which new structs count as added ("." in
 * fieldsV1): `f:spec`, `f:template` never are, `f:rollingUpdate` is, as on a real cluster.
 */
export function emptyObject(info: ResourceInfo): KubeObject {
  const podTemplate = () => ({ metadata: {}, spec: { containers: null } });
  const o: KubeObject = { apiVersion: apiVersionOf(info), kind: info.kind, metadata: {} };
  switch (info.kind) {
    case 'Pod':
      o.spec = { containers: null };
      break;
    case 'Deployment':
      o.spec = { selector: null, template: podTemplate(), strategy: {} };
      break;
    case 'ReplicaSet':
      o.spec = { selector: null, template: podTemplate() };
      break;
    case 'DaemonSet':
    case 'StatefulSet':
      o.spec = { selector: null, template: podTemplate(), updateStrategy: {} };
      break;
    case 'Job':
      o.spec = { template: podTemplate() };
      break;
    case 'CronJob':
      o.spec = { schedule: '', jobTemplate: { metadata: {}, spec: { template: podTemplate() } } };
      break;
    case 'PodTemplate':
      o.template = podTemplate();
      break;
    case 'Service':
      o.spec = {};
      o.status = { loadBalancer: {} };
      break;
    default:
      if (rootType(info).t === 'struct') {
        const t = rootType(info);
        if (t.t === 'struct' && t.fields.has('spec')) o.spec = {};
      }
  }
  if (info.hasStatus && !o.status) o.status = {};
  return o;
}

// ---- Update ----

/**
 * The managed fields to start from (decodeLiveOrNew): a subresource write or a body without
 * managedFields keeps the live ones, `[{}]` resets them, anything else replaces them.
 */
function baseEntries(live: KubeObject | undefined, next: KubeObject, subresource: string | undefined): ManagedFieldsEntry[] | undefined {
  const liveEntries = live?.metadata.managedFields;
  if (subresource) return liveEntries;
  const mine = next.metadata.managedFields;
  if (Array.isArray(mine) && mine.length === 1 && Object.keys(mine[0] ?? {}).length === 0) return [];
  if (!Array.isArray(mine) || mine.length === 0 || deepEqual(mine, liveEntries)) return liveEntries;
  return mine;
}

/**
 * Records an Update by `manager` (create when `live` is undefined) on `next`'s managedFields: it
 * takes every field it added or changed from whoever owned it, and fields it removed leave every
 * manager. The entry's time moves only when the manager took something.
 */
export function recordUpdate(
  info: ResourceInfo,
  live: KubeObject | undefined,
  next: KubeObject,
  opts: { manager: string; now: string; subresource?: string },
): void {
  const entries = baseEntries(live, next, opts.subresource);
  const t = rootType(info);
  const c = compare((live ?? emptyObject(info)) as any, next as any, t, ignoredFields(info, opts.subresource, live, next));
  const taken = c.added.union(c.modified);
  if (taken.empty() && c.removed.empty()) {
    if (entries === live?.metadata.managedFields) next.metadata.managedFields = entries;
    else next.metadata.managedFields = encodeManagedFields(decodeManagedFields(entries));
    if (!next.metadata.managedFields) delete next.metadata.managedFields;
    return;
  }
  const managed = decodeManagedFields(entries);
  for (const [k, m] of managed) {
    const rest = m.set.difference(taken).difference(c.removed);
    managed.set(k, { ...m, set: rest });
  }
  const self = { manager: opts.manager, operation: 'Update' as const, apiVersion: apiVersionOf(info), subresource: opts.subresource };
  const key = managerKey(self);
  const prev = managed.get(key);
  const set = prev ? prev.set.union(taken) : taken;
  managed.set(key, { ...self, set, time: taken.empty() ? prev?.time : opts.now });
  next.metadata.managedFields = encodeManagedFields(managed);
  if (!next.metadata.managedFields) delete next.metadata.managedFields;
}
