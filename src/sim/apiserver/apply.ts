// Server-side apply (PATCH with application/apply-patch+yaml): merges the applied configuration
// into the live object (or an empty one: apply creates), tracks field ownership in
// metadata.managedFields, removes fields the manager applied before and no one owns any more, and
// refuses to change fields another manager owns (409 Conflict) unless force=true, which takes them.
// After structured-merge-diff's merge.Updater.Apply and k8s.io/apimachinery's fieldmanager
// (lastAppliedManager / lastAppliedUpdater for kubectl's client-side apply migration).
// The caller runs the result through the normal create/update path (defaults, admission, validation).
import { parse as parseYAML } from 'yaml';
import { ApiError, badRequest, fieldErr, invalid } from '../api/errors';
import { apiVersionOf, type ResourceInfo } from '../api/registry';
import type { KubeObject } from '../api/types';
import { canonicalJSON, deepEqual } from '../util/json';
import { FieldSet, pathString } from './fieldmanager/fieldset';
import {
  decodeManagedFields,
  encodeManagedFields,
  ignoredFields,
  managerKey,
  STRIP_SET,
  type ManagerSet,
} from './fieldmanager/managed';
import { rootType } from './fieldmanager/typeinfo';
import { compare, merge, prune, toFieldSet } from './fieldmanager/walk';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions {
  /** Name and namespace from the URL. */
  name: string;
  namespace?: string;
  /** fieldManager (required for apply). */
  manager: string;
  force?: boolean;
  /** RFC 3339 time of the request (the entry's `time`). */
  now: string;
  subresource?: 'status';
}

type Obj = Record<string, any>;

/** The apply body: JSON (what kubectl sends) or YAML text. */
function parseConfig(patch: unknown): Obj {
  let v = patch;
  if (typeof v === 'string' || v instanceof Uint8Array) {
    const text = typeof v === 'string' ? v : new TextDecoder().decode(v);
    try {
      v = parseYAML(text);
    } catch (e) {
      throw badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badRequest('error decoding YAML: the body must be an object');
  return v as Obj;
}

/** `/v1, Kind=Pod`: how Go prints a GroupVersionKind. */
function gvkString(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Kind=${info.kind}`;
}

/** PatchOptions validation: apply needs a field manager, force is apply-only. */
export function validatePatchOptions(isApply: boolean, fieldManager: string | undefined, force: boolean | undefined): void {
  if (isApply && !fieldManager) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [fieldErr.required('fieldManager', 'is required for apply patch')]);
  }
  if (!isApply && force !== undefined) {
    throw invalid('PatchOptions', 'meta.k8s.io', '', [fieldErr.forbidden('force', 'may not be specified for non-apply patch')]);
  }
}

/** A structured-merge-diff conflict. */
interface Conflict {
  manager: ManagerSet;
  path: string[];
}

/** printManager: `"kubectl-client-side-apply" using apps/v1`, `"kubectl"` for appliers. */
function printManager(m: ManagerSet): string {
  let s = JSON.stringify(m.manager);
  if (m.subresource) s += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') s += ` using ${m.apiVersion}`;
  return s;
}

/** NewConflictError: 409 with one FieldManagerConflict cause per field. */
export function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: pathString(c.path) }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].manager)}: ${pathString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, Conflict[]>();
    for (const c of conflicts) {
      const k = printManager(c.manager);
      byManager.set(k, [...(byManager.get(k) ?? []), c]);
    }
    const lines: string[] = [];
    for (const k of [...byManager.keys()].sort()) {
      lines.push(`conflicts with ${k}:`);
      for (const c of byManager.get(k)!) lines.push(`- ${pathString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError({ reason: 'Conflict', code: 409, message, details: { causes } });
}

/**
 * Applies `patch` (the applied configuration) for `opts.manager` to `live` (undefined: the
 * object does not exist and is created). Returns the object to store, with managedFields set;
 * throws 400 for a malformed configuration, 500 for fields the schema does not declare (as the
 * real server does), 409 for conflicts without force.
 */
export function serverSideApply(info: ResourceInfo, live: KubeObject | undefined, patch: unknown, opts: ApplyOptions): KubeObject {
  const config = parseConfig(patch);
  const gv = apiVersionOf(info);
  if (config.metadata?.managedFields !== undefined && config.metadata?.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
  if (config.apiVersion !== gv) {
    throw badRequest(`Incorrect version specified in apply patch. Specified patch version: ${config.apiVersion ?? ''}, expected: ${gv}`);
  }
  const type = rootType(info);
  const errs: string[] = [];
  const configSet = toFieldSet(config, type, errs);
  if (errs.length) {
    const ns = config.metadata?.namespace ?? (info.namespaced ? opts.namespace ?? '' : '');
    const what = errs.length === 1 ? errs[0] : `errors:\n  ${errs.join('\n  ')}`;
    throw new ApiError({ reason: 'Unknown', code: 500, message: `failed to create typed patch object (${ns}/${config.metadata?.name ?? opts.name}; ${gvkString(info)}): ${what}` });
  }

  const managed = decodeManagedFields(live?.metadata.managedFields);
  const ignored = ignoredFields(info, opts.subresource, live, config as KubeObject);
  const self: ManagerSet = {
    manager: opts.manager,
    operation: 'Apply',
    apiVersion: gv,
    subresource: opts.subresource,
    set: configSet.difference(STRIP_SET).recursiveDifference(ignored),
  };
  const selfKey = managerKey(self);
  const lastSet = managed.get(selfKey)?.set;
  self.time = managed.get(selfKey)?.time;
  managed.set(selfKey, self);

  // Merge, then drop what this manager applied last time, left out now, and no one else owns.
  const base: Obj = live ?? {};
  let merged = merge(base, config, type) as Obj;
  if (lastSet && !lastSet.empty()) {
    let owned = new FieldSet();
    for (const m of managed.values()) owned = owned.union(m.set);
    merged = prune(merged, lastSet, owned, type);
  }

  // Fields this apply changes that another manager owns are conflicts (same value: shared).
  const cmp = compare(base, merged, type, ignored);
  const changed = cmp.added.union(cmp.modified);
  const conflicts: Conflict[] = [];
  for (const [k, m] of managed) {
    if (k === selfKey) continue;
    for (const path of m.set.intersection(changed).paths()) conflicts.push({ manager: m, path });
  }
  if (conflicts.length && !opts.force && !allowedByLastApplied(info, live, conflicts, opts.manager)) {
    conflicts.sort((a, b) => (a.manager.manager < b.manager.manager ? -1 : a.manager.manager > b.manager.manager ? 1 : 0));
    throw conflictError(conflicts);
  }
  for (const [k, m] of managed) {
    if (k === selfKey) continue;
    const rest = m.set.difference(changed).difference(cmp.removed);
    if (rest.empty()) managed.delete(k);
    else managed.set(k, { ...m, set: rest });
  }

  const out: Obj = { ...merged, metadata: { ...(merged.metadata ?? {}) } };
  if (!out.metadata.name) out.metadata.name = opts.name;
  if (info.namespaced && !out.metadata.namespace && opts.namespace) out.metadata.namespace = opts.namespace;
  // The entry's time moves when the object changed (or the entry is new).
  if (!live || !deepEqual(live, out) || !self.time) self.time = opts.now;
  // kubectl's server-side apply keeps the client-side apply annotation in step, if there is one.
  if (opts.manager === 'kubectl' && live?.metadata.annotations?.[LAST_APPLIED] !== undefined) {
    out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(config) };
  }
  out.metadata.managedFields = encodeManagedFields(managed);
  if (!out.metadata.managedFields) delete out.metadata.managedFields;
  return out as KubeObject;
}

/** buildLastApplied: the configuration without the annotation itself, as JSON. */
function lastAppliedOf(config: Obj): string {
  const c: Obj = { ...config, metadata: { ...(config.metadata ?? {}) } };
  if (c.metadata.annotations) {
    const { [LAST_APPLIED]: _drop, ...rest } = c.metadata.annotations;
    if (Object.keys(rest).length) c.metadata.annotations = rest;
    else delete c.metadata.annotations;
  }
  return canonicalJSON(c) + '\n';
}

/**
 * lastAppliedManager: kubectl's first server-side apply over a client-side applied object may
 * take the fields whose live value is still what the last-applied annotation says.
 */
function allowedByLastApplied(info: ResourceInfo, live: KubeObject | undefined, conflicts: Conflict[], manager: string): boolean {
  if (manager !== 'kubectl') return false;
  const text = live?.metadata.annotations?.[LAST_APPLIED];
  if (!text) return false;
  let last: Obj;
  try {
    last = JSON.parse(text);
  } catch {
    return false;
  }
  if (!last || typeof last !== 'object') return false;
  const type = rootType(info);
  const lastSet = toFieldSet(last, type, []);
  const allowed = lastSet.difference(compare(last, live as Obj, type).modified);
  return conflicts.every((c) => allowed.has(c.path));
}
