// The explainer against real attempts of the scheduler on a bare API server (nodes by hand).

import { describe, expect, it } from 'vitest';
import type { SchedulingAttempt } from './attempt';
import { explainAttempt, summarize } from './explain';
import { addNode, addPod, getPod, settle, testEnv } from './testenv';

/** Three 1900m nodes with 1600m, 1700m and 1800m already requested: 300m, 200m, 100m free. */
function fullCluster() {
  const env = testEnv();
  ['n1', 'n2', 'n3'].forEach((name, i) => {
    addNode(env.api, { name });
    addPod(env.api, `filler-${name}`, { cpu: `${1600 + 100 * i}m`, spec: { nodeName: name } as any });
  });
  settle(env);
  return env;
}

const INSUFFICIENT_CPU_3 = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';

describe('explain: a pod that fits nowhere', () => {
  it('says what every node lacks and where the most is free, then quotes kube-scheduler', () => {
    const env = fullCluster();
    addPod(env.api, 'big', { cpu: '500m' });
    settle(env);
    const [e] = env.scheduler.explain('default', 'big');
    expect(e.result).toBe('Unschedulable');
    expect(e.message).toBe(INSUFFICIENT_CPU_3);
    expect(e.summary).toBe(`Pending because every node lacks 500m CPU; the largest free is 300m on n1. kube-scheduler: "${INSUFFICIENT_CPU_3}"`);
    expect(e.nodes.map((n) => [n.node, n.verdict, n.plugin, n.reason])).toEqual([
      ['n1', 'rejected', 'NodeResourcesFit', 'Insufficient cpu'],
      ['n2', 'rejected', 'NodeResourcesFit', 'Insufficient cpu'],
      ['n3', 'rejected', 'NodeResourcesFit', 'Insufficient cpu'],
    ]);
    expect(e.nodes[0].filters).toMatchObject({ NodeUnschedulable: 'pass', TaintToleration: 'pass', NodeResourcesFit: 'Insufficient cpu', VolumeBinding: 'skipped', PodTopologySpread: 'skipped' });
    expect(e).toMatchObject({ numAllNodes: 3, evaluatedNodes: 3, feasibleNodes: 0, numNodesToFind: 3, winner: undefined });
  });

  it('memory: the same, in binary units', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1', memory: '1Gi' });
    addNode(env.api, { name: 'n2', memory: '2Gi' });
    addPod(env.api, 'm', { memory: '3Gi' });
    settle(env);
    const [e] = env.scheduler.explain('default', 'm');
    expect(e.summary).toMatch(/^Pending because every node lacks 3Gi memory; the largest free is 2Gi on n2\. kube-scheduler: "0\/2 nodes are available: 2 Insufficient memory\./);
  });

  it('mixed reasons: counts per reason, the free figure among the nodes short of it', () => {
    const env = testEnv();
    addNode(env.api, { name: 'small', cpu: '1' });
    const taints = [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' as const }];
    addNode(env.api, { name: 'sys1', cpu: '8', taints });
    addNode(env.api, { name: 'sys2', cpu: '8', taints });
    addPod(env.api, 'big', { cpu: '2' });
    settle(env);
    const [e] = env.scheduler.explain('default', 'big');
    // The tainted nodes have 8 cores free, but the CPU figure is about the node that lacked CPU.
    expect(e.summary).toBe(
      'Pending because no node passed the filters: 1 node lacks 2 CPU, the largest free is 1 on small; 2 nodes had untolerated taint {CriticalAddonsOnly: true}. ' +
        'kube-scheduler: "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {CriticalAddonsOnly: true}. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling."',
    );
    expect(e.nodes.find((n) => n.node === 'sys1')).toMatchObject({ verdict: 'rejected', plugin: 'TaintToleration', filters: { TaintToleration: 'node(s) had untolerated taint {CriticalAddonsOnly: true}', NodeResourcesFit: 'not run' } });
  });

  it('keeps every attempt, numbered, until the pod is scheduled', () => {
    const env = fullCluster();
    addPod(env.api, 'big', { cpu: '500m' });
    settle(env);
    // Unschedulable pods are retried every 5 minutes (podMaxInUnschedulablePodsDuration, checked every 30 s).
    for (let i = 0; i < 8; i++) env.clock.advance(330_000);
    env.api.delete('pods', 'default', 'filler-n1', { gracePeriodSeconds: 0 });
    settle(env, 20_000);
    const attempts = env.scheduler.explain('default', 'big');
    expect(attempts.length).toBeGreaterThanOrEqual(9);
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(attempts.at(-1)!.result).toBe('Scheduled');
    expect(attempts.slice(0, -1).every((a) => a.result === 'Unschedulable' && a.message === INSUFFICIENT_CPU_3)).toBe(true);
    expect(getPod(env.api, 'big').spec.nodeName).toBe('n1');
  });
});

describe('explain: a pod that fits', () => {
  it('names the winner, its total and each plugin, and the runner-up', () => {
    const env = testEnv();
    addNode(env.api, { name: 'busy' });
    addNode(env.api, { name: 'idle' });
    addPod(env.api, 'filler', { cpu: '950m', memory: '1Gi', spec: { nodeName: 'busy' } as any });
    settle(env);
    addPod(env.api, 'web', { cpu: '100m', memory: '256Mi' });
    settle(env);
    const [e] = env.scheduler.explain('default', 'web');
    expect(e.result).toBe('Scheduled');
    expect(e.winner).toBe('idle');
    expect(e.message).toBe('Successfully assigned default/web to idle');
    const win = e.nodes.find((n) => n.node === 'idle')!;
    const other = e.nodes.find((n) => n.node === 'busy')!;
    expect(win.verdict).toBe('winner');
    expect(other.verdict).toBe('feasible');
    expect(win.total).toBeGreaterThan(other.total!);
    // Totals: idle 300 + 94 + 99 + 0 = 493, busy 300 + 59 + 84 + 0 = 443 (scores.test.ts has the arithmetic).
    expect(e.summary).toBe(
      'Scheduled on idle: it scored highest, 493 (TaintToleration 300 (100×3), NodeResourcesFit 94, NodeResourcesBalancedAllocation 99, ImageLocality 0); next was busy with 443, behind mostly on NodeResourcesFit.',
    );
  });

  it('one feasible node: nothing to score, and why the others were rejected', () => {
    const env = testEnv();
    addNode(env.api, { name: 'ok' });
    addNode(env.api, { name: 'cordoned', unschedulable: true });
    addPod(env.api, 'p');
    settle(env);
    const [e] = env.scheduler.explain('default', 'p');
    expect(e.summary).toBe('Scheduled on ok: it was the only node that passed the filters (1 node rejected: 1 node(s) were unschedulable), so there was nothing to score.');
    expect(e.nodes.find((n) => n.node === 'cordoned')).toMatchObject({ verdict: 'rejected', plugin: 'NodeUnschedulable' });
  });
});

describe('summarize: the rarer cases', () => {
  const base: SchedulingAttempt = {
    pod: 'default/p', uid: 'u', attempt: 1, at: 0, cycle: 1, result: 'Unschedulable', numAllNodes: 0, evaluatedNodes: 0, feasibleNodes: 0, numNodesToFind: 0,
    startIndex: 0, filterPlugins: [], skippedFilterPlugins: [], reasons: {}, scorePlugins: [], skippedScorePlugins: [], scoredNodes: 0,
  };
  it('no nodes at all', () => {
    expect(summarize({ ...base, message: 'no nodes available to schedule pods' })).toBe('Pending because the cluster has no nodes yet. kube-scheduler: "no nodes available to schedule pods"');
  });
  it('a bind error', () => {
    expect(summarize({ ...base, result: 'Error', node: 'n1', bindError: 'pods "p" not found' })).toBe('Binding to n1 failed (pods "p" not found); the pod went back to the scheduling queue for another attempt.');
  });
  it('preemption nominates a node', () => {
    const a: SchedulingAttempt = { ...base, numAllNodes: 1, evaluatedNodes: 1, reasons: { 'Insufficient cpu': 1 }, preemption: { nominatedNode: 'n1', victims: ['default/low'] }, message: 'm' };
    expect(summarize(a, { requests: { milliCPU: 1000, memory: 0 } })).toBe(
      'Pending because every node lacks 1 CPU. Preemption makes room on n1 by evicting a lower-priority pod (default/low); the pod is nominated there and tried again. kube-scheduler: "m"',
    );
  });
  it('the percentage of nodes to score, in a big cluster', () => {
    const a: SchedulingAttempt = { ...base, result: 'Scheduled', node: 'n7', numAllNodes: 200, evaluatedNodes: 100, feasibleNodes: 100, numNodesToFind: 100, scoredNodes: 100,
      scorePlugins: [{ name: 'NodeResourcesFit', weight: 1 }], scores: [{ node: 'n7', total: 90, plugins: [{ plugin: 'NodeResourcesFit', raw: 90, normalized: 90, weighted: 90 }] }, { node: 'n8', total: 80, plugins: [{ plugin: 'NodeResourcesFit', raw: 80, normalized: 80, weighted: 80 }] }] };
    const e = explainAttempt(a);
    expect(e.summary).toBe('Scheduled on n7: it scored highest, 90 (NodeResourcesFit 90); next was n8 with 80, behind mostly on NodeResourcesFit. The scheduler looked at 100 of 200 nodes: it stops once it has found 100 feasible nodes (percentageOfNodesToScore).');
    expect(e.nodes.map((n) => n.verdict)).toEqual(['winner', 'feasible']);
  });
});

describe('the attempt record stays bounded', () => {
  it('per pod: the first attempt and the latest ones; cluster-wide: whole pods, first recorded first', () => {
    const env = fullCluster();
    env.scheduler.attemptLimits.perPod = 3;
    addPod(env.api, 'big', { cpu: '500m' });
    settle(env);
    for (let i = 0; i < 5; i++) env.clock.advance(330_000);
    const nums = env.scheduler.attempts('default', 'big').map((a) => a.attempt);
    expect(nums).toHaveLength(3);
    expect(nums[0]).toBe(1);
    expect(nums[2]).toBeGreaterThanOrEqual(5);

    env.scheduler.attemptLimits.pods = 2;
    addPod(env.api, 'a', { cpu: '10m' });
    addPod(env.api, 'b', { cpu: '10m' });
    settle(env);
    // The fillers were bound by hand (no attempts): big went first, then a; b remains with a.
    expect(env.scheduler.attempts('default', 'big')).toEqual([]);
    expect(env.scheduler.attempts('default', 'a')).toHaveLength(1);
    expect(env.scheduler.attempts('default', 'b')).toHaveLength(1);
  });

  it('per-node detail: the most recent attempts keep it, older ones are marked', () => {
    const env = fullCluster();
    env.scheduler.attemptLimits.detailRecords = 7; // a failed attempt on 3 nodes costs 3
    addPod(env.api, 'big', { cpu: '500m' });
    settle(env);
    for (let i = 0; i < 4; i++) env.clock.advance(330_000);
    const list = env.scheduler.explain('default', 'big');
    expect(list.length).toBeGreaterThanOrEqual(4);
    expect(list.slice(0, -2).every((e) => e.detailDropped && e.nodes.length === 0)).toBe(true);
    expect(list.slice(-2).every((e) => !e.detailDropped && e.nodes.length === 3)).toBe(true);
  });
});
