import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { DisruptionController, type PodDisruptionBudget } from './disruption';
import { testEnv, type TestEnv } from './testenv';

function setup() {
  const env = testEnv();
  env.node('node-a');
  env.start(new DisruptionController(env.ctx));
  const pdb = (name: string, spec: PodDisruptionBudget['spec']) =>
    env.api.create('poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec });
  const status = (name: string) => env.api.get<PodDisruptionBudget>('poddisruptionbudgets', 'default', name).status!;
  return { env, pdb, status };
}

function replicaSet(env: TestEnv, name: string, replicas: number): KubeObject {
  return env.api.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
}

const owned = (rs: KubeObject) => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }];

describe('DisruptionController', () => {
  it('minAvailable as a number: healthy pods minus the minimum', () => {
    const { env, pdb, status } = setup();
    for (let i = 0; i < 3; i++) env.pod(`web-${i}`, { labels: { app: 'web' }, node: 'node-a', ip: `10.244.0.${i + 2}` });
    pdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } });
    env.settle();
    expect(status('web')).toEqual({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: env.clock.nowISO() }],
    });
    env.settle(5);
    env.setReady('default', 'web-1', false);
    env.settle();
    expect(status('web')).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 0 });
    expect(status('web').conditions).toEqual([expect.objectContaining({ status: 'False', reason: 'InsufficientPods', lastTransitionTime: env.clock.nowISO() })]);
    // A pod being deleted is not healthy.
    env.setReady('default', 'web-1', true);
    env.api.delete('pods', 'default', 'web-2');
    env.settle();
    expect(status('web')).toMatchObject({ currentHealthy: 2, expectedPods: 3, disruptionsAllowed: 0 });
  });

  it('maxUnavailable as a percentage counts the controller scale, not the pods', () => {
    const { env, pdb, status } = setup();
    const rs = replicaSet(env, 'web-1', 4);
    for (let i = 0; i < 3; i++) env.pod(`web-1-${i}`, { labels: { app: 'web' }, node: 'node-a', ip: `10.244.0.${i + 2}`, ownerReferences: owned(rs) });
    pdb('web', { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } });
    env.settle();
    expect(status('web')).toMatchObject({ expectedPods: 4, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
  });

  it('warns about unmanaged pods and fails safe when a controller has no scale', () => {
    const { env, pdb, status } = setup();
    env.pod('lonely', { labels: { app: 'web' }, node: 'node-a', ip: '10.244.0.2' });
    pdb('web', { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } });
    env.settle();
    expect(env.events().some((e) => e.reason === 'UnmanagedPods' && e.type === 'Warning')).toBe(true);
    expect(status('web')).toMatchObject({ expectedPods: 0, disruptionsAllowed: 0 });

    env.pod('job-pod', { labels: { app: 'job' }, node: 'node-a', ip: '10.244.0.3', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u-1', controller: true }] });
    pdb('job', { maxUnavailable: 1, selector: { matchLabels: { app: 'job' } } });
    env.settle();
    expect(status('job')).toMatchObject({ disruptionsAllowed: 0, conditions: [expect.objectContaining({ status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "job-pod"' })] });
  });

  it('a budget with no pods allows nothing and says so', () => {
    const { env, pdb, status } = setup();
    pdb('none', { minAvailable: 1, selector: { matchLabels: { app: 'none' } } });
    env.settle();
    expect(status('none')).toMatchObject({ expectedPods: 0, currentHealthy: 0, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(env.events().find((e) => e.reason === 'NoPods')).toMatchObject({ type: 'Normal', message: 'No matching pods found', source: { component: 'controllermanager' } });
  });
});
