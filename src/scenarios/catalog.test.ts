// Scenario tests for the demo catalog: each demo loaded as the app loads it (`?scenario=<id>`),
// played in virtual time, its outcome asserted with Kubernetes' own messages; and for every demo,
// rewinding to an instant T by replay gives the state hash recorded at T.

import { describe, expect, it } from 'vitest';
import type { Deployment, Node, Pod, ReplicaSet } from '../sim/api/types';
import { testHost } from '../host/testhost';
import { READY_MS, SCENARIOS, scenarioNodeName, scenarioSession } from './catalog';

function open(id: string) {
  const h = testHost();
  h.call({ op: 'init', options: { scenario: id, paused: true } });
  const pods = (ns = 'default') => h.call({ op: 'list', resource: 'pods', namespace: ns }).items as Pod[];
  const events = (reason: string) => h.call({ op: 'list', resource: 'events', namespace: 'default' }).items.filter((e) => (e as { reason?: string }).reason === reason) as unknown as { message: string; involvedObject: { name: string } }[];
  /** Run to `seconds` after the cluster was ready. */
  const runTo = (seconds: number) => h.advance((READY_MS + seconds * 1000 - h.now()) / 1000);
  return { ...h, pods, events, runTo };
}

const pending = (pods: Pod[]) => pods.filter((p) => !p.spec?.nodeName);
const scheduledMessage = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message;

describe('scenario catalog', () => {
  it('every scenario opens at the ready cluster with its steps as the plan', () => {
    for (const s of SCENARIOS) {
      const file = scenarioSession(s.id);
      expect(file.now).toBe(READY_MS);
      expect(file.horizon).toBe(READY_MS + s.duration * 1000);
      expect(file.journal).toHaveLength(s.setup.length + s.steps.length);
      expect(s.title.length).toBeGreaterThan(5);
      expect(s.description.length).toBeGreaterThan(80);
    }
    expect(() => testHost().call({ op: 'init', options: { scenario: 'nope' } })).toThrow('unknown scenario "nope": the catalog has bin-packing, gpu-taints');
  });

  it('bin-packing: 12 pods of 500m CPU on 3 DS2_v2 nodes: the rest are Pending with "3 Insufficient cpu"', () => {
    const h = open('bin-packing');
    expect(h.call({ op: 'timeline' })).toMatchObject({ start: READY_MS, now: READY_MS, horizon: READY_MS + 120_000 });
    expect(h.call({ op: 'timeline' }).marks.map((m) => m.done)).toEqual([false, false]);
    h.runTo(30);
    expect(h.pods().filter((p) => p.status?.phase === 'Running')).toHaveLength(3);
    // Going forward on the timeline (the scrubber's "Go to") runs time along the plan.
    expect(h.call({ op: 'rewind', at: READY_MS + 120_000 }).marks.map((m) => m.done)).toEqual([true, true]);
    const stuck = pending(h.pods());
    expect(stuck.length).toBeGreaterThan(0);
    expect(h.pods().length - stuck.length).toBeLessThan(12);
    const msg = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    for (const p of stuck) expect(scheduledMessage(p)).toBe(msg);
    expect(h.events('FailedScheduling').map((e) => e.message)).toContain(msg);
  });

  it('gpu-taints: no toleration: Pending on the tainted GPU node; with it: bound there; web pods never there', () => {
    const h = open('gpu-taints');
    h.runTo(120);
    const gpuNode = scenarioNodeName(7, 'gpunp', 0);
    const node = h.call({ op: 'get', resource: 'nodes', name: gpuNode }) as Node;
    expect(node.spec?.taints).toContainEqual({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
    expect(node.status?.allocatable?.['nvidia.com/gpu']).toBe('1');
    const byName = new Map(h.pods().map((p) => [p.metadata.name, p]));
    expect(scheduledMessage(byName.get('train-untolerated')!)).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {nvidia.com/gpu: present}, 3 Insufficient nvidia.com/gpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    expect(byName.get('train')!.spec?.nodeName).toBe(gpuNode);
    expect(byName.get('train')!.status?.phase).toBe('Running');
    const web = h.pods().filter((p) => p.metadata.labels?.app === 'web');
    expect(web).toHaveLength(4);
    for (const p of web) expect(p.spec?.nodeName).toMatch(/^aks-nodepool1-/);
  });

  it('affinity: zones 1-2 only and one per node: the third replica names both reasons', () => {
    const h = open('affinity');
    h.runTo(60);
    const pods = h.pods();
    const nodes = h.call({ op: 'list', resource: 'nodes' }).items as Node[];
    const zone = new Map(nodes.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
    const running = pods.filter((p) => p.spec?.nodeName);
    expect(running.map((p) => zone.get(p.spec!.nodeName!)).sort()).toEqual(['eastus-1', 'eastus-2']);
    expect(pending(pods).map(scheduledMessage)).toEqual([
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    ]);
  });

  it('topology-spread: 2 per zone; with zone 3 cordoned, scaling to 9 leaves a pod Pending on the skew', () => {
    const h = open('topology-spread');
    const nodes = h.call({ op: 'list', resource: 'nodes' }).items as Node[];
    const zone = new Map(nodes.map((n) => [n.metadata.name, n.metadata.labels?.['topology.kubernetes.io/zone']]));
    const perZone = () => {
      const count: Record<string, number> = {};
      for (const p of h.pods()) if (p.spec?.nodeName) count[zone.get(p.spec.nodeName)!] = (count[zone.get(p.spec.nodeName)!] ?? 0) + 1;
      return count;
    };
    h.runTo(50);
    expect(perZone()).toEqual({ 'eastus-1': 2, 'eastus-2': 2, 'eastus-3': 2 });
    h.runTo(120);
    // Zone 3 still counts (cordoned nodes keep their domain): min 2, maxSkew 1 -> at most 3 elsewhere.
    expect(perZone()).toEqual({ 'eastus-1': 3, 'eastus-2': 3, 'eastus-3': 2 });
    expect(pending(h.pods()).map(scheduledMessage)).toEqual([
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match pod topology spread constraints. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
    ]);
  });

  it('node-failure: NotReady (Unknown) 50 s after the power-off, pods evicted 300 s after the taint, replaced elsewhere', () => {
    const h = open('node-failure');
    const victim = scenarioNodeName(7, 'nodepool1', 0);
    h.runTo(59);
    const before = h.pods().filter((p) => p.spec?.nodeName === victim).map((p) => p.metadata.name);
    expect(before.length).toBeGreaterThan(0);
    const ready = () => (h.call({ op: 'get', resource: 'nodes', name: victim }) as Node).status?.conditions?.find((c) => c.type === 'Ready');
    h.runTo(60 + 30);
    expect(ready()?.status).toBe('True');
    h.runTo(60 + 60);
    expect(ready()).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const taints = (h.call({ op: 'get', resource: 'nodes', name: victim }) as Node).spec?.taints?.map((t) => `${t.key}:${t.effect}`);
    expect(taints).toEqual(expect.arrayContaining(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']));
    h.runTo(60 + 60 + 200);
    expect(h.pods().filter((p) => before.includes(p.metadata.name) && p.metadata.deletionTimestamp)).toHaveLength(0);
    h.runTo(480);
    const gone = h.pods().filter((p) => before.includes(p.metadata.name));
    for (const p of gone) expect(p.metadata.deletionTimestamp).toBeDefined(); // Terminating: the kubelet is gone
    const live = h.pods().filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
    expect(live).toHaveLength(3);
    for (const p of live) expect(p.spec?.nodeName).not.toBe(victim);
  });

  it('rolling-update: maxSurge 1, maxUnavailable 0: never more than 5 pods nor fewer than 4 available', () => {
    const h = open('rolling-update');
    h.runTo(29);
    const dep = () => h.call({ op: 'get', resource: 'deployments', namespace: 'default', name: 'web' }) as Deployment;
    expect(dep().status?.availableReplicas).toBe(4);
    let maxPods = 0;
    let minAvailable = Infinity;
    for (let t = 30; t <= 150; t++) {
      h.runTo(t);
      const live = h.pods().filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, live.length);
      minAvailable = Math.min(minAvailable, dep().status?.availableReplicas ?? 0);
    }
    expect(maxPods).toBe(5);
    expect(minAvailable).toBe(4);
    const rs = h.call({ op: 'list', resource: 'replicasets', namespace: 'default' }).items as ReplicaSet[];
    const byImage = Object.fromEntries(rs.map((r) => [r.spec?.template?.spec?.containers[0].image, r.status?.replicas]));
    expect(byImage).toEqual({ 'nginx:1.27': 0, 'nginx:1.28': 4 });
    expect(dep().status).toMatchObject({ updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
  });

  it('daemonset: a new node gets its DaemonSet pod as soon as it registers', () => {
    const h = open('daemonset');
    h.runTo(25);
    expect(h.pods()).toHaveLength(3);
    h.runTo(150);
    const newNode = scenarioNodeName(7, 'nodepool1', 3);
    const pods = h.pods();
    expect(pods).toHaveLength(4);
    const onNew = pods.find((p) => p.spec?.nodeName === newNode);
    expect(onNew?.status?.phase).toBe('Running');
    const ds = h.call({ op: 'get', resource: 'daemonsets', namespace: 'default', name: 'log-agent' }) as { status?: Record<string, number> };
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4 });
  });

  it('crashloop: the container exits 1; CrashLoopBackOff, restarts climbing, the BackOff event', () => {
    const h = open('crashloop');
    h.runTo(300);
    const [pod] = h.pods();
    const cs = pod.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThanOrEqual(4);
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(h.events('BackOff')[0].message).toBe(`Back-off restarting failed container payments in pod ${pod.metadata.name}_default(${pod.metadata.uid})`);
  });

  describe.each(SCENARIOS.map((s) => [s.id, s] as const))('%s: rewinding by replay', (_id, s) => {
    it('gives the hash recorded at T, and replaying on gives the end state again', () => {
      const h = open(s.id);
      // T: a few seconds after the middle step (not on an input instant).
      const mid = s.steps[Math.floor(s.steps.length / 2)].at;
      h.runTo(mid + 7.5);
      const t = h.now();
      const atT = h.hash();
      h.runTo(s.duration);
      const atEnd = h.hash();
      h.call({ op: 'rewind', at: t });
      expect(h.now()).toBe(t);
      expect(h.hash()).toBe(atT);
      h.runTo(s.duration);
      expect(h.hash()).toBe(atEnd);
    });
  });
});
