// framework.PodInfo: what the scheduler needs of a pod, computed once (its resource requests as
// resourcehelper.PodRequests adds them up, host ports, parsed inter-pod affinity terms).

import { intValue, milliValue } from '../api/quantity';
import { fromLabelSelector, matches, type Selector } from '../api/labels';
import type { Container, Pod, PodAffinityTerm, ResourceList } from '../api/types';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what a container without requests counts as for scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended and hugepages resources, by name (undefined when none). */
  scalar?: Map<string, number>;
}

export interface PodResources extends Resources {
  /** Requests with the non-zero defaults for containers that set none (scoring only). */
  nonZeroCPU: number;
  nonZeroMem: number;
}

export interface AffinityTerm {
  selector: Selector | null;
  /** Namespaces the term looks in; null means all namespaces (an empty namespaceSelector). */
  namespaces: Set<string> | null;
  topologyKey: string;
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export class PodInfo {
  readonly key: string;
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly priority: number;
  readonly requests: PodResources;
  readonly ports: HostPort[];
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: AffinityTerm[];
  readonly preferredAntiAffinityTerms: AffinityTerm[];
  /** Any pod (anti-)affinity at all (NodeInfo.PodsWithAffinity). */
  readonly hasAffinity: boolean;
  readonly terminating: boolean;

  constructor(public pod: Pod) {
    const m = pod.metadata;
    this.namespace = m.namespace ?? 'default';
    this.name = m.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.uid = m.uid ?? this.key;
    this.labels = m.labels ?? {};
    this.priority = pod.spec.priority ?? 0;
    this.terminating = !!m.deletionTimestamp;
    this.requests = podRequests(pod);
    this.ports = hostPorts(pod);
    const a = pod.spec.affinity;
    this.requiredAffinityTerms = terms(pod, a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.requiredAntiAffinityTerms = terms(pod, a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
    this.preferredAffinityTerms = weighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.preferredAntiAffinityTerms = weighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution);
    this.hasAffinity = !!a && (!!a.podAffinity || !!a.podAntiAffinity);
  }
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and has matching labels. */
export function termMatches(t: AffinityTerm, pod: PodInfo): boolean {
  return (t.namespaces === null || t.namespaces.has(pod.namespace)) && matches(t.selector, pod.labels);
}

/** Most pods have no affinity terms and no host ports: they share these (frozen) empty lists. */
const NO_TERMS = Object.freeze([]) as unknown as AffinityTerm[];
const NO_PORTS = Object.freeze([]) as unknown as HostPort[];

function terms(pod: Pod, list: PodAffinityTerm[] | undefined, weight = 1): AffinityTerm[] {
  if (!list || list.length === 0) return NO_TERMS;
  return list.map((t) => newAffinityTerm(pod, t, weight));
}

function weighted(pod: Pod, list: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined): AffinityTerm[] {
  if (!list || list.length === 0) return NO_TERMS;
  return list.map((w) => newAffinityTerm(pod, w.podAffinityTerm, w.weight));
}

/**
 * newAffinityTerm, with matchLabelKeys / mismatchLabelKeys merged into the selector (beta, on by
 * default since 1.31). A namespaceSelector `{}` means every namespace; a non-empty one would need
 * namespace labels, which this scheduler does not watch: only the listed namespaces count then.
 */
function newAffinityTerm(pod: Pod, t: PodAffinityTerm, weight: number): AffinityTerm {
  let selector = fromLabelSelector(t.labelSelector);
  const labels = pod.metadata.labels ?? {};
  if (selector !== null) {
    for (const k of t.matchLabelKeys ?? []) if (k in labels) selector = [...selector, { key: k, operator: 'In', values: [labels[k]] }];
    for (const k of t.mismatchLabelKeys ?? []) if (k in labels) selector = [...selector, { key: k, operator: 'NotIn', values: [labels[k]] }];
  }
  let namespaces: Set<string> | null;
  const nsSel = t.namespaceSelector;
  if (nsSel && !nsSel.matchLabels && !(nsSel.matchExpressions ?? []).length) namespaces = null;
  else if ((t.namespaces ?? []).length === 0 && !nsSel) namespaces = new Set([pod.metadata.namespace ?? 'default']);
  else namespaces = new Set(t.namespaces ?? []);
  return { selector, namespaces, topologyKey: t.topologyKey, weight };
}

function isScalar(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-');
}

function addList(r: Resources, rl: ResourceList | undefined, sign = 1): void {
  if (!rl) return;
  for (const k in rl) {
    const q = rl[k];
    if (k === 'cpu') r.milliCPU += sign * milliValue(q);
    else if (k === 'memory') r.memory += sign * intValue(q);
    else if (k === 'ephemeral-storage') r.ephemeralStorage += sign * intValue(q);
    else if (isScalar(k)) {
      r.scalar ??= new Map();
      r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * intValue(q));
    }
  }
}

function addRes(a: Resources, b: Resources): void {
  a.milliCPU += b.milliCPU;
  a.memory += b.memory;
  a.ephemeralStorage += b.ephemeralStorage;
  if (b.scalar) for (const [k, v] of b.scalar) (a.scalar ??= new Map()).set(k, (a.scalar.get(k) ?? 0) + v);
}

function maxRes(a: Resources, b: Resources): void {
  a.milliCPU = Math.max(a.milliCPU, b.milliCPU);
  a.memory = Math.max(a.memory, b.memory);
  a.ephemeralStorage = Math.max(a.ephemeralStorage, b.ephemeralStorage);
  if (b.scalar) for (const [k, v] of b.scalar) (a.scalar ??= new Map()).set(k, Math.max(a.scalar.get(k) ?? 0, v));
}

function zero(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
}

/** One container's requests, optionally with the non-zero defaults for missing cpu/memory. */
function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = zero();
  const req = c.resources?.requests;
  addList(r, req);
  if (nonZero) {
    if (!req || req.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!req || req.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * resourcehelper.PodRequests: the sum of the containers, sidecars (restartable init containers)
 * included, or the largest init container step if that is more; plus the pod overhead.
 */
function sumRequests(pod: Pod, nonZero: boolean): Resources {
  const reqs = zero();
  for (const c of pod.spec.containers ?? []) addRes(reqs, containerRequests(c, nonZero));
  const sidecars = zero();
  const init = zero();
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      addRes(reqs, r);
      addRes(sidecars, r);
      maxRes(init, sidecars);
    } else {
      addRes(r, sidecars);
      maxRes(init, r);
    }
  }
  maxRes(reqs, init);
  addList(reqs, (pod.spec.overhead as ResourceList | undefined) ?? undefined);
  return reqs;
}

export function podRequests(pod: Pod): PodResources {
  const r = sumRequests(pod, false);
  const nz = sumRequests(pod, true);
  return { ...r, nonZeroCPU: nz.milliCPU, nonZeroMem: nz.memory };
}

/** schedutil.GetHostPorts: container ports with a hostPort. */
function hostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out.length ? out : NO_PORTS;
}
