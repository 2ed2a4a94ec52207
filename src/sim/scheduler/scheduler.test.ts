// The whole scheduler against a bare API server with Nodes created by hand (no kubelets).

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { deepClone } from '../util/json';
import { filterVerdicts } from './attempt';
import { addNode, addPod, eventsFor, getPod, settle, testEnv } from './testenv';

const scheduled = (pod: Pod) => pod.status?.conditions?.find((c) => c.type === 'PodScheduled');

describe('Scheduler', () => {
  it('spreads pods over the nodes and records Scheduled events', () => {
    const env = testEnv();
    for (const n of ['n1', 'n2', 'n3']) addNode(env.api, { name: n });
    for (let i = 0; i < 6; i++) addPod(env.api, `web-${i}`, { cpu: '500m', memory: '256Mi' });
    settle(env);
    const perNode = new Map<string, number>();
    for (let i = 0; i < 6; i++) {
      const p = getPod(env.api, `web-${i}`);
      expect(p.spec.nodeName).toBeTruthy();
      expect(scheduled(p)?.status).toBe('True');
      perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    }
    expect([...perNode.values()]).toEqual([2, 2, 2]);
    const ev = eventsFor(env.api, 'web-0')[0];
    expect(ev.reason).toBe('Scheduled');
    expect(ev.type).toBe('Normal');
    expect(ev.source).toEqual({ component: 'default-scheduler' });
    expect(ev.message).toBe(`Successfully assigned default/web-0 to ${getPod(env.api, 'web-0').spec.nodeName}`);
    expect(env.scheduler.state).toBe('idle');
  });

  it('leaves a pod that fits nowhere Pending with the real FailedScheduling message and condition', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    const taint = [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' as const }];
    addNode(env.api, { name: 'n2', taints: taint });
    addNode(env.api, { name: 'n3', taints: taint });
    addPod(env.api, 'big', { cpu: '3' });
    settle(env);
    const msg =
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {CriticalAddonsOnly: true}. ' +
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.';
    const pod = getPod(env.api, 'big');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe('Pending');
    expect(scheduled(pod)).toMatchObject({ status: 'False', reason: 'Unschedulable', message: msg, lastProbeTime: null });
    const ev = eventsFor(env.api, 'big');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: msg, source: { component: 'default-scheduler' } });

    const [a] = env.scheduler.attempts('default', 'big');
    expect(a).toMatchObject({ result: 'Unschedulable', numAllNodes: 3, evaluatedNodes: 3, feasibleNodes: 0, message: msg });
    expect(a.reasons).toEqual({ 'Insufficient cpu': 1, 'node(s) had untolerated taint {CriticalAddonsOnly: true}': 2 });
    expect(filterVerdicts(a, 'n1')).toMatchObject({ NodeUnschedulable: 'pass', TaintToleration: 'pass', NodeResourcesFit: 'Insufficient cpu', PodTopologySpread: 'skipped', InterPodAffinity: 'skipped' });
    expect(filterVerdicts(a, 'n2')).toMatchObject({ TaintToleration: 'node(s) had untolerated taint {CriticalAddonsOnly: true}', NodeResourcesFit: 'not run' });

    // It is retried after backoff; the same event is aggregated, not duplicated.
    env.clock.advance(1000);
    expect(getPod(env.api, 'big').spec.nodeName).toBeUndefined();
  });

  it('schedules an unschedulable pod once a node that fits is added', () => {
    const env = testEnv();
    addNode(env.api, { name: 'small', cpu: '1' });
    addPod(env.api, 'big', { cpu: '3' });
    settle(env);
    expect(env.scheduler.pending().unschedulablePods).toEqual(['default/big']);
    env.clock.advance(5000);
    addNode(env.api, { name: 'large', cpu: '8' });
    settle(env);
    expect(getPod(env.api, 'big').spec.nodeName).toBe('large');
    expect(env.scheduler.attempts('default', 'big').map((a) => a.result)).toEqual(['Unschedulable', 'Scheduled']);
  });

  it('honours taints and tolerations', () => {
    const env = testEnv();
    addNode(env.api, { name: 'gpu', taints: [{ key: 'sku', value: 'gpu', effect: 'NoSchedule' }] });
    addPod(env.api, 'plain');
    addPod(env.api, 'tolerant', { spec: { tolerations: [{ key: 'sku', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] } as any });
    settle(env);
    expect(getPod(env.api, 'tolerant').spec.nodeName).toBe('gpu');
    expect(getPod(env.api, 'plain').spec.nodeName).toBeUndefined();
    expect(scheduled(getPod(env.api, 'plain'))?.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {sku: gpu}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('honours nodeSelector and required node affinity', () => {
    const env = testEnv();
    addNode(env.api, { name: 'ssd', labels: { disk: 'ssd' } });
    addNode(env.api, { name: 'hdd', labels: { disk: 'hdd' } });
    addPod(env.api, 'sel', { spec: { nodeSelector: { disk: 'ssd' } } as any });
    addPod(env.api, 'aff', {
      spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] }] } } } } as any,
    });
    addPod(env.api, 'none', { spec: { nodeSelector: { disk: 'nvme' } } as any });
    settle(env);
    expect(getPod(env.api, 'sel').spec.nodeName).toBe('ssd');
    expect(getPod(env.api, 'aff').spec.nodeName).toBe('hdd');
    expect(scheduled(getPod(env.api, 'none'))?.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('prefers nodes by preferred node affinity', () => {
    const env = testEnv();
    for (let i = 0; i < 4; i++) addNode(env.api, { name: `n${i}`, labels: i === 2 ? { tier: 'fast' } : {} });
    addPod(env.api, 'p', {
      spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fast'] }] } }] } } } as any,
    });
    settle(env);
    expect(getPod(env.api, 'p').spec.nodeName).toBe('n2');
    const [a] = env.scheduler.attempts('default', 'p');
    const best = a.scores!.find((s) => s.node === 'n2')!;
    expect(best.plugins.find((p) => p.plugin === 'NodeAffinity')).toEqual({ plugin: 'NodeAffinity', raw: 100, normalized: 100, weighted: 200 });
  });

  it('keeps pods with required anti-affinity apart', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addNode(env.api, { name: 'n2' });
    const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } }] } } };
    for (let i = 0; i < 3; i++) addPod(env.api, `db-${i}`, { labels: { app: 'db' }, spec: anti as any });
    settle(env);
    const nodes = [0, 1, 2].map((i) => getPod(env.api, `db-${i}`).spec.nodeName);
    expect(nodes.slice(0, 2).sort()).toEqual(['n1', 'n2']);
    expect(nodes[2]).toBeUndefined();
    expect(scheduled(getPod(env.api, 'db-2'))?.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    // When one of them goes, the third is scheduled.
    env.api.delete('pods', 'default', 'db-0', { gracePeriodSeconds: 0 });
    settle(env, 10_000);
    expect(getPod(env.api, 'db-2').spec.nodeName).toBe(nodes[0]);
  });

  it('spreads over zones with a topology spread constraint', () => {
    const env = testEnv();
    addNode(env.api, { name: 'a1', labels: { 'topology.kubernetes.io/zone': 'eastus-1' } });
    addNode(env.api, { name: 'a2', labels: { 'topology.kubernetes.io/zone': 'eastus-1' } });
    addNode(env.api, { name: 'b1', labels: { 'topology.kubernetes.io/zone': 'eastus-2' } });
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    for (let i = 0; i < 4; i++) {
      addPod(env.api, `web-${i}`, { labels: { app: 'web' }, spec: spread as any });
      settle(env);
    }
    const zones = [0, 1, 2, 3].map((i) => (getPod(env.api, `web-${i}`).spec.nodeName!.startsWith('a') ? 'eastus-1' : 'eastus-2'));
    expect(zones.filter((z) => z === 'eastus-1')).toHaveLength(2);
    expect(zones.filter((z) => z === 'eastus-2')).toHaveLength(2);
  });

  it('rejects a pod whose PersistentVolumeClaim does not exist', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addNode(env.api, { name: 'n2' });
    addPod(env.api, 'stateful', { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] } as any });
    settle(env);
    expect(scheduled(getPod(env.api, 'stateful'))?.message).toBe(
      '0/2 nodes are available: persistentvolumeclaim "data-0" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
  });

  it('preempts lower-priority pods for a higher-priority one', () => {
    const env = testEnv();
    env.api.create('priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as any);
    addNode(env.api, { name: 'n1' });
    addPod(env.api, 'low', { cpu: '1500m' });
    settle(env);
    expect(getPod(env.api, 'low').spec.nodeName).toBe('n1');
    const high = addPod(env.api, 'high', { cpu: '1', spec: { priorityClassName: 'high' } as any });
    settle(env);
    let p = getPod(env.api, 'high');
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status?.nominatedNodeName).toBe('n1');
    expect(scheduled(p)?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    const victim = getPod(env.api, 'low');
    expect(victim.metadata.deletionTimestamp).toBeTruthy();
    expect(victim.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' });
    expect(eventsFor(env.api, 'low').find((e) => e.reason === 'Preempted')?.message).toBe(`Preempted by pod ${high.metadata.uid} on node n1`);

    // While the victim terminates the pod waits for a pod deletion among the unschedulable pods;
    // if another event (a node label change) retries it, it is not eligible to preempt again.
    env.clock.advance(1000);
    expect(env.scheduler.pending().unschedulablePods).toEqual(['default/high']);
    const node = deepClone(env.api.get('nodes', undefined, 'n1'));
    node.metadata.labels = { ...node.metadata.labels, touched: 'yes' };
    env.api.update('nodes', node);
    settle(env);
    expect(scheduled(getPod(env.api, 'high'))?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
    // The kubelet finishes the deletion; the preemptor lands on its nominated node.
    env.api.delete('pods', 'default', 'low', { gracePeriodSeconds: 0 });
    settle(env, 10_000);
    p = getPod(env.api, 'high');
    expect(p.spec.nodeName).toBe('n1');
  });

  it('does not preempt for a pod with preemptionPolicy Never', () => {
    const env = testEnv();
    env.api.create('priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high-nonpreempting' }, value: 1000, preemptionPolicy: 'Never' } as any);
    addNode(env.api, { name: 'n1' });
    addPod(env.api, 'low', { cpu: '1500m' });
    settle(env);
    addPod(env.api, 'high', { cpu: '1', spec: { priorityClassName: 'high-nonpreempting' } as any });
    settle(env);
    expect(scheduled(getPod(env.api, 'high'))?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    expect(getPod(env.api, 'low').metadata.deletionTimestamp).toBeUndefined();
  });

  it('ignores pods for other schedulers, and a stopped scheduler leaves pods Pending', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addPod(env.api, 'other', { spec: { schedulerName: 'my-scheduler' } as any });
    env.scheduler.stop();
    addPod(env.api, 'waiting');
    settle(env, 30_000);
    expect(env.scheduler.state).toBe('stopped');
    expect(getPod(env.api, 'waiting').spec.nodeName).toBeUndefined();
    expect(env.scheduler.pending().activeQ).toEqual(['default/waiting']);
    env.scheduler.resume();
    settle(env);
    expect(getPod(env.api, 'waiting').spec.nodeName).toBe('n1');
    expect(getPod(env.api, 'other').spec.nodeName).toBeUndefined();
  });

  it('can be single-stepped through the phases', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addNode(env.api, { name: 'n2' });
    env.scheduler.setStepping(true);
    addPod(env.api, 'p');
    settle(env);
    const seen = [env.scheduler.state];
    for (let i = 0; i < 6; i++) {
      env.scheduler.step();
      seen.push(env.scheduler.state);
    }
    expect(seen).toEqual(['idle', 'pop', 'filter', 'score', 'reserve', 'bind', 'idle']);
    expect(getPod(env.api, 'p').spec.nodeName).toBeTruthy();
  });

  it('walks only part of a big cluster, starting where the last walk stopped', () => {
    const env = testEnv({ freeze: false });
    for (let i = 0; i < 200; i++) addNode(env.api, { name: `n${i}` });
    addPod(env.api, 'a');
    addPod(env.api, 'b');
    settle(env);
    const [a] = env.scheduler.attempts('default', 'a');
    const [b] = env.scheduler.attempts('default', 'b');
    // 200 nodes: 50 - 1 = 49 % = 98, raised to the minimum of 100.
    expect(a).toMatchObject({ numAllNodes: 200, numNodesToFind: 100, evaluatedNodes: 100, feasibleNodes: 100, scoredNodes: 100, startIndex: 0 });
    expect(b.startIndex).toBe(100);
    expect(a.scores!.length).toBeLessThanOrEqual(11);
  });

  it('forgets the assumed pod and retries when the binding fails', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    env.scheduler.setStepping(true);
    addPod(env.api, 'p');
    settle(env);
    for (let i = 0; i < 4; i++) env.scheduler.step(); // pop, filter, score, reserve
    expect(env.scheduler.state).toBe('reserve');
    // Someone else binds it first.
    env.api.bind('default', 'p', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { name: 'n1' } } as any);
    env.scheduler.step(); // bind fails: Conflict
    env.scheduler.step();
    expect(env.scheduler.state).toBe('idle');
    const a = env.scheduler.attempts('default', 'p').at(-1)!;
    expect(a.result).toBe('Error');
    expect(a.message).toBe('running Bind plugin "DefaultBinder": Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "n1"');
    env.scheduler.setStepping(false);
    settle(env, 20_000);
    expect(env.scheduler.cache.isAssumed(getPod(env.api, 'p').metadata.uid!)).toBe(false);
    expect(env.scheduler.pending().backoffQ).toEqual([]);
  });

  it('is deterministic: the same inputs place pods on the same nodes', () => {
    const run = () => {
      const env = testEnv();
      for (let i = 0; i < 5; i++) addNode(env.api, { name: `n${i}` });
      for (let i = 0; i < 12; i++) addPod(env.api, `p${i}`, { cpu: '100m' });
      settle(env);
      return Array.from({ length: 12 }, (_, i) => getPod(env.api, `p${i}`).spec.nodeName);
    };
    expect(run()).toEqual(run());
  });

  it('moves pods back when a node changes (a cordoned node is uncordoned)', () => {
    const env = testEnv();
    const node = addNode(env.api, { name: 'n1', unschedulable: true });
    addPod(env.api, 'p');
    settle(env);
    expect(scheduled(getPod(env.api, 'p'))?.message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    const obj = deepClone(env.api.get('nodes', undefined, node.metadata.name!));
    obj.spec.unschedulable = false;
    env.api.update('nodes', obj);
    settle(env, 2000);
    expect(getPod(env.api, 'p').spec.nodeName).toBe('n1');
  });

  it('says so when there are no nodes at all, and retries after backoff', () => {
    const env = testEnv();
    addPod(env.api, 'p');
    settle(env);
    expect(scheduled(getPod(env.api, 'p'))).toMatchObject({ status: 'False', reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
    expect(env.scheduler.pending().backoffQ).toEqual(['default/p']);
    addNode(env.api, { name: 'n1' });
    settle(env, 1000);
    expect(getPod(env.api, 'p').spec.nodeName).toBe('n1');
  });

  it('traces every phase of a cycle', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addNode(env.api, { name: 'n2' });
    const phases: string[] = [];
    env.trace.subscribe((e) => {
      if (e.type === 'schedule-phase') phases.push(e.phase);
      if (e.type === 'schedule') phases.push(`${e.result} ${e.node}`);
    });
    addPod(env.api, 'p');
    settle(env);
    expect(phases).toEqual(['pop', 'filter', 'score', 'reserve', 'bind', `scheduled ${getPod(env.api, 'p').spec.nodeName}`]);
  });
});
