import { describe, expect, it } from 'vitest';
import type { EndpointAddress, Endpoints } from '../api/types';
import { EndpointsController, OVER_CAPACITY_ANNOTATION, repackSubsets, truncateSubsets } from './endpoints';
import { LAST_CHANGE_TRIGGER_TIME } from './endpointutil';
import { testEnv } from './testenv';

function setup() {
  const env = testEnv();
  env.node('node-a');
  const ctrl = new EndpointsController(env.ctx);
  env.start(ctrl);
  const ep = (name: string, ns = 'default') => env.api.tryGet<Endpoints>('endpoints', ns, name);
  return { env, ctrl, ep };
}

const ips = (addrs: EndpointAddress[] | undefined) => (addrs ?? []).map((a) => a.ip);

describe('EndpointsController', () => {
  it('lists ready pods in addresses and moves a pod that turns unready to notReadyAddresses', () => {
    const { env, ep } = setup();
    env.service('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
    for (const [i, ip] of ['10.244.0.12', '10.244.0.5', '10.244.0.7'].entries()) {
      env.pod(`web-${i}`, { labels: { app: 'web' }, node: 'node-a', ip });
    }
    env.pod('other', { labels: { app: 'db' }, node: 'node-a', ip: '10.244.0.9' });
    env.settle();
    let e = ep('web')!;
    expect(e.subsets).toHaveLength(1);
    // Sorted by IP as a string, as upstream's LessEndpointAddress does.
    expect(ips(e.subsets![0].addresses)).toEqual(['10.244.0.12', '10.244.0.5', '10.244.0.7']);
    expect(e.subsets![0].notReadyAddresses).toBeUndefined();
    expect(e.subsets![0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const a = e.subsets![0].addresses![1];
    expect(a).toMatchObject({ ip: '10.244.0.5', nodeName: 'node-a', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1' } });
    expect(a.targetRef!.uid).toBeTruthy();

    env.settle(3);
    env.setReady('default', 'web-1', false);
    env.settle();
    e = ep('web')!;
    expect(ips(e.subsets![0].addresses)).toEqual(['10.244.0.12', '10.244.0.7']);
    expect(ips(e.subsets![0].notReadyAddresses)).toEqual(['10.244.0.5']);
    // The change that caused this update: the pod's Ready transition.
    expect(e.metadata.annotations?.[LAST_CHANGE_TRIGGER_TIME]).toBe(env.clock.nowISO());
  });

  it('resolves a named targetPort per pod, grouping pods by the port they resolve to', () => {
    const { env, ep } = setup();
    env.service('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'web', protocol: 'TCP' }] });
    env.pod('v1', { labels: { app: 'api' }, node: 'node-a', ip: '10.244.0.10', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] });
    env.pod('v2', { labels: { app: 'api' }, node: 'node-a', ip: '10.244.0.11', ports: [{ name: 'web', containerPort: 9090, protocol: 'TCP' }] });
    env.pod('noport', { labels: { app: 'api' }, node: 'node-a', ip: '10.244.0.12' });
    env.settle();
    const subsets = ep('api')!.subsets!;
    expect(subsets.map((s) => [ips(s.addresses), s.ports!.map((p) => p.port)])).toEqual([
      [['10.244.0.10'], [8080]],
      [['10.244.0.11'], [9090]],
    ]);
  });

  it('honours publishNotReadyAddresses and sets hostnames for pods of the subdomain', () => {
    const { env, ep } = setup();
    env.service('db', { selector: { app: 'db' }, clusterIP: 'None', publishNotReadyAddresses: true, ports: [{ port: 5432, protocol: 'TCP' }] });
    env.pod('db-0', { labels: { app: 'db' }, node: 'node-a', ip: '10.244.0.20', ready: false, hostname: 'db-0', subdomain: 'db' });
    env.settle();
    const e = ep('db')!;
    expect(e.subsets![0].addresses).toEqual([expect.objectContaining({ ip: '10.244.0.20', hostname: 'db-0' })]);
    expect(e.metadata.labels).toEqual({ 'service.kubernetes.io/headless': '' });
  });

  it('drops terminating and finished pods, and pods without an IP', () => {
    const { env, ep } = setup();
    env.service('web', { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] });
    env.pod('a', { labels: { app: 'web' }, node: 'node-a', ip: '10.244.0.2' });
    env.pod('b', { labels: { app: 'web' }, node: 'node-a', ip: '10.244.0.3' });
    env.pod('pending', { labels: { app: 'web' } });
    env.settle();
    expect(ips(ep('web')!.subsets![0].addresses)).toEqual(['10.244.0.2', '10.244.0.3']);
    env.api.delete('pods', 'default', 'b'); // graceful: stays with a deletionTimestamp
    env.settle();
    expect(env.api.get('pods', 'default', 'b').metadata.deletionTimestamp).toBeTruthy();
    expect(ips(ep('web')!.subsets![0].addresses)).toEqual(['10.244.0.2']);
  });

  it('leaves selector-less Services alone and deletes the Endpoints of a deleted Service', () => {
    const { env, ep } = setup();
    env.service('external', { ports: [{ port: 443, protocol: 'TCP' }] });
    env.api.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 443 }] }] });
    env.service('web', { selector: { app: 'web' } });
    env.settle();
    expect(ips(ep('external')!.subsets![0].addresses)).toEqual(['192.0.2.10']);
    expect(ep('web')).toBeDefined();
    expect(ep('web')!.subsets).toBeUndefined();
    env.api.delete('services', 'default', 'web');
    env.settle();
    expect(ep('web')).toBeUndefined();
  });

  it('recreates Endpoints deleted by hand', () => {
    const { env, ep } = setup();
    env.service('web', { selector: { app: 'web' } });
    env.pod('a', { labels: { app: 'web' }, node: 'node-a', ip: '10.244.0.2' });
    env.settle();
    env.api.delete('endpoints', 'default', 'web');
    env.settle();
    expect(ips(ep('web')!.subsets![0].addresses)).toEqual(['10.244.0.2']);
  });
});

describe('repackSubsets / truncateSubsets', () => {
  const addr = (ip: string, uid = ip): EndpointAddress => ({ ip, targetRef: { kind: 'Pod', name: uid, uid } });
  it('groups ports sharing an address set and lets not-ready win', () => {
    const p80 = { name: 'a', port: 80, protocol: 'TCP' };
    const p81 = { name: 'b', port: 81, protocol: 'TCP' };
    const out = repackSubsets([
      { addresses: [addr('10.0.0.2')], ports: [p80] },
      { addresses: [addr('10.0.0.1')], ports: [p80] },
      { addresses: [addr('10.0.0.1')], ports: [p81] },
      { notReadyAddresses: [addr('10.0.0.2')], ports: [p81] },
    ]);
    expect(out).toEqual([
      { addresses: [addr('10.0.0.1'), addr('10.0.0.2')], ports: [p80] },
      { addresses: [addr('10.0.0.1')], notReadyAddresses: [addr('10.0.0.2')], ports: [p81] },
    ]);
  });

  it('truncates to 1000 addresses, ready ones first', () => {
    const many = (n: number, base: number) => Array.from({ length: n }, (_, i) => addr(`10.1.${Math.floor((base + i) / 250)}.${(base + i) % 250}`));
    const subsets = [{ addresses: many(900, 0), notReadyAddresses: many(300, 900), ports: [{ port: 80 }] }];
    expect(truncateSubsets(subsets)).toBe(true);
    expect(subsets[0].addresses).toHaveLength(900);
    expect(subsets[0].notReadyAddresses).toHaveLength(100);
    const ok = [{ addresses: many(10, 0) }];
    expect(truncateSubsets(ok)).toBe(false);
    expect(OVER_CAPACITY_ANNOTATION).toBe('endpoints.kubernetes.io/over-capacity');
  });
});
