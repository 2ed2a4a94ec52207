import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { KubeObject, Pod, ReplicaSet } from '../api/types';
import { Harness, isReady, replicaSetBody } from './deployment/testing';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS, rankPodsForDeletion, slowStartBatch } from './replicaset';

const T0 = Date.UTC(2025, 0, 1);
const iso = (s: number) => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z');

function pod(name: string, o: { node?: string; phase?: string; readySince?: number; created?: number; restarts?: number; uid?: string; cost?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: iso(o.created ?? 0),
      annotations: o.cost !== undefined ? { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } : undefined,
    },
    spec: { containers: [{ name: 'c' }], nodeName: o.node },
    status: {
      phase: (o.phase ?? 'Running') as any,
      conditions: o.readySince !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: iso(o.readySince) }] : [],
      containerStatuses: [{ name: 'c', ready: o.readySince !== undefined, restartCount: o.restarts ?? 0, image: '', imageID: '', state: {}, lastState: {} }],
    },
  };
}

describe('pod ranking for deletion (ActivePodsWithRanks)', () => {
  const now = T0 + 3600_000;
  it.each([
    ['unscheduled before scheduled', pod('a', { phase: 'Pending' }), pod('b', { node: 'n1', phase: 'Pending' })],
    ['pending before running', pod('a', { node: 'n1', phase: 'Pending' }), pod('b', { node: 'n1' })],
    ['unknown before running', pod('a', { node: 'n1', phase: 'Unknown' }), pod('b', { node: 'n1' })],
    ['not ready before ready', pod('a', { node: 'n1' }), pod('b', { node: 'n1', readySince: 10 })],
    ['lower deletion cost first', pod('a', { node: 'n1', readySince: 10, cost: -5 }), pod('b', { node: 'n1', readySince: 10 })],
    ['ready for less time first', pod('a', { node: 'n1', readySince: 3000 }), pod('b', { node: 'n1', readySince: 10 })],
    ['more restarts first', pod('a', { node: 'n1', readySince: 10, restarts: 3 }), pod('b', { node: 'n1', readySince: 10 })],
    ['newer first', pod('a', { node: 'n1', readySince: 10, created: 3000 }), pod('b', { node: 'n1', readySince: 10, created: 5 })],
  ])('%s', (_, first, second) => {
    expect(rankPodsForDeletion([second, first], [], now).map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(rankPodsForDeletion([first, second], [], now).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('prefers pods doubled up on a node with related pods', () => {
    const a = pod('a', { node: 'crowded', readySince: 10 });
    const b = pod('b', { node: 'alone', readySince: 10 });
    const related = [a, pod('x', { node: 'crowded' }), b];
    expect(rankPodsForDeletion([b, a], related, now).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });

  it('compares ages on a log scale: same bucket falls back to uid', () => {
    // 1000 s and 1001 s old are in the same log2 bucket of nanoseconds.
    const a = pod('a', { node: 'n1', readySince: 10, created: 2600, uid: 'z' });
    const b = pod('b', { node: 'n1', readySince: 10, created: 2599, uid: 'y' });
    expect(rankPodsForDeletion([a, b], [], now).map((p) => p.metadata.name)).toEqual(['b', 'a']);
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4 ... and stops after a failing batch', () => {
    let calls = 0;
    const res = slowStartBatch(20, 1, () => {
      calls++;
      if (calls === 5) throw new ApiError({ reason: 'Forbidden', code: 403, message: 'quota' });
    });
    // Batches 1, 2, 4: the failure is in the third batch, which still completes.
    expect(calls).toBe(7);
    expect(res.successes).toBe(6);
    expect(res.error?.message).toBe('quota');
  });
  it('all succeed', () => {
    expect(slowStartBatch(10, 1, () => {}).successes).toBe(10);
  });
});

describe('ControllerExpectations', () => {
  it('waits for observed creations and deletions, and expires', () => {
    let now = 0;
    const e = new ControllerExpectations(() => now);
    expect(e.satisfied('k')).toBe(true);
    e.expectCreations('k', 2);
    expect(e.satisfied('k')).toBe(false);
    e.creationObserved('k');
    e.creationObserved('k');
    expect(e.satisfied('k')).toBe(true);
    e.expectDeletions('k', ['ns/a', 'ns/b']);
    e.deletionObserved('k', 'ns/a');
    e.deletionObserved('k', 'ns/a');
    expect(e.satisfied('k')).toBe(false);
    now += EXPECTATIONS_TIMEOUT_MS + 1;
    expect(e.satisfied('k')).toBe(true);
  });
});

describe('ReplicaSet controller', () => {
  it('creates the pods from the template, named <rs>-xxxxx, owned and reported', () => {
    const h = new Harness();
    h.user.create('replicasets', replicaSetBody('web', 3));
    h.run(10);
    const pods = h.pods();
    expect(pods).toHaveLength(3);
    const rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(isReady(p)).toBe(true);
    }
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(h.messages('SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    const ev = h.events().find((e) => e.reason === 'SuccessfulCreate')!;
    expect(ev.source?.component).toBe('replicaset-controller');
    expect(ev.involvedObject).toMatchObject({ kind: 'ReplicaSet', name: 'web' });
  });

  it('replaces a deleted pod as soon as its deletion starts (terminating pods do not count)', () => {
    const h = new Harness({ terminateAfterMs: 30_000 });
    h.user.create('replicasets', replicaSetBody('web', 2));
    h.run(10);
    const victim = h.pods()[0];
    h.user.delete('pods', 'default', victim.metadata.name!);
    h.settle();
    // The old pod is still terminating, and a new one already exists.
    expect(h.pods()).toHaveLength(3);
    expect(h.livePods()).toHaveLength(2);
    h.run(40);
    expect(h.pods()).toHaveLength(2);
    expect(h.pods().map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });

  it('does not create twice while its creations are in flight (expectations)', () => {
    const h = new Harness();
    h.user.create('replicasets', replicaSetBody('web', 1));
    h.run(5);
    h.rsc.stop();
    const rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    h.user.update('replicasets', { ...rs, spec: { ...rs.spec, replicas: 4 } });
    h.settle(); // the informer sees the new spec; the stopped loop does not run
    h.rsc.reconcile('default/web');
    // Our pod creations have not reached the informer yet: a second sync must not create more.
    h.rsc.reconcile('default/web');
    expect(h.pods()).toHaveLength(4);
    expect(h.rsc.expectations.get('default/web')).toEqual({ add: 3, del: 0 });
    h.settle();
    expect(h.rsc.expectations.get('default/web')).toEqual({ add: 0, del: 0 });
  });

  it('scales down deleting not-yet-scheduled pods first', () => {
    const h = new Harness();
    h.user.create('replicasets', replicaSetBody('web', 3));
    h.run(10);
    const running = h.pods().map((p) => p.metadata.name);
    h.unschedulable = true;
    h.user.patch('replicasets', 'default', 'web', 'merge', { spec: { replicas: 5 } });
    h.run(2);
    expect(h.pods()).toHaveLength(5);
    h.user.patch('replicasets', 'default', 'web', 'merge', { spec: { replicas: 3 } });
    h.run(1);
    expect(h.pods().map((p) => p.metadata.name).sort()).toEqual(running.sort());
    expect(h.messages('SuccessfulDelete')).toHaveLength(2);
  });

  it('scales down newest-ready first among equals', () => {
    const h = new Harness();
    h.user.create('replicasets', replicaSetBody('web', 2));
    h.run(10);
    const old = h.pods().map((p) => p.metadata.name!);
    h.run(3600); // an hour later the first pods are in an older log2 age bucket
    h.user.patch('replicasets', 'default', 'web', 'merge', { spec: { replicas: 4 } });
    h.run(10);
    h.user.patch('replicasets', 'default', 'web', 'merge', { spec: { replicas: 2 } });
    h.run(10);
    expect(h.pods().map((p) => p.metadata.name).sort()).toEqual(old.sort());
  });

  it('adopts matching orphans and releases pods that stop matching', () => {
    const h = new Harness();
    h.user.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    h.settle();
    h.user.create('replicasets', replicaSetBody('web', 2));
    h.run(10);
    const rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    expect(h.pods()).toHaveLength(2);
    const stray = h.api.get<Pod>('pods', 'default', 'stray');
    expect(stray.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', uid: rs.metadata.uid, controller: true });
    // Relabel the pod: the ReplicaSet lets it go and makes another.
    h.user.patch('pods', 'default', 'stray', 'merge', { metadata: { labels: { app: 'debug' } } });
    h.run(10);
    expect(h.api.get<Pod>('pods', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(h.pods()).toHaveLength(3);
  });

  it('reports FailedCreate with the API error and retries with backoff', () => {
    const h = new Harness({ serviceAccount: false });
    h.user.create('replicasets', replicaSetBody('web', 3));
    h.run(2);
    expect(h.pods()).toHaveLength(0);
    const failed = h.events().filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].message).toMatch(/^Error creating: pods "web-[a-z0-9]*" is forbidden: error looking up service account default\/default: serviceaccount "default" not found$/);
    const rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    expect(rs.status?.conditions?.[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    // The ServiceAccount controller catches up: the next retry succeeds and the condition goes.
    h.createServiceAccount('default');
    h.run(30);
    expect(h.pods()).toHaveLength(3);
    expect(h.api.get<ReplicaSet>('replicasets', 'default', 'web').status?.conditions).toBeUndefined();
  });

  it('brings up a big ReplicaSet with its pod events coalesced per instant', () => {
    const h = new Harness();
    h.user.create('replicasets', replicaSetBody('big', 300));
    h.run(10);
    expect(h.pods()).toHaveLength(300);
    expect(h.api.get<ReplicaSet>('replicasets', 'default', 'big').status).toMatchObject({ replicas: 300, readyReplicas: 300, availableReplicas: 300 });
    // Slow start: batches of 1, 2, 4 ... 128 and then the last 45, all in the first sync.
    expect(h.messages('SuccessfulCreate')).toHaveLength(300);
    expect(h.rsc.actor.getSnapshot().context.reconciles).toBeLessThan(30);
  });

  it('honours minReadySeconds for availableReplicas', () => {
    const h = new Harness({ readyAfterMs: 1000 });
    h.user.create('replicasets', { ...replicaSetBody('web', 2), spec: { ...replicaSetBody('web', 2).spec, minReadySeconds: 10 } });
    h.run(5);
    let rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    expect(rs.status?.readyReplicas).toBe(2);
    expect(rs.status?.availableReplicas ?? 0).toBe(0);
    h.run(10);
    rs = h.api.get<ReplicaSet>('replicasets', 'default', 'web');
    expect(rs.status?.availableReplicas).toBe(2);
  });
});

describe('ReplicationController controller', () => {
  it('runs the same loop over a v1 ReplicationController', () => {
    const h = new Harness();
    h.user.create('replicationcontrollers', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy' },
      spec: { replicas: 2, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    } as KubeObject);
    h.run(10);
    const pods = h.pods();
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.name).toMatch(/^legacy-[a-z0-9]{5}$/);
    expect(pods[0].metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy' });
    const ev = h.events().find((e) => e.reason === 'SuccessfulCreate')!;
    expect(ev.source?.component).toBe('replication-controller');
    expect(h.api.get('replicationcontrollers', 'default', 'legacy').status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });
});
