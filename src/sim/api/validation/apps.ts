// Workload controllers (pkg/apis/apps/validation, and ReplicationController from core): selector
// rules, the pod template, rollout strategies, and the apps/v1 selector immutability the REST
// strategies enforce on update.

import { fieldErr } from '../errors';
import { annotationsErrs, nameFnFor, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import { podTemplateSpecErrs } from './pod';
import {
  child,
  deepEqual,
  FIELD_IMMUTABLE,
  goIntOrString,
  goLabelSelector,
  goStringMap,
  invalidRaw,
  isObj,
  isValidPercent,
  labelSelectorErrs,
  labelsErrs,
  nonNegative,
  notSupportedRaw,
  num,
  obj,
  selectorIsEmpty,
  selectorMatches,
  str,
  strMap,
  type Errs,
  type Obj,
} from './util';

// ---- IntOrString helpers (ValidatePositiveIntOrPercent and friends) ----

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && isValidPercent(v).length === 0 ? Number(v.slice(0, -1)) : undefined;
}

/** getIntOrPercentValue: a percent's number, an int, or Atoi of a non-percent string (0 if not a number). */
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return v;
  const n = Number.parseInt(str(v), 10);
  return Number.isNaN(n) || String(n) !== str(v) ? 0 : n;
}

function positiveIntOrPercentErrs(v: unknown, path: string): Errs {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalidRaw(path, goIntOrString(v), m));
  const n = num(v) ?? 0;
  return n < 0 ? [invalidRaw(path, goIntOrString(v), 'must be greater than or equal to 0')] : [];
}

function notMoreThan100PercentErrs(v: unknown, path: string): Errs {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalidRaw(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

// ---- template and selector checks shared by Deployment / ReplicaSet / RC ----

function templateForReplicaSetErrs(tmpl: unknown, selector: unknown, path: string, kind: string): Errs {
  if (!isObj(tmpl)) return [fieldErr.required(path)];
  const out: Errs = [];
  const labels = strMap(obj(tmpl.metadata).labels);
  if (!selectorIsEmpty(selector) && !selectorMatches(selector, labels))
    out.push(invalidRaw(child(path, 'metadata', 'labels'), goStringMap(obj(tmpl.metadata).labels), '`selector` does not match template `labels`'));
  out.push(...podTemplateSpecErrs(tmpl, path));
  const rp = str(obj(tmpl.spec).restartPolicy);
  if (rp !== 'Always') out.push(fieldErr.notSupported(child(path, 'spec', 'restartPolicy'), rp, ['Always']));
  if (obj(tmpl.spec).activeDeadlineSeconds !== undefined && obj(tmpl.spec).activeDeadlineSeconds !== null)
    out.push(fieldErr.forbidden(child(path, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return out;
}

function requiredSelectorErrs(selector: unknown, path: string, what: string): Errs {
  if (!isObj(selector)) return [fieldErr.required(path)];
  const out = labelSelectorErrs(selector, path);
  if (selectorIsEmpty(selector)) out.push(invalidRaw(path, goLabelSelector(selector), `empty selector is invalid for ${what}`));
  return out;
}

// ---- Deployment ----

function deploymentStrategyErrs(strategy: unknown, path: string): Errs {
  const s = obj(strategy);
  const type = str(s.type);
  if (type === 'Recreate') {
    return isObj(s.rollingUpdate) ? [fieldErr.forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
  }
  if (type === 'RollingUpdate') {
    if (!isObj(s.rollingUpdate)) return [fieldErr.required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
    const ru = s.rollingUpdate;
    const p = child(path, 'rollingUpdate');
    const out = [...positiveIntOrPercentErrs(ru.maxUnavailable, child(p, 'maxUnavailable')), ...positiveIntOrPercentErrs(ru.maxSurge, child(p, 'maxSurge'))];
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
      out.push(invalidRaw(child(p, 'maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    out.push(...notMoreThan100PercentErrs(ru.maxUnavailable, child(p, 'maxUnavailable')));
    return out;
  }
  const ru = isObj(s.rollingUpdate) ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)';
  return [notSupportedRaw(path, `apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${ru}}`, ['Recreate', 'RollingUpdate'])];
}

function deploymentSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out = [...nonNegative('spec.replicas', spec.replicas), ...requiredSelectorErrs(spec.selector, 'spec.selector', 'deployment')];
  if (isObj(spec.selector)) out.push(...templateForReplicaSetErrs(spec.template, spec.selector, 'spec.template', 'ReplicaSet'));
  out.push(...deploymentStrategyErrs(spec.strategy, 'spec.strategy'));
  out.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds), ...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  const pds = num(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    out.push(...nonNegative('spec.progressDeadlineSeconds', pds));
    if (pds <= (num(spec.minReadySeconds) ?? 0)) out.push(fieldErr.invalid('spec.progressDeadlineSeconds', pds, 'must be greater than minReadySeconds'));
  }
  return out;
}

function replicaSetSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out = [
    ...nonNegative('spec.replicas', spec.replicas),
    ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
    // The real code says "deployment" here too.
    ...requiredSelectorErrs(spec.selector, 'spec.selector', 'deployment'),
  ];
  if (isObj(spec.selector)) out.push(...templateForReplicaSetErrs(spec.template, spec.selector, 'spec.template', 'ReplicaSet'));
  return out;
}

// ---- DaemonSet ----

function daemonSetSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out = labelSelectorErrs(spec.selector, 'spec.selector');
  const tmpl = obj(spec.template);
  const labels = strMap(obj(tmpl.metadata).labels);
  // A missing selector selects nothing, so it never matches the template.
  if (!isObj(spec.selector) || !selectorMatches(spec.selector, labels))
    out.push(invalidRaw('spec.template.metadata.labels', goStringMap(obj(tmpl.metadata).labels), '`selector` does not match template `labels`'));
  if (isObj(spec.selector) && selectorIsEmpty(spec.selector))
    out.push(invalidRaw('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  out.push(...podTemplateSpecErrs(tmpl, 'spec.template'));
  const rp = str(obj(tmpl.spec).restartPolicy);
  if (rp !== 'Always') out.push(fieldErr.notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (obj(tmpl.spec).activeDeadlineSeconds !== undefined)
    out.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  out.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds), ...nonNegative('spec.templateGeneration', spec.templateGeneration));
  const us = obj(spec.updateStrategy);
  const type = str(us.type);
  if (type === 'RollingUpdate') {
    if (!isObj(us.rollingUpdate)) out.push(fieldErr.required('spec.updateStrategy.rollingUpdate'));
    else {
      const ru = us.rollingUpdate;
      const p = 'spec.updateStrategy.rollingUpdate';
      out.push(...positiveIntOrPercentErrs(ru.maxUnavailable, `${p}.maxUnavailable`), ...positiveIntOrPercentErrs(ru.maxSurge, `${p}.maxSurge`));
      out.push(...notMoreThan100PercentErrs(ru.maxUnavailable, `${p}.maxUnavailable`), ...notMoreThan100PercentErrs(ru.maxSurge, `${p}.maxSurge`));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) out.push(invalidRaw(`${p}.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) out.push(fieldErr.required(`${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
    }
  } else if (type !== 'OnDelete') {
    const ru = isObj(us.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
    out.push(notSupportedRaw('spec.updateStrategy', `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${ru}}`, ['RollingUpdate', 'OnDelete']));
  }
  out.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  return out;
}

// ---- StatefulSet ----

function statefulSetSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out: Errs = [];
  const pmp = str(spec.podManagementPolicy);
  if (!pmp) out.push(fieldErr.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') out.push(fieldErr.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = obj(spec.updateStrategy);
  const type = str(us.type);
  if (!type) out.push(fieldErr.required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (isObj(us.rollingUpdate))
      out.push(invalidRaw('spec.updateStrategy.rollingUpdate', '&apps.RollingUpdateStatefulSetStrategy{...}', "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) {
      const ru = us.rollingUpdate;
      out.push(...nonNegative('spec.updateStrategy.rollingUpdate.partition', ru.partition));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        const p = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
        out.push(...positiveIntOrPercentErrs(ru.maxUnavailable, p));
        if (intOrPercentValue(ru.maxUnavailable) === 0) out.push(invalidRaw(p, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        out.push(...notMoreThan100PercentErrs(ru.maxUnavailable, p));
      }
    }
  } else out.push(invalidRaw('spec.updateStrategy', `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(type)}, ...}`, "must be 'RollingUpdate' or 'OnDelete'"));
  if (isObj(spec.persistentVolumeClaimRetentionPolicy))
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(spec.persistentVolumeClaimRetentionPolicy[f]);
      if (v !== 'Retain' && v !== 'Delete') out.push(fieldErr.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v, ['Retain', 'Delete']));
    }
  out.push(...nonNegative('spec.replicas', spec.replicas), ...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  if (isObj(spec.ordinals)) out.push(...nonNegative('spec.ordinals.start', spec.ordinals.start));
  out.push(...requiredSelectorErrs(spec.selector, 'spec.selector', 'statefulset'));
  if (isObj(spec.selector)) {
    // StatefulSet only checks the template's metadata, not its pod spec (a long-standing TODO upstream).
    const tmpl = obj(spec.template);
    const meta = obj(tmpl.metadata);
    if (!selectorIsEmpty(spec.selector) && !selectorMatches(spec.selector, strMap(meta.labels)))
      out.push(invalidRaw('spec.template.metadata.labels', goStringMap(meta.labels), '`selector` does not match template `labels`'));
    out.push(...labelsErrs(meta.labels, 'spec.template.labels'), ...annotationsErrs(meta.annotations, 'spec.template.annotations'));
  }
  const tspec = obj(obj(spec.template).spec);
  const rp = str(tspec.restartPolicy);
  if (rp !== 'Always') out.push(fieldErr.notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (tspec.activeDeadlineSeconds !== undefined && tspec.activeDeadlineSeconds !== null)
    out.push(fieldErr.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return out;
}

// ---- ReplicationController (core/v1) ----

function replicationControllerSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out = nonNegative('spec.minReadySeconds', spec.minReadySeconds);
  const selector = strMap(spec.selector);
  if (Object.keys(selector).length === 0) out.push(fieldErr.required('spec.selector'));
  out.push(...nonNegative('spec.replicas', spec.replicas));
  const asLabelSelector = { matchLabels: selector };
  out.push(...templateForReplicaSetErrs(spec.template, asLabelSelector, 'spec.template', 'ReplicationController'));
  return out;
}

// ---- entry points ----

const SPEC_ERRS: Record<string, (spec: unknown) => Errs> = {
  Deployment: deploymentSpecErrs,
  ReplicaSet: replicaSetSpecErrs,
  DaemonSet: daemonSetSpecErrs,
  StatefulSet: statefulSetSpecErrs,
  ReplicationController: replicationControllerSpecErrs,
};

export function isWorkloadKind(kind: string): boolean {
  return kind in SPEC_ERRS;
}

export function workloadCreateErrs(o: Obj): Errs {
  return [...objectMetaErrs(o.metadata, true, nameFnFor(o.kind)), ...SPEC_ERRS[o.kind](o.spec)];
}

const STS_MUTABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function workloadUpdateErrs(o: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(o.metadata, old.metadata);
  const spec = obj(o.spec);
  const oldSpec = obj(old.spec);
  if (o.kind === 'StatefulSet') {
    // Name is not re-validated on update (old objects may predate the DNS-label rule).
    out.push(...statefulSetSpecErrs(spec));
    const strip = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !STS_MUTABLE.includes(k)));
    if (!deepEqual(strip(spec), strip(oldSpec)))
      out.push(
        fieldErr.forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    return out;
  }
  out.push(...SPEC_ERRS[o.kind](spec));
  if (o.kind === 'DaemonSet') {
    const tg = num(spec.templateGeneration) ?? 0;
    const oldTg = num(oldSpec.templateGeneration) ?? 0;
    if (tg < oldTg) out.push(fieldErr.invalid('spec.templateGeneration', tg, 'must not be decremented'));
  }
  // apps/v1 made selectors immutable (the REST strategies check it).
  if (o.kind !== 'ReplicationController' && !deepEqual(spec.selector, oldSpec.selector))
    out.push(invalidRaw('spec.selector', goLabelSelector(spec.selector), FIELD_IMMUTABLE));
  return out;
}

/** Status subresource checks shared by the replica-counting kinds. */
export function workloadStatusUpdateErrs(o: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(o.metadata, old.metadata);
  const st = obj(o.status);
  for (const f of ['replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'currentReplicas', 'fullyLabeledReplicas', 'observedGeneration', 'collisionCount'])
    out.push(...nonNegative(`status.${f}`, st[f]));
  const replicas = num(st.replicas);
  if (replicas !== undefined)
    for (const f of ['readyReplicas', 'availableReplicas', 'updatedReplicas']) {
      const v = num(st[f]);
      if (v !== undefined && v > replicas) out.push(fieldErr.invalid(`status.${f}`, v, 'cannot be greater than status.replicas'));
    }
  const oldCc = num(obj(old.status).collisionCount);
  const cc = num(st.collisionCount);
  if (oldCc !== undefined && (cc === undefined || cc < oldCc)) out.push(fieldErr.invalid('status.collisionCount', cc ?? 0, 'cannot be decremented'));
  return out;
}

