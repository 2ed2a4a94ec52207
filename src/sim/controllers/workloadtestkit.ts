// Test kit for the workload controller tests: a bare API server, the controllers under test, and a
// tiny fake scheduler + kubelet (the real ones live elsewhere) that bind pods, run them, finish
// them and complete graceful deletions, all on the virtual clock. Not used by the simulation.

import type { KubeObject, Node, Pod, Taint } from '../api/types';
import { ApiServer, type ApiClient } from '../apiserver/apiserver';
import { Clock } from '../clock';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/informer';
import { Random } from '../random';
import { Trace } from '../trace';
import { deepClone } from '../util/json';
import type { Controller, ControllerContext } from './controller';

export type PodFate = { kind: 'run'; ready?: boolean } | { kind: 'succeed'; afterSeconds: number } | { kind: 'fail'; afterSeconds: number; exitCode?: number };

export class WorkloadEnv {
  readonly clock = new Clock();
  readonly random = new Random(1);
  readonly trace = new Trace();
  readonly api: ApiServer;
  readonly admin: ApiClient;
  readonly informers: InformerFactory;
  readonly ctx: ControllerContext;
  /** What the fake kubelet does with a pod; Running and Ready by default. */
  fate: (pod: Pod) => PodFate = () => ({ kind: 'run' });
  /** Pods the fake kubelet keeps not Ready (by name) while running, whatever their fate. */
  readonly notReady = new Set<string>();
  private readonly started = new Map<string, number>();
  private nodeRR = 0;

  constructor() {
    this.api = new ApiServer({ clock: this.clock, random: this.random, trace: this.trace, freezeObjects: true });
    this.admin = this.api.client('test');
    for (const ns of ['default', 'kube-system']) {
      this.admin.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      this.admin.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    }
    const client = this.api.client('kube-controller-manager');
    this.informers = new InformerFactory(client);
    this.ctx = {
      client,
      clock: this.clock,
      informers: this.informers,
      recorder: (component) => new EventRecorder(this.api.client(component), this.clock, { component }),
    };
  }

  start(...controllers: Controller[]): void {
    for (const c of controllers) c.start();
    this.informers.start();
    this.clock.runUntilIdle();
    this.tick();
  }

  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  /** A Ready node, as the kubelet and the node lifecycle controller leave it (no not-ready taint). */
  addNode(name: string, opts: { labels?: Record<string, string>; taints?: Taint[] } = {}): Node {
    this.admin.create('nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}) } },
      spec: {},
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }] },
    });
    const node = this.admin.get<Node>('nodes', undefined, name);
    const upd = deepClone(node);
    upd.spec = { ...upd.spec, taints: opts.taints?.length ? opts.taints : undefined };
    return this.admin.update<Node>('nodes', upd);
  }

  pods(labelSelector?: string, namespace = 'default'): Pod[] {
    return this.admin.list<Pod>('pods', { namespace, labelSelector }).items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  get<T extends KubeObject = KubeObject>(resource: string, name: string, namespace = 'default'): T {
    return this.admin.get<T>(resource, namespace, name);
  }

  events(name?: string, namespace = 'default'): { reason: string; message: string; type: string; component: string }[] {
    return this.admin
      .list('events', { namespace })
      .items.filter((e) => !name || e.involvedObject?.name === name)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
      .map((e) => ({ reason: e.reason, message: e.message, type: e.type, component: e.source?.component }));
  }

  /** Mark a running pod Ready (or not). */
  setReady(name: string, ready: boolean): void {
    if (ready) this.notReady.delete(name);
    else this.notReady.add(name);
  }

  // ------------------------------------------------------------------ fake scheduler + kubelet

  private tick(): void {
    this.clock.schedule(() => {
      this.step();
      this.tick();
    }, 500, 'fake kubelet');
  }

  private step(): void {
    const nodes = this.admin.list<Node>('nodes').items.map((n) => n.metadata.name!).sort();
    for (const ns of ['default', 'kube-system']) {
      for (const pod of this.admin.list<Pod>('pods', { namespace: ns }).items) this.stepPod(pod, nodes);
    }
  }

  private stepPod(pod: Pod, nodes: string[]): void {
    const name = pod.metadata.name!;
    const ns = pod.metadata.namespace!;
    const now = this.clock.now();
    if (pod.metadata.deletionTimestamp) {
      // The kubelet stops the containers and finishes the deletion.
      if ((pod.metadata.deletionGracePeriodSeconds ?? 0) > 0) this.admin.delete('pods', ns, name, { gracePeriodSeconds: 0 });
      return;
    }
    if (!pod.spec.nodeName) {
      const pinned = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0];
      const node = pinned ?? nodes[this.nodeRR++ % Math.max(1, nodes.length)];
      if (node && nodes.includes(node)) this.admin.bind(ns, name, node, pod.metadata.uid);
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const fate = this.fate(pod);
    const uid = pod.metadata.uid!;
    if (phase === 'Pending') {
      this.started.set(uid, now);
      this.writeStatus(pod, 'Running', !this.notReady.has(name) && (fate.kind !== 'run' || fate.ready !== false));
      return;
    }
    if (fate.kind !== 'run' && now - (this.started.get(uid) ?? now) >= fate.afterSeconds * 1000) {
      this.writeStatus(pod, fate.kind === 'succeed' ? 'Succeeded' : 'Failed', false, fate.kind === 'succeed' ? 0 : fate.exitCode ?? 1);
      return;
    }
    const wantReady = !this.notReady.has(name) && (fate.kind !== 'run' || fate.ready !== false);
    const isReady = (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    if (wantReady !== isReady) this.writeStatus(pod, 'Running', wantReady);
  }

  private writeStatus(pod: Pod, phase: 'Running' | 'Succeeded' | 'Failed', ready: boolean, exitCode?: number): void {
    const now = this.clock.nowISO();
    const upd = deepClone(pod);
    const cond = (type: string, status: boolean) => ({ type, status: status ? ('True' as const) : ('False' as const), lastProbeTime: null, lastTransitionTime: now });
    const terminated = exitCode !== undefined;
    upd.status = {
      ...upd.status,
      phase,
      conditions: [cond('PodReadyToStartContainers', !terminated), cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
      hostIP: '10.224.0.4',
      podIP: '10.244.0.10',
      startTime: upd.status?.startTime ?? now,
      containerStatuses: upd.spec.containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        imageID: '',
        ready,
        restartCount: 0,
        started: !terminated,
        state: terminated
          ? { terminated: { exitCode: exitCode!, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: upd.status?.startTime ?? now, finishedAt: now } }
          : { running: { startedAt: now } },
        lastState: {},
      })),
    };
    this.admin.updateStatus('pods', upd);
  }
}
