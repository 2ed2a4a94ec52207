// Node IPAM controller (pkg/controller/nodeipam, range allocator): gives each node a pod CIDR
// from the cluster CIDR (AKS: 10.244.0.0/16, a /24 per node: the first node gets 10.244.0.0/24,
// the next 10.244.1.0/24 ...) and frees it when the node goes away. The kubelet's CNI hands out
// pod IPs from it.

import { isApiError } from '../api/errors';
import type { Node } from '../api/types';
import { intToIp, parseCIDR } from '../apiserver/allocators';
import type { Informer } from '../client/informer';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';

export interface NodeIpamOptions {
  clusterCIDR?: string;
  /** --node-cidr-mask-size (24 by default for IPv4). */
  nodeCIDRMaskSize?: number;
}

export class NodeIpamController extends Controller {
  readonly name = 'node-ipam-controller';
  private readonly nodes: Informer<Node>;
  private readonly base: number;
  private readonly count: number;
  private readonly blockSize: number;
  private readonly maskSize: number;
  /** Index of each allocated block -> node name. */
  private readonly used = new Map<number, string>();
  private readonly byNode = new Map<string, number>();

  constructor(ctx: ControllerContext, opts: NodeIpamOptions = {}) {
    super(ctx, 'node-ipam');
    const cidr = opts.clusterCIDR ?? (ctx as ControllerContext & { clusterCIDR?: string }).clusterCIDR ?? '10.244.0.0/16';
    this.maskSize = opts.nodeCIDRMaskSize ?? 24;
    const c = parseCIDR(cidr);
    this.base = c.base;
    this.blockSize = 2 ** (32 - this.maskSize);
    this.count = Math.max(1, c.size / this.blockSize);
    this.nodes = ctx.informers.for<Node>('nodes');
  }

  register(): void {
    this.nodes.addHandlers({
      add: (n) => {
        // Occupy CIDRs nodes already have before handing out new ones.
        if (n.spec.podCIDR) this.occupy(n);
        else this.enqueue(n.metadata.name!);
      },
      update: (_, n) => {
        if (!n.spec.podCIDR) this.enqueue(n.metadata.name!);
      },
      delete: (n) => this.release(n.metadata.name!),
    });
  }

  private cidrOf(index: number): string {
    return `${intToIp(this.base + index * this.blockSize)}/${this.maskSize}`;
  }

  /** A CIDR a node already has (set by a previous run or by hand) is taken. */
  private occupy(node: Node): void {
    const name = node.metadata.name!;
    const idx = (parseCIDR(node.spec.podCIDR!).base - this.base) / this.blockSize;
    if (!Number.isInteger(idx) || idx < 0 || idx >= this.count || this.used.has(idx)) return;
    this.used.set(idx, name);
    this.byNode.set(name, idx);
  }

  private release(name: string): void {
    const idx = this.byNode.get(name);
    if (idx === undefined) return;
    this.byNode.delete(name);
    this.used.delete(idx);
  }

  reconcile(key: string): ReconcileResult {
    const node = this.nodes.get(key);
    if (!node) return;
    if (node.spec.podCIDR) return this.occupy(node);
    let idx = this.byNode.get(key);
    if (idx === undefined) {
      for (let i = 0; i < this.count; i++) {
        if (!this.used.has(i)) {
          idx = i;
          break;
        }
      }
      if (idx === undefined) {
        this.recorder.warning(node, 'CIDRNotAvailable', `Node ${key} status is now: CIDRNotAvailable`);
        return { requeueAfterMs: 30_000 };
      }
      this.used.set(idx, key);
      this.byNode.set(key, idx);
    }
    const cidr = this.cidrOf(idx);
    const current = this.client.tryGet<Node>('nodes', undefined, key);
    if (!current || current.spec.podCIDR) return;
    const next = deepClone(current);
    next.spec.podCIDR = cidr;
    next.spec.podCIDRs = [cidr];
    delete next.metadata.resourceVersion;
    try {
      this.client.update('nodes', next);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return this.release(key);
      throw e;
    }
  }
}
