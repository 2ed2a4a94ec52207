// kube-proxy in iptables mode (pkg/proxy/iptables/proxier.go). Every node's kube-proxy computes
// the same nat rules from Services and EndpointSlices, except for traffic policy Local, so one
// shared informer pair serves all nodes and a node's rules are only computed when asked for (a
// node shell running `iptables-save` or `iptables -t nat -L`). Chain names are upstream's:
// KUBE-SVC-/KUBE-EXT-/KUBE-SVL-/KUBE-FW- + base32(sha256(servicePortName + protocol))[:16], and
// KUBE-SEP- + the same hash over servicePortName + protocol + endpoint.

import type { KubeObject, Service } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import { Informer } from '../client/informer';
import type { Random } from '../random';
import { base32, sha256 } from './hash';

export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

export const serviceChain = (spn: string, proto: string) => `KUBE-SVC-${portProtoHash(spn, proto)}`;
export const externalChain = (spn: string, proto: string) => `KUBE-EXT-${portProtoHash(spn, proto)}`;
export const localChain = (spn: string, proto: string) => `KUBE-SVL-${portProtoHash(spn, proto)}`;
export const firewallChain = (spn: string, proto: string) => `KUBE-FW-${portProtoHash(spn, proto)}`;
export function endpointChain(spn: string, proto: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(spn + proto + endpoint)).slice(0, 16)}`;
}

export interface ProxyEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  pod?: { namespace?: string; name: string };
}

export interface ServicePortInfo {
  /** ServicePortName.String(): `ns/name:port` (or `ns/name` for an unnamed port). */
  name: string;
  service: Service;
  protocol: string;
  clusterIP?: string;
  port: number;
  nodePort?: number;
  loadBalancerIPs: string[];
  externalLocal: boolean;
  internalLocal: boolean;
  endpoints: ProxyEndpoint[];
}

interface Rule {
  chain: string;
  jump: string;
  proto?: string;
  src?: string;
  srcNot?: boolean;
  dst?: string;
  comment?: string;
  dport?: number;
  tcpMatch?: boolean;
  probability?: string;
  dstLocal?: boolean;
  srcLocal?: boolean;
  markNot?: boolean;
  /** Target options in save form (after -j X). */
  targetArgs?: string;
  /** Target options as `iptables -L` prints them. */
  targetList?: string;
}

export interface Resolved {
  service: string;
  endpoint: ProxyEndpoint;
  serviceChain: string;
  endpointChain: string;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

/** All kube-proxies of a cluster: shared watches, per-node rules on demand. */
export class KubeProxy {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<KubeObject>;
  private readonly endpoints: Informer<KubeObject>;
  private version = 0;
  private cachedPorts?: { version: number; ports: ServicePortInfo[] };
  private readonly cache = new Map<string, { version: number; rules: Rule[] }>();
  private readonly random: Random;
  readonly clusterCIDR: string;

  constructor(opts: { api: ApiServer; random: Random; clusterCIDR?: string }) {
    const client = opts.api.client('kube-proxy');
    this.random = opts.random;
    this.clusterCIDR = opts.clusterCIDR ?? '10.244.0.0/16';
    this.services = new Informer<Service>(client, 'services');
    this.slices = new Informer<KubeObject>(client, 'endpointslices');
    this.endpoints = new Informer<KubeObject>(client, 'endpoints');
    this.slices.addIndex('service', (s) => {
      const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
      return svc ? [`${s.metadata.namespace}/${svc}`] : [];
    });
    const bump = { add: () => this.version++, update: () => this.version++, delete: () => this.version++ };
    this.services.addHandlers(bump);
    this.slices.addHandlers(bump);
    this.endpoints.addHandlers(bump);
  }

  start(): void {
    this.services.start();
    this.slices.start();
    this.endpoints.start();
  }

  stop(): void {
    this.services.stop();
    this.slices.stop();
    this.endpoints.stop();
  }

  /** Every service port with its endpoints (EndpointSlices, or Endpoints where no slice exists). */
  servicePorts(): ServicePortInfo[] {
    if (this.cachedPorts?.version === this.version) return this.cachedPorts.ports;
    const out: ServicePortInfo[] = [];
    for (const svc of this.services.list()) {
      const spec = svc.spec;
      if (spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      for (const p of spec.ports ?? []) {
        const protocol = (p.protocol ?? 'TCP').toLowerCase();
        out.push({
          name: p.name ? `${key}:${p.name}` : key,
          service: svc,
          protocol,
          clusterIP: spec.clusterIP,
          port: p.port,
          nodePort: spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? p.nodePort : undefined,
          loadBalancerIPs: spec.type === 'LoadBalancer' ? (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip) : [],
          externalLocal: spec.externalTrafficPolicy === 'Local' && (spec.type === 'NodePort' || spec.type === 'LoadBalancer'),
          internalLocal: spec.internalTrafficPolicy === 'Local',
          endpoints: this.endpointsFor(key, p.name, p.protocol ?? 'TCP'),
        });
      }
    }
    out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : 1));
    this.cachedPorts = { version: this.version, ports: out };
    return out;
  }

  private endpointsFor(key: string, portName: string | undefined, protocol: string): ProxyEndpoint[] {
    const eps: ProxyEndpoint[] = [];
    const slices = this.slices.byIndex('service', key);
    if (slices.length) {
      for (const s of slices) {
        const port = (s.ports ?? []).find((p: any) => (p.name ?? '') === (portName ?? '') && (p.protocol ?? 'TCP') === protocol);
        if (!port?.port) continue;
        for (const ep of s.endpoints ?? []) {
          const c = ep.conditions ?? {};
          const ready = c.ready !== false;
          eps.push({
            ip: ep.addresses[0],
            port: port.port,
            nodeName: ep.nodeName,
            ready,
            serving: c.serving ?? ready,
            terminating: c.terminating ?? false,
            pod: ep.targetRef ? { namespace: ep.targetRef.namespace, name: ep.targetRef.name } : undefined,
          });
        }
      }
    } else {
      const [ns, name] = key.split('/');
      const e = this.endpoints.getByName(ns, name);
      for (const ss of e?.subsets ?? []) {
        const port = (ss.ports ?? []).find((p: any) => (p.name ?? '') === (portName ?? '') && (p.protocol ?? 'TCP') === protocol);
        if (!port) continue;
        for (const a of ss.addresses ?? []) eps.push({ ip: a.ip, port: port.port, nodeName: a.nodeName, ready: true, serving: true, terminating: false, pod: a.targetRef ? { namespace: a.targetRef.namespace, name: a.targetRef.name } : undefined });
      }
    }
    // Dedupe (an address can appear in two slices while they are being rebalanced) and sort.
    const seen = new Set<string>();
    return eps
      .filter((e) => (seen.has(`${e.ip}:${e.port}`) ? false : (seen.add(`${e.ip}:${e.port}`), true)))
      .sort((a, b) => ipNum(a.ip) - ipNum(b.ip) || a.port - b.port);
  }

  /** The endpoints traffic goes to: ready ones, or serving-and-terminating ones when none is ready. */
  static usable(eps: ProxyEndpoint[]): ProxyEndpoint[] {
    const ready = eps.filter((e) => e.ready);
    return ready.length ? ready : eps.filter((e) => e.serving && e.terminating);
  }

  /** The nat rules of one node, in kube-proxy's order. */
  rules(nodeName: string): Rule[] {
    const c = this.cache.get(nodeName);
    if (c && c.version === this.version) return c.rules;
    const rules: Rule[] = [];
    const svcRules: Rule[] = [];
    const nodePortRules: Rule[] = [];
    const chainRules: Rule[] = [];
    for (const sp of this.servicePorts()) {
      const all = KubeProxy.usable(sp.endpoints);
      const local = all.filter((e) => e.nodeName === nodeName);
      const clusterEps = sp.internalLocal ? local : all;
      if (!all.length) continue; // no endpoints: the filter table rejects (not in nat)
      const svcChain = serviceChain(sp.name, sp.protocol);
      const extChain = externalChain(sp.name, sp.protocol);
      const svlChain = localChain(sp.name, sp.protocol);
      const hasExternal = sp.nodePort !== undefined || sp.loadBalancerIPs.length > 0;
      svcRules.push({ chain: 'KUBE-SERVICES', dst: `${sp.clusterIP}/32`, proto: sp.protocol, comment: `${sp.name} cluster IP`, dport: sp.port, jump: clusterEps.length ? svcChain : 'KUBE-MARK-DROP' });
      for (const ip of sp.loadBalancerIPs) {
        svcRules.push({ chain: 'KUBE-SERVICES', dst: `${ip}/32`, proto: sp.protocol, comment: `${sp.name} loadbalancer IP`, dport: sp.port, jump: extChain });
      }
      if (sp.nodePort !== undefined) nodePortRules.push({ chain: 'KUBE-NODEPORTS', proto: sp.protocol, comment: sp.name, dport: sp.nodePort, jump: extChain });
      if (hasExternal) {
        if (sp.externalLocal) {
          chainRules.push(
            { chain: extChain, src: this.clusterCIDR, comment: `pod traffic for ${sp.name} external destinations`, jump: svcChain },
            { chain: extChain, comment: `masquerade LOCAL traffic for ${sp.name} external destinations`, srcLocal: true, jump: 'KUBE-MARK-MASQ' },
            { chain: extChain, comment: `route LOCAL traffic for ${sp.name} external destinations`, srcLocal: true, jump: svcChain },
            { chain: extChain, jump: svlChain },
          );
        } else {
          chainRules.push({ chain: extChain, comment: `masquerade traffic for ${sp.name} external destinations`, jump: 'KUBE-MARK-MASQ' }, { chain: extChain, jump: svcChain });
        }
      }
      if (clusterEps.length) {
        chainRules.push({ chain: svcChain, src: this.clusterCIDR, srcNot: true, dst: `${sp.clusterIP}/32`, proto: sp.protocol, comment: `${sp.name} cluster IP`, dport: sp.port, jump: 'KUBE-MARK-MASQ' });
        chainRules.push(...this.balance(svcChain, sp, clusterEps));
      }
      if (sp.externalLocal) {
        if (local.length) chainRules.push(...this.balance(svlChain, sp, local));
        else chainRules.push({ chain: svlChain, comment: `${sp.name} has no local endpoints`, jump: 'KUBE-MARK-DROP' });
      }
      const seps = new Set<string>();
      for (const ep of [...clusterEps, ...(sp.externalLocal ? local : [])]) {
        const ipPort = `${ep.ip}:${ep.port}`;
        const sep = endpointChain(sp.name, sp.protocol, ipPort);
        if (seps.has(sep)) continue;
        seps.add(sep);
        chainRules.push(
          { chain: sep, src: `${ep.ip}/32`, comment: sp.name, jump: 'KUBE-MARK-MASQ' },
          { chain: sep, proto: sp.protocol, comment: sp.name, tcpMatch: true, jump: 'DNAT', targetArgs: `--to-destination ${ipPort}`, targetList: `to:${ipPort}` },
        );
      }
    }
    rules.push(
      { chain: 'KUBE-POSTROUTING', markNot: true, jump: 'RETURN' },
      { chain: 'KUBE-POSTROUTING', jump: 'MARK', targetArgs: '--xor-mark 0x4000', targetList: 'MARK xor 0x4000' },
      { chain: 'KUBE-POSTROUTING', comment: 'kubernetes service traffic requiring SNAT', jump: 'MASQUERADE', targetArgs: '--random-fully', targetList: 'random-fully' },
      { chain: 'KUBE-MARK-MASQ', jump: 'MARK', targetArgs: '--or-mark 0x4000', targetList: 'MARK or 0x4000' },
      ...svcRules,
      { chain: 'KUBE-SERVICES', comment: 'kubernetes service nodeports; NOTE: this must be the last rule in this chain', dstLocal: true, jump: 'KUBE-NODEPORTS' },
      ...nodePortRules,
      ...chainRules,
    );
    this.cache.set(nodeName, { version: this.version, rules });
    return rules;
  }

  /** statistic-mode random rules: endpoint i of n is taken with probability 1/(n-i). */
  private balance(chain: string, sp: ServicePortInfo, eps: ProxyEndpoint[]): Rule[] {
    return eps.map((ep, i) => {
      const ipPort = `${ep.ip}:${ep.port}`;
      const n = eps.length - i;
      return { chain, comment: `${sp.name} -> ${ipPort}`, probability: n > 1 ? probability(n) : undefined, jump: endpointChain(sp.name, sp.protocol, ipPort) };
    });
  }

  private chains(rules: Rule[]): string[] {
    const names = ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'];
    for (const r of rules) if (!names.includes(r.chain)) names.push(r.chain);
    return names;
  }

  /** `iptables-save -t nat` (the kube-proxy part of it). */
  save(nodeName: string): string {
    const rules = this.rules(nodeName);
    const lines = ['*nat', ...this.chains(rules).map((c) => `:${c} - [0:0]`)];
    for (const r of rules) lines.push(saveRule(r));
    lines.push('COMMIT');
    return lines.join('\n') + '\n';
  }

  /** `iptables -t nat -L <chain> -n` on a node. */
  list(nodeName: string, chain = 'KUBE-SERVICES'): string {
    const rules = this.rules(nodeName);
    const refs = rules.filter((r) => r.jump === chain).length + (chain === 'KUBE-SERVICES' ? 2 : chain === 'KUBE-POSTROUTING' ? 1 : 0);
    const out = [`Chain ${chain} (${refs} references)`, `${pad('target', 9)}  prot opt ${pad('source', 19)}  ${pad('destination', 19)} `];
    for (const r of rules) if (r.chain === chain) out.push(listRule(r));
    return out.join('\n') + '\n';
  }

  /** Where a connection to clusterIP:port goes: the endpoint kube-proxy's random rules pick. */
  resolve(clusterIP: string, port: number, protocol = 'TCP', nodeName?: string): Resolved | undefined {
    const proto = protocol.toLowerCase();
    const sp = this.servicePorts().find((s) => (s.clusterIP === clusterIP || s.loadBalancerIPs.includes(clusterIP)) && s.port === port && s.protocol === proto);
    if (!sp) return undefined;
    let eps = KubeProxy.usable(sp.endpoints);
    if (sp.internalLocal && nodeName) eps = eps.filter((e) => e.nodeName === nodeName);
    if (!eps.length) return undefined;
    const ep = eps[this.random.int(eps.length)];
    return { service: sp.name, endpoint: ep, serviceChain: serviceChain(sp.name, proto), endpointChain: endpointChain(sp.name, proto, `${ep.ip}:${ep.port}`) };
  }

  /** Where a connection to <node>:nodePort goes. */
  resolveNodePort(nodeName: string, nodePort: number, protocol = 'TCP'): Resolved | undefined {
    const proto = protocol.toLowerCase();
    const sp = this.servicePorts().find((s) => s.nodePort === nodePort && s.protocol === proto);
    if (!sp) return undefined;
    let eps = KubeProxy.usable(sp.endpoints);
    if (sp.externalLocal) eps = eps.filter((e) => e.nodeName === nodeName);
    if (!eps.length) return undefined;
    const ep = eps[this.random.int(eps.length)];
    return { service: sp.name, endpoint: ep, serviceChain: serviceChain(sp.name, proto), endpointChain: endpointChain(sp.name, proto, `${ep.ip}:${ep.port}`) };
  }
}

/** kube-proxy writes 1/n with 10 decimals; the kernel keeps it as a 31-bit fraction that iptables prints with 11. */
function probability(n: number): string {
  const written = Number((1 / n).toFixed(10));
  const stored = Math.round(written * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

function saveRule(r: Rule): string {
  const parts = [`-A ${r.chain}`];
  if (r.src) parts.push(`${r.srcNot ? '! ' : ''}-s ${r.src}`);
  if (r.dst) parts.push(`-d ${r.dst}`);
  if (r.proto) parts.push(`-p ${r.proto}`);
  if (r.markNot) parts.push('-m mark ! --mark 0x4000/0x4000');
  if (r.comment) parts.push(`-m comment --comment ${r.comment.includes(' ') ? `"${r.comment}"` : r.comment}`);
  if (r.srcLocal) parts.push('-m addrtype --src-type LOCAL');
  if (r.dport !== undefined) parts.push(`-m ${r.proto} --dport ${r.dport}`);
  else if (r.tcpMatch) parts.push(`-m ${r.proto}`);
  if (r.probability) parts.push(`-m statistic --mode random --probability ${r.probability}`);
  if (r.dstLocal) parts.push('-m addrtype --dst-type LOCAL');
  parts.push(`-j ${r.jump}`);
  if (r.targetArgs) parts.push(r.targetArgs);
  return parts.join(' ');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** One line of `iptables -L -n`: target, prot, opt, source, destination, then matches. */
function listRule(r: Rule): string {
  const addr = (a: string | undefined) => (a ? a.replace(/\/32$/, '') : '0.0.0.0/0');
  let line = `${pad(r.jump, 9)}  ${pad(r.proto ?? 'all', 5)}-- ${r.srcNot ? '!' : ' '}${pad(addr(r.src), 19)}  ${pad(addr(r.dst), 19)} `;
  if (r.markNot) line += ' mark match ! 0x4000/0x4000';
  if (r.comment) line += ` /* ${r.comment} */`;
  if (r.srcLocal) line += ' ADDRTYPE match src-type LOCAL';
  if (r.dport !== undefined) line += ` ${r.proto} dpt:${r.dport}`;
  else if (r.tcpMatch) line += ` ${r.proto}`;
  if (r.probability) line += ` statistic mode random probability ${r.probability}`;
  if (r.dstLocal) line += ' ADDRTYPE match dst-type LOCAL';
  if (r.targetList) line += ` ${r.targetList}`;
  return line;
}
