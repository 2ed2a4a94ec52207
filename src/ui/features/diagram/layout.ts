// The diagram's automatic layout: a pure function from plain lists (nodes, pods, Services) to
// positioned React Flow nodes plus the edges and anchor points the overlay draws.
//
// Why a nested grid and not a graph layout (dagre, elk): the picture is containment, not a
// general graph. Pods live inside nodes, nodes inside pools, components inside the control
// plane; the only edges (Service -> endpoint pod, component -> API server) follow from that
// nesting. A grid packing is deterministic, O(pods), stable (a new pod does not move the others:
// pods are sorted by name and fill rows in order) and fast enough to rerun on every change at
// 3,000 pods; a force or layered layout would reshuffle the picture on every pod and cost far more.
//
// Top to bottom: you (kubectl) and the AKS-managed control plane with the scheduler's queue; the
// Services band; the customer's node pools, each a grid of nodes, each node a grid of pods. Above
// `maxExpandedNodes` nodes (or `maxPodsPerNode` pods on one node) a node collapses into a summary
// card of fixed size, so 100 nodes / 3,000 pods stay one screen of readable cards.
//
// Edges are not React Flow edges: their ends are pods, which are plain DOM inside a node card (one
// React Flow node per pod would not scale), so the layout computes their points and an SVG
// overlay draws them. Nothing is draggable, so the points never go stale.

import type { Node as FlowNode } from '@xyflow/react';
import type { ComponentName } from '../../state/ui';
import type { NodeView, PodView, ServiceView } from './model';

export interface Point {
  x: number;
  y: number;
}

export interface Rect extends Point {
  w: number;
  h: number;
}

// ----------------------------------------------------------------------------- sizes

export const POD = { w: 150, h: 44, gap: 6 };
export const COMPONENT = { w: 224, h: 58, gap: 28 };
export const NODE = {
  pad: 10,
  /** Pods start below the header (name, status, component chips, resource bars). */
  header: 100,
  minW: 330,
  collapsedW: 300,
  collapsedH: 184,
  gap: 16,
};
/** The node card's component chips (kubelet, kube-proxy, containerd), relative to the card. */
export const NODE_CHIPS: { component: 'kubelet' | 'kube-proxy' | 'containerd'; x: number; w: number }[] = [
  { component: 'kubelet', x: NODE.pad, w: 92 },
  { component: 'kube-proxy', x: NODE.pad + 98, w: 92 },
  { component: 'containerd', x: NODE.pad + 196, w: 92 },
];
export const NODE_CHIP_Y = 32;
export const NODE_CHIP_H = 22;
export const SERVICE = { w: 220, h: 64, gap: 14 };
export const GROUP = { pad: 16, title: 40, gap: 28 };
export const QUEUE = { w: 340, maxShown: 24, rowH: 30, title: 46 };
/** A queued pod's chip (two columns in the queue box). */
export const QUEUE_CHIP_W = (QUEUE.w - 26) / 2;
export const YOU = { w: 170, h: 70 };

export const LIMITS = { maxExpandedNodes: 20, maxPodsPerNode: 60, maxEdgesPerService: 24, maxEdgeNodesPerService: 12 };

/** Pod chip columns in a node, from the most pods any expanded node of its pool shows. */
export function podColumns(maxPods: number): number {
  if (maxPods <= 24) return 3;
  if (maxPods <= 48) return 4;
  return 5;
}

/** Where the i-th pod sits inside an expanded node card (relative to the card). */
export function podOffset(i: number, cols: number): Point {
  return { x: NODE.pad + (i % cols) * (POD.w + POD.gap), y: NODE.header + Math.floor(i / cols) * (POD.h + POD.gap) };
}

export function expandedNodeSize(pods: number, cols: number): { w: number; h: number } {
  const rows = Math.max(1, Math.ceil(pods / cols));
  return {
    w: Math.max(NODE.minW, NODE.pad * 2 + cols * POD.w + (cols - 1) * POD.gap),
    h: NODE.header + rows * (POD.h + POD.gap) - POD.gap + NODE.pad,
  };
}

// ----------------------------------------------------------------------------- output types

export const CONTROL_PLANE: { component: ComponentName; title: string; sub: string }[] = [
  { component: 'kube-controller-manager', title: 'kube-controller-manager', sub: 'controllers: reconcile loops' },
  { component: 'cloud-controller-manager', title: 'cloud-controller-manager', sub: 'Azure: nodes, load balancers' },
  { component: 'kube-scheduler', title: 'kube-scheduler', sub: 'picks a node for each pod' },
  { component: 'kube-apiserver', title: 'kube-apiserver', sub: 'every read and write goes through it' },
  { component: 'etcd', title: 'etcd', sub: 'the cluster state store' },
  { component: 'konnectivity', title: 'konnectivity-server', sub: 'tunnel to the nodes (agents dial in)' },
];

export type DiagramNodeData =
  | { kind: 'you' }
  | { kind: 'control-plane' }
  | { kind: 'component'; component: ComponentName; title: string; sub: string }
  | { kind: 'queue'; pods: PodView[]; total: number }
  | { kind: 'services'; count: number }
  | { kind: 'service'; svc: ServiceView }
  | { kind: 'pools'; count: number }
  | { kind: 'pool'; name: string; nodes: number; ready: number }
  | { kind: 'node'; node: NodeView; pods: PodView[]; cols: number; collapsed: boolean; expandable: boolean };

export type DiagramNode = FlowNode<DiagramNodeData & Record<string, unknown>>;

export interface DiagramEdge {
  id: string;
  kind: 'control' | 'tunnel' | 'endpoint' | 'endpoint-not-ready';
  from: Point;
  to: Point;
  /** `n pods` on an edge that stands for several endpoints on one node. */
  label?: string;
  /** The Service an endpoint edge belongs to (highlighted when that Service is selected). */
  service?: string;
}

export interface LayoutResult {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Boxes the request-flow overlay draws between: components by name, node components by `kubelet/<node>`. */
  anchors: Record<string, Rect>;
  /** The whole picture's size. */
  width: number;
  height: number;
}

export interface LayoutInput {
  nodes: readonly NodeView[];
  /** Visible pods (the namespace filter applied). */
  pods: readonly PodView[];
  services: readonly ServiceView[];
}

export interface LayoutOptions {
  maxExpandedNodes?: number;
  maxPodsPerNode?: number;
  maxEdgesPerService?: number;
  /** Beyond this many nodes, a Service's endpoints are one line into the pools box. */
  maxEdgeNodesPerService?: number;
  /** Nodes the user expanded although they would be collapsed. */
  expand?: ReadonlySet<string>;
}

// ----------------------------------------------------------------------------- layout

export function layoutDiagram(input: LayoutInput, options: LayoutOptions = {}): LayoutResult {
  const maxNodes = options.maxExpandedNodes ?? LIMITS.maxExpandedNodes;
  const maxPods = options.maxPodsPerNode ?? LIMITS.maxPodsPerNode;
  const maxEdges = options.maxEdgesPerService ?? LIMITS.maxEdgesPerService;
  const maxEdgeNodes = options.maxEdgeNodesPerService ?? LIMITS.maxEdgeNodesPerService;
  const out: DiagramNode[] = [];
  const anchors: Record<string, Rect> = {};

  // Pods by node (sorted, so a new pod does not move the others much) and the scheduler's queue.
  const nodeNames = new Set(input.nodes.map((n) => n.name));
  const podsByNode = new Map<string, PodView[]>();
  const queue: PodView[] = [];
  for (const p of input.pods) {
    if (!p.nodeName) {
      if (p.active) queue.push(p);
      continue;
    }
    if (!nodeNames.has(p.nodeName)) continue; // its node is gone; the pod GC deletes it soon
    let l = podsByNode.get(p.nodeName);
    if (!l) podsByNode.set(p.nodeName, (l = []));
    l.push(p);
  }
  for (const l of podsByNode.values()) l.sort(byKey);
  queue.sort(byKey);

  // --- Row 1: you, the control plane, the scheduler's queue.
  const cpInner = { w: 3 * COMPONENT.w + 2 * COMPONENT.gap, h: 3 * COMPONENT.h + 2 * COMPONENT.gap };
  const cp: Rect = { x: YOU.w + 70, y: 0, w: cpInner.w + 2 * GROUP.pad, h: GROUP.title + cpInner.h + GROUP.pad };
  const cpAt = (col: number, row: number, span = 1): Rect => ({
    x: cp.x + GROUP.pad + col * (COMPONENT.w + COMPONENT.gap),
    y: cp.y + GROUP.title + row * (COMPONENT.h + COMPONENT.gap),
    w: span * COMPONENT.w + (span - 1) * COMPONENT.gap,
    h: COMPONENT.h,
  });
  const cpRects: Record<string, Rect> = {
    'kube-controller-manager': cpAt(0, 0),
    'cloud-controller-manager': cpAt(1, 0),
    'kube-scheduler': cpAt(2, 0),
    'kube-apiserver': cpAt(0, 1, 3),
    etcd: cpAt(0, 2),
    konnectivity: cpAt(2, 2),
  };
  const you: Rect = { x: 0, y: cpRects['kube-apiserver'].y + (COMPONENT.h - YOU.h) / 2, w: YOU.w, h: YOU.h };
  out.push(box('control-plane', cp, { kind: 'control-plane' }, -1));
  out.push(box('you', you, { kind: 'you' }));
  anchors.kubectl = you;
  for (const c of CONTROL_PLANE) {
    const r = cpRects[c.component];
    out.push(box(`cp:${c.component}`, r, { kind: 'component', ...c }));
    anchors[c.component] = r;
  }
  const queueShown = queue.slice(0, QUEUE.maxShown);
  const queueRect: Rect = {
    x: cp.x + cp.w + 40,
    y: cp.y,
    w: QUEUE.w,
    h: QUEUE.title + Math.max(1, Math.ceil(queueShown.length / 2)) * QUEUE.rowH + (queue.length > queueShown.length ? 20 : 0) + 10,
  };
  out.push(box('queue', queueRect, { kind: 'queue', pods: queueShown, total: queue.length }));
  anchors.queue = queueRect;
  const row1Bottom = Math.max(cp.y + cp.h, queueRect.y + queueRect.h);

  // --- Node pools (sized first: the Services band wraps to the widest row).
  const pools = new Map<string, NodeView[]>();
  for (const n of [...input.nodes].sort((a, b) => cmp(a.pool, b.pool) || cmp(a.name, b.name))) {
    let l = pools.get(n.pool);
    if (!l) pools.set(n.pool, (l = []));
    l.push(n);
  }
  const manyNodes = input.nodes.length > maxNodes;
  interface Cell {
    node: NodeView;
    pods: PodView[];
    collapsed: boolean;
    expandable: boolean;
    w: number;
    h: number;
    cols: number;
  }
  const poolCells: { name: string; cells: Cell[] }[] = [];
  for (const [name, nodes] of pools) {
    const wouldCollapse = (n: NodeView) => manyNodes || (podsByNode.get(n.name)?.length ?? 0) > maxPods;
    const expandedMax = Math.max(0, ...nodes.filter((n) => !wouldCollapse(n) || options.expand?.has(n.name)).map((n) => podsByNode.get(n.name)?.length ?? 0));
    const cols = podColumns(expandedMax);
    const cells: Cell[] = nodes.map((node) => {
      const pods = podsByNode.get(node.name) ?? [];
      const expandable = wouldCollapse(node);
      const collapsed = expandable && !options.expand?.has(node.name);
      const size = collapsed ? { w: NODE.collapsedW, h: NODE.collapsedH } : expandedNodeSize(pods.length, cols);
      return { node, pods, collapsed, expandable, cols, ...size };
    });
    poolCells.push({ name, cells });
  }
  const targetW = poolsTargetWidth(poolCells.flatMap((p) => p.cells));
  const poolBlocks: { name: string; cells: Cell[]; colW: number[]; rowH: number[]; gridCols: number; w: number; h: number }[] = [];
  for (const { name, cells } of poolCells) {
    const gridCols = poolColumns(cells, targetW);
    const colW: number[] = [];
    const rowH: number[] = [];
    cells.forEach((c, i) => {
      const col = i % gridCols;
      const row = Math.floor(i / gridCols);
      colW[col] = Math.max(colW[col] ?? 0, c.w);
      rowH[row] = Math.max(rowH[row] ?? 0, c.h);
    });
    const w = 2 * GROUP.pad + sum(colW) + Math.max(0, colW.length - 1) * NODE.gap;
    const h = GROUP.title + sum(rowH) + Math.max(0, rowH.length - 1) * NODE.gap + GROUP.pad;
    poolBlocks.push({ name, cells, colW, rowH, gridCols, w: Math.max(w, 360), h });
  }
  const poolsInnerW = Math.max(0, ...poolBlocks.map((p) => p.w));
  const width = Math.max(queueRect.x + queueRect.w, poolsInnerW + 2 * GROUP.pad);

  // --- The Services band.
  let y = row1Bottom + GROUP.gap;
  const services = [...input.services].sort(byKey);
  const svcRects = new Map<string, Rect>();
  if (services.length > 0) {
    const perRow = Math.max(1, Math.floor((width - 2 * GROUP.pad + SERVICE.gap) / (SERVICE.w + SERVICE.gap)));
    const rows = Math.ceil(services.length / perRow);
    const band: Rect = { x: 0, y, w: width, h: GROUP.title + rows * (SERVICE.h + SERVICE.gap) - SERVICE.gap + GROUP.pad };
    out.push(box('services', band, { kind: 'services', count: services.length }, -1));
    services.forEach((s, i) => {
      const r: Rect = {
        x: band.x + GROUP.pad + (i % perRow) * (SERVICE.w + SERVICE.gap),
        y: band.y + GROUP.title + Math.floor(i / perRow) * (SERVICE.h + SERVICE.gap),
        w: SERVICE.w,
        h: SERVICE.h,
      };
      svcRects.set(s.key, r);
      out.push(box(`svc:${s.key}`, r, { kind: 'service', svc: s }));
    });
    y += band.h + GROUP.gap;
  }

  // --- Node pools.
  const podAt = new Map<string, { node: string; point?: Point }>();
  const nodeRects = new Map<string, Rect>();
  const poolsRect: Rect = {
    x: 0,
    y,
    w: width,
    h: GROUP.title + sum(poolBlocks.map((p) => p.h)) + Math.max(0, poolBlocks.length - 1) * GROUP.pad + GROUP.pad + (poolBlocks.length ? 0 : 40),
  };
  out.push(box('pools', poolsRect, { kind: 'pools', count: input.nodes.length }, -1));
  anchors.pools = poolsRect;
  let py = poolsRect.y + GROUP.title;
  for (const pool of poolBlocks) {
    const pr: Rect = { x: GROUP.pad, y: py, w: pool.w, h: pool.h };
    out.push(box(`pool:${pool.name}`, pr, { kind: 'pool', name: pool.name, nodes: pool.cells.length, ready: pool.cells.filter((c) => c.node.status === 'Ready').length }, -1));
    pool.cells.forEach((c, i) => {
      const col = i % pool.gridCols;
      const row = Math.floor(i / pool.gridCols);
      const r: Rect = {
        x: pr.x + GROUP.pad + sum(pool.colW.slice(0, col)) + col * NODE.gap,
        y: pr.y + GROUP.title + sum(pool.rowH.slice(0, row)) + row * NODE.gap,
        w: c.w,
        h: c.h,
      };
      nodeRects.set(c.node.name, r);
      out.push(box(`node:${c.node.name}`, r, { kind: 'node', node: c.node, pods: c.pods, cols: c.cols, collapsed: c.collapsed, expandable: c.expandable }));
      anchors[`node/${c.node.name}`] = r;
      for (const chip of NODE_CHIPS) anchors[`${chip.component}/${c.node.name}`] = { x: r.x + chip.x, y: r.y + NODE_CHIP_Y, w: chip.w, h: NODE_CHIP_H };
      c.pods.forEach((p, j) => {
        if (c.collapsed) podAt.set(p.key, { node: c.node.name });
        else {
          const o = podOffset(j, c.cols);
          podAt.set(p.key, { node: c.node.name, point: { x: r.x + o.x + POD.w / 2, y: r.y + o.y } });
        }
      });
    });
    py += pool.h + GROUP.pad;
  }

  // --- Edges: the control plane's clients -> API server, and Services -> endpoint pods.
  const edges: DiagramEdge[] = [];
  const api = cpRects['kube-apiserver'];
  edges.push({ id: 'kubectl', kind: 'control', from: rightMid(you), to: leftMid(api) });
  for (const c of ['kube-controller-manager', 'cloud-controller-manager', 'kube-scheduler'] as const) {
    const r = cpRects[c];
    edges.push({ id: c, kind: 'control', from: bottomMid(r), to: { x: r.x + r.w / 2, y: api.y } });
  }
  for (const c of ['etcd', 'konnectivity'] as const) {
    const r = cpRects[c];
    edges.push({ id: c, kind: 'control', from: { x: r.x + r.w / 2, y: api.y + api.h }, to: topMid(r) });
  }
  if (poolBlocks.length > 0) {
    const k = cpRects.konnectivity;
    edges.push({ id: 'tunnel', kind: 'tunnel', from: { x: k.x + k.w / 2, y: poolsRect.y }, to: bottomMid(k), label: 'konnectivity-agent dials out' });
  }
  for (const s of services) {
    const from = bottomMid(svcRects.get(s.key)!);
    const many = s.ready.length + s.notReady.length > maxEdges;
    const perNode = new Map<string, number>();
    for (const [keys, kind] of [[s.ready, 'endpoint'], [s.notReady, 'endpoint-not-ready']] as const) {
      for (const key of keys) {
        const at = podAt.get(key);
        if (!at) continue; // filtered out or not drawn
        if (at.point && !many) edges.push({ id: `${s.key}>${key}`, kind, from, to: at.point, service: s.key });
        else perNode.set(at.node, (perNode.get(at.node) ?? 0) + 1);
      }
    }
    if (perNode.size > maxEdgeNodes) {
      // Spread over many nodes: one line into the pools, not a fan over the whole grid.
      const n = [...perNode.values()].reduce((a, b) => a + b, 0);
      edges.push({ id: `${s.key}>pools`, kind: 'endpoint', from, to: { x: from.x, y: poolsRect.y }, label: `${n} pods on ${perNode.size} nodes`, service: s.key });
    } else {
      for (const [node, n] of perNode) {
        edges.push({ id: `${s.key}>node/${node}`, kind: 'endpoint', from, to: topMid(nodeRects.get(node)!), label: `${n} pod${n === 1 ? '' : 's'}`, service: s.key });
      }
    }
    if (s.external > 0 && s.key === 'default/kubernetes') {
      edges.push({ id: `${s.key}>apiserver`, kind: 'endpoint', from: topMid(svcRects.get(s.key)!), to: { x: api.x + api.w / 2, y: api.y + api.h }, service: s.key });
    }
  }

  return { nodes: out, edges, anchors, width, height: poolsRect.y + poolsRect.h };
}

/**
 * Columns of a pool's node grid: one row up to 4 nodes; beyond, as many as fit a shared target
 * width that makes all pools together about twice as wide as high (the diagram's usual shape).
 */
function poolColumns(cells: { w: number; h: number }[], targetW: number): number {
  const n = cells.length;
  if (n <= 4) return Math.max(1, n);
  const avgW = sum(cells.map((c) => c.w)) / n + NODE.gap;
  return Math.max(1, Math.min(n, Math.round(targetW / avgW)));
}

/** The width all pools share: sqrt(area x 2.6) of every card (the rows above them add height). */
function poolsTargetWidth(cells: { w: number; h: number }[]): number {
  return Math.sqrt(2.6 * sum(cells.map((c) => (c.w + NODE.gap) * (c.h + NODE.gap))));
}

function box(id: string, r: Rect, data: DiagramNodeData, zIndex = 0): DiagramNode {
  return {
    id,
    type: data.kind,
    position: { x: r.x, y: r.y },
    width: r.w,
    height: r.h,
    data: data as DiagramNode['data'],
    zIndex,
    draggable: false,
    selectable: false,
    connectable: false,
    focusable: false,
  };
}

const topMid = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y });
const bottomMid = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h });
const leftMid = (r: Rect): Point => ({ x: r.x, y: r.y + r.h / 2 });
const rightMid = (r: Rect): Point => ({ x: r.x + r.w, y: r.y + r.h / 2 });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: { key: string }, b: { key: string }) => cmp(a.key, b.key);

// ----------------------------------------------------------------------------- stability

/**
 * The next layout, reusing the previous one's objects wherever nothing changed: React Flow then
 * skips unchanged nodes, and the memoized components of unchanged pods do not re-render. If no
 * node changed at all, the previous `nodes` array itself is returned (and likewise `edges`).
 */
export function stabilize(prev: LayoutResult | undefined, next: LayoutResult): LayoutResult {
  if (!prev) return next;
  const before = new Map(prev.nodes.map((n) => [n.id, n]));
  let same = prev.nodes.length === next.nodes.length;
  const nodes = next.nodes.map((n, i) => {
    const p = before.get(n.id);
    const keep = p && sameNode(p, n) ? p : n;
    if (keep !== prev.nodes[i]) same = false;
    return keep;
  });
  const edgesSame = prev.edges.length === next.edges.length && next.edges.every((e, i) => sameEdge(e, prev.edges[i]));
  const anchorsSame = shallowEqual(prev.anchors, next.anchors, (a, b) => shallowEqual(a as object, b as object, () => false));
  return {
    ...next,
    nodes: same ? prev.nodes : nodes,
    edges: edgesSame ? prev.edges : next.edges,
    anchors: anchorsSame ? prev.anchors : next.anchors,
  };
}

function sameNode(a: DiagramNode, b: DiagramNode): boolean {
  return a.type === b.type && a.position.x === b.position.x && a.position.y === b.position.y && a.width === b.width && a.height === b.height && a.zIndex === b.zIndex && sameData(a.data, b.data);
}

/** Data fields: primitives by value, views (NodeView, ServiceView) field by field, lists element by element. */
function sameData(a: object, b: object): boolean {
  return shallowEqual(a, b, (x, y) => {
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    if (x && y && typeof x === 'object' && typeof y === 'object') return shallowEqual(x, y, (u, v) => (Array.isArray(u) && Array.isArray(v) ? u.length === v.length && u.every((w, i) => w === v[i]) : false));
    return false;
  });
}

function sameEdge(a: DiagramEdge, b: DiagramEdge): boolean {
  return a.id === b.id && a.kind === b.kind && a.label === b.label && a.from.x === b.from.x && a.from.y === b.from.y && a.to.x === b.to.x && a.to.y === b.to.y;
}

function shallowEqual(a: object, b: object, deep: (x: unknown, y: unknown) => boolean): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x !== y && !deep(x, y)) return false;
  }
  return true;
}

// ----------------------------------------------------------------------------- connectors

/**
 * The two points a line between two boxes starts and ends at: the facing sides' midpoints
 * (vertically stacked boxes meet top/bottom; side by side, left/right). Boxes on the same row
 * (a node's kubelet and containerd chips) are joined from their tops, and the caller arcs the line.
 */
export function connector(a: Rect, b: Rect): { from: Point; to: Point; sameRow: boolean } {
  // Boxes that overlap horizontally (a component above the wide API server) get a straight line.
  const lo = Math.max(a.x, b.x);
  const hi = Math.min(a.x + a.w, b.x + b.w);
  const x = hi > lo ? (lo + hi) / 2 : undefined;
  if (b.y >= a.y + a.h) return { from: { x: x ?? a.x + a.w / 2, y: a.y + a.h }, to: { x: x ?? b.x + b.w / 2, y: b.y }, sameRow: false };
  if (a.y >= b.y + b.h) return { from: { x: x ?? a.x + a.w / 2, y: a.y }, to: { x: x ?? b.x + b.w / 2, y: b.y + b.h }, sameRow: false };
  if (Math.abs(a.y - b.y) < 1 && a.h === b.h) return { from: topMid(a), to: topMid(b), sameRow: true };
  return b.x >= a.x + a.w ? { from: rightMid(a), to: leftMid(b), sameRow: false } : { from: leftMid(a), to: rightMid(b), sameRow: false };
}

/** A long pod name shortened in the middle, keeping the unique suffix: `coredns-autosc…-pp4vs`. */
export function middleTruncate(name: string, max = 20): string {
  if (name.length <= max) return name;
  const tail = 6;
  return `${name.slice(0, max - tail - 1)}…${name.slice(-tail)}`;
}

/**
 * Where an object is drawn (absolute), to bring a selection made elsewhere (the events timeline,
 * the inspector) into view: a pod in an expanded card or the queue, else its node's card; a node;
 * a Service; a component (node components by their chip).
 */
export function locate(l: LayoutResult, target: { resource: string; key: string } | { component: string; node?: string }): Rect | undefined {
  if ('component' in target) return l.anchors[target.node ? `${target.component}/${target.node}` : target.component];
  const rect = (n: DiagramNode): Rect => ({ x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 });
  if (target.resource === 'nodes') return l.anchors[`node/${target.key}`];
  if (target.resource === 'services') {
    const n = l.nodes.find((x) => x.id === `svc:${target.key}`);
    return n && rect(n);
  }
  if (target.resource !== 'pods') return undefined;
  for (const n of l.nodes) {
    const d = n.data;
    if (d.kind === 'queue' && d.pods.some((p) => p.key === target.key)) return rect(n);
    if (d.kind !== 'node') continue;
    const i = d.pods.findIndex((p) => p.key === target.key);
    if (i < 0) continue;
    if (d.collapsed) return rect(n);
    const o = podOffset(i, d.cols);
    return { x: n.position.x + o.x, y: n.position.y + o.y, w: POD.w, h: POD.h };
  }
  return undefined;
}
