import { beforeEach, describe, expect, it } from 'vitest';
import { parseSchedule } from './cron';
import { CronJobController, jobName, mostRecentScheduleTime, type CronJob } from './cronjob';
import { JobController, type Job } from './job';
import { WorkloadEnv } from './workloadtestkit';

function cronJob(name: string, spec: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['/bin/sh', '-c', 'date; echo Hello'] }] } } },
      },
      ...spec,
    },
  };
}

// The virtual clock starts at 2025-01-01T00:00:00Z: minute 28928160 since the epoch.
const T0_MINUTES = Date.UTC(2025, 0, 1) / 60_000;

describe('CronJob controller', () => {
  let env: WorkloadEnv;
  const jobs = () => env.admin.list<Job>('jobs', { namespace: 'default' }).items.map((j) => j.metadata.name).sort();

  beforeEach(() => {
    env = new WorkloadEnv();
    env.addNode('node-a');
    env.start(new CronJobController(env.ctx), new JobController(env.ctx));
  });

  it('creates a job each minute and keeps the last 3 successful ones', () => {
    env.fate = () => ({ kind: 'succeed', afterSeconds: 5 });
    env.admin.create('cronjobs', cronJob('hello'));
    env.advance(59);
    expect(jobs()).toEqual([]);
    env.advance(2);
    expect(jobs()).toEqual([`hello-${T0_MINUTES + 1}`]);
    const first = env.get<Job>('jobs', `hello-${T0_MINUTES + 1}`);
    expect(first.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-01-01T00:01:00Z');
    expect(first.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true });
    let cj = env.get<CronJob>('cronjobs', 'hello');
    expect(cj.status?.lastScheduleTime).toBe('2025-01-01T00:01:00Z');
    expect(cj.status?.active?.map((r) => r.name)).toEqual([`hello-${T0_MINUTES + 1}`]);

    env.advance(5 * 60);
    // Minutes 1..6 ran; the history limit keeps the newest 3 finished ones, plus the one running now.
    expect(jobs()).toEqual([3, 4, 5, 6].map((m) => `hello-${T0_MINUTES + m}`));
    const finished = env.admin.list<Job>('jobs', { namespace: 'default' }).items.filter((j) => j.status?.conditions?.some((c) => c.type === 'Complete'));
    expect(finished).toHaveLength(3);
    cj = env.get<CronJob>('cronjobs', 'hello');
    expect(cj.status?.lastScheduleTime).toBe('2025-01-01T00:06:00Z');
    expect(cj.status?.lastSuccessfulTime).toBeDefined();
    const events = env.events('hello');
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).slice(0, 2)).toEqual([
      `Created job hello-${T0_MINUTES + 1}`,
      `Created job hello-${T0_MINUTES + 2}`,
    ]);
    expect(events.some((e) => e.reason === 'SawCompletedJob' && e.message === `Saw completed job: hello-${T0_MINUTES + 1}, condition: Complete`)).toBe(true);
    expect(events.some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted job hello-${T0_MINUTES + 1}`)).toBe(true);
    expect(events[0].component).toBe('cronjob-controller');
  });

  it('skips a run while the previous one is active with concurrencyPolicy Forbid', () => {
    env.admin.create('cronjobs', cronJob('forbid', { concurrencyPolicy: 'Forbid' }));
    env.advance(61 + 3 * 60);
    expect(jobs()).toEqual([`forbid-${T0_MINUTES + 1}`]);
    const events = env.events('forbid').filter((e) => e.reason === 'JobAlreadyActive');
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].message).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('replaces the running job with concurrencyPolicy Replace', () => {
    env.admin.create('cronjobs', cronJob('replace', { concurrencyPolicy: 'Replace' }));
    env.advance(61);
    env.advance(60);
    expect(jobs()).toEqual([`replace-${T0_MINUTES + 2}`]);
    expect(env.events('replace').some((e) => e.reason === 'SuccessfulDelete' && e.message === `Deleted job replace-${T0_MINUTES + 1}`)).toBe(true);
  });

  it('does nothing while suspended', () => {
    env.admin.create('cronjobs', cronJob('paused', { suspend: true }));
    env.advance(180);
    expect(jobs()).toEqual([]);
  });

  it('names jobs after the scheduled minute', () => {
    expect(jobName(cronJob('hello'), Date.parse('2025-01-04T10:50:00Z'))).toBe(`hello-${Date.parse('2025-01-04T10:50:00Z') / 60_000}`);
  });

  it('counts missed schedules and honours startingDeadlineSeconds', () => {
    const cj = cronJob('late');
    cj.metadata.creationTimestamp = '2025-01-01T00:00:00Z';
    const sched = parseSchedule(cj.spec.schedule);
    const now = Date.parse('2025-01-01T03:00:30Z');
    const r = mostRecentScheduleTime(cj, now, sched, true);
    expect(r.missed).toBe(180);
    expect(new Date(r.mostRecent!).toISOString()).toBe('2025-01-01T03:00:00.000Z');
    // Only schedules after now - 200 s count: 02:58, 02:59 and 03:00.
    cj.spec.startingDeadlineSeconds = 200;
    expect(mostRecentScheduleTime(cj, now, sched, true).missed).toBe(3);
  });
});
