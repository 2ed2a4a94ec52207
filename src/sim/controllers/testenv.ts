// Test helpers for controller unit tests against a bare API server (no scheduler, no kubelets):
// the tests play those parts themselves with `bind` and `updateStatus`.

import type { KubeObject, Node, Pod, Service } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { Clock } from '../clock';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/informer';
import { Random } from '../random';
import { Trace } from '../trace';
import { deepClone } from '../util/json';
import type { Controller, ControllerContext } from './controller';
import { POD_UPDATES_BATCH_MS } from './endpointutil';

export interface TestEnv {
  clock: Clock;
  random: Random;
  api: ApiServer;
  ctx: ControllerContext;
  /** Start the controllers and the informers, and let everything settle. */
  start(...controllers: Controller[]): void;
  /**
   * Run what is due now and what the controllers batch for a moment (pod updates, 100 ms), or
   * advance the clock by `seconds` (in 1 s steps) and run what fell due.
   */
  settle(seconds?: number): void;
  namespace(name: string): void;
  node(name: string, zone?: string): Node;
  /** A pod that is scheduled to `node`, running with `ip`, Ready or not. */
  pod(name: string, opts: PodOpts): Pod;
  setReady(namespace: string, name: string, ready: boolean): Pod;
  service(name: string, spec: Partial<Service['spec']>, namespace?: string, labels?: Record<string, string>): Service;
  events(namespace?: string): KubeObject[];
}

export interface PodOpts {
  namespace?: string;
  labels?: Record<string, string>;
  node?: string;
  ip?: string;
  ready?: boolean;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  ownerReferences?: KubeObject['metadata']['ownerReferences'];
  hostname?: string;
  subdomain?: string;
  terminationGracePeriodSeconds?: number;
}

export function testEnv(seed = 1): TestEnv {
  const clock = new Clock();
  const random = new Random(seed);
  const api = new ApiServer({ clock, random, trace: new Trace(), freezeObjects: true });
  const client = api.client('kube-controller-manager');
  const informers = new InformerFactory(client);
  const ctx: ControllerContext = { client, clock, informers, recorder: (component) => new EventRecorder(client, clock, { component }) };

  const env: TestEnv = {
    clock,
    random,
    api,
    ctx,
    start(...controllers) {
      for (const c of controllers) c.start();
      informers.start();
      clock.runUntilIdle();
    },
    settle(seconds = 0) {
      clock.runUntilIdle();
      for (let i = 0; i < seconds; i++) clock.advance(1000);
      clock.advance(POD_UPDATES_BATCH_MS);
      clock.runUntilIdle();
    },
    namespace(name) {
      api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
    },
    node(name, zone) {
      const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
      if (zone) labels['topology.kubernetes.io/zone'] = zone;
      return api.create<Node>('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} });
    },
    pod(name, o) {
      const namespace = o.namespace ?? 'default';
      const spec: Pod['spec'] = { containers: [{ name: 'app', image: 'nginx:1.27', ports: o.ports }] };
      if (o.hostname) spec.hostname = o.hostname;
      if (o.subdomain) spec.subdomain = o.subdomain;
      if (o.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
      let pod = api.create<Pod>('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: o.labels, ownerReferences: o.ownerReferences }, spec });
      if (!o.node) return pod;
      api.bind(namespace, name, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { apiVersion: 'v1', kind: 'Node', name: o.node } });
      if (!o.ip) return api.get<Pod>('pods', namespace, name);
      pod = deepClone(api.get<Pod>('pods', namespace, name));
      const now = clock.nowISO();
      pod.status = {
        ...pod.status,
        phase: 'Running',
        hostIP: '10.224.0.4',
        hostIPs: [{ ip: '10.224.0.4' }],
        podIP: o.ip,
        podIPs: [{ ip: o.ip }],
        startTime: now,
        conditions: [
          ...(pod.status?.conditions ?? []),
          { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
          { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: now },
          { type: 'ContainersReady', status: o.ready === false ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: now },
        ],
      };
      return api.updateStatus<Pod>('pods', pod);
    },
    setReady(namespace, name, ready) {
      const pod = deepClone(api.get<Pod>('pods', namespace, name));
      const now = clock.nowISO();
      for (const c of pod.status?.conditions ?? []) {
        if (c.type === 'Ready' || c.type === 'ContainersReady') {
          c.status = ready ? 'True' : 'False';
          c.lastTransitionTime = now;
        }
      }
      return api.updateStatus<Pod>('pods', pod);
    },
    service(name, spec, namespace = 'default', labels) {
      return api.create<Service>('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, labels }, spec: { ports: [{ port: 80 }], ...spec } as Service['spec'] });
    },
    events(namespace = 'default') {
      return api.list('events', { namespace }).items;
    },
  };
  env.namespace('default');
  env.namespace('kube-system');
  return env;
}
