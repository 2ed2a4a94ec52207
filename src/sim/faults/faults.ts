// Fault injection: one entry point for every fault a learner or instructor can inject, on a node,
// a container, the image registry or the managed control plane. Each fault acts on the real
// component (the VM, the kubelet, containerd, the network, a control-plane process, an etcd
// member); what follows (NotReady, evictions, restarts, back-offs, Pending pods, failed writes)
// is the components' own doing, on the virtual clock. Faults are plain data
// (`{ kind, target, on }`), so a host can record and replay them as inputs.

import { badRequest } from '../api/errors';
import type { Pod } from '../api/types';
import type { Cluster } from '../cluster';
import { KNOWN_REGISTRIES, registryName } from './registry';

export const FAULT_KINDS = [
  'power-off',
  'stop-kubelet',
  'partition',
  'kill-container',
  'oom',
  'registry-unreachable',
  'stop-scheduler',
  'stop-controller-manager',
  'etcd-member-down',
  'etcd-quorum-loss',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault to inject (`on`) or heal (`on: false`). Plain, serialisable data. */
export interface FaultSpec {
  kind: FaultKind;
  /**
   * node name (power-off, stop-kubelet, partition); `namespace/pod[/container]` (kill-container,
   * oom); a registry such as docker.io or `*` (registry-unreachable); an etcd member such as
   * etcd-0, or `leader` (etcd-member-down); nothing for the control-plane processes.
   */
  target?: string;
  on: boolean;
}

export interface ActiveFault {
  kind: FaultKind;
  target?: string;
}

export interface FaultResult {
  message: string;
  active: ActiveFault[];
}

/** What each fault does, for menus, help texts and the terminal. */
export const FAULT_HELP: Record<FaultKind, { target: string; what: string; heals: boolean }> = {
  'power-off': { target: 'NODE', what: 'the VM loses power: containers die, no heartbeats (NotReady after 50 s, evictions 300 s later)', heals: true },
  'stop-kubelet': { target: 'NODE', what: 'systemctl stop kubelet: containers keep running, nothing is reported', heals: true },
  partition: { target: 'NODE', what: 'cut the node off from the control plane: Lease and status stop, pods keep running, evicted after 300 s', heals: true },
  'kill-container': { target: 'NAMESPACE/POD[/CONTAINER]', what: 'SIGKILL the container: exit code 137, restartCount+1, restart back-off', heals: false },
  oom: { target: 'NAMESPACE/POD[/CONTAINER]', what: 'the container exceeds its memory limit: OOMKilled (137), again after each restart: CrashLoopBackOff', heals: true },
  'registry-unreachable': { target: 'REGISTRY', what: `pulls from the registry (${KNOWN_REGISTRIES.join(', ')}, * = all) time out: ErrImagePull, ImagePullBackOff`, heals: true },
  'stop-scheduler': { target: '', what: 'stop kube-scheduler: new pods stay Pending, with no events', heals: true },
  'stop-controller-manager': { target: '', what: 'stop kube-controller-manager: no ReplicaSets or pods for Deployments, no node failure detection', heals: true },
  'etcd-member-down': { target: 'MEMBER|leader', what: 'stop an etcd member: a follower changes nothing but the quorum math; the leader causes an election', heals: true },
  'etcd-quorum-loss': { target: '', what: 'stop a majority of the etcd members: every API write fails (etcdserver: request timed out)', heals: true },
};

export function isFaultKind(k: string): k is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(k);
}

export class FaultInjector {
  /** etcd members stopped by etcd-quorum-loss (healed together). */
  private quorumVictims: string[] = [];
  /** etcd members stopped by etcd-member-down. */
  private readonly downMembers = new Set<string>();

  constructor(private readonly c: Cluster) {}

  apply(f: FaultSpec): FaultResult {
    if (!f || typeof f !== 'object' || !isFaultKind(String(f.kind))) {
      throw badRequest(`unknown fault kind "${f?.kind}": expected one of ${FAULT_KINDS.join(', ')}`);
    }
    const on = f.on !== false;
    const message = this.run(f.kind, f.target?.trim() || undefined, on);
    return { message, active: this.active() };
  }

  private run(kind: FaultKind, target: string | undefined, on: boolean): string {
    switch (kind) {
      case 'power-off': {
        const { name, kubelet } = this.node(target);
        if (on) kubelet.powerOff();
        else kubelet.powerOn();
        return on ? `${name} powered off` : `${name} powered on`;
      }
      case 'stop-kubelet': {
        const { name, kubelet } = this.node(target);
        if (on) kubelet.stopKubelet();
        else kubelet.startKubelet();
        return on ? `kubelet stopped on ${name}` : `kubelet started on ${name}`;
      }
      case 'partition': {
        const { name, kubelet } = this.node(target);
        if (on) kubelet.partition();
        else kubelet.heal();
        return on ? `${name} cut off from the control plane` : `${name} reconnected to the control plane`;
      }
      case 'kill-container':
      case 'oom': {
        if (kind === 'kill-container' && !on) throw badRequest('a killed container cannot be un-killed: the kubelet restarts it per its restartPolicy');
        const { ns, pod, container, kubelet } = this.container(target);
        if (kind === 'kill-container') return kubelet.killContainer(ns, pod, container);
        return kubelet.setOutOfMemory(ns, pod, container, on);
      }
      case 'registry-unreachable': {
        if (!target) throw badRequest(`a registry is required (${KNOWN_REGISTRIES.join(', ')}, or * for all)`);
        const reg = registryName(target);
        if (!/^(\*|[a-z0-9.-]+(:\d+)?)$/.test(reg)) throw badRequest(`invalid registry "${target}"`);
        if (on) this.c.registries.block(reg);
        else this.c.registries.unblock(reg);
        const what = reg === '*' ? 'every registry' : reg;
        return on ? `${what} unreachable from the nodes: image pulls time out` : `${what} reachable again`;
      }
      case 'stop-scheduler':
        if (on) this.c.scheduler.stop();
        else this.c.scheduler.resume();
        return on ? 'kube-scheduler stopped' : 'kube-scheduler started';
      case 'stop-controller-manager':
        if (on) this.c.controllerManager.stop();
        else this.c.controllerManager.resume();
        return on ? 'kube-controller-manager stopped' : 'kube-controller-manager started';
      case 'etcd-member-down': {
        const etcd = this.c.etcd;
        const name = !target || target === 'leader' ? (on ? etcd.leader : undefined) : target;
        if (!name) throw badRequest(on ? 'etcd has no leader right now: name a member' : `a member is required (${etcd.memberNames().join(', ')})`);
        if (!etcd.memberNames().includes(name)) throw badRequest(`etcd member "${name}" not found (members: ${etcd.memberNames().join(', ')})`);
        if (on) {
          const wasLeader = etcd.leader === name;
          etcd.stop(name);
          this.downMembers.add(name);
          const left = etcd.upCount();
          const quorum = left >= etcd.quorum ? `quorum kept (${left}/${etcd.size} up, ${etcd.quorum} needed)` : `quorum lost (${left}/${etcd.size} up, ${etcd.quorum} needed)`;
          return `etcd member ${name}${wasLeader ? ' (leader)' : ''} stopped: ${quorum}${wasLeader ? '; an election follows' : ''}`;
        }
        etcd.start(name);
        this.downMembers.delete(name);
        this.quorumVictims = this.quorumVictims.filter((m) => m !== name);
        return `etcd member ${name} started`;
      }
      case 'etcd-quorum-loss': {
        const etcd = this.c.etcd;
        if (on) {
          // Stop followers first, then the leader, until only a minority is up.
          const order = etcd.memberNames().filter((m) => etcd.isUp(m) && m !== etcd.leader);
          if (etcd.leader) order.push(etcd.leader);
          while (etcd.upCount() >= etcd.quorum && order.length) {
            const m = order.shift()!;
            etcd.stop(m);
            this.quorumVictims.push(m);
          }
          return `etcd quorum lost: ${etcd.upCount()}/${etcd.size} members up, ${etcd.quorum} needed; API writes fail`;
        }
        for (const m of this.quorumVictims) etcd.start(m);
        this.quorumVictims = [];
        return `etcd members restarted: ${etcd.upCount()}/${etcd.size} up; a leader is elected within the election timeout`;
      }
    }
  }

  /** The faults in force now, read from the components themselves. */
  active(): ActiveFault[] {
    const out: ActiveFault[] = [];
    for (const [name, agent] of this.c.nodes) {
      const k = agent.kubelet;
      if (k.state === 'poweredOff') out.push({ kind: 'power-off', target: name });
      else if (k.state === 'stopped') out.push({ kind: 'stop-kubelet', target: name });
      if (k.partitioned) out.push({ kind: 'partition', target: name });
      for (const t of k.outOfMemory()) out.push({ kind: 'oom', target: t });
    }
    for (const r of this.c.registries.blockedRegistries()) out.push({ kind: 'registry-unreachable', target: r });
    if (this.c.scheduler.state === 'stopped') out.push({ kind: 'stop-scheduler' });
    if (this.c.controllerManager.controllers.some((x) => x.state === 'stopped')) out.push({ kind: 'stop-controller-manager' });
    for (const m of this.c.etcd.memberNames()) if (!this.c.etcd.isUp(m) && !this.quorumVictims.includes(m)) out.push({ kind: 'etcd-member-down', target: m });
    if (this.quorumVictims.length) out.push({ kind: 'etcd-quorum-loss', target: this.quorumVictims.join(',') });
    return out;
  }

  private node(target: string | undefined) {
    if (!target) throw badRequest('a node name is required');
    const agent = this.c.nodes.get(target);
    if (!agent) throw badRequest(`node "${target}" has no VM in this cluster`);
    return { name: target, kubelet: agent.kubelet };
  }

  private container(target: string | undefined) {
    const parts = (target ?? '').split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p)) throw badRequest(`expected NAMESPACE/POD[/CONTAINER], got "${target ?? ''}"`);
    const [ns, pod, container] = parts;
    const obj = this.c.api.tryGet<Pod>('pods', ns, pod);
    if (!obj) throw badRequest(`pods "${pod}" not found in namespace "${ns}"`);
    if (container !== undefined && ![...(obj.spec.initContainers ?? []), ...obj.spec.containers].some((x) => x.name === container)) {
      throw badRequest(`container ${container} is not valid for pod ${pod}`);
    }
    const node = obj.spec.nodeName;
    const agent = node ? this.c.nodes.get(node) : undefined;
    if (!agent) throw badRequest(`pod ${pod} is not running on a node of this cluster (Pending?)`);
    if (agent.kubelet.state === 'poweredOff') throw badRequest(`node ${node} is powered off: pod ${pod} has no running containers`);
    return { ns, pod, container, kubelet: agent.kubelet };
  }
}
