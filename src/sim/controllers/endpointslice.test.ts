import { describe, expect, it } from 'vitest';
import { CONTROLLER_NAME, EndpointSliceController, MANAGED_BY_LABEL, MAX_ENDPOINTS_PER_SLICE, SERVICE_NAME_LABEL, type EndpointSlice } from './endpointslice';
import { GarbageCollector } from './garbagecollector';
import { testEnv } from './testenv';

function setup(maxEndpointsPerSlice?: number) {
  const env = testEnv();
  env.node('aks-nodepool1-12345678-vmss000000', 'eastus-1');
  env.node('aks-nodepool1-12345678-vmss000001', 'eastus-2');
  const ctrl = new EndpointSliceController(env.ctx, { maxEndpointsPerSlice });
  const gc = new GarbageCollector(env.ctx);
  env.start(ctrl, gc);
  const slices = (svc: string) =>
    env.api
      .list<EndpointSlice>('endpointslices', { namespace: 'default', labelSelector: `${SERVICE_NAME_LABEL}=${svc}` })
      .items.sort((a, b) => b.endpoints.length - a.endpoints.length);
  return { env, slices };
}

const N0 = 'aks-nodepool1-12345678-vmss000000';
const N1 = 'aks-nodepool1-12345678-vmss000001';

describe('EndpointSliceController', () => {
  it('builds a slice with conditions, node, zone, targetRef and ports', () => {
    const { env, slices } = setup();
    const svc = env.service('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] }, 'default', { team: 'a' });
    env.pod('web-a', { labels: { app: 'web' }, node: N0, ip: '10.244.0.4' });
    env.pod('web-b', { labels: { app: 'web' }, node: N1, ip: '10.244.1.4', ready: false });
    env.settle();
    const [s, ...rest] = slices('web');
    expect(rest).toEqual([]);
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.labels).toEqual({ team: 'a', [SERVICE_NAME_LABEL]: 'web', [MANAGED_BY_LABEL]: CONTROLLER_NAME });
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    const byName = Object.fromEntries(s.endpoints.map((e) => [e.targetRef!.name, e]));
    expect(byName['web-a']).toMatchObject({
      addresses: ['10.244.0.4'],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: N0,
      zone: 'eastus-1',
      targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a' },
    });
    expect(byName['web-b']).toMatchObject({ conditions: { ready: false, serving: false, terminating: false }, zone: 'eastus-2' });

    // A terminating pod stays, serving but not ready.
    env.api.delete('pods', 'default', 'web-a');
    env.settle();
    const ep = slices('web')[0].endpoints.find((e) => e.targetRef!.name === 'web-a')!;
    expect(ep.conditions).toEqual({ ready: false, serving: true, terminating: true });
  });

  it('keeps an empty placeholder slice for a Service with no endpoints', () => {
    const { env, slices } = setup();
    env.service('empty', { selector: { app: 'none' } });
    env.settle();
    const all = slices('empty');
    expect(all).toHaveLength(1);
    expect(all[0].endpoints).toEqual([]);
    expect(all[0].ports).toEqual([]);
  });

  it('splits endpoints across slices and changes only the slice an endpoint left', () => {
    const { env, slices } = setup(3);
    env.service('web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
    for (let i = 0; i < 5; i++) env.pod(`web-${i}`, { labels: { app: 'web' }, node: N0, ip: `10.244.0.${10 + i}` });
    env.settle();
    let all = slices('web');
    expect(all.map((s) => s.endpoints.length)).toEqual([3, 2]);
    const [full, other] = all;
    const victim = full.endpoints[0].targetRef!.name;
    env.api.delete('pods', 'default', victim, { gracePeriodSeconds: 0 });
    env.settle();
    all = slices('web');
    const fullAfter = all.find((s) => s.metadata.name === full.metadata.name)!;
    const otherAfter = all.find((s) => s.metadata.name === other.metadata.name)!;
    expect(fullAfter.endpoints.map((e) => e.targetRef!.name)).not.toContain(victim);
    expect(fullAfter.endpoints).toHaveLength(2);
    expect(otherAfter.metadata.resourceVersion).toBe(other.metadata.resourceVersion);
    expect(MAX_ENDPOINTS_PER_SLICE).toBe(100);
  });

  it('lets the garbage collector remove the slices of a deleted Service', () => {
    const { env, slices } = setup();
    env.service('web', { selector: { app: 'web' } });
    env.pod('web-0', { labels: { app: 'web' }, node: N0, ip: '10.244.0.4' });
    env.settle();
    expect(slices('web')).toHaveLength(1);
    env.api.delete('services', 'default', 'web');
    env.settle();
    expect(slices('web')).toHaveLength(0);
  });
});
