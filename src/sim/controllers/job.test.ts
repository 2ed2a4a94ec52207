import { beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { JOB_TRACKING_FINALIZER, JobController, type Job } from './job';
import { TTLAfterFinishedController } from './ttlafterfinished';
import { WorkloadEnv } from './workloadtestkit';

function job(name: string, spec: Partial<Job['spec']> = {}, restartPolicy: 'Never' | 'OnFailure' = 'Never'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy, containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] } },
      ...spec,
    },
  };
}

describe('Job controller', () => {
  let env: WorkloadEnv;
  const jobPods = (name: string) => env.pods(`batch.kubernetes.io/job-name=${name}`);
  const cond = (j: Job, type: string) => j.status?.conditions?.find((c) => c.type === type);

  beforeEach(() => {
    env = new WorkloadEnv();
    env.addNode('node-a');
    env.start(new JobController(env.ctx), new TTLAfterFinishedController(env.ctx));
  });

  it('runs completions 3 with parallelism 2 to 3 succeeded pods', () => {
    env.fate = () => ({ kind: 'succeed', afterSeconds: 5 });
    env.admin.create('jobs', job('pi', { completions: 3, parallelism: 2 }));
    let maxActive = 0;
    for (let i = 0; i < 60; i++) {
      env.advance(0.5);
      const active = jobPods('pi').filter((p) => p.status?.phase !== 'Succeeded').length;
      maxActive = Math.max(maxActive, active);
    }
    expect(maxActive).toBe(2);
    const pods = jobPods('pi');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status?.phase === 'Succeeded')).toBe(true);
    expect(pods.every((p) => !p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER))).toBe(true);
    expect(pods[0].metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);

    const j = env.get<Job>('jobs', 'pi');
    expect(j.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(j.status?.active).toBeUndefined();
    expect(j.status?.startTime).toBeDefined();
    expect(j.status?.completionTime).toBeDefined();
    expect(cond(j, 'SuccessCriteriaMet')).toMatchObject({ status: 'True', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' });
    expect(cond(j, 'Complete')).toMatchObject({ status: 'True', reason: 'CompletionsReached' });
    const events = env.events('pi');
    expect(events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(events.at(-1)).toMatchObject({ reason: 'Completed', message: 'Job completed', component: 'job-controller', type: 'Normal' });
  });

  it('adds the tracking finalizer to the pods it creates', () => {
    env.admin.create('jobs', job('pi'));
    env.clock.advance(1);
    const [pod] = jobPods('pi');
    expect(pod.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'pi', controller: true });
  });

  it('fails the job once the failures exceed backoffLimit, with a growing backoff', () => {
    env.fate = () => ({ kind: 'fail', afterSeconds: 1 });
    env.admin.create('jobs', job('crash', { backoffLimit: 2 }));
    env.advance(120);
    const j = env.get<Job>('jobs', 'crash');
    expect(j.status?.failed).toBe(3);
    expect(cond(j, 'FailureTarget')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(cond(j, 'Failed')).toMatchObject({ status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
    expect(j.status?.completionTime).toBeUndefined();
    const pods = jobPods('crash');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.status?.phase === 'Failed')).toBe(true);
    // The replacements waited 10 s, then 20 s, after the previous failure.
    const created = pods.map((p) => Date.parse(p.metadata.creationTimestamp!)).sort((a, b) => a - b);
    expect((created[1] - created[0]) / 1000).toBeGreaterThanOrEqual(11);
    expect((created[2] - created[1]) / 1000).toBeGreaterThanOrEqual(21);
    expect(env.events('crash').at(-1)).toMatchObject({ type: 'Warning', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  });

  it('stops a job past activeDeadlineSeconds', () => {
    env.admin.create('jobs', job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 2 }));
    env.advance(40);
    const j = env.get<Job>('jobs', 'slow');
    expect(cond(j, 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(j.status?.failed).toBe(2);
    expect(jobPods('slow')).toHaveLength(0);
  });

  it('names Indexed pods by index and sets their completion index', () => {
    env.fate = () => ({ kind: 'succeed', afterSeconds: 2 });
    env.admin.create('jobs', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    env.clock.advance(1);
    const pods = jobPods('idx');
    expect(pods.map((p) => p.metadata.name!.replace(/-[^-]{5}$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    const p1 = pods.find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1') as Pod;
    expect(p1.spec.hostname).toBe('idx-1');
    expect(p1.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('1');
    expect(p1.spec.containers[0].env?.[0]).toMatchObject({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } });
    env.advance(20);
    expect(env.get<Job>('jobs', 'idx').status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
  });

  it('creates nothing while suspended', () => {
    env.admin.create('jobs', job('later', { suspend: true }));
    env.advance(5);
    expect(jobPods('later')).toHaveLength(0);
    const j = env.get<Job>('jobs', 'later');
    expect(cond(j, 'Suspended')).toMatchObject({ status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(j.status?.startTime).toBeUndefined();
  });

  it('deletes a finished job after ttlSecondsAfterFinished', () => {
    env.fate = () => ({ kind: 'succeed', afterSeconds: 1 });
    env.admin.create('jobs', job('short', { ttlSecondsAfterFinished: 30 }));
    env.advance(10);
    expect(cond(env.get<Job>('jobs', 'short'), 'Complete')).toBeDefined();
    env.advance(10);
    expect(env.admin.tryGet('jobs', 'default', 'short')?.metadata.deletionTimestamp).toBeUndefined();
    env.advance(20);
    // Foreground deletion: the garbage collector removes the pods, then the job.
    const j = env.admin.tryGet('jobs', 'default', 'short');
    expect(j === undefined || (j.metadata.deletionTimestamp !== undefined && j.metadata.finalizers?.includes('foregroundDeletion'))).toBe(true);
  });
});
