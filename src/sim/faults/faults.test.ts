// Scenario tests for fault injection: a seeded cluster, virtual time, and the consequences
// Kubernetes itself produces (FACTS.md timings).

import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/errors';
import type { Lease, Node, Pod } from '../api/types';
import { createFromYaml, isReady, pods, testCluster, waitFor } from '../testing/cluster';
import type { Cluster } from '../cluster';

const DEPLOYMENT = (replicas: number, image = 'nginx:1.27') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: ${image}, resources: {requests: {cpu: 50m, memory: 32Mi}}}]
`;

const POD = (name: string, image = 'nginx:1.27', extra = '') => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - name: app
    image: ${image}
    resources: {limits: {memory: 128Mi}}
${extra}`;

function ready(c: Cluster, node: string): string | undefined {
  return c.api.get<Node>('nodes', undefined, node).status?.conditions?.find((x) => x.type === 'Ready')?.status;
}

function pod(c: Cluster, name: string): Pod {
  return c.api.get<Pod>('pods', 'default', name);
}

function events(c: Cluster, name: string): { reason: string; message: string }[] {
  return c.api.list('events', { namespace: 'default' }).items.filter((e: any) => e.involvedObject?.name === name).map((e: any) => ({ reason: e.reason, message: e.message }));
}

function webReady(c: Cluster, n: number): boolean {
  return pods(c, 'default', 'app=web').filter((p) => isReady(p) && !p.metadata.deletionTimestamp).length === n;
}

describe('node faults', () => {
  it('partition: Lease stops, node Unknown after the grace period, pods keep running, evicted after 300 s; heal resyncs', () => {
    const c = testCluster();
    createFromYaml(c, DEPLOYMENT(6));
    waitFor(c, () => webReady(c, 6));
    const victim = pods(c, 'default', 'app=web')[0].spec.nodeName!;
    const onVictim = pods(c, 'default', 'app=web').filter((p) => p.spec.nodeName === victim).map((p) => p.metadata.name);
    const renewBefore = c.api.get<Lease>('leases', 'kube-node-lease', victim).spec.renewTime;
    const start = c.clock.now();
    const r = c.faults.apply({ kind: 'partition', target: victim, on: true });
    expect(r.message).toContain('cut off');
    expect(r.active).toContainEqual({ kind: 'partition', target: victim });
    const after = waitFor(c, () => ready(c, victim) === 'Unknown', 120);
    expect(after).toBeGreaterThanOrEqual(40);
    expect(after).toBeLessThanOrEqual(60);
    expect(c.api.get<Lease>('leases', 'kube-node-lease', victim).spec.renewTime).toBe(renewBefore);
    const cond = c.api.get<Node>('nodes', undefined, victim).status!.conditions!.find((x) => x.type === 'Ready')!;
    expect(cond.message).toBe('Kubelet stopped posting node status.');
    // The kubelet still runs its containers: the node is cut off, not dead.
    const kubelet = c.nodes.get(victim)!.kubelet;
    expect(kubelet.state).toBe('running.ready');
    expect(kubelet.pods.filter((p) => p.containers.every((x) => x.snap.value === 'running')).length).toBeGreaterThanOrEqual(onVictim.length);
    // Not evicted before the 300 s toleration...
    c.advance(200);
    expect(pods(c, 'default', 'app=web').filter((p) => onVictim.includes(p.metadata.name) && !p.metadata.deletionTimestamp).length).toBe(onVictim.length);
    // ...then marked for deletion (Terminating: the kubelet cannot confirm) and replaced elsewhere.
    waitFor(c, () => onVictim.every((n) => pods(c).find((p) => p.metadata.name === n)?.metadata.deletionTimestamp), 200);
    expect((c.clock.now() - start) / 1000).toBeGreaterThan(340);
    waitFor(c, () => webReady(c, 6), 120);
    expect(onVictim.every((n) => pods(c).some((p) => p.metadata.name === n))).toBe(true);
    // Heal: the kubelet reconnects, posts Ready, finishes the evicted pods' deletion.
    c.faults.apply({ kind: 'partition', target: victim, on: false });
    expect(c.faults.active()).toEqual([]);
    waitFor(c, () => ready(c, victim) === 'True', 30);
    waitFor(c, () => onVictim.every((n) => !pods(c).some((p) => p.metadata.name === n)), 60);
    waitFor(c, () => (c.api.get<Node>('nodes', undefined, victim).spec.taints ?? []).length === 0, 10);
  });

  it('power-off and stop-kubelet are faults too, healed by power-on and start', () => {
    const c = testCluster();
    const node = [...c.nodes.keys()][1];
    c.faults.apply({ kind: 'power-off', target: node, on: true });
    expect(c.faults.active()).toEqual([{ kind: 'power-off', target: node }]);
    waitFor(c, () => ready(c, node) === 'Unknown', 70);
    c.faults.apply({ kind: 'power-off', target: node, on: false });
    waitFor(c, () => ready(c, node) === 'True', 30);
    c.faults.apply({ kind: 'stop-kubelet', target: node, on: true });
    expect(c.faults.active()).toEqual([{ kind: 'stop-kubelet', target: node }]);
    c.faults.apply({ kind: 'stop-kubelet', target: node, on: false });
    expect(c.faults.active()).toEqual([]);
  });

  it('kill-container: exit 137, restartCount+1, restarted at once, then after 10 s back-off', () => {
    const c = testCluster();
    createFromYaml(c, POD('victim'));
    waitFor(c, () => isReady(pod(c, 'victim')));
    c.faults.apply({ kind: 'kill-container', target: 'default/victim', on: true });
    waitFor(c, () => (pod(c, 'victim').status?.containerStatuses?.[0].restartCount ?? 0) === 1, 5);
    const st = pod(c, 'victim').status!.containerStatuses![0];
    expect(st.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    waitFor(c, () => isReady(pod(c, 'victim')), 5);
    // A second kill right away: the kubelet waits out its 10 s back-off (CrashLoopBackOff).
    c.faults.apply({ kind: 'kill-container', target: 'default/victim/app', on: true });
    c.advance(2);
    expect(pod(c, 'victim').status!.containerStatuses![0].state?.waiting?.reason).toBe('CrashLoopBackOff');
    const secs = waitFor(c, () => pod(c, 'victim').status!.containerStatuses![0].restartCount === 2, 30);
    expect(secs).toBeGreaterThanOrEqual(7);
    expect(secs).toBeLessThanOrEqual(11);
    expect(() => c.faults.apply({ kind: 'kill-container', target: 'default/victim', on: false })).toThrow(/cannot be un-killed/);
    expect(() => c.faults.apply({ kind: 'kill-container', target: 'default/nope', on: true })).toThrow(/pods "nope" not found/);
    expect(() => c.faults.apply({ kind: 'kill-container', target: 'default/victim/other', on: true })).toThrow(/container other is not valid/);
  });

  it('oom: OOMKilled (137) now and after every restart, CrashLoopBackOff; healed, it runs on', () => {
    const c = testCluster();
    createFromYaml(c, POD('hog'));
    waitFor(c, () => isReady(pod(c, 'hog')));
    c.faults.apply({ kind: 'oom', target: 'default/hog', on: true });
    expect(c.faults.active()).toEqual([{ kind: 'oom', target: 'default/hog/app' }]);
    waitFor(c, () => pod(c, 'hog').status!.containerStatuses![0].restartCount === 1, 5);
    expect(pod(c, 'hog').status!.containerStatuses![0].lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    waitFor(c, () => pod(c, 'hog').status!.containerStatuses![0].state?.waiting?.reason === 'CrashLoopBackOff', 60);
    waitFor(c, () => pod(c, 'hog').status!.containerStatuses![0].restartCount >= 3, 120);
    expect(pod(c, 'hog').status!.containerStatuses![0].lastState?.terminated?.reason).toBe('OOMKilled');
    expect(events(c, 'hog').some((e) => e.reason === 'BackOff' && e.message.startsWith('Back-off restarting failed container app'))).toBe(true);
    c.faults.apply({ kind: 'oom', target: 'default/hog', on: false });
    expect(c.faults.active()).toEqual([]);
    waitFor(c, () => isReady(pod(c, 'hog')), 400);
    const restarts = pod(c, 'hog').status!.containerStatuses![0].restartCount;
    c.advance(120);
    expect(pod(c, 'hog').status!.containerStatuses![0].restartCount).toBe(restarts);
  });

  it('registry-unreachable: ErrImagePull with the DNS timeout, ImagePullBackOff; healed, the next retry pulls', () => {
    const c = testCluster();
    c.faults.apply({ kind: 'registry-unreachable', target: 'docker.io', on: true });
    createFromYaml(c, POD('web', 'nginx:1.27'));
    waitFor(c, () => pod(c, 'web').status?.containerStatuses?.[0].state?.waiting?.reason === 'ErrImagePull', 30);
    const failed = events(c, 'web').find((e) => e.reason === 'Failed' && e.message.startsWith('Failed to pull image'))!;
    expect(failed.message).toMatch(
      /^Failed to pull image "nginx:1\.27": rpc error: code = Unknown desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.27": failed to resolve reference "docker\.io\/library\/nginx:1\.27": failed to do request: Head "https:\/\/registry-1\.docker\.io\/v2\/library\/nginx\/manifests\/1\.27": dial tcp: lookup registry-1\.docker\.io on 168\.63\.129\.16:53: read udp 10\.224\.0\.\d+:\d+->168\.63\.129\.16:53: i\/o timeout$/,
    );
    expect(events(c, 'web').some((e) => e.message === 'Error: ErrImagePull')).toBe(true);
    waitFor(c, () => pod(c, 'web').status?.containerStatuses?.[0].state?.waiting?.reason === 'ImagePullBackOff', 10);
    expect(events(c, 'web').some((e) => e.reason === 'BackOff' && e.message === 'Back-off pulling image "nginx:1.27"')).toBe(true);
    // Images from other registries still pull.
    createFromYaml(c, POD('k8s', 'registry.k8s.io/pause:3.10'));
    waitFor(c, () => isReady(pod(c, 'k8s')), 30);
    c.advance(60);
    c.faults.apply({ kind: 'registry-unreachable', target: 'docker.io', on: false });
    // Recovery waits for the current back-off to run out (10 s doubling, capped at 300 s).
    const secs = waitFor(c, () => isReady(pod(c, 'web')), 330);
    expect(secs).toBeGreaterThan(0);
    expect(events(c, 'web').some((e) => e.reason === 'Pulled' && e.message.startsWith('Successfully pulled image "nginx:1.27"'))).toBe(true);
  });
});

describe('control-plane faults', () => {
  it('stop-scheduler: a new pod stays Pending with no events; restarted, it is scheduled', () => {
    const c = testCluster();
    c.faults.apply({ kind: 'stop-scheduler', on: true });
    expect(c.faults.active()).toEqual([{ kind: 'stop-scheduler' }]);
    createFromYaml(c, POD('waiting'));
    c.advance(120);
    expect(pod(c, 'waiting').status?.phase).toBe('Pending');
    expect(pod(c, 'waiting').spec.nodeName).toBeUndefined();
    expect(events(c, 'waiting')).toEqual([]);
    c.faults.apply({ kind: 'stop-scheduler', on: false });
    waitFor(c, () => isReady(pod(c, 'waiting')), 30);
    expect(events(c, 'waiting')[0].reason).toBe('Scheduled');
  });

  it('stop-controller-manager: scaling does nothing, a dead node is not noticed; restarted, both catch up', () => {
    const c = testCluster();
    const node = [...c.nodes.keys()][2];
    c.faults.apply({ kind: 'stop-controller-manager', on: true });
    createFromYaml(c, DEPLOYMENT(3));
    c.faults.apply({ kind: 'power-off', target: node, on: true });
    c.advance(180);
    expect(c.api.list('replicasets', { namespace: 'default' }).items).toEqual([]);
    expect(pods(c)).toEqual([]);
    expect(ready(c, node)).toBe('True');
    c.faults.apply({ kind: 'stop-controller-manager', on: false });
    // The queued work is done at once: a ReplicaSet and its pods (some may land on the dead node,
    // still Ready as far as anyone knows).
    waitFor(c, () => pods(c, 'default', 'app=web').length === 3, 5);
    expect(c.api.list('replicasets', { namespace: 'default' }).items.length).toBe(1);
    // A restarted node controller starts its grace period over.
    const secs = waitFor(c, () => ready(c, node) === 'Unknown', 120);
    expect(secs).toBeGreaterThanOrEqual(45);
  });

  it('etcd: a failed follower changes nothing; a failed leader is replaced within the election timeout', () => {
    const c = testCluster();
    expect(c.etcd.leader).toBe('etcd-0');
    let r = c.faults.apply({ kind: 'etcd-member-down', target: 'etcd-2', on: true });
    expect(r.message).toBe('etcd member etcd-2 stopped: quorum kept (2/3 up, 2 needed)');
    c.advance(10);
    expect(c.etcd.leader).toBe('etcd-0');
    createFromYaml(c, POD('still-works'));
    c.faults.apply({ kind: 'etcd-member-down', target: 'etcd-2', on: false });
    r = c.faults.apply({ kind: 'etcd-member-down', target: 'leader', on: true });
    expect(r.message).toContain('etcd member etcd-0 (leader) stopped');
    expect(c.etcd.leader).toBeUndefined();
    c.advance(2.1);
    expect(['etcd-1', 'etcd-2']).toContain(c.etcd.leader);
    expect(c.etcd.term).toBe(3);
    expect(c.faults.active()).toEqual([{ kind: 'etcd-member-down', target: 'etcd-0' }]);
    waitFor(c, () => isReady(pod(c, 'still-works')), 30);
  });

  it('etcd quorum loss: every write fails with etcdserver: request timed out, reads are served; quorum back, all resumes', () => {
    const c = testCluster();
    const before = c.api.store.revision;
    const r = c.faults.apply({ kind: 'etcd-quorum-loss', on: true });
    expect(r.message).toBe('etcd quorum lost: 1/3 members up, 2 needed; API writes fail');
    let err: unknown;
    try {
      createFromYaml(c, POD('nope'));
    } catch (e) {
      err = e;
    }
    expect(isApiError(err)).toBe(true);
    expect((err as any).status).toMatchObject({ code: 500, reason: '', message: 'etcdserver: request timed out' });
    // What the watch cache serves (resourceVersion=0 reads, watches: the informers) still answers;
    // a consistent read needs a quorum read and times out like a write.
    expect(c.api.list('nodes').items.length).toBe(3);
    expect(() => c.etcd.checkConsistentRead()).toThrow('etcdserver: request timed out');
    // The cluster runs on: heartbeats and status writes fail, nothing crashes, nothing is written.
    c.advance(120);
    expect(c.api.store.revision).toBe(before);
    expect(c.etcd.leader).toBeUndefined();
    c.faults.apply({ kind: 'etcd-quorum-loss', on: false });
    expect(c.faults.active()).toEqual([]);
    c.advance(2.1);
    expect(c.etcd.leader).toBeDefined();
    createFromYaml(c, POD('after'));
    waitFor(c, () => isReady(pod(c, 'after')), 30);
    // Nodes heartbeat again before the controller's grace period ran out... or come back Ready.
    waitFor(c, () => [...c.nodes.keys()].every((n) => ready(c, n) === 'True'), 120);
  });

  it('rejects unknown kinds and targets with clear errors', () => {
    const c = testCluster();
    expect(() => c.faults.apply({ kind: 'meteor' as never, on: true })).toThrow(/unknown fault kind "meteor"/);
    expect(() => c.faults.apply({ kind: 'partition', target: 'nope', on: true })).toThrow(/node "nope" has no VM/);
    expect(() => c.faults.apply({ kind: 'registry-unreachable', on: true })).toThrow(/a registry is required/);
    expect(() => c.faults.apply({ kind: 'etcd-member-down', target: 'etcd-7', on: true })).toThrow(/etcd member "etcd-7" not found/);
  });
});
