// Test helpers: a bare API server with the default namespace and ServiceAccount, and Nodes as a
// kubelet would register them (allocatable, Ready), without any kubelet.

import type { KubeObject, Node, Pod } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { deepClone } from '../util/json';
import { Scheduler } from './scheduler';

export interface TestEnv {
  api: ApiServer;
  clock: Clock;
  trace: Trace;
  scheduler: Scheduler;
}

export function testEnv(opts: { start?: boolean; percentageOfNodesToScore?: number; freeze?: boolean } = {}): TestEnv {
  const clock = new Clock();
  const trace = new Trace();
  const api = new ApiServer({ clock, random: new Random(1), trace, freezeObjects: opts.freeze ?? true });
  for (const ns of ['default', 'kube-system']) {
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  const scheduler = new Scheduler({ api, clock, trace, percentageOfNodesToScore: opts.percentageOfNodesToScore });
  if (opts.start ?? true) scheduler.start();
  return { api, clock, trace, scheduler };
}

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  taints?: Node['spec']['taints'];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
}

/** A Ready node (the not-ready taint admission adds is removed, as the node lifecycle controller would). */
export function addNode(api: ApiServer, n: NodeSpec): Node {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': '0', ...(n.labels ?? {}) } },
    spec: { unschedulable: n.unschedulable || undefined },
    status: {
      capacity: { cpu: n.cpu ?? '2', memory: n.memory ?? '7Gi', pods: String(n.pods ?? 110) },
      allocatable: { cpu: n.cpu ?? '1900m', memory: n.memory ?? '5Gi', pods: String(n.pods ?? 110) },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      images: n.images,
    },
  };
  const created = api.create<Node>('nodes', node);
  const obj = deepClone(created);
  obj.spec.taints = n.taints;
  if (!obj.spec.taints) delete obj.spec.taints;
  return api.update<Node>('nodes', obj);
}

export function podSpec(name: string, opts: { cpu?: string; memory?: string; labels?: Record<string, string>; spec?: Partial<Pod['spec']>; namespace?: string } = {}): KubeObject {
  const requests: Record<string, string> = {};
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', labels: opts.labels },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', resources: Object.keys(requests).length ? { requests } : undefined }],
      ...(opts.spec ?? {}),
    },
  };
}

export function addPod(api: ApiServer, name: string, opts: Parameters<typeof podSpec>[1] = {}): Pod {
  return api.create<Pod>('pods', podSpec(name, opts));
}

export function getPod(api: ApiServer, name: string, namespace = 'default'): Pod {
  return api.get<Pod>('pods', namespace, name);
}

export function eventsFor(api: ApiServer, name: string, namespace = 'default'): KubeObject[] {
  return api.list('events', { namespace }).items.filter((e) => e.involvedObject?.name === name);
}

/** Run everything due now (watch deliveries, scheduling cycles). */
export function settle(env: TestEnv, ms = 0): void {
  env.clock.runUntilIdle();
  if (ms) env.clock.advance(ms);
}
