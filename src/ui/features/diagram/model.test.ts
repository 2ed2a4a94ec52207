import { describe, expect, it } from 'vitest';
import type { Endpoints, Node, Pod, Service } from '../../../sim/api/types';
import { buildModel, derivePodView, formatCores, formatMem, nodeView, podView, serviceView } from './model';

type CS = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];
const cs = (name: string, state: CS['state'], ready = false, restartCount = 0): CS => ({ name, state, lastState: {}, ready, restartCount, image: 'nginx', imageID: '' });

function pod(status: Pod['status'], opts: { nodeName?: string; deleting?: boolean; containers?: string[]; init?: string[]; cpu?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', deletionTimestamp: opts.deleting ? '2025-01-01T00:00:00Z' : undefined },
    spec: {
      nodeName: opts.nodeName,
      containers: (opts.containers ?? ['app']).map((name) => ({ name, image: 'nginx', resources: { requests: { cpu: opts.cpu ?? '100m', memory: '64Mi' } } })),
      initContainers: opts.init?.map((name) => ({ name, image: 'busybox' })),
    },
    status,
  } as Pod;
}

describe('podView', () => {
  const cases: [string, Pod, { phase: string; tone: string; ready?: string; restarts?: number }][] = [
    ['waiting for the scheduler', pod({ phase: 'Pending' }), { phase: 'Pending', tone: 'pending', ready: '0/1' }],
    ['creating its containers', pod({ phase: 'Pending', containerStatuses: [cs('app', { waiting: { reason: 'ContainerCreating' } })] }, { nodeName: 'n1' }), { phase: 'ContainerCreating', tone: 'pending' }],
    ['image pull back-off', pod({ phase: 'Pending', containerStatuses: [cs('app', { waiting: { reason: 'ImagePullBackOff' } })] }, { nodeName: 'n1' }), { phase: 'ImagePullBackOff', tone: 'warning' }],
    ['running and ready', pod({ phase: 'Running', containerStatuses: [cs('app', { running: { startedAt: 'x' } }, true)] }, { nodeName: 'n1' }), { phase: 'Running', tone: 'running', ready: '1/1' }],
    ['running, not ready', pod({ phase: 'Running', containerStatuses: [cs('app', { running: { startedAt: 'x' } }, false)] }, { nodeName: 'n1' }), { phase: 'Running', tone: 'running', ready: '0/1' }],
    [
      'crash loop (the pod phase stays Running)',
      pod({ phase: 'Running', containerStatuses: [cs('app', { waiting: { reason: 'CrashLoopBackOff' } }, false, 4), cs('side', { running: { startedAt: 'x' } }, true, 1)] }, { nodeName: 'n1', containers: ['app', 'side'] }),
      { phase: 'CrashLoopBackOff', tone: 'warning', ready: '1/2', restarts: 5 },
    ],
    ['init containers running', pod({ phase: 'Pending', initContainerStatuses: [cs('init', { running: { startedAt: 'x' } })], containerStatuses: [cs('app', { waiting: { reason: 'PodInitializing' } })] }, { nodeName: 'n1', init: ['init'] }), { phase: 'PodInitializing', tone: 'pending' }],
    ['succeeded', pod({ phase: 'Succeeded', containerStatuses: [cs('app', { terminated: { exitCode: 0, reason: 'Completed' } })] }, { nodeName: 'n1' }), { phase: 'Succeeded', tone: 'succeeded' }],
    ['failed', pod({ phase: 'Failed', containerStatuses: [cs('app', { terminated: { exitCode: 1, reason: 'Error' } })] }, { nodeName: 'n1' }), { phase: 'Failed', tone: 'failed' }],
    ['terminating', pod({ phase: 'Running', containerStatuses: [cs('app', { running: { startedAt: 'x' } }, true)] }, { nodeName: 'n1', deleting: true }), { phase: 'Terminating', tone: 'terminating', ready: '1/1' }],
  ];
  it.each(cases)('%s', (_name, p, want) => {
    const v = derivePodView(p);
    expect({ phase: v.phase, tone: v.tone }).toEqual({ phase: want.phase, tone: want.tone });
    if (want.ready) expect(`${v.ready}/${v.total}`).toBe(want.ready);
    if (want.restarts !== undefined) expect(v.restarts).toBe(want.restarts);
  });

  it('lists containers (init first) with their state', () => {
    const v = derivePodView(pod({ phase: 'Pending', initContainerStatuses: [cs('init', { terminated: { exitCode: 0, reason: 'Completed' } })], containerStatuses: [cs('app', { waiting: { reason: 'ErrImagePull' } })] }, { init: ['init'] }));
    expect(v.containers.map((c) => [c.name, c.init, c.tone])).toEqual([['init', true, 'done'], ['app', false, 'warning']]);
  });

  it('counts requests, and finished pods hold none', () => {
    expect(derivePodView(pod({ phase: 'Running' }, { cpu: '250m' }))).toMatchObject({ cpuMilli: 250, memBytes: 64 * 2 ** 20, active: true });
    expect(derivePodView(pod({ phase: 'Succeeded' })).active).toBe(false);
  });

  it('is cached per object (an unchanged pod keeps its view)', () => {
    const p = pod({ phase: 'Running' });
    expect(podView(p)).toBe(podView(p));
    expect(podView({ ...p })).not.toBe(podView(p));
  });
});

function k8sNode(ready: 'True' | 'False' | 'Unknown' | undefined, extra: Partial<Node['spec']> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n1', labels: { agentpool: 'nodepool1', 'kubernetes.azure.com/agentpool': 'nodepool1', 'node.kubernetes.io/instance-type': 'Standard_DS2_v2' } },
    spec: { ...extra },
    status: { allocatable: { cpu: '1900m', memory: '5000Mi', pods: '110' }, conditions: ready ? [{ type: 'Ready', status: ready }] : [] },
  } as Node;
}

describe('nodeView', () => {
  it.each([
    ['True', 'Ready'],
    ['False', 'NotReady'],
    ['Unknown', 'Unknown'],
    [undefined, 'Unknown'],
  ] as const)('Ready condition %s -> %s', (cond, status) => {
    expect(nodeView(k8sNode(cond), []).status).toBe(status);
  });

  it('reads the pool, cordon, taints, allocatable and sums active pods', () => {
    const pods = [derivePodView(pod({ phase: 'Running' }, { nodeName: 'n1', cpu: '300m' })), derivePodView(pod({ phase: 'Succeeded' }, { nodeName: 'n1', cpu: '1' }))];
    const v = nodeView(k8sNode('True', { unschedulable: true, taints: [{ key: 'a', effect: 'NoSchedule' }] }), pods);
    expect(v).toMatchObject({ pool: 'nodepool1', unschedulable: true, taints: 1, cpuAllocMilli: 1900, memAllocBytes: 5000 * 2 ** 20, podsAlloc: 110, cpuReqMilli: 300, podCount: 1, vmSize: 'Standard_DS2_v2' });
  });
});

describe('serviceView', () => {
  const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.0.1.2', ports: [{ port: 80, protocol: 'TCP' }] } } as Service;
  it('takes endpoint pods from targetRef, ready and not', () => {
    const ep = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'web', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '10.244.0.5', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1' } }], notReadyAddresses: [{ ip: '10.244.1.5', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-2' } }] }],
    } as Endpoints;
    expect(serviceView(service, ep)).toMatchObject({ key: 'default/web', type: 'ClusterIP', clusterIP: '10.0.1.2', ports: '80/TCP', ready: ['default/web-1'], notReady: ['default/web-2'], external: 0 });
  });
  it('counts addresses without a pod (the kubernetes Service)', () => {
    const ep = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '20.1.2.3' }] }] } as Endpoints;
    expect(serviceView(service, ep)).toMatchObject({ ready: [], external: 1 });
  });
  it('shows headless Services', () => {
    expect(serviceView({ ...service, spec: { ...service.spec, clusterIP: 'None' } }, undefined).clusterIP).toBe('None (headless)');
  });
});

describe('buildModel', () => {
  it('filters pods and Services by namespace but counts every pod on its node', () => {
    const mine = pod({ phase: 'Running' }, { nodeName: 'n1', cpu: '100m' });
    const system = { ...pod({ phase: 'Running' }, { nodeName: 'n1', cpu: '200m' }), metadata: { name: 'coredns', namespace: 'kube-system' } } as Pod;
    const m = buildModel({ nodes: [k8sNode('True')], pods: [mine, system], services: [], endpoints: [] }, (ns) => ns !== 'kube-system');
    expect(m.pods.map((p) => p.key)).toEqual(['default/web-1']);
    expect(m.nodes[0].cpuReqMilli).toBe(300);
  });
});

describe('formatting', () => {
  it.each([
    [250, '250m'],
    [1000, '1'],
    [1900, '1.9'],
  ])('%i millicores -> %s', (m, s) => expect(formatCores(m)).toBe(s));
  it.each([
    [128 * 2 ** 20, '128Mi'],
    [5.2 * 2 ** 30, '5.2Gi'],
    [16 * 2 ** 30, '16Gi'],
  ])('%i bytes -> %s', (b, s) => expect(formatMem(b)).toBe(s));
});
