import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { containerUsage, nodeUsage, podUsage, SCRAPE_INTERVAL_MS, scrapeTime } from './usage';

const T0 = Date.UTC(2025, 0, 1);
const MI = 1024 * 1024;

function pod(name: string, opts: { running?: boolean; image?: string; requests?: Record<string, string>; limits?: Record<string, string>; node?: string; startedAt?: number } = {}): Pod {
  const running = opts.running ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { nodeName: opts.node ?? 'node-a', containers: [{ name: 'app', image: opts.image ?? 'example.com/app:1', resources: { requests: opts.requests, limits: opts.limits } }] },
    status: {
      phase: running ? 'Running' : 'Pending',
      containerStatuses: [
        { name: 'app', ready: running, restartCount: 0, image: '', imageID: '', state: running ? { running: { startedAt: new Date(opts.startedAt ?? T0).toISOString() } } : { waiting: { reason: 'ContainerCreating' } } },
      ],
    },
  } as unknown as Pod;
}

describe('the usage model', () => {
  it('gives zero for a container that is not running, and lists only running containers', () => {
    const p = pod('waiting', { running: false });
    expect(containerUsage(p, 'app', T0 + 60_000)).toEqual({ cpuMilli: 0, memoryBytes: 0 });
    expect(podUsage(p, T0 + 60_000)).toEqual([]);
    expect(containerUsage(pod('x'), 'no-such-container', T0)).toEqual({ cpuMilli: 0, memoryBytes: 0 });
  });

  it('reports a pod only once metrics-server has scraped its containers twice', () => {
    const p = pod('new', { startedAt: T0 + 1000 });
    expect(podUsage(p, T0 + 10_000)).toEqual([]);
    expect(podUsage(p, T0 + 29_000)).toEqual([]);
    const later = podUsage(p, T0 + 31_000);
    expect(later).toHaveLength(1);
    expect(later[0].usage.cpuMilli).toBeGreaterThan(0);
  });

  it('is a pure function of pod, container and time, constant within one scrape interval', () => {
    const p = pod('web', { requests: { cpu: '200m', memory: '256Mi' } });
    const t = T0 + 10 * 60_000;
    expect(containerUsage(p, 'app', t)).toEqual(containerUsage(p, 'app', t));
    expect(containerUsage(p, 'app', scrapeTime(t) + SCRAPE_INTERVAL_MS - 1)).toEqual(containerUsage(p, 'app', scrapeTime(t)));
  });

  it('changes over virtual time and stays within a share of the request and under the limits', () => {
    const p = pod('busy', { requests: { cpu: '400m', memory: '256Mi' }, limits: { cpu: '500m', memory: '300Mi' } });
    const cpus = new Set<number>();
    for (let m = 3; m < 60; m++) {
      const u = containerUsage(p, 'app', T0 + m * 60_000);
      cpus.add(u.cpuMilli);
      expect(u.cpuMilli).toBeGreaterThanOrEqual(Math.floor(400 * 0.13));
      expect(u.cpuMilli).toBeLessThanOrEqual(Math.min(500, Math.ceil(400 * 0.67)));
      expect(u.memoryBytes).toBeGreaterThanOrEqual(0.4 * 256 * MI - 4096);
      expect(u.memoryBytes).toBeLessThanOrEqual(0.9 * 300 * MI);
    }
    expect(cpus.size).toBeGreaterThan(5);
  });

  it('caps usage at the limits (never above 90 % of the memory limit)', () => {
    const p = pod('tight', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '50m', memory: '100Mi' } });
    const u = containerUsage(p, 'app', T0 + 30 * 60_000);
    expect(u.cpuMilli).toBeLessThanOrEqual(50);
    expect(u.memoryBytes).toBeLessThanOrEqual(90 * MI);
  });

  it('ramps memory up after a container starts', () => {
    const p = pod('fresh', { image: 'nginx:1.27', startedAt: T0 });
    const early = containerUsage(p, 'app', T0 + 1000).memoryBytes;
    const later = containerUsage(p, 'app', T0 + 10 * 60_000).memoryBytes;
    expect(early).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(early);
    // nginx idles at a few MiB whatever it requests.
    expect(later).toBeLessThan(8 * MI);
  });

  it('sums a node: system overhead plus the running containers bound to it, not other nodes', () => {
    const t = T0 + 5 * 60_000;
    const empty = nodeUsage('node-a', [], t);
    expect(empty.cpuMilli).toBeGreaterThanOrEqual(70);
    expect(empty.cpuMilli).toBeLessThanOrEqual(140);
    expect(empty.memoryBytes).toBeGreaterThanOrEqual(850 * MI);
    const a = pod('a', { requests: { cpu: '100m', memory: '64Mi' } });
    const b = pod('b', { requests: { cpu: '100m', memory: '64Mi' }, node: 'node-b' });
    const withPods = nodeUsage('node-a', [a, b], t);
    const ua = containerUsage(a, 'app', t);
    expect(withPods).toEqual({ cpuMilli: empty.cpuMilli + ua.cpuMilli, memoryBytes: empty.memoryBytes + ua.memoryBytes });
  });
});
