import { describe, expect, it } from 'vitest';
import type { KubeObject, Service } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { KubeProxy, portProtoHash, serviceChain } from './kubeproxy';

function setup() {
  const clock = new Clock();
  const random = new Random(1);
  const api = new ApiServer({ clock, random, trace: new Trace(), freezeObjects: true });
  for (const ns of ['default']) if (!api.tryGet('namespaces', undefined, ns)) api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const proxy = new KubeProxy({ api, random, clusterCIDR: '10.244.0.0/16' });
  proxy.start();
  const svc = (name: string, spec: Partial<Service['spec']>) =>
    api.create<Service>('services', { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector: { app: name }, ...spec } as Service['spec'] });
  const slice = (svcName: string, port: { name?: string; port: number }, eps: { ip: string; node: string; ready?: boolean }[]) =>
    api.create('endpointslices', {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: `${svcName}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': svcName } },
      addressType: 'IPv4',
      ports: [{ name: port.name ?? '', port: port.port, protocol: 'TCP' }],
      endpoints: eps.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false }, nodeName: e.node, targetRef: { kind: 'Pod', namespace: 'default', name: `${svcName}-${e.ip.split('.').pop()}` } })),
    } as KubeObject);
  return { clock, api, proxy, svc, slice };
}

describe('kube-proxy iptables rules', () => {
  it('uses upstream chain hashes', () => {
    expect(serviceChain('default/kubernetes:https', 'tcp')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(portProtoHash('kube-system/kube-dns:dns', 'udp')).toBe('TCOU7JCQXEZGVUNU');
  });

  it('renders a ClusterIP and a NodePort service', () => {
    const env = setup();
    const web = env.svc('web', { type: 'ClusterIP', clusterIP: '10.0.0.50', ports: [{ name: 'http', port: 80, targetPort: 80 }] });
    env.slice('web', { name: 'http', port: 80 }, [
      { ip: '10.244.0.5', node: 'n0' },
      { ip: '10.244.1.7', node: 'n1' },
      { ip: '10.244.2.9', node: 'n2' },
    ]);
    env.svc('shop', { type: 'NodePort', clusterIP: '10.0.0.60', ports: [{ port: 8080, targetPort: 8080, nodePort: 30080 }] });
    env.slice('shop', { port: 8080 }, [{ ip: '10.244.1.8', node: 'n1' }]);
    env.clock.runUntilIdle();
    expect(web.spec.clusterIP).toBe('10.0.0.50');
    const svcChain = serviceChain('default/web:http', 'tcp');
    const shopChain = serviceChain('default/shop', 'tcp');
    const list = env.proxy.list('n0', 'KUBE-SERVICES');
    expect(list).toBe(
      [
        'Chain KUBE-SERVICES (2 references)',
        'target     prot opt source               destination         ',
        `${shopChain}  tcp  --  0.0.0.0/0            10.0.0.60            /* default/shop cluster IP */ tcp dpt:8080`,
        `${svcChain}  tcp  --  0.0.0.0/0            10.0.0.50            /* default/web:http cluster IP */ tcp dpt:80`,
        'KUBE-NODEPORTS  all  --  0.0.0.0/0            0.0.0.0/0            /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL',
        '',
      ].join('\n'),
    );
    const chain = env.proxy.list('n0', svcChain);
    expect(chain).toContain('/* default/web:http -> 10.244.0.5:80 */ statistic mode random probability 0.33333333349');
    expect(chain).toContain('/* default/web:http -> 10.244.1.7:80 */ statistic mode random probability 0.50000000000');
    expect(chain).toContain('KUBE-MARK-MASQ  tcp  -- !10.244.0.0/16        10.0.0.50            /* default/web:http cluster IP */ tcp dpt:80');
    const save = env.proxy.save('n0');
    expect(save).toContain(`-A KUBE-NODEPORTS -p tcp -m comment --comment default/shop -m tcp --dport 30080 -j KUBE-EXT-${portProtoHash('default/shop', 'tcp')}`);
    expect(save).toContain('-j DNAT --to-destination 10.244.1.8:8080');
    expect(save).toContain(`-A KUBE-EXT-${portProtoHash('default/shop', 'tcp')} -m comment --comment "masquerade traffic for default/shop external destinations" -j KUBE-MARK-MASQ`);
  });

  it('resolves a cluster IP to a ready endpoint', () => {
    const env = setup();
    env.svc('web', { clusterIP: '10.0.0.50', ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    env.slice('web', { name: 'http', port: 8080 }, [
      { ip: '10.244.0.5', node: 'n0' },
      { ip: '10.244.1.7', node: 'n1', ready: false },
    ]);
    env.clock.runUntilIdle();
    for (let i = 0; i < 5; i++) expect(env.proxy.resolve('10.0.0.50', 80)?.endpoint.ip).toBe('10.244.0.5');
    expect(env.proxy.resolve('10.0.0.51', 80)).toBeUndefined();
  });
});
