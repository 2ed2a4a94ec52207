import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../aks/spec';
import { isApiError } from '../api/errors';
import type { Pod } from '../api/types';
import { Cluster } from '../cluster';
import { Kubectl } from '../../cli/kubectl';
import { MetricsApi } from './metrics';

describe('metrics.k8s.io from the usage model', () => {
  let cluster: Cluster;
  let metrics: MetricsApi;
  beforeAll(() => {
    cluster = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 2 })] } });
    cluster.advance(60);
    metrics = new MetricsApi(cluster.api);
  });

  it('is available once metrics-server is Ready and reports every node in nanocores and Ki', () => {
    expect(metrics.available()).toBe(true);
    const list = metrics.listNodes();
    expect(list.kind).toBe('NodeMetricsList');
    expect(list.items).toHaveLength(2);
    for (const m of list.items) {
      expect(m.usage.cpu).toMatch(/^\d+n$/);
      expect(m.usage.memory).toMatch(/^\d+Ki$/);
      expect(m.window).toBe('15s');
    }
    expect(metrics.listNodes({ labelSelector: 'agentpool=nope' }).items).toHaveLength(0);
  });

  it('lists running pods with their containers and filters by namespace and labels', () => {
    const all = metrics.listPods({ namespace: 'kube-system' }).items;
    expect(all.length).toBeGreaterThan(5);
    const dns = metrics.listPods({ namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).items;
    expect(dns.length).toBeGreaterThanOrEqual(2);
    expect(dns.every((m: { containers: { name: string }[] }) => m.containers[0].name === 'coredns')).toBe(true);
    expect(metrics.listPods({ namespace: 'default' }).items).toHaveLength(0);
  });

  it('answers NotFound as metrics-server words it', () => {
    try {
      metrics.getPod('default', 'nope');
      expect.unreachable();
    } catch (e) {
      expect(isApiError(e, 'NotFound')).toBe(true);
      expect((e as Error).message).toBe('podmetrics.metrics.k8s.io "default/nope" not found');
    }
  });

  it('kubectl top reads it; without a Ready metrics-server the API is not available', () => {
    const kubectl = new Kubectl({ cluster });
    const top = kubectl.run('top node');
    expect(top.exitCode).toBe(0);
    expect(top.stdout.split('\n')[0]).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s+$/);
    expect(top.stdout.trim().split('\n')).toHaveLength(3);
    // Take metrics-server's pods out of service (as a failing readiness probe would).
    for (const p of cluster.api.list<Pod>('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=metrics-server' }).items) {
      const status = { ...p.status, conditions: (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)) };
      cluster.api.updateStatus('pods', { ...p, status } as Pod);
    }
    expect(metrics.available()).toBe(false);
    expect(() => metrics.listNodes()).toThrow(/unable to handle the request/);
    expect(kubectl.run('top node')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
    expect(kubectl.run('api-versions').stdout).not.toContain('metrics.k8s.io');
  });
});
