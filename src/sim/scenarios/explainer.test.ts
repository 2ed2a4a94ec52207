// Scenario: the scheduler explainer and step mode on a seeded 3-node AKS cluster, virtual time.
// A pod that fits nowhere (Pending, and the explainer says what is short and where the most is
// free), one that fits (where and why), and a new pod stepped through the cycle phase by phase.

import { describe, expect, it } from 'vitest';
import { formatMilliCPU, milliValue } from '../api/quantity';
import type { Node, Pod } from '../api/types';
import { createFromYaml, pods, testCluster } from '../testing/cluster';

const pod = (name: string, cpu: string) => `
apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: ${cpu}}}}]
`;

/** CPU free per node, computed from the API as `kubectl describe node` adds it up. */
function freeCPU(c: ReturnType<typeof testCluster>): Map<string, number> {
  const out = new Map<string, number>();
  const all = c.api.list<Pod>('pods').items.filter((p) => p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  for (const n of c.api.list<Node>('nodes').items) {
    let used = 0;
    for (const p of all) if (p.spec.nodeName === n.metadata.name) for (const ct of p.spec.containers) used += milliValue(ct.resources?.requests?.cpu ?? '0');
    out.set(n.metadata.name!, milliValue(n.status!.allocatable!.cpu) - used);
  }
  return out;
}

describe('scheduler explainer on an AKS cluster', () => {
  it('explains a pod that cannot fit and one that can', () => {
    const c = testCluster();
    createFromYaml(c, pod('huge', '1800m'));
    createFromYaml(c, pod('small', '100m'));
    c.advance(5);

    const free = freeCPU(c);
    const [bestNode, bestFree] = [...free].sort((a, b) => b[1] - a[1])[0];
    expect(bestFree).toBeLessThan(1800); // the kube-system add-ons leave less than 1800m anywhere
    const [huge] = c.scheduler.explain('default', 'huge');
    const msg = '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    expect(huge.message).toBe(msg);
    expect(huge.summary).toBe(`Pending because every node lacks 1800m CPU; the largest free is ${formatMilliCPU(bestFree)} on ${bestNode}. kube-scheduler: "${msg}"`);
    expect(huge.nodes).toHaveLength(3);
    for (const n of huge.nodes) expect(n).toMatchObject({ verdict: 'rejected', plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' });
    // The same message as the pod's FailedScheduling event.
    const events = c.api.list('events', { namespace: 'default' }).items.filter((e) => e.involvedObject?.name === 'huge');
    expect(events.map((e) => [e.reason, e.message])).toEqual([['FailedScheduling', msg]]);

    const [small] = c.scheduler.explain('default', 'small');
    const node = pods(c).find((p) => p.metadata.name === 'small')!.spec.nodeName!;
    expect(small.result).toBe('Scheduled');
    expect(small.winner).toBe(node);
    expect(small.summary).toMatch(new RegExp(`^Scheduled on ${node}: it scored highest, \\d+ \\(TaintToleration 300 \\(100×3\\), NodeResourcesFit \\d+`));
    expect(small.nodes.filter((n) => n.verdict === 'winner').map((n) => n.node)).toEqual([node]);
    const totals = small.nodes.map((n) => n.total!);
    expect(small.nodes.find((n) => n.node === node)!.total).toBe(Math.max(...totals));
    expect(small.message).toBe(`Successfully assigned default/small to ${node}`);
  });

  it('steps a new pod through the cycle: pop, filter, score, reserve, bind', () => {
    const c = testCluster();
    c.advance(5);
    c.scheduler.setStepping(true);
    createFromYaml(c, pod('stepped', '100m'));
    c.advance(2);
    // Stepping: the pod waits in the queue until the scheduler is stepped.
    expect(c.scheduler.state).toBe('idle');
    expect(pods(c).find((p) => p.metadata.name === 'stepped')!.spec.nodeName).toBeUndefined();
    const phases: [string, string | undefined, string | undefined][] = [];
    for (let i = 0; i < 6; i++) {
      c.scheduler.step();
      c.clock.runUntilIdle();
      phases.push([c.scheduler.state, c.scheduler.context.pod, c.scheduler.context.node]);
    }
    const node = pods(c).find((p) => p.metadata.name === 'stepped')!.spec.nodeName!;
    expect(node).toBeTruthy();
    expect(phases).toEqual([
      ['pop', 'default/stepped', undefined],
      ['filter', 'default/stepped', undefined],
      ['score', 'default/stepped', node],
      ['reserve', 'default/stepped', node],
      ['bind', 'default/stepped', node],
      ['idle', undefined, node],
    ]);
    expect(c.scheduler.explain('default', 'stepped')[0].winner).toBe(node);

    // A pod that fits nowhere goes pop, filter, postFilter, idle.
    createFromYaml(c, pod('nowhere', '1800m'));
    c.advance(1);
    const failing: string[] = [];
    for (let i = 0; i < 4; i++) {
      c.scheduler.step();
      c.clock.runUntilIdle();
      failing.push(c.scheduler.state);
    }
    expect(failing).toEqual(['pop', 'filter', 'postFilter', 'idle']);
    c.scheduler.setStepping(false);
    expect(c.scheduler.explain('default', 'nowhere')[0].result).toBe('Unschedulable');
  });

  it("steps the ReplicaSet controller's reconcile: dequeue, read, diff, create pods, update status", () => {
    const c = testCluster();
    c.advance(5);
    const rs = c.controllerManager.controller('replicaset-controller')!;
    rs.setStepping(true);
    createFromYaml(c, `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`);
    c.advance(2);
    const webPods = () => pods(c, 'default', 'app=web').length;
    // The key waits in the controller's queue until stepped.
    expect(rs.queue.peekAll()).toEqual(['default/web']);
    expect(webPods()).toBe(0);
    const seen: (string | undefined)[][] = [];
    for (let i = 0; i < 6; i++) {
      rs.step();
      c.clock.runUntilIdle();
      const s = rs.stepState;
      seen.push([s.phase, s.key, s.detail]);
      if (s.phase === 'diff') expect(webPods()).toBe(0); // the diff only decides
      if (s.phase === 'manage') expect(webPods()).toBe(2);
    }
    expect(seen).toEqual([
      ['dequeue', 'default/web', 'default/web (0 more in the queue)'],
      ['read', 'default/web', 'spec.replicas 2; 0 active pods claimed (informer cache)'],
      ['diff', 'default/web', '2 too few: create 2'],
      ['manage', 'default/web', 'created 2 pod(s)'],
      // As syncReplicaSet: the status counts the pods it read, not the ones it just created (the
      // next sync, when the informer has seen them, counts those).
      ['status', 'default/web', 'replicas 0, ready 0, available 0'],
      ['done', 'default/web', 'reconciled'],
    ]);
    // Off: the loop runs freely again and the pods come up.
    rs.setStepping(false);
    c.advance(30);
    const status = c.api.get<any>('replicasets', 'default', 'web').status;
    expect(status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });
});
