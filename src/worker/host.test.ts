import { describe, expect, it } from 'vitest';
import { testHost } from '../host/testhost';


const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx}]
`;

describe('SimHost', () => {
  it('refuses requests before init, with an error reply rather than a throw', () => {
    const { host, messages } = testHost();
    host.handle({ id: 1, req: { op: 'list', resource: 'pods' } });
    expect(messages).toEqual([{ type: 'response', id: 1, ok: false, error: { message: 'the cluster is not created yet: send init first', status: expect.anything() } }]);
  });

  it('lists then watches; changes arrive batched and coalesced before the reply that caused them', () => {
    const { messages, call } = testHost();
    call({ op: 'init', options: { seed: 3, paused: true } });
    const list = call({ op: 'watch', watchId: 7, resource: 'pods', namespace: 'default' });
    expect(list.items).toEqual([]);
    messages.length = 0;
    call({ op: 'apply', yaml: WEB });
    call({ op: 'clock', control: { action: 'advance', seconds: 60 } });
    const watchBatches = messages.filter((m) => m.type === 'watch');
    // One message per flush, each pod once per batch with its latest state.
    const last = new Map<string, string>();
    for (const b of watchBatches) {
      if (b.type !== 'watch') continue;
      expect(b.watchId).toBe(7);
      const names = b.events.map((e) => e.object.metadata.name);
      expect(new Set(names).size).toBe(names.length);
      for (const e of b.events) last.set(e.object.metadata.name!, e.object.status?.phase);
    }
    expect([...last.values()]).toEqual(['Running', 'Running', 'Running']);
    const replyIndex = messages.findIndex((m) => m.type === 'response');
    expect(messages.slice(0, replyIndex).some((m) => m.type === 'watch')).toBe(true);
    expect(messages.some((m) => m.type === 'trace')).toBe(true);
  });

  it('drains a node the way kubectl drain --ignore-daemonsets does', () => {
    const { call } = testHost();
    call({ op: 'init', options: { seed: 3 } });
    call({ op: 'apply', yaml: WEB });
    call({ op: 'clock', control: { action: 'advance', seconds: 30 } });
    const pods = call({ op: 'list', resource: 'pods', namespace: 'default' }).items;
    const node = pods[0].spec.nodeName as string;
    const r = call({ op: 'node', node: { action: 'drain', node } });
    expect(r.message).toMatch(new RegExp(`^node/${node} cordoned\\n`));
    expect(r.message).toContain(`node/${node} drained`);
    expect(r.message).not.toMatch(/evicting pod kube-system\/kube-proxy/);
    expect(call({ op: 'get', resource: 'nodes', name: node }).spec.unschedulable).toBe(true);
    call({ op: 'clock', control: { action: 'advance', seconds: 60 } });
    const after = call({ op: 'list', resource: 'pods', namespace: 'default' }).items;
    expect(after.filter((p) => p.status.phase === 'Running')).toHaveLength(3);
    expect(after.every((p) => p.spec.nodeName !== node)).toBe(true);
  });

  it('stops a kubelet: the node goes NotReady after the grace period', () => {
    const { call } = testHost();
    call({ op: 'init', options: {} });
    const node = call({ op: 'list', resource: 'nodes' }).items[0].metadata.name as string;
    call({ op: 'node', node: { action: 'stop-kubelet', node } });
    call({ op: 'clock', control: { action: 'advance', seconds: 60 } });
    const ready = call({ op: 'get', resource: 'nodes', name: node }).status.conditions.find((c: { type: string }) => c.type === 'Ready');
    expect(ready.status).toBe('Unknown');
    expect(call({ op: 'components' }).find((c) => c.id === `kubelet/${node}`)?.state).toBe('stopped');
  });

  it('resolves kinds as kubectl does and answers unknown ones with its message', () => {
    const { call } = testHost();
    call({ op: 'init', options: {} });
    expect(call({ op: 'list', resource: 'deploy', namespace: 'kube-system' }).items.length).toBeGreaterThan(0);
    expect(call({ op: 'list', resource: 'Pod' }).items.length).toBeGreaterThan(0);
    expect(() => call({ op: 'list', resource: 'widgets' })).toThrow(`the server doesn't have a resource type "widgets"`);
  });
  it('runs kubectl command lines against the session cluster, settling the clock after each', () => {
    const { call } = testHost();
    call({ op: 'init', options: { seed: 3, paused: true } });
    const created = call({ op: 'kubectl', line: 'kubectl create deployment web --image=nginx --replicas=2' });
    expect(created).toEqual({ stdout: 'deployment.apps/web created\n', output: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    // The controllers ran: the ReplicaSet and its pods exist without advancing the clock.
    expect(call({ op: 'list', resource: 'pods', namespace: 'default' }).items).toHaveLength(2);
    const nodes = call({ op: 'kubectl', line: 'k get nodes' });
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    const bad = call({ op: 'kubectl', line: 'kubectl get nosuchthing' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("the server doesn't have a resource type \"nosuchthing\"");
  });
});
