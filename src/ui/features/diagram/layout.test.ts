import { describe, expect, it } from 'vitest';
import {
  connector, expandedNodeSize, layoutDiagram, LIMITS, locate, middleTruncate, NODE, POD, podColumns, podOffset, stabilize,
  type DiagramNode, type LayoutInput, type LayoutResult, type Rect,
} from './layout';
import type { NodeView, PodView, ServiceView } from './model';

function node(name: string, pool = 'nodepool1', status: NodeView['status'] = 'Ready'): NodeView {
  return { name, pool, status, unschedulable: false, taints: 0, cpuAllocMilli: 1900, memAllocBytes: 5 * 2 ** 30, podsAlloc: 110, cpuReqMilli: 0, memReqBytes: 0, podCount: 0, vmSize: 'Standard_DS2_v2' };
}

function pod(name: string, nodeName: string | undefined, phase = 'Running', namespace = 'default'): PodView {
  return {
    key: `${namespace}/${name}`, namespace, name, nodeName, phase, status: phase, tone: phase === 'Running' ? 'running' : 'pending',
    ready: 1, total: 1, restarts: 0, terminating: false, containers: [], cpuMilli: 100, memBytes: 0, active: true,
  };
}

function svc(name: string, ready: string[], notReady: string[] = [], namespace = 'default'): ServiceView {
  return { key: `${namespace}/${name}`, namespace, name, type: 'ClusterIP', clusterIP: '10.0.0.10', ports: '80/TCP', ready, notReady, external: 0 };
}

/** `nodes` nodes with `perNode` pods each, spread round-robin. */
function cluster(nodes: number, pods: number, pools = 1): LayoutInput {
  const ns = Array.from({ length: nodes }, (_, i) => node(`aks-pool${i % pools}-vmss${String(i).padStart(6, '0')}`, `pool${i % pools}`));
  const ps = Array.from({ length: pods }, (_, i) => pod(`web-${String(i).padStart(5, '0')}`, ns[i % nodes].name));
  return { nodes: ns, pods: ps, services: [] };
}

const rectOf = (n: DiagramNode): Rect => ({ x: n.position.x, y: n.position.y, w: n.width!, h: n.height! });
const inside = (a: Rect, b: Rect) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const byKind = (l: LayoutResult, kind: string) => l.nodes.filter((n) => n.data.kind === kind);

describe('layoutDiagram', () => {
  const sizes: [string, LayoutInput, { collapsed: boolean }][] = [
    ['1 node, no pods', cluster(1, 0), { collapsed: false }],
    ['3 nodes, 30 pods (a fresh cluster)', cluster(3, 30), { collapsed: false }],
    ['20 nodes, 500 pods', cluster(20, 500), { collapsed: false }],
    ['21 nodes collapse into summaries', cluster(21, 100), { collapsed: true }],
    ['100 nodes, 3,000 pods, 3 pools', cluster(100, 3000, 3), { collapsed: true }],
    ['1 node with more pods than a card shows', cluster(1, LIMITS.maxPodsPerNode + 1), { collapsed: true }],
  ];

  it.each(sizes)('%s: every node drawn, nothing overlaps, everything inside its group', (_name, input, want) => {
    const l = layoutDiagram(input);
    const cards = byKind(l, 'node');
    expect(cards.map((n) => (n.data.kind === 'node' ? n.data.node.name : '')).sort()).toEqual(input.nodes.map((n) => n.name).sort());
    for (const c of cards) expect(c.data.kind === 'node' && c.data.collapsed).toBe(want.collapsed);

    // Foreground boxes never overlap.
    const boxes = l.nodes.filter((n) => ['node', 'component', 'you', 'queue', 'service'].includes(n.data.kind)).map(rectOf);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i], boxes[j]), `${i} / ${j}`).toBe(false);

    // Nesting: components in the control plane, nodes in their pool, pools in "your node pools".
    const cp = rectOf(byKind(l, 'control-plane')[0]);
    for (const c of byKind(l, 'component')) expect(inside(rectOf(c), cp)).toBe(true);
    const pools = rectOf(byKind(l, 'pools')[0]);
    const poolRects = new Map(byKind(l, 'pool').map((p) => [p.data.kind === 'pool' ? p.data.name : '', rectOf(p)]));
    for (const p of poolRects.values()) expect(inside(p, pools)).toBe(true);
    for (const c of cards) if (c.data.kind === 'node') expect(inside(rectOf(c), poolRects.get(c.data.node.pool)!)).toBe(true);

    // Pods of expanded cards fit inside the card; every visible pod is on a card.
    let drawn = 0;
    for (const c of cards) {
      if (c.data.kind !== 'node') continue;
      drawn += c.data.pods.length;
      if (c.data.collapsed) continue;
      const last = podOffset(c.data.pods.length - 1, c.data.cols);
      if (c.data.pods.length) expect(last.x + POD.w <= c.width! && last.y + POD.h <= c.height!).toBe(true);
    }
    expect(drawn).toBe(input.pods.length);
    expect(l.width).toBeGreaterThan(0);
    expect(l.height).toBeGreaterThan(0);
  });

  it('stays readable: the picture is wider than high, and no wider than ~3x its height', () => {
    for (const [, input] of sizes.slice(1, 5)) {
      const l = layoutDiagram(input);
      expect(l.width / l.height).toBeGreaterThan(0.6);
      expect(l.width / l.height).toBeLessThan(3.5);
    }
  });

  it('is deterministic and sorts pods by name inside a node', () => {
    const input = cluster(3, 12);
    const shuffled = { ...input, pods: [...input.pods].reverse() };
    const a = layoutDiagram(input);
    const b = layoutDiagram(shuffled);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const first = byKind(a, 'node')[0];
    if (first.data.kind !== 'node') throw new Error();
    expect(first.data.pods.map((p) => p.name)).toEqual([...first.data.pods.map((p) => p.name)].sort());
  });

  it('puts pods with no node in the scheduler queue (not finished ones), capped', () => {
    const input = cluster(2, 4);
    const waiting = Array.from({ length: 30 }, (_, i) => pod(`pending-${String(i).padStart(2, '0')}`, undefined, 'Pending'));
    const done = { ...pod('job-done', undefined, 'Succeeded'), active: false };
    const l = layoutDiagram({ ...input, pods: [...input.pods, ...waiting, done] });
    const [q] = byKind(l, 'queue');
    if (q.data.kind !== 'queue') throw new Error();
    expect(q.data.total).toBe(30);
    expect(q.data.pods.length).toBe(24);
    expect(q.data.pods[0].name).toBe('pending-00');
  });

  it('drops pods bound to a node that is gone (the pod GC deletes them)', () => {
    const l = layoutDiagram({ nodes: [node('a')], pods: [pod('p1', 'a'), pod('p2', 'gone')], services: [] });
    const [card] = byKind(l, 'node');
    expect(card.data.kind === 'node' && card.data.pods.map((p) => p.name)).toEqual(['p1']);
  });

  it('expands a collapsed node on request', () => {
    const input = cluster(25, 50);
    const name = input.nodes[3].name;
    const l = layoutDiagram(input, { expand: new Set([name]) });
    const card = byKind(l, 'node').find((n) => n.id === `node:${name}`)!;
    expect(card.data.kind === 'node' && !card.data.collapsed && card.data.expandable).toBe(true);
    expect(card.width).toBeGreaterThan(NODE.collapsedW - 1);
  });

  it('groups nodes by pool, each pool its own box', () => {
    const l = layoutDiagram(cluster(6, 0, 2));
    expect(byKind(l, 'pool').map((p) => (p.data.kind === 'pool' ? [p.data.name, p.data.nodes] : []))).toEqual([['pool0', 3], ['pool1', 3]]);
  });
});

describe('Service edges', () => {
  const input = (services: ServiceView[], nodes = 2, pods = 6): LayoutInput => ({ ...cluster(nodes, pods), services });
  const cases: [string, LayoutInput, (l: LayoutResult) => void][] = [
    [
      'one edge per endpoint pod, ending on the pod',
      input([svc('web', ['default/web-00000', 'default/web-00001'], ['default/web-00002'])]),
      (l) => {
        const edges = l.edges.filter((e) => e.service === 'default/web');
        expect(edges.map((e) => [e.id, e.kind])).toEqual([
          ['default/web>default/web-00000', 'endpoint'],
          ['default/web>default/web-00001', 'endpoint'],
          ['default/web>default/web-00002', 'endpoint-not-ready'],
        ]);
        const card = l.nodes.find((n) => n.id === `node:${cluster(2, 6).nodes[0].name}`)!;
        const o = podOffset(0, card.data.kind === 'node' ? card.data.cols : 0);
        expect(edges[0].to).toEqual({ x: card.position.x + o.x + POD.w / 2, y: card.position.y + o.y });
      },
    ],
    [
      'many endpoints become one edge per node with a count',
      input([svc('big', Array.from({ length: 30 }, (_, i) => `default/web-${String(i).padStart(5, '0')}`))], 3, 30),
      (l) => {
        expect(l.edges.filter((e) => e.service === 'default/big').map((e) => e.label)).toEqual(['10 pods', '10 pods', '10 pods']);
      },
    ],
    [
      'collapsed nodes get one edge each',
      input([svc('web', ['default/web-00000', 'default/web-00021'])], 21, 42),
      (l) => {
        expect(l.edges.filter((e) => e.service === 'default/web').map((e) => e.label)).toEqual(['2 pods']);
      },
    ],
    [
      'endpoints over many collapsed nodes become one line into the pools',
      input([svc('web', Array.from({ length: 50 }, (_, i) => `default/web-${String(i).padStart(5, '0')}`))], 25, 50),
      (l) => {
        expect(l.edges.filter((e) => e.service === 'default/web').map((e) => [e.id, e.label])).toEqual([['default/web>pools', '50 pods on 25 nodes']]);
      },
    ],
    [
      'endpoints not drawn (filtered out) get no edge',
      input([svc('web', ['other/pod-1'])]),
      (l) => expect(l.edges.filter((e) => e.service === 'default/web')).toEqual([]),
    ],
    [
      'the kubernetes Service points at the API server',
      input([{ ...svc('kubernetes', []), external: 1 }]),
      (l) => expect(l.edges.filter((e) => e.service === 'default/kubernetes').map((e) => e.id)).toEqual(['default/kubernetes>apiserver']),
    ],
  ];
  it.each(cases)('%s', (_name, inp, check) => check(layoutDiagram(inp)));

  it('draws Services in their band, between the control plane and the pools', () => {
    const l = layoutDiagram(input([svc('a', []), svc('b', [])]));
    const band = rectOf(byKind(l, 'services')[0]);
    for (const s of byKind(l, 'service')) expect(inside(rectOf(s), band)).toBe(true);
    expect(band.y).toBeGreaterThan(rectOf(byKind(l, 'control-plane')[0]).y);
    expect(band.y + band.h).toBeLessThan(rectOf(byKind(l, 'pools')[0]).y);
  });
});

describe('anchors for the request flow', () => {
  it('has every control-plane component and each node component', () => {
    const input = cluster(2, 2);
    const l = layoutDiagram(input);
    for (const k of ['kubectl', 'kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'konnectivity', 'queue', 'pools']) expect(l.anchors[k], k).toBeDefined();
    for (const n of input.nodes) for (const c of ['kubelet', 'kube-proxy', 'containerd']) expect(inside(l.anchors[`${c}/${n.name}`], l.anchors[`node/${n.name}`])).toBe(true);
  });
});

describe('stabilize', () => {
  it('keeps the same arrays when nothing changed', () => {
    const input = cluster(3, 20);
    const a = layoutDiagram(input);
    const b = stabilize(a, layoutDiagram({ ...input, nodes: input.nodes.map((n) => ({ ...n })) }));
    expect(b.nodes).toBe(a.nodes);
    expect(b.edges).toBe(a.edges);
    expect(b.anchors).toBe(a.anchors);
  });

  it('replaces only the node whose pods changed', () => {
    const input = cluster(3, 9);
    const a = layoutDiagram(input);
    const changed = input.pods.map((p, i) => (i === 0 ? { ...p, phase: 'CrashLoopBackOff' } : p));
    const b = stabilize(a, layoutDiagram({ ...input, pods: changed }));
    const differ = b.nodes.filter((n, i) => n !== a.nodes[i]).map((n) => n.id);
    expect(differ).toEqual([`node:${input.nodes[0].name}`]);
  });

  it('replaces what moved when a node grows a row', () => {
    const input = cluster(5, 15);
    const a = layoutDiagram(input);
    const more = [...input.pods, pod('web-99990', input.nodes[0].name), pod('web-99991', input.nodes[0].name), pod('web-99992', input.nodes[0].name)];
    const b = stabilize(a, layoutDiagram({ ...input, pods: more }));
    expect(b.nodes.find((n) => n.id === `node:${input.nodes[0].name}`)).not.toBe(a.nodes.find((n) => n.id === `node:${input.nodes[0].name}`));
    // A node of the same grid row keeps its object (same place, same pods).
    expect(b.nodes.find((n) => n.id === `node:${input.nodes[1].name}`)).toBe(a.nodes.find((n) => n.id === `node:${input.nodes[1].name}`));
  });
});

describe('geometry helpers', () => {
  it.each([
    [0, 3], [24, 3], [25, 4], [48, 4], [49, 5], [200, 5],
  ])('%i pods -> %i columns', (pods, cols) => expect(podColumns(pods)).toBe(cols));

  it.each([
    [0, 3, { x: NODE.pad, y: NODE.header }],
    [2, 3, { x: NODE.pad + 2 * (POD.w + POD.gap), y: NODE.header }],
    [3, 3, { x: NODE.pad, y: NODE.header + POD.h + POD.gap }],
  ])('pod %i of %i columns sits at %o', (i, cols, at) => expect(podOffset(i, cols)).toEqual(at));

  it('sizes an expanded node to its rows', () => {
    expect(expandedNodeSize(0, 3).h).toBe(expandedNodeSize(3, 3).h);
    expect(expandedNodeSize(4, 3).h).toBe(expandedNodeSize(3, 3).h + POD.h + POD.gap);
  });

  const a: Rect = { x: 0, y: 0, w: 100, h: 50 };
  it.each<[string, Rect, { from: { x: number; y: number }; to: { x: number; y: number }; sameRow: boolean }]>([
    ['below, overlapping: straight down', { x: 50, y: 100, w: 300, h: 50 }, { from: { x: 75, y: 50 }, to: { x: 75, y: 100 }, sameRow: false }],
    ['below, apart: mid to mid', { x: 200, y: 100, w: 100, h: 50 }, { from: { x: 50, y: 50 }, to: { x: 250, y: 100 }, sameRow: false }],
    ['above', { x: 0, y: -100, w: 100, h: 50 }, { from: { x: 50, y: 0 }, to: { x: 50, y: -50 }, sameRow: false }],
    ['right', { x: 200, y: 10, w: 100, h: 30 }, { from: { x: 100, y: 25 }, to: { x: 200, y: 25 }, sameRow: false }],
    ['same row (chips)', { x: 200, y: 0, w: 100, h: 50 }, { from: { x: 50, y: 0 }, to: { x: 250, y: 0 }, sameRow: true }],
  ])('connector: %s', (_n, b, want) => expect(connector(a, b)).toEqual(want));

  it.each([
    ['web-1', 20, 'web-1'],
    ['coredns-autoscaler-7c88465478-pp4vs', 20, 'coredns-autos…-pp4vs'],
    ['konnectivity-agent-5f8d9c8d8b-abcde', 12, 'konne…-abcde'],
  ])('middleTruncate(%s, %i) = %s', (name, max, want) => {
    expect(middleTruncate(name, max)).toBe(want);
    expect(middleTruncate(name, max).length).toBeLessThanOrEqual(max);
  });
});

describe('cost', () => {
  it('lays out 100 nodes / 3,000 pods / 50 Services quickly', () => {
    const base = cluster(100, 3000, 2);
    const input = { ...base, services: Array.from({ length: 50 }, (_, i) => svc(`s${i}`, base.pods.filter((_, j) => j % 50 === i).map((p) => p.key))) };
    const t0 = performance.now();
    let l = layoutDiagram(input);
    for (let i = 0; i < 5; i++) l = stabilize(l, layoutDiagram(input));
    const perRun = (performance.now() - t0) / 6;
    // Generous bound for a shared CI machine; typically a few ms.
    expect(perRun).toBeLessThan(150);
  });
});

describe('locate', () => {
  const input = { ...cluster(2, 4), services: [svc('web', [])], pods: [...cluster(2, 4).pods, pod('waiting', undefined, 'Pending')] };
  const l = layoutDiagram(input);
  const card = (i: number) => l.nodes.find((n) => n.id === `node:${input.nodes[i].name}`)!;
  it.each<[string, Parameters<typeof locate>[1], (r: Rect | undefined) => void]>([
    ['a pod in an expanded card', { resource: 'pods', key: 'default/web-00001' }, (r) => expect(r).toEqual({ x: card(1).position.x + podOffset(0, 3).x, y: card(1).position.y + podOffset(0, 3).y, w: POD.w, h: POD.h })],
    ['a pod in the queue', { resource: 'pods', key: 'default/waiting' }, (r) => expect(r).toEqual(l.anchors.queue)],
    ['a node', { resource: 'nodes', key: input.nodes[0].name }, (r) => expect(r).toEqual(l.anchors[`node/${input.nodes[0].name}`])],
    ['a Service', { resource: 'services', key: 'default/web' }, (r) => expect(r?.w).toBeGreaterThan(0)],
    ['a node component', { component: 'kubelet', node: input.nodes[1].name }, (r) => expect(r).toEqual(l.anchors[`kubelet/${input.nodes[1].name}`])],
    ['a control-plane component', { component: 'etcd' }, (r) => expect(r).toEqual(l.anchors.etcd)],
    ['something not drawn', { resource: 'pods', key: 'default/nope' }, (r) => expect(r).toBeUndefined()],
    ['a resource the diagram does not draw', { resource: 'deployments', key: 'default/web' }, (r) => expect(r).toBeUndefined()],
  ])('%s', (_n, target, check) => check(locate(l, target)));
});
