// The cloud-controller-manager's service controller (k8s.io/cloud-provider/controllers/service)
// with the Azure provider behind it: a Service of type LoadBalancer gets the
// `service.kubernetes.io/load-balancer-cleanup` finalizer, then a frontend on the cluster's Azure
// load balancer with a new public IP, which takes Azure some seconds to provision; the IP then
// appears in status.loadBalancer.ingress (kubectl's EXTERNAL-IP leaves <pending>). Deleting the
// Service (or changing its type) releases the IP and removes the finalizer.

import { isApiError } from '../../api/errors';
import type { Service } from '../../api/types';
import { keyOf, type Informer } from '../../client/informer';
import type { Random } from '../../random';
import { deepClone, deepEqual } from '../../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from '../controller';

export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';

export interface ServiceControllerOptions {
  random: Random;
  /** Time Azure takes to create a public IP and load-balancing rules (default 6-14 s, drawn per Service). */
  provisionDelayMs?: [min: number, max: number];
  /** Time to update rules of an existing load balancer, or to tear it down. */
  updateDelayMs?: number;
}

interface PendingOp {
  kind: 'ensure' | 'delete';
  readyAt: number;
}

const wantsLoadBalancer = (svc: Service) => svc.spec.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
const hasFinalizer = (svc: Service) => (svc.metadata.finalizers ?? []).includes(LB_CLEANUP_FINALIZER);

/** needsCleanup: we made a load balancer, and the Service is going or no longer wants one. */
function needsCleanup(svc: Service): boolean {
  if (!hasFinalizer(svc)) return false;
  return !!svc.metadata.deletionTimestamp || !wantsLoadBalancer(svc);
}

/** needsUpdate: what the load balancer is built from changed. */
function needsUpdate(old: Service, cur: Service): boolean {
  if (!wantsLoadBalancer(old) && !wantsLoadBalancer(cur)) return false;
  if (wantsLoadBalancer(old) !== wantsLoadBalancer(cur)) return true;
  const o = old.spec;
  const c = cur.spec;
  return (
    !deepEqual(o.ports, c.ports) ||
    o.sessionAffinity !== c.sessionAffinity ||
    o.loadBalancerIP !== c.loadBalancerIP ||
    !deepEqual(o.loadBalancerSourceRanges, c.loadBalancerSourceRanges) ||
    o.externalTrafficPolicy !== c.externalTrafficPolicy ||
    o.healthCheckNodePort !== c.healthCheckNodePort ||
    !deepEqual(old.metadata.annotations, cur.metadata.annotations) ||
    old.metadata.uid !== cur.metadata.uid
  );
}

export class ServiceController extends Controller {
  readonly name = 'service-controller';
  private readonly svcInf: Informer<Service>;
  private readonly random: Random;
  private readonly provisionDelay: [number, number];
  private readonly updateDelay: number;
  /** The Azure public IP of each load-balanced Service (by uid): Azure keeps it until the Service goes. */
  private readonly publicIPs = new Map<string, string>();
  private readonly pending = new Map<string, PendingOp>();
  private readonly dirty = new Set<string>();

  constructor(ctx: ControllerContext, opts: ServiceControllerOptions) {
    super(ctx, 'service');
    this.random = opts.random;
    this.provisionDelay = opts.provisionDelayMs ?? [6_000, 14_000];
    this.updateDelay = opts.updateDelayMs ?? 3_000;
    this.svcInf = ctx.informers.for<Service>('services');
  }

  register(): void {
    this.svcInf.addHandlers({
      add: (s) => {
        if (wantsLoadBalancer(s) || needsCleanup(s)) this.enqueue(keyOf(s));
      },
      update: (old, cur) => {
        if (needsUpdate(old, cur)) this.dirty.add(keyOf(cur));
        if (needsUpdate(old, cur) || needsCleanup(cur)) this.enqueue(keyOf(cur));
      },
      delete: (s) => {
        // With the finalizer the deletion went through needsCleanup; without, release what we hold.
        this.publicIPs.delete(s.metadata.uid!);
        this.pending.delete(keyOf(s));
        this.dirty.delete(keyOf(s));
      },
    });
  }

  /** The public IP provisioned for a Service, if any (the Azure view, for the UI). */
  publicIPOf(uid: string): string | undefined {
    return this.publicIPs.get(uid);
  }

  reconcile(key: string): ReconcileResult {
    const svc = this.svcInf.get(key);
    if (!svc) return;
    if (!wantsLoadBalancer(svc) || needsCleanup(svc)) return this.deleteLoadBalancer(key, svc);
    return this.ensureLoadBalancer(key, svc);
  }

  private ensureLoadBalancer(key: string, svc: Service): ReconcileResult {
    const uid = svc.metadata.uid!;
    const ip = this.publicIPs.get(uid);
    const current = svc.status?.loadBalancer?.ingress ?? [];
    const upToDate = ip !== undefined && current.length === 1 && current[0].ip === ip && !this.dirty.has(key);
    let op = this.pending.get(key);
    if (upToDate && !op) return;
    if (!op || op.kind !== 'ensure') {
      // EnsureLoadBalancer starts: tell the user, and make sure we get to clean up whatever happens.
      this.recorder.normal(svc, 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.dirty.delete(key);
      if (!hasFinalizer(svc)) {
        const next = deepClone(svc);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), LB_CLEANUP_FINALIZER];
        this.client.update('services', next);
      }
      const [lo, hi] = this.provisionDelay;
      const delay = ip === undefined ? Math.round(this.random.between(lo, hi)) : this.updateDelay;
      op = { kind: 'ensure', readyAt: this.clock.now() + delay };
      this.pending.set(key, op);
    }
    const wait = op.readyAt - this.clock.now();
    if (wait > 0) return { requeueAfterMs: wait };

    // Azure is done: the frontend IP configuration points at a new (or the kept) public IP.
    const publicIP = ip ?? this.allocatePublicIP();
    this.publicIPs.set(uid, publicIP);
    this.pending.delete(key);
    this.recorder.normal(svc, 'EnsuredLoadBalancer', 'Ensured load balancer');
    this.patchStatus(svc, [{ ip: publicIP, ipMode: 'VIP' }]);
  }

  private deleteLoadBalancer(key: string, svc: Service): ReconcileResult {
    const uid = svc.metadata.uid!;
    const exists = this.publicIPs.has(uid) || this.pending.get(key)?.kind === 'ensure';
    if (exists) {
      let op = this.pending.get(key);
      if (!op || op.kind !== 'delete') {
        this.recorder.normal(svc, 'DeletingLoadBalancer', 'Deleting load balancer');
        op = { kind: 'delete', readyAt: this.clock.now() + this.updateDelay };
        this.pending.set(key, op);
      }
      const wait = op.readyAt - this.clock.now();
      if (wait > 0) return { requeueAfterMs: wait };
      this.publicIPs.delete(uid);
      this.pending.delete(key);
      this.recorder.normal(svc, 'DeletedLoadBalancer', 'Deleted load balancer');
    }
    // Always remove the finalizer once the load balancer is gone, so the Service can go.
    if (hasFinalizer(svc)) {
      const next = deepClone(svc);
      const rest = (next.metadata.finalizers ?? []).filter((f) => f !== LB_CLEANUP_FINALIZER);
      next.metadata.finalizers = rest.length ? rest : undefined;
      try {
        this.client.update('services', next);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
        return;
      }
    }
    if (!svc.metadata.deletionTimestamp) this.patchStatus(svc, []);
  }

  private patchStatus(svc: Service, ingress: { ip: string; ipMode?: string }[]): void {
    const latest = this.client.tryGet<Service>('services', svc.metadata.namespace, svc.metadata.name!);
    if (!latest || latest.metadata.uid !== svc.metadata.uid) return;
    const want = ingress.length ? { ingress } : {};
    if (deepEqual(latest.status?.loadBalancer ?? {}, want)) return;
    const next = deepClone(latest);
    next.status = { ...next.status, loadBalancer: want };
    this.client.updateStatus('services', next);
  }

  /** An address from Azure's public IP ranges, e.g. 20.x.y.z or 4.x.y.z, as AKS Standard LB frontends get. */
  private allocatePublicIP(): string {
    const used = new Set(this.publicIPs.values());
    for (;;) {
      const first = this.random.pick([20, 20, 20, 4, 52, 40]);
      const second = first === 4 ? 150 + this.random.int(106) : first === 20 ? 10 + this.random.int(240) : this.random.int(256);
      const ip = `${first}.${second}.${this.random.int(256)}.${1 + this.random.int(254)}`;
      if (!used.has(ip)) return ip;
    }
  }
}
