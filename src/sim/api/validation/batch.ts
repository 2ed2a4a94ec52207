// Job and CronJob (pkg/apis/batch/validation). A Job is validated after its selector was
// generated (applyJobSelectorDefaults), so the generated-selector checks see the uid.

import { fieldErr } from '../errors';
import { cronError, isKnownTimeZone } from './cron';
import { nameIsDNSSubdomain, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import { podTemplateSpecErrs } from './pod';
import {
  child,
  deepEqual,
  FIELD_IMMUTABLE,
  goLabelSelector,
  goStringMap,
  invalidRaw,
  isDNS1123Label,
  isObj,
  labelSelectorErrs,
  nonNegative,
  num,
  obj,
  selectorMatches,
  str,
  strMap,
  type Errs,
  type Obj,
} from './util';

export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;

/** validateJobSpec: the parts shared by Jobs and CronJob job templates. */
function jobSpecErrs(specIn: unknown, path: string): Errs {
  const spec = obj(specIn);
  const out: Errs = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished'])
    out.push(...nonNegative(child(path, f), spec[f]));
  if (spec.completionMode !== undefined && spec.completionMode !== null) {
    const cm = str(spec.completionMode);
    if (cm !== 'NonIndexed' && cm !== 'Indexed') out.push(fieldErr.notSupported(child(path, 'completionMode'), cm, ['NonIndexed', 'Indexed']));
    if (cm === 'Indexed') {
      if (spec.completions === undefined || spec.completions === null)
        out.push(fieldErr.required(child(path, 'completions'), 'when completion mode is Indexed'));
      const par = num(spec.parallelism);
      if (par !== undefined && par > MAX_PARALLELISM_FOR_INDEXED_JOB)
        out.push(fieldErr.invalid(child(path, 'parallelism'), par, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
    }
  }
  if (spec.podReplacementPolicy !== undefined && spec.podReplacementPolicy !== null) {
    const prp = str(spec.podReplacementPolicy);
    if (isObj(spec.podFailurePolicy)) {
      if (prp !== 'Failed') out.push(fieldErr.notSupported(child(path, 'podReplacementPolicy'), prp, ['Failed']));
    } else if (prp !== 'Failed' && prp !== 'TerminatingOrFailed')
      out.push(fieldErr.notSupported(child(path, 'podReplacementPolicy'), prp, ['Failed', 'TerminatingOrFailed']));
  }
  const tmplPath = child(path, 'template');
  out.push(...podTemplateSpecErrs(spec.template, tmplPath));
  // restartPolicy was defaulted to Always when unset, hence "Required" for Always too.
  const rp = str(obj(obj(spec.template).spec).restartPolicy);
  const rpPath = child(tmplPath, 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') out.push(fieldErr.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') out.push(fieldErr.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isObj(spec.podFailurePolicy) && rp !== 'Never') out.push(fieldErr.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return out;
}

function hasLabelErrs(labels: Record<string, string>, k: string, expected: string): Errs {
  const p = `spec.template.metadata.labels[${k}]`;
  if (!(k in labels)) return [fieldErr.required(p, `must be '${expected}'`)];
  if (labels[k] !== expected) return [invalidRaw(p, goStringMap(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector (new objects must carry the batch.kubernetes.io/ labels). */
function generatedSelectorErrs(job: Obj): Errs {
  const spec = obj(job.spec);
  if (spec.manualSelector === true) return [];
  const tmplMeta = obj(obj(spec.template).metadata);
  if (!isObj(tmplMeta.labels)) return [fieldErr.required('spec.template.metadata.labels')];
  const out: Errs = [];
  const uid = str(obj(job.metadata).uid);
  const name = str(obj(job.metadata).name);
  if (!uid) out.push(fieldErr.required('metadata.uid'));
  const labels = strMap(tmplMeta.labels);
  out.push(
    ...hasLabelErrs(labels, LEGACY_CONTROLLER_UID_LABEL, uid),
    ...hasLabelErrs(labels, LEGACY_JOB_NAME_LABEL, name),
    ...hasLabelErrs(labels, CONTROLLER_UID_LABEL, uid),
    ...hasLabelErrs(labels, JOB_NAME_LABEL, name),
  );
  if (isObj(spec.selector) && !selectorMatches(spec.selector, { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name }))
    out.push(invalidRaw('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return out;
}

function jobFullSpecErrs(specIn: unknown): Errs {
  const spec = obj(specIn);
  const out = jobSpecErrs(spec, 'spec');
  if (!isObj(spec.selector)) out.push(fieldErr.required('spec.selector'));
  else {
    out.push(...labelSelectorErrs(spec.selector, 'spec.selector'));
    const tl = obj(obj(spec.template).metadata).labels;
    if (!selectorMatches(spec.selector, strMap(tl)))
      out.push(invalidRaw('spec.template.metadata.labels', goStringMap(tl), '`selector` does not match template `labels`'));
  }
  return out;
}

export function jobCreateErrs(job: Obj): Errs {
  const out = [...objectMetaErrs(job.metadata, true, nameIsDNSSubdomain), ...generatedSelectorErrs(job), ...jobFullSpecErrs(job.spec)];
  const spec = obj(job.spec);
  const completions = num(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    // Pod hostnames are <job>-<index>, which must be a DNS label.
    const name = str(obj(job.metadata).name);
    const host = `${name}-${completions - 1}`;
    if (isDNS1123Label(host).length) out.push(fieldErr.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${host}`));
  }
  return out;
}

export function jobUpdateErrs(job: Obj, old: Obj): Errs {
  const spec = obj(job.spec);
  const oldSpec = obj(old.spec);
  const out = [...objectMetaUpdateErrs(job.metadata, old.metadata), ...jobFullSpecErrs(spec)];
  if (!deepEqual(spec.completions, oldSpec.completions)) out.push(fieldErr.invalid('spec.completions', num(spec.completions) ?? null, FIELD_IMMUTABLE));
  if (!deepEqual(spec.selector, oldSpec.selector)) out.push(invalidRaw('spec.selector', goLabelSelector(spec.selector), FIELD_IMMUTABLE));
  if (!deepEqual(spec.completionMode, oldSpec.completionMode)) out.push(fieldErr.invalid('spec.completionMode', str(spec.completionMode), FIELD_IMMUTABLE));
  if (!deepEqual(spec.template, oldSpec.template))
    out.push(invalidRaw('spec.template', `core.PodTemplateSpec{${JSON.stringify(spec.template)}}`, FIELD_IMMUTABLE));
  return out;
}

export function jobStatusUpdateErrs(job: Obj, old: Obj): Errs {
  const st = obj(job.status);
  return [...objectMetaUpdateErrs(job.metadata, old.metadata), ...['active', 'succeeded', 'failed', 'ready', 'terminating'].flatMap((f) => nonNegative(`status.${f}`, st[f]))];
}

// ---- CronJob ----

function scheduleErrs(schedule: string, timeZone: unknown, allowTZInSchedule: boolean): Errs {
  const out: Errs = [];
  const err = cronError(schedule);
  if (err) out.push(fieldErr.invalid('spec.schedule', schedule, err));
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone !== undefined && timeZone !== null)
    out.push(fieldErr.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  else if (!allowTZInSchedule && schedule.includes('TZ'))
    out.push(fieldErr.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  return out;
}

function timeZoneErrs(tz: unknown): Errs {
  if (tz === undefined || tz === null) return [];
  const s = str(tz);
  const p = 'spec.timeZone';
  if (!s) return [fieldErr.invalid(p, s, 'timeZone must be nil or non-empty string')];
  for (const part of s.split('/'))
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z._+\-0-9]+$/.test(part)) return [fieldErr.invalid(p, s, `unknown time zone ${s}`)];
  if (s.toLowerCase() === 'local') return [fieldErr.invalid(p, s, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return isKnownTimeZone(s) ? [] : [fieldErr.invalid(p, s, `unknown time zone ${s}`)];
}

function cronJobSpecErrs(specIn: unknown, allowTZInSchedule: boolean): Errs {
  const spec = obj(specIn);
  const out: Errs = [];
  const schedule = str(spec.schedule);
  if (!schedule) out.push(fieldErr.required('spec.schedule'));
  else out.push(...scheduleErrs(schedule, spec.timeZone, allowTZInSchedule));
  out.push(...nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds));
  const cp = str(spec.concurrencyPolicy);
  if (!cp) out.push(fieldErr.required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) out.push(fieldErr.notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jt = obj(obj(spec.jobTemplate).spec);
  out.push(...jobSpecErrs(jt, 'spec.jobTemplate.spec'));
  if (isObj(jt.selector)) out.push(invalidRaw('spec.jobTemplate.spec.selector', goLabelSelector(jt.selector), '`selector` will be auto-generated'));
  if (jt.manualSelector === true) out.push(fieldErr.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  out.push(...nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit), ...nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit));
  out.push(...timeZoneErrs(spec.timeZone));
  return out;
}

export function cronJobCreateErrs(cj: Obj): Errs {
  const out = objectMetaErrs(cj.metadata, true, nameIsDNSSubdomain);
  // Job names get an 11-character suffix (-<unix minutes>) and must stay DNS labels.
  const name = str(obj(cj.metadata).name);
  if (name.length > 52) out.push(fieldErr.invalid('metadata.name', name, 'must be no more than 52 characters'));
  out.push(...cronJobSpecErrs(cj.spec, false));
  return out;
}

export function cronJobUpdateErrs(cj: Obj, old: Obj): Errs {
  // Schedules stored before the TZ rule existed may keep their TZ prefix.
  const allowTZ = str(obj(old.spec).schedule).includes('TZ');
  return [...objectMetaUpdateErrs(cj.metadata, old.metadata), ...cronJobSpecErrs(cj.spec, allowTZ)];
}

