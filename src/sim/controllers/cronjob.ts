// The CronJob controller (pkg/controller/cronjob, the v2 controller): on each schedule time of the
// virtual clock it creates a Job named `<cronjob>-<scheduled time in minutes since the epoch>`,
// honouring concurrencyPolicy, startingDeadlineSeconds and suspend, keeps status.active,
// lastScheduleTime and lastSuccessfulTime, and prunes finished Jobs beyond the history limits.
// It requeues itself exactly for the next schedule time (plus upstream's 100 ms delta).

import { isApiError, notFound } from '../api/errors';
import type { KubeObject, ObjectMeta } from '../api/types';
import { byControllerUid, keyOf, type Informer } from '../client/informer';
import { parseRFC3339, toRFC3339 } from '../clock';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { checkTimeZone, CronParseError, formatInZone, parseSchedule, type Schedule } from './cron';
import { finishedCondition, type Job } from './job';
import { controllerOf, controllerRef } from './podutil';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    jobTemplate: { metadata?: ObjectMeta; spec: Job['spec'] };
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
  };
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** Requeue a little after the schedule time, so the time has surely come (nextScheduleDelta). */
const NEXT_SCHEDULE_DELTA_MS = 100;
const MISSED_SCHEDULES_WARNING = 100;

/** getJobName: `<cronjob>-<minutes since the epoch>`. */
export function jobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/**
 * mostRecentScheduleTime: the latest schedule time not after `now` since the last one (or the
 * creation), and roughly how many were missed.
 */
export function mostRecentScheduleTime(
  cj: CronJob,
  now: number,
  schedule: Schedule,
  includeStartingDeadline: boolean,
): { earliest: number; mostRecent?: number; missed: number; error?: string } {
  let earliest = parseRFC3339(cj.status?.lastScheduleTime) ?? parseRFC3339(cj.metadata.creationTimestamp) ?? now;
  if (includeStartingDeadline && cj.spec.startingDeadlineSeconds !== undefined && cj.spec.startingDeadlineSeconds !== null) {
    // Nothing older than the deadline will be started.
    const deadline = now - cj.spec.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 0 };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 1 };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 0, error: 'time difference between two schedules is less than 1 second' };
  // A rough count from the first interval, then walk the last stretch for irregular schedules.
  const elapsed = Math.floor((now - t1) / 1000);
  const missed = Math.floor(elapsed / between) + 1;
  let mostRecent: number | undefined;
  const from = t1 + (missed - 2) * between * 1000;
  for (let t = schedule.next(from); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  return { earliest, mostRecent, missed };
}

/** nextScheduleTimeDuration: how long until the sync after the next schedule time. */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  const from = r.error ? now : r.mostRecent ?? r.earliest;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** The schedule with the CronJob's time zone (formatSchedule + cron.ParseStandard). */
function scheduleOf(cj: CronJob): Schedule {
  return parseSchedule(cj.spec.schedule, cj.spec.timeZone);
}

export class CronJobController extends Controller {
  readonly name = 'cronjob-controller';
  private readonly cjInf: Informer<CronJob>;
  private readonly jobInf: Informer<Job>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'cronjob');
    this.cjInf = ctx.informers.for<CronJob>('cronjobs');
    this.jobInf = ctx.informers.for<Job>('jobs');
  }

  register(): void {
    this.jobInf.addIndex('controllerUid', byControllerUid);
    this.cjInf.addHandlers({
      add: (cj) => this.enqueue(keyOf(cj)),
      update: (old, cur) => {
        if (old.spec.schedule !== cur.spec.schedule || old.spec.timeZone !== cur.spec.timeZone) {
          // A new schedule: come back at its next time.
          try {
            const d = nextScheduleDelay(cur, this.clock.now(), scheduleOf(cur));
            if (d !== undefined) this.queue.addAfter(keyOf(cur), d);
          } catch {
            this.enqueue(keyOf(cur)); // the sync reports the unparseable schedule
          }
          return;
        }
        this.enqueue(keyOf(cur));
      },
    });
    const owner = (job: Job) => {
      const ref = controllerOf(job);
      if (!ref || ref.kind !== 'CronJob') return;
      const cj = this.cjInf.getByName(job.metadata.namespace, ref.name);
      if (cj && cj.metadata.uid === ref.uid) this.enqueue(keyOf(cj));
    };
    this.jobInf.addHandlers({
      add: owner,
      update: (old, cur) => {
        owner(cur);
        if (controllerOf(old)?.uid !== controllerOf(cur)?.uid) owner(old);
      },
      delete: owner,
    });
  }

  reconcile(key: string): ReconcileResult {
    const shared = this.cjInf.get(key);
    if (!shared) return;
    const jobs = this.jobInf.byIndex('controllerUid', shared.metadata.uid!);
    const cj = deepClone(shared);
    cj.status ??= {};
    const { requeueAfterMs, updateStatus } = this.syncCronJob(cj, jobs);
    const cleaned = this.cleanupFinishedJobs(cj, jobs);
    if (updateStatus || cleaned) {
      if (cj.status.active && cj.status.active.length === 0) delete cj.status.active;
      this.client.updateStatus('cronjobs', cj);
    }
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  private syncCronJob(cj: CronJob, jobs: Job[]): { requeueAfterMs?: number; updateStatus: boolean } {
    const now = this.clock.now();
    let updateStatus = false;
    const status = cj.status!;
    const active = () => (status.active ??= []);
    const inActive = (uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);
    const removeActive = (uid: string | undefined) => {
      status.active = (status.active ?? []).filter((r) => r.uid !== uid);
    };

    const children = new Set<string>();
    for (const j of [...jobs].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) {
      children.add(j.metadata.uid!);
      const found = inActive(j.metadata.uid);
      const done = finishedCondition(j);
      if (!found && !done) {
        // A job we created but did not record (or someone else's): it is not adopted.
        this.recorder.warning(cj, 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (found && done) {
        removeActive(j.metadata.uid);
        this.recorder.normal(cj, 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done.type}`);
        updateStatus = true;
      } else if (done?.type === 'Complete' && j.status?.completionTime) {
        // Finished jobs need not be active to update lastSuccessfulTime.
        const last = parseRFC3339(status.lastSuccessfulTime);
        const t = parseRFC3339(j.status.completionTime)!;
        if (last === undefined || t > last) {
          status.lastSuccessfulTime = j.status.completionTime;
          updateStatus = true;
        }
      }
    }
    // Active jobs that no longer exist.
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid!)) continue;
      if (!this.client.tryGet('jobs', ref.namespace, ref.name!)) {
        this.recorder.normal(cj, 'MissingJob', `Active job went missing: ${ref.name}`);
        removeActive(ref.uid);
        updateStatus = true;
      }
    }
    if (cj.metadata.deletionTimestamp) return { updateStatus };

    if (cj.spec.timeZone !== undefined && cj.spec.timeZone !== null) {
      try {
        checkTimeZone(cj.spec.timeZone);
      } catch (e) {
        this.recorder.warning(cj, 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(cj.spec.timeZone)}: ${(e as Error).message}`);
        return { updateStatus };
      }
    }
    if (cj.spec.suspend) return { updateStatus };
    let sched: Schedule;
    try {
      sched = scheduleOf(cj);
    } catch (e) {
      if (!(e instanceof CronParseError)) throw e;
      this.recorder.warning(cj, 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${e.message}`);
      return { updateStatus };
    }
    const recent = mostRecentScheduleTime(cj, now, sched, true);
    if (recent.error) {
      this.recorder.warning(cj, 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${recent.error}`);
      return { updateStatus };
    }
    const requeue = () => ({ requeueAfterMs: nextScheduleDelay(cj, now, sched), updateStatus });
    const scheduled = recent.mostRecent;
    if (scheduled === undefined || scheduled > now) return requeue();
    if (recent.missed > MISSED_SCHEDULES_WARNING) {
      this.recorder.warning(cj, 'TooManyMissedTimes', `too many missed start times: ${recent.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      this.recorder.warning(cj, 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return requeue();
    }
    const name = jobName(cj, scheduled);
    if ((status.active ?? []).some((r) => r.name === name) || parseRFC3339(status.lastScheduleTime) === scheduled) return requeue();
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      this.recorder.normal(cj, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return requeue();
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const job = this.client.tryGet<Job>('jobs', ref.namespace, ref.name!);
        if (!job) {
          const err = notFound('jobs', 'batch', ref.name!);
          this.recorder.warning(cj, 'FailedGet', `Get job: ${err.message}`);
          throw err;
        }
        this.deleteJob(cj, job);
        updateStatus = true;
      }
    }

    let job: Job;
    try {
      job = this.client.create<Job>('jobs', this.jobFromTemplate(cj, scheduled, name));
      this.recorder.normal(cj, 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.reason === 'AlreadyExists') {
        const existing = this.client.get<Job>('jobs', cj.metadata.namespace, name);
        // Someone else's job, or one already recorded: nothing to do.
        if (controllerOf(existing)?.uid !== cj.metadata.uid || inActive(existing.metadata.uid)) return { updateStatus };
        job = existing;
      } else {
        this.recorder.warning(cj, 'FailedCreate', `Error creating job: ${e.message}`);
        throw e;
      }
    }
    active().push({
      kind: 'Job',
      namespace: job.metadata.namespace,
      name: job.metadata.name,
      uid: job.metadata.uid,
      apiVersion: 'batch/v1',
      resourceVersion: job.metadata.resourceVersion,
    });
    status.lastScheduleTime = toRFC3339(scheduled);
    updateStatus = true;
    return requeue();
  }

  /** getJobFromTemplate2: the job for one schedule time. */
  private jobFromTemplate(cj: CronJob, scheduled: number, name: string): Job {
    const t = deepClone(cj.spec.jobTemplate);
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: t.metadata?.labels,
        annotations: { ...(t.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(scheduled, cj.spec.timeZone) },
        ownerReferences: [controllerRef(cj)],
      },
      spec: t.spec,
    };
  }

  /** deleteJob: delete (background propagation) and drop it from status.active. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    try {
      this.client.delete('jobs', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!isApiError(e)) throw e;
      this.recorder.warning(cj, 'FailedDelete', `Deleted job: ${e.message}`);
      return false;
    }
    cj.status!.active = (cj.status!.active ?? []).filter((r) => r.uid !== job.metadata.uid);
    this.recorder.normal(cj, 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  /** cleanupFinishedJobs: keep the newest successful/failed jobs within the history limits. */
  private cleanupFinishedJobs(cj: CronJob, jobs: Job[]): boolean {
    const { successfulJobsHistoryLimit: okLimit, failedJobsHistoryLimit: failLimit } = cj.spec;
    if ((okLimit === undefined || okLimit === null) && (failLimit === undefined || failLimit === null)) return false;
    const ok: Job[] = [];
    const failed: Job[] = [];
    for (const j of jobs) {
      const c = finishedCondition(j);
      if (c?.type === 'Complete') ok.push(j);
      else if (c?.type === 'Failed') failed.push(j);
    }
    let changed = false;
    if (okLimit !== undefined && okLimit !== null && this.removeOldest(cj, ok, okLimit)) changed = true;
    if (failLimit !== undefined && failLimit !== null && this.removeOldest(cj, failed, failLimit)) changed = true;
    return changed;
  }

  private removeOldest(cj: CronJob, jobs: Job[], max: number): boolean {
    const n = jobs.length - max;
    if (n <= 0) return false;
    // byJobStartTime: jobs without a start time last, ties by name.
    const sorted = [...jobs].sort((a, b) => {
      const sa = a.status?.startTime;
      const sb = b.status?.startTime;
      if (!sa && sb) return 1;
      if (sa && !sb) return -1;
      if (sa === sb) return a.metadata.name! < b.metadata.name! ? -1 : 1;
      return parseRFC3339(sa)! - parseRFC3339(sb)!;
    });
    let changed = false;
    for (const j of sorted.slice(0, n)) if (this.deleteJob(cj, j)) changed = true;
    return changed;
  }
}

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
