// Table-driven tests of each plugin's Filter verdicts and Score formulas, against hand-computed
// expectations (NodeInfo/PodInfo built directly, no API server).

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../api/types';
import { SchedulerCache } from '../cache';
import { CycleState, type Status } from '../framework';
import { NodeInfo } from '../nodeinfo';
import { PodInfo } from '../podinfo';
import { balancedResourceScore, BalancedAllocation } from './balancedallocation';
import { ImageLocality } from './imagelocality';
import { InterPodAffinity } from './interpodaffinity';
import { NodeAffinity } from './nodeaffinity';
import { NodeName } from './nodename';
import { NodePorts } from './nodeports';
import { leastRequestedScore, NodeResourcesFit } from './noderesourcesfit';
import { NodeUnschedulable } from './nodeunschedulable';
import { PodTopologySpread } from './podtopologyspread';
import { TaintToleration } from './tainttoleration';
import { VolumeBinding } from './volumebinding';

let uid = 0;
function mkNode(name: string, o: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: Node['spec']['taints']; unschedulable?: boolean; images?: { names: string[]; sizeBytes: number }[] } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable: { cpu: o.cpu ?? '1900m', memory: o.memory ?? '5.3Gi', pods: o.pods ?? '110' }, images: o.images },
  };
}
function nodeInfo(name: string, o: Parameters<typeof mkNode>[1] = {}): NodeInfo {
  const ni = new NodeInfo(name);
  ni.setNode(mkNode(name, o));
  return ni;
}
function mkPod(o: { name?: string; namespace?: string; cpu?: string; memory?: string; labels?: Record<string, string>; spec?: Partial<Pod['spec']>; nodeName?: string } = {}): Pod {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  uid++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name ?? `p${uid}`, namespace: o.namespace ?? 'default', uid: `uid-${uid}`, labels: o.labels },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests } }], nodeName: o.nodeName, ...(o.spec ?? {}) },
  };
}
const pi = (o: Parameters<typeof mkPod>[0] = {}) => new PodInfo(mkPod(o));
const verdict = (s: Status | null) => (s ? `${s.code}: ${s.reasons.join(', ')}` : 'pass');

describe('NodeUnschedulable', () => {
  const p = new NodeUnschedulable();
  it.each([
    ['schedulable node', {}, undefined, 'pass'],
    ['cordoned node', { unschedulable: true }, undefined, "UnschedulableAndUnresolvable: node(s) were unschedulable"],
    ['cordoned node, pod tolerates it', { unschedulable: true }, [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' as const, effect: 'NoSchedule' as const }], 'pass'],
  ])('%s', (_, n, tolerations, want) => {
    expect(verdict(p.filter(null, pi({ spec: { tolerations } }), nodeInfo('n', n)))).toBe(want);
  });
});

describe('NodeName', () => {
  it('only the named node fits', () => {
    const p = new NodeName();
    const pod = pi({ nodeName: 'a' });
    expect(verdict(p.filter(null, pod, nodeInfo('a')))).toBe('pass');
    expect(verdict(p.filter(null, pod, nodeInfo('b')))).toBe("UnschedulableAndUnresolvable: node(s) didn't match the requested node name");
  });
});

describe('TaintToleration', () => {
  const p = new TaintToleration();
  const dedicated = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const };
  it.each([
    ['no taints', [], [], 'pass'],
    ['untolerated NoSchedule', [dedicated], [], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}'],
    ['CriticalAddonsOnly', [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' as const }], [], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {CriticalAddonsOnly: true}'],
    ['empty value', [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' as const }], [], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/unreachable: }'],
    ['tolerated with Equal', [dedicated], [{ key: 'dedicated', operator: 'Equal' as const, value: 'gpu', effect: 'NoSchedule' as const }], 'pass'],
    ['Equal with another value', [dedicated], [{ key: 'dedicated', value: 'cpu' }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}'],
    ['tolerated with Exists', [dedicated], [{ key: 'dedicated', operator: 'Exists' as const }], 'pass'],
    ['wildcard Exists tolerates all', [dedicated], [{ operator: 'Exists' as const }], 'pass'],
    ['other effect', [dedicated], [{ key: 'dedicated', operator: 'Exists' as const, effect: 'NoExecute' as const }], 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: gpu}'],
    ['PreferNoSchedule does not filter', [{ key: 'soft', effect: 'PreferNoSchedule' as const }], [], 'pass'],
  ])('filter: %s', (_, taints, tolerations, want) => {
    expect(verdict(p.filter(new CycleState(), pi({ spec: { tolerations } }), nodeInfo('n', { taints })))).toBe(want);
  });

  it('scores intolerable PreferNoSchedule taints, reversed', () => {
    const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' as const });
    const nodes = [nodeInfo('a'), nodeInfo('b', { taints: [soft('x')] }), nodeInfo('c', { taints: [soft('x'), soft('y')] }), nodeInfo('d', { taints: [soft('x'), soft('z')] })];
    const pod = pi({ spec: { tolerations: [{ key: 'z', operator: 'Exists' }] } });
    const state = new CycleState();
    p.preScore(state, pod);
    const scores = Float64Array.from(nodes.map((n) => p.score(state, pod, n)));
    expect([...scores]).toEqual([0, 1, 2, 1]);
    p.normalize(state, pod, scores);
    expect([...scores]).toEqual([100, 50, 0, 50]);
  });
});

describe('NodeAffinity', () => {
  const p = new NodeAffinity();
  const run = (spec: Partial<Pod['spec']>, labels: Record<string, string>, name = 'n1') => {
    const state = new CycleState();
    const pod = pi({ spec });
    const pre = p.preFilter(state, pod);
    if (pre?.status?.code === 'Skip') return 'pass (skipped)';
    return verdict(p.filter(state, pod, nodeInfo(name, { labels })));
  };
  const req = (...matchExpressions: any[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } } });
  const FAIL = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
  it.each([
    ['no selector', {}, {}, 'pass (skipped)'],
    ['nodeSelector matches', { nodeSelector: { disk: 'ssd' } }, { disk: 'ssd' }, 'pass'],
    ['nodeSelector mismatch', { nodeSelector: { disk: 'ssd' } }, { disk: 'hdd' }, FAIL],
    ['nodeSelector label missing', { nodeSelector: { disk: 'ssd' } }, {}, FAIL],
    ['In', req({ key: 'zone', operator: 'In', values: ['a', 'b'] }), { zone: 'b' }, 'pass'],
    ['NotIn', req({ key: 'zone', operator: 'NotIn', values: ['a'] }), { zone: 'a' }, FAIL],
    ['Exists', req({ key: 'gpu', operator: 'Exists' }), {}, FAIL],
    ['DoesNotExist', req({ key: 'gpu', operator: 'DoesNotExist' }), {}, 'pass'],
    ['Gt', req({ key: 'cores', operator: 'Gt', values: ['4'] }), { cores: '8' }, 'pass'],
    ['Lt', req({ key: 'cores', operator: 'Lt', values: ['4'] }), { cores: '8' }, FAIL],
  ])('filter: %s', (_, spec, labels, want) => {
    expect(run(spec as Partial<Pod['spec']>, labels)).toBe(want);
  });

  it('narrows the nodes for a metadata.name field affinity (DaemonSet pods)', () => {
    const state = new CycleState();
    const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In' as const, values: ['n2'] }] }] } } } };
    const pod = pi({ spec });
    expect(p.preFilter(state, pod)?.result?.nodeNames).toEqual(new Set(['n2']));
    expect(verdict(p.filter(state, pod, nodeInfo('n1')))).toBe(FAIL);
    expect(verdict(p.filter(state, pod, nodeInfo('n2')))).toBe('pass');
  });

  it('scores the weights of matching preferred terms, normalized', () => {
    const spec = {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In' as const, values: ['ssd'] }] } },
            { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In' as const, values: ['a'] }] } },
          ],
        },
      },
    };
    const pod = pi({ spec });
    const state = new CycleState();
    expect(p.preScore(state, pod)).toBeNull();
    const nodes = [nodeInfo('a', { labels: { disk: 'ssd', zone: 'a' } }), nodeInfo('b', { labels: { disk: 'ssd' } }), nodeInfo('c', { labels: { zone: 'a' } }), nodeInfo('d')];
    const scores = Float64Array.from(nodes.map((n) => p.score(state, pod, n)));
    expect([...scores]).toEqual([100, 80, 20, 0]);
    p.normalize(state, pod, scores);
    expect([...scores]).toEqual([100, 80, 20, 0]);
    expect(p.preScore(new CycleState(), pi())?.code).toBe('Skip');
  });
});

describe('NodePorts', () => {
  const p = new NodePorts();
  const withPort = (port: number, protocol = 'TCP', hostIP?: string) => pi({ spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: port, protocol, hostIP }] }] } });
  const FAIL = "Unschedulable: node(s) didn't have free ports for the requested pod ports";
  it.each([
    ['free port', withPort(8080), withPort(8081), 'pass'],
    ['same port', withPort(8080), withPort(8080), FAIL],
    ['same port, other protocol', withPort(8080, 'UDP'), withPort(8080), 'pass'],
    ['specific IP vs 0.0.0.0', withPort(8080, 'TCP', '10.0.0.1'), withPort(8080), FAIL],
    ['two specific IPs', withPort(8080, 'TCP', '10.0.0.1'), withPort(8080, 'TCP', '10.0.0.2'), 'pass'],
  ])('%s', (_, existing, incoming, want) => {
    const n = nodeInfo('n');
    n.addPod(existing);
    expect(verdict(p.filter(new CycleState(), incoming, n))).toBe(want);
  });
  it('skips pods without host ports', () => {
    expect(p.preFilter(new CycleState(), pi())?.status?.code).toBe('Skip');
  });
});

describe('NodeResourcesFit', () => {
  const p = new NodeResourcesFit();
  it.each([
    ['fits', { cpu: '500m', memory: '1Gi' }, {}, 'pass'],
    ['too much cpu', { cpu: '2' }, {}, 'Unschedulable: Insufficient cpu'],
    ['too much memory', { memory: '6Gi' }, {}, 'Unschedulable: Insufficient memory'],
    ['both', { cpu: '2', memory: '6Gi' }, {}, 'Unschedulable: Insufficient cpu, Insufficient memory'],
    ['pod count', {}, { pods: '1' }, 'Unschedulable: Too many pods'],
    ['pod count and cpu', { cpu: '2' }, { pods: '1' }, 'Unschedulable: Too many pods, Insufficient cpu'],
  ])('filter: %s', (_, req, node, want) => {
    const n = nodeInfo('n', node);
    n.addPod(pi({ cpu: '100m', memory: '100Mi' }));
    expect(verdict(p.filter(new CycleState(), pi(req), n))).toBe(want);
  });

  it('counts what is already requested on the node (assumed pods too)', () => {
    const n = nodeInfo('n'); // 1900m
    n.addPod(pi({ cpu: '1500m' }));
    expect(verdict(p.filter(new CycleState(), pi({ cpu: '500m' }), n))).toBe('Unschedulable: Insufficient cpu');
    expect(verdict(p.filter(new CycleState(), pi({ cpu: '400m' }), n))).toBe('pass');
  });

  // A 1900m / 5.3Gi node (5.3Gi = 5690831668 bytes, rounded up).
  it.each([
    // cpu (1900-500)*100/1900 = 73; memory (5690831668-1073741824)*100/5690831668 = 81; (73+81)/2 = 77
    ['500m / 1Gi', { cpu: '500m', memory: '1Gi' }, [], 77],
    // no requests count as 100m / 200Mi: cpu 94, memory 96 -> 95
    ['no requests', {}, [], 95],
    // 500m already requested + 500m: cpu (1900-1000)*100/1900 = 47; memory 200Mi+200Mi: 92 -> 69
    ['500m requested on the node', { cpu: '500m' }, [{ cpu: '500m' }], 69],
  ])('LeastAllocated: %s', (_, req, existing, want) => {
    const n = nodeInfo('n');
    for (const e of existing) n.addPod(pi(e));
    expect(p.score(new CycleState(), pi(req), n)).toBe(want);
  });

  it('leastRequestedScore', () => {
    expect(leastRequestedScore(500, 1900)).toBe(73);
    expect(leastRequestedScore(2000, 1900)).toBe(0);
    expect(leastRequestedScore(0, 0)).toBe(0);
  });
});

describe('NodeResourcesBalancedAllocation', () => {
  it.each([
    // fractions 500/1900 = 0.2632 and 1Gi/5.3Gi = 0.1887: std 0.0372 -> 96
    ['500m / 1Gi', { cpu: '500m', memory: '1Gi' }, 96],
    // no requests: both fractions 0 -> 100 (requests as declared, no defaults)
    ['best effort', {}, 100],
    // 1900m / 0: fractions 1 and 0: std 0.5 -> 50
    ['all cpu', { cpu: '1900m' }, 50],
  ])('%s', (_, req, want) => {
    expect(new BalancedAllocation().score(new CycleState(), pi(req), nodeInfo('n'))).toBe(want);
  });
  it('uses the standard deviation for more than two resources', () => {
    // fractions 0.2, 0.4, 0.6: mean 0.4, std sqrt(0.08/3) = 0.1633 -> 83
    expect(balancedResourceScore([2, 4, 6], [10, 10, 10])).toBe(83);
  });
});

describe('ImageLocality', () => {
  const mb = 1024 * 1024;
  it.each([
    ['image on half the nodes', [{ names: ['docker.io/library/nginx:1.27', 'nginx:1.27'], sizeBytes: 500 * mb }], 1, 2, 23],
    ['image on every node', [{ names: ['nginx:1.27'], sizeBytes: 500 * mb }], 2, 2, 48],
    ['small image', [{ names: ['nginx:1.27'], sizeBytes: 10 * mb }], 2, 2, 0],
    ['no image', [], 0, 2, 0],
  ])('%s', (_, images, have, total, want) => {
    const p = new ImageLocality(() => have, () => total);
    const pod = pi();
    const state = new CycleState();
    p.preScore(state, pod);
    expect(p.score(state, pod, nodeInfo('n', { images }))).toBe(want);
  });
});

describe('VolumeBinding', () => {
  it('rejects a pod whose claim does not exist, in PreFilter', () => {
    const p = new VolumeBinding({ pvc: () => undefined, pv: () => undefined, storageClass: () => undefined });
    const pod = pi({ spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }] } });
    const r = p.preFilter(new CycleState(), pod);
    expect(r?.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: ['persistentvolumeclaim "data-0" not found'] });
    expect(p.preFilter(new CycleState(), pi())?.status?.code).toBe('Skip');
  });
});

describe('PodTopologySpread and InterPodAffinity (through the cache)', () => {
  function cluster() {
    const cache = new SchedulerCache();
    for (const [name, zone] of [['a1', 'a'], ['a2', 'a'], ['b1', 'b']]) cache.addNode(mkNode(name, { labels: { 'topology.kubernetes.io/zone': zone } }));
    return cache;
  }
  const place = (cache: SchedulerCache, node: string, labels: Record<string, string>, spec: Partial<Pod['spec']> = {}) => cache.addPod(mkPod({ labels, nodeName: node, spec }));

  it('filters nodes whose zone would exceed maxSkew', () => {
    const cache = cluster();
    place(cache, 'a1', { app: 'web' });
    place(cache, 'a2', { app: 'web' });
    const p = new PodTopologySpread(cache, () => null);
    const pod = pi({ labels: { app: 'web' }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] } });
    const state = new CycleState();
    expect(p.preFilter(state, pod, cache)).toBeNull();
    // zone a has 2, zone b 0: a node in a gives skew 3 > 1
    expect(cache.nodes.map((n) => verdict(p.filter(state, pod, n)))).toEqual([
      "Unschedulable: node(s) didn't match pod topology spread constraints",
      "Unschedulable: node(s) didn't match pod topology spread constraints",
      'pass',
    ]);
  });

  it('rejects nodes without the topology label', () => {
    const cache = cluster();
    cache.addNode(mkNode('x1'));
    const p = new PodTopologySpread(cache, () => null);
    const pod = pi({ labels: { app: 'web' }, spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] } });
    const state = new CycleState();
    p.preFilter(state, pod, cache);
    expect(verdict(p.filter(state, pod, cache.get('x1')!))).toBe("UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)");
  });

  it('scores fewer matching pods higher (system default spreading for owned pods)', () => {
    const cache = cluster();
    place(cache, 'a1', { app: 'web' });
    place(cache, 'a1', { app: 'web' });
    place(cache, 'a2', { app: 'web' });
    const selector = [{ key: 'app', operator: 'In' as const, values: ['web'] }];
    const p = new PodTopologySpread(cache, () => selector);
    const pod = pi({ labels: { app: 'web' } });
    const state = new CycleState();
    const nodes = cache.nodes;
    expect(p.preScore(state, pod, nodes, cache)).toBeNull();
    // hostname (maxSkew 3): weight ln(3+2); zone (maxSkew 5): weight ln(2+2)
    // a1: 2*ln5 + 2 + 3*ln4 + 4 = 13.38 -> 13; a2: 1*ln5 + 2 + 3*ln4 + 4 = 11.77 -> 12; b1: 0 + 2 + 0 + 4 = 6
    const scores = Float64Array.from(nodes.map((n) => p.score(state, pod, n)));
    expect([...scores]).toEqual([13, 12, 6]);
    p.normalize(state, pod, scores, nodes);
    // 100 * (max + min - s) / max: a1 (13+6-13)*100/13 = 46, a2 53, b1 100
    expect([...scores]).toEqual([46, 53, 100]);
    // nothing to score against an empty cluster, nor without a selector
    expect(p.preScore(new CycleState(), pi({ labels: { app: 'web' } }), nodes, new SchedulerCache())?.code).toBe('Skip');
    expect(new PodTopologySpread(cache, () => null).preScore(new CycleState(), pod, nodes, cache)?.code).toBe('Skip');
  });

  it('inter-pod affinity and anti-affinity filters', () => {
    const cache = cluster();
    place(cache, 'a1', { app: 'db' });
    place(cache, 'b1', { app: 'cache' }, { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } } });
    const p = new InterPodAffinity(cache);
    const run = (pod: PodInfo) => {
      const state = new CycleState();
      const pre = p.preFilter(state, pod, cache);
      if (pre?.status?.code === 'Skip') return cache.nodes.map(() => 'pass (skipped)');
      return cache.nodes.map((n) => verdict(p.filter(state, pod, n)));
    };
    const term = (app: string, topologyKey = 'topology.kubernetes.io/zone') => [{ topologyKey, labelSelector: { matchLabels: { app } } }];
    // affinity to db (zone a): only zone a nodes
    expect(run(pi({ labels: { app: 'x' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term('db') } } } }))).toEqual([
      'pass',
      'pass',
      "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules",
    ]);
    // anti-affinity to db per zone: not zone a
    expect(run(pi({ labels: { app: 'x' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term('db') } } } }))).toEqual([
      "Unschedulable: node(s) didn't match pod anti-affinity rules",
      "Unschedulable: node(s) didn't match pod anti-affinity rules",
      'pass',
    ]);
    // the cache pod on b1 keeps web pods off b1
    expect(run(pi({ labels: { app: 'web' } }))).toEqual(['pass', 'pass', "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules"]);
    // nothing to do for a plain pod
    expect(run(pi({ labels: { app: 'other' } }))).toEqual(['pass (skipped)', 'pass (skipped)', 'pass (skipped)']);
    // the first pod of a self-affine group may go anywhere with the label
    expect(run(pi({ labels: { app: 'new' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: term('new') } } } }))).toEqual(['pass', 'pass', 'pass']);
  });

  it('inter-pod affinity scores preferred terms, min-max normalized', () => {
    const cache = cluster();
    place(cache, 'a1', { app: 'db' });
    const p = new InterPodAffinity(cache);
    const pod = pi({ spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } } } }] } } } });
    const state = new CycleState();
    expect(p.preScore(state, pod, cache.nodes, cache)).toBeNull();
    const scores = Float64Array.from(cache.nodes.map((n) => p.score(state, pod, n)));
    expect([...scores]).toEqual([50, 0, 0]);
    p.normalize(state, pod, scores);
    expect([...scores]).toEqual([100, 0, 0]);
  });
});
