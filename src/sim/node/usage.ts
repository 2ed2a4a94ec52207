// The resource usage model: how much CPU and memory each running container uses at a virtual
// instant, what metrics-server would report (kubectl top, HPA) and what the kernel would count
// against a memory limit. Deterministic: a function of the pod, the container and the time only
// (hashes of the pod UID, never the seeded random generator, so reading usage changes nothing).
//
// API (pure functions, no state):
//   containerUsage(pod, containerName, nowMs) -> { cpuMilli, memoryBytes }   zero when not running
//   podUsage(pod, nowMs)                      -> per running container usage, [] until metrics-server
//                                                has scraped every running container twice
//   nodeUsage(nodeName, pods, nowMs)          -> system overhead + every running container on it
//   SCRAPE_INTERVAL_MS                        -> metrics-server's resolution: usage is sampled at
//                                                multiples of it (a reading holds for 15 s)
//
// Shape of the model, per container:
//   CPU    = for known images (system add-ons, nginx, redis...) their idle figure, for others a
//            share (~15-60 %, drifting smoothly over minutes) of the CPU request, else 2m-ish;
//            never above the CPU limit, at least 1m.
//   memory = a working set (known image: its typical figure; else 40-75 % of the memory request,
//            else ~12 Mi) that ramps up over the first two minutes after the container starts,
//            kept under 90 % of the memory limit (the model never OOMs on its own; fault
//            injection decides that).

import type { Pod } from '../api/types';
import { intValue, milliValue } from '../api/quantity';

export const SCRAPE_INTERVAL_MS = 15_000;

export interface Usage {
  cpuMilli: number;
  memoryBytes: number;
}

const MI = 1024 * 1024;

/** Typical idle figures by image name (substring), from what metrics-server shows for them. */
const IMAGE_PROFILES: [string, Usage][] = [
  ['coredns', { cpuMilli: 3, memoryBytes: 20 * MI }],
  ['metrics-server', { cpuMilli: 4, memoryBytes: 24 * MI }],
  ['azuredisk-csi', { cpuMilli: 2, memoryBytes: 24 * MI }],
  ['azurefile-csi', { cpuMilli: 2, memoryBytes: 20 * MI }],
  ['kube-proxy', { cpuMilli: 2, memoryBytes: 22 * MI }],
  ['apiserver-network-proxy', { cpuMilli: 2, memoryBytes: 14 * MI }],
  ['cluster-proportional-autoscaler', { cpuMilli: 1, memoryBytes: 8 * MI }],
  ['azure-cns', { cpuMilli: 3, memoryBytes: 30 * MI }],
  ['csi', { cpuMilli: 2, memoryBytes: 18 * MI }],
  ['cloud-node-manager', { cpuMilli: 1, memoryBytes: 16 * MI }],
  ['ip-masq', { cpuMilli: 1, memoryBytes: 10 * MI }],
  ['nginx', { cpuMilli: 1, memoryBytes: 4 * MI }],
  ['redis', { cpuMilli: 3, memoryBytes: 8 * MI }],
  ['postgres', { cpuMilli: 5, memoryBytes: 40 * MI }],
  ['busybox', { cpuMilli: 0, memoryBytes: 1 * MI }],
];
const DEFAULT_PROFILE: Usage = { cpuMilli: 2, memoryBytes: 12 * MI };

/** FNV-1a of a string, as a fraction in [0, 1). */
export function hashFraction(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

/** The scrape instant a reading at `nowMs` reports (the last multiple of the interval). */
export function scrapeTime(nowMs: number): number {
  return Math.floor(nowMs / SCRAPE_INTERVAL_MS) * SCRAPE_INTERVAL_MS;
}

function profileFor(image: string): Usage | undefined {
  for (const [k, p] of IMAGE_PROFILES) if (image.includes(k)) return p;
  return undefined;
}

/** When the container's current run started (ms), or undefined when it is not running. */
function runningSince(pod: Pod, name: string): number | undefined {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const st = statuses.find((s) => s.name === name);
  const started = st?.state?.running?.startedAt;
  if (!started) return undefined;
  const t = Date.parse(started);
  return Number.isNaN(t) ? undefined : t;
}

/** Usage of one container at `nowMs` (sampled at the scrape instant); zero when not running. */
export function containerUsage(pod: Pod, containerName: string, nowMs: number): Usage {
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === containerName);
  const started = runningSince(pod, containerName);
  if (!spec || started === undefined) return { cpuMilli: 0, memoryBytes: 0 };
  const t = Math.max(scrapeTime(nowMs), started);
  const key = `${pod.metadata.uid ?? pod.metadata.name}/${containerName}`;
  const seed = hashFraction(key);
  const profile = profileFor(spec.image ?? '');
  const res = spec.resources ?? {};
  // Known (system) images idle at their own figures whatever they request; other workloads use
  // a share of what they request, which is what an HPA measures against.
  const cpuRequest = profile ? 0 : milliValue(res.requests?.cpu);
  const memRequest = profile ? 0 : intValue(res.requests?.memory);
  const idle = profile ?? DEFAULT_PROFILE;

  // CPU: a slow wave (period 5-15 min) plus a small jitter per scrape.
  const period = (5 + 10 * seed) * 60_000;
  const wave = 0.375 + 0.225 * Math.sin((2 * Math.PI * (t - started)) / period + seed * 6.28);
  const jitter = 0.9 + 0.2 * hashFraction(`${key}@${scrapeTime(t)}`);
  const cpuBase = cpuRequest > 0 ? cpuRequest * wave : idle.cpuMilli * (0.7 + 0.6 * seed) * (0.6 + wave);
  let cpuMilli = Math.max(1, Math.round(cpuBase * jitter));
  if (res.limits?.cpu) cpuMilli = Math.min(cpuMilli, milliValue(res.limits.cpu));

  // Memory: the working set ramps from half to full over the first two minutes, then stays put.
  const target = memRequest > 0 ? memRequest * (0.4 + 0.35 * seed) : idle.memoryBytes * (0.8 + 0.4 * seed);
  const ramp = Math.min(1, 0.5 + (t - started) / 240_000);
  let memoryBytes = Math.round((target * ramp) / 4096) * 4096;
  if (res.limits?.memory) memoryBytes = Math.min(memoryBytes, Math.floor((intValue(res.limits.memory) * 0.9) / 4096) * 4096);
  return { cpuMilli, memoryBytes };
}

/**
 * The running containers of a pod and their usage, as metrics-server reports them: a CPU rate
 * needs two scrapes, so a container shows up only once it has run for a whole interval before
 * the last scrape; until every running container has, the pod has no metrics (empty list).
 */
export function podUsage(pod: Pod, nowMs: number): { name: string; usage: Usage }[] {
  const out: { name: string; usage: Usage }[] = [];
  const lastScrape = scrapeTime(nowMs);
  for (const c of pod.spec?.containers ?? []) {
    const started = runningSince(pod, c.name);
    if (started === undefined) continue;
    if (started > lastScrape - SCRAPE_INTERVAL_MS) return [];
    out.push({ name: c.name, usage: containerUsage(pod, c.name, nowMs) });
  }
  return out;
}

/**
 * A node's usage: the OS, kubelet and containerd (80-130m, 850-1050 Mi, drifting a little) plus
 * every running container of the pods bound to it.
 */
export function nodeUsage(nodeName: string, pods: readonly Pod[], nowMs: number): Usage {
  const seed = hashFraction(nodeName);
  const t = scrapeTime(nowMs);
  let cpuMilli = Math.round(80 + 50 * seed + 10 * Math.sin(t / 240_000 + seed * 6.28));
  let memoryBytes = Math.round((850 + 200 * seed) * MI);
  for (const p of pods) {
    if (p.spec?.nodeName !== nodeName) continue;
    // The node's own cgroup counts every running container, scraped or not.
    for (const c of p.spec?.containers ?? []) {
      const u = containerUsage(p, c.name, nowMs);
      cpuMilli += u.cpuMilli;
      memoryBytes += u.memoryBytes;
    }
  }
  return { cpuMilli, memoryBytes };
}
