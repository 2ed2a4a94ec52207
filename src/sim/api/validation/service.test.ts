import { describe, expect, it } from 'vitest';
import { create, update } from './testutil';

const svc = (spec: Record<string, any> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

describe('Service', () => {
  it.each<[string, Record<string, any>, string[]]>([
    ['valid ClusterIP', {}, []],
    ['ports required', { ports: [] }, ['spec.ports: Required value']],
    ['headless without ports', { ports: [], clusterIP: 'None' }, []],
    ['ExternalName without ports', { type: 'ExternalName', externalName: 'db.example.com', ports: [], selector: undefined }, []],
    ['ExternalName needs a name', { type: 'ExternalName', ports: [] }, ['spec.externalName: Required value']],
    ['port range', { ports: [{ port: 0 }] }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['protocol', { ports: [{ port: 80, protocol: 'ICMP' }] }, ['spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']],
    ['names required with several ports', { ports: [{ port: 80 }, { port: 443, name: 'https' }] }, ['spec.ports[0].name: Required value']],
    ['unique port names', { ports: [{ port: 80, name: 'web' }, { port: 81, name: 'web' }] }, ['spec.ports[1].name: Duplicate value: "web"']],
    [
      'duplicate port',
      { ports: [{ port: 80, name: 'a' }, { port: 80, name: 'b' }] },
      ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    ],
    [
      'named targetPort',
      { ports: [{ port: 80, targetPort: 'Http_Port' }] },
      [
        'spec.ports[0].targetPort: Invalid value: "Http_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      ],
    ],
    ['type', { type: 'Internal' }, ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort with ClusterIP', { ports: [{ port: 80, nodePort: 30080 }] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['headless NodePort', { type: 'NodePort', clusterIP: 'None' }, ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"]],
    ['bad cluster IP', { clusterIP: '10.0.0.300' }, ['spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    [
      'externalTrafficPolicy on ClusterIP',
      { externalTrafficPolicy: 'Local' },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
    ['sessionAffinity', { sessionAffinity: 'Cookie' }, ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"']],
    ['LoadBalancer', { type: 'LoadBalancer' }, []],
  ])('%s', (_, spec, want) => {
    expect(create(svc(spec))).toEqual(want);
  });

  it('keeps the allocated cluster IP', () => {
    const old = svc({ clusterIP: '10.0.12.7', clusterIPs: ['10.0.12.7'] });
    expect(update(svc({ clusterIP: '10.0.12.8', clusterIPs: ['10.0.12.8'] }), old)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.0.12.8"}: may not change once set',
    ]);
    expect(update(svc({ clusterIP: '10.0.12.7', clusterIPs: ['10.0.12.7'], ports: [{ port: 8080 }] }), old)).toEqual([]);
  });
});

describe('Endpoints', () => {
  const ep = (subsets: unknown[]) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets });
  it.each<[string, unknown[], string[]]>([
    ['valid', [{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }], []],
    ['no addresses', [{ ports: [{ port: 80 }] }], ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
    [
      'bad IP',
      [{ addresses: [{ ip: 'pod-a' }] }],
      ['subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', 'subsets[0].addresses[0].ip: Invalid value: "pod-a": must be a valid IP address'],
    ],
    ['loopback', [{ addresses: [{ ip: '127.0.0.1' }] }], ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
  ])('%s', (_, subsets, want) => {
    expect(create(ep(subsets))).toEqual(want);
  });
});
