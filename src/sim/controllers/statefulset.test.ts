import { beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { deepClone } from '../util/json';
import { StatefulSetController, type StatefulSet } from './statefulset';
import { WorkloadEnv } from './workloadtestkit';

function web(replicas = 3, extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [
        { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
      ...extra,
    },
  };
}

describe('StatefulSet controller', () => {
  let env: WorkloadEnv;
  const names = () => env.pods('app=nginx').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);

  beforeEach(() => {
    env = new WorkloadEnv();
    for (const n of ['node-a', 'node-b']) env.addNode(n);
    env.start(new StatefulSetController(env.ctx));
  });

  it('creates web-0, web-1, web-2 in order, each only once the previous one is Ready', () => {
    for (const n of ['web-0', 'web-1', 'web-2']) env.setReady(n, false);
    env.admin.create('statefulsets', web());
    env.advance(5);
    expect(names()).toEqual(['web-0']);
    const p0 = env.get<Pod>('pods', 'web-0');
    expect(p0.spec.hostname).toBe('web-0');
    expect(p0.spec.subdomain).toBe('nginx');
    expect(p0.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', app: 'nginx' });
    expect(p0.metadata.labels!['controller-revision-hash']).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(p0.spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect(env.get('persistentvolumeclaims', 'www-web-0').metadata.labels).toEqual({ app: 'nginx' });

    env.setReady('web-0', true);
    env.advance(5);
    expect(names()).toEqual(['web-0', 'web-1']);
    env.advance(10);
    expect(names()).toEqual(['web-0', 'web-1']);
    env.setReady('web-1', true);
    env.setReady('web-2', true);
    env.advance(10);
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);

    const sts = env.get<StatefulSet>('statefulsets', 'web');
    expect(sts.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(sts.status!.currentRevision).toBe(sts.status!.updateRevision);
    const created = env.events('web').filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(created).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-1 in StatefulSet web successful',
      'create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('scales down from the highest ordinal, one at a time', () => {
    env.admin.create('statefulsets', web());
    env.advance(10);
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
    env.api.updateScale('statefulsets', 'default', 'web', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 1 } });
    env.clock.advance(1);
    // web-2 goes first; web-1 waits for it.
    expect(env.pods('app=nginx').filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['web-2']);
    env.advance(10);
    expect(names()).toEqual(['web-0']);
    const deletes = env.events('web').filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deletes).toEqual(['delete Pod web-2 in StatefulSet web successful', 'delete Pod web-1 in StatefulSet web successful']);
    // Claims are kept (persistentVolumeClaimRetentionPolicy Retain).
    expect(env.admin.list('persistentvolumeclaims', { namespace: 'default' }).items).toHaveLength(3);
  });

  it('recreates a deleted pod with the same name', () => {
    env.admin.create('statefulsets', web(2));
    env.advance(10);
    const old = env.get<Pod>('pods', 'web-1');
    env.admin.delete('pods', 'default', 'web-1');
    env.advance(10);
    const fresh = env.get<Pod>('pods', 'web-1');
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(fresh.status?.phase).toBe('Running');
  });

  it('creates all pods at once with podManagementPolicy Parallel', () => {
    for (const n of ['web-0', 'web-1', 'web-2']) env.setReady(n, false);
    env.admin.create('statefulsets', web(3, { podManagementPolicy: 'Parallel' }));
    env.advance(2);
    expect(names()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('rolls a new template from the highest ordinal down to the partition', () => {
    env.admin.create('statefulsets', web(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    env.advance(10);
    const rev1 = env.get<StatefulSet>('statefulsets', 'web').status!.currentRevision;
    const sts = deepClone(env.get<StatefulSet>('statefulsets', 'web'));
    sts.spec.template.spec.containers[0].image = 'nginx:1.28';
    env.admin.update('statefulsets', sts);
    env.advance(20);
    const image = (n: string) => env.get<Pod>('pods', n).spec.containers[0].image;
    expect([image('web-0'), image('web-1'), image('web-2')]).toEqual(['nginx:1.27', 'nginx:1.28', 'nginx:1.28']);
    const status = env.get<StatefulSet>('statefulsets', 'web').status!;
    expect(status.currentRevision).toBe(rev1);
    expect(status.updateRevision).not.toBe(rev1);
    expect(status).toMatchObject({ updatedReplicas: 2, currentReplicas: 1 });
    expect(env.admin.list('controllerrevisions', { namespace: 'default' }).items).toHaveLength(2);
  });
});
