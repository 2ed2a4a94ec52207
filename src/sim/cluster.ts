// A whole simulated AKS cluster: the managed control plane (API server and its store, scheduler,
// controller-manager, cloud-controller-manager, addon manager) and the customer's node pools (a
// kubelet, container runtime and kube-proxy per VM), all on one virtual clock and one seeded
// random generator. Same seed + same inputs => same state, byte for byte (`hash()`).

import { badRequest } from './api/errors';
import { addonManifests } from './aks/addons';
import { AddonManager } from './aks/addonmanager';
import { buildNode } from './aks/nodes';
import { clusterDigits, DEFAULT_WARMUP_SECONDS, defaultSpec, nodeName, validatePoolName, type AksClusterSpec, type NodePoolSpec } from './aks/spec';
import { ApiServer } from './apiserver/apiserver';
import { intToIp, parseCIDR } from './apiserver/allocators';
import { bootstrapApiServer } from './apiserver/bootstrap';
import { Clock } from './clock';
import { ControllerManager } from './controllers/manager';
import { EtcdCluster } from './etcd/raft';
import { FaultInjector } from './faults/faults';
import { RegistryNetwork } from './faults/registry';
import { KubeProxy } from './node/kubeproxy';
import { Kubelet } from './node/kubelet';
import { Random } from './random';
import { Scheduler } from './scheduler/scheduler';
import { Trace } from './trace';
import { canonicalJSON, Hasher } from './util/json';

export interface ClusterOptions {
  seed?: number;
  /** Wall-clock instant the simulation starts at (default: a fixed date, for reproducible runs). */
  epochMs?: number;
  spec?: Partial<AksClusterSpec>;
  /** Freeze stored objects so that a component mutating what it read fails loudly (tests). */
  freezeObjects?: boolean;
  /** Seconds of virtual time to run before returning, so the cluster is up as `az aks create` leaves it. */
  warmupSeconds?: number;
  /** Members of the managed etcd (Raft) cluster: 3 (default) or 5. */
  etcdMembers?: 3 | 5;
}

export interface NodeAgent {
  name: string;
  pool: string;
  kubelet: Kubelet;
}


export class Cluster {
  readonly clock: Clock;
  readonly random: Random;
  readonly trace = new Trace();
  readonly api: ApiServer;
  /** The managed control plane's etcd members (Raft); the store's writes need their quorum. */
  readonly etcd: EtcdCluster;
  /** Which image registries the nodes can reach. */
  readonly registries = new RegistryNetwork();
  /** Fault injection (nodes, containers, registry, control plane, etcd). */
  readonly faults: FaultInjector;
  readonly spec: AksClusterSpec;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly addonManager: AddonManager;
  /** kube-proxy's rules, computed lazily per node from Services and EndpointSlices. */
  readonly kubeProxy: KubeProxy;
  readonly nodes = new Map<string, NodeAgent>();
  /** The 8 digits shared by every node name of this cluster. */
  readonly digits: string;
  readonly subscription: string;
  private readonly nextIndex = new Map<string, number>();
  private subnetIndex = 0;

  constructor(opts: ClusterOptions = {}) {
    this.clock = new Clock({ epochMs: opts.epochMs });
    this.random = new Random(opts.seed ?? 1);
    this.spec = defaultSpec(opts.spec);
    this.digits = clusterDigits(this.random);
    this.subscription = this.random.uuid();
    this.api = new ApiServer({ clock: this.clock, random: this.random, trace: this.trace, serviceCIDR: this.spec.serviceCidr, freezeObjects: opts.freezeObjects });
    this.etcd = new EtcdCluster({ clock: this.clock, random: this.random, trace: this.trace, members: opts.etcdMembers });
    this.api.store.writeGate = () => this.etcd.checkWrite();
    this.faults = new FaultInjector(this);
    const svc = parseCIDR(this.spec.serviceCidr);
    bootstrapApiServer(this.api, { kubernetesServiceIP: intToIp(svc.base + 1), apiServerIP: `20.${10 + this.random.int(200)}.${this.random.int(256)}.${1 + this.random.int(254)}` });
    this.api.setLogProvider((pod, o) => {
      const agent = pod.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
      if (!agent) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
      return agent.kubelet.logs(pod, o);
    });
    this.controllerManager = new ControllerManager({ api: this.api, clock: this.clock, random: this.random, trace: this.trace, clusterCIDR: this.spec.podCidr });
    this.scheduler = new Scheduler({ api: this.api, clock: this.clock, trace: this.trace });
    this.kubeProxy = new KubeProxy({ api: this.api, random: this.random, clusterCIDR: this.spec.podCidr });
    this.addonManager = new AddonManager(this.api.client('addon-manager'), this.clock, () => addonManifests(this.spec));
    this.controllerManager.start();
    this.scheduler.start();
    this.addonManager.start();
    this.kubeProxy.start();
    for (const pool of this.spec.pools) this.startPool(pool);
    const warmup = opts.warmupSeconds ?? DEFAULT_WARMUP_SECONDS;
    if (warmup > 0) this.advance(warmup);
  }

  /** Run the simulation forward by `seconds` of virtual time. */
  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  /** Add a pool as `az aks nodepool add` does. */
  addPool(pool: NodePoolSpec): void {
    const err = validatePoolName(pool.name);
    if (err) throw new Error(err);
    if (this.spec.pools.some((p) => p.name === pool.name)) throw new Error(`Agent pool ${pool.name} already exists.`);
    this.spec.pools.push(pool);
    this.startPool(pool);
  }

  /** Scale a pool out by one VM: a new node boots and its kubelet registers. */
  addNode(poolName: string): string {
    const pool = this.spec.pools.find((p) => p.name === poolName);
    if (!pool) throw new Error(`Agent pool ${poolName} not found.`);
    const index = this.nextIndex.get(poolName) ?? 0;
    this.nextIndex.set(poolName, index + 1);
    const name = nodeName(pool.name, this.digits, index);
    const node = buildNode(this.spec, { name, pool, index, subnetIndex: this.subnetIndex++ }, this.subscription, this.random);
    const kubelet = new Kubelet({ api: this.api, clock: this.clock, random: this.random, trace: this.trace, node, registries: this.registries });
    this.nodes.set(name, { name, pool: pool.name, kubelet });
    kubelet.start();
    return name;
  }

  /** Delete a VM: its kubelet stops for good and the cloud node manager removes the Node. */
  removeNode(name: string): void {
    const agent = this.nodes.get(name);
    if (!agent) throw new Error(`node ${name} not found`);
    agent.kubelet.powerOff();
    this.nodes.delete(name);
    try {
      this.api.delete('nodes', undefined, name, {}, { actor: 'cloud-node-manager' });
    } catch {
      // already gone
    }
  }

  private startPool(pool: NodePoolSpec): void {
    for (let i = 0; i < pool.count; i++) this.addNode(pool.name);
  }

  /** A digest of the whole cluster state: every stored object, the clock and the random state. */
  hash(): string {
    const h = new Hasher();
    h.update(String(this.clock.now())).update(JSON.stringify(this.random.state)).update(String(this.api.store.revision)).update(this.etcd.digest()).update(JSON.stringify(this.faults.active()));
    for (const [key, obj] of this.api.store.entries()) h.update(key).update(canonicalJSON(obj));
    return h.digest();
  }
}

export { DEFAULT_WARMUP_SECONDS };

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
