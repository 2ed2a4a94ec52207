import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../../cli/manifests';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { SCHEDULER_NAME } from '../../../sim/scheduler/profile';
import type { ApiTrace, TraceEvent } from '../../../sim/trace';
import { actorComponent, emptyFlow, enqueue, FLOW_TIMING, hopId, hopsForTrace, litAt, nextChange, pulsing, type Hop } from './flow';

const api = (actor: string, verb: ApiTrace['verb'], resource: string, code = 201, name = 'web'): ApiTrace => ({ type: 'api', at: 0, actor, verb, resource, namespace: 'default', name, code });
const ids = (hops: Hop[]) => hops.map((h) => `${hopId(h)}:${h.kind}`);

describe('hopsForTrace', () => {
  const cases: [string, TraceEvent, string[]][] = [
    ['the editor creates a Deployment', api('clusterlab-editor', 'patch', 'deployments'), ['kubectl>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-controller-manager:watch']],
    ['the deployment controller creates a ReplicaSet', api('kube-controller-manager', 'create', 'replicasets'), ['kube-controller-manager>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-controller-manager:watch']],
    ['the ReplicaSet controller creates a pod', api('kube-controller-manager', 'create', 'pods'), ['kube-controller-manager>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-scheduler:watch']],
    ['the scheduler binds a pod', api(SCHEDULER_NAME, 'bind', 'pods'), ['kube-scheduler>kube-apiserver:call', 'kube-apiserver>etcd:call']],
    ['a pod is scheduled to a node', { type: 'schedule', at: 0, pod: 'default/web-1', result: 'scheduled', node: 'n1' }, ['kube-apiserver>kubelet/n1:watch']],
    ['a pod is unschedulable', { type: 'schedule', at: 0, pod: 'default/web-1', result: 'unschedulable', message: '0/3 nodes are available' }, ['kube-scheduler>kube-scheduler:pulse']],
    ['a scheduling cycle starts', { type: 'schedule-phase', at: 0, pod: 'default/web-1', phase: 'pop', cycle: 1 }, ['kube-scheduler>kube-scheduler:pulse']],
    ['a later scheduling phase', { type: 'schedule-phase', at: 0, pod: 'default/web-1', phase: 'score', cycle: 1 }, []],
    ['the kubelet pulls an image', { type: 'kubelet', at: 0, node: 'n1', pod: 'default/web-1', action: 'Pulling' }, ['kubelet/n1>containerd/n1:call']],
    ['the kubelet starts a container', { type: 'kubelet', at: 0, node: 'n1', pod: 'default/web-1', action: 'Started' }, ['kubelet/n1>containerd/n1:call']],
    ['the kubelet writes pod status', { type: 'kubelet', at: 0, node: 'n1', pod: 'default/web-1', action: 'status', detail: 'Running' }, ['kubelet/n1>kube-apiserver:call', 'kube-apiserver>etcd:call']],
    ['a probe fails', { type: 'kubelet', at: 0, node: 'n1', pod: 'default/web-1', action: 'Unhealthy' }, ['kubelet/n1>kubelet/n1:pulse']],
    ['the endpoints controller updates Endpoints', api('kube-controller-manager', 'update', 'endpoints'), ['kube-controller-manager>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-proxy/*:watch']],
    ['the editor creates a Service', api('clusterlab-editor', 'patch', 'services'), ['kubectl>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-proxy/*:watch']],
    ['a Service is created by a controller', api('kube-controller-manager', 'create', 'services'), ['kube-controller-manager>kube-apiserver:call', 'kube-apiserver>etcd:call', 'kube-apiserver>kube-controller-manager:watch', 'kube-apiserver>kube-proxy/*:watch']],
    ['the UI cordons a node', api('clusterlab-ui', 'patch', 'nodes', 200), ['kubectl>kube-apiserver:call', 'kube-apiserver>etcd:call']],
    ['the cloud node manager deletes a node', api('cloud-node-manager', 'delete', 'nodes', 200), ['cloud-controller-manager>kube-apiserver:call', 'kube-apiserver>etcd:call']],
    ['the editor deletes a Deployment', api('clusterlab-editor', 'delete', 'deployments', 200), ['kubectl>kube-apiserver:call', 'kube-apiserver>etcd:call']],
    ['an invalid apply is rejected', api('clusterlab-editor', 'patch', 'deployments', 422), ['kubectl>kube-apiserver:rejected']],
    ['a controller conflict is a retry, not a hop', api('kube-controller-manager', 'update', 'replicasets', 409), []],
    ['Events are not part of the chain', api('kubelet', 'create', 'events'), []],
    ['lease renewals are not part of the chain', api('kube-controller-manager', 'update', 'leases', 200), []],
    ['kubelet API writes come with a node on the kubelet trace instead', api('kubelet', 'update', 'pods', 200), []],
    ['add-on manager writes are not drawn', api('addon-manager', 'patch', 'deployments', 200), []],
    ['component state changes are not hops', { type: 'component', at: 0, component: 'kubelet/n1', state: 'Running' }, []],
  ];
  it.each(cases)('%s', (_name, event, expected) => {
    expect(ids(hopsForTrace(event))).toEqual(expected);
  });

  it.each([
    ['clusterlab-editor', 'kubectl'],
    ['clusterlab-ui', 'kubectl'],
    ['kubectl', 'kubectl'],
    ['kube-controller-manager', 'kube-controller-manager'],
    ['deployment-controller', 'kube-controller-manager'],
    [SCHEDULER_NAME, 'kube-scheduler'],
    ['cloud-node-manager', 'cloud-controller-manager'],
    ['kubelet', undefined],
    ['addon-manager', undefined],
  ])('actor %s is drawn as %s', (actor, component) => {
    expect(actorComponent(actor)).toBe(component);
  });
});

describe('the chain of a real apply', () => {
  it('follows kubectl -> apiserver -> etcd -> controller-manager -> scheduler -> kubelet -> containerd -> kube-proxy', () => {
    const c = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 1 })] } });
    const events: TraceEvent[] = [];
    c.trace.subscribe((e) => events.push(e));
    const results = applyManifests(
      c.api,
      `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
    );
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    c.advance(60);
    const node = [...c.nodes.keys()][0];
    const hops = events.flatMap(hopsForTrace).map(hopId);
    const chain = [
      'kubectl>kube-apiserver',
      'kube-apiserver>etcd',
      'kube-apiserver>kube-controller-manager',
      'kube-controller-manager>kube-apiserver',
      'kube-apiserver>kube-scheduler',
      'kube-scheduler>kube-apiserver',
      `kube-apiserver>kubelet/${node}`,
      `kubelet/${node}>containerd/${node}`,
      `kubelet/${node}>kube-apiserver`,
      'kube-apiserver>kube-proxy/*',
    ];
    // Each hop of the chain happens, in this order (other hops may come in between).
    let at = 0;
    for (const hop of chain) {
      const i = hops.indexOf(hop, at);
      expect(i, `${hop} after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i + 1;
    }
  });
});

describe('flow timing', () => {
  const h = (from: string, to: string, kind: Hop['kind'] = 'call'): Hop => ({ from, to, kind, label: '' });
  const { stepMs, litMs, maxBacklogMs } = FLOW_TIMING;

  it('plays a chain one step apart, each lit for litMs', () => {
    const s = enqueue(emptyFlow(), [h('a', 'b'), h('b', 'c'), h('c', 'd')], 1000);
    expect(s.hops.map((x) => [x.id, x.start, x.end])).toEqual([
      ['a>b', 1000, 1000 + litMs],
      ['b>c', 1000 + stepMs, 1000 + stepMs + litMs],
      ['c>d', 1000 + 2 * stepMs, 1000 + 2 * stepMs + litMs],
    ]);
    expect(litAt(s, 1000).map((x) => x.id)).toEqual(['a>b']);
    expect(litAt(s, 1000 + stepMs).map((x) => x.id)).toEqual(['a>b', 'b>c']);
    expect(litAt(s, 1000 + litMs + 2 * stepMs).map((x) => x.id)).toEqual([]);
    expect(nextChange(s, 1000)).toBe(1000 + stepMs);
    expect(nextChange(s, 1000 + 2 * stepMs + litMs)).toBeUndefined();
  });

  const cases: [string, () => { state: ReturnType<typeof emptyFlow>; now: number }, [string, number, number][]][] = [
    [
      'a hop already waiting is not queued twice',
      () => ({ state: enqueue(emptyFlow(), [h('a', 'b'), h('b', 'c'), h('b', 'c')], 0), now: 0 }),
      [['a>b', 0, litMs], ['b>c', stepMs, stepMs + litMs]],
    ],
    [
      'a lit hop seen again stays lit longer',
      () => ({ state: enqueue(enqueue(emptyFlow(), [h('a', 'b')], 0), [h('a', 'b')], 1000), now: 1000 }),
      [['a>b', 0, 1000 + litMs]],
    ],
    [
      'a new chain after a pause starts at once',
      () => ({ state: enqueue(enqueue(emptyFlow(), [h('a', 'b')], 0), [h('c', 'd')], 10_000), now: 10_000 }),
      [['c>d', 10_000, 10_000 + litMs]],
    ],
    [
      'beyond the backlog limit, hops show at once',
      () => {
        const many = Array.from({ length: Math.ceil(maxBacklogMs / stepMs) + 3 }, (_, i) => h(`n${i}`, 'api'));
        const state = enqueue(emptyFlow(), many, 0);
        return { state: { ...state, hops: state.hops.slice(-2) }, now: 0 };
      },
      [['n10>api', 0, litMs], ['n11>api', 0, litMs]],
    ],
  ];
  it.each(cases)('%s', (_name, make, expected) => {
    const { state } = make();
    expect(state.hops.map((x) => [x.id, x.start, x.end])).toEqual(expected);
  });

  it('does not change the state it was given', () => {
    const s0 = enqueue(emptyFlow(), [h('a', 'b')], 0);
    const copy = JSON.stringify(s0);
    enqueue(s0, [h('a', 'b'), h('x', 'y')], 500);
    expect(JSON.stringify(s0)).toBe(copy);
  });

  it('pulses both ends of every lit hop', () => {
    const s = enqueue(emptyFlow(), [h('kubectl', 'kube-apiserver'), h('kube-scheduler', 'kube-scheduler', 'pulse')], 0);
    expect([...pulsing(litAt(s, stepMs))].sort()).toEqual(['kube-apiserver', 'kube-scheduler', 'kubectl']);
  });
});
