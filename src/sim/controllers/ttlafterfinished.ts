// The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job
// `ttlSecondsAfterFinished` seconds after its Complete/Failed condition, with foreground
// propagation (its pods go first) and a UID precondition. It records no events.

import { isApiError } from '../api/errors';
import { keyOf, type Informer } from '../client/informer';
import { parseRFC3339 } from '../clock';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { finishedCondition, type Job } from './job';

/** When the job expires, or undefined if it has no TTL or has not finished. */
export function expireAt(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return undefined;
  const done = finishedCondition(job);
  if (!done) return undefined;
  const at = parseRFC3339(done.lastTransitionTime);
  return at === undefined ? undefined : at + ttl * 1000;
}

export class TTLAfterFinishedController extends Controller {
  readonly name = 'ttl-after-finished-controller';
  private readonly jobInf: Informer<Job>;

  constructor(ctx: ControllerContext) {
    super(ctx, 'ttl_jobs_to_delete');
    this.jobInf = ctx.informers.for<Job>('jobs');
  }

  register(): void {
    const maybe = (job: Job) => {
      if (expireAt(job) !== undefined) this.enqueue(keyOf(job));
    };
    this.jobInf.addHandlers({ add: maybe, update: (_, j) => maybe(j) });
  }

  reconcile(key: string): ReconcileResult {
    const cached = this.jobInf.get(key);
    if (!cached) return;
    const at = expireAt(cached);
    if (at === undefined) return;
    const now = this.clock.now();
    if (at > now) return { requeueAfterMs: at - now };
    // The cache may be stale (the TTL could have been changed): check the live object.
    const fresh = this.client.tryGet<Job>('jobs', cached.metadata.namespace, cached.metadata.name!);
    if (!fresh || fresh.metadata.uid !== cached.metadata.uid) return;
    const freshAt = expireAt(fresh);
    if (freshAt === undefined) return;
    if (freshAt > now) return { requeueAfterMs: freshAt - now };
    try {
      this.client.delete('jobs', fresh.metadata.namespace, fresh.metadata.name!, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: fresh.metadata.uid },
      });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}
