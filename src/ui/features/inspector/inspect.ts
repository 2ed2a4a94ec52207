// Pure helpers behind the inspector: which events belong to a selection, how to print an object's
// YAML, what facts to show for each kind, which node actions make sense right now. No React here,
// so each piece is tested on its own.

import type { ContainerState, ContainerStatus, CoreEvent, KubeObject, Node, Pod } from '../../../sim/api/types';
import { parseTime, translateTimestampSince } from '../../../sim/printers/duration';
import type { ComponentState } from '../../../worker/protocol';
import type { Watched } from '../../cluster/mirror';
import type { ComponentName, Selection } from '../../state/ui';

// ------------------------------------------------------------------ naming

const RESOURCE_BY_KIND: Record<string, Watched> = {
  Namespace: 'namespaces', Node: 'nodes', Pod: 'pods', Service: 'services', Endpoints: 'endpoints', Event: 'events',
  Deployment: 'deployments', ReplicaSet: 'replicasets', DaemonSet: 'daemonsets', StatefulSet: 'statefulsets',
  Job: 'jobs', CronJob: 'cronjobs', ConfigMap: 'configmaps',
};

export const KIND_BY_RESOURCE = Object.fromEntries(Object.entries(RESOURCE_BY_KIND).map(([k, r]) => [r, k])) as Record<Watched, string>;

/** The watched resource holding objects of `kind`, if the app watches it. */
export function resourceForKind(kind: string | undefined): Watched | undefined {
  return kind ? RESOURCE_BY_KIND[kind] : undefined;
}

/** A selection for an object reference (owner, event subject...), if the app can show it. */
export function selectionFor(kind: string | undefined, namespace: string | undefined, name: string | undefined): Selection | undefined {
  const resource = resourceForKind(kind);
  if (!resource || !name) return undefined;
  return { kind: 'object', resource, key: resource === 'nodes' || resource === 'namespaces' ? name : `${namespace ?? 'default'}/${name}` };
}

/** `namespace/name` -> [namespace, name]; `name` -> [undefined, name]. */
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The inspector's heading for a selection, as kubectl would name it. */
export function selectionTitle(sel: Selection | undefined): string {
  if (!sel) return 'Cluster overview';
  if (sel.kind === 'component') return sel.node ? `${sel.component} on ${sel.node}` : sel.component;
  const [, name] = splitKey(sel.key);
  return `${KIND_BY_RESOURCE[sel.resource] ?? sel.resource} ${name}`;
}

/** Explainer text split at `backticks`: odd parts are code. An unmatched backtick stays text. */
export function splitCode(text: string): { text: string; code: boolean }[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [{ text, code: false }];
  return parts.map((t, i) => ({ text: t, code: i % 2 === 1 })).filter((p) => p.text !== '');
}

// ------------------------------------------------------------------ events

/** When an event last happened (lastTimestamp, else eventTime, else creation), in ms. */
export function eventTimeMs(e: CoreEvent): number {
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? parseTime(e.metadata.creationTimestamp) ?? 0;
}

/** Newest first; ties (same second) broken by resourceVersion, the store's write order. */
export function newestFirst(events: CoreEvent[]): CoreEvent[] {
  // Parse each timestamp once, not in every comparison (hundreds of events during a rollout).
  const keyed = events.map((e) => ({ e, t: eventTimeMs(e), rv: Number(e.metadata.resourceVersion ?? 0) }));
  keyed.sort((a, b) => b.t - a.t || b.rv - a.rv);
  return keyed.map((k) => k.e);
}

/** Events about one object (kind, namespace, name), newest first. Node events have no namespace. */
export function eventsForObject(events: CoreEvent[], obj: { kind: string; namespace?: string; name: string }, limit = 20): CoreEvent[] {
  const out = events.filter((e) => {
    const io = e.involvedObject;
    return io.kind === obj.kind && io.name === obj.name && (io.namespace ?? undefined) === (obj.namespace ?? undefined);
  });
  return newestFirst(out).slice(0, limit);
}

/** The event sources (source.component) each component reports as. */
export function eventSourcesFor(component: ComponentName, controllerNames: string[]): string[] {
  switch (component) {
    case 'kube-scheduler':
      return ['default-scheduler'];
    case 'kube-controller-manager':
      return [...controllerNames.filter((n) => n !== 'service-controller'), 'taint-eviction-controller', 'node-controller'];
    case 'cloud-controller-manager':
      return ['service-controller', 'cloud-node-manager'];
    case 'kubelet':
      return ['kubelet'];
    default:
      return [];
  }
}

/** Kubelet event reasons that report the container runtime's work (pulls, creates, starts, kills). */
export const RUNTIME_REASONS = new Set(['Pulling', 'Pulled', 'Failed', 'BackOff', 'ErrImagePull', 'ErrImageNeverPull', 'ImagePullBackOff', 'Created', 'Started', 'Killing', 'SandboxChanged', 'FailedCreatePodSandBox']);

/** Events a component reported (for node components, only those from that node; optionally only some reasons), newest first. */
export function eventsForComponent(events: CoreEvent[], sources: string[], node?: string, limit = 20, reasons?: Set<string>): CoreEvent[] {
  if (sources.length === 0) return [];
  const set = new Set(sources);
  const out = events.filter((e) => {
    const c = e.source?.component ?? e.reportingComponent;
    if (!c || !set.has(c)) return false;
    if (reasons && !reasons.has(e.reason ?? '')) return false;
    return !node || (e.source?.host ?? e.reportingInstance) === node;
  });
  return newestFirst(out).slice(0, limit);
}

// ------------------------------------------------------------------ YAML

/** The object as `kubectl get -o yaml` prints it: without managedFields (shown only with --show-managed-fields). */
export function withoutManagedFields<T extends KubeObject>(obj: T): T {
  if (!obj.metadata?.managedFields) return obj;
  const { managedFields: _omit, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

// ------------------------------------------------------------------ pods and containers

/** One container's state in kubectl's words: `Running`, `Waiting: CrashLoopBackOff`, `Terminated: Error (exit 1)`. */
export function containerStateText(state: ContainerState | undefined): string {
  if (!state) return 'Unknown';
  if (state.running) return 'Running';
  if (state.waiting) return state.waiting.reason ? `Waiting: ${state.waiting.reason}` : 'Waiting';
  if (state.terminated) {
    const t = state.terminated;
    return `Terminated: ${t.reason ?? 'Unknown'} (exit ${t.exitCode})`;
  }
  return 'Unknown';
}

/** A rough tone for colouring a state: ok, progress, warn or bad. */
export type Tone = 'ok' | 'progress' | 'warn' | 'bad' | 'muted';

export function containerTone(cs: ContainerStatus | undefined): Tone {
  if (!cs) return 'muted';
  if (cs.state.running) return cs.ready ? 'ok' : 'progress';
  const reason = cs.state.waiting?.reason ?? cs.state.terminated?.reason ?? '';
  if (/BackOff|Err|Invalid|OOM|Error/.test(reason)) return 'bad';
  if (cs.state.terminated) return cs.state.terminated.exitCode === 0 ? 'muted' : 'bad';
  return 'progress';
}

export interface ContainerRow {
  name: string;
  init: boolean;
  image: string;
  state: string;
  tone: Tone;
  ready: boolean;
  restarts: number;
  lastState?: string;
}

/** The pod's containers (init containers first) joined with their statuses. */
export function containerRows(pod: Pod): ContainerRow[] {
  const statusOf = (list: ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const row = (c: { name: string; image?: string }, init: boolean): ContainerRow => {
    const cs = statusOf(init ? pod.status?.initContainerStatuses : pod.status?.containerStatuses, c.name);
    const last = cs?.lastState && (cs.lastState.terminated || cs.lastState.waiting || cs.lastState.running) ? containerStateText(cs.lastState) : undefined;
    return {
      name: c.name,
      init,
      image: c.image ?? '',
      state: cs ? containerStateText(cs.state) : pod.spec.nodeName ? 'Waiting: ContainerCreating' : 'Not created (pod not scheduled)',
      tone: containerTone(cs),
      ready: cs?.ready ?? false,
      restarts: cs?.restartCount ?? 0,
      lastState: last,
    };
  };
  return [...(pod.spec.initContainers ?? []).map((c: { name: string; image?: string }) => row(c, true)), ...(pod.spec.containers ?? []).map((c) => row(c, false))];
}

/** The STATUS column of `kubectl get pods`, close enough for a summary: a waiting reason wins over the phase. */
export function podStatusText(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const cs of statuses) {
    const r = cs.state.waiting?.reason;
    if (r && r !== 'ContainerCreating' && r !== 'PodInitializing') return r;
  }
  for (const cs of pod.status?.containerStatuses ?? []) {
    const r = cs.state.terminated?.reason;
    if (r && pod.status?.phase !== 'Succeeded') return r;
  }
  if (pod.status?.reason) return pod.status.reason;
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Pending' && pod.spec.nodeName) return 'ContainerCreating';
  return phase;
}

export function podTone(pod: Pod): Tone {
  const s = podStatusText(pod);
  if (s === 'Running') {
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    return ready ? 'ok' : 'progress';
  }
  if (s === 'Succeeded' || s === 'Completed' || s === 'Terminating') return 'muted';
  if (s === 'Pending' || s === 'ContainerCreating' || s === 'PodInitializing') return 'progress';
  return 'bad';
}

/** `1/2` ready containers, as kubectl's READY column. */
export function podReadyText(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  return `${statuses.filter((s) => s.ready).length}/${pod.spec.containers?.length ?? 0}`;
}

export function podRestarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce((n, s) => n + (s.restartCount ?? 0), 0);
}

// ------------------------------------------------------------------ nodes

export function nodeCondition(node: Node, type: string) {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` when cordoned (kubectl's STATUS). */
export function nodeStatusText(node: Node): string {
  const ready = nodeCondition(node, 'Ready');
  let s = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  if (node.spec?.unschedulable) s += ',SchedulingDisabled';
  return s;
}

export function nodeTone(node: Node): Tone {
  const r = nodeCondition(node, 'Ready')?.status;
  if (r !== 'True') return 'bad';
  return node.spec?.unschedulable ? 'warn' : 'ok';
}

/** The AKS facts in a node's labels: pool, mode, VM size, region, zone, OS image. */
export function nodeLabelFacts(node: Node): [string, string][] {
  const l = node.metadata.labels ?? {};
  const rows: [string, string | undefined][] = [
    ['Node pool', l['kubernetes.azure.com/agentpool'] ?? l.agentpool],
    ['Pool mode', l['kubernetes.azure.com/mode']],
    ['VM size', l['node.kubernetes.io/instance-type']],
    ['Region', l['topology.kubernetes.io/region']],
    ['Zone', l['topology.kubernetes.io/zone']],
    ['Node image', l['kubernetes.azure.com/node-image-version']],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
}

// ------------------------------------------------------------------ live component state

/** The statechart ids that describe a component (what `op: components` reports), or none. */
export function componentStateIds(component: ComponentName, node: string | undefined, all: ComponentState[]): ComponentState[] {
  switch (component) {
    case 'kube-scheduler':
      return all.filter((c) => c.id === 'kube-scheduler');
    case 'etcd':
      return all.filter((c) => c.id === 'etcd');
    case 'kube-controller-manager':
      return all.filter((c) => c.id.startsWith('controller/') && c.id !== 'controller/service-controller');
    case 'cloud-controller-manager':
      return all.filter((c) => c.id === 'controller/service-controller');
    case 'kubelet':
      return all.filter((c) => (node ? c.id === `kubelet/${node}` : c.id.startsWith('kubelet/')));
    default:
      return [];
  }
}

/** A kubelet statechart state in words. */
export function kubeletStateText(state: string | undefined): string {
  switch (state) {
    case 'running.ready':
      return 'running — network ready, posting status';
    case 'running.networkNotReady':
      return 'running — waiting for the network (CNI) to be ready';
    case 'starting':
      return 'starting — registering the node';
    case 'stopped':
      return 'stopped (systemctl stop kubelet) — no heartbeats; containers keep running';
    case 'poweredOff':
      return 'VM powered off — nothing runs on this node';
    case 'off':
      return 'not started yet';
    default:
      return state ?? 'unknown';
  }
}

export type NodeActionName = 'cordon' | 'uncordon' | 'drain' | 'stop-kubelet' | 'start-kubelet' | 'power-off' | 'power-on' | 'remove';

export const NODE_ACTIONS: NodeActionName[] = ['cordon', 'uncordon', 'drain', 'stop-kubelet', 'start-kubelet', 'power-off', 'power-on', 'remove'];

/**
 * Which node actions apply now. `kubeletState` is the kubelet statechart's state when known (it
 * arrives by polling); while unknown, the VM actions stay enabled and the simulation decides.
 */
export function nodeActionsEnabled(node: Node | undefined, kubeletState: string | undefined): Record<NodeActionName, boolean> {
  const exists = !!node;
  const cordoned = !!node?.spec?.unschedulable;
  const known = kubeletState !== undefined;
  const running = kubeletState === 'starting' || !!kubeletState?.startsWith('running');
  return {
    cordon: exists && !cordoned,
    uncordon: exists && cordoned,
    drain: exists,
    'stop-kubelet': exists && (!known || running),
    'start-kubelet': exists && (!known || kubeletState === 'stopped'),
    'power-off': exists && (!known || kubeletState !== 'poweredOff'),
    'power-on': exists && (!known || kubeletState === 'poweredOff'),
    remove: exists,
  };
}

// ------------------------------------------------------------------ facts per kind

export type Fact = [label: string, value: string];

const n = (v: unknown) => (typeof v === 'number' ? String(v) : '0');

/** Status facts for workload and config objects (pods and nodes have richer views of their own). */
export function objectFacts(obj: KubeObject, endpoints?: KubeObject): Fact[] {
  const s = obj.spec ?? {};
  const st = obj.status ?? {};
  switch (obj.kind) {
    case 'Deployment':
      return [
        ['Replicas (desired)', String(s.replicas ?? 1)],
        ['Up to date', n(st.updatedReplicas)],
        ['Ready', n(st.readyReplicas)],
        ['Available', n(st.availableReplicas)],
        ['Strategy', s.strategy?.type ?? 'RollingUpdate'],
        ...conditionFacts(st.conditions),
      ];
    case 'ReplicaSet':
      return [
        ['Replicas (desired)', String(s.replicas ?? 1)],
        ['Current', n(st.replicas)],
        ['Ready', n(st.readyReplicas)],
        ['Available', n(st.availableReplicas)],
      ];
    case 'DaemonSet':
      return [
        ['Desired (eligible nodes)', n(st.desiredNumberScheduled)],
        ['Current', n(st.currentNumberScheduled)],
        ['Ready', n(st.numberReady)],
        ['Up to date', n(st.updatedNumberScheduled)],
        ['Available', n(st.numberAvailable)],
      ];
    case 'StatefulSet':
      return [
        ['Replicas (desired)', String(s.replicas ?? 1)],
        ['Current', n(st.replicas)],
        ['Ready', n(st.readyReplicas)],
        ['Service name', s.serviceName ?? ''],
      ];
    case 'Job':
      return [
        ['Completions', `${n(st.succeeded)}/${s.completions ?? 1}`],
        ['Parallelism', String(s.parallelism ?? 1)],
        ['Active', n(st.active)],
        ['Failed', n(st.failed)],
        ...conditionFacts(st.conditions),
      ];
    case 'CronJob':
      return [
        ['Schedule', s.schedule ?? ''],
        ['Suspended', String(!!s.suspend)],
        ['Active Jobs', String((st.active ?? []).length)],
        ['Last schedule', st.lastScheduleTime ?? 'never'],
      ];
    case 'ConfigMap':
      return [['Keys', Object.keys(obj.data ?? {}).join(', ') || '(none)']];
    case 'Namespace':
      return [['Phase', st.phase ?? 'Active']];
    case 'Service': {
      const ep = endpointCounts(endpoints);
      const ports = (s.ports ?? []).map((p: { port: number; targetPort?: unknown; nodePort?: number; protocol?: string }) =>
        `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'} -> ${p.targetPort ?? p.port}`);
      const lb = (st.loadBalancer?.ingress ?? []).map((i: { ip?: string; hostname?: string }) => i.ip ?? i.hostname).join(', ');
      return [
        ['Type', s.type ?? 'ClusterIP'],
        ['Cluster IP', s.clusterIP ?? ''],
        ...(s.type === 'LoadBalancer' ? [['External IP', lb || '<pending>'] as Fact] : []),
        ...(s.type === 'ExternalName' ? [['External name', s.externalName ?? ''] as Fact] : []),
        ['Ports', ports.join(', ') || '(none)'],
        ['Selector', Object.entries(s.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(', ') || '(none: endpoints managed by hand)'],
        ['Endpoints', endpoints ? `${ep.ready} ready, ${ep.notReady} not ready` : 'none yet'],
      ];
    }
    case 'Endpoints': {
      const ep = endpointCounts(obj);
      return [
        ['Ready addresses', String(ep.ready)],
        ['Not ready addresses', String(ep.notReady)],
      ];
    }
    case 'Event':
      return [
        ['Type', obj.type ?? ''],
        ['Reason', obj.reason ?? ''],
        ['Object', `${obj.involvedObject?.kind ?? ''}/${obj.involvedObject?.name ?? ''}`],
        ['Message', obj.message ?? ''],
        ['Source', [obj.source?.component, obj.source?.host].filter(Boolean).join(', ')],
        ['Count', String(obj.count ?? 1)],
      ];
    default:
      return [];
  }
}

function conditionFacts(conditions: { type: string; status: string; reason?: string }[] | undefined): Fact[] {
  return (conditions ?? []).map((c) => [`Condition ${c.type}`, `${c.status}${c.reason ? ` (${c.reason})` : ''}`]);
}

export function endpointCounts(ep: KubeObject | undefined): { ready: number; notReady: number } {
  let ready = 0;
  let notReady = 0;
  for (const s of ep?.subsets ?? []) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  return { ready, notReady };
}

/** Every address of an Endpoints object, ready ones first. */
export function endpointAddresses(ep: KubeObject | undefined): { ip: string; ready: boolean; target?: string; node?: string; ports: string }[] {
  const out: { ip: string; ready: boolean; target?: string; node?: string; ports: string }[] = [];
  for (const s of ep?.subsets ?? []) {
    const ports = (s.ports ?? []).map((p: { port: number; protocol?: string }) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ');
    for (const [list, ready] of [[s.addresses, true], [s.notReadyAddresses, false]] as const) {
      for (const a of list ?? []) out.push({ ip: a.ip, ready, target: a.targetRef?.name, node: a.nodeName, ports });
    }
  }
  return out.sort((a, b) => Number(b.ready) - Number(a.ready));
}

// ------------------------------------------------------------------ cluster-wide facts

export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;

export function podsByPhase(pods: Pod[]): Record<(typeof POD_PHASES)[number], number> {
  const out = { Pending: 0, Running: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
  for (const p of pods) out[p.status?.phase ?? 'Pending']++;
  return out;
}

export interface PoolSummary {
  name: string;
  mode?: string;
  vmSize?: string;
  nodes: number;
  ready: number;
}

/** Node pools as AKS sees them: nodes grouped by their agentpool label. */
export function nodePools(nodes: Node[]): PoolSummary[] {
  const pools = new Map<string, PoolSummary>();
  for (const node of nodes) {
    const l = node.metadata.labels ?? {};
    const name = l['kubernetes.azure.com/agentpool'] ?? l.agentpool ?? '(no pool)';
    const p = pools.get(name) ?? { name, mode: l['kubernetes.azure.com/mode'], vmSize: l['node.kubernetes.io/instance-type'], nodes: 0, ready: 0 };
    p.nodes++;
    if (nodeCondition(node, 'Ready')?.status === 'True') p.ready++;
    pools.set(name, p);
  }
  return [...pools.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Pods bound to a node, by node name (pods not yet scheduled are under ''). */
export function podsByNode(pods: Pod[]): Map<string, Pod[]> {
  const m = new Map<string, Pod[]>();
  for (const p of pods) {
    const k = p.spec.nodeName ?? '';
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(p);
  }
  return m;
}

/** Objects per resource: what the API server holds of what the app watches. */
export function objectCounts(lists: Partial<Record<Watched, KubeObject[]>>): [Watched, number][] {
  return (Object.entries(lists) as [Watched, KubeObject[]][]).map(([r, l]) => [r, l.length]);
}

export interface NodeContainer {
  pod: string;
  namespace: string;
  container: string;
  state: string;
  tone: Tone;
  restarts: number;
}

/** What containerd runs on a node, from the pods' containerStatuses (what the kubelet reported). */
export function containersOnNode(pods: Pod[], node: string): NodeContainer[] {
  const out: NodeContainer[] = [];
  for (const p of pods) {
    if (p.spec.nodeName !== node) continue;
    for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) {
      out.push({ pod: p.metadata.name!, namespace: p.metadata.namespace!, container: cs.name, state: containerStateText(cs.state), tone: containerTone(cs), restarts: cs.restartCount ?? 0 });
    }
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod) || a.container.localeCompare(b.container));
}

/** Counts of container states (Running, Waiting: ..., Terminated: ...) for a summary line. */
export function countStates(rows: { state: string }[]): [string, number][] {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.state, (m.get(r.state) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** Age of a timestamp at the virtual clock's now (kubectl's AGE). */
export function age(ts: string | null | undefined, nowMs: number | undefined): string {
  return nowMs === undefined ? '' : translateTimestampSince(ts, nowMs);
}
