// ObjectMeta validation (apimachinery/pkg/api/validation/objectmeta.go plus the core wrapper's
// finalizer check) and the name rule of each kind.

import { fieldErr } from '../errors';
import type { ResourceInfo } from '../registry';
import {
  arr,
  byteLength,
  child,
  FIELD_IMMUTABLE,
  index,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isObj,
  isQualifiedName,
  labelsErrs,
  nonNegative,
  obj,
  str,
  strMap,
  type Errs,
} from './util';

export type NameFn = (name: string, prefix: boolean) => string[];

/** generateName prefixes may end in '-': Go masks it before checking (maskTrailingDash). */
const maskTrailingDash = (name: string) => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name);

export const nameIsDNSSubdomain: NameFn = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
export const nameIsDNSLabel: NameFn = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
export const nameIsDNS1035Label: NameFn = (n, prefix) => isDNS1035Label(prefix ? maskTrailingDash(n) : n);
/** path.ValidatePathSegmentName: RBAC object names only have to be usable in a URL. */
export const nameIsPathSegment: NameFn = (n, prefix) => {
  if (!prefix && (n === '.' || n === '..')) return [`may not be '${n}'`];
  return ['/', '%'].filter((c) => n.includes(c)).map((c) => `may not contain '${c}'`);
};

const NAME_FNS: Record<string, NameFn> = {
  Namespace: nameIsDNSLabel,
  Service: nameIsDNS1035Label,
  StatefulSet: nameIsDNSLabel,
  Role: nameIsPathSegment,
  ClusterRole: nameIsPathSegment,
  RoleBinding: nameIsPathSegment,
  ClusterRoleBinding: nameIsPathSegment,
};

export const nameFnFor = (kind: string): NameFn => NAME_FNS[kind] ?? nameIsDNSSubdomain;

const TOTAL_ANNOTATION_SIZE = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function annotationsErrs(annotations: unknown, path: string): Errs {
  const out: Errs = [];
  const m = strMap(annotations);
  let size = 0;
  for (const [k, v] of Object.entries(m)) {
    // Annotation keys are qualified names, but case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) out.push(fieldErr.invalid(path, k, msg));
    size += byteLength(k) + byteLength(v);
  }
  if (size > TOTAL_ANNOTATION_SIZE) out.push(fieldErr.tooLong(path, TOTAL_ANNOTATION_SIZE));
  return out;
}

function ownerReferencesErrs(refs: unknown, path: string): Errs {
  const out: Errs = [];
  let firstController = '';
  for (const r of arr(refs)) {
    const ref = obj(r);
    const apiVersion = str(ref.apiVersion);
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (!version) out.push(fieldErr.invalid(child(path, 'apiVersion'), apiVersion, 'version must not be empty'));
    if (!str(ref.kind)) out.push(fieldErr.invalid(child(path, 'kind'), str(ref.kind), 'must not be empty'));
    if (!str(ref.name)) out.push(fieldErr.invalid(child(path, 'name'), str(ref.name), 'must not be empty'));
    if (!str(ref.uid)) out.push(fieldErr.invalid(child(path, 'uid'), str(ref.uid), 'must not be empty'));
    if (ref.controller === true) {
      const name = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController)
        out.push({
          type: 'FieldValueInvalid',
          field: path,
          body: `Invalid value: []v1.OwnerReference{...}: Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`,
        });
      else firstController = name;
    }
  }
  return out;
}

function finalizersErrs(finalizers: unknown, path: string): Errs {
  const out: Errs = [];
  const list = arr(finalizers).map(str);
  list.forEach((f) => {
    for (const msg of isQualifiedName(f)) out.push(fieldErr.invalid(path, f, msg));
  });
  if (list.includes('orphan') && list.includes('foregroundDeletion'))
    out.push(fieldErr.invalid(path, list, 'finalizer orphan and foregroundDeletion cannot be both set'));
  list.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      out.push(fieldErr.invalid(index(path, i), f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  return out;
}

/** The parts of metadata checked the same way on create and update. */
function commonMetaErrs(meta: Record<string, any>, path: string): Errs {
  return [
    ...nonNegative(child(path, 'generation'), meta.generation),
    ...labelsErrs(meta.labels, child(path, 'labels')),
    ...annotationsErrs(meta.annotations, child(path, 'annotations')),
    ...ownerReferencesErrs(meta.ownerReferences, child(path, 'ownerReferences')),
    ...finalizersErrs(meta.finalizers, child(path, 'finalizers')),
  ];
}

/**
 * ValidateObjectMeta. `namespaced` follows the resource; the API server has already copied the
 * request's namespace in, and cleared it for cluster-scoped kinds.
 */
export function objectMetaErrs(metaIn: unknown, namespaced: boolean, nameFn: NameFn, path = 'metadata'): Errs {
  const meta = obj(metaIn);
  const out: Errs = [];
  const name = str(meta.name);
  const generateName = str(meta.generateName);
  if (generateName) for (const m of nameFn(generateName, true)) out.push(fieldErr.invalid(child(path, 'generateName'), generateName, m));
  if (!name) out.push(fieldErr.required(child(path, 'name'), 'name or generateName is required'));
  else for (const m of nameFn(name, false)) out.push(fieldErr.invalid(child(path, 'name'), name, m));
  const ns = str(meta.namespace);
  if (namespaced) {
    if (!ns) out.push(fieldErr.required(child(path, 'namespace')));
    else for (const m of nameIsDNSLabel(ns, false)) out.push(fieldErr.invalid(child(path, 'namespace'), ns, m));
  } else if (ns) out.push(fieldErr.forbidden(child(path, 'namespace'), 'not allowed on this type'));
  out.push(...commonMetaErrs(meta, path));
  return out;
}

/** ValidateObjectMetaUpdate: identity fields may not change. */
export function objectMetaUpdateErrs(newIn: unknown, oldIn: unknown, path = 'metadata'): Errs {
  const n = obj(newIn);
  const o = obj(oldIn);
  const out: Errs = [];
  if (isObj(o) && o.deletionTimestamp) {
    const extra = arr(n.finalizers)
      .map(str)
      .filter((f) => !arr(o.finalizers).map(str).includes(f))
      .sort();
    if (extra.length)
      out.push(
        fieldErr.forbidden(
          child(path, 'finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
  }
  if (!str(n.resourceVersion)) out.push(fieldErr.invalid(child(path, 'resourceVersion'), '', 'must be specified for an update'));
  if (typeof n.generation === 'number' && typeof o.generation === 'number' && n.generation < o.generation)
    out.push(fieldErr.invalid(child(path, 'generation'), n.generation, 'must not be decremented'));
  for (const f of ['name', 'namespace', 'uid'] as const) {
    if (str(n[f]) !== str(o[f])) out.push(fieldErr.invalid(child(path, f), str(n[f]), FIELD_IMMUTABLE));
  }
  out.push(...commonMetaErrs(n, path));
  return out;
}

export function metaCreateErrs(info: ResourceInfo, meta: unknown): Errs {
  return objectMetaErrs(meta, info.namespaced, nameFnFor(info.kind));
}
