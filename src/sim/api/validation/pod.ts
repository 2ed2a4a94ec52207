// Pod, PodSpec and pod template validation (pkg/apis/core/validation: ValidatePodSpec and
// friends, ValidatePodUpdate). Specs are validated after defaulting, so fields the defaulter
// always fills (restartPolicy, dnsPolicy, terminationGracePeriodSeconds...) are "Required" only
// if a client explicitly cleared them.

import { fieldErr } from '../errors';
import { canonicalQuantity, compareQuantities, isIntegerQuantity, isNegativeQuantity, quantityError } from './quantities';
import { annotationsErrs, nameIsDNSLabel, nameIsDNSSubdomain, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import {
  arr,
  child,
  deepEqual,
  dns1123LabelErrs,
  inclusiveRangeError,
  index,
  isConfigMapKey,
  isObj,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  key,
  labelNameErrs,
  labelsErrs,
  labelSelectorErrs,
  nonNegative,
  NOT_POSITIVE_ERROR,
  num,
  obj,
  str,
  type Errs,
  type Obj,
} from './util';

export interface PodSpecOptions {
  /** The spec belongs to a Pod, not a template (hostNetwork ports, image whitespace). */
  isPod: boolean;
}

const INT32_MAX = 2147483647;
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

// Go checks volume sources in this order; the second one found is the "more than 1" error.
// `image` volumes are alpha (ImageVolume off) in 1.32: the field is dropped, so such a volume
// ends up with no source at all.
const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral',
];

// ---------------------------------------------------------------- volumes

function fileModeErrs(v: unknown, path: string): Errs {
  const n = num(v);
  return n !== undefined && (n > 0o777 || n < 0) ? [fieldErr.invalid(path, n, FILE_MODE_ERROR)] : [];
}

function keyToPathErrs(items: unknown, path: string): Errs {
  const out: Errs = [];
  arr(items).forEach((it, i) => {
    const kp = obj(it);
    const p = index(path, i);
    if (!str(kp.key)) out.push(fieldErr.required(child(p, 'key')));
    if (!str(kp.path)) out.push(fieldErr.required(child(p, 'path')));
    else out.push(...localNonReservedPathErrs(str(kp.path), child(p, 'path')));
    out.push(...fileModeErrs(kp.mode, child(p, 'mode')));
  });
  return out;
}

/** ValidateLocalNonReservedPath: relative, no '..', not starting with '..'. */
function localNonReservedPathErrs(p: string, path: string): Errs {
  const out: Errs = [];
  if (p.startsWith('/')) out.push(fieldErr.invalid(path, p, 'must be a relative path'));
  if (p.split('/').includes('..')) out.push(fieldErr.invalid(path, p, "must not contain '..'"));
  if (p.startsWith('..')) out.push(fieldErr.invalid(path, p, "must not start with '..'"));
  return out;
}

function volumeSourceErrs(v: Obj, path: string): Errs {
  const out: Errs = [];
  let count = 0;
  for (const src of VOLUME_SOURCES) {
    if (v[src] === undefined || v[src] === null) continue;
    if (count > 0) {
      out.push(fieldErr.forbidden(child(path, src), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const s = obj(v[src]);
    const p = child(path, src);
    switch (src) {
      case 'hostPath':
        if (!str(s.path)) out.push(fieldErr.required(child(p, 'path')));
        break;
      case 'secret':
        if (!str(s.secretName)) out.push(fieldErr.required(child(p, 'secretName')));
        out.push(...fileModeErrs(s.defaultMode, child(p, 'defaultMode')), ...keyToPathErrs(s.items, child(p, 'items')));
        break;
      case 'configMap':
        if (!str(s.name)) out.push(fieldErr.required(child(p, 'name')));
        out.push(...fileModeErrs(s.defaultMode, child(p, 'defaultMode')), ...keyToPathErrs(s.items, child(p, 'items')));
        break;
      case 'persistentVolumeClaim':
        if (!str(s.claimName)) out.push(fieldErr.required(child(p, 'claimName')));
        break;
      case 'nfs':
        if (!str(s.server)) out.push(fieldErr.required(child(p, 'server')));
        if (!str(s.path)) out.push(fieldErr.required(child(p, 'path')));
        if (!str(s.path).startsWith('/')) out.push(fieldErr.invalid(child(p, 'path'), str(s.path), 'must be an absolute path'));
        break;
      case 'downwardAPI':
      case 'projected':
        out.push(...fileModeErrs(s.defaultMode, child(p, 'defaultMode')));
        break;
      case 'csi':
        if (!str(s.driver)) out.push(fieldErr.required(child(p, 'driver')));
        break;
    }
  }
  if (count === 0) out.push(fieldErr.required(path, 'must specify a volume type'));
  return out;
}

/** ValidateVolumes: returns the names of the valid volumes, which mounts may reference. */
function volumesErrs(volumes: unknown, path: string): { names: Set<string>; errs: Errs } {
  const names = new Set<string>();
  const errs: Errs = [];
  arr(volumes).forEach((vol, i) => {
    const v = obj(vol);
    const p = index(path, i);
    const name = str(v.name);
    const el = volumeSourceErrs(v, p);
    if (!name) el.push(fieldErr.required(child(p, 'name')));
    else el.push(...dns1123LabelErrs(name, child(p, 'name')));
    if (names.has(name)) el.push(fieldErr.duplicate(child(p, 'name'), name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---------------------------------------------------------------- containers

function portNumOrNameErrs(port: unknown, path: string): Errs {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fieldErr.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldErr.invalid(path, port, m));
  return isValidPortNum(0).map((m) => fieldErr.invalid(path, 0, m));
}

function containerPortsErrs(ports: unknown, path: string): Errs {
  const out: Errs = [];
  const names = new Set<string>();
  arr(ports).forEach((pt, i) => {
    const port = obj(pt);
    const p = index(path, i);
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) out.push(fieldErr.invalid(child(p, 'name'), name, m));
      else if (names.has(name)) out.push(fieldErr.duplicate(child(p, 'name'), name));
      else names.add(name);
    }
    const cp = num(port.containerPort) ?? 0;
    if (cp === 0) out.push(fieldErr.required(child(p, 'containerPort')));
    else for (const m of isValidPortNum(cp)) out.push(fieldErr.invalid(child(p, 'containerPort'), cp, m));
    const hp = num(port.hostPort) ?? 0;
    if (hp !== 0) for (const m of isValidPortNum(hp)) out.push(fieldErr.invalid(child(p, 'hostPort'), hp, m));
    const proto = str(port.protocol);
    if (!proto) out.push(fieldErr.required(child(p, 'protocol')));
    else if (!PROTOCOLS.includes(proto)) out.push(fieldErr.notSupported(child(p, 'protocol'), proto, PROTOCOLS));
  });
  return out;
}

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function keySelectorErrs(s: Obj, path: string): Errs {
  const out: Errs = [];
  const name = str(s.name);
  for (const m of nameIsDNSSubdomain(name, false)) out.push(fieldErr.invalid(child(path, 'name'), name, m));
  const k = str(s.key);
  if (!k) out.push(fieldErr.required(child(path, 'key')));
  else for (const m of isConfigMapKey(k)) out.push(fieldErr.invalid(child(path, 'key'), k, m));
  return out;
}

function envErrs(env: unknown, path: string): Errs {
  const out: Errs = [];
  arr(env).forEach((e, i) => {
    const ev = obj(e);
    const p = index(path, i);
    const name = str(ev.name);
    if (!name) out.push(fieldErr.required(child(p, 'name')));
    else for (const m of isRelaxedEnvVarName(name)) out.push(fieldErr.invalid(child(p, 'name'), name, m));
    if (ev.valueFrom === undefined || ev.valueFrom === null) return;
    const vf = obj(ev.valueFrom);
    const vp = child(p, 'valueFrom');
    let sources = 0;
    if (isObj(vf.fieldRef)) {
      sources++;
      const fr = vf.fieldRef;
      const fp = child(vp, 'fieldRef');
      if (!str(fr.apiVersion)) out.push(fieldErr.required(child(fp, 'apiVersion')));
      else if (!str(fr.fieldPath)) out.push(fieldErr.required(child(fp, 'fieldPath')));
      else {
        const fieldPath = str(fr.fieldPath);
        const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
        if (sub) {
          const k = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
          for (const m of isQualifiedName(k)) out.push(fieldErr.invalid(fp, k, m));
        } else if (!ENV_FIELD_PATHS.includes(fieldPath)) out.push(fieldErr.notSupported(child(fp, 'fieldPath'), fieldPath, ENV_FIELD_PATHS));
      }
    }
    if (isObj(vf.resourceFieldRef)) {
      sources++;
      const res = str(vf.resourceFieldRef.resource);
      const rp = child(vp, 'resourceFieldRef');
      if (!res) out.push(fieldErr.required(child(rp, 'resource')));
      else if (!RESOURCE_FIELD_PATHS.includes(res) && !/^(requests|limits)\.hugepages-/.test(res))
        out.push(fieldErr.notSupported(child(rp, 'resource'), res, RESOURCE_FIELD_PATHS));
    }
    if (isObj(vf.configMapKeyRef)) {
      sources++;
      out.push(...keySelectorErrs(vf.configMapKeyRef, child(vp, 'configMapKeyRef')));
    }
    if (isObj(vf.secretKeyRef)) {
      sources++;
      out.push(...keySelectorErrs(vf.secretKeyRef, child(vp, 'secretKeyRef')));
    }
    if (sources === 0) out.push(fieldErr.invalid(vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev.value)) out.push(fieldErr.invalid(vp, '', 'may not be specified when `value` is not empty'));
    else if (sources > 1) out.push(fieldErr.invalid(vp, '', 'may not have more than one field specified at a time'));
  });
  return out;
}

function envFromErrs(envFrom: unknown, path: string): Errs {
  const out: Errs = [];
  arr(envFrom).forEach((e, i) => {
    const ef = obj(e);
    const p = index(path, i);
    const prefix = str(ef.prefix);
    if (prefix) for (const m of isRelaxedEnvVarName(prefix)) out.push(fieldErr.invalid(child(p, 'prefix'), prefix, m));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!isObj(ef[kind])) continue;
      sources++;
      const name = str(ef[kind].name);
      if (!name) out.push(fieldErr.required(child(p, kind, 'name')));
      else for (const m of nameIsDNSSubdomain(name, true)) out.push(fieldErr.invalid(child(p, kind, 'name'), name, m));
    }
    if (sources === 0) out.push(fieldErr.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) out.push(fieldErr.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return out;
}

function volumeMountsErrs(mounts: unknown, volumes: Set<string>, path: string): Errs {
  const out: Errs = [];
  const seen = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const mnt = obj(m);
    const p = index(path, i);
    const name = str(mnt.name);
    const mountPath = str(mnt.mountPath);
    if (!name) out.push(fieldErr.required(child(p, 'name')));
    if (!volumes.has(name)) out.push(fieldErr.notFound(child(p, 'name'), name));
    if (!mountPath) out.push(fieldErr.required(child(p, 'mountPath')));
    if (seen.has(mountPath)) out.push(fieldErr.invalid(child(p, 'mountPath'), mountPath, 'must be unique'));
    seen.add(mountPath);
    if (str(mnt.subPath) && str(mnt.subPathExpr))
      out.push(fieldErr.invalid(child(p, 'subPathExpr'), str(mnt.subPathExpr), 'subPathExpr and subPath are mutually exclusive'));
  });
  return out;
}

const isNativeResource = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const isHugePages = (n: string) => n.startsWith('hugepages-');
const isOvercommitAllowed = (n: string) => isNativeResource(n) && !isHugePages(n);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function containerResourceNameErrs(name: string, path: string): Errs {
  const out = isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name))
      out.push(fieldErr.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && (name.startsWith('requests.') || isQualifiedName(`requests.${name}`).length > 0)) {
    out.push(fieldErr.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return out;
}

/** ValidateResourceQuantityValue, plus the parse error the decoder would have raised. */
export function quantityValueErrs(name: string, q: unknown, path: string): Errs {
  const perr = quantityError(q);
  if (perr) return [fieldErr.invalid(path, typeof q === 'string' ? q : str(q), perr)];
  const out: Errs = [];
  if (isNegativeQuantity(q)) out.push(fieldErr.invalid(path, canonicalQuantity(q), 'must be greater than or equal to 0'));
  // Extended resources (and a few core ones) only come in whole units.
  if ((!isNativeResource(name) || name === 'pods') && !isIntegerQuantity(q)) out.push(fieldErr.invalid(path, canonicalQuantity(q), 'must be an integer'));
  return out;
}

export function resourceRequirementsErrs(resIn: unknown, path: string): Errs {
  const res = obj(resIn);
  const out: Errs = [];
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = obj(res.limits);
  const requests = obj(res.requests);
  for (const [name, q] of Object.entries(limits)) {
    const p = key(limPath, name);
    out.push(...containerResourceNameErrs(name, p), ...quantityValueErrs(name, q, p));
  }
  for (const [name, q] of Object.entries(requests)) {
    const p = key(reqPath, name);
    out.push(...containerResourceNameErrs(name, p));
    const qErrs = quantityValueErrs(name, q, p);
    out.push(...qErrs);
    if (qErrs.length || quantityError(q)) continue;
    if (name in limits) {
      const lim = limits[name];
      if (quantityError(lim)) continue;
      const cmp = compareQuantities(q, lim);
      if (cmp !== 0 && !isOvercommitAllowed(name))
        out.push(fieldErr.invalid(reqPath, canonicalQuantity(q), `must be equal to ${name} limit of ${canonicalQuantity(lim)}`));
      else if (cmp > 0)
        out.push(fieldErr.invalid(reqPath, canonicalQuantity(q), `must be less than or equal to ${name} limit of ${canonicalQuantity(lim)}`));
    } else if (!isOvercommitAllowed(name)) {
      out.push(fieldErr.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  return out;
}

function handlerErrs(h: Obj, path: string, kinds: string[]): Errs {
  const out: Errs = [];
  let n = 0;
  for (const k of kinds) {
    if (!isObj(h[k])) continue;
    if (n > 0) {
      out.push(fieldErr.forbidden(child(path, k), 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const a = h[k];
    const p = child(path, k);
    if (k === 'exec' && arr(a.command).length === 0) out.push(fieldErr.required(child(p, 'command')));
    if (k === 'httpGet') {
      if (!str(a.path)) out.push(fieldErr.required(child(p, 'path')));
      out.push(...portNumOrNameErrs(a.port, child(p, 'port')));
      if (!['HTTP', 'HTTPS'].includes(str(a.scheme))) out.push(fieldErr.notSupported(child(p, 'scheme'), str(a.scheme), ['HTTP', 'HTTPS']));
    }
    if (k === 'tcpSocket') out.push(...portNumOrNameErrs(a.port, child(p, 'port')));
    if (k === 'grpc') out.push(...portNumOrNameErrs(num(a.port) ?? 0, child(p, 'port')));
  }
  if (n === 0) out.push(fieldErr.required(path, 'must specify a handler type'));
  return out;
}

function probeErrs(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup'): Errs {
  if (!isObj(probe)) return [];
  const out = handlerErrs(probe, path, ['exec', 'httpGet', 'tcpSocket', 'grpc']);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'])
    out.push(...nonNegative(child(path, f), probe[f]));
  const tgp = num(probe.terminationGracePeriodSeconds);
  if (tgp !== undefined && tgp <= 0) out.push(fieldErr.invalid(child(path, 'terminationGracePeriodSeconds'), tgp, 'must be greater than 0'));
  if (kind !== 'readiness' && probe.successThreshold !== undefined && probe.successThreshold !== 1)
    out.push(fieldErr.invalid(child(path, 'successThreshold'), probe.successThreshold, 'must be 1'));
  if (kind === 'readiness' && probe.terminationGracePeriodSeconds !== undefined)
    out.push(fieldErr.invalid(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  return out;
}

function lifecycleErrs(lc: unknown, path: string): Errs {
  if (!isObj(lc)) return [];
  const out: Errs = [];
  for (const hook of ['postStart', 'preStop'])
    if (isObj(lc[hook])) out.push(...handlerErrs(lc[hook], child(path, hook), ['exec', 'httpGet', 'tcpSocket', 'sleep']));
  return out;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** validateContainerCommon. */
function containerCommonErrs(c: Obj, volumes: Set<string>, path: string): Errs {
  const out: Errs = [];
  const name = str(c.name);
  if (!name) out.push(fieldErr.required(child(path, 'name')));
  else out.push(...dns1123LabelErrs(name, child(path, 'name')));
  if (!str(c.image)) out.push(fieldErr.required(child(path, 'image')));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) out.push(fieldErr.required(child(path, 'terminationMessagePolicy')));
  else if (!['File', 'FallbackToLogsOnError'].includes(tmp))
    out.push(fieldErr.notSupported(child(path, 'terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  out.push(
    ...containerPortsErrs(c.ports, child(path, 'ports')),
    ...envErrs(c.env, child(path, 'env')),
    ...envFromErrs(c.envFrom, child(path, 'envFrom')),
    ...volumeMountsErrs(c.volumeMounts, volumes, child(path, 'volumeMounts')),
  );
  const pp = str(c.imagePullPolicy);
  if (!pp) out.push(fieldErr.required(child(path, 'imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pp)) out.push(fieldErr.notSupported(child(path, 'imagePullPolicy'), pp, PULL_POLICIES));
  out.push(...resourceRequirementsErrs(c.resources, child(path, 'resources')));
  return out;
}

/** checkHostPortConflicts: protocol/hostIP/hostPort must be unique across the list. */
function hostPortConflicts(containers: Obj[], path: string): Errs {
  const out: Errs = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((pt, pi) => {
      const port = obj(pt);
      const hp = num(port.hostPort) ?? 0;
      if (hp === 0) return;
      const k = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      if (seen.has(k)) out.push(fieldErr.duplicate(child(index(child(index(path, ci), 'ports'), pi), 'hostPort'), k));
      else seen.add(k);
    });
  });
  return out;
}

function containersErrs(list: unknown, volumes: Set<string>, path: string): Errs {
  const containers = arr(list).map(obj);
  if (containers.length === 0) return [fieldErr.required(path)];
  const out: Errs = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = index(path, i);
    out.push(...containerCommonErrs(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) out.push(fieldErr.duplicate(child(p, 'name'), name));
    else names.add(name);
    out.push(
      ...lifecycleErrs(c.lifecycle, child(p, 'lifecycle')),
      ...probeErrs(c.livenessProbe, child(p, 'livenessProbe'), 'liveness'),
      ...probeErrs(c.readinessProbe, child(p, 'readinessProbe'), 'readiness'),
      ...probeErrs(c.startupProbe, child(p, 'startupProbe'), 'startup'),
    );
    if (c.restartPolicy !== undefined && c.restartPolicy !== null)
      out.push(fieldErr.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers'));
  });
  out.push(...hostPortConflicts(containers, path));
  return out;
}

function initContainersErrs(list: unknown, regular: unknown, volumes: Set<string>, path: string): Errs {
  const out: Errs = [];
  const names = new Set(arr(regular).map((c) => str(obj(c).name)));
  arr(list)
    .map(obj)
    .forEach((c, i) => {
      const p = index(path, i);
      out.push(...containerCommonErrs(c, volumes, p));
      let restartAlways = false;
      if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
        if (c.restartPolicy !== 'Always') out.push(fieldErr.notSupported(child(p, 'restartPolicy'), str(c.restartPolicy), ['Always']));
        restartAlways = c.restartPolicy === 'Always';
      }
      const name = str(c.name);
      if (names.has(name)) out.push(fieldErr.duplicate(child(p, 'name'), name));
      else if (name) names.add(name);
      out.push(...hostPortConflicts([c], path));
      if (restartAlways) {
        out.push(
          ...lifecycleErrs(c.lifecycle, child(p, 'lifecycle')),
          ...probeErrs(c.livenessProbe, child(p, 'livenessProbe'), 'liveness'),
          ...probeErrs(c.readinessProbe, child(p, 'readinessProbe'), 'readiness'),
          ...probeErrs(c.startupProbe, child(p, 'startupProbe'), 'startup'),
        );
      } else {
        for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'])
          if (c[f] !== undefined && c[f] !== null) out.push(fieldErr.forbidden(child(p, f), 'may not be set for init containers without restartPolicy=Always'));
      }
    });
  return out;
}

// ---------------------------------------------------------------- scheduling

function nodeSelectorTermErrs(term: unknown, path: string, checkValues: boolean): Errs {
  const out: Errs = [];
  const t = obj(term);
  arr(t.matchExpressions).forEach((r, j) => {
    const req = obj(r);
    const p = index(child(path, 'matchExpressions'), j);
    const values = arr(req.values);
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.push(fieldErr.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) out.push(fieldErr.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) out.push(fieldErr.required(child(p, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        out.push(fieldErr.invalid(child(p, 'operator'), str(req.operator), 'not a valid selector operator'));
    }
    out.push(...labelNameErrs(str(req.key), child(p, 'key')));
    if (checkValues)
      values.forEach((v, vi) => {
        for (const m of isValidLabelValue(str(v))) out.push(fieldErr.invalid(index(child(p, 'values'), vi), str(v), m));
      });
  });
  arr(t.matchFields).forEach((r, j) => {
    const req = obj(r);
    const p = index(child(path, 'matchFields'), j);
    if (req.operator === 'In' || req.operator === 'NotIn') {
      if (arr(req.values).length !== 1)
        out.push(fieldErr.required(child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else out.push(fieldErr.invalid(child(p, 'operator'), str(req.operator), 'not a valid selector operator'));
    if (str(req.key) !== 'metadata.name') out.push(fieldErr.invalid(child(p, 'key'), str(req.key), 'not a valid field selector key'));
  });
  return out;
}

function podAffinityTermErrs(term: unknown, path: string): Errs {
  const t = obj(term);
  const out = [...labelSelectorErrs(t.labelSelector, child(path, 'labelSelector')), ...labelSelectorErrs(t.namespaceSelector, child(path, 'namespaceSelector'))];
  for (const ns of arr(t.namespaces).map(str)) for (const m of nameIsDNSLabel(ns, false)) out.push(fieldErr.invalid(child(path, 'namespace'), ns, m));
  const tk = str(t.topologyKey);
  if (!tk) out.push(fieldErr.required(child(path, 'topologyKey'), 'can not be empty'));
  out.push(...labelNameErrs(tk, child(path, 'topologyKey')));
  return out;
}

function podAffinityErrs(pa: unknown, path: string): Errs {
  if (!isObj(pa)) return [];
  const out: Errs = [];
  arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    out.push(...podAffinityTermErrs(t, index(child(path, 'requiredDuringSchedulingIgnoredDuringExecution'), i))),
  );
  arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
    const p = index(child(path, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    const weight = num(obj(w).weight) ?? 0;
    if (weight <= 0 || weight > 100) out.push(fieldErr.invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
    out.push(...podAffinityTermErrs(obj(w).podAffinityTerm, child(p, 'podAffinityTerm')));
  });
  return out;
}

function affinityErrs(aff: unknown, path: string): Errs {
  if (!isObj(aff)) return [];
  const out: Errs = [];
  if (isObj(aff.nodeAffinity)) {
    const na = aff.nodeAffinity;
    const np = child(path, 'nodeAffinity');
    if (isObj(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      const rp = child(np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = arr(na.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms);
      if (terms.length === 0) out.push(fieldErr.required(rp, 'must have at least one node selector term'));
      terms.forEach((t, i) => out.push(...nodeSelectorTermErrs(t, index(rp, i), true)));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const p = index(child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const weight = num(obj(t).weight) ?? 0;
      if (weight <= 0 || weight > 100) out.push(fieldErr.invalid(child(p, 'weight'), weight, 'must be in the range 1-100'));
      out.push(...nodeSelectorTermErrs(obj(t).preference, child(p, 'preference'), false));
    });
  }
  out.push(...podAffinityErrs(aff.podAffinity, child(path, 'podAffinity')), ...podAffinityErrs(aff.podAntiAffinity, child(path, 'podAntiAffinity')));
  return out;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function taintEffectErrs(effect: string, allowEmpty: boolean, path: string): Errs {
  if (!allowEmpty && !effect) return [fieldErr.required(path)];
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldErr.notSupported(path, effect, TAINT_EFFECTS)];
}

export function tolerationsErrs(tols: unknown, path: string): Errs {
  const out: Errs = [];
  arr(tols).forEach((t, i) => {
    const tol = obj(t);
    const p = index(path, i);
    const k = str(tol.key);
    const op = str(tol.operator);
    const effect = str(tol.effect);
    const value = str(tol.value);
    if (k) out.push(...labelNameErrs(k, child(p, 'key')));
    if (!k && op !== 'Exists')
      out.push(fieldErr.invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null && effect !== 'NoExecute')
      out.push(fieldErr.invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    if (op === 'Equal' || op === '') {
      const errs = isValidLabelValue(value);
      if (errs.length) out.push(fieldErr.invalid(child(p, 'operator'), value, errs.join(';')));
    } else if (op === 'Exists') {
      if (value) out.push(fieldErr.invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else out.push(fieldErr.notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    if (effect) out.push(...taintEffectErrs(effect, true, child(p, 'effect')));
  });
  return out;
}

function topologySpreadErrs(list: unknown, path: string): Errs {
  const out: Errs = [];
  const items = arr(list).map(obj);
  items.forEach((c, i) => {
    const p = index(path, i);
    const skew = num(c.maxSkew) ?? 0;
    if (skew <= 0) out.push(fieldErr.invalid(child(p, 'maxSkew'), skew, NOT_POSITIVE_ERROR));
    if (!str(c.topologyKey)) out.push(fieldErr.required(child(p, 'topologyKey'), 'can not be empty'));
    const wu = str(c.whenUnsatisfiable);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(wu)) out.push(fieldErr.notSupported(child(p, 'whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
    if (items.slice(i + 1).some((o) => str(o.topologyKey) === str(c.topologyKey) && str(o.whenUnsatisfiable) === wu))
      out.push(fieldErr.duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${wu}}`));
    const md = num(c.minDomains);
    if (md !== undefined) {
      if (md <= 0) out.push(fieldErr.invalid(child(p, 'minDomains'), md, NOT_POSITIVE_ERROR));
      if (wu !== 'DoNotSchedule')
        out.push(fieldErr.invalid(child(p, 'minDomains'), md, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${wu}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'])
      if (c[f] !== undefined && !['Honor', 'Ignore'].includes(str(c[f]))) out.push(fieldErr.notSupported(child(p, f), str(c[f]), ['Honor', 'Ignore']));
    out.push(...labelSelectorErrs(c.labelSelector, child(p, 'labelSelector')));
  });
  return out;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

// ---------------------------------------------------------------- pod spec

/** ValidatePodSpec. */
export function podSpecErrs(specIn: unknown, path: string, opts: PodSpecOptions): Errs {
  const spec = obj(specIn);
  const out: Errs = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null)
    out.push(fieldErr.required(child(path, 'terminationGracePeriodSeconds')));
  const { names: vols, errs: vErrs } = volumesErrs(spec.volumes, child(path, 'volumes'));
  out.push(...vErrs);
  out.push(...containersErrs(spec.containers, vols, child(path, 'containers')));
  out.push(...initContainersErrs(spec.initContainers, spec.containers, vols, child(path, 'initContainers')));

  // hostNetwork pods must publish each container port on the same host port.
  if (spec.hostNetwork === true)
    arr(spec.containers).forEach((c, i) =>
      arr(obj(c).ports).forEach((pt, j) => {
        const hp = num(obj(pt).hostPort) ?? 0;
        const cp = num(obj(pt).containerPort) ?? 0;
        if ((opts.isPod || hp !== 0) && hp !== cp)
          out.push(fieldErr.invalid(child(index(child(index(child(path, 'containers'), i), 'ports'), j), 'hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }),
    );

  const rp = str(spec.restartPolicy);
  if (!rp) out.push(fieldErr.required(child(path, 'restartPolicy')));
  else if (!RESTART_POLICIES.includes(rp)) out.push(fieldErr.notSupported(child(path, 'restartPolicy'), rp, RESTART_POLICIES));
  const dp = str(spec.dnsPolicy);
  if (!dp) out.push(fieldErr.required(child(path, 'dnsPolicy')));
  else if (!DNS_POLICIES.includes(dp)) out.push(fieldErr.notSupported(child(path, 'dnsPolicy'), dp, DNS_POLICIES));
  out.push(...labelsErrs(spec.nodeSelector, child(path, 'nodeSelector')));
  out.push(...affinityErrs(spec.affinity, child(path, 'affinity')));
  if (dp === 'None') {
    const cfg = spec.dnsConfig;
    if (!isObj(cfg)) out.push(fieldErr.required(child(path, 'dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
    else if (arr(cfg.nameservers).length === 0)
      out.push(fieldErr.required(child(path, 'dnsConfig', 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  }
  out.push(...topologySpreadErrs(spec.topologySpreadConstraints, child(path, 'topologySpreadConstraints')));
  for (const [f, fn] of [
    ['serviceAccountName', nameIsDNSSubdomain],
    ['nodeName', nameIsDNSSubdomain],
    ['priorityClassName', nameIsDNSSubdomain],
  ] as const) {
    const v = str(spec[f]);
    if (v) for (const m of fn(v, false)) out.push(fieldErr.invalid(child(path, f), v, m));
  }
  const ads = num(spec.activeDeadlineSeconds);
  if (ads !== undefined && (ads < 1 || ads > INT32_MAX))
    out.push(fieldErr.invalid(child(path, 'activeDeadlineSeconds'), ads, inclusiveRangeError(1, INT32_MAX)));
  for (const f of ['hostname', 'subdomain']) if (str(spec[f])) out.push(...dns1123LabelErrs(str(spec[f]), child(path, f)));
  out.push(...tolerationsErrs(spec.tolerations, child(path, 'tolerations')));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) out.push(fieldErr.required(child(path, 'preemptionPolicy')));
    else if (!['PreemptLowerPriority', 'Never'].includes(pp))
      out.push(fieldErr.notSupported(child(path, 'preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  if (isObj(spec.os)) {
    const os = str(spec.os.name);
    if (!os) out.push(fieldErr.required(child(path, 'os', 'name'), 'cannot be empty'));
    else if (!['linux', 'windows'].includes(os)) out.push(fieldErr.notSupported(child(path, 'os'), os, ['linux', 'windows']));
  }
  return out;
}

/** ValidatePodTemplateSpec: the template's labels and annotations, then its spec. */
export function podTemplateSpecErrs(tmplIn: unknown, path: string): Errs {
  const tmpl = obj(tmplIn);
  const meta = obj(tmpl.metadata);
  const out = [...labelsErrs(meta.labels, child(path, 'labels')), ...annotationsErrs(meta.annotations, child(path, 'annotations'))];
  out.push(...podSpecErrs(tmpl.spec, child(path, 'spec'), { isPod: false }));
  if (arr(obj(tmpl.spec).ephemeralContainers).length > 0)
    out.push(fieldErr.forbidden(child(path, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return out;
}

function podOnlyErrs(spec: Obj): Errs {
  const out: Errs = [];
  for (const list of ['containers', 'initContainers'])
    arr(spec[list]).forEach((c, i) => {
      const image = str(obj(c).image);
      if (image.length !== image.trim().length)
        out.push(fieldErr.invalid(child(index(child('spec', list), i), 'image'), image, 'must not have leading or trailing whitespace'));
    });
  return out;
}

/** ValidatePodCreate. */
export function podCreateErrs(pod: Obj): Errs {
  const spec = obj(pod.spec);
  const out = [...objectMetaErrs(pod.metadata, true, nameIsDNSSubdomain), ...podSpecErrs(spec, 'spec', { isPod: true }), ...podOnlyErrs(spec)];
  if (arr(spec.ephemeralContainers).length > 0) out.push(fieldErr.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0)
    out.push(fieldErr.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return out;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** A cmp.Diff-shaped summary of the changed PodSpec fields (Go field names, +/- lines). */
function specDiff(oldSpec: Obj, newSpec: Obj): string {
  const keys = [...new Set([...Object.keys(oldSpec), ...Object.keys(newSpec)])].sort();
  const goName = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);
  const lines = ['  core.PodSpec{'];
  let same = 0;
  for (const k of keys) {
    if (deepEqual(oldSpec[k], newSpec[k])) {
      same++;
      continue;
    }
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
    const show = (v: unknown) => (v === undefined ? 'nil' : JSON.stringify(v));
    lines.push(`- \t${goName(k)}: ${show(oldSpec[k])},`, `+ \t${goName(k)}: ${show(newSpec[k])},`);
  }
  if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
  lines.push('  }');
  return `${lines.join('\n')}\n`;
}

function tolerationAddOnlyErrs(newTols: unknown, oldTols: unknown, path: string): Errs {
  const news = arr(newTols).map(obj);
  for (const old of arr(oldTols).map(obj)) {
    const found = news.some((n) => deepEqual({ ...old, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [fieldErr.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return tolerationsErrs(newTols, path);
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations (and gates) may change. */
export function podUpdateErrs(pod: Obj, old: Obj): Errs {
  const spec = obj(pod.spec);
  const oldSpec = obj(old.spec);
  const out = [...objectMetaUpdateErrs(pod.metadata, old.metadata), ...objectMetaErrs(pod.metadata, true, nameIsDNSSubdomain)];
  out.push(...podSpecErrs(spec, 'spec', { isPod: true }), ...podOnlyErrs(spec));
  for (const list of ['containers', 'initContainers']) {
    const n = arr(spec[list]);
    const o = arr(oldSpec[list]);
    if (n.length !== o.length) {
      out.push(fieldErr.forbidden(child('spec', list), 'pod updates may not add or remove containers'));
      return out;
    }
  }
  const ads = num(spec.activeDeadlineSeconds);
  const oldAds = num(oldSpec.activeDeadlineSeconds);
  if (ads !== undefined) {
    if (ads < 0 || ads > INT32_MAX) {
      out.push(fieldErr.invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, INT32_MAX)));
      return out;
    }
    if (oldAds !== undefined && oldAds < ads) {
      out.push(fieldErr.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return out;
    }
  } else if (oldAds !== undefined) out.push(fieldErr.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  out.push(...tolerationAddOnlyErrs(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));

  if (deepEqual(spec, oldSpec)) return out;
  // Put the mutable fields back to their old values; whatever still differs is forbidden.
  const munged: Obj = structuredClone(spec);
  for (const list of ['containers', 'initContainers'])
    if (Array.isArray(munged[list])) munged[list] = munged[list].map((c: unknown, i: number) => ({ ...obj(c), image: obj(arr(oldSpec[list])[i]).image }));
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldTgp = num(oldSpec.terminationGracePeriodSeconds);
  if (oldTgp !== undefined && oldTgp < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldTgp;
  // Gated pods may gain nodeSelector entries.
  if (arr(oldSpec.schedulingGates).length > 0 && !deepEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
    const ns = obj(munged.nodeSelector);
    if (Object.entries(obj(oldSpec.nodeSelector)).every(([k, v]) => ns[k] === v)) munged.nodeSelector = oldSpec.nodeSelector;
  }
  if (!deepEqual(munged, oldSpec))
    out.push(fieldErr.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  return out;
}

/** ValidatePodStatusUpdate, light: nodeName can't move via status, QoS is immutable. */
export function podStatusUpdateErrs(pod: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(pod.metadata, old.metadata);
  if (str(obj(pod.spec).nodeName) !== str(obj(old.spec).nodeName)) out.push(fieldErr.forbidden('status.nodeName', 'may not be changed directly'));
  const q = obj(pod.status).qosClass;
  const oq = obj(old.status).qosClass;
  if (str(q) !== str(oq)) out.push(fieldErr.invalid('status.qosClass', str(q), 'field is immutable'));
  return out;
}
