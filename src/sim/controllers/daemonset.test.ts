import { beforeEach, describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { deepClone } from '../util/json';
import { CONTROLLER_REVISION_HASH_LABEL } from './controllerrevision';
import { DaemonSetController, daemonNodePredicate, targetNodeName, type DaemonSet } from './daemonset';
import { WorkloadEnv } from './workloadtestkit';

function daemonSet(name: string, extra: Partial<DaemonSet['spec']['template']['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'busybox:1.36' }], ...extra } },
    },
  };
}

const GPU_TAINT = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };

describe('DaemonSet controller', () => {
  let env: WorkloadEnv;
  beforeEach(() => {
    env = new WorkloadEnv();
    for (const n of ['node-a', 'node-b', 'node-c']) env.addNode(n);
    env.start(new DaemonSetController(env.ctx));
  });

  const nodesOf = (pods: Pod[]) => pods.map((p) => p.spec.nodeName ?? targetNodeName(p)).sort();

  it('runs one pod per node, pinned by node affinity, and one on a node added later', () => {
    env.admin.create('daemonsets', daemonSet('agent'));
    env.advance(5);
    let pods = env.pods('app=agent');
    expect(pods).toHaveLength(3);
    expect(nodesOf(pods)).toEqual(['node-a', 'node-b', 'node-c']);
    const pod = pods[0];
    expect(pod.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchFields?.[0].key).toBe('metadata.name');
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true, blockOwnerDeletion: true });
    // The daemon tolerations, without tolerationSeconds.
    expect(pod.spec.tolerations).toEqual(expect.arrayContaining([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ]));
    const hash = pod.metadata.labels![CONTROLLER_REVISION_HASH_LABEL];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    const revs = env.admin.list('controllerrevisions', { namespace: 'default' }).items;
    expect(revs.map((r) => r.metadata.name)).toEqual([`agent-${hash}`]);
    expect(revs[0].revision).toBe(1);

    const ds = env.get<DaemonSet>('daemonsets', 'agent');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3, numberMisscheduled: 0, observedGeneration: 1 });
    const events = env.events('agent').filter((e) => e.reason === 'SuccessfulCreate');
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ component: 'daemonset-controller', type: 'Normal' });
    expect(events.map((e) => e.message)).toContain(`Created pod: ${pod.metadata.name}`);

    env.addNode('node-d');
    env.advance(5);
    pods = env.pods('app=agent');
    expect(nodesOf(pods)).toEqual(['node-a', 'node-b', 'node-c', 'node-d']);
    expect(env.get<DaemonSet>('daemonsets', 'agent').status).toMatchObject({ desiredNumberScheduled: 4, numberReady: 4 });
  });

  it('skips a tainted node unless the pods tolerate the taint', () => {
    env.addNode('gpu-1', { taints: [GPU_TAINT] });
    env.admin.create('daemonsets', daemonSet('plain'));
    env.admin.create('daemonsets', daemonSet('gpu-aware', { tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }));
    env.advance(5);
    expect(nodesOf(env.pods('app=plain'))).toEqual(['node-a', 'node-b', 'node-c']);
    expect(nodesOf(env.pods('app=gpu-aware'))).toEqual(['gpu-1', 'node-a', 'node-b', 'node-c']);
    expect(env.get<DaemonSet>('daemonsets', 'plain').status?.desiredNumberScheduled).toBe(3);
  });

  it('removes the pod from a node that becomes ineligible, and counts nodes that go away', () => {
    env.admin.create('daemonsets', daemonSet('agent', { nodeSelector: { pool: 'blue' } }));
    for (const n of ['node-a', 'node-b', 'node-c']) {
      const node = deepClone(env.get<Node>('nodes', n, ''));
      node.metadata.labels = { ...node.metadata.labels, pool: 'blue' };
      env.admin.update('nodes', node);
    }
    env.advance(5);
    expect(env.pods('app=agent')).toHaveLength(3);

    // Relabelled: the node no longer matches the selector.
    const b = deepClone(env.get<Node>('nodes', 'node-b', ''));
    b.metadata.labels = { ...b.metadata.labels, pool: 'green' };
    env.admin.update('nodes', b);
    // NoExecute taint the pods do not tolerate: evicted by the DaemonSet controller.
    const c = deepClone(env.get<Node>('nodes', 'node-c', ''));
    c.spec.taints = [{ key: 'maintenance', value: 'true', effect: 'NoExecute' }];
    env.admin.update('nodes', c);
    env.advance(5);
    expect(nodesOf(env.pods('app=agent'))).toEqual(['node-a']);
    expect(env.events('agent').filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(2);

    env.admin.delete('nodes', undefined, 'node-a');
    env.advance(5);
    expect(env.get<DaemonSet>('daemonsets', 'agent').status?.desiredNumberScheduled).toBe(0);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1)', () => {
    env.admin.create('daemonsets', daemonSet('agent'));
    env.advance(5);
    const before = env.pods('app=agent').map((p) => p.metadata.name);
    const ds = deepClone(env.get<DaemonSet>('daemonsets', 'agent'));
    ds.spec.template.spec.containers[0].image = 'busybox:1.37';
    env.admin.update('daemonsets', ds);
    // Watch the rollout: never more than one node without an available pod.
    let maxMissing = 0;
    for (let i = 0; i < 40; i++) {
      env.advance(0.5);
      const ready = env.pods('app=agent').filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running').length;
      maxMissing = Math.max(maxMissing, 3 - ready);
    }
    const after = env.pods('app=agent');
    expect(after).toHaveLength(3);
    expect(after.every((p) => p.spec.containers[0].image === 'busybox:1.37')).toBe(true);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    expect(maxMissing).toBeLessThanOrEqual(1);
    expect(env.admin.list('controllerrevisions', { namespace: 'default' }).items.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(env.get<DaemonSet>('daemonsets', 'agent').status).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  });
});

describe('daemonNodePredicate', () => {
  const node = (taints: Node['spec']['taints'], labels: Record<string, string> = {}): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', labels }, spec: { taints } });
  it.each([
    ['untainted', node([]), true, true],
    ['not-ready NoExecute (tolerated by daemons)', node([{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }]), true, true],
    ['unschedulable (tolerated by daemons)', node([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), true, true],
    ['network-unavailable without hostNetwork', node([{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), false, true],
    ['foreign NoSchedule', node([GPU_TAINT]), false, true],
    ['foreign NoExecute', node([{ key: 'x', effect: 'NoExecute' }]), false, false],
    ['PreferNoSchedule is ignored', node([{ key: 'x', effect: 'PreferNoSchedule' }]), true, true],
  ])('%s', (_, n, shouldRun, shouldContinueRunning) => {
    expect(daemonNodePredicate(daemonSet('x'))(n)).toEqual({ shouldRun, shouldContinueRunning });
  });
});
