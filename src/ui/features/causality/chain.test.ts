// The cause-and-effect chain on a seeded cluster: every link read from real trace entries, events
// and objects, with the times at which they happened.
import { describe, expect, it } from 'vitest';
import type { CoreEvent, KubeObject, Pod } from '../../../sim/api/types';
import type { Cluster } from '../../../sim/cluster';
import { createFromYaml, isReady, pods, testCluster, waitFor } from '../../../sim/testing/cluster';
import { causeChain, offsetText, type ChainSources } from './chain';
import { ProvenanceIndex } from './provenance';

const WEB = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        resources:
          requests: {cpu: 100m}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;

function sources(c: Cluster, history: ProvenanceIndex, withSlices = true): ChainSources {
  return {
    get: (resource, namespace, name) => {
      try {
        return c.api.get(resource, namespace, name);
      } catch {
        return undefined;
      }
    },
    list: (resource, namespace) => c.api.list(resource, { namespace }).items,
    events: c.api.list<CoreEvent>('events', {}).items,
    history,
    endpointSlices: withSlices ? c.api.list<KubeObject>('endpointslices', {}).items : undefined,
  };
}

function setup() {
  const c = testCluster();
  c.clock.runUntilIdle();
  const history = new ProvenanceIndex();
  c.trace.subscribe((e) => history.add(e));
  const createdAt = c.clock.now();
  createFromYaml(c, WEB);
  waitFor(c, () => pods(c, 'default', 'app=web').filter(isReady).length === 2, 120);
  c.advance(2); // the endpointslice controller's batch
  return { c, history, createdAt };
}

describe('causeChain', () => {
  it('follows a Deployment pod from kubectl to its Service endpoint, with times in order', () => {
    const { c, history, createdAt } = setup();
    const pod = pods(c, 'default', 'app=web')[0] as Pod;
    const chain = causeChain(sources(c, history), 'pods', 'default', pod.metadata.name!);
    expect(chain.map((l) => l.kind)).toEqual(['created', 'created', 'created', 'scheduled', 'started', 'ready', 'endpoint']);

    const [dep, rs, p, sched, started, ready, endpoint] = chain;
    expect(dep.target).toMatchObject({ resource: 'deployments', kind: 'Deployment', name: 'web' });
    expect(dep.actor).toBe('kubectl');
    expect(dep.at).toBe(createdAt);
    expect(dep.exact).toBe(true);

    const rsName = pod.metadata.ownerReferences![0].name;
    expect(rs.target).toMatchObject({ resource: 'replicasets', kind: 'ReplicaSet', name: rsName });
    expect(rs.actor).toBe('deployment-controller');
    expect(rs.evidence.join('\n')).toContain(`Scaled up replica set ${rsName} from 0 to 2`);
    expect(rs.at!).toBeGreaterThanOrEqual(dep.at!);

    expect(p.target).toMatchObject({ resource: 'pods', kind: 'Pod', name: pod.metadata.name });
    expect(p.actor).toBe('replicaset-controller');
    expect(p.evidence.join('\n')).toContain(`Created pod: ${pod.metadata.name}`);
    expect(p.at!).toBeGreaterThanOrEqual(rs.at!);

    expect(sched.target).toEqual({ resource: 'nodes', kind: 'Node', name: pod.spec.nodeName });
    expect(sched.actor).toBe('default-scheduler');
    expect(sched.exact).toBe(true);
    expect(sched.evidence.join('\n')).toContain(`Successfully assigned default/${pod.metadata.name} to ${pod.spec.nodeName}`);
    expect(sched.at!).toBeGreaterThanOrEqual(p.at!);

    expect(started.target).toEqual({ component: 'kubelet', node: pod.spec.nodeName });
    expect(started.actor).toBe('kubelet');
    expect(started.exact).toBe(true);
    expect(started.evidence.some((e) => e.startsWith('Event Started'))).toBe(true);
    expect(started.at!).toBeGreaterThanOrEqual(sched.at!);

    expect(ready.actor).toBe('kubelet');
    // Timestamps have whole seconds: Ready is in the second the container started, or later.
    expect(ready.at!).toBeGreaterThanOrEqual(Math.floor(started.at! / 1000) * 1000);

    expect(endpoint.target).toMatchObject({ resource: 'services', name: 'web' });
    expect(endpoint.actor).toBe('endpointslice-controller');
    expect(endpoint.summary).toMatch(/^endpoint of Service web \(EndpointSlice web-[a-z0-9]+, by endpointslice-controller\)$/);
    expect(endpoint.at!).toBeGreaterThanOrEqual(ready.at!);
  });

  it('falls back to Endpoints when EndpointSlices are not at hand', () => {
    const { c, history } = setup();
    const pod = pods(c, 'default', 'app=web')[1];
    const chain = causeChain(sources(c, history, false), 'pods', 'default', pod.metadata.name!);
    const endpoint = chain.find((l) => l.kind === 'endpoint')!;
    expect(endpoint.actor).toBe('endpoint-controller');
    expect(endpoint.evidence[0]).toBe(`Endpoints web: ${pod.status!.podIP}`);
  });

  it('without trace history, still builds the chain from events and timestamps (second precision)', () => {
    const { c } = setup();
    const pod = pods(c, 'default', 'app=web')[0];
    const chain = causeChain(sources(c, new ProvenanceIndex()), 'pods', 'default', pod.metadata.name!);
    expect(chain.slice(0, 4).map((l) => l.actor)).toEqual(['unknown', 'deployment-controller', 'replicaset-controller', 'default-scheduler']);
    expect(chain.every((l) => !l.exact)).toBe(true);
    expect(chain[0].at! % 1000).toBe(0);
  });

  it('names the DaemonSet controller and the addon manager for a kube-system add-on pod', () => {
    const c = testCluster();
    c.advance(60);
    const pod = pods(c, 'kube-system').find((p) => p.metadata.name!.startsWith('kube-proxy-'))!;
    const chain = causeChain(sources(c, new ProvenanceIndex()), 'pods', 'kube-system', pod.metadata.name!);
    expect(chain.map((l) => `${l.kind}:${l.actor}`)).toEqual([
      'created:addon-manager',
      'created:daemonset-controller',
      'scheduled:default-scheduler',
      'started:kubelet',
      'ready:kubelet',
    ]);
    expect(chain[0].target).toMatchObject({ kind: 'DaemonSet', name: 'kube-proxy' });
    expect(chain[1].evidence[0]).toBe(`Event on DaemonSet kube-proxy: SuccessfulCreate "Created pod: ${pod.metadata.name}"`);
  });

  it('explains a Pending pod with the scheduler message', () => {
    const c = testCluster();
    c.clock.runUntilIdle();
    const history = new ProvenanceIndex();
    c.trace.subscribe((e) => history.add(e));
    createFromYaml(c, `
apiVersion: v1
kind: Pod
metadata: {name: huge}
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources: {requests: {cpu: "64"}}
`);
    c.advance(5);
    const chain = causeChain(sources(c, history), 'pods', 'default', 'huge');
    expect(chain.map((l) => l.kind)).toEqual(['created', 'pending']);
    expect(chain[0].actor).toBe('kubectl');
    expect(chain[1].actor).toBe('default-scheduler');
    expect(chain[1].summary).toMatch(/^Pending: 0\/3 nodes are available: 3 Insufficient cpu/);
  });

  it('lists a Service\'s EndpointSlices and returns nothing for a missing object', () => {
    const { c, history } = setup();
    const chain = causeChain(sources(c, history), 'services', 'default', 'web');
    expect(chain.map((l) => l.kind)).toEqual(['created', 'endpoint']);
    const names = pods(c, 'default', 'app=web').map((p) => p.metadata.name!).sort();
    expect(chain[1].summary).toContain(names.join(', ').length > 0 ? names[0] : '');
    for (const n of names) expect(chain[1].summary).toContain(n);
    expect(causeChain(sources(c, history), 'pods', 'default', 'nope')).toEqual([]);
  });
});

describe('ProvenanceIndex', () => {
  it('keeps creates past many updates and forgets the least recently written objects', () => {
    const h = new ProvenanceIndex(2);
    h.add({ type: 'api', at: 1, actor: 'x', verb: 'create', resource: 'endpointslices', namespace: 'a', name: 's', code: 201 });
    for (let i = 0; i < 100; i++) h.add({ type: 'api', at: 2 + i, actor: 'x', verb: 'update', resource: 'endpointslices', namespace: 'a', name: 's', code: 200 });
    const w = h.writes('endpointslices', 'a', 's');
    expect(w[0]).toMatchObject({ verb: 'create', at: 1 });
    expect(w.length).toBe(33);
    expect(w[1].at).toBe(70);
    expect(h.complete('endpointslices', 'a', 's')).toBe(false);
    // Pod updates are not read by any chain: only its create is kept.
    h.add({ type: 'api', at: 150, actor: 'kubectl', verb: 'create', resource: 'pods', namespace: 'a', name: 'p', code: 201 });
    h.add({ type: 'api', at: 151, actor: 'kubelet', verb: 'patch', resource: 'pods', namespace: 'a', name: 'p', code: 200 });
    expect(h.writes('pods', 'a', 'p').map((x) => x.verb)).toEqual(['create']);
    expect(h.complete('pods', 'a', 'p')).toBe(true);
    h.add({ type: 'api', at: 201, actor: 'x', verb: 'create', resource: 'events', namespace: 'a', name: 'e', code: 201 });
    h.add({ type: 'api', at: 202, actor: 'x', verb: 'create', resource: 'pods', namespace: 'a', name: 'r', code: 201 });
    expect(h.size).toBe(2);
    expect(h.writes('endpointslices', 'a', 's')).toEqual([]);
    expect(h.writes('events', 'a', 'e')).toEqual([]);
  });

  it('forgets what an abandoned branch did when the trace goes back in time (a rewind)', () => {
    const h = new ProvenanceIndex();
    h.add({ type: 'api', at: 1000, actor: 'kubectl', verb: 'create', resource: 'pods', namespace: 'a', name: 'p', code: 201 });
    h.add({ type: 'api', at: 5000, actor: 'default-scheduler', verb: 'bind', resource: 'pods', namespace: 'a', name: 'p', code: 201 });
    h.add({ type: 'schedule', at: 5000, pod: 'a/p', result: 'scheduled', node: 'n1' });
    h.add({ type: 'api', at: 2000, actor: 'kubectl', verb: 'create', resource: 'pods', namespace: 'a', name: 'q', code: 201 });
    expect(h.writes('pods', 'a', 'p').map((w) => w.verb)).toEqual(['create']);
    expect(h.podSteps('a/p')).toEqual([]);
    expect(h.writes('pods', 'a', 'q')).toHaveLength(1);
  });

  it('offsetText shows milliseconds for short gaps', () => {
    expect(offsetText(1012, 1000)).toBe('+0.012 s');
    expect(offsetText(61_000, 1000)).toBe('+60.0 s');
    expect(offsetText(undefined, 1000)).toBe('');
  });
});
