// The live architecture diagram: the AKS-managed control plane, the customer's node pools with
// their nodes and pods, Services and their endpoints, the scheduler's queue, and the request
// flow lit by the trace stream. Reads the mirror (list + watch), writes only UI state (useUi).
//
// Performance: the model and layout are recomputed only when nodes, pods, Services, Endpoints or
// the filters change (the mirror keeps each list's array until that resource changes), and
// layout.stabilize keeps every unchanged React Flow node object, so React Flow and the memoized
// node components re-render only what changed.

import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, ViewportPortal, useReactFlow, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './diagram.css';
import type { Endpoints, KubeObject, Node, Pod, Service } from '../../../sim/api/types';
import { useMirror, useResource } from '../../cluster/hooks';
import { namespaceVisible, useUi } from '../../state/ui';
import { FlowEdges, StaticEdges } from './EdgeLayer';
import { useFlowDriver } from './flowStore';
import { layoutDiagram, locate, stabilize, type DiagramNode, type LayoutResult } from './layout';
import { buildModel } from './model';
import { CycleLegend } from '../explainer/CycleLegend';
import { ComponentNode, ControlPlaneNode, K8sNode, PoolNode, PoolsNode, QueueNode, ServiceNode, ServicesNode, YouNode, endpointSet, useEndpointIndex } from './nodes';

const nodeTypes: NodeTypes = {
  you: YouNode,
  'control-plane': ControlPlaneNode,
  component: ComponentNode,
  queue: QueueNode,
  services: ServicesNode,
  service: ServiceNode,
  pools: PoolsNode,
  pool: PoolNode,
  node: K8sNode,
} as NodeTypes;

const NO_EDGES: never[] = [];
const FIT = { padding: 0.04 };
const PRO = { hideAttribution: false };
const MINIMAP = { width: 150, height: 100 };

export function Diagram() {
  return (
    <ReactFlowProvider>
      <DiagramView />
    </ReactFlowProvider>
  );
}

function DiagramView() {
  const mirror = useMirror();
  const nodes = useResource<Node>('nodes');
  const pods = useResource<Pod>('pods');
  const services = useResource<Service>('services');
  const endpoints = useResource<Endpoints>('endpoints');
  const namespaces = useUi((s) => s.namespaces);
  const showKubeSystem = useUi((s) => s.showKubeSystem);
  const [expand, setExpand] = useState<ReadonlySet<string>>(() => new Set());
  useFlowDriver(mirror);

  const prev = useRef<LayoutResult | undefined>(undefined);
  const layout = useMemo(() => {
    const filter = { namespaces, showKubeSystem };
    const model = buildModel({ nodes, pods, services, endpoints }, (ns) => namespaceVisible(filter, ns));
    const next = stabilize(prev.current, layoutDiagram(model, { expand }));
    prev.current = next;
    return next;
  }, [nodes, pods, services, endpoints, namespaces, showKubeSystem, expand]);

  // Publish each drawn Service's endpoint set (identity kept while unchanged) for the node cards.
  useEffect(() => {
    const byService = new Map<string, ReadonlySet<string>>();
    for (const n of layout.nodes) if (n.data.kind === 'service') byService.set(n.data.svc.key, endpointSet(n.data.svc));
    useEndpointIndex.setState({ byService });
  }, [layout.nodes]);

  const panelsHidden = useUi((s) => s.panelsHidden);
  const onMoveStart = useAutoFit(layout.width, layout.height, panelsHidden);
  useRevealSelection(layout);
  const big = layout.nodes.length > 60;
  const onClick = (e: MouseEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-expand-node]');
    if (!el) return;
    const name = el.dataset.expandNode!;
    setExpand((s) => {
      const n = new Set(s);
      if (n.has(name)) n.delete(name);
      else n.add(name);
      return n;
    });
  };

  return (
    <div className="dg-root" data-testid="diagram" data-nodes={nodes.length} data-pods={pods.length} onClick={onClick}>
      <div className="dg-toolbar">
        <Filters />
        <Legend />
      </div>
      <div className="dg-canvas">
        <CycleLegend />
        <ReactFlow<DiagramNode>
          nodes={layout.nodes}
          edges={NO_EDGES}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={FIT}
          onMoveStart={onMoveStart}
          minZoom={0.03}
          maxZoom={2.5}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          // Space, Backspace and modifier keys belong to the editor and the page, not to the canvas.
          panActivationKeyCode={null}
          deleteKeyCode={null}
          selectionKeyCode={null}
          multiSelectionKeyCode={null}
          zoomActivationKeyCode={null}
          onlyRenderVisibleElements={big}
          onPaneClick={() => useUi.getState().select(undefined)}
          proOptions={PRO}
        >
          <ViewportPortal>
            <StaticEdges edges={layout.edges} />
            <FlowEdges anchors={layout.anchors} still={big} />
          </ViewportPortal>
          <Background gap={24} size={1} color="#d8dee4" />
          <Controls showInteractive={false} position="bottom-left" />
          {nodes.length > 6 && <MiniMap pannable zoomable position="bottom-right" nodeColor={miniMapColor} ariaLabel="Diagram overview" style={MINIMAP} />}
        </ReactFlow>
      </div>
    </div>
  );
}

/**
 * Bring the selected object into view when it was selected elsewhere (the events timeline, the
 * inspector) and is off screen; a click on the diagram itself selects something already visible.
 */
function useRevealSelection(layout: LayoutResult) {
  const rf = useReactFlow();
  const selection = useUi((s) => s.selection);
  const latest = useRef(layout);
  latest.current = layout;
  useEffect(() => {
    if (!selection) return;
    const r = locate(latest.current, selection);
    const el = document.querySelector('[data-testid="diagram"] .react-flow');
    if (!r || !el) return;
    const { x, y, zoom } = rf.getViewport();
    const box = el.getBoundingClientRect();
    const sx = r.x * zoom + x;
    const sy = r.y * zoom + y;
    const visible = sx >= 0 && sy >= 0 && sx + r.w * zoom <= box.width && sy + r.h * zoom <= box.height;
    if (!visible) void rf.setCenter(r.x + r.w / 2, r.y + r.h / 2, { zoom: Math.max(zoom, 0.8), duration: reducedMotion() ? 0 : 300 });
  }, [rf, selection]);
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Refit when the picture's size changes (a node added, a filter changed), until the user pans or
 * zooms themselves: React Flow reports their moves with the input event, programmatic ones without.
 */
function useAutoFit(width: number, height: number, panelsHidden: boolean): (event: unknown) => void {
  const rf = useReactFlow();
  const moved = useRef(false);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!moved.current) void rf.fitView(FIT);
  }, [rf, width, height]);
  // Hiding or showing the panels (presentation mode's H) resizes the canvas: refit once React
  // Flow has measured its new size.
  const firstPanels = useRef(true);
  useEffect(() => {
    if (firstPanels.current) {
      firstPanels.current = false;
      return;
    }
    const t = setTimeout(() => void rf.fitView(FIT), 60);
    return () => clearTimeout(t);
  }, [rf, panelsHidden]);
  return useCallback((event: unknown) => {
    if (event) moved.current = true;
  }, []);
}

function miniMapColor(n: { type?: string; data: unknown }): string {
  const d = n.data as DiagramNode['data'];
  switch (d.kind) {
    case 'control-plane':
      return '#dbe7fb';
    case 'pools':
      return '#e3f1e3';
    case 'pool':
      return '#f4faf4';
    case 'services':
      return '#fbf0d9';
    case 'node':
      return d.node.status === 'Ready' ? '#7fbf8f' : '#e5858b';
    case 'service':
      return '#d9a441';
    default:
      return '#6f8fc8';
  }
}

function Filters() {
  const all = useResource<KubeObject>('namespaces');
  const selected = useUi((s) => s.namespaces);
  const showKubeSystem = useUi((s) => s.showKubeSystem);
  const setNamespaces = useUi((s) => s.setNamespaces);
  const setShowKubeSystem = useUi((s) => s.setShowKubeSystem);
  const names = useMemo(() => all.map((n) => n.metadata.name ?? '').sort(), [all]);
  const toggle = (ns: string) => setNamespaces(selected.includes(ns) ? selected.filter((x) => x !== ns) : [...selected, ns]);
  return (
    <div className="dg-filters" data-testid="diagram-filters">
      <details className="dg-ns-menu">
        <summary data-testid="namespace-filter">Namespaces: {selected.length === 0 ? 'all' : selected.join(', ')}</summary>
        <div className="dg-ns-list" role="group" aria-label="Namespaces shown">
          <button type="button" onClick={() => setNamespaces([])} disabled={selected.length === 0}>
            Show all
          </button>
          {names.map((ns) => (
            <label key={ns}>
              <input type="checkbox" checked={selected.includes(ns)} onChange={() => toggle(ns)} data-testid={`namespace-${ns}`} />
              {ns}
            </label>
          ))}
        </div>
      </details>
      <label className="dg-ks">
        <input type="checkbox" checked={showKubeSystem} onChange={(e) => setShowKubeSystem(e.target.checked)} data-testid="show-kube-system" />
        Show kube-system
      </label>
    </div>
  );
}

function Legend() {
  const items: [string, string][] = [
    ['running', 'Running'],
    ['pending', 'Pending / creating'],
    ['warning', 'CrashLoop / image pull'],
    ['failed', 'Failed'],
    ['succeeded', 'Completed'],
    ['terminating', 'Terminating'],
  ];
  return (
    <div className="dg-legend" aria-label="Pod colours">
      {items.map(([tone, label]) => (
        <span key={tone} className="dg-count">
          <span className={`dg-dot dg-tone-${tone}`} aria-hidden="true" />
          {label}
        </span>
      ))}
    </div>
  );
}


