// The diagram's React Flow node components. Each is memoized and reads only what it draws:
// its data (kept identical by layout.stabilize while nothing changed), whether it is selected
// (a boolean from useUi) and whether it pulses (a boolean from useFlow). Pods are plain DOM
// inside their node's card, positioned by layout.podOffset, never React Flow nodes of their own.

import { memo, useMemo, type MouseEvent } from 'react';
import { useStore, type NodeProps } from '@xyflow/react';
import { useUi, type ComponentName, type Selection } from '../../state/ui';
import { nodePulse, useFlow } from './flowStore';
import { create } from 'zustand';
import { NODE, NODE_CHIP_H, NODE_CHIP_Y, NODE_CHIPS, QUEUE, QUEUE_CHIP_W, middleTruncate, podOffset, type DiagramNode, type DiagramNodeData } from './layout';
import { formatCores, formatMem, type NodeView, type PodTone, type PodView, type ServiceView } from './model';
import { useCycleMark, useCyclePod, useExplainMark } from '../explainer/store';
import { EtcdMembersBadge, NodeFaultBadge, StoppedBadge } from '../faults/FaultControls';

type Data<K extends DiagramNodeData['kind']> = Extract<DiagramNodeData, { kind: K }>;
type Props<K extends DiagramNodeData['kind']> = NodeProps<DiagramNode> & { data: Data<K> };

const select = (s: Selection) => useUi.getState().select(s);

function useSelected(match: (s: Selection) => boolean): boolean {
  return useUi((st) => !!st.selection && match(st.selection));
}

/** The selected pod's key, if a pod is selected (one string: node cards re-render only when it changes). */
function useSelectedPod(): string | undefined {
  return useUi((st) => (st.selection?.kind === 'object' && st.selection.resource === 'pods' ? st.selection.key : undefined));
}

/** The pods of the selected Service's endpoints are outlined too. */
function useSelectedService(): string | undefined {
  return useUi((st) => (st.selection?.kind === 'object' && st.selection.resource === 'services' ? st.selection.key : undefined));
}

const cls = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');

// ----------------------------------------------------------------------------- backdrops

export const ControlPlaneNode = memo(function ControlPlaneNode() {
  return (
    <div className="dg-group dg-group-cp" data-testid="control-plane">
      <div className="dg-group-title">AKS-managed control plane (Microsoft)</div>
      <div className="dg-group-sub">Runs in Microsoft's subscription; you reach it only through the API server</div>
    </div>
  );
});

export const PoolsNode = memo(function PoolsNode({ data }: Props<'pools'>) {
  return (
    <div className="dg-group dg-group-pools" data-testid="node-pools">
      <div className="dg-group-title">Your node pools (customer VMs)</div>
      <div className="dg-group-sub">
        {data.count === 0 ? 'No nodes: add one to run pods' : 'Virtual Machine Scale Sets in your subscription (the MC_ resource group)'}
      </div>
    </div>
  );
});

export const PoolNode = memo(function PoolNode({ data }: Props<'pool'>) {
  return (
    <div className="dg-group dg-group-pool" data-testid={`pool-${data.name}`}>
      <div className="dg-group-title">
        Node pool {data.name}{' '}
        <span className="dg-muted">
          {data.ready}/{data.nodes} Ready
        </span>
      </div>
    </div>
  );
});

export const ServicesNode = memo(function ServicesNode({ data }: Props<'services'>) {
  return (
    <div className="dg-group dg-group-svc">
      <div className="dg-group-title">Services ({data.count})</div>
      <div className="dg-group-sub">Stable virtual IPs: kube-proxy on every node sends their traffic to the ready endpoint pods</div>
    </div>
  );
});

// ----------------------------------------------------------------------------- components

export const YouNode = memo(function YouNode() {
  const selected = useSelected((s) => s.kind === 'component' && s.component === 'kubectl');
  const pulse = useFlow((s) => s.pulse.has('kubectl'));
  return (
    <button
      type="button"
      className={cls('dg-you', selected && 'is-selected', pulse && 'dg-pulse')}
      data-testid="cp-kubectl"
      onClick={() => select({ kind: 'component', component: 'kubectl' })}
    >
      <span className="dg-you-title">You</span>
      <span className="dg-sub">kubectl and this editor: API clients</span>
    </button>
  );
});

export const ComponentNode = memo(function ComponentNode({ data }: Props<'component'>) {
  const c = data.component;
  const selected = useSelected((s) => s.kind === 'component' && s.component === c && !s.node);
  const pulse = useFlow((s) => s.pulse.has(c));
  return (
    <button
      type="button"
      className={cls('dg-component', c === 'kube-apiserver' && 'dg-apiserver', selected && 'is-selected', pulse && 'dg-pulse')}
      data-testid={`cp-${c}`}
      onClick={() => select({ kind: 'component', component: c })}
    >
      <span className="dg-component-title">
        {data.title} <StoppedBadge component={c} />
      </span>
      <span className="dg-sub">{data.sub}</span>
      {c === 'etcd' && <EtcdMembersBadge />}
    </button>
  );
});

// ----------------------------------------------------------------------------- pods

const TONE_LABEL: Record<PodTone, string> = {
  running: 'running',
  pending: 'pending',
  succeeded: 'completed',
  failed: 'failed',
  warning: 'needs attention',
  terminating: 'terminating',
  unknown: 'unknown',
};

/** One pod: name, status, readiness, restarts and a chip per container. */
export const PodChip = memo(function PodChip({ pod, x, y, selected, endpoint, compact, current }: { pod: PodView; x: number; y: number; selected: boolean; endpoint: boolean; compact?: boolean; current?: boolean }) {
  const label = `Pod ${pod.key}: ${pod.status}, ${pod.ready}/${pod.total} ready, ${pod.restarts} restarts`;
  return (
    <button
      type="button"
      className={cls('dg-pod', `dg-tone-${pod.tone}`, compact && 'dg-pod-compact', selected && 'is-selected', endpoint && 'is-endpoint')}
      style={compact ? { left: x, top: y, width: QUEUE_CHIP_W } : { left: x, top: y }}
      data-testid={`pod-${pod.namespace}-${pod.name}`}
      data-phase={pod.phase}
      data-ready={`${pod.ready}/${pod.total}`}
      data-restarts={pod.restarts}
      data-select-pod={pod.key}
      data-cycle={current ? 'current' : undefined}
      aria-label={current ? `${label}; the scheduling cycle is on it` : label}
      title={`${pod.key}\n${pod.status} (${TONE_LABEL[pod.tone]}) · ${pod.ready}/${pod.total} ready · ${pod.restarts} restarts\n${pod.containers.map((c) => `${c.init ? 'init ' : ''}${c.name}: ${c.state}`).join('\n')}`}
    >
      <span className="dg-pod-name">{middleTruncate(pod.name, compact ? 13 : 16)}</span>
      {!compact && (
        <span className="dg-pod-line">
          <span className="dg-containers" aria-hidden="true">
            {pod.containers.map((c) => (
              <span key={`${c.init ? 'i' : 'c'}:${c.name}`} className={cls('dg-ctr', `dg-ctr-${c.tone}`, c.init && 'dg-ctr-init')} />
            ))}
          </span>
          <span className="dg-pod-status">{pod.status}</span>
          <span className="dg-pod-ready">{pod.ready}/{pod.total}</span>
          {pod.restarts > 0 && <span className="dg-pod-restarts">↻{pod.restarts}</span>}
        </span>
      )}
      {compact && <span className="dg-pod-status">{pod.status}</span>}
    </button>
  );
});

/** Clicks on pods are handled once per card (event delegation), not by a closure per pod. */
function onPodClick(e: MouseEvent) {
  const el = (e.target as HTMLElement).closest<HTMLElement>('[data-select-pod]');
  if (el) select({ kind: 'object', resource: 'pods', key: el.dataset.selectPod! });
}

export const QueueNode = memo(function QueueNode({ data }: Props<'queue'>) {
  const selectedPod = useSelectedPod();
  const pulse = useFlow((s) => s.pulse.has('kube-scheduler'));
  const more = data.total - data.pods.length;
  const cyclePod = useCyclePod();
  return (
    <div className={cls('dg-queue', pulse && 'dg-pulse')} data-testid="scheduler-queue" data-count={data.total} onClick={onPodClick}>
      <div className="dg-queue-title">Scheduler queue</div>
      <div className="dg-sub">{data.total === 0 ? 'empty: every pod has a node' : `${data.total} pod${data.total === 1 ? '' : 's'} waiting for a node`}</div>
      {data.pods.map((p, i) => (
        <PodChip key={p.key} pod={p} compact x={8 + (i % 2) * (QUEUE_CHIP_W + 6)} y={QUEUE.title + Math.floor(i / 2) * QUEUE.rowH} selected={p.key === selectedPod} endpoint={false} current={p.key === cyclePod} />
      ))}
      {more > 0 && (
        <div className="dg-queue-more" style={{ top: QUEUE.title + Math.ceil(data.pods.length / 2) * QUEUE.rowH }}>
          +{more} more
        </div>
      )}
    </div>
  );
});

// ----------------------------------------------------------------------------- Services

export const ServiceNode = memo(function ServiceNode({ data }: Props<'service'>) {
  const s = data.svc;
  const selected = useSelected((x) => x.kind === 'object' && x.resource === 'services' && x.key === s.key);
  return (
    <button
      type="button"
      className={cls('dg-service', selected && 'is-selected')}
      data-testid={`svc-${s.namespace}-${s.name}`}
      data-endpoints={s.ready.length}
      onClick={() => select({ kind: 'object', resource: 'services', key: s.key })}
      title={`${s.key}\n${s.type} ${s.clusterIP} ${s.ports}\n${s.ready.length} ready endpoints, ${s.notReady.length} not ready`}
    >
      <span className="dg-service-title">
        <span className="dg-ns">{s.namespace}/</span>
        {s.name}
      </span>
      <span className="dg-sub">
        {s.type} {s.clusterIP}
      </span>
      <span className="dg-sub">
        {s.ports || 'no ports'} · {s.ready.length + s.external} ready{s.notReady.length ? `, ${s.notReady.length} not ready` : ''}
      </span>
    </button>
  );
});

// ----------------------------------------------------------------------------- nodes

const NODE_COMPONENT_LABEL: Record<string, string> = {
  kubelet: 'kubelet',
  'kube-proxy': 'kube-proxy',
  containerd: 'containerd',
};

const PHASE_ORDER: PodTone[] = ['running', 'pending', 'warning', 'failed', 'succeeded', 'terminating', 'unknown'];

export const K8sNode = memo(function K8sNode({ data, width }: Props<'node'>) {
  const n = data.node;
  const selectedPod = useSelectedPod();
  const selectedService = useSelectedService();
  const endpoints = useEndpointSet(selectedService);
  const selectedHere = useUi((st) => {
    const s = st.selection;
    if (!s) return '';
    if (s.kind === 'object' && s.resource === 'nodes' && s.key === n.name) return 'node';
    if (s.kind === 'component' && s.node === n.name) return s.component;
    return '';
  });
  const pulse = useFlow((s) => nodePulse(s.pulse, n.name));
  // The scheduler explainer's verdict on this node (rejected nodes dimmed with their reason).
  const explainMark = useExplainMark(n.name);
  // Step mode's cycle in progress: its pod and this node's verdict in the current phase. While a
  // cycle runs, it replaces the explainer's marks (those are of an earlier, finished attempt).
  const cycle = useCycleMark(n.name);
  const cyclePod = useCyclePod();
  const explain = cyclePod ? undefined : explainMark;
  // Zoomed far out (100 nodes fit on screen), a summary card's small print is unreadable: it
  // shows a few large figures instead. A boolean selector: cards re-render only at the threshold.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM) && data.collapsed;
  // kubectl's STATUS: a Ready condition of False or Unknown both print NotReady (data-status keeps
  // the condition itself; the badge's tooltip says which).
  const statusText = `${n.status === 'Ready' ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`;
  const statusTitle = n.status === 'Unknown' ? 'Ready condition: Unknown (the kubelet has stopped posting node status)' : `Ready condition: ${n.status === 'Ready' ? 'True' : 'False'}`;
  // Room left for the name beside the badges, so its unique suffix stays visible.
  const nameChars = Math.floor(((width ?? 300) - 32 - (statusText.length * 6.3 + 16) - (n.taints > 0 ? 56 : 0)) / 7.2);
  const cpuPct = n.cpuAllocMilli ? (100 * n.cpuReqMilli) / n.cpuAllocMilli : 0;
  const memPct = n.memAllocBytes ? (100 * n.memReqBytes) / n.memAllocBytes : 0;
  return (
    <div
      className={cls('dg-node', `dg-node-${n.status}`, n.unschedulable && 'dg-node-cordoned', selectedHere === 'node' && 'is-selected')}
      data-testid={`node-${n.name}`}
      data-status={n.status}
      data-kubectl-status={statusText}
      data-schedulable={String(!n.unschedulable)}
      data-collapsed={String(data.collapsed)}
      data-pods={data.pods.length}
      data-explain={explain?.state}
      data-cycle={cycle?.state}
      title={cycle ? `Scheduling cycle: ${cycle.label}` : explain ? `Scheduler explainer: ${explain.label}` : undefined}
      onClick={onPodClick}
    >
      {cycle ? (
        <span className="dg-cycle-label" data-state={cycle.state} data-testid={`cycle-label-${n.name}`}>
          {cycle.label}
        </span>
      ) : explain && (
        <span className="dg-explain-reason" data-state={explain.state} data-testid={`explain-reason-${n.name}`}>
          {explain.label}
        </span>
      )}
      <div className="dg-node-head">
        <button type="button" className="dg-node-name" title={`${n.name} (${n.vmSize ?? 'VM'})`} onClick={() => select({ kind: 'object', resource: 'nodes', key: n.name })}>
          {middleTruncate(n.name, Math.max(12, nameChars))}
        </button>
        <span className={cls('dg-badge', `dg-badge-${n.status}`)} data-testid={`node-status-${n.name}`} title={statusTitle}>
          {statusText}
        </span>
        <NodeFaultBadge node={n.name} />
        {n.taints > 0 && (
          <span className="dg-badge dg-badge-taint" title={`${n.taints} taint${n.taints === 1 ? '' : 's'}`}>
            {n.taints} taint{n.taints === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {NODE_CHIPS.map((c) => (
        <button
          key={c.component}
          type="button"
          className={cls('dg-chip', selectedHere === c.component && 'is-selected', pulse.includes(`${c.component} `) && 'dg-pulse')}
          style={{ left: c.x, top: NODE_CHIP_Y, width: c.w, height: NODE_CHIP_H }}
          data-testid={`component-${c.component}-${n.name}`}
          onClick={() => select({ kind: 'component', component: c.component as ComponentName, node: n.name })}
        >
          {NODE_COMPONENT_LABEL[c.component]}
        </button>
      ))}
      <div className="dg-usage" style={{ top: NODE_CHIP_Y + NODE_CHIP_H + 6 }}>
        <Usage label="cpu" pct={cpuPct} text={`${formatCores(n.cpuReqMilli)} / ${formatCores(n.cpuAllocMilli)} requested`} />
        <Usage label="mem" pct={memPct} text={`${formatMem(n.memReqBytes)} / ${formatMem(n.memAllocBytes)} requested`} />
      </div>
      {data.collapsed ? (
        <NodeSummary pods={data.pods} total={n.podCount} podsAlloc={n.podsAlloc} />
      ) : (
        data.pods.map((p, i) => {
          const o = podOffset(i, data.cols);
          return <PodChip key={p.key} pod={p} x={o.x} y={o.y} selected={p.key === selectedPod} endpoint={endpoints.has(p.key)} current={p.key === cyclePod} />;
        })
      )}
      {far && <FarSummary node={n} pods={data.pods} />}
      {data.expandable && !far && (
        <button type="button" className="dg-expand" data-testid={`node-expand-${n.name}`} data-expand-node={n.name}>
          {data.collapsed ? 'Show pods' : 'Summary'}
        </button>
      )}
    </div>
  );
});

/** The pod keys behind the selected Service, to outline them. */
function useEndpointSet(service: string | undefined): ReadonlySet<string> {
  return useEndpointIndex((s) => (service ? s.byService.get(service) : undefined)) ?? EMPTY;
}
const EMPTY: ReadonlySet<string> = new Set();

/**
 * Each drawn Service's endpoint pod keys (set by the Diagram from the layout). A Service's set
 * keeps its identity while its endpoints do not change, so node cards are not re-rendered.
 */
export const useEndpointIndex = create<{ byService: ReadonlyMap<string, ReadonlySet<string>> }>()(() => ({ byService: new Map() }));

const endpointSets = new WeakMap<ServiceView, ReadonlySet<string>>();
export function endpointSet(s: ServiceView): ReadonlySet<string> {
  let set = endpointSets.get(s);
  if (!set) endpointSets.set(s, (set = new Set([...s.ready, ...s.notReady])));
  return set;
}

/** Below this zoom, summary cards switch to large type. */
const FAR_ZOOM = 0.45;

function FarSummary({ node, pods }: { node: NodeView; pods: PodView[] }) {
  const counts = usePhaseCounts(pods);
  const short = node.name.slice(node.name.lastIndexOf('-') + 1);
  const pct = (a: number, b: number) => `${b ? Math.min(100, Math.round((100 * a) / b)) : 0}%`;
  return (
    <div className="dg-far" aria-hidden="true">
      <div className="dg-far-name">{short}</div>
      <div className={cls('dg-far-status', `dg-far-${node.status}`)}>
        {node.status}
        {node.unschedulable ? ' · cordoned' : ''} · {pods.length} pods
      </div>
      <div className="dg-summary-bar dg-far-bar">
        {counts.map(([t, c]) => (
          <span key={t} className={`dg-seg dg-tone-${t}`} style={{ flexGrow: c }} />
        ))}
      </div>
      <div className="dg-far-usage">
        cpu {pct(node.cpuReqMilli, node.cpuAllocMilli)} · mem {pct(node.memReqBytes, node.memAllocBytes)}
      </div>
    </div>
  );
}

function usePhaseCounts(pods: PodView[]) {
  return useMemo(() => {
    const m = new Map<PodTone, number>();
    for (const p of pods) m.set(p.tone, (m.get(p.tone) ?? 0) + 1);
    return PHASE_ORDER.filter((t) => m.get(t)).map((t) => [t, m.get(t)!] as const);
  }, [pods]);
}

function Usage({ label, pct, text }: { label: string; pct: number; text: string }) {
  const w = Math.min(100, Math.max(0, pct));
  return (
    <div className="dg-usage-row" title={`${label}: ${text} (${Math.round(pct)}% of allocatable)`}>
      <span className="dg-usage-label">{label}</span>
      <span className="dg-bar" aria-hidden="true">
        <span className={cls('dg-bar-fill', pct > 90 && 'dg-bar-high')} style={{ width: `${w}%` }} />
      </span>
      <span className="dg-usage-text">{text}</span>
    </div>
  );
}

function NodeSummary({ pods, total, podsAlloc }: { pods: PodView[]; total: number; podsAlloc: number }) {
  const counts = usePhaseCounts(pods);
  return (
    <div className="dg-summary" style={{ top: NODE.header - 8 }}>
      <div className="dg-summary-bar" aria-hidden="true">
        {counts.map(([t, c]) => (
          <span key={t} className={`dg-seg dg-tone-${t}`} style={{ flexGrow: c }} />
        ))}
      </div>
      <div className="dg-summary-counts">
        {pods.length === 0 && <span>no pods shown</span>}
        {counts.map(([t, c]) => (
          <span key={t} className="dg-count">
            <span className={`dg-dot dg-tone-${t}`} aria-hidden="true" />
            {c} {TONE_LABEL[t]}
          </span>
        ))}
      </div>
      <div className="dg-sub">
        {pods.length} shown · {total}/{podsAlloc} pods on node
      </div>
    </div>
  );
}
