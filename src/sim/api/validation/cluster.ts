// The other kinds: Namespace, Node, ServiceAccount, Event, Lease, PVC/PV, ResourceQuota, RBAC,
// PodDisruptionBudget. Kinds without a validator here get ObjectMeta validation only.

import { fieldErr } from '../errors';
import { nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import { quantityValueErrs, taintEffectErrs } from './pod';
import { compareQuantities, canonicalQuantity, quantityError } from './quantities';
import {
  arr,
  child,
  deepEqual,
  index,
  isObj,
  isQualifiedName,
  isValidLabelValue,
  key,
  labelNameErrs,
  labelSelectorErrs,
  obj,
  str,
  type Errs,
  type Obj,
} from './util';

// ---- Namespace ----

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function namespaceFinalizerErrs(list: unknown, path: string, indexed: boolean): Errs {
  const out: Errs = [];
  arr(list)
    .map(str)
    .forEach((f, i) => {
      const p = indexed ? index(path, i) : path;
      for (const m of isQualifiedName(f)) out.push(fieldErr.invalid(p, f, m));
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) out.push(fieldErr.invalid(p, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    });
  return out;
}

export function namespaceErrs(ns: Obj): Errs {
  return [...objectMetaErrs(ns.metadata, false, nameIsDNSLabel), ...namespaceFinalizerErrs(obj(ns.spec).finalizers, 'spec.finalizers', false)];
}

export function namespaceStatusUpdateErrs(ns: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(ns.metadata, old.metadata);
  const phase = str(obj(ns.status).phase);
  if (!obj(ns.metadata).deletionTimestamp) {
    if (phase !== 'Active') out.push(fieldErr.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"));
  } else if (phase !== 'Terminating') out.push(fieldErr.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty"));
  return out;
}

// ---- Node ----

function cidrErrs(path: string, v: string): Errs {
  const m = /^(.+)\/(\d{1,3})$/.exec(v);
  const ok = m && (/^\d+\.\d+\.\d+\.\d+$/.test(m[1]) ? Number(m[2]) <= 32 : m[1].includes(':') && Number(m[2]) <= 128);
  return ok ? [] : [fieldErr.invalid(path, v, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

function nodeTaintsErrs(taints: unknown): Errs {
  // Upstream builds this path from "metadata", so the errors read metadata.taints[i].
  const path = 'metadata.taints';
  const out: Errs = [];
  const seen = new Map<string, Set<string>>();
  arr(taints).forEach((t, i) => {
    const taint = obj(t);
    const p = index(path, i);
    const k = str(taint.key);
    const effect = str(taint.effect);
    out.push(...labelNameErrs(k, child(p, 'key')));
    const verrs = isValidLabelValue(str(taint.value));
    if (verrs.length) out.push(fieldErr.invalid(child(p, 'value'), str(taint.value), verrs.join(';')));
    out.push(...taintEffectErrs(effect, false, child(p, 'effect')));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(k)) {
      out.push({ type: 'FieldValueDuplicate', field: p, body: `Duplicate value: core.Taint{Key:${JSON.stringify(k)}, Value:${JSON.stringify(str(taint.value))}, Effect:${JSON.stringify(effect)}, TimeAdded:<nil>}: taints must be unique by key and effect pair` });
      return;
    }
    keys.add(k);
    seen.set(effect, keys);
  });
  return out;
}

function nodeResourcesErrs(node: Obj): Errs {
  const out: Errs = [];
  for (const f of ['capacity', 'allocatable'])
    for (const [k, q] of Object.entries(obj(obj(node.status)[f]))) out.push(...quantityValueErrs(k, q, `status.${f}.${k}`));
  return out;
}

export function nodeErrs(node: Obj): Errs {
  const spec = obj(node.spec);
  const out = [...objectMetaErrs(node.metadata, false, nameIsDNSSubdomain), ...nodeTaintsErrs(spec.taints), ...nodeResourcesErrs(node)];
  arr(spec.podCIDRs).forEach((c, i) => out.push(...cidrErrs(index('spec.podCIDRs', i), str(c))));
  return out;
}

export function nodeUpdateErrs(node: Obj, old: Obj): Errs {
  const spec = obj(node.spec);
  const oldSpec = obj(old.spec);
  const out = [...objectMetaUpdateErrs(node.metadata, old.metadata), ...nodeResourcesErrs(node), ...nodeTaintsErrs(spec.taints)];
  const oldCidrs = arr(oldSpec.podCIDRs).map(str);
  if (oldCidrs.length > 0 && !deepEqual(oldCidrs, arr(spec.podCIDRs).map(str)))
    out.push(fieldErr.forbidden('spec.podCIDRs', 'node updates may not change podCIDR except from "" to valid'));
  if (str(oldSpec.providerID) && str(oldSpec.providerID) !== str(spec.providerID))
    out.push(fieldErr.forbidden('spec.providerID', 'node updates may not change providerID except from "" to valid'));
  return out;
}

// ---- Event (core/v1 and events.k8s.io/v1) ----

export function eventErrs(ev: Obj): Errs {
  const out: Errs = [];
  const isEventsAPI = str(ev.apiVersion).startsWith('events.k8s.io/');
  const ns = str(obj(ev.metadata).namespace);
  // events.k8s.io names the involved object "regarding"; validation runs on the internal names.
  const involvedNs = str(obj(isEventsAPI ? ev.regarding : ev.involvedObject).namespace);
  const eventTime = ev.eventTime;
  const reporting = str(isEventsAPI ? ev.reportingController : ev.reportingComponent);
  const reportingField = isEventsAPI ? 'reportingController' : 'reportingComponent';
  if (!eventTime) {
    if (!involvedNs) {
      if (ns !== '' && ns !== 'default') out.push(fieldErr.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) out.push(fieldErr.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  } else {
    if (!involvedNs && ns !== 'default' && ns !== 'kube-system') out.push(fieldErr.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    if (!reporting) out.push(fieldErr.required(reportingField));
    for (const m of isQualifiedName(reporting)) out.push(fieldErr.invalid(reportingField, reporting, m));
    if (!str(ev.reportingInstance)) out.push(fieldErr.required('reportingInstance'));
    if (str(ev.reportingInstance).length > 128) out.push(fieldErr.invalid('reportingInstance', '', 'can have at most 128 characters'));
    if (!str(ev.action)) out.push(fieldErr.required('action'));
    if (str(ev.action).length > 128) out.push(fieldErr.invalid('action', '', 'can have at most 128 characters'));
  }
  for (const m of nameIsDNSSubdomain(ns, false)) out.push(fieldErr.invalid('namespace', ns, m));
  if (isEventsAPI) {
    out.push(...objectMetaErrs(ev.metadata, true, nameIsDNSSubdomain));
    if (!eventTime) out.push(fieldErr.required('eventTime'));
    if (ev.type !== 'Normal' && ev.type !== 'Warning') out.push(fieldErr.invalid('type', '', `has invalid value: ${str(ev.type)}`));
  } else {
    // The generic ObjectMeta check that runs after the strategy's own validation.
    out.push(...objectMetaErrs(ev.metadata, true, nameIsPathSegment));
  }
  return out;
}

// ---- Lease ----

export function leaseErrs(l: Obj): Errs {
  const spec = obj(l.spec);
  const out = objectMetaErrs(l.metadata, true, nameIsDNSSubdomain);
  if (typeof spec.leaseDurationSeconds === 'number' && spec.leaseDurationSeconds <= 0)
    out.push(fieldErr.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  if (typeof spec.leaseTransitions === 'number' && spec.leaseTransitions < 0)
    out.push(fieldErr.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  return out;
}

// ---- PersistentVolumeClaim / PersistentVolume ----

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function accessModesErrs(modes: unknown, path: string): Errs {
  const list = arr(modes).map(str);
  if (list.length === 0) return [fieldErr.required(path, 'at least 1 access mode is required')];
  const out: Errs = [];
  for (const m of list) if (!ACCESS_MODES.includes(m)) out.push(fieldErr.notSupported(path, m, ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m)))
    out.push(fieldErr.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return out;
}

export function pvcSpecErrs(specIn: unknown, path: string): Errs {
  const spec = obj(specIn);
  const out = accessModesErrs(spec.accessModes, child(path, 'accessModes'));
  out.push(...labelSelectorErrs(spec.selector, child(path, 'selector')));
  const requests = obj(obj(spec.resources).requests);
  const sp = key(child(path, 'resources'), 'storage');
  if (!('storage' in requests)) out.push(fieldErr.required(sp));
  else if (quantityError(requests.storage)) out.push(fieldErr.invalid(sp, str(requests.storage), quantityError(requests.storage)));
  else if (compareQuantities(requests.storage, '0') <= 0) out.push(fieldErr.invalid(sp, canonicalQuantity(requests.storage), 'must be greater than zero'));
  const sc = str(spec.storageClassName);
  if (sc) for (const m of nameIsDNSSubdomain(sc, false)) out.push(fieldErr.invalid(child(path, 'storageClassName'), sc, m));
  if (spec.volumeMode !== undefined && spec.volumeMode !== null && !['Block', 'Filesystem'].includes(str(spec.volumeMode)))
    out.push(fieldErr.notSupported(child(path, 'volumeMode'), str(spec.volumeMode), ['Block', 'Filesystem']));
  return out;
}

export function pvcErrs(pvc: Obj): Errs {
  return [...objectMetaErrs(pvc.metadata, true, nameIsDNSSubdomain), ...pvcSpecErrs(pvc.spec, 'spec')];
}

export function pvcUpdateErrs(pvc: Obj, old: Obj): Errs {
  const out = [...objectMetaUpdateErrs(pvc.metadata, old.metadata), ...pvcErrs(pvc)];
  const spec = structuredClone(obj(pvc.spec));
  const oldSpec = obj(old.spec);
  // The PV controller may set volumeName once; bound claims may grow their storage request.
  if (!str(oldSpec.volumeName)) spec.volumeName = oldSpec.volumeName;
  if (obj(pvc.status).phase === 'Bound' && isObj(obj(spec.resources).requests))
    spec.resources = { ...spec.resources, requests: { ...spec.resources.requests, storage: obj(obj(oldSpec.resources).requests).storage } };
  if (!deepEqual(spec, oldSpec))
    out.push(fieldErr.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n'));
  const n = obj(obj(pvc.spec).resources).requests?.storage;
  const o = obj(oldSpec.resources).requests?.storage;
  if (n !== undefined && o !== undefined && !quantityError(n) && !quantityError(o) && compareQuantities(n, o) < 0)
    out.push(fieldErr.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  return out;
}

export function pvErrs(pv: Obj): Errs {
  const spec = obj(pv.spec);
  const out = [...objectMetaErrs(pv.metadata, false, nameIsDNSSubdomain), ...accessModesErrs(spec.accessModes, 'spec.accessModes')];
  const cap = obj(spec.capacity);
  if (!('storage' in cap) || Object.keys(cap).length !== 1) out.push(fieldErr.required('spec.capacity', 'must specify storage'));
  else out.push(...quantityValueErrs('storage', cap.storage, 'spec.capacity[storage]'));
  const rp = str(spec.persistentVolumeReclaimPolicy);
  if (rp && !['Delete', 'Recycle', 'Retain'].includes(rp)) out.push(fieldErr.notSupported('spec.persistentVolumeReclaimPolicy', rp, ['Delete', 'Recycle', 'Retain']));
  return out;
}

// ---- ResourceQuota ----

export function resourceQuotaErrs(rq: Obj): Errs {
  const out = objectMetaErrs(rq.metadata, true, nameIsDNSSubdomain);
  for (const [k, q] of Object.entries(obj(obj(rq.spec).hard))) {
    for (const m of isQualifiedName(k)) out.push(fieldErr.invalid(key('spec.hard', k), k, m));
    out.push(...quantityValueErrs(k, q, key('spec.hard', k)));
  }
  return out;
}

// ---- RBAC ----

function policyRulesErrs(rules: unknown, namespaced: boolean): Errs {
  const out: Errs = [];
  arr(rules).forEach((r, i) => {
    const rule = obj(r);
    const p = index('rules', i);
    if (arr(rule.verbs).length === 0) out.push(fieldErr.required(child(p, 'verbs'), 'verbs must contain at least one value'));
    const urls = arr(rule.nonResourceURLs);
    if (urls.length > 0) {
      if (namespaced) out.push(fieldErr.invalid(child(p, 'nonResourceURLs'), urls.map(str), 'namespaced rules cannot apply to non-resource URLs'));
      if (arr(rule.apiGroups).length || arr(rule.resources).length || arr(rule.resourceNames).length)
        out.push(fieldErr.invalid(child(p, 'nonResourceURLs'), urls.map(str), 'rules cannot apply to both regular resources and non-resource URLs'));
      return;
    }
    if (arr(rule.apiGroups).length === 0) out.push(fieldErr.required(child(p, 'apiGroups'), 'resource rules must supply at least one api group'));
    if (arr(rule.resources).length === 0) out.push(fieldErr.required(child(p, 'resources'), 'resource rules must supply at least one resource'));
  });
  return out;
}

export function roleErrs(r: Obj): Errs {
  const namespaced = r.kind === 'Role';
  const out = objectMetaErrs(r.metadata, namespaced, nameIsPathSegment);
  // An aggregated ClusterRole gets its rules from the controller.
  if (!(r.kind === 'ClusterRole' && isObj(r.aggregationRule))) out.push(...policyRulesErrs(r.rules, namespaced));
  return out;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function roleBindingErrs(b: Obj): Errs {
  const namespaced = b.kind === 'RoleBinding';
  const out = objectMetaErrs(b.metadata, namespaced, nameIsPathSegment);
  const ref = obj(b.roleRef);
  if (str(ref.apiGroup) !== RBAC_GROUP) out.push(fieldErr.notSupported('roleRef.apiGroup', str(ref.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) out.push(fieldErr.notSupported('roleRef.kind', str(ref.kind), kinds));
  const name = str(ref.name);
  if (!name) out.push(fieldErr.required('roleRef.name'));
  else for (const m of nameIsPathSegment(name, false)) out.push(fieldErr.invalid('roleRef.name', name, m));
  arr(b.subjects).forEach((s, i) => {
    const sub = obj(s);
    const p = index('subjects', i);
    const sname = str(sub.name);
    if (!sname) out.push(fieldErr.required(child(p, 'name')));
    switch (sub.kind) {
      case 'ServiceAccount':
        if (sname) for (const m of nameIsDNSSubdomain(sname, false)) out.push(fieldErr.invalid(child(p, 'name'), sname, m));
        if (str(sub.apiGroup)) out.push(fieldErr.notSupported(child(p, 'apiGroup'), str(sub.apiGroup), ['']));
        if (!namespaced && !str(sub.namespace)) out.push(fieldErr.required(child(p, 'namespace')));
        break;
      case 'User':
      case 'Group':
        if (str(sub.apiGroup) !== RBAC_GROUP) out.push(fieldErr.notSupported(child(p, 'apiGroup'), str(sub.apiGroup), [RBAC_GROUP]));
        break;
      default:
        out.push(fieldErr.notSupported(child(p, 'kind'), str(sub.kind), ['ServiceAccount', 'User', 'Group']));
    }
  });
  return out;
}

export function roleBindingUpdateErrs(b: Obj, old: Obj): Errs {
  const out = [...objectMetaUpdateErrs(b.metadata, old.metadata), ...roleBindingErrs(b)];
  if (!deepEqual(b.roleRef, old.roleRef)) out.push(fieldErr.invalid('roleRef', '', 'cannot change roleRef'));
  return out;
}

// ---- PodDisruptionBudget ----

export function pdbErrs(p: Obj): Errs {
  const spec = obj(p.spec);
  const out = [...objectMetaErrs(p.metadata, true, nameIsDNSSubdomain), ...labelSelectorErrs(spec.selector, 'spec.selector')];
  const has = (f: string) => spec[f] !== undefined && spec[f] !== null;
  if (has('minAvailable') && has('maxUnavailable'))
    out.push({ type: 'FieldValueInvalid', field: 'spec', body: 'Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set' });
  return out;
}
