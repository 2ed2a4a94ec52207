import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/informer';
import { nodeTestEnv } from '../node/testenv';
import type { ControllerContext } from './controller';
import { NodeIpamController } from './nodeipam';
import { NodeLifecycleController } from './nodelifecycle';

const NODE = (i: number) => `aks-nodepool1-12345678-vmss00000${i}`;

function setup() {
  const env = nodeTestEnv();
  const client = env.api.client('kube-controller-manager');
  const informers = new InformerFactory(client);
  const ctx: ControllerContext = { client, clock: env.clock, informers, recorder: (c) => new EventRecorder(client, env.clock, { component: c }) };
  const lifecycle = new NodeLifecycleController(ctx);
  const ipam = new NodeIpamController(ctx, { clusterCIDR: '10.244.0.0/16' });
  lifecycle.start();
  ipam.start();
  informers.start();
  const node = (i: number) => env.api.get<Node>('nodes', undefined, NODE(i));
  const taints = (i: number) => (node(i).spec.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
  const ready = (i: number) => node(i).status?.conditions?.find((c) => c.type === 'Ready');
  return { env, lifecycle, node, taints, ready };
}

describe('node IPAM', () => {
  it('gives each node the next /24 of the cluster CIDR', () => {
    const { env, node } = setup();
    env.kubelet(0, { podCIDR: null });
    env.kubelet(1, { podCIDR: null });
    env.kubelet(2, { podCIDR: null });
    env.advance(1);
    expect([0, 1, 2].map((i) => node(i).spec.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(node(1).spec.podCIDRs).toEqual(['10.244.1.0/24']);
  });
});

describe('node lifecycle', () => {
  it('removes the not-ready taint once Ready, and records RegisteredNode', () => {
    const { env, taints } = setup();
    env.kubelet(0, { podCIDR: null });
    env.advance(1);
    expect(taints(0)).toEqual(['node.kubernetes.io/not-ready:NoSchedule']);
    env.advance(5);
    expect(taints(0)).toEqual([]);
    const registered = env.events(NODE(0)).find((e) => e.reason === 'RegisteredNode')!;
    expect(registered.message).toBe(`Node ${NODE(0)} event: Registered Node ${NODE(0)} in Controller`);
    expect(registered.source?.component).toBe('node-controller');
  });

  it('marks a powered-off node Unknown after 50 s, taints it, evicts its pods 300 s later; power back removes the taints', () => {
    const { env, taints, ready } = setup();
    env.kubelet(0, { podCIDR: null });
    const k1 = env.kubelet(1, { podCIDR: null });
    env.advance(10);
    env.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE(1));
    env.run({ metadata: { name: 'stay' }, spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE(1));
    env.advance(10);
    expect(env.pod('web')!.status!.phase).toBe('Running');
    expect(env.pod('web')!.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });

    k1.powerOff();
    const off = env.t();
    let unknownAt = 0;
    for (let i = 0; i < 70 && !unknownAt; i++) {
      env.advance(1);
      if (ready(1)?.status === 'Unknown') unknownAt = env.t() - off;
    }
    // The last heartbeat was up to 10 s before the power-off; the monitor runs every 5 s.
    expect(unknownAt).toBeGreaterThanOrEqual(40);
    expect(unknownAt).toBeLessThanOrEqual(56);
    expect(ready(1)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    env.advance(1);
    expect(taints(1)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(env.events(NODE(1)).some((e) => e.reason === 'NodeNotReady' && e.message === `Node ${NODE(1)} status is now: NodeNotReady`)).toBe(true);
    const web = env.pod('web')!;
    expect(web.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    expect(env.events('web').some((e) => e.reason === 'NodeNotReady' && e.message === 'Node is not ready')).toBe(true);

    env.advance(295);
    expect(env.pod('web')!.metadata.deletionTimestamp).toBeUndefined();
    env.advance(10);
    const evicted = env.pod('web')!;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(evicted.status!.conditions!.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ reason: 'DeletionByTaintManager' });
    const ev = env.events('web').find((e) => e.reason === 'TaintManagerEviction')!;
    expect(ev.message).toBe('Marking for deletion Pod default/web');
    expect(ev.source?.component).toBe('taint-eviction-controller');
    expect(env.pod('stay')!.metadata.deletionTimestamp).toBeUndefined();

    k1.powerOn();
    env.advance(10);
    expect(ready(1)?.status).toBe('True');
    expect(taints(1)).toEqual([]);
    // The terminating pod is finished by the kubelet; the tolerating one runs again.
    expect(env.pod('web')).toBeUndefined();
    const stay = env.pod('stay')!;
    expect(stay.status!.phase).toBe('Running');
    expect(stay.status!.containerStatuses![0].restartCount).toBe(1);
    expect(stay.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('True');
    expect(env.events(NODE(1)).some((e) => e.reason === 'Rebooted')).toBe(true);
  });

  it('evicts pods without a matching toleration at once', () => {
    const { env } = setup();
    env.kubelet(0, { podCIDR: null });
    env.advance(10);
    env.run({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, NODE(0));
    env.advance(5);
    const n = env.api.get<Node>('nodes', undefined, NODE(0));
    env.api.update('nodes', { ...n, spec: { ...n.spec, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }] } });
    env.clock.runUntilIdle();
    expect(env.pod('p')?.metadata.deletionTimestamp ?? 'gone').toBeDefined();
    env.advance(2);
    expect(env.pod('p') as Pod | undefined).toBeUndefined();
  });
});
