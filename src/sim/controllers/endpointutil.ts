// What the Endpoints and EndpointSlice controllers share (k8s.io/endpointslice/util and
// pkg/controller/util/endpoint): which pods belong in a Service's endpoints, how a Service port
// resolves to a container port, which Services a pod change concerns, and the
// `endpoints.kubernetes.io/last-change-trigger-time` tracker.

import { fromSet, matches } from '../api/labels';
import type { Pod, Service } from '../api/types';
import { parseRFC3339 } from '../clock';
import { byNamespace, keyOf, type Informer } from '../client/informer';
import { isPodReady, isPodTerminal } from './podutil';

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** Label on the endpoints of Services without a cluster IP (v1.IsHeadlessService). */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/**
 * Pod changes are coalesced for this long before a Service is synced: a burst of pod updates at
 * one moment (a rollout, a garbage-collected ReplicaSet) costs one sync, not one per pod. Upstream's
 * --endpoint-updates-batch-period; a real controller's sync latency has the same effect.
 */
export const POD_UPDATES_BATCH_MS = 100;

export type ServicePort = NonNullable<Service['spec']['ports']>[number];

/** ShouldPodBeInEndpoints: not finished, has an IP, and not terminating unless asked to include those. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: a pod with hostname and a subdomain naming this Service gets a DNS name. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace;
}

/** The pod's IPv4 addresses (the clusters Clusterlab builds are single-stack IPv4). */
export function podIPv4s(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.length ? pod.status.podIPs.map((p) => p.ip) : pod.status?.podIP ? [pod.status.podIP] : [];
  return ips.filter((ip) => !ip.includes(':'));
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up in the pod's containers
 * (then its sidecars) with the same protocol. Undefined when the pod has no such port.
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const proto = port.protocol ?? 'TCP';
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** helper.IsServiceIPSet. */
export function isServiceIPSet(svc: Service): boolean {
  return !!svc.spec.clusterIP && svc.spec.clusterIP !== 'None';
}

/** The pods a Service's selector picks, from the pods informer's namespace index. */
export function podsForService(pods: Informer<Pod>, svc: Service): Pod[] {
  const sel = fromSet(svc.spec.selector ?? {});
  return pods.byIndex('namespace', svc.metadata.namespace ?? '').filter((p) => matches(sel, p.metadata.labels));
}

/** GetPodServiceMemberships: keys of the Services (with a selector) in the pod's namespace that select it. */
export function podServiceMemberships(services: Informer<Service>, pod: Pod): Set<string> {
  const out = new Set<string>();
  for (const svc of services.byIndex('namespace', pod.metadata.namespace ?? '')) {
    // A nil selector selects nothing (not everything).
    if (!svc.spec.selector) continue;
    if (matches(fromSet(svc.spec.selector), pod.metadata.labels)) out.add(keyOf(svc));
  }
  return out;
}

/** The indexes the helpers above read: add them in `register()`. */
export function addEndpointIndexes(services: Informer<Service>, pods: Informer<Pod>): void {
  services.addIndex('namespace', byNamespace);
  pods.addIndex('namespace', byNamespace);
}

/** podEndpointsChanged: [labels or hostname changed, endpoint-relevant state changed]. */
function podEndpointsChanged(old: Pod, cur: Pod): [boolean, boolean] {
  const labelsChanged =
    !sameLabels(old.metadata.labels, cur.metadata.labels) || old.spec.hostname !== cur.spec.hostname || old.spec.subdomain !== cur.spec.subdomain;
  if (old.metadata.deletionTimestamp !== cur.metadata.deletionTimestamp) return [labelsChanged, true];
  if (isPodReady(old) !== isPodReady(cur)) return [labelsChanged, true];
  if (isPodTerminal(old) !== isPodTerminal(cur)) return [labelsChanged, true];
  const a = old.status?.podIPs ?? [];
  const b = cur.status?.podIPs ?? [];
  if (a.length !== b.length || (old.status?.podIP ?? '') !== (cur.status?.podIP ?? '')) return [labelsChanged, true];
  for (let i = 0; i < a.length; i++) if (a[i].ip !== b[i].ip) return [labelsChanged, true];
  return [labelsChanged, false];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

/**
 * GetServicesToUpdateOnPodChange: heartbeats and unrelated status changes concern no Service;
 * a label change concerns the Services the pod joins or leaves (or all of them if the pod's
 * endpoint changed too).
 */
export function servicesToUpdateOnPodChange(services: Informer<Service>, old: Pod, cur: Pod): Set<string> {
  if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return new Set();
  const [labelsChanged, podChanged] = podEndpointsChanged(old, cur);
  if (!labelsChanged && !podChanged) return new Set();
  const now = podServiceMemberships(services, cur);
  if (!labelsChanged) return now;
  const before = podServiceMemberships(services, old);
  const out = new Set<string>();
  if (podChanged) {
    for (const k of before) out.add(k);
    for (const k of now) out.add(k);
  } else {
    // Only membership changed: the Services the pod left or joined.
    for (const k of before) if (!now.has(k)) out.add(k);
    for (const k of now) if (!before.has(k)) out.add(k);
  }
  return out;
}

/**
 * TriggerTimeTracker: the time of the earliest change (a pod's Ready transition, the Service's
 * creation) the controller has not yet published for a Service. Undefined for a Service seen for
 * the first time and when nothing changed.
 */
export class TriggerTimeTracker {
  /** Per Service: each pod's Ready transition time (text and parsed), and the Service's creation. */
  private readonly states = new Map<string, { pods: Map<string, [string, number]>; service: number }>();

  compute(svc: Service, pods: Pod[]): number | undefined {
    const key = keyOf(svc);
    const state = this.states.get(key);
    let min: number | undefined;
    const podTimes = new Map<string, [string, number]>();
    for (const pod of pods) {
      const text = pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
      if (!text) continue;
      const name = pod.metadata.name!;
      const before = state?.pods.get(name);
      // Most pods did not change since the last sync: skip parsing their time again.
      if (before && before[0] === text) {
        podTimes.set(name, before);
        continue;
      }
      const t = parseRFC3339(text);
      if (t === undefined) continue;
      podTimes.set(name, [text, t]);
      if (t > (before?.[1] ?? -Infinity)) min = min === undefined ? t : Math.min(min, t);
    }
    const svcTime = parseRFC3339(svc.metadata.creationTimestamp) ?? 0;
    if (svcTime > (state?.service ?? -Infinity)) min = min === undefined ? svcTime : Math.min(min, svcTime);
    this.states.set(key, { pods: podTimes, service: svcTime });
    return state ? min : undefined;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}

/** time.RFC3339Nano of a whole-second instant. */
export function formatTriggerTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z').replace(/(\.\d*?)0+Z$/, '$1Z');
}
