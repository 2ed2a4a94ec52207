import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { CoreEvent, KubeObject, Node, Pod } from '../../../sim/api/types';
import { loadKubectl, SimHost } from '../../../worker/host';
import type { ComponentState, Replies, Request, WorkerMessage } from '../../../worker/protocol';
import {
  componentStateIds,
  containerRows,
  containerStateText,
  containersOnNode,
  eventSourcesFor,
  eventsForComponent,
  eventsForObject,
  newestFirst,
  nodeActionsEnabled,
  nodeLabelFacts,
  nodePools,
  nodeStatusText,
  objectFacts,
  podStatusText,
  podsByPhase,
  selectionFor,
  selectionTitle,
  splitCode,
  withoutManagedFields,
} from './inspect';
import { objectYaml } from './yamltext';

// The kubectl engine loads on demand in the worker; tests load it up front.
await loadKubectl();

/** A real simulated cluster behind the worker's host, driven synchronously. */
function startHost() {
  const replies: WorkerMessage[] = [];
  const host = new SimHost((m) => replies.push(m));
  let id = 0;
  function req<O extends Request['op']>(r: Extract<Request, { op: O }>): Replies[O] {
    host.handle({ id: ++id, req: r });
    const m = replies.filter((x) => x.type === 'response').pop()!;
    if (m.type !== 'response' || !m.ok) throw new Error(m.type === 'response' && !m.ok ? m.error.message : 'no reply');
    return m.result as Replies[O];
  }
  return req;
}

type Req = ReturnType<typeof startHost>;
let req: Req;
const list = <T extends KubeObject>(resource: string) => req({ op: 'list', resource }).items as T[];

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
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
`;

beforeAll(() => {
  req = startHost();
  req({ op: 'init', options: { seed: 3, paused: true } });
  req({ op: 'clock', control: { action: 'advance', seconds: 30 } });
  req({ op: 'apply', yaml: WEB });
  req({ op: 'clock', control: { action: 'advance', seconds: 30 } });
});

describe('events', () => {
  test("a pod's events: scheduler then kubelet, newest first", () => {
    const pod = list<Pod>('pods').find((p) => p.metadata.name!.startsWith('web-'))!;
    const events = eventsForObject(list<CoreEvent>('events'), { kind: 'Pod', namespace: 'default', name: pod.metadata.name! });
    const reasons = events.map((e) => e.reason);
    expect(reasons).toContain('Scheduled');
    expect(reasons).toContain('Started');
    // Newest first: Started comes before (above) Scheduled.
    expect(reasons.indexOf('Started')).toBeLessThan(reasons.indexOf('Scheduled'));
    expect(events.every((e) => e.involvedObject.name === pod.metadata.name)).toBe(true);
  });

  test("a node's events have no namespace on the involved object and still match", () => {
    const node = list<Node>('nodes')[0];
    const events = eventsForObject(list<CoreEvent>('events'), { kind: 'Node', name: node.metadata.name! });
    expect(events.map((e) => e.reason)).toContain('Starting');
  });

  test('component events by source: the scheduler, one node\'s kubelet, the controllers', () => {
    const events = list<CoreEvent>('events');
    const sched = eventsForComponent(events, eventSourcesFor('kube-scheduler', []));
    expect(sched.length).toBeGreaterThan(0);
    expect(sched.every((e) => e.source?.component === 'default-scheduler')).toBe(true);
    const node = list<Node>('nodes')[1].metadata.name!;
    const kubelet = eventsForComponent(events, eventSourcesFor('kubelet', []), node);
    expect(kubelet.length).toBeGreaterThan(0);
    expect(kubelet.every((e) => e.source?.host === node)).toBe(true);
    const kcm = eventsForComponent(events, eventSourcesFor('kube-controller-manager', ['deployment-controller', 'replicaset-controller', 'service-controller']));
    expect(kcm.map((e) => e.reason)).toContain('ScalingReplicaSet');
    expect(eventSourcesFor('kube-controller-manager', ['service-controller'])).not.toContain('service-controller');
    expect(eventsForComponent(events, eventSourcesFor('containerd', []))).toEqual([]);
  });

  test('ties in time are ordered by resourceVersion, newest first', () => {
    const ev = (rv: string): CoreEvent => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: rv, resourceVersion: rv }, involvedObject: {}, lastTimestamp: '2025-01-01T00:00:00Z' });
    expect(newestFirst([ev('5'), ev('12'), ev('7')]).map((e) => e.metadata.name)).toEqual(['12', '7', '5']);
  });
});

describe('YAML', () => {
  test('managedFields are left out, like kubectl get -o yaml', () => {
    const d = req({ op: 'get', resource: 'deployments', namespace: 'default', name: 'web' });
    expect(d.metadata.managedFields?.length).toBeGreaterThan(0);
    const y = objectYaml(d);
    expect(y).not.toMatch(/managedFields/);
    expect(parse(y).spec.replicas).toBe(2);
    expect(d.metadata.managedFields).toBeDefined(); // the mirror's object is not changed
    const plain = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };
    expect(withoutManagedFields(plain)).toBe(plain);
  });
});

describe('pods and containers', () => {
  test('container rows of a running pod', () => {
    const pod = list<Pod>('pods').find((p) => p.metadata.name!.startsWith('web-'))!;
    expect(podStatusText(pod)).toBe('Running');
    expect(containerRows(pod)).toEqual([{ name: 'nginx', init: false, image: 'nginx:1.27', state: 'Running', tone: 'ok', ready: true, restarts: 0, lastState: undefined }]);
  });

  test('state texts and the STATUS column for waiting and failing containers', () => {
    expect(containerStateText({ waiting: { reason: 'CrashLoopBackOff' } })).toBe('Waiting: CrashLoopBackOff');
    expect(containerStateText({ terminated: { exitCode: 137, reason: 'OOMKilled' } })).toBe('Terminated: OOMKilled (exit 137)');
    const pod: Pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { nodeName: 'n', containers: [{ name: 'c', image: 'i' }] },
      status: { phase: 'Running', containerStatuses: [{ name: 'c', state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error' } }, ready: false, restartCount: 4, image: 'i', imageID: '' }] },
    };
    expect(podStatusText(pod)).toBe('CrashLoopBackOff');
    expect(containerRows(pod)[0]).toMatchObject({ tone: 'bad', restarts: 4, lastState: 'Terminated: Error (exit 1)' });
    const unscheduled: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } };
    expect(podStatusText(unscheduled)).toBe('Pending');
    expect(containerRows(unscheduled)[0].state).toMatch(/not scheduled/);
  });

  test('containers on a node come from the pods bound to it', () => {
    const pods = list<Pod>('pods');
    const node = list<Node>('nodes')[0].metadata.name!;
    const rows = containersOnNode(pods, node);
    const expected = pods.filter((p) => p.spec.nodeName === node).reduce((n, p) => n + (p.status?.containerStatuses?.length ?? 0), 0);
    expect(rows.length).toBe(expected);
    expect(rows.some((r) => r.pod.startsWith('kube-proxy-'))).toBe(true);
    expect(podsByPhase(pods).Running).toBe(pods.length);
  });
});

describe('nodes', () => {
  test('status text, AKS label facts and pools', () => {
    const nodes = list<Node>('nodes');
    expect(nodeStatusText(nodes[0])).toBe('Ready');
    const facts = Object.fromEntries(nodeLabelFacts(nodes[0]));
    expect(facts['Node pool']).toBe('nodepool1');
    expect(facts['VM size']).toBe('Standard_DS2_v2');
    expect(nodePools(nodes)).toEqual([{ name: 'nodepool1', mode: 'system', vmSize: 'Standard_DS2_v2', nodes: 3, ready: 3 }]);
  });

  test('cordon shows SchedulingDisabled and flips which of cordon/uncordon applies', () => {
    const name = list<Node>('nodes')[2].metadata.name!;
    req({ op: 'node', node: { action: 'cordon', node: name } });
    const node = req({ op: 'get', resource: 'nodes', name }) as Node;
    expect(nodeStatusText(node)).toBe('Ready,SchedulingDisabled');
    const en = nodeActionsEnabled(node, 'running.ready');
    expect(en.cordon).toBe(false);
    expect(en.uncordon).toBe(true);
    req({ op: 'node', node: { action: 'uncordon', node: name } });
  });

  test('kubelet state decides the VM actions; unknown state leaves them to the simulation', () => {
    const node = list<Node>('nodes')[1];
    const name = node.metadata.name!;
    req({ op: 'node', node: { action: 'stop-kubelet', node: name } });
    const states = req({ op: 'components' });
    const [kubelet] = componentStateIds('kubelet', name, states);
    expect(kubelet).toMatchObject({ id: `kubelet/${name}`, state: 'stopped' });
    const en = nodeActionsEnabled(node, kubelet.state);
    expect(en['stop-kubelet']).toBe(false);
    expect(en['start-kubelet']).toBe(true);
    expect(en['power-on']).toBe(false);
    expect(nodeActionsEnabled(node, 'poweredOff')['power-on']).toBe(true);
    expect(nodeActionsEnabled(node, undefined).uncordon).toBe(false); // the node is schedulable
    expect(nodeActionsEnabled(node, undefined)['start-kubelet']).toBe(true);
    expect(Object.values(nodeActionsEnabled(undefined, 'running.ready')).some(Boolean)).toBe(false);
    req({ op: 'node', node: { action: 'start-kubelet', node: name } });
  });
});

describe('component states', () => {
  test('which statecharts describe each component', () => {
    const states: ComponentState[] = req({ op: 'components' });
    expect(componentStateIds('kube-scheduler', undefined, states).map((s) => s.id)).toEqual(['kube-scheduler']);
    const kcm = componentStateIds('kube-controller-manager', undefined, states).map((s) => s.id);
    expect(kcm).toContain('controller/deployment-controller');
    expect(kcm).not.toContain('controller/service-controller');
    expect(componentStateIds('cloud-controller-manager', undefined, states).map((s) => s.id)).toEqual(['controller/service-controller']);
    expect(componentStateIds('kubelet', undefined, states)).toHaveLength(3);
    expect(componentStateIds('etcd', undefined, states)[0].detail?.revision).toBeGreaterThan(0);
    // No statechart in the simulation: the inspector shows other live facts instead.
    expect(componentStateIds('kube-apiserver', undefined, states)).toEqual([]);
    expect(componentStateIds('containerd', 'x', states)).toEqual([]);
  });
});

describe('facts and names', () => {
  test('Deployment and Service facts', () => {
    const d = req({ op: 'get', resource: 'deployments', namespace: 'default', name: 'web' });
    const f = Object.fromEntries(objectFacts(d));
    expect(f['Replicas (desired)']).toBe('2');
    expect(f.Ready).toBe('2');
    const svc = req({ op: 'get', resource: 'services', namespace: 'kube-system', name: 'kube-dns' });
    const ep = req({ op: 'get', resource: 'endpoints', namespace: 'kube-system', name: 'kube-dns' });
    const sf = Object.fromEntries(objectFacts(svc, ep));
    expect(sf['Cluster IP']).toBe('10.0.0.10');
    expect(sf.Endpoints).toBe('2 ready, 0 not ready');
  });

  test('selections and titles', () => {
    expect(selectionFor('Pod', 'default', 'web-1')).toEqual({ kind: 'object', resource: 'pods', key: 'default/web-1' });
    expect(selectionFor('Node', undefined, 'n1')).toEqual({ kind: 'object', resource: 'nodes', key: 'n1' });
    expect(selectionFor('Lease', 'kube-node-lease', 'n1')).toBeUndefined();
    expect(selectionTitle({ kind: 'object', resource: 'pods', key: 'default/web-1' })).toBe('Pod web-1');
    expect(selectionTitle({ kind: 'component', component: 'kubelet', node: 'n1' })).toBe('kubelet on n1');
    expect(selectionTitle(undefined)).toBe('Cluster overview');
  });

  test('backticks mark code in explainer text', () => {
    expect(splitCode('run `kubectl get pods` now')).toEqual([
      { text: 'run ', code: false },
      { text: 'kubectl get pods', code: true },
      { text: ' now', code: false },
    ]);
    expect(splitCode('an odd ` backtick')).toEqual([{ text: 'an odd ` backtick', code: false }]);
  });
});
