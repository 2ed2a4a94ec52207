// Node lifecycle controller (pkg/controller/nodelifecycle) with its taint-based eviction
// (pkg/controller/tainteviction, a separate controller since 1.29, here in the same file
// because it only acts on the taints this one sets; its events say `taint-eviction-controller`).
//
// Every nodeMonitorPeriod (5 s) it checks each node's last heartbeat (Lease renewal or Ready
// condition heartbeat). A node silent for node-monitor-grace-period (50 s in 1.32; 60 s
// node-startup-grace-period for a node that never posted) gets every condition set to Unknown,
// the NodeNotReady event, its pods marked not ready, and the `unreachable` NoExecute taint
// (`not-ready` when the kubelet reports Ready=False). NoSchedule taints follow the conditions
// on every node change. Pods that do not tolerate a NoExecute taint are deleted at once; those
// that tolerate it for tolerationSeconds (300 s by default) are deleted when it runs out.
// Zone disruption is simplified: a zone whose nodes are all not ready is in FullDisruption and
// gets no NoExecute taints (nodes lost together are more likely a network partition than dead
// nodes); otherwise tainting is rate limited to 0.1 node/s (evictionLimiterQPS), and a
// partially disrupted small zone (>= 55 % unhealthy, <= 50 nodes) taints nothing.

import { isApiError } from '../api/errors';
import type { Lease, Node, NodeCondition, Pod, Taint, Toleration } from '../api/types';
import type { TimerId } from '../clock';
import { byNodeName, type Informer } from '../client/informer';
import type { EventRecorder } from '../client/events';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { toleratesTaint } from './nodefit';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
const EVICTION_QPS = 0.1;
const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const LARGE_CLUSTER_THRESHOLD = 50;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** NoSchedule taints that mirror node conditions (TaintNodesByCondition). */
const CONDITION_TAINTS: { type: string; status: string; key: string }[] = [
  { type: 'Ready', status: 'False', key: TAINT_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: 'node.kubernetes.io/memory-pressure' },
  { type: 'DiskPressure', status: 'True', key: 'node.kubernetes.io/disk-pressure' },
  { type: 'PIDPressure', status: 'True', key: 'node.kubernetes.io/pid-pressure' },
  { type: 'NetworkUnavailable', status: 'True', key: 'node.kubernetes.io/network-unavailable' },
];
const NO_SCHEDULE_KEYS = new Set([...CONDITION_TAINTS.map((t) => t.key), TAINT_UNSCHEDULABLE]);

interface Health {
  probeTimestamp: number;
  lastHeartbeat?: string;
  leaseRenew?: string;
  /** The Ready status the controller last saw (from the kubelet or itself). */
  readyStatus?: string;
  registered: boolean;
}

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

export class NodeLifecycleController extends Controller {
  readonly name = 'node-controller';
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly health = new Map<string, Health>();
  private readonly evictions = new Map<string, { createdAt: number; at: number; timer: TimerId }>();
  private readonly zoneTokens = new Map<string, { tokens: number; last: number }>();
  readonly zoneStates = new Map<string, ZoneState>();
  private monitorTimer?: TimerId;
  private taintRecorder?: EventRecorder;

  constructor(ctx: ControllerContext) {
    super(ctx, 'node-lifecycle');
    this.nodes = ctx.informers.for<Node>('nodes');
    this.leases = ctx.informers.for<Lease>('leases');
    this.pods = ctx.informers.for<Pod>('pods');
    this.pods.addIndex('nodeName', byNodeName);
    this.taintRecorderFactory = () => ctx.recorder('taint-eviction-controller');
  }

  private readonly taintRecorderFactory: () => EventRecorder;

  private get taintEvents(): EventRecorder {
    return (this.taintRecorder ??= this.taintRecorderFactory());
  }

  register(): void {
    this.nodes.addHandlers({
      add: (n) => {
        this.enqueue(n.metadata.name!);
        this.clock.defer(() => this.nodeTaintsChanged(n));
      },
      update: (o, n) => {
        this.enqueue(n.metadata.name!);
        if (noExecuteKey(o) !== noExecuteKey(n)) this.nodeTaintsChanged(n);
      },
      delete: (n) => {
        this.health.delete(n.metadata.name!);
        this.recorder.normal(n, 'RemovingNode', `Node ${n.metadata.name} event: Removing Node ${n.metadata.name} from Controller`);
      },
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p),
      update: (o, p) => {
        if (o.spec.nodeName !== p.spec.nodeName || o.spec.tolerations !== p.spec.tolerations) this.podChanged(p);
      },
      delete: (p) => this.cancelEviction(keyOfPod(p), undefined),
    });
    this.scheduleMonitor();
  }

  /**
   * The process stops: its health records and pending evictions were in memory and are gone. A
   * restarted one starts over: each node's grace period, and each eviction's tolerationSeconds,
   * count again from the restart.
   */
  override stop(): void {
    super.stop();
    this.clock.cancel(this.monitorTimer);
    this.monitorTimer = undefined;
    for (const e of this.evictions.values()) this.clock.cancel(e.timer);
    this.evictions.clear();
    this.health.clear();
  }

  override resume(): void {
    const wasStopped = this.state === 'stopped';
    super.resume();
    if (!wasStopped) return;
    if (this.monitorTimer === undefined) this.scheduleMonitor();
    for (const node of this.nodes.list()) if ((node.spec.taints ?? []).some((t) => t.effect === 'NoExecute')) this.nodeTaintsChanged(node);
  }

  private scheduleMonitor(): void {
    this.monitorTimer = this.clock.schedule(
      () => {
        if (this.state !== 'stopped') this.monitorNodeHealth();
        this.scheduleMonitor();
      },
      NODE_MONITOR_PERIOD_MS,
      'node-controller: monitor node health',
    );
  }

  // ------------------------------------------------------------------ health monitor

  /** monitorNodeHealth: heartbeats -> Unknown conditions -> NoExecute taints and pod readiness. */
  monitorNodeHealth(): void {
    const now = this.clock.now();
    const nodes = this.nodes.list();
    const zones = new Map<string, { total: number; notReady: number; nodes: Node[] }>();
    for (const node of nodes) {
      const name = node.metadata.name!;
      let h = this.health.get(name);
      if (!h) {
        h = { probeTimestamp: now, registered: false };
        this.health.set(name, h);
      }
      if (!h.registered) {
        h.registered = true;
        this.recorder.normal(node, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      }
      const current = this.tryUpdateNodeHealth(node, h, now);
      const ready = readyOf(current)?.status;
      const zone = zoneOf(current);
      let z = zones.get(zone);
      if (!z) zones.set(zone, (z = { total: 0, notReady: 0, nodes: [] }));
      z.total++;
      if (ready !== 'True') z.notReady++;
      z.nodes.push(current);
    }
    for (const [zone, z] of zones) {
      const state: ZoneState = z.notReady === 0 ? 'Normal' : z.notReady === z.total ? 'FullDisruption' : z.notReady / z.total >= UNHEALTHY_ZONE_THRESHOLD && z.notReady > 2 ? 'PartialDisruption' : 'Normal';
      this.zoneStates.set(zone, state);
      for (const node of z.nodes) this.processNoExecuteTaint(node, zone, state, now);
    }
  }

  private tryUpdateNodeHealth(node: Node, h: Health, now: number): Node {
    const name = node.metadata.name!;
    const ready = readyOf(node);
    const observed = ready?.status;
    if (ready?.lastHeartbeatTime !== h.lastHeartbeat) {
      h.lastHeartbeat = ready?.lastHeartbeatTime;
      h.probeTimestamp = now;
    }
    const lease = this.leases.getByName('kube-node-lease', name);
    const renew = lease?.spec.renewTime;
    if (renew && renew !== h.leaseRenew) {
      h.leaseRenew = renew;
      h.probeTimestamp = now;
    }
    const grace = ready ? NODE_MONITOR_GRACE_PERIOD_MS : NODE_STARTUP_GRACE_PERIOD_MS;
    let current = node;
    if (now > h.probeTimestamp + grace && observed !== 'Unknown') {
      const ts = this.clock.nowISO();
      const next = deepClone(node);
      const status = (next.status ??= {});
      const conds: NodeCondition[] = status.conditions ?? [];
      const never = !ready;
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        let c = conds.find((x) => x.type === type);
        if (!c) conds.push((c = { type, status: 'Unknown' }));
        if (c.status === 'Unknown' && !never) continue;
        c.status = 'Unknown';
        c.reason = never ? 'NodeStatusNeverUpdated' : 'NodeStatusUnknown';
        c.message = never ? 'Kubelet never posted node status.' : 'Kubelet stopped posting node status.';
        c.lastHeartbeatTime = c.lastHeartbeatTime ?? node.metadata.creationTimestamp;
        c.lastTransitionTime = ts;
      }
      status.conditions = conds;
      delete next.metadata.resourceVersion;
      try {
        current = this.client.updateStatus<Node>('nodes', next);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    const readyNow = readyOf(current)?.status;
    // Ready went from True to something else: tell the node's pods (MarkPodsNotReady).
    if (h.readyStatus === 'True' && readyNow !== 'True') {
      this.recorder.normal(current, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(name);
    }
    h.readyStatus = readyNow;
    return current;
  }

  private markPodsNotReady(nodeName: string): void {
    for (const pod of this.pods.byIndex('nodeName', nodeName)) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = deepClone(pod);
      const c = next.status!.conditions!.find((x) => x.type === 'Ready')!;
      c.status = 'False';
      c.lastTransitionTime = this.clock.nowISO();
      delete next.metadata.resourceVersion;
      try {
        this.client.updateStatus('pods', next);
        this.recorder.warning(pod, 'NodeNotReady', 'Node is not ready');
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  }

  /** processTaintBaseEviction: the NoExecute taint that matches the Ready condition. */
  private processNoExecuteTaint(node: Node, zone: string, state: ZoneState, now: number): void {
    const ready = readyOf(node)?.status;
    const taints = node.spec.taints ?? [];
    const has = (key: string) => taints.some((t) => t.key === key && t.effect === 'NoExecute');
    let want: string | undefined;
    if (ready === 'False') want = TAINT_NOT_READY;
    else if (ready === 'Unknown') want = TAINT_UNREACHABLE;
    if (state === 'FullDisruption') want = undefined; // the zone is down as a whole: evict nothing
    if (!want) {
      if (has(TAINT_NOT_READY) || has(TAINT_UNREACHABLE)) this.setNoExecute(node, undefined);
      return;
    }
    if (has(want) && !has(want === TAINT_NOT_READY ? TAINT_UNREACHABLE : TAINT_NOT_READY)) return;
    if (!this.takeToken(zone, state, now)) return;
    this.setNoExecute(node, want);
  }

  /** The tainting rate limiter: a token bucket per zone (burst 1). */
  private takeToken(zone: string, state: ZoneState, now: number): boolean {
    let qps = EVICTION_QPS;
    if (state === 'PartialDisruption') qps = this.nodes.size > LARGE_CLUSTER_THRESHOLD ? 0.01 : 0;
    if (qps === 0) return false;
    let b = this.zoneTokens.get(zone);
    if (!b) this.zoneTokens.set(zone, (b = { tokens: 1, last: now }));
    b.tokens = Math.min(1, b.tokens + ((now - b.last) / 1000) * qps);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private setNoExecute(node: Node, key: string | undefined): void {
    const latest = this.client.tryGet<Node>('nodes', undefined, node.metadata.name!);
    if (!latest) return;
    const keep = (latest.spec.taints ?? []).filter((t) => !(t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE)));
    const existing = (latest.spec.taints ?? []).find((t) => t.key === key && t.effect === 'NoExecute');
    const taints: Taint[] = key ? [...keep, existing ?? { key, effect: 'NoExecute', timeAdded: this.clock.nowISO() }] : keep;
    this.writeTaints(latest, taints);
  }

  private writeTaints(latest: Node, taints: Taint[]): void {
    const next = deepClone(latest);
    next.spec.taints = taints.length ? taints : undefined;
    delete next.metadata.resourceVersion;
    try {
      this.client.update('nodes', next);
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  // ------------------------------------------------------------------ NoSchedule taints (per node key)

  /** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec.unschedulable. */
  reconcile(key: string): ReconcileResult {
    const node = this.nodes.get(key);
    if (!node) return;
    const conds = node.status?.conditions ?? [];
    if (!conds.length) return; // the kubelet has not reported yet: keep the not-ready taint admission set
    const want = new Set<string>();
    for (const m of CONDITION_TAINTS) if (conds.some((c) => c.type === m.type && c.status === m.status)) want.add(m.key);
    if (node.spec.unschedulable) want.add(TAINT_UNSCHEDULABLE);
    const taints = node.spec.taints ?? [];
    const managed = taints.filter((t) => t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key));
    const same = managed.length === want.size && managed.every((t) => want.has(t.key));
    if (same) return;
    const latest = this.client.tryGet<Node>('nodes', undefined, key);
    if (!latest) return;
    const others = (latest.spec.taints ?? []).filter((t) => !(t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key)));
    const added: Taint[] = [...want].sort().map((k) => ({ key: k, effect: 'NoSchedule' }));
    this.writeTaints(latest, [...others, ...added]);
  }

  // ------------------------------------------------------------------ taint-based eviction

  private nodeTaintsChanged(node: Node): void {
    for (const pod of this.pods.byIndex('nodeName', node.metadata.name!)) this.processPod(pod, node);
  }

  private podChanged(pod: Pod): void {
    if (!pod.spec.nodeName) return;
    const node = this.nodes.get(pod.spec.nodeName);
    if (node) this.processPod(pod, node);
  }

  /** taint_eviction.go processPodOnNode. */
  private processPod(pod: Pod, node: Node): void {
    if (this.state === 'stopped') return;
    const key = keyOfPod(pod);
    if (pod.metadata.deletionTimestamp) return this.cancelEviction(key, undefined);
    const taints = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (!taints.length) return this.cancelEviction(key, pod);
    const tolerations = pod.spec.tolerations ?? [];
    const used: Toleration[] = [];
    for (const taint of taints) {
      const t = tolerations.find((x) => toleratesTaint(x, taint));
      if (!t) {
        // Not tolerated at all: delete at once.
        this.cancelEviction(key, undefined);
        this.evict(pod);
        return;
      }
      used.push(...tolerations.filter((x) => toleratesTaint(x, taint)));
    }
    const min = minTolerationSeconds(used);
    if (min < 0) return this.cancelEviction(key, pod); // tolerated forever
    const now = this.clock.now();
    const scheduled = this.evictions.get(key);
    const startedAt = scheduled?.createdAt ?? now;
    const at = startedAt + min * 1000;
    if (scheduled && scheduled.at <= at) return;
    if (scheduled) this.clock.cancel(scheduled.timer);
    const timer = this.clock.schedule(
      () => {
        this.evictions.delete(key);
        const current = this.pods.get(key);
        if (current && current.metadata.uid === pod.metadata.uid) this.evict(current);
      },
      Math.max(0, at - now),
      `taint-eviction: ${key}`,
    );
    this.evictions.set(key, { createdAt: startedAt, at, timer });
  }

  private cancelEviction(key: string, pod: Pod | undefined): void {
    const scheduled = this.evictions.get(key);
    if (!scheduled) return;
    this.clock.cancel(scheduled.timer);
    this.evictions.delete(key);
    if (pod) this.taintEvents.normal(pod, 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  private evict(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return;
    const key = keyOfPod(pod);
    this.taintEvents.normal(pod, 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      // The DisruptionTarget condition tells controllers (Jobs' pod failure policy) why it went.
      const next = deepClone(pod);
      const conds = (next.status!.conditions ??= []).filter((c) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowISO(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
      next.status!.conditions = conds;
      delete next.metadata.resourceVersion;
      this.client.updateStatus('pods', next);
      this.client.delete('pods', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }
}

function noExecuteKey(n: Node): string {
  return (n.spec.taints ?? [])
    .filter((t) => t.effect === 'NoExecute')
    .map((t) => `${t.key}=${t.value ?? ''}`)
    .join(',');
}

function readyOf(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

function zoneOf(node: Node): string {
  const l = node.metadata.labels ?? {};
  return `${l['topology.kubernetes.io/region'] ?? ''}:\u0000:${l['topology.kubernetes.io/zone'] ?? ''}`;
}

function keyOfPod(p: Pod): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

/** getMinTolerationTime: the shortest tolerationSeconds among the tolerations used; -1 = forever. */
function minTolerationSeconds(used: Toleration[]): number {
  let min = -1;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const s = Math.max(0, t.tolerationSeconds);
    if (min < 0 || s < min) min = s;
  }
  return min;
}

