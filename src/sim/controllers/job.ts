// The Job controller (pkg/controller/job, as in 1.32): run pods until `completions` succeed
// (NonIndexed, or one per index for Indexed), at most `parallelism` at a time, replacing failures
// with an exponential backoff until `backoffLimit` failures or `activeDeadlineSeconds` end it.
// Each pod carries the `batch.kubernetes.io/job-tracking` finalizer until its result is counted:
// finished pods go to status.uncountedTerminatedPods, lose the finalizer, then move into the
// succeeded/failed counters. Terminal conditions come in two steps (SuccessCriteriaMet/FailureTarget
// first, Complete/Failed once no pod is terminating), as with JobPodReplacementPolicy on.

import { isApiError } from '../api/errors';
import type { KubeObject, Pod, PodTemplateSpec } from '../api/types';
import { byControllerUid, keyOf, splitKey, type Informer } from '../client/informer';
import { parseRFC3339 } from '../clock';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { completionIndex, formatIndexes, generateNameWithIndex, JOB_COMPLETION_INDEX, parseIndexes } from './jobindexes';
import { controllerOf, isPodActive, isPodReady, isPodTerminating, podFromTemplate } from './podutil';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export { JOB_COMPLETION_INDEX };

export interface JobCondition {
  type: 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet';
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Job extends KubeObject {
  spec: {
    parallelism?: number;
    completions?: number | null;
    completionMode?: 'NonIndexed' | 'Indexed';
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    suspend?: boolean;
    podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
    podFailurePolicy?: unknown;
    manualSelector?: boolean;
    selector?: unknown;
    template: PodTemplateSpec;
  };
  status?: {
    conditions?: JobCondition[];
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    terminating?: number;
    ready?: number;
    completedIndexes?: string;
    uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
  };
}

/** The pod failure backoff: 10 s doubling up to 6 min (DefaultJobPodFailureBackOff, MaxJobPodFailureBackOff). */
const POD_FAILURE_BACKOFF_MS = 10_000;
const POD_FAILURE_BACKOFF_MAX_MS = 6 * 60_000;
/** Pod events are batched: the job syncs at most once a second for them (syncJobBatchPeriod). */
const SYNC_BATCH_PERIOD_MS = 1000;
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
const MAX_UNCOUNTED_PODS = 500;
const ORPHAN_PREFIX = 'orphan-pod:';

/** The Complete or Failed condition, if the job has finished (util.IsJobFinished). */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function hasFinalizer(pod: Pod): boolean {
  return pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

function isIndexed(job: Job): boolean {
  return job.spec.completionMode === 'Indexed';
}

/** Only Failed pods are replaced (not terminating ones) with podReplacementPolicy Failed or a pod failure policy. */
function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;
}

function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  // Deleted pods count as failed: orphans never get the chance to reach the Failed phase.
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** getFinishedTime: when the pod's containers last finished, else its deletion time, else now. */
function finishedTime(pod: Pod, now: number): number {
  let latest: number | undefined;
  for (const cs of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const t = parseRFC3339(cs.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest ?? parseRFC3339(pod.metadata.deletionTimestamp) ?? now;
}

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** controller.ActivePods ordering: the pods it is cheapest to lose first. */
function activePodsOrder(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const ra = rank[a.status?.phase ?? 'Pending'] ?? 0;
  const rb = rank[b.status?.phase ?? 'Pending'] ?? 0;
  if (ra !== rb) return ra - rb;
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  // Newer pods first.
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta > tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

interface SyncCtx {
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  prevSucceededIndexes: number[];
  succeededIndexes: number[];
  finished?: JobCondition;
  backoff: BackoffRecord;
}

export class JobController extends Controller {
  readonly name = 'job-controller';
  private readonly jobInf: Informer<Job>;
  private readonly podInf: Informer<Pod>;
  private readonly backoffs = new Map<string, BackoffRecord>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'job');
    this.jobInf = ctx.informers.for<Job>('jobs');
    this.podInf = ctx.informers.for<Pod>('pods');
  }

  register(): void {
    this.podInf.addIndex('controllerUid', byControllerUid);
    this.jobInf.addHandlers({
      add: (j) => this.enqueue(keyOf(j)),
      update: (_, j) => this.enqueue(keyOf(j)),
      delete: (j) => {
        this.enqueue(keyOf(j));
        // The job is gone: its pods must not keep the tracking finalizer (cleanupPodFinalizers).
        for (const p of this.podInf.byIndex('controllerUid', j.metadata.uid!)) if (hasFinalizer(p)) this.enqueue(ORPHAN_PREFIX + keyOf(p));
      },
    });
    const onPod = (pod: Pod) => {
      const job = this.jobOf(pod);
      if (job) this.queue.addAfter(keyOf(job), SYNC_BATCH_PERIOD_MS);
      else if (hasFinalizer(pod)) this.enqueue(ORPHAN_PREFIX + keyOf(pod));
    };
    this.podInf.addHandlers({
      add: onPod,
      update: (old, cur) => {
        onPod(cur);
        if (controllerOf(old)?.uid !== controllerOf(cur)?.uid) onPod(old);
      },
      delete: onPod,
    });
  }

  private jobOf(pod: Pod): Job | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const job = this.jobInf.getByName(pod.metadata.namespace, ref.name);
    return job && job.metadata.uid === ref.uid ? job : undefined;
  }

  reconcile(key: string): ReconcileResult {
    if (key.startsWith(ORPHAN_PREFIX)) return this.syncOrphanPod(key.slice(ORPHAN_PREFIX.length));
    const shared = this.jobInf.get(key);
    if (!shared) {
      this.backoffs.delete(key);
      return;
    }
    if (finishedCondition(shared)) {
      this.backoffs.delete(key);
      return;
    }
    const job = deepClone(shared);
    job.status ??= {};
    job.status.uncountedTerminatedPods ??= {};
    const now = this.clock.now();
    const pods = this.podInf.byIndex('controllerUid', job.metadata.uid!);
    const activePods = pods.filter(isPodActive);
    const uncounted = job.status.uncountedTerminatedPods;
    const ctx: SyncCtx = {
      job,
      pods,
      activePods,
      ready: activePods.filter(isPodReady).length,
      terminating: pods.filter(isPodTerminating).length,
      succeeded: 0,
      failed: 0,
      uncountedSucceeded: new Set(uncounted.succeeded ?? []),
      uncountedFailed: new Set(uncounted.failed ?? []),
      prevSucceededIndexes: [],
      succeededIndexes: [],
      backoff: { failuresAfterLastSuccess: 0 },
    };
    let active = activePods.length;
    const completions = job.spec.completions ?? undefined;
    const validIndex = (p: Pod) => !isIndexed(job) || (completionIndex(p) >= 0 && completionIndex(p) < (completions ?? 0));
    const uncountedPod = (p: Pod, set: Set<string>) => !hasFinalizer(p) || set.has(p.metadata.uid!);
    const newSucceeded = pods.filter((p) => !uncountedPod(p, ctx.uncountedSucceeded) && validIndex(p) && p.status?.phase === 'Succeeded');
    const newFailed = pods.filter((p) => !uncountedPod(p, ctx.uncountedFailed) && validIndex(p) && isPodFailed(p, job));
    ctx.succeeded = (job.status.succeeded ?? 0) + newSucceeded.length + ctx.uncountedSucceeded.size;
    ctx.failed = (job.status.failed ?? 0) + newFailed.length + ctx.uncountedFailed.size;

    const suspended = job.spec.suspend === true;
    if (!job.status.startTime && !suspended) job.status.startTime = this.clock.nowISO();
    ctx.backoff = this.newBackoffRecord(key, newSucceeded, newFailed, now);

    let requeueAfterMs: number | undefined;
    const requeue = (ms: number) => {
      requeueAfterMs = requeueAfterMs === undefined ? ms : Math.min(requeueAfterMs, ms);
    };

    const backoffLimit = job.spec.backoffLimit ?? 6;
    ctx.finished = job.status.conditions?.find((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True');
    if (!ctx.finished) {
      const target = job.status.conditions?.find((c) => c.type === 'FailureTarget' && c.status === 'True');
      if (target) ctx.finished = this.condition('Failed', target.reason, target.message);
    }
    if (!ctx.finished) {
      if (ctx.failed > backoffLimit || this.pastBackoffLimitOnFailure(job, pods, backoffLimit)) {
        ctx.finished = this.condition('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      } else if (this.pastActiveDeadline(job, now)) {
        ctx.finished = this.condition('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      } else if (job.spec.activeDeadlineSeconds !== undefined && !suspended) {
        const started = parseRFC3339(job.status.startTime) ?? now;
        requeue(job.spec.activeDeadlineSeconds * 1000 - (now - started));
      }
    }
    if (isIndexed(job)) {
      ctx.prevSucceededIndexes = parseIndexes(job.status.completedIndexes, completions ?? 0);
      const all = new Set(ctx.prevSucceededIndexes);
      for (const p of newSucceeded) if (hasFinalizer(p)) all.add(completionIndex(p));
      ctx.succeededIndexes = [...all].sort((a, b) => a - b);
      ctx.succeeded = ctx.succeededIndexes.length;
    }

    let suspendChanged = false;
    let manageErr: unknown;
    if (ctx.finished) {
      // The job failed (or met its success criteria): stop what still runs.
      const { deleted, deletedReady, error } = this.deletePods(job, ctx.activePods, false);
      if (deleted !== active) ctx.finished = undefined;
      active -= deleted;
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      manageErr = error;
    } else {
      let manageCalled = false;
      if (!job.metadata.deletionTimestamp) {
        const res = this.manageJob(job, ctx, now);
        active = res.active;
        manageErr = res.error;
        if (res.requeueAfterMs !== undefined) requeue(res.requeueAfterMs);
        manageCalled = true;
      }
      const complete = completions === undefined ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
      if (complete) {
        ctx.finished = this.condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods');
      } else if (manageCalled) {
        if (suspended) {
          if (this.ensureCondition(job, 'Suspended', 'True', 'JobSuspended', 'Job suspended')) {
            suspendChanged = true;
            this.recorder.normal(job, 'Suspended', 'Job suspended');
          }
        } else if (this.ensureCondition(job, 'Suspended', 'False', 'JobResumed', 'Job resumed')) {
          suspendChanged = true;
          this.recorder.normal(job, 'Resumed', 'Job resumed');
          // activeDeadlineSeconds counts time continuously active: restart the clock.
          job.status.startTime = this.clock.nowISO();
        }
      }
    }

    const needsUpdate = suspendChanged || active !== (job.status.active ?? 0) || ctx.ready !== job.status.ready || ctx.terminating !== job.status.terminating;
    job.status.active = active || undefined;
    job.status.ready = ctx.ready;
    job.status.terminating = ctx.terminating;
    this.trackStatusAndRemoveFinalizers(ctx, needsUpdate);
    if (manageErr) throw manageErr;
    return requeueAfterMs !== undefined ? { requeueAfterMs: Math.max(0, requeueAfterMs) } : undefined;
  }

  // ------------------------------------------------------------------ pods

  /** manageJob: keep min(parallelism, remaining completions) pods active, honouring the failure backoff. */
  private manageJob(job: Job, ctx: SyncCtx, now: number): { active: number; error?: unknown; requeueAfterMs?: number } {
    let active = ctx.activePods.length;
    const parallelism = job.spec.parallelism ?? 1;
    if (job.spec.suspend) {
      const { deleted, deletedReady, error } = this.deletePods(job, ctx.activePods, true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return { active: active - deleted, error };
    }
    const completions = job.spec.completions ?? undefined;
    let wantActive: number;
    if (completions === undefined) wantActive = ctx.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));

    const rmAtLeast = Math.max(0, active - wantActive);
    const toDelete = this.activePodsForRemoval(job, ctx.activePods, rmAtLeast).slice(0, MAX_POD_CREATE_DELETE_PER_SYNC);
    if (toDelete.length) {
      const { deleted, deletedReady, error } = this.deletePods(job, toDelete, true);
      ctx.terminating += deleted;
      ctx.ready -= deletedReady;
      return { active: active - deleted, error };
    }

    const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return { active };
    const remaining = this.remainingBackoff(ctx.backoff, now);
    if (remaining > 0) return { active, requeueAfterMs: remaining };
    diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);

    let indexes: number[] = [];
    if (isIndexed(job)) {
      indexes = this.firstPendingIndexes(ctx, diff, completions ?? 0);
      diff = indexes.length;
    }
    const template = deepClone(job.spec.template);
    if (isIndexed(job)) addCompletionIndexEnv(template);
    template.metadata = { ...(template.metadata ?? {}) };
    const finalizers = [...((template.metadata.finalizers as string[] | undefined) ?? [])];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
    template.metadata.finalizers = finalizers;

    // Slow start: batches of 1, 2, 4...; a failing batch stops the rest until the next sync.
    let error: unknown;
    let batch = Math.min(diff, 1);
    let pos = 0;
    while (pos < diff) {
      let failed = false;
      for (let i = pos; i < pos + batch; i++) {
        const ix = isIndexed(job) ? indexes[i] : -1;
        const pod = podFromTemplate(template, job, `${job.metadata.name}-`);
        if (ix >= 0) {
          pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [JOB_COMPLETION_INDEX]: String(ix) };
          pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [JOB_COMPLETION_INDEX]: String(ix) };
          pod.spec.hostname = `${job.metadata.name}-${ix}`;
          pod.metadata.generateName = generateNameWithIndex(job.metadata.name!, ix);
        }
        try {
          const created = this.client.create<Pod>('pods', pod);
          this.recorder.normal(job, 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
          active++;
        } catch (e) {
          if (!isApiError(e)) throw e;
          failed = true;
          error ??= e;
          this.recorder.warning(job, 'FailedCreate', `Error creating: ${e.message}`);
        }
      }
      pos += batch;
      if (failed) break;
      batch = Math.min(2 * batch, diff - pos);
    }
    return { active, error };
  }

  /** firstPendingIndexes: the lowest indexes neither succeeded nor running. */
  private firstPendingIndexes(ctx: SyncCtx, count: number, completions: number): number[] {
    const taken = new Set(ctx.succeededIndexes);
    for (const p of ctx.activePods) {
      const ix = completionIndex(p);
      if (ix >= 0 && ix < completions) taken.add(ix);
    }
    const out: number[] = [];
    for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
    return out;
  }

  /** activePodsForRemoval: duplicate or invalid indexes first, then the least progressed pods. */
  private activePodsForRemoval(job: Job, pods: Pod[], rmAtLeast: number): Pod[] {
    const rm: Pod[] = [];
    let left = pods;
    if (isIndexed(job)) {
      const completions = job.spec.completions ?? 0;
      left = [];
      const byIndex = new Map<number, Pod[]>();
      for (const p of pods) {
        const ix = completionIndex(p);
        if (ix < 0 || ix >= completions) rm.push(p);
        else byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
      }
      for (const group of byIndex.values()) {
        // Keep the most advanced pod of an index.
        const sorted = [...group].sort(activePodsOrder);
        rm.push(...sorted.slice(0, -1));
        left.push(sorted[sorted.length - 1]);
      }
    }
    if (rm.length < rmAtLeast) rm.push(...[...left].sort(activePodsOrder).slice(0, rmAtLeast - rm.length));
    return rm;
  }

  /**
   * deleteJobPods (`dropFinalizer`: the pod's result will not count) or deleteActivePods (the
   * finalizer stays so the termination is counted as a failure).
   */
  private deletePods(job: Job, pods: Pod[], dropFinalizer: boolean): { deleted: number; deletedReady: number; error?: unknown } {
    let deleted = 0;
    let deletedReady = 0;
    let error: unknown;
    for (const pod of pods) {
      try {
        if (dropFinalizer) this.removeFinalizer(pod);
        this.client.delete('pods', job.metadata.namespace, pod.metadata.name!);
        this.recorder.normal(job, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        deleted++;
      } catch (e) {
        if (!isApiError(e)) throw e;
        if (e.reason === 'NotFound') deleted++;
        else {
          error ??= e;
          this.recorder.warning(job, 'FailedDelete', `Error deleting: ${e.message}`);
        }
      }
      if (isPodReady(pod)) deletedReady++;
    }
    return { deleted, deletedReady, error };
  }

  /** Drop the tracking finalizer (a patch, so concurrent pod changes are kept). */
  private removeFinalizer(pod: Pod): void {
    if (!hasFinalizer(pod)) return;
    const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    this.client.patch('pods', pod.metadata.namespace, pod.metadata.name!, 'merge', { metadata: { finalizers: rest.length ? rest : null } });
  }

  private syncOrphanPod(podKey: string): ReconcileResult {
    const [ns, name] = splitKey(podKey);
    const pod = this.podInf.getByName(ns, name);
    if (!pod || !hasFinalizer(pod)) return;
    const ref = controllerOf(pod);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.jobOf(pod);
      // Still owned by a running job: that job counts it.
      if (job && !finishedCondition(job)) return;
    }
    try {
      this.removeFinalizer(pod);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  // ------------------------------------------------------------------ failure policy

  /** pastBackoffLimitOnFailure: with restartPolicy OnFailure, container restarts count as failures. */
  private pastBackoffLimitOnFailure(job: Job, pods: Pod[], backoffLimit: number): boolean {
    if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const p of pods) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
      for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += cs.restartCount ?? 0;
    }
    return backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit;
  }

  private pastActiveDeadline(job: Job, now: number): boolean {
    if (job.spec.activeDeadlineSeconds === undefined || !job.status?.startTime || job.spec.suspend) return false;
    return now - parseRFC3339(job.status.startTime)! >= job.spec.activeDeadlineSeconds * 1000;
  }

  /** backoffStore.newBackoffRecord: failures since the last success, and when the last one happened. */
  private newBackoffRecord(key: string, succeeded: Pod[], failed: Pod[], now: number): BackoffRecord {
    const rec: BackoffRecord = { ...(this.backoffs.get(key) ?? { failuresAfterLastSuccess: 0 }) };
    const times = (ps: Pod[]) => ps.map((p) => finishedTime(p, now)).sort((a, b) => a - b);
    const ft = times(failed);
    if (succeeded.length === 0) {
      if (ft.length === 0) return rec;
      return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + ft.length, lastFailureTime: ft[ft.length - 1] };
    }
    const st = times(succeeded);
    const lastSuccess = st[st.length - 1];
    const after = ft.filter((t) => t > lastSuccess);
    return { failuresAfterLastSuccess: after.length, lastFailureTime: after.length ? after[after.length - 1] : undefined };
  }

  private remainingBackoff(rec: BackoffRecord, now: number): number {
    if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
    let backoff = POD_FAILURE_BACKOFF_MS;
    for (let i = 1; i < rec.failuresAfterLastSuccess; i++) {
      backoff *= 2;
      if (backoff >= POD_FAILURE_BACKOFF_MAX_MS) {
        backoff = POD_FAILURE_BACKOFF_MAX_MS;
        break;
      }
    }
    const elapsed = now - rec.lastFailureTime;
    return backoff < elapsed ? 0 : backoff - elapsed;
  }

  // ------------------------------------------------------------------ status

  private condition(type: JobCondition['type'], reason = '', message = ''): JobCondition {
    const now = this.clock.nowISO();
    return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
  }

  /** ensureJobConditionStatus: set or add the condition; a missing condition is not added as False. */
  private ensureCondition(job: Job, type: JobCondition['type'], status: 'True' | 'False', reason: string, message: string): boolean {
    const list = (job.status!.conditions ??= []);
    const i = list.findIndex((c) => c.type === type);
    if (i >= 0) {
      const c = list[i];
      if (c.status === status && c.reason === reason && c.message === message) return false;
      list[i] = { ...this.condition(type, reason, message), status };
      return true;
    }
    if (status === 'False') return false;
    list.push(this.condition(type, reason, message));
    return true;
  }

  /**
   * trackJobStatusAndRemoveFinalizers: record finished pods as uncounted, remove their finalizers,
   * move them into the counters, and finish the job once nothing is uncounted or terminating.
   */
  private trackStatusAndRemoveFinalizers(ctx: SyncCtx, needsFlush: boolean): void {
    let job = ctx.job;
    const indexed = isIndexed(job);
    const completions = job.spec.completions ?? 0;
    const uncounted = job.status!.uncountedTerminatedPods!;
    uncounted.succeeded = [...(uncounted.succeeded ?? [])];
    uncounted.failed = [...(uncounted.failed ?? [])];
    const withFinalizer = new Set<string>();
    for (const p of ctx.pods) if (hasFinalizer(p)) withFinalizer.add(p.metadata.uid!);
    if (this.cleanUncounted(job, withFinalizer)) needsFlush = true;

    const toRemove: Pod[] = [];
    const newSucceededIndexes: number[] = [];
    const prev = new Set(ctx.prevSucceededIndexes);
    for (const pod of ctx.pods) {
      if (!hasFinalizer(pod)) continue;
      const failed = isPodFailed(pod, job);
      // canRemoveFinalizer: the job is going away or finished, or the pod's result is final.
      if (!(job.metadata.deletionTimestamp || ctx.finished || pod.status?.phase === 'Succeeded' || failed)) continue;
      toRemove.push(pod);
      const uid = pod.metadata.uid!;
      const ix = completionIndex(pod);
      if (pod.status?.phase === 'Succeeded' && !ctx.uncountedFailed.has(uid)) {
        if (indexed) {
          if (ix >= 0 && ix < completions && !prev.has(ix)) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else if (!ctx.uncountedSucceeded.has(uid)) {
          uncounted.succeeded.push(uid);
          needsFlush = true;
        }
      } else if (failed || (ctx.finished && ctx.finished.type !== 'SuccessCriteriaMet')) {
        // Once the job is finished, every pod that did not succeed counts as failed.
        if (!ctx.uncountedFailed.has(uid) && (!indexed || (ix >= 0 && ix < completions))) {
          uncounted.failed.push(uid);
          needsFlush = true;
        }
      }
      if (newSucceededIndexes.length + uncounted.succeeded.length + uncounted.failed.length >= MAX_UNCOUNTED_PODS) break;
    }
    if (indexed) {
      const all = new Set([...ctx.succeededIndexes, ...newSucceededIndexes]);
      const sorted = [...all].sort((a, b) => a - b);
      const text = formatIndexes(sorted);
      if (text !== (job.status!.completedIndexes ?? '')) needsFlush = true;
      job.status!.succeeded = sorted.length || undefined;
      job.status!.completedIndexes = text || undefined;
    }
    if (ctx.finished?.type === 'FailureTarget') {
      // The interim condition is recorded before finalizers go; Failed follows once pods are gone.
      job.status!.conditions = [...(job.status!.conditions ?? []), ctx.finished];
      needsFlush = true;
      ctx.finished = this.condition('Failed', ctx.finished.reason, ctx.finished.message);
    }
    if (ctx.finished?.type === 'SuccessCriteriaMet') {
      if (!job.status!.conditions?.some((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True')) {
        job.status!.conditions = [...(job.status!.conditions ?? []), ctx.finished];
        needsFlush = true;
      }
      ctx.finished = this.condition('Complete', ctx.finished.reason, ctx.finished.message);
    }

    // flushUncountedAndRemoveFinalizers
    if (needsFlush) {
      job = this.writeStatus(job);
      this.backoffs.set(keyOf(job), ctx.backoff);
      needsFlush = false;
    }
    let rmError: unknown;
    for (const pod of toRemove) {
      try {
        this.removeFinalizer(pod);
        withFinalizer.delete(pod.metadata.uid!);
      } catch (e) {
        if (isApiError(e, 'NotFound')) withFinalizer.delete(pod.metadata.uid!);
        else if (isApiError(e)) rmError ??= e;
        else throw e;
      }
    }
    if (this.cleanUncounted(job, withFinalizer)) needsFlush = true;
    if (rmError) {
      if (needsFlush) this.writeStatus(job);
      throw rmError;
    }

    // enactJobFinished: only with nothing left uncounted and no pod still terminating.
    let finished = false;
    const u = job.status!.uncountedTerminatedPods ?? {};
    if (ctx.finished && (u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) === 0 && ctx.terminating === 0) {
      const c = ctx.finished;
      const list = (job.status!.conditions ??= []);
      const i = list.findIndex((x) => x.type === c.type);
      if (i >= 0) list[i] = c;
      else list.push(c);
      if (c.type === 'Complete') job.status!.completionTime = c.lastTransitionTime;
      finished = true;
      needsFlush = true;
    }
    if (needsFlush) {
      job = this.writeStatus(job);
      if (finished) this.recordFinished(job, ctx.finished!);
    }
  }

  /** cleanUncountedPodsWithoutFinalizers: uncounted pods whose finalizer is gone join the counters. */
  private cleanUncounted(job: Job, withFinalizer: Set<string>): boolean {
    const u = job.status!.uncountedTerminatedPods!;
    let changed = false;
    const s = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
    if (s.length !== (u.succeeded ?? []).length) {
      changed = true;
      job.status!.succeeded = ((job.status!.succeeded ?? 0) + (u.succeeded!.length - s.length)) || undefined;
      u.succeeded = s;
    }
    const f = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
    if (f.length !== (u.failed ?? []).length) {
      changed = true;
      job.status!.failed = ((job.status!.failed ?? 0) + (u.failed!.length - f.length)) || undefined;
      u.failed = f;
    }
    return changed;
  }

  /** UpdateStatus; empty uncounted lists are omitted (`uncountedTerminatedPods: {}`). Returns an editable copy. */
  private writeStatus(job: Job): Job {
    const body = deepClone(job);
    const u = body.status!.uncountedTerminatedPods ?? {};
    body.status!.uncountedTerminatedPods = {
      ...(u.succeeded?.length ? { succeeded: u.succeeded } : {}),
      ...(u.failed?.length ? { failed: u.failed } : {}),
    };
    const stored = this.client.updateStatus<Job>('jobs', body);
    const out = deepClone(stored);
    out.status ??= {};
    out.status.uncountedTerminatedPods ??= {};
    out.status.uncountedTerminatedPods.succeeded ??= [];
    out.status.uncountedTerminatedPods.failed ??= [];
    return out;
  }

  /** recordJobFinished: the events of a finished job. */
  private recordFinished(job: Job, c: JobCondition): void {
    if (c.type === 'Complete') {
      const completions = job.spec.completions;
      if (completions !== undefined && completions !== null && (job.status?.succeeded ?? 0) > completions) {
        this.recorder.warning(job, 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
      }
      this.recorder.normal(job, 'Completed', 'Job completed');
    } else {
      this.recorder.warning(job, c.reason ?? 'Failed', c.message ?? '');
    }
  }
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the pod's annotation, in every container. */
function addCompletionIndexEnv(template: PodTemplateSpec): void {
  const env = {
    name: 'JOB_COMPLETION_INDEX',
    valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX}']` } },
  };
  for (const c of [...(template.spec.initContainers ?? []), ...template.spec.containers]) {
    if ((c.env ?? []).some((e) => e.name === env.name)) continue;
    c.env = [...(c.env ?? []), deepClone(env)];
  }
}
