// The explainer and scheduler step-mode ops of the worker host: explain a pod, step a new pod
// through the cycle, refuse bad controls, and replay the steps exactly after a rewind (they are
// journaled inputs).

import { describe, expect, it } from 'vitest';
import { testHost } from '../host/testhost';


const POD = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: ${cpu}}}}]
`;

describe('worker ops: explain and scheduler step mode', () => {
  it('explains, steps a new pod phase by phase, and replays the same after a rewind', () => {
    const { call } = testHost();
    call({ op: 'init', options: { seed: 4, paused: true } });
    call({ op: 'clock', control: { action: 'advance', seconds: 5 } });
    expect(() => call({ op: 'scheduler', control: { action: 'step' } })).toThrow('the scheduler is not in step mode: turn stepping on first');
    expect(() => call({ op: 'scheduler', control: { stepping: 'yes' as unknown as boolean } })).toThrow('stepping must be true or false');

    call({ op: 'apply', yaml: POD('huge', '1800m') });
    const [huge] = call({ op: 'explain', namespace: 'default', name: 'huge' });
    expect(huge.summary).toMatch(/^Pending because every node lacks 1800m CPU; the largest free is \d+m on aks-nodepool1-\d{8}-vmss00000\d\. kube-scheduler: "0\/3 nodes are available: 3 Insufficient cpu\./);
    expect(call({ op: 'explain', namespace: 'default', name: 'nope' })).toEqual([]);

    expect(call({ op: 'scheduler', control: { stepping: true } })).toMatchObject({ phase: 'idle', stepping: true });
    call({ op: 'apply', yaml: POD('stepped', '100m') });
    const phases = [];
    for (let i = 0; i < 6; i++) {
      const c = call({ op: 'scheduler', control: { action: 'step' } });
      phases.push(`${c.phase}:${c.pod ?? ''}`);
    }
    expect(phases).toEqual(['pop:default/stepped', 'filter:default/stepped', 'score:default/stepped', 'reserve:default/stepped', 'bind:default/stepped', 'idle:']);
    const [stepped] = call({ op: 'explain', namespace: 'default', name: 'stepped' });
    expect(stepped.result).toBe('Scheduled');
    const nodeName = (call({ op: 'get', resource: 'pods', namespace: 'default', name: 'stepped' }) as any).spec.nodeName;
    expect(stepped.winner).toBe(nodeName);

    // Step mode and the steps are inputs of the journal: a rewind to now replays them exactly.
    call({ op: 'clock', control: { action: 'advance', seconds: 3 } });
    const hash = call({ op: 'hash' });
    const now = call({ op: 'timeline' }).now;
    call({ op: 'rewind', at: now, inclusive: true });
    call({ op: 'rewind', at: now - 1 });
    call({ op: 'rewind', at: now, inclusive: true });
    expect(call({ op: 'hash' })).toBe(hash);
    expect(call({ op: 'scheduler' })).toMatchObject({ phase: 'idle', stepping: true });
    expect((call({ op: 'get', resource: 'pods', namespace: 'default', name: 'stepped' }) as any).spec.nodeName).toBe(nodeName);
  });

  it("steps the ReplicaSet controller's reconcile through the op, and refuses unknown controllers", () => {
    const { call } = testHost();
    call({ op: 'init', options: { seed: 4, paused: true } });
    call({ op: 'clock', control: { action: 'advance', seconds: 5 } });
    expect(() => call({ op: 'controller', name: 'nope' })).toThrow(/^no controller "nope" in kube-controller-manager: .*replicaset-controller/);
    expect(() => call({ op: 'controller', name: 'replicaset-controller', control: { action: 'step' } })).toThrow('replicaset-controller is not in step mode: turn stepping on first');
    expect(() => call({ op: 'controller', name: 'replicaset-controller', control: { action: 'jump' } as never })).toThrow('unknown step action "jump"');
    expect(call({ op: 'controller', name: 'replicaset-controller', control: { stepping: true } })).toMatchObject({ state: 'idle', stepping: true, queue: 0 });
    call({ op: 'apply', yaml: `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
` });
    expect(call({ op: 'controller', name: 'replicaset-controller' })).toMatchObject({ queue: 1, phase: undefined });
    const phases = [];
    for (let i = 0; i < 6; i++) phases.push(call({ op: 'controller', name: 'replicaset-controller', control: { action: 'step' } }).phase);
    expect(phases).toEqual(['dequeue', 'read', 'diff', 'manage', 'status', 'done']);
    expect(call({ op: 'list', resource: 'pods', namespace: 'default' }).items).toHaveLength(1);
    expect(call({ op: 'controller', name: 'replicaset-controller', control: { stepping: false } })).toMatchObject({ stepping: false });
  });
});

