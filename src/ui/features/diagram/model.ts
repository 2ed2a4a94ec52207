// The diagram's view model: small, plain records derived from the mirror's Kubernetes objects
// (what the diagram draws and nothing else). Derivations are cached per object identity: the
// mirror replaces an object only when it changes, so an unchanged pod keeps the same PodView and
// the memoized components drawing it do not re-render.

import type { ContainerStatus, Endpoints, Node, Pod, Service } from '../../../sim/api/types';
import { printPod } from '../../../sim/printers/pod';
import { podRequests } from '../../../sim/scheduler/podinfo';
import { intValue, milliValue } from '../../../sim/api/quantity';

/** Colour family of a pod on the diagram. */
export type PodTone = 'running' | 'pending' | 'succeeded' | 'failed' | 'warning' | 'terminating' | 'unknown';

export type ContainerTone = 'ready' | 'running' | 'waiting' | 'warning' | 'done' | 'error';

export interface ContainerView {
  name: string;
  init: boolean;
  tone: ContainerTone;
  /** running, waiting: <reason>, terminated: <reason> (for the chip's tooltip). */
  state: string;
}

export interface PodView {
  /** `namespace/name`. */
  key: string;
  namespace: string;
  name: string;
  nodeName: string | undefined;
  /**
   * The value of `data-phase`: the pod's phase, refined by what a learner needs to see: the
   * waiting reason of a container (ContainerCreating, CrashLoopBackOff, ImagePullBackOff...)
   * while the pod is Pending or Running, and Terminating once it is being deleted.
   */
  phase: string;
  /** kubectl's STATUS column, shown as text. */
  status: string;
  tone: PodTone;
  ready: number;
  total: number;
  restarts: number;
  terminating: boolean;
  containers: ContainerView[];
  /** Requests (what the scheduler counts against allocatable). */
  cpuMilli: number;
  memBytes: number;
  /** Holds node resources: not Succeeded/Failed. */
  active: boolean;
}

export type NodeStatus = 'Ready' | 'NotReady' | 'Unknown';

export interface NodeView {
  name: string;
  pool: string;
  status: NodeStatus;
  unschedulable: boolean;
  taints: number;
  cpuAllocMilli: number;
  memAllocBytes: number;
  podsAlloc: number;
  cpuReqMilli: number;
  memReqBytes: number;
  /** Pods bound to the node (all namespaces), as the scheduler counts them. */
  podCount: number;
  vmSize: string | undefined;
}

export interface ServiceView {
  key: string;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  ports: string;
  /** Pod keys of ready endpoints (Endpoints subsets[].addresses[].targetRef). */
  ready: string[];
  /** Pod keys of not-ready endpoints (subsets[].notReadyAddresses[].targetRef). */
  notReady: string[];
  /** Endpoints with no pod behind them (the `kubernetes` Service points at the API server). */
  external: number;
}

// ----------------------------------------------------------------------------- pods

const WARNING_REASONS = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'ErrImageNeverPull', 'InvalidImageName',
  'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError',
]);

const podCache = new WeakMap<Pod, PodView>();

export function podView(pod: Pod): PodView {
  let v = podCache.get(pod);
  if (!v) {
    v = derivePodView(pod);
    podCache.set(pod, v);
  }
  return v;
}

export function derivePodView(pod: Pod): PodView {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const status = pod.status ?? {};
  // The age cell is not used, so the clock does not matter here.
  const cells = printPod(pod, 0).cells as string[];
  const [ready, total] = (cells[1] ?? '0/0').split('/').map(Number);
  const printed = cells[2] || status.phase || 'Pending';
  const podPhase = status.phase ?? 'Pending';
  const terminal = podPhase === 'Succeeded' || podPhase === 'Failed';
  const terminating = !!pod.metadata.deletionTimestamp && !terminal;

  let restarts = 0;
  const containers: ContainerView[] = [];
  const specInit = pod.spec?.initContainers ?? [];
  const specMain = pod.spec?.containers ?? [];
  const initStatus = new Map((status.initContainerStatuses ?? []).map((c) => [c.name, c]));
  const mainStatus = new Map((status.containerStatuses ?? []).map((c) => [c.name, c]));
  let waitingReason: string | undefined;
  for (const [list, statuses, init] of [[specInit, initStatus, true], [specMain, mainStatus, false]] as const) {
    for (const c of list) {
      const cs = statuses.get(c.name);
      restarts += cs?.restartCount ?? 0;
      const view = containerView(c.name, init, cs);
      containers.push(view);
      const w = cs?.state?.waiting?.reason;
      if (w && !waitingReason && (!init || w !== 'PodInitializing')) waitingReason = w;
    }
  }

  let phase: string = podPhase;
  if (terminating) phase = 'Terminating';
  else if (!terminal && waitingReason && (podPhase === 'Pending' || WARNING_REASONS.has(waitingReason))) phase = waitingReason;

  const req = podRequests(pod as Pod);
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    nodeName: pod.spec?.nodeName || undefined,
    phase,
    status: printed,
    tone: podTone(phase, printed),
    ready: ready || 0,
    total: total || 0,
    restarts,
    terminating,
    containers,
    cpuMilli: req.milliCPU,
    memBytes: req.memory,
    active: !terminal,
  };
}

function containerView(name: string, init: boolean, cs: ContainerStatus | undefined): ContainerView {
  const state = cs?.state ?? {};
  if (state.running) return { name, init, tone: cs?.ready ? 'ready' : 'running', state: cs?.ready ? 'running, ready' : 'running, not ready' };
  if (state.terminated) {
    const t = state.terminated as { exitCode?: number; reason?: string };
    const ok = (t.exitCode ?? 0) === 0;
    return { name, init, tone: ok ? 'done' : 'error', state: `terminated: ${t.reason ?? `exit code ${t.exitCode ?? 0}`}` };
  }
  const reason = state.waiting?.reason ?? 'waiting';
  return { name, init, tone: WARNING_REASONS.has(reason) ? 'warning' : 'waiting', state: `waiting: ${reason}` };
}

/** The colour family of a pod, from its `data-phase` and printed status. */
export function podTone(phase: string, printed = phase): PodTone {
  if (phase === 'Terminating') return 'terminating';
  if (phase === 'Running') return printed === 'Error' || printed === 'NotReady' ? 'warning' : 'running';
  if (phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed') return 'failed';
  if (phase === 'Unknown') return 'unknown';
  if (WARNING_REASONS.has(phase)) return 'warning';
  return 'pending'; // Pending, ContainerCreating, PodInitializing
}

// ----------------------------------------------------------------------------- nodes

const POOL_LABELS = ['kubernetes.azure.com/agentpool', 'agentpool'];

export function nodeStatus(node: Node): NodeStatus {
  const c = node.status?.conditions?.find((x) => x.type === 'Ready');
  if (c?.status === 'True') return 'Ready';
  if (c?.status === 'False') return 'NotReady';
  return 'Unknown';
}

/** A node with the requests of the pods bound to it (all namespaces, whatever the filter). */
export function nodeView(node: Node, pods: readonly PodView[]): NodeView {
  const labels = node.metadata.labels ?? {};
  let cpu = 0;
  let mem = 0;
  let count = 0;
  for (const p of pods) {
    if (!p.active) continue;
    cpu += p.cpuMilli;
    mem += p.memBytes;
    count++;
  }
  const alloc = node.status?.allocatable ?? {};
  return {
    name: node.metadata.name ?? '',
    pool: POOL_LABELS.map((l) => labels[l]).find(Boolean) ?? '(no pool)',
    status: nodeStatus(node),
    unschedulable: !!node.spec?.unschedulable,
    taints: node.spec?.taints?.length ?? 0,
    cpuAllocMilli: milliValue(alloc.cpu),
    memAllocBytes: intValue(alloc.memory),
    podsAlloc: intValue(alloc.pods),
    cpuReqMilli: cpu,
    memReqBytes: mem,
    podCount: count,
    vmSize: labels['node.kubernetes.io/instance-type'] || labels['beta.kubernetes.io/instance-type'],
  };
}

// ----------------------------------------------------------------------------- services

export function serviceView(svc: Service, ep: Endpoints | undefined): ServiceView {
  const namespace = svc.metadata.namespace ?? 'default';
  const ready: string[] = [];
  const notReady: string[] = [];
  let external = 0;
  for (const s of ep?.subsets ?? []) {
    for (const [list, out] of [[s.addresses, ready], [s.notReadyAddresses, notReady]] as const) {
      for (const a of list ?? []) {
        const ref = (a as { targetRef?: { kind?: string; namespace?: string; name?: string } }).targetRef;
        if (ref?.kind === 'Pod' && ref.name) out.push(`${ref.namespace ?? namespace}/${ref.name}`);
        else external++;
      }
    }
  }
  const spec = svc.spec ?? {};
  const ports = (spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
  return {
    key: `${namespace}/${svc.metadata.name}`,
    namespace,
    name: svc.metadata.name ?? '',
    type: spec.type ?? 'ClusterIP',
    clusterIP: spec.clusterIP === 'None' ? 'None (headless)' : spec.clusterIP ?? '',
    ports,
    ready,
    notReady,
    external,
  };
}

// ----------------------------------------------------------------------------- the whole model

export interface Filter {
  namespaces: readonly string[];
  showKubeSystem: boolean;
}

export interface DiagramModel {
  nodes: NodeView[];
  /** Visible pods (namespace filter applied), bound or not. */
  pods: PodView[];
  services: ServiceView[];
}

/**
 * The views the layout needs from the mirror's lists. Node requests count every pod; pods and
 * Services are filtered by namespace (`visible`).
 */
export function buildModel(
  input: { nodes: readonly Node[]; pods: readonly Pod[]; services: readonly Service[]; endpoints: readonly Endpoints[] },
  visible: (namespace: string | undefined) => boolean,
): DiagramModel {
  const byNode = new Map<string, PodView[]>();
  const pods: PodView[] = [];
  for (const p of input.pods) {
    const v = podView(p);
    if (v.nodeName) {
      let l = byNode.get(v.nodeName);
      if (!l) byNode.set(v.nodeName, (l = []));
      l.push(v);
    }
    if (visible(v.namespace)) pods.push(v);
  }
  const nodes = input.nodes.map((n) => nodeView(n, byNode.get(n.metadata.name ?? '') ?? []));
  const eps = new Map<string, Endpoints>();
  for (const e of input.endpoints) eps.set(`${e.metadata.namespace}/${e.metadata.name}`, e);
  const services: ServiceView[] = [];
  for (const s of input.services) {
    if (!visible(s.metadata.namespace)) continue;
    services.push(serviceView(s, eps.get(`${s.metadata.namespace}/${s.metadata.name}`)));
  }
  return { nodes, pods, services };
}

// ----------------------------------------------------------------------------- formatting

/** 1.9 / 3.8 cores, 250m. */
export function formatCores(milli: number): string {
  if (milli < 1000) return `${Math.round(milli)}m`;
  return `${(milli / 1000).toFixed(milli % 1000 === 0 ? 0 : 1)}`;
}

/** 512Mi, 3.2Gi. */
export function formatMem(bytes: number): string {
  const gi = bytes / 2 ** 30;
  if (gi >= 1) return `${gi.toFixed(gi >= 10 ? 0 : 1)}Gi`;
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}
