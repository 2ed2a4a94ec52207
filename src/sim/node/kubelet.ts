// The kubelet of one node. Its process is an xstate machine (off -> starting -> running ->
// stopped / poweredOff) a learner can watch; while running it registers the Node, renews its
// Lease every 10 s, posts node status when something changed (else every 5 min), watches the
// pods bound to its node, admits them and runs them through the container runtime (podworker.ts).

import { createActor, setup, type Actor } from 'xstate';
import { ApiError, badRequest, isApiError } from '../api/errors';
import { intValue, milliValue } from '../api/quantity';
import type { Container, Lease, Node, NodeCondition, Pod } from '../api/types';
import type { ApiClient, ApiServer, LogOptions, WatchEvent } from '../apiserver/apiserver';
import { intToIp, ipToInt, parseCIDR } from '../apiserver/allocators';
import { xstateClock, type Clock, type TimerId } from '../clock';

import { EventRecorder } from '../client/events';
import type { Random } from '../random';
import type { Trace } from '../trace';
import type { RegistryNetwork } from '../faults/registry';
import { deepClone } from '../util/json';
import { preloadedImages } from './images';
import { containerStatus } from './podstatus';
import { PodWorkers, type PodRec } from './podworker';
import { ContainerRuntime } from './runtime';

export interface KubeletOptions {
  api: ApiServer;
  clock: Clock;
  random: Random;
  trace: Trace;
  /** The full Node object to register (name, labels, capacity, allocatable, addresses, nodeInfo, providerID, taints). */
  node: Node;
  maxPods?: number;
  /** Which image registries the node can reach (fault injection). */
  registries?: RegistryNetwork;
}

/** nodeStatusUpdateFrequency and the Lease renew interval. */
export const NODE_STATUS_UPDATE_MS = 10_000;
/** nodeStatusReportFrequency: post an unchanged status this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;
export const LEASE_DURATION_SECONDS = 40;
/** From kubelet start until the CNI reports the network ready (the node is NotReady until then). */
const NETWORK_READY_MS = 2_000;

type KubeletEvent = { type: 'POWER_ON' } | { type: 'POWER_OFF' } | { type: 'STOP_KUBELET' } | { type: 'START_KUBELET' } | { type: 'REGISTERED' } | { type: 'NETWORK_READY' };

export const kubeletMachine = setup({
  types: { events: {} as KubeletEvent },
  actions: {
    boot: () => {},
    stopProcess: () => {},
    powerDown: () => {},
    networkReady: () => {},
  },
}).createMachine({
  id: 'kubelet',
  initial: 'off',
  states: {
    off: { on: { POWER_ON: 'starting' } },
    starting: {
      entry: 'boot',
      on: { REGISTERED: 'running', STOP_KUBELET: 'stopped', POWER_OFF: 'poweredOff' },
    },
    running: {
      initial: 'networkNotReady',
      states: {
        networkNotReady: { on: { NETWORK_READY: { target: 'ready', actions: 'networkReady' } } },
        ready: {},
      },
      on: { STOP_KUBELET: 'stopped', POWER_OFF: 'poweredOff' },
    },
    stopped: {
      entry: 'stopProcess',
      on: { START_KUBELET: 'starting', POWER_OFF: 'poweredOff' },
    },
    poweredOff: {
      entry: 'powerDown',
      on: { POWER_ON: 'starting' },
    },
  },
});

const CONDITIONS: { type: string; reason: string; message: string; event: string }[] = [
  { type: 'MemoryPressure', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
];

export class Kubelet {
  readonly name: string;
  readonly runtime: ContainerRuntime;
  readonly actor: Actor<typeof kubeletMachine>;
  private readonly client: ApiClient;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly recorder: EventRecorder;
  private readonly workers: PodWorkers;
  private readonly nodeTemplate: Node;
  private readonly maxPods: number;
  private nodeUid?: string;
  private stopWatch?: () => void;
  private heartbeat?: TimerId;
  private networkTimer?: TimerId;
  private active = false;
  private networkReady = false;
  private lastPostedAt = -Infinity;
  private lastPostedKey = '';
  private podCIDR?: string;
  private readonly ips = new Map<string, string>();
  private readonly usedIPs = new Set<number>();
  private lastIP = 0;
  private boots = 0;
  private bootID: string;
  /** Cut off from the API server (a network partition): the process runs but nothing gets through. */
  private cutOff = false;
  /** A boot that happened while cut off still has to register (true: after a reboot). */
  private pendingRegister?: boolean;

  constructor(opts: KubeletOptions) {
    this.name = opts.node.metadata.name!;
    this.client = opts.api.client('kubelet');
    this.clock = opts.clock;
    this.random = opts.random;
    this.nodeTemplate = deepClone(opts.node);
    this.maxPods = opts.maxPods ?? (intValue(opts.node.status?.allocatable?.pods ?? opts.node.status?.capacity?.pods) || 110);
    this.bootID = opts.node.status?.nodeInfo?.bootID ?? opts.random.uuid();
    const version = (opts.node.status?.nodeInfo?.kubeletVersion ?? 'v1.32.7').replace(/^v/, '');
    this.runtime = new ContainerRuntime(opts.random, preloadedImages(version));
    if (opts.registries) this.runtime.network = { registries: opts.registries, nodeIP: () => this.nodeIP };
    this.recorder = new EventRecorder(this.client, opts.clock, { component: 'kubelet', host: this.name });
    this.workers = new PodWorkers({
      nodeName: this.name,
      clock: opts.clock,
      random: opts.random,
      trace: opts.trace,
      client: this.client,
      recorder: this.recorder,
      runtime: this.runtime,
      nodeIP: () => this.nodeIP,
      allocateIP: (uid) => this.allocateIP(uid),
      releaseIP: (uid) => this.releaseIP(uid),
      active: () => this.active,
      connected: () => !this.cutOff,
    });
    const machine = kubeletMachine.provide({
      actions: {
        boot: () => this.boot(),
        stopProcess: () => this.stopProcess(),
        powerDown: () => this.powerDown(),
        networkReady: () => this.onNetworkReady(),
      },
    });
    this.actor = createActor(machine, { clock: xstateClock(opts.clock) });
    this.actor.subscribe((s) => {
      if (opts.trace.active) opts.trace.emit({ type: 'component', at: opts.clock.now(), component: `kubelet/${this.name}`, state: stateName(s.value) });
    });
    this.actor.start();
  }

  /** The machine's current state: off, starting, running.networkNotReady, running.ready, stopped, poweredOff. */
  get state(): string {
    return stateName(this.actor.getSnapshot().value);
  }

  get nodeIP(): string {
    return this.nodeTemplate.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  /** The pods this kubelet runs (for the UI and tests). */
  get pods(): PodRec[] {
    return [...this.workers.records.values()];
  }

  start(): void {
    this.actor.send({ type: 'POWER_ON' });
  }

  /** The VM stops: no heartbeats, containers gone, nothing reported. */
  powerOff(): void {
    this.actor.send({ type: 'POWER_OFF' });
  }

  /** The VM boots again: the kubelet restarts, re-registers, and restarts the pods it still has. */
  powerOn(): void {
    this.actor.send({ type: 'POWER_ON' });
  }

  /** `systemctl stop kubelet`: containers keep running, nothing is reported. */
  stopKubelet(): void {
    this.actor.send({ type: 'STOP_KUBELET' });
  }

  startKubelet(): void {
    this.actor.send({ type: 'START_KUBELET' });
  }

  /** Whether the node is cut off from the control plane. */
  get partitioned(): boolean {
    return this.cutOff;
  }

  /**
   * A network partition between the node and the control plane: the kubelet and the containers
   * carry on, but no Lease renewal, status, event or watch gets through (and the API server
   * cannot reach the kubelet's port 10250 for logs).
   */
  partition(): void {
    if (this.cutOff) return;
    this.cutOff = true;
    this.stopWatch?.();
    this.stopWatch = undefined;
  }

  /** The partition heals: the kubelet reconnects, re-lists its pods and posts its status at once. */
  heal(): void {
    if (!this.cutOff) return;
    this.cutOff = false;
    if (!this.active) return;
    if (this.pendingRegister !== undefined) {
      const rebooted = this.pendingRegister;
      this.pendingRegister = undefined;
      this.register(rebooted);
    }
    this.renewLease();
    this.watchPods();
    this.postNodeStatus(true);
  }

  /** Something outside the kubelet SIGKILLs a container's main process (exit 137). */
  killContainer(namespace: string, pod: string, container?: string): string {
    return this.workers.kill(this.record(namespace, pod), container, 'Error');
  }

  /** Make a container exceed its memory limit (now and, while `on`, after every restart). */
  setOutOfMemory(namespace: string, pod: string, container: string | undefined, on: boolean): string {
    return this.workers.setOutOfMemory(this.record(namespace, pod), container, on);
  }

  /** The containers this kubelet makes run out of memory, as `namespace/pod/container`. */
  outOfMemory(): string[] {
    return this.workers.outOfMemoryKeys();
  }

  private record(namespace: string, pod: string): PodRec {
    for (const rec of this.workers.records.values()) if (rec.key === `${namespace}/${pod}` && !rec.finished) return rec;
    throw badRequest(`pod "${pod}" in namespace "${namespace}" is not running on node ${this.name}`);
  }

  // ------------------------------------------------------------------ process lifecycle

  /** When the kubelet process last started (virtual ms), for `systemctl status kubelet`. */
  startedAt = 0;

  private boot(): void {
    this.startedAt = this.clock.now();
    const rebooted = this.boots > 0 && this.wasPoweredOff;
    this.boots++;
    if (rebooted) this.bootID = this.random.uuid();
    this.wasPoweredOff = false;
    this.active = true;
    this.networkReady = false;
    this.lastPostedKey = '';
    if (this.cutOff) this.pendingRegister = rebooted;
    else {
      this.register(rebooted);
      this.renewLease();
      this.watchPods();
    }
    this.scheduleHeartbeat();
    this.networkTimer = this.clock.schedule(() => this.actor.send({ type: 'NETWORK_READY' }), NETWORK_READY_MS, `kubelet ${this.name}: network ready`);
    this.clock.defer(() => this.actor.send({ type: 'REGISTERED' }));
  }

  private wasPoweredOff = false;

  private stopProcess(): void {
    this.halt();
  }

  private powerDown(): void {
    this.halt();
    this.wasPoweredOff = true;
    const now = this.clock.now();
    this.runtime.powerOff(now);
    this.workers.powerLost(now);
    this.ips.clear();
    this.usedIPs.clear();
  }

  private halt(): void {
    this.active = false;
    this.networkReady = false;
    this.stopWatch?.();
    this.stopWatch = undefined;
    this.clock.cancel(this.heartbeat);
    this.clock.cancel(this.networkTimer);
    this.heartbeat = undefined;
  }

  private onNetworkReady(): void {
    this.networkReady = true;
    this.postNodeStatus(true);
  }

  // ------------------------------------------------------------------ node, lease, status

  private nodeRef(): Node {
    // The kubelet's events about its node use the node name as uid (kubelet.go nodeRef).
    return { apiVersion: 'v1', kind: 'Node', metadata: { name: this.name, uid: this.name }, spec: {} };
  }

  private nodeEvent(type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (this.cutOff) return;
    this.recorder.record(this.nodeRef(), type, reason, message);
  }

  private conditions(existing: NodeCondition[] | undefined, now: string): NodeCondition[] {
    const ready = this.networkReady;
    const want = [
      ...CONDITIONS.map((c) => ({ type: c.type, status: 'False' as const, reason: c.reason, message: c.message })),
      ready
        ? { type: 'Ready', status: 'True' as const, reason: 'KubeletReady', message: 'kubelet is posting ready status' }
        : {
            type: 'Ready',
            status: 'False' as const,
            reason: 'KubeletNotReady',
            message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
          },
    ];
    return want.map((c) => {
      const prev = existing?.find((e) => e.type === c.type);
      return { type: c.type, status: c.status, lastHeartbeatTime: now, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now, reason: c.reason, message: c.message };
    });
  }

  private desiredStatus(existing: Node | undefined): Node['status'] {
    const now = this.clock.nowISO();
    const t = this.nodeTemplate.status ?? {};
    return {
      ...deepClone(t),
      conditions: this.conditions(existing?.status?.conditions, now),
      nodeInfo: { ...(t.nodeInfo ?? {}), bootID: this.bootID, containerRuntimeVersion: this.runtime.version },
      images: this.runtime.listImages(),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    };
  }

  private register(rebooted: boolean): void {
    const existing = this.client.tryGet<Node>('nodes', undefined, this.name);
    if (!existing) {
      const node = deepClone(this.nodeTemplate);
      node.status = this.desiredStatus(undefined);
      try {
        const created = this.client.create<Node>('nodes', node);
        this.nodeUid = created.metadata.uid;
        this.podCIDR = created.spec.podCIDR;
      } catch (e) {
        // AlreadyExists, or the API server cannot write (etcd): the next status post registers again.
        if (!isApiError(e)) throw e;
      }
    }
    if (existing) {
      this.nodeUid = existing.metadata.uid;
      this.podCIDR = existing.spec.podCIDR;
      this.postNodeStatus(true);
    } else {
      this.lastPostedAt = this.clock.now();
      this.lastPostedKey = this.statusKey();
    }
    this.nodeEvent('Normal', 'Starting', 'Starting kubelet.');
    if (rebooted) this.nodeEvent('Warning', 'Rebooted', `Node ${this.name} has been rebooted, boot id: ${this.bootID}`);
    for (const c of CONDITIONS) this.nodeEvent('Normal', c.event, `Node ${this.name} status is now: ${c.event}`);
    this.nodeEvent('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
  }

  /** What decides whether a status post is needed (conditions' statuses, images). */
  private statusKey(): string {
    return `${this.networkReady}|${this.runtime.imageListVersion}`;
  }

  private postNodeStatus(force: boolean): void {
    if (!this.active || this.cutOff) return;
    const node = this.client.tryGet<Node>('nodes', undefined, this.name);
    if (!node) {
      // Deleted while we ran (kubectl delete node): register again, as the kubelet does.
      this.register(false);
      return;
    }
    this.nodeUid = node.metadata.uid;
    if (node.spec.podCIDR) this.podCIDR = node.spec.podCIDR;
    const now = this.clock.now();
    const key = this.statusKey();
    const apiDisagrees = (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status !== (this.networkReady ? 'True' : 'False'));
    if (!force && !apiDisagrees && key === this.lastPostedKey && now - this.lastPostedAt < NODE_STATUS_REPORT_MS) return;
    const wasReady = (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    const next = deepClone(node);
    next.status = this.desiredStatus(node);
    delete next.metadata.resourceVersion;
    try {
      this.client.updateStatus('nodes', next);
      this.lastPostedAt = now;
      this.lastPostedKey = key;
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
    if (this.networkReady && !wasReady) this.nodeEvent('Normal', 'NodeReady', `Node ${this.name} status is now: NodeReady`);
  }

  private renewLease(): void {
    if (!this.active || this.cutOff) return;
    const now = this.clock.nowMicroISO();
    const existing = this.client.tryGet<Lease>('leases', 'kube-node-lease', this.name);
    try {
      if (!existing) {
        const lease: Lease = {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.name,
            namespace: 'kube-node-lease',
            ownerReferences: this.nodeUid ? [{ apiVersion: 'v1', kind: 'Node', name: this.name, uid: this.nodeUid }] : undefined,
          },
          spec: { holderIdentity: this.name, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: now },
        };
        this.client.create('leases', lease);
      } else {
        const next = deepClone(existing);
        next.spec.renewTime = now;
        next.spec.holderIdentity = this.name;
        next.spec.leaseDurationSeconds = LEASE_DURATION_SECONDS;
        delete next.metadata.resourceVersion;
        this.client.update('leases', next);
      }
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.clock.schedule(
      () => {
        this.heartbeat = undefined;
        if (!this.active) return;
        this.renewLease();
        this.postNodeStatus(false);
        this.scheduleHeartbeat();
      },
      NODE_STATUS_UPDATE_MS,
      `kubelet ${this.name}: heartbeat`,
    );
  }

  // ------------------------------------------------------------------ pods

  private watchPods(): void {
    const fieldSelector = `spec.nodeName=${this.name}`;
    const list = this.client.list<Pod>('pods', { fieldSelector });
    const seen = new Set<string>();
    for (const pod of list.items) {
      seen.add(pod.metadata.uid!);
      this.onPod({ type: 'ADDED', object: pod }, false);
    }
    // Pods deleted while the kubelet was away are cleaned up.
    for (const rec of [...this.workers.records.values()]) if (!seen.has(rec.uid)) this.workers.removed(rec);
    this.stopWatch = this.client.watch('pods', { fieldSelector, resourceVersion: list.metadata.resourceVersion }, (e) => this.onPod(e, true));
    // Catch up with everything that happened while not syncing (exits, back-offs, deletions).
    for (const rec of this.workers.records.values()) this.clock.defer(() => this.workers.sync(rec));
  }

  private onPod(e: WatchEvent, live: boolean): void {
    if (e.type === 'ERROR' || e.type === 'BOOKMARK') {
      if (e.type === 'ERROR' && this.active) {
        this.stopWatch?.();
        this.watchPods();
      }
      return;
    }
    const pod = e.object as Pod;
    const uid = pod.metadata.uid!;
    const rec = this.workers.records.get(uid);
    if (e.type === 'DELETED') {
      if (rec) this.workers.removed(rec);
      return;
    }
    if (rec) {
      this.workers.updated(rec, pod);
      return;
    }
    // Pods that finished before this kubelet knew them have nothing to run.
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const fresh = this.workers.newRecord(pod);
    const rejection = this.admit(fresh);
    if (rejection) {
      this.workers.reject(fresh, rejection.reason, rejection.message);
      return;
    }
    if (live) this.workers.sync(fresh);
  }

  /** The kubelet's admission (lifecycle.predicateAdmitHandler): pods count, cpu, memory against allocatable. */
  private admit(rec: PodRec): { reason: string; message: string } | undefined {
    const alloc = this.nodeTemplate.status?.allocatable ?? {};
    const want = (rec.requests ??= podRequests(rec.pod));
    let pods = 0;
    let cpu = 0;
    let mem = 0;
    for (const other of this.workers.records.values()) {
      if (other === rec || other.rejected || other.terminal || other.finished) continue;
      const r = (other.requests ??= podRequests(other.pod));
      pods++;
      cpu += r.cpu;
      mem += r.memory;
    }
    const checks: [string, string, number, number, number][] = [
      ['pods', 'OutOfpods', 1, pods, this.maxPods],
      ['cpu', 'OutOfcpu', want.cpu, cpu, milliValue(alloc.cpu ?? '0')],
      ['memory', 'OutOfmemory', want.memory, mem, intValue(alloc.memory ?? '0')],
    ];
    for (const [res, reason, requested, used, capacity] of checks) {
      if (requested === 0 && res !== 'pods') continue;
      if (used + requested > capacity) {
        return { reason, message: `Node didn't have enough resource: ${res}, requested: ${requested}, used: ${used}, capacity: ${capacity}` };
      }
    }
    return undefined;
  }

  private allocateIP(uid: string): string | undefined {
    const have = this.ips.get(uid);
    if (have) return have;
    if (!this.podCIDR && !this.cutOff) this.podCIDR = this.client.tryGet<Node>('nodes', undefined, this.name)?.spec.podCIDR;
    if (!this.podCIDR) return undefined;
    const { base, size } = parseCIDR(this.podCIDR);
    // host-local IPAM: round robin from .2 (the .1 is the bridge/gateway), skipping used ones.
    for (let i = 0; i < size - 3; i++) {
      const offset = ((this.lastIP + i) % (size - 3)) + 2;
      const ip = base + offset;
      if (this.usedIPs.has(ip)) continue;
      this.usedIPs.add(ip);
      this.lastIP = offset - 1;
      const s = intToIp(ip);
      this.ips.set(uid, s);
      return s;
    }
    return undefined;
  }

  private releaseIP(uid: string): void {
    const ip = this.ips.get(uid);
    if (!ip) return;
    this.ips.delete(uid);
    this.usedIPs.delete(ipToInt(ip));
  }

  /** An attached session on a container's stdin ended (`exit` in `kubectl debug -it`). */
  stdinClosed(podUid: string, container: string, code: number): void {
    const rec = this.workers.records.get(podUid);
    if (rec && this.active) this.workers.stdinClosed(rec, container, code);
  }

  /** A container's log as the runtime has it (`crictl logs <id>`), probe requests included. */
  containerLog(id: string): string | undefined {
    const inst = this.runtime.container(id);
    if (!inst) return undefined;
    const rec = this.workers.records.get(inst.podUid);
    const c = rec ? this.workers.logTarget(rec, inst.name) : undefined;
    const until = inst.finishedAt ?? this.clock.now();
    const hits = rec && c ? this.workers.hitsFor(rec, c, inst) : () => [];
    const lines = inst.program.logs(until, () => hits(Math.min(until, inst.stoppedAt ?? until)), inst.stoppedAt);
    return lines.map((l) => l.text + '\n').join('');
  }

  // ------------------------------------------------------------------ logs

  /** Serve `kubectl logs` (GET pods/<name>/log) for a pod on this node. */
  logs(pod: Pod, opts: LogOptions): string {
    const name = opts.container ?? pod.spec.containers[0]?.name ?? '';
    const podName = pod.metadata.name!;
    if (!this.active || this.cutOff) {
      const why = this.state === 'poweredOff' || this.cutOff ? 'i/o timeout' : 'connect: connection refused';
      throw new ApiError({
        reason: 'InternalError',
        code: 500,
        message: `Get "https://${this.nodeIP}:10250/containerLogs/${pod.metadata.namespace}/${podName}/${name}": dial tcp ${this.nodeIP}:10250: ${why}`,
      });
    }
    const rec = this.workers.records.get(pod.metadata.uid!);
    const c = rec ? this.workers.logTarget(rec, name) : undefined;
    if (!rec || !c) throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ContainerCreating`);
    // kubelet validateContainerLogStatus: which container id the request means.
    const st = containerStatus({ spec: c.spec, snap: c.snap });
    const last = st.lastState.terminated;
    let id: string | undefined;
    if (opts.previous) {
      if (!last?.containerID) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
      id = last.containerID;
    } else if (st.state.running) id = st.containerID;
    else if (st.state.terminated) {
      id = st.state.terminated.containerID || last?.containerID;
      if (!id) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    } else if (last) {
      if (!last.containerID) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
      id = last.containerID;
    } else {
      const reason = st.state.waiting?.reason;
      if (reason === 'ErrImagePull') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
      if (reason === 'ImagePullBackOff') throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${reason ?? 'ContainerCreating'}`);
    }
    const inst = this.runtime.container(id?.replace(/^containerd:\/\//, ''));
    if (!inst) return `unable to retrieve container logs for ${id}`;
    const until = inst.finishedAt ?? this.clock.now();
    const hits = this.workers.hitsFor(rec, c, inst);
    let lines = inst.program.logs(until, () => hits(Math.min(until, inst.stoppedAt ?? until)), inst.stoppedAt);
    if (opts.sinceSeconds !== undefined) {
      const from = this.clock.now() - opts.sinceSeconds * 1000;
      lines = lines.filter((l) => l.at >= from);
    }
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
    let out = lines.map((l) => (opts.timestamps ? `${rfc3339Nano(l.at)} ${l.text}` : l.text)).join('\n');
    if (lines.length) out += '\n';
    if (opts.limitBytes !== undefined && opts.limitBytes >= 0) out = out.slice(0, opts.limitBytes);
    return out;
  }
}

/** Effective pod requests: max(sum of app containers, largest init container), cpu in millicores, memory in bytes. */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  const req = (c: Container, r: string) => {
    const q = c.resources?.requests?.[r] ?? c.resources?.limits?.[r];
    return r === 'cpu' ? milliValue(q ?? '0') : intValue(q ?? '0');
  };
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += req(c, 'cpu');
    memory += req(c, 'memory');
  }
  for (const c of pod.spec.initContainers ?? []) {
    cpu = Math.max(cpu, req(c, 'cpu'));
    memory = Math.max(memory, req(c, 'memory'));
  }
  return { cpu, memory };
}

function stateName(v: unknown): string {
  if (typeof v === 'string') return v;
  const [k, sub] = Object.entries(v as Record<string, unknown>)[0];
  return `${k}.${stateName(sub)}`;
}

/** Go's RFC3339Nano (trailing zeros of the fraction dropped), as `kubectl logs --timestamps` prints. */
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_, f: string) => (f === '000' ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
}

