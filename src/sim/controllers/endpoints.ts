// The Endpoints controller (pkg/controller/endpoint): for each Service with a selector, an
// Endpoints object of the same name listing the selected pods' IPs, ready ones in `addresses`,
// the others in `notReadyAddresses`, per resolved port, packed like upstream's RepackSubsets.
// Services without a selector are left alone: their Endpoints are the user's (or, for
// `default/kubernetes`, the API server's).

import { isApiError } from '../api/errors';
import type { EndpointAddress, Endpoints, Pod, Service } from '../api/types';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import {
  addEndpointIndexes,
  findPort,
  formatTriggerTime,
  HEADLESS_LABEL,
  isServiceIPSet,
  LAST_CHANGE_TRIGGER_TIME,
  podIPv4s,
  podServiceMemberships,
  POD_UPDATES_BATCH_MS,
  podsForService,
  servicesToUpdateOnPodChange,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TriggerTimeTracker,
} from './endpointutil';
import { isPodReady } from './podutil';

/** Addresses an Endpoints object holds at most; beyond, it is truncated (maxCapacity). */
export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';

type Subset = NonNullable<Endpoints['subsets']>[number];
type EndpointPort = NonNullable<Subset['ports']>[number];

export class EndpointsController extends Controller {
  readonly name = 'endpoint-controller';
  private readonly svcInf: Informer<Service>;
  private readonly podInf: Informer<Pod>;
  private readonly epInf: Informer<Endpoints>;
  private readonly triggerTimes = new TriggerTimeTracker();

  constructor(ctx: ControllerContext) {
    super(ctx, 'endpoint');
    this.svcInf = ctx.informers.for<Service>('services');
    this.podInf = ctx.informers.for<Pod>('pods');
    this.epInf = ctx.informers.for<Endpoints>('endpoints');
  }

  register(): void {
    addEndpointIndexes(this.svcInf, this.podInf);
    this.svcInf.addHandlers({
      add: (s) => this.enqueue(keyOf(s)),
      update: (_, s) => this.enqueue(keyOf(s)),
      delete: (s) => this.enqueue(keyOf(s)),
    });
    const all = (keys: Set<string>) => {
      for (const k of keys) this.queue.addAfter(k, POD_UPDATES_BATCH_MS);
    };
    this.podInf.addHandlers({
      add: (p) => all(podServiceMemberships(this.svcInf, p)),
      update: (old, cur) => all(servicesToUpdateOnPodChange(this.svcInf, old, cur)),
      delete: (p) => all(podServiceMemberships(this.svcInf, p)),
    });
    // Someone deleted our Endpoints: put them back.
    this.epInf.addHandlers({
      delete: (ep) => {
        if (this.svcInf.get(keyOf(ep))) this.enqueue(keyOf(ep));
      },
    });
  }

  reconcile(key: string): ReconcileResult {
    const [namespace, name] = splitKey(key);
    const svc = this.svcInf.get(key);
    if (!svc) {
      // The Service is gone: so are its Endpoints.
      try {
        this.client.delete('endpoints', namespace, name);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
      this.triggerTimes.delete(key);
      return;
    }
    // ExternalName Services get no endpoints (issues.k8s.io/105986); selector-less ones are user-managed.
    if (svc.spec.type === 'ExternalName' || !svc.spec.selector) return;

    const pods = podsForService(this.podInf, svc);
    const triggerTime = this.triggerTimes.compute(svc, pods);
    const publishNotReady = svc.spec.publishNotReadyAddresses === true;
    let subsets: Subset[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPv4s(pod)[0];
      if (!ip) continue;
      const addr: EndpointAddress = {
        ip,
        nodeName: pod.spec.nodeName,
        targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid },
      };
      if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec.hostname;
      const ready = publishNotReady || isPodReady(pod);
      const ports = svc.spec.ports ?? [];
      if (ports.length === 0) {
        // A headless Service may have no ports: its addresses still count.
        if (svc.spec.clusterIP === 'None') subsets.push(ready ? { addresses: [addr] } : { notReadyAddresses: [addr] });
        continue;
      }
      for (const sp of ports) {
        const portNum = findPort(pod, sp);
        if (portNum === undefined) continue;
        const epp: EndpointPort = { name: sp.name || undefined, port: portNum, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol) epp.appProtocol = sp.appProtocol;
        subsets.push(ready ? { addresses: [addr], ports: [epp] } : { notReadyAddresses: [addr], ports: [epp] });
      }
    }
    subsets = repackSubsets(subsets);
    const truncated = truncateSubsets(subsets);

    const current = this.epInf.get(key);
    const svcLabels = { ...(svc.metadata.labels ?? {}) };
    if (current) {
      const compareLabels = { ...(current.metadata.labels ?? {}) };
      delete compareLabels[HEADLESS_LABEL];
      const overCapacity = current.metadata.annotations?.[OVER_CAPACITY_ANNOTATION] !== undefined;
      if (deepEqual(current.subsets ?? [], subsets) && deepEqual(compareLabels, svcLabels) && overCapacity === truncated) return;
    }

    const ep: Endpoints = current ? deepClone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    ep.subsets = subsets.length ? subsets : undefined;
    const labels = svcLabels;
    if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
    ep.metadata.labels = Object.keys(labels).length ? labels : undefined;
    const annotations = { ...(ep.metadata.annotations ?? {}) };
    if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    if (truncated) annotations[OVER_CAPACITY_ANNOTATION] = 'truncated';
    else delete annotations[OVER_CAPACITY_ANNOTATION];
    ep.metadata.annotations = Object.keys(annotations).length ? annotations : undefined;

    try {
      if (current) this.client.update('endpoints', ep);
      else this.client.create('endpoints', ep);
    } catch (e) {
      if (!isApiError(e)) throw e;
      // A terminating namespace refuses new content: nothing to retry.
      if (!current && isApiError(e, 'Forbidden') && e.message.includes('because it is being terminated')) return;
      if (current) this.recorder.warning(ep, 'FailedToUpdateEndpoint', `Failed to update endpoint ${namespace}/${name}: ${e.message}`);
      else this.recorder.warning(ep, 'FailedToCreateEndpoint', `Failed to create endpoint for service ${namespace}/${name}: ${e.message}`);
      throw e;
    }
  }
}

function addressKey(a: EndpointAddress): string {
  return `${a.ip}|${a.targetRef?.uid ?? ''}`;
}

/** LessEndpointAddress: by IP (byte order), then by targetRef uid. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid;
  const ub = b.targetRef?.uid;
  if (ub === undefined) return ua === undefined ? 0 : 1;
  if (ua === undefined) return -1;
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}|${p.port}|${p.protocol ?? ''}|${p.appProtocol ?? ''}`;
}

/**
 * RepackSubsets: expand to (port, address) pairs, then group the ports that share exactly the same
 * set of addresses into one subset. An address not ready for a port is not ready (not-ready wins).
 * Addresses are sorted by IP and uid; ports and subsets in a stable order (upstream orders
 * them by an md5 of their Go representation, which has no meaning to reproduce).
 */
export function repackSubsets(subsets: Subset[]): Subset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const ports = new Map<string, { port: EndpointPort; addrs: Map<string, boolean> }>();
  const noPort = '<none>';
  const map = (addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const k = addressKey(addr);
    if (!allAddrs.has(k)) allAddrs.set(k, addr);
    const pk = port ? portKey(port) : noPort;
    let entry = ports.get(pk);
    if (!entry) ports.set(pk, (entry = { port: port!, addrs: new Map() }));
    const was = entry.addrs.get(k);
    if (was === undefined || was) entry.addrs.set(k, ready);
  };
  for (const s of subsets) {
    const sp: (EndpointPort | undefined)[] = s.ports?.length ? s.ports : [undefined];
    for (const p of sp) {
      for (const a of s.addresses ?? []) map(a, p, true);
      for (const a of s.notReadyAddresses ?? []) map(a, p, false);
    }
  }
  // Group ports by their exact address set (with readiness).
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [pk, { port, addrs }] of ports) {
    const sig = [...addrs].map(([k, r]) => `${k}=${r}`).sort().join(',');
    let g = groups.get(sig);
    if (!g) groups.set(sig, (g = { addrs, ports: [] }));
    if (pk !== noPort) g.ports.push(port);
  }
  const out: Subset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    ready.sort(lessAddress);
    notReady.sort(lessAddress);
    g.ports.sort((a, b) => (portKey(a) < portKey(b) ? -1 : portKey(a) > portKey(b) ? 1 : 0));
    const s: Subset = {};
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = g.ports;
    out.push(s);
  }
  const first = (s: Subset) => {
    const a = s.addresses?.[0] ?? s.notReadyAddresses?.[0];
    return `${a ? addressKey(a) : ''}#${(s.ports ?? []).map(portKey).join(',')}`;
  };
  return out.sort((a, b) => (first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0));
}

/**
 * truncateEndpoints: keep at most 1000 addresses, ready ones first, taking from each subset in
 * proportion to its size. Returns whether anything was cut.
 */
export function truncateSubsets(subsets: Subset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses?.length : s.notReadyAddresses?.length) ?? 0;
    const toBeAdded = Math.min(canBeAdded, Math.ceil((inSubset / numTotal) * max));
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
      if (!s.addresses.length) delete s.addresses;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
      if (!s.notReadyAddresses.length) delete s.notReadyAddresses;
    }
  }
  return true;
}
