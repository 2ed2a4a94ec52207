// framework.NodeInfo: one node as the scheduler sees it — allocatable, what its pods (assumed
// ones included) request, the host ports they use, the images it has, and the pods themselves.
// Updated incrementally by the cache; never rebuilt from scratch per pod.

import { intValue, milliValue } from '../api/quantity';
import type { Node, Taint, Toleration } from '../api/types';
import { Interner } from '../util/intern';
import type { NodeFilterRecord } from './attempt';
import type { Status } from './framework';
import type { HostPort, PodInfo } from './podinfo';

export interface Allocatable {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  pods: number;
  scalar?: Map<string, number>;
}

/** "kubernetes.io/hostname" */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

export class NodeInfo {
  node?: Node;
  labels: Record<string, string> = {};
  taints: Taint[] = [];
  unschedulable = false;
  allocatable: Allocatable = { milliCPU: 0, memory: 0, ephemeralStorage: 0, pods: 0 };
  // What the node's pods request (Requested) and the same with non-zero defaults (NonZeroRequested).
  reqCPU = 0;
  reqMem = 0;
  reqEphemeral = 0;
  reqScalar?: Map<string, number>;
  nonZeroCPU = 0;
  nonZeroMem = 0;
  /** Pods on the node by uid (insertion order: deterministic). */
  readonly pods = new Map<string, PodInfo>();
  /** Pods with any inter-pod (anti-)affinity; pods with required anti-affinity. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Used host ports: "protocol/port" -> host IPs using it (with counts). */
  readonly usedPorts = new Map<string, Map<string, number>>();
  /** Images on the node: normalized name -> size in bytes. */
  images = new Map<string, number>();
  /** Bumped on every change (for the UI and tests). */
  generation = 0;
  /** The status the filters gave this node in the walk numbered filterStatusCycle (algorithm's NodeStatuses). */
  filterStatus?: Status;
  filterStatusCycle = 0;
  /**
   * TaintToleration's last verdict here, for the taints and tolerations (arrays of stored objects,
   * never changed in place) it was computed from: pods of one template share their tolerations,
   * and a booting cluster rejects each of them on every node.
   */
  /** The filter record of this node's last rejection, with its status (the algorithm's failedRecord). */
  failedRecord?: { status: Status; record: NodeFilterRecord };
  /** ImageLocality's last score here, for the pod image state and the image map it came from. */
  imageScore?: { state: object; images: Map<string, number>; score: number };
  taintVerdict?: { taints: readonly Taint[]; tolerations: readonly Toleration[] | undefined; status: Status | null };

  constructor(readonly name: string) {}

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = !!node.spec?.unschedulable;
    const a = node.status?.allocatable ?? {};
    const alloc: Allocatable = { milliCPU: milliValue(a.cpu), memory: intValue(a.memory), ephemeralStorage: intValue(a['ephemeral-storage']), pods: intValue(a.pods) };
    for (const k in a) {
      if (k.includes('/') || k.startsWith('hugepages-')) (alloc.scalar ??= new Map()).set(k, intValue(a[k]));
    }
    this.allocatable = alloc;
    const images = new Map<string, number>();
    for (const img of node.status?.images ?? []) for (const n of img.names ?? []) images.set(normalizedImageName(n), img.sizeBytes ?? 0);
    this.images = images;
    this.generation++;
  }

  addPod(pi: PodInfo): void {
    this.pods.set(pi.uid, pi);
    this.update(pi, 1);
  }

  removePod(pi: PodInfo): boolean {
    const existing = this.pods.get(pi.uid);
    if (!existing) return false;
    this.pods.delete(pi.uid);
    this.update(existing, -1);
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = pi.requests;
    this.reqCPU += sign * r.milliCPU;
    this.reqMem += sign * r.memory;
    this.reqEphemeral += sign * r.ephemeralStorage;
    if (r.scalar) for (const [k, v] of r.scalar) (this.reqScalar ??= new Map()).set(k, (this.reqScalar.get(k) ?? 0) + sign * v);
    this.nonZeroCPU += sign * r.nonZeroCPU;
    this.nonZeroMem += sign * r.nonZeroMem;
    if (pi.hasAffinity) this.podsWithAffinity += sign;
    if (pi.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity += sign;
    for (const p of pi.ports) this.updatePort(p, sign);
    this.generation++;
  }

  private updatePort(p: HostPort, sign: 1 | -1): void {
    const k = `${p.protocol}/${p.port}`;
    let ips = this.usedPorts.get(k);
    if (!ips) this.usedPorts.set(k, (ips = new Map()));
    const n = (ips.get(p.ip) ?? 0) + sign;
    if (n > 0) ips.set(p.ip, n);
    else ips.delete(p.ip);
    if (ips.size === 0) this.usedPorts.delete(k);
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP on the same protocol and port. */
  portConflict(p: HostPort): boolean {
    const ips = this.usedPorts.get(`${p.protocol}/${p.port}`);
    if (!ips) return false;
    if (p.ip === '0.0.0.0') return ips.size > 0;
    return ips.has(p.ip) || ips.has('0.0.0.0');
  }

  /** A copy for what-if evaluation (preemption's dry run, nominated pods). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.labels = this.labels;
    c.taints = this.taints;
    c.unschedulable = this.unschedulable;
    c.allocatable = this.allocatable;
    c.images = this.images;
    for (const pi of this.pods.values()) c.addPod(pi);
    return c;
  }
}

/** ImageLocality's normalizedImageName: an image without a tag means :latest. */
export function normalizedImageName(name: string): string {
  // One instance per name, shared by the nodes' image maps and the pods looking them up: ImageLocality
  // looks each pod's images up on every node scored, and equal instances compare at once.
  return imageNames.intern(name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name);
}

const imageNames = new Interner();
