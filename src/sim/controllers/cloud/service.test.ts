import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import { testEnv } from '../testenv';
import { LB_CLEANUP_FINALIZER, ServiceController } from './service';

function setup() {
  const env = testEnv();
  const ctrl = new ServiceController(env.ctx, { random: env.random });
  env.start(ctrl);
  const svc = (name: string) => env.api.tryGet<Service>('services', 'default', name);
  const reasons = () => env.events().map((e) => `${e.reason}: ${e.message}`);
  return { env, ctrl, svc, reasons };
}

describe('cloud ServiceController (Azure)', () => {
  it('gives a LoadBalancer Service a public IP after Azure provisions it', () => {
    const { env, svc, reasons } = setup();
    env.service('web', { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
    env.settle();
    expect(svc('web')!.metadata.finalizers).toEqual([LB_CLEANUP_FINALIZER]);
    expect(svc('web')!.status?.loadBalancer).toEqual({}); // EXTERNAL-IP <pending>
    expect(reasons()).toEqual(['EnsuringLoadBalancer: Ensuring load balancer']);
    env.settle(5);
    expect(svc('web')!.status?.loadBalancer?.ingress).toBeUndefined();
    env.settle(10);
    const ingress = svc('web')!.status!.loadBalancer!.ingress!;
    expect(ingress).toHaveLength(1);
    expect(ingress[0].ip).toMatch(/^(20|4|52|40)\.\d+\.\d+\.\d+$/);
    expect(ingress[0]).toMatchObject({ ipMode: 'VIP' });
    expect(reasons()).toEqual(['EnsuringLoadBalancer: Ensuring load balancer', 'EnsuredLoadBalancer: Ensured load balancer']);
    expect(env.events()[0].source).toEqual({ component: 'service-controller' });

    // A port change re-ensures and keeps the IP.
    const cur = svc('web')!;
    env.api.update('services', { ...cur, spec: { ...cur.spec, ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: cur.spec.ports![0].nodePort }, { name: 'https', port: 443, protocol: 'TCP' }] } });
    env.settle(5);
    expect(svc('web')!.status!.loadBalancer!.ingress![0].ip).toBe(ingress[0].ip);
  });

  it('is deterministic for a seed', () => {
    const ips = [1, 2].map(() => {
      const { env, svc } = setup();
      env.service('web', { type: 'LoadBalancer', selector: { app: 'web' } });
      env.settle(20);
      return svc('web')!.status!.loadBalancer!.ingress![0].ip;
    });
    expect(ips[0]).toBe(ips[1]);
  });

  it('releases the load balancer before the Service goes, and ignores other types', () => {
    const { env, svc, reasons } = setup();
    env.service('internal', { selector: { app: 'x' } });
    env.service('web', { type: 'LoadBalancer', selector: { app: 'web' } });
    env.settle(20);
    expect(svc('internal')!.metadata.finalizers).toBeUndefined();
    env.api.delete('services', 'default', 'web');
    env.settle();
    expect(svc('web')!.metadata.deletionTimestamp).toBeTruthy();
    env.settle(5);
    expect(svc('web')).toBeUndefined();
    expect(reasons().slice(-2)).toEqual(['DeletingLoadBalancer: Deleting load balancer', 'DeletedLoadBalancer: Deleted load balancer']);
  });

  it('tears down when the type changes away from LoadBalancer', () => {
    const { env, svc } = setup();
    env.service('web', { type: 'LoadBalancer', selector: { app: 'web' } });
    env.settle(20);
    const cur = svc('web')!;
    const { allocateLoadBalancerNodePorts: _a, externalTrafficPolicy: _e, ...spec } = cur.spec;
    env.api.update('services', { ...cur, spec: { ...spec, type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP' }] } });
    env.settle(5);
    expect(svc('web')!.metadata.finalizers).toBeUndefined();
    expect(svc('web')!.status?.loadBalancer).toEqual({});
  });
});
