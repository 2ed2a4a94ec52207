import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from '../api/types';
import { computeHash } from './deployment';
import { deploymentBody, Harness, isReady } from './deployment/testing';
import { getProportion, maxSurge, maxUnavailable, resolveFenceposts } from './deployment/util';

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/;

function setImage(h: Harness, name: string, image: string): void {
  const d = h.deployment(name);
  h.user.update('deployments', { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, containers: [{ name: 'app', image }] } } } });
}

function rsFor(h: Harness, image: string): ReplicaSet | undefined {
  return h.replicaSets().find((rs) => rs.spec.template.spec.containers[0].image === image);
}

function condition(d: Deployment, type: string): any {
  return (d.status?.conditions ?? []).find((c: any) => c.type === type);
}

describe('deployment helpers', () => {
  it.each([
    // maxSurge, maxUnavailable, replicas -> surge, unavailable
    ['25%', '25%', 6, 2, 1],
    ['25%', '25%', 1, 1, 0],
    [1, 0, 4, 1, 0],
    [0, 1, 4, 0, 1],
    ['0%', '10%', 5, 0, 1], // both round to zero: maxUnavailable becomes 1
    ['50%', '50%', 3, 2, 1],
  ] as const)('fenceposts(%s, %s, %i) = %i, %i', (s, u, r, es, eu) => {
    expect(resolveFenceposts(s, u, r)).toEqual([es, eu]);
  });

  it('maxUnavailable is capped at replicas and zero for Recreate', () => {
    const d = deploymentBody('web', 2, 'a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 5 } } });
    expect(maxUnavailable(d)).toBe(2);
    const r = deploymentBody('web', 2, 'a', { strategy: { type: 'Recreate' } });
    expect(maxUnavailable(r)).toBe(0);
    expect(maxSurge(r)).toBe(0);
  });

  it('computeHash is deterministic, template-sensitive and bumped by collisionCount', () => {
    const t = deploymentBody('web', 1, 'nginx').spec.template;
    expect(computeHash(t)).toMatch(HASH);
    expect(computeHash(t)).toBe(computeHash(JSON.parse(JSON.stringify(t))));
    expect(computeHash(t)).not.toBe(computeHash(deploymentBody('web', 1, 'httpd').spec.template));
    expect(computeHash(t, 1)).not.toBe(computeHash(t));
  });

  it('getProportion spreads a scale-up by the max-replicas annotation (docs example: 10 -> 15)', () => {
    const d = deploymentBody('web', 15, 'b', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } });
    const rs = (name: string, replicas: number): ReplicaSet => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, annotations: { 'deployment.kubernetes.io/max-replicas': '13' } },
      spec: { replicas, selector: {}, template: d.spec.template },
    });
    const a = getProportion(rs('old', 8), d, 5, 0);
    expect(a).toBe(3);
    expect(getProportion(rs('new', 5), d, 5, a)).toBe(2);
  });
});

describe('Deployment controller', () => {
  it('creates <name>-<hash> and brings 6 replicas to available', () => {
    const h = new Harness();
    h.user.create('deployments', deploymentBody('web', 6, 'nginx:1.27'));
    h.run(15);
    const [rs] = h.replicaSets();
    const d = h.deployment('web');
    const hash = computeHash(d.spec.template);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '6',
      'deployment.kubernetes.io/max-replicas': '8',
    });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const pods = h.pods();
    expect(pods).toHaveLength(6);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[a-z0-9]{5}$`));
      expect(p.metadata.labels?.['pod-template-hash']).toBe(hash);
    }
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 6, updatedReplicas: 6, readyReplicas: 6, availableReplicas: 6 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(condition(d, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "web-${hash}" has successfully progressed.` });
    expect(h.messages('ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 6`]);
    expect(h.events().find((e) => e.reason === 'ScalingReplicaSet')?.source?.component).toBe('deployment-controller');
  });

  it('reports progress while pods come up', () => {
    const h = new Harness({ readyAfterMs: 20_000 });
    h.user.create('deployments', deploymentBody('web', 2, 'nginx'));
    h.run(2);
    const d = h.deployment('web');
    const name = h.replicaSets()[0].metadata.name;
    expect(condition(d, 'Progressing')).toMatchObject({ reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` });
    expect(condition(d, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    expect(d.status?.unavailableReplicas).toBe(2);
  });

  it.each([
    ['defaults 25%/25%', 6, undefined],
    ['maxSurge 1, maxUnavailable 0', 4, { maxSurge: 1, maxUnavailable: 0 }],
    ['maxSurge 0, maxUnavailable 1', 4, { maxSurge: 0, maxUnavailable: 1 }],
    ['maxSurge 50%, maxUnavailable 30%', 10, { maxSurge: '50%', maxUnavailable: '30%' }],
    ['100 replicas (pod events batched per instant)', 100, { maxSurge: '10%', maxUnavailable: 5 }],
  ])('rolling update (%s) keeps within maxSurge and maxUnavailable at every instant', (_, replicas, ru) => {
    const h = new Harness({ readyAfterMs: 2000, terminateAfterMs: 5000 });
    const strategy = ru ? { type: 'RollingUpdate' as const, rollingUpdate: ru } : undefined;
    h.user.create('deployments', deploymentBody('web', replicas, 'app:a', strategy ? { strategy } : {}));
    h.run(20);
    const d0 = h.deployment('web');
    const surge = maxSurge(d0);
    const unavailable = maxUnavailable(d0);
    let checks = 0;
    let peak = 0;
    let trough = Infinity;
    // Check after every write the API server accepts.
    const stop = h.trace.subscribe(() => {
      const live = h.livePods();
      const available = live.filter(isReady).length;
      peak = Math.max(peak, live.length);
      trough = Math.min(trough, available);
      checks++;
    });
    setImage(h, 'web', 'app:b');
    h.run(120);
    stop();
    expect(checks).toBeGreaterThan(20);
    expect(peak).toBeLessThanOrEqual(replicas + surge);
    expect(trough).toBeGreaterThanOrEqual(replicas - unavailable);
    const live = h.livePods();
    expect(live).toHaveLength(replicas);
    expect(live.every((p) => p.spec.containers[0].image === 'app:b')).toBe(true);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(0);
    const d = h.deployment('web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas, updatedReplicas: replicas, availableReplicas: replicas });
    expect(condition(d, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rsFor(h, 'app:b')!.metadata.name}" has successfully progressed.` });
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods to go', () => {
    const h = new Harness({ terminateAfterMs: 10_000 });
    h.user.create('deployments', deploymentBody('web', 3, 'app:a', { strategy: { type: 'Recreate' } }));
    h.run(15);
    let overlap = false;
    const stop = h.trace.subscribe(() => {
      const pods = h.pods();
      const olds = pods.filter((p) => p.spec.containers[0].image === 'app:a');
      const news = pods.filter((p) => p.spec.containers[0].image === 'app:b');
      if (olds.length > 0 && news.length > 0) overlap = true;
    });
    setImage(h, 'web', 'app:b');
    h.run(5);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(0);
    expect(rsFor(h, 'app:b')).toBeUndefined(); // old pods still terminating
    h.run(30);
    stop();
    expect(overlap).toBe(false);
    expect(h.livePods().filter(isReady)).toHaveLength(3);
    expect(rsFor(h, 'app:b')?.spec.replicas).toBe(3);
    const a = rsFor(h, 'app:a')!.metadata.name;
    const b = rsFor(h, 'app:b')!.metadata.name;
    expect(h.messages('ScalingReplicaSet')).toEqual([`Scaled up replica set ${a} from 0 to 3`, `Scaled down replica set ${a} from 3 to 0`, `Scaled up replica set ${b} from 0 to 3`]);
  });

  it('rollback (kubectl rollout undo) reuses the old ReplicaSet and bumps its revision', () => {
    const h = new Harness();
    h.user.create('deployments', deploymentBody('web', 2, 'app:a'));
    h.run(15);
    const first = rsFor(h, 'app:a')!.metadata.name!;
    setImage(h, 'web', 'app:b');
    h.run(40);
    expect(h.replicaSets()).toHaveLength(2);
    // kubectl rollout undo: copy revision 1's template (without the hash label) into the Deployment.
    const old = h.api.get<ReplicaSet>('replicasets', 'default', first);
    const template = structuredClone(old.spec.template);
    delete template.metadata!.labels!['pod-template-hash'];
    const d = h.deployment('web');
    h.user.update('deployments', { ...d, spec: { ...d.spec, template } });
    h.run(40);
    expect(h.replicaSets()).toHaveLength(2);
    const back = h.api.get<ReplicaSet>('replicasets', 'default', first);
    expect(back.spec.replicas).toBe(2);
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(h.deployment('web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(rsFor(h, 'app:b')?.spec.replicas).toBe(0);
    expect(h.livePods().every((p) => p.spec.containers[0].image === 'app:a')).toBe(true);
  });

  it('keeps revisionHistoryLimit old ReplicaSets, deleting the oldest', () => {
    const h = new Harness();
    h.user.create('deployments', deploymentBody('web', 1, 'app:1', { revisionHistoryLimit: 1 }));
    h.run(10);
    for (const v of ['app:2', 'app:3', 'app:4']) {
      setImage(h, 'web', v);
      h.run(30);
    }
    const images = h.replicaSets().map((rs) => rs.spec.template.spec.containers[0].image).sort();
    expect(images).toEqual(['app:3', 'app:4']);
  });

  it('paused: no rollout, scaling still works, resume rolls out', () => {
    const h = new Harness();
    h.user.create('deployments', deploymentBody('web', 2, 'app:a', { progressDeadlineSeconds: 600 }));
    h.run(10);
    h.user.patch('deployments', 'default', 'web', 'merge', { spec: { paused: true } });
    h.run(2);
    expect(condition(h.deployment('web'), 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(h, 'web', 'app:b');
    h.run(10);
    expect(h.replicaSets()).toHaveLength(1);
    h.user.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 4 } });
    h.run(10);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(4);
    expect(h.livePods().filter(isReady)).toHaveLength(4);
    h.user.patch('deployments', 'default', 'web', 'merge', { spec: { paused: false } });
    h.run(60);
    expect(rsFor(h, 'app:b')?.spec.replicas).toBe(4);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(0);
    expect(condition(h.deployment('web'), 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });

  it('reports ProgressDeadlineExceeded when the new pods never become ready', () => {
    const h = new Harness({ neverReady: (p) => p.spec.containers[0].image === 'broken' });
    h.user.create('deployments', deploymentBody('web', 3, 'app:a', { progressDeadlineSeconds: 60 }));
    h.run(10);
    setImage(h, 'web', 'broken');
    h.run(50);
    const name = rsFor(h, 'broken')!.metadata.name;
    expect(condition(h.deployment('web'), 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    h.run(15);
    const d = h.deployment('web');
    expect(condition(d, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` });
    // The old pods keep serving: minimum availability holds.
    expect(condition(d, 'Available')).toMatchObject({ status: 'True' });
    expect(h.livePods().filter(isReady).length).toBeGreaterThanOrEqual(2);
  });

  it('scales proportionally mid-rollout (10 -> 15: 3 to the old ReplicaSet, 2 to the new)', () => {
    const h = new Harness({ neverReady: (p) => p.spec.containers[0].image === 'broken' });
    h.user.create('deployments', deploymentBody('web', 10, 'app:a', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    h.run(15);
    setImage(h, 'web', 'broken');
    h.run(30);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(8);
    expect(rsFor(h, 'broken')?.spec.replicas).toBe(5);
    h.user.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 15 } });
    h.run(5);
    expect(rsFor(h, 'app:a')?.spec.replicas).toBe(11);
    expect(rsFor(h, 'broken')?.spec.replicas).toBe(7);
  });

  it('adopts a matching orphan ReplicaSet', () => {
    const h = new Harness();
    h.user.create('deployments', deploymentBody('web', 2, 'app:a'));
    h.run(10);
    const rs = h.replicaSets()[0];
    // Orphan it (kubectl delete deployment --cascade=orphan, then re-create): remove the controller ref.
    h.user.patch('replicasets', 'default', rs.metadata.name!, 'merge', { metadata: { ownerReferences: null } });
    h.run(5);
    const after = h.api.get<ReplicaSet>('replicasets', 'default', rs.metadata.name!);
    expect(after.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    expect(h.replicaSets()).toHaveLength(1);
  });
});
