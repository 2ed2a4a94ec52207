// A bare API server with one or more kubelets, for the node agents' unit tests (no scheduler,
// no controllers: tests bind pods themselves with api.bind).

import { buildNode } from '../aks/nodes';
import { defaultPool, defaultSpec } from '../aks/spec';
import type { CoreEvent, Node, Pod } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { Kubelet } from './kubelet';

export interface NodeTestEnv {
  clock: Clock;
  random: Random;
  api: ApiServer;
  trace: Trace;
  nodeTemplate(index: number, podCIDR?: string): Node;
  kubelet(index?: number, opts?: { podCIDR?: string | null; maxPods?: number }): Kubelet;
  /** Create a pod in `default` and bind it to `node`. */
  run(pod: Partial<Pod> & { metadata: Pod['metadata']; spec: Pod['spec'] }, node: string): Pod;
  pod(name: string, namespace?: string): Pod | undefined;
  events(name: string): CoreEvent[];
  /** Advance virtual time by `seconds`. */
  advance(seconds: number): void;
  /** Seconds since the env was created. */
  t(): number;
}

export function nodeTestEnv(seed = 1): NodeTestEnv {
  const clock = new Clock();
  const random = new Random(seed);
  const trace = new Trace();
  const api = new ApiServer({ clock, random, trace, freezeObjects: true });
  for (const ns of ['default', 'kube-system', 'kube-node-lease']) {
    if (!api.tryGet('namespaces', undefined, ns)) api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (const ns of ['default', 'kube-system']) {
    if (!api.tryGet('serviceaccounts', ns, 'default')) api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  const spec = defaultSpec();
  const start = clock.now();
  const env: NodeTestEnv = {
    clock,
    random,
    api,
    trace,
    nodeTemplate(index, podCIDR) {
      const node = buildNode(spec, { name: `aks-nodepool1-12345678-vmss${String(index).padStart(6, '0')}`, pool: defaultPool(), index, subnetIndex: index }, '00000000-0000-0000-0000-000000000000', random);
      if (podCIDR) node.spec.podCIDR = podCIDR;
      if (podCIDR) node.spec.podCIDRs = [podCIDR];
      return node;
    },
    kubelet(index = 0, opts = {}) {
      const cidr = opts.podCIDR === null ? undefined : opts.podCIDR ?? `10.244.${index}.0/24`;
      const k = new Kubelet({ api, clock, random, trace, node: env.nodeTemplate(index, cidr), maxPods: opts.maxPods });
      k.start();
      clock.runUntilIdle();
      return k;
    },
    run(pod, node) {
      const created = api.create<Pod>('pods', { apiVersion: 'v1', kind: 'Pod', ...pod }, { namespace: pod.metadata.namespace ?? 'default' });
      api.bind(created.metadata.namespace!, created.metadata.name!, { apiVersion: 'v1', kind: 'Binding', metadata: { name: created.metadata.name }, target: { apiVersion: 'v1', kind: 'Node', name: node } });
      clock.runUntilIdle();
      return api.get<Pod>('pods', created.metadata.namespace, created.metadata.name!);
    },
    pod(name, namespace = 'default') {
      return api.tryGet<Pod>('pods', namespace, name);
    },
    events(name) {
      return api
        .list<CoreEvent>('events', { namespace: 'default' })
        .items.filter((e) => e.involvedObject.name === name)
        .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
    },
    advance(seconds) {
      clock.advance(seconds * 1000);
    },
    t() {
      return (clock.now() - start) / 1000;
    },
  };
  return env;
}
