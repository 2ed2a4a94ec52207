// The scores the scheduler records (and the explainer shows) follow kube-scheduler's formulas:
// table-driven, through a real scheduling cycle, with each expectation computed by hand in the
// comments (pkg/scheduler/framework/plugins/..., v1.32). Default weights: TaintToleration 3,
// NodeAffinity 2, NodeResourcesFit 1, PodTopologySpread 2, InterPodAffinity 2,
// NodeResourcesBalancedAllocation 1, ImageLocality 1. MaxNodeScore 100; Go's integer division
// truncates, and float64 -> int64 conversions truncate too.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { addNode, addPod, settle, testEnv, type NodeSpec } from '../testenv';

interface Row {
  name: string;
  nodes: NodeSpec[];
  /** Pods already bound to a node (by spec.nodeName). */
  existing?: { node: string; cpu?: string; memory?: string; labels?: Record<string, string> }[];
  pod: { cpu?: string; memory?: string; labels?: Record<string, string>; spec?: Partial<Pod['spec']> };
  plugin: string;
  /** node -> [raw, normalized, weighted] */
  want: Record<string, [number, number, number]>;
}

const zone = (name: string, z: string, extra: Partial<NodeSpec> = {}): NodeSpec => ({ name, labels: { 'topology.kubernetes.io/zone': z }, ...extra });
const MiB = 1024 * 1024;

const rows: Row[] = [
  {
    // Nodes 1900m / 5Gi (5120Mi). leastRequestedScore = (alloc - req) * 100 / alloc, on the node's
    // NonZeroRequested plus the pod's request; the score is the average over cpu and memory.
    name: 'NodeResourcesFit, LeastAllocated',
    nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }],
    existing: [
      { node: 'n1', cpu: '950m', memory: '1Gi' },
      { node: 'n3', cpu: '1500m', memory: '4Gi' },
    ],
    pod: { cpu: '100m', memory: '256Mi' },
    plugin: 'NodeResourcesFit',
    want: {
      // cpu (1900-1050)*100/1900 = 44.7 -> 44; mem (5120-1280)*100/5120 = 75; (44+75)/2 = 59.5 -> 59
      n1: [59, 59, 59],
      // cpu (1900-100)*100/1900 = 94.7 -> 94; mem (5120-256)*100/5120 = 95; (94+95)/2 -> 94
      n2: [94, 94, 94],
      // cpu (1900-1600)*100/1900 = 15.8 -> 15; mem (5120-4352)*100/5120 = 15; -> 15
      n3: [15, 15, 15],
    },
  },
  {
    // A pod without requests counts 100m cpu and 200Mi memory (the non-zero defaults) for scoring.
    name: 'NodeResourcesFit, LeastAllocated, non-zero defaults',
    nodes: [{ name: 'n1' }, { name: 'n2' }],
    existing: [{ node: 'n1', cpu: '950m', memory: '1Gi' }],
    pod: {},
    plugin: 'NodeResourcesFit',
    want: {
      // cpu (1900-1050)*100/1900 = 44.7 -> 44; mem (5120-1224)*100/5120 = 76.1 -> 76; (44+76)/2 = 60
      n1: [60, 60, 60],
      // cpu (1900-100)*100/1900 -> 94; mem (5120-200)*100/5120 = 96.1 -> 96; (94+96)/2 = 95
      n2: [95, 95, 95],
    },
  },
  {
    // fraction_r = min(1, (requested + pod) / alloc), requests as declared; with two resources
    // std = |f_cpu - f_mem| / 2; score = trunc((1 - std) * 100).
    name: 'NodeResourcesBalancedAllocation',
    nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n3' }],
    existing: [
      { node: 'n1', cpu: '950m', memory: '1Gi' },
      { node: 'n3', cpu: '1500m', memory: '4Gi' },
    ],
    pod: { cpu: '100m', memory: '256Mi' },
    plugin: 'NodeResourcesBalancedAllocation',
    want: {
      // 1050/1900 = 0.5526, 1280/5120 = 0.25; std 0.1513; 84.87 -> 84
      n1: [84, 84, 84],
      // 100/1900 = 0.0526, 256/5120 = 0.05; std 0.0013; 99.87 -> 99
      n2: [99, 99, 99],
      // 1600/1900 = 0.8421, 4352/5120 = 0.85; std 0.0039; 99.61 -> 99
      n3: [99, 99, 99],
    },
  },
  {
    // Without requests the pod adds nothing (useRequested): an empty node is perfectly balanced.
    name: 'NodeResourcesBalancedAllocation, no requests',
    nodes: [{ name: 'n1' }, { name: 'n2' }],
    existing: [{ node: 'n1', cpu: '950m', memory: '1Gi' }],
    pod: {},
    plugin: 'NodeResourcesBalancedAllocation',
    want: {
      // 950/1900 = 0.5, 1024/5120 = 0.2; std 0.15; 85
      n1: [85, 85, 85],
      // 0, 0; std 0; 100
      n2: [100, 100, 100],
    },
  },
  {
    // Raw: intolerable PreferNoSchedule taints. DefaultNormalizeScore(100, reverse): 100 - 100*s/max. Weight 3.
    name: 'TaintToleration',
    nodes: [
      { name: 'clean' },
      { name: 'one', taints: [{ key: 'a', value: '1', effect: 'PreferNoSchedule' }] },
      {
        name: 'two',
        taints: [
          { key: 'a', value: '1', effect: 'PreferNoSchedule' },
          { key: 'b', value: '1', effect: 'PreferNoSchedule' },
          { key: 'c', value: '1', effect: 'PreferNoSchedule' },
        ],
      },
      // A tolerated taint does not count.
      { name: 'tolerated', taints: [{ key: 'b', value: '1', effect: 'PreferNoSchedule' }] },
    ],
    pod: { spec: { tolerations: [{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }] } },
    plugin: 'TaintToleration',
    want: {
      clean: [0, 100, 300], // 100 - 0
      one: [1, 50, 150], // 100 - 100*1/2
      two: [2, 0, 0], // a and c (b is tolerated): the max; 100 - 100*2/2
      tolerated: [0, 100, 300],
    },
  },
  {
    name: 'TaintToleration, no intolerable taints anywhere: all 100 (reverse with max 0)',
    nodes: [{ name: 'n1' }, { name: 'n2' }],
    pod: {},
    plugin: 'TaintToleration',
    want: { n1: [0, 100, 300], n2: [0, 100, 300] },
  },
  {
    // Raw: the sum of the weights of the preferred terms the node matches. DefaultNormalizeScore(100):
    // 100 * s / max. Weight 2.
    name: 'NodeAffinity',
    nodes: [
      { name: 'both', labels: { disk: 'ssd', gpu: 'yes' } },
      { name: 'ssd', labels: { disk: 'ssd' } },
      { name: 'gpu', labels: { gpu: 'yes' } },
      { name: 'none' },
    ],
    pod: {
      spec: {
        affinity: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 30, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
              { weight: 10, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } },
            ],
          },
        },
      },
    },
    plugin: 'NodeAffinity',
    want: {
      both: [40, 100, 200], // 30 + 10 = max
      ssd: [30, 75, 150], // 100*30/40
      gpu: [10, 25, 50], // 100*10/40
      none: [0, 0, 0],
    },
  },
  {
    // ScheduleAnyway zone spread of app=web, maxSkew 1. Zones of the feasible nodes: a, b, c, so the
    // normalizing weight is ln(3 + 2) = 1.6094; raw = round(matching pods in the zone * 1.6094 + (maxSkew - 1)).
    // Normalize: 100 * (max + min - s) / max. Weight 2.
    name: 'PodTopologySpread',
    nodes: [zone('a1', 'a'), zone('b1', 'b'), zone('c1', 'c')],
    existing: [
      { node: 'a1', labels: { app: 'web' } },
      { node: 'a1', labels: { app: 'web' } },
      { node: 'b1', labels: { app: 'web' } },
      { node: 'c1', labels: { app: 'other' } },
    ],
    pod: {
      labels: { app: 'web' },
      spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }] },
    },
    plugin: 'PodTopologySpread',
    want: {
      a1: [3, 0, 0], // round(2 * 1.6094) = 3; 100 * (3 + 0 - 3) / 3 = 0
      b1: [2, 33, 66], // round(1.6094) = 2; 100 * (3 - 2) / 3 = 33.3 -> 33
      c1: [0, 100, 200], // 0; 100 * 3 / 3
    },
  },
  {
    // The incoming pod prefers zones with app=db (weight 50) and avoids zones with app=web (weight
    // 20): each existing pod adds +50 / -20 to its zone. Normalize: 100 * (s - min) / (max - min). Weight 2.
    name: 'InterPodAffinity',
    nodes: [zone('a1', 'a'), zone('b1', 'b'), zone('c1', 'c'), zone('c2', 'c')],
    existing: [
      { node: 'a1', labels: { app: 'db' } },
      { node: 'b1', labels: { app: 'db' } },
      { node: 'b1', labels: { app: 'web' } },
      { node: 'c2', labels: { app: 'web' } },
    ],
    pod: {
      spec: {
        affinity: {
          podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'db' } } } }] },
          podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'web' } } } }] },
        },
      },
    },
    plugin: 'InterPodAffinity',
    want: {
      a1: [50, 100, 200], // zone a: +50 = max; 100 * (50 - (-20)) / 70
      b1: [30, 71, 142], // zone b: +50 - 20 = 30; 100 * (30 + 20) / 70 = 71.4 -> 71
      c1: [-20, 0, 0], // zone c: -20 = min (c1 shares c2's zone)
      c2: [-20, 0, 0],
    },
  },
  {
    // Sum over the pod's images on the node of size * (nodes having it / all nodes), clamped to
    // [23Mi, 1000Mi * containers]; score = 100 * (sum - 23Mi) / (1000Mi * containers - 23Mi). No
    // normalization, weight 1.
    name: 'ImageLocality',
    nodes: [
      { name: 'has1', images: [{ names: ['nginx:1.27'], sizeBytes: 500 * MiB }] },
      { name: 'has2', images: [{ names: ['nginx:1.27'], sizeBytes: 500 * MiB }] },
      { name: 'none' },
    ],
    pod: {},
    plugin: 'ImageLocality',
    want: {
      // 524288000 * 2/3 = 349525333; 100 * (349525333 - 24117248) / (1048576000 - 24117248) = 31.8 -> 31
      has1: [31, 31, 31],
      has2: [31, 31, 31],
      none: [0, 0, 0], // below 23Mi: clamped to it, 0
    },
  },
];

describe('recorded scores follow the kube-scheduler formulas', () => {
  it.each(rows)('$name', (row) => {
    const env = testEnv();
    for (const n of row.nodes) addNode(env.api, n);
    (row.existing ?? []).forEach((e, i) => addPod(env.api, `existing-${i}`, { cpu: e.cpu, memory: e.memory, labels: e.labels, spec: { nodeName: e.node } as Pod['spec'] }));
    settle(env);
    addPod(env.api, 'incoming', { cpu: row.pod.cpu, memory: row.pod.memory, labels: row.pod.labels, spec: row.pod.spec as Pod['spec'] });
    settle(env);
    const [a] = env.scheduler.attempts('default', 'incoming');
    expect(a.result).toBe('Scheduled');
    const got: Record<string, [number, number, number]> = {};
    for (const s of a.scores ?? []) {
      const p = s.plugins.find((x) => x.plugin === row.plugin);
      if (p) got[s.node] = [p.raw, p.normalized, p.weighted];
    }
    expect(got).toEqual(row.want);
    // The total is the weighted sum of every plugin, and the winner has the highest.
    for (const s of a.scores!) expect(s.total).toBe(s.plugins.reduce((t, p) => t + p.weighted, 0));
    expect(Math.max(...a.scores!.map((s) => s.total))).toBe(a.scores!.find((s) => s.node === a.node)!.total);
  });

  it('uses the default weights', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1' });
    addPod(env.api, 'p');
    settle(env);
    expect(env.scheduler.attempts('default', 'p')[0].scorePlugins).toEqual([
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'NodeResourcesFit', weight: 1 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'NodeResourcesBalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ]);
  });
});
