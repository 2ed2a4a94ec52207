// The request-flow animation's logic, pure: which hop of the chain a trace event is
// (kubectl -> kube-apiserver -> etcd -> controller-manager -> scheduler -> kubelet -> containerd
// -> kube-proxy/endpoints), and when each hop is lit. Driven by the simulation's real trace
// stream: nothing here is scripted, a hop is shown because the component made that call.
//
// The simulation runs a whole apply (Deployment -> ReplicaSet -> pods -> bindings) within one
// batch of trace events, so hops are played in trace order, a short step apart, each lit for
// about 1.5 s of wall time. Identical hops are merged, and when the backlog grows (a 3,000-pod
// rollout) new hops are shown at once instead of queueing for minutes.

import type { TraceEvent } from '../../../sim/trace';

/**
 * One end of a hop: a control-plane component (`kube-apiserver`), a node component
 * (`kubelet/<node>`), `kube-proxy/*` (every node's kube-proxy), or `kubectl` (you).
 */
export type FlowEnd = string;

export interface Hop {
  from: FlowEnd;
  to: FlowEnd;
  /** `call`: a client's API request; `watch`: the API server notifying a watcher; `pulse`: work inside one component. */
  kind: 'call' | 'watch' | 'pulse' | 'rejected';
  /** What the hop carries, for the tooltip: `create deployments default/web`. */
  label: string;
}

export const hopId = (h: Pick<Hop, 'from' | 'to'>): string => `${h.from}>${h.to}`;

const API = 'kube-apiserver';
const ETCD = 'etcd';
const KCM = 'kube-controller-manager';
const SCHED = 'kube-scheduler';
const CCM = 'cloud-controller-manager';
const YOU = 'kubectl';

/** Writes that are a component's own bookkeeping, not part of a request's chain (heartbeats, events). */
const NOISE = new Set(['events', 'leases']);
/** Resources whose changes wake the controller manager's workload controllers. */
const CONTROLLED = new Set(['deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'replicationcontrollers']);
/** Resources kube-proxy watches on every node to program Service routing. */
const PROXIED = new Set(['services', 'endpoints', 'endpointslices']);
/** Kubelet trace actions that are container runtime (CRI) calls to containerd. */
const RUNTIME = new Set(['Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'SandboxChanged', 'BackOff', 'Failed', 'ErrImageNeverPull']);

/** The diagram component an API client is, by the actor name it writes with (src/sim `client('...')`). */
export function actorComponent(actor: string): FlowEnd | undefined {
  if (actor === 'clusterlab-editor' || actor === 'clusterlab-ui' || actor === 'kubectl' || actor.startsWith('kubectl')) return YOU;
  if (actor === 'kube-controller-manager' || actor.endsWith('-controller') || actor.startsWith('controller')) return KCM;
  if (actor === 'default-scheduler' || actor === 'kube-scheduler') return SCHED;
  if (actor === 'cloud-controller-manager' || actor === 'cloud-node-manager') return CCM;
  return undefined; // kubelet (its writes come with a node on the kubelet trace), add-ons, bootstrap
}

/** The hops one trace event stands for (none if it is not part of a request's chain). */
export function hopsForTrace(e: TraceEvent): Hop[] {
  switch (e.type) {
    case 'api': {
      if (NOISE.has(e.resource)) return [];
      const from = actorComponent(e.actor);
      if (!from) return [];
      const what = `${e.verb} ${e.resource}${e.name ? ` ${e.namespace ? `${e.namespace}/` : ''}${e.name}` : ''}`;
      if (e.code >= 400) {
        // A user's rejected request still reached the API server; controllers' conflicts are retries.
        return from === YOU ? [{ from, to: API, kind: 'rejected', label: `${what}: ${e.code}` }] : [];
      }
      const hops: Hop[] = [
        { from, to: API, kind: 'call', label: what },
        { from: API, to: ETCD, kind: 'call', label: `store ${e.resource}` },
      ];
      if (CONTROLLED.has(e.resource) && e.verb !== 'delete') hops.push({ from: API, to: KCM, kind: 'watch', label: `watch: ${e.resource} changed` });
      if (e.resource === 'pods' && e.verb === 'create') hops.push({ from: API, to: SCHED, kind: 'watch', label: 'watch: a pod to schedule' });
      if (e.resource === 'services' && e.verb === 'create') hops.push({ from: API, to: KCM, kind: 'watch', label: 'watch: endpoints to compute' });
      if (PROXIED.has(e.resource)) hops.push({ from: API, to: 'kube-proxy/*', kind: 'watch', label: `watch: ${e.resource} changed, reprogram routing` });
      return hops;
    }
    case 'schedule':
      if (e.result === 'scheduled' && e.node) return [{ from: API, to: `kubelet/${e.node}`, kind: 'watch', label: `watch: ${e.pod} bound to this node` }];
      return [{ from: SCHED, to: SCHED, kind: 'pulse', label: `${e.pod}: ${e.message ?? 'unschedulable'}` }];
    case 'schedule-phase':
      return e.phase === 'pop' ? [{ from: SCHED, to: SCHED, kind: 'pulse', label: `scheduling ${e.pod}` }] : [];
    case 'kubelet': {
      const kubelet = `kubelet/${e.node}`;
      if (e.action === 'status') {
        return [
          { from: kubelet, to: API, kind: 'call', label: `update pod status ${e.pod}${e.detail ? `: ${e.detail}` : ''}` },
          { from: API, to: ETCD, kind: 'call', label: 'store pods' },
        ];
      }
      if (RUNTIME.has(e.action)) return [{ from: kubelet, to: `containerd/${e.node}`, kind: 'call', label: `${e.action} ${e.pod}` }];
      return [{ from: kubelet, to: kubelet, kind: 'pulse', label: `${e.action} ${e.pod}` }];
    }
    case 'component':
      return [];
  }
}

// ----------------------------------------------------------------------------- timing

export const FLOW_TIMING = {
  /** Wall time between the starts of two hops of a chain. */
  stepMs: 350,
  /** How long a hop stays lit. */
  litMs: 1500,
  /** Beyond this much queued time, new hops are shown at once (the cluster is busy). */
  maxBacklogMs: 3000,
};

export interface ScheduledHop {
  id: string;
  hop: Hop;
  start: number;
  end: number;
}

export interface FlowState {
  hops: ScheduledHop[];
  /** When the last queued hop starts. */
  cursor: number;
}

export const emptyFlow = (): FlowState => ({ hops: [], cursor: -Infinity });

/** Queue `hops` (in order) at wall time `now`; returns the new state (the old one is not changed). */
export function enqueue(state: FlowState, hops: readonly Hop[], now: number, timing = FLOW_TIMING): FlowState {
  if (hops.length === 0) return state;
  const live = state.hops.filter((h) => h.end > now).map((h) => ({ ...h }));
  const byId = new Map(live.map((h) => [h.id, h]));
  let cursor = state.cursor;
  for (const hop of hops) {
    const id = hopId(hop);
    const prev = byId.get(id);
    if (prev) {
      // Already waiting: it will show. Already lit: keep it lit while the traffic lasts.
      if (prev.start <= now) prev.end = Math.max(prev.end, now + timing.litMs);
      continue;
    }
    let start = Math.max(now, cursor + timing.stepMs);
    if (start - now > timing.maxBacklogMs) start = now;
    else cursor = start;
    const h: ScheduledHop = { id, hop, start, end: start + timing.litMs };
    live.push(h);
    byId.set(id, h);
  }
  return { hops: live, cursor };
}

/** The hops lit at `now`. */
export function litAt(state: FlowState, now: number): ScheduledHop[] {
  return state.hops.filter((h) => h.start <= now && now < h.end);
}

/** When the set of lit hops next changes (a hop starts or ends), or undefined if never. */
export function nextChange(state: FlowState, now: number): number | undefined {
  let next: number | undefined;
  for (const h of state.hops) {
    for (const t of [h.start, h.end]) if (t > now && (next === undefined || t < next)) next = t;
  }
  return next;
}

/** Components to pulse, by diagram id (`kube-apiserver`, `kubelet/<node>`, `kube-proxy/*`). */
export function pulsing(lit: readonly ScheduledHop[]): Set<string> {
  const s = new Set<string>();
  for (const h of lit) {
    s.add(h.hop.from);
    s.add(h.hop.to);
  }
  return s;
}
