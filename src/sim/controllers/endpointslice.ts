// The EndpointSlice controller (pkg/controller/endpointslice + k8s.io/endpointslice's reconciler):
// for each Service with a selector, EndpointSlices `<svc>-<5 chars>` of at most 100 endpoints
// each, one endpoint per pod with its conditions (ready / serving / terminating), node, zone and
// targetRef. Changes touch as few slices as possible, as upstream's reconciler does: endpoints
// stay in the slice they are in, new ones fill slices already being updated, then the fullest
// unchanged slice they fit in, then new slices.

import { internalError, isApiError } from '../api/errors';
import type { KubeObject, Node, OwnerReference, Pod, Service } from '../api/types';
import { keyOf, type Informer } from '../client/informer';
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

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean };
  hostname?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
  nodeName?: string;
  zone?: string;
  hints?: unknown;
}

export interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface EndpointSlice extends KubeObject {
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  endpoints: SliceEndpoint[];
  ports?: SlicePort[];
}

/** The endpoint identity upstream hashes: addresses, hostname, and the pod it stands for. */
function endpointKey(ep: SliceEndpoint): string {
  return `${[...ep.addresses].sort().join(',')}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

function portMapKey(ports: SlicePort[]): string {
  return ports
    .map((p) => `${p.name ?? ''}:${p.port ?? ''}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

const bySliceService = (s: KubeObject) =>
  s.metadata.labels?.[MANAGED_BY_LABEL] === CONTROLLER_NAME && s.metadata.labels?.[SERVICE_NAME_LABEL]
    ? [`${s.metadata.namespace}/${s.metadata.labels[SERVICE_NAME_LABEL]}`]
    : [];

export class EndpointSliceController extends Controller {
  readonly name = 'endpoint-slice-controller';
  private readonly svcInf: Informer<Service>;
  private readonly podInf: Informer<Pod>;
  private readonly nodeInf: Informer<Node>;
  private readonly sliceInf: Informer<EndpointSlice>;
  private readonly triggerTimes = new TriggerTimeTracker();
  readonly maxEndpointsPerSlice: number;

  constructor(ctx: ControllerContext, opts: { maxEndpointsPerSlice?: number } = {}) {
    super(ctx, 'endpoint_slice');
    this.maxEndpointsPerSlice = opts.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE;
    this.svcInf = ctx.informers.for<Service>('services');
    this.podInf = ctx.informers.for<Pod>('pods');
    this.nodeInf = ctx.informers.for<Node>('nodes');
    this.sliceInf = ctx.informers.for<EndpointSlice>('endpointslices');
  }

  register(): void {
    addEndpointIndexes(this.svcInf, this.podInf);
    this.sliceInf.addIndex('endpointslice-service', bySliceService);
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
    // Slices edited or deleted behind our back are put right (ours are recognised by label).
    const owned = (s: EndpointSlice) => {
      const [k] = bySliceService(s);
      if (k) this.enqueue(k);
    };
    this.sliceInf.addHandlers({ update: (_, s) => owned(s), delete: owned });
  }

  reconcile(key: string): ReconcileResult {
    const svc = this.svcInf.get(key);
    if (!svc) {
      // The Service's slices carry an ownerReference: the garbage collector removes them.
      this.triggerTimes.delete(key);
      return;
    }
    if (svc.spec.type === 'ExternalName' || !svc.spec.selector) return;

    const pods = podsForService(this.podInf, svc);
    const triggerTime = this.triggerTimes.compute(svc, pods);
    const existing = this.sliceInf.byIndex('endpointslice-service', key);
    const missingNodes = this.reconcileSlices(svc, pods, existing, triggerTime);
    if (missingNodes.length) {
      // Upstream returns an error so the Service is retried with backoff until the Node shows up.
      throw internalError(`skipping Pod ${missingNodes[0]} for Service ${key}: Node not found`);
    }
  }

  /** Reconciler.reconcileByAddressType for IPv4; returns the pods skipped for a missing Node. */
  private reconcileSlices(svc: Service, pods: Pod[], existing: EndpointSlice[], triggerTime: number | undefined): string[] {
    const toDelete: EndpointSlice[] = [];
    const existingByPortMap = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      if (s.addressType !== 'IPv4' || !ownedBy(s, svc)) {
        toDelete.push(s);
        continue;
      }
      const k = portMapKey(s.ports ?? []);
      const list = existingByPortMap.get(k) ?? [];
      list.push(s);
      existingByPortMap.set(k, list);
    }

    // Desired endpoints, grouped by the set of ports they resolve to.
    const desired = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>();
    const missingNodes: string[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      const ports = endpointPorts(svc, pod);
      const pk = portMapKey(ports);
      let group = desired.get(pk);
      if (!group) desired.set(pk, (group = { ports, endpoints: new Map() }));
      const node = pod.spec.nodeName ? this.nodeInf.get(pod.spec.nodeName) : undefined;
      if (!node && !svc.spec.publishNotReadyAddresses) {
        missingNodes.push(pod.metadata.name!);
        continue;
      }
      const ep = podToEndpoint(pod, node, svc);
      if (ep.addresses.length) group.endpoints.set(endpointKey(ep), ep);
    }

    const toCreate: EndpointSlice[] = [];
    const toUpdate: EndpointSlice[] = [];
    for (const [pk, group] of desired) {
      const r = this.reconcileByPortMapping(svc, existingByPortMap.get(pk) ?? [], group.endpoints, group.ports);
      toCreate.push(...r.create);
      toUpdate.push(...r.update);
      toDelete.push(...r.remove);
    }
    for (const [pk, slices] of existingByPortMap) if (!desired.has(pk)) toDelete.push(...slices);

    // No endpoints at all: keep (or create) one empty placeholder slice.
    if (existing.length === toDelete.length && toCreate.length === 0) {
      const placeholder = newSlice(svc, []);
      if (toDelete.length === 1 && isPlaceholder(toDelete[0], placeholder)) toDelete.length = 0;
      else toCreate.push(placeholder);
    }

    // Rather than delete one slice and create another, reuse the one being deleted.
    for (let i = 0; i < toDelete.length && toCreate.length > 0; ) {
      const victim = toDelete[i];
      if (victim.addressType === 'IPv4' && ownedBy(victim, svc)) {
        const slice = toCreate.pop()!;
        const reused = deepClone(victim);
        reused.metadata.labels = slice.metadata.labels;
        reused.endpoints = slice.endpoints;
        reused.ports = slice.ports;
        toUpdate.push(reused);
        toDelete.splice(i, 1);
      } else i++;
    }

    const ns = svc.metadata.namespace;
    // Don't create slices for a Service being deleted: the garbage collector would race us.
    if (!svc.metadata.deletionTimestamp) {
      for (const s of toCreate) {
        setTriggerTime(s, triggerTime);
        try {
          this.client.create('endpointslices', s, { namespace: ns });
        } catch (e) {
          if (isApiError(e, 'Forbidden') && e.message.includes('because it is being terminated')) return missingNodes;
          throw e;
        }
      }
    }
    for (const s of toUpdate) {
      setTriggerTime(s, triggerTime);
      this.client.update('endpointslices', s);
    }
    for (const s of toDelete) {
      try {
        this.client.delete('endpointslices', ns, s.metadata.name!);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    }
    return missingNodes;
  }

  /** Reconciler.reconcileByPortMapping. */
  private reconcileByPortMapping(
    svc: Service,
    existing: EndpointSlice[],
    desired: Map<string, SliceEndpoint>,
    ports: SlicePort[],
  ): { create: EndpointSlice[]; update: EndpointSlice[]; remove: EndpointSlice[] } {
    const max = this.maxEndpointsPerSlice;
    const byName = new Map<string, EndpointSlice>();
    const unchanged = new Set<string>();
    const toUpdate = new Set<string>();
    const toDelete = new Set<string>();

    // 1. Keep desired endpoints where they are, refresh changed ones, drop the rest.
    for (const slice of existing) {
      const name = slice.metadata.name!;
      byName.set(name, slice);
      const kept: SliceEndpoint[] = [];
      let changed = false;
      for (const ep of slice.endpoints ?? []) {
        const k = endpointKey(ep);
        const want = desired.get(k);
        if (!want) continue;
        kept.push(want);
        if (!deepEqual(want, ep)) changed = true;
        desired.delete(k);
      }
      const labels = sliceLabels(svc);
      const labelsChanged = !deepEqual(labels, slice.metadata.labels ?? {});
      if (changed || kept.length !== (slice.endpoints ?? []).length) {
        if (kept.length === 0) toDelete.add(name);
        else {
          const copy = deepClone(slice);
          copy.endpoints = kept;
          copy.metadata.labels = labels;
          byName.set(name, copy);
          toUpdate.add(name);
        }
      } else if (labelsChanged) {
        const copy = deepClone(slice);
        copy.metadata.labels = labels;
        byName.set(name, copy);
        toUpdate.add(name);
      } else unchanged.add(name);
    }

    const pending = [...desired.values()];
    // 2. Fill the slices being updated anyway, fullest first.
    if (pending.length && toUpdate.size) {
      const slices = [...toUpdate].map((n) => byName.get(n)!).sort((a, b) => b.endpoints.length - a.endpoints.length);
      for (const s of slices) while (pending.length && s.endpoints.length < max) s.endpoints.push(pending.shift()!);
    }

    // 3. Then the unchanged slice that ends up closest to full, else new slices.
    const create: EndpointSlice[] = [];
    while (pending.length) {
      let fill: EndpointSlice | undefined;
      if (pending.length < max && unchanged.size) {
        let closest = max;
        for (const n of unchanged) {
          const s = byName.get(n)!;
          const diff = max - (pending.length + s.endpoints.length);
          if (diff >= 0 && diff < closest) {
            closest = diff;
            fill = s;
          }
        }
      }
      if (fill) {
        fill = deepClone(fill);
        byName.set(fill.metadata.name!, fill);
      } else fill = newSlice(svc, ports);
      while (pending.length && fill.endpoints.length < max) fill.endpoints.push(pending.shift()!);
      if (fill.metadata.name) {
        toUpdate.add(fill.metadata.name);
        unchanged.delete(fill.metadata.name);
      } else create.push(fill);
    }
    return {
      create,
      update: [...toUpdate].map((n) => byName.get(n)!),
      remove: [...toDelete].map((n) => byName.get(n)!),
    };
  }
}

function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** setEndpointSliceLabels: the Service's labels, plus the reserved ones the controller owns. */
function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k === SERVICE_NAME_LABEL || k === MANAGED_BY_LABEL || k === HEADLESS_LABEL) continue;
    labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return labels;
}

function newSlice(svc: Service, ports: SlicePort[]): EndpointSlice {
  const owner: OwnerReference = { apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true };
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels: sliceLabels(svc), ownerReferences: [owner] },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

/** placeholderSliceCompare: same namespace, labels, owner, ports and (no) endpoints. */
function isPlaceholder(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  return (
    slice.metadata.namespace === placeholder.metadata.namespace &&
    deepEqual(slice.metadata.labels ?? {}, placeholder.metadata.labels) &&
    deepEqual(slice.metadata.ownerReferences, placeholder.metadata.ownerReferences) &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0 &&
    slice.addressType === placeholder.addressType
  );
}

function setTriggerTime(slice: EndpointSlice, triggerTime: number | undefined): void {
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  if (triggerTime !== undefined) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(triggerTime);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  slice.metadata.annotations = Object.keys(annotations).length ? annotations : undefined;
}

/** getEndpointPorts: every Service port that resolves on this pod (unnamed ports are named ""). */
function endpointPorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** podToEndpoint: a terminating pod is never `ready` unless the Service publishes not-ready addresses. */
function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}
