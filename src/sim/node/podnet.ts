// The cluster network as seen from inside a pod or a node: cluster DNS (CoreDNS's kubernetes
// plugin: Services, headless Services, pod A records, search lists and ndots) and TCP
// connections (a Service's ClusterIP goes through the node's kube-proxy rules to a real
// endpoint; a pod IP reaches that pod's containers if one listens on the port, else the kernel
// refuses; an address nobody owns times out). Answers come from the containers' programs.

import type { Node, Pod, Service } from '../api/types';
import type { ApiServer } from '../apiserver/apiserver';
import type { AksClusterSpec } from '../aks/spec';
import type { Clock } from '../clock';
import { base32, sha256 } from './hash';
import type { Kubelet } from './kubelet';
import { KubeProxy, type Resolved } from './kubeproxy';
import type { ContainerRec, PodRec } from './podworker';
import type { Program } from './process';

/** What the shells need of a cluster (a Cluster satisfies it). */
export interface SimWorld {
  api: ApiServer;
  clock: Clock;
  spec: AksClusterSpec;
  kubeProxy: KubeProxy;
  nodes: ReadonlyMap<string, { name: string; pool: string; kubelet: Kubelet }>;
}

export const CLUSTER_DOMAIN = 'cluster.local';
/** Azure's virtual public IP for DNS, DHCP and the wire server (what a VM's resolv.conf names). */
export const AZURE_DNS = '168.63.129.16';

/** The search domain Azure-provided DNS gives the VMs of a VNet: `<id>.<region code>.internal.cloudapp.net`. */
export function hostSearchDomain(spec: AksClusterSpec): string {
  const id = base32(sha256(`vnet:${spec.resourceGroup}/${spec.name}`)).toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 26);
  return `${id}.bx.internal.cloudapp.net`;
}

/** The node's own /etc/resolv.conf (systemd-resolved's upstream file, which the kubelet also reads). */
export function nodeResolvConf(spec: AksClusterSpec): string {
  return `nameserver ${AZURE_DNS}\nsearch ${hostSearchDomain(spec)}\n`;
}

export interface DnsSettings {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** What the kubelet writes to a pod's /etc/resolv.conf for its dnsPolicy and dnsConfig (pkg/kubelet/network/dns). */
export function podDns(spec: AksClusterSpec, pod: Pod): DnsSettings {
  const policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  const host = { nameservers: [AZURE_DNS], searches: [hostSearchDomain(spec)], options: [] as string[] };
  let base: DnsSettings;
  // ClusterFirst with hostNetwork falls back to the node's settings (only ClusterFirstWithHostNet keeps cluster DNS).
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec.hostNetwork);
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (cluster) {
    const ns = pod.metadata.namespace ?? 'default';
    base = { nameservers: [spec.dnsServiceIP], searches: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...host.searches], options: ['ndots:5'] };
  } else base = host;
  const cfg = pod.spec.dnsConfig as { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] } | undefined;
  if (cfg) {
    for (const n of cfg.nameservers ?? []) if (!base.nameservers.includes(n)) base.nameservers.push(n);
    for (const s of cfg.searches ?? []) if (!base.searches.includes(s)) base.searches.push(s);
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      base.options = base.options.filter((x) => x.split(':')[0] !== o.name);
      base.options.push(text);
    }
  }
  return base;
}

export function resolvConfText(d: DnsSettings): string {
  let s = '';
  if (d.searches.length) s += `search ${d.searches.join(' ')}\n`;
  for (const n of d.nameservers) s += `nameserver ${n}\n`;
  if (d.options.length) s += `options ${d.options.join(' ')}\n`;
  return s;
}

// ------------------------------------------------------------------ DNS

export type DnsAnswer =
  | { ok: true; name: string; ips: string[]; cname?: string }
  | { ok: false; error: 'NXDOMAIN'; tried: string[] }
  | { ok: false; error: 'external'; name: string }
  | { ok: false; error: 'timeout'; server: string };

function endpointSlices(api: ApiServer, ns: string, svc: string): any[] {
  return api.list('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${svc}` }).items as any[];
}

/** One fully qualified name against CoreDNS's kubernetes plugin (undefined: not a cluster record). */
function clusterRecord(world: SimWorld, fqdn: string): { ips: string[]; cname?: string } | undefined | null {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const svcSuffix = `.svc.${CLUSTER_DOMAIN}`;
  const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
  if (name.endsWith(podSuffix)) {
    const parts = name.slice(0, -podSuffix.length).split('.');
    if (parts.length !== 2 || !/^\d+-\d+-\d+-\d+$/.test(parts[0])) return null;
    // AKS runs CoreDNS with `pods insecure`: the name is the answer.
    return { ips: [parts[0].replace(/-/g, '.')] };
  }
  if (name.endsWith(svcSuffix)) {
    const parts = name.slice(0, -svcSuffix.length).split('.');
    if (parts.length !== 2 && parts.length !== 3) return null;
    const [ns, svcName] = [parts[parts.length - 1], parts[parts.length - 2]];
    const svc = world.api.tryGet<Service>('services', ns, svcName);
    if (!svc) return null;
    if (svc.spec.type === 'ExternalName') return parts.length === 2 ? { ips: [], cname: svc.spec.externalName } : null;
    const headless = svc.spec.clusterIP === 'None';
    if (parts.length === 2 && !headless) return svc.spec.clusterIP ? { ips: [svc.spec.clusterIP] } : null;
    const ips: string[] = [];
    for (const s of endpointSlices(world.api, ns, svcName)) {
      for (const ep of s.endpoints ?? []) {
        const ready = ep.conditions?.ready !== false || svc.spec.publishNotReadyAddresses;
        if (!ready) continue;
        if (parts.length === 3 && ep.hostname !== parts[0]) continue;
        for (const a of ep.addresses ?? []) if (!ips.includes(a)) ips.push(a);
      }
    }
    return ips.length ? { ips } : null;
  }
  return undefined;
}

/** Whether cluster DNS answers at all: the kube-dns Service needs a ready CoreDNS endpoint. */
export function clusterDnsUp(world: SimWorld): boolean {
  const ip = world.spec.dnsServiceIP;
  return world.kubeProxy.servicePorts().some((sp) => sp.clusterIP === ip && sp.port === 53 && KubeProxy.usable(sp.endpoints).length > 0);
}

/** Resolve a name as a pod's resolver does: search list and ndots, then the answer. */
export function resolveName(world: SimWorld, name: string, dns: DnsSettings): DnsAnswer {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ok: true, name, ips: [name] };
  if (name === 'localhost') return { ok: true, name, ips: ['127.0.0.1'] };
  const server = dns.nameservers[0] ?? '';
  const usesCluster = server === world.spec.dnsServiceIP;
  if (usesCluster && !clusterDnsUp(world)) return { ok: false, error: 'timeout', server };
  const ndots = Number(dns.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? 1);
  const dots = (name.match(/\./g) ?? []).length;
  const candidates = name.endsWith('.') ? [name] : dots >= ndots ? [name, ...dns.searches.map((s) => `${name}.${s}`)] : [...dns.searches.map((s) => `${name}.${s}`), name];
  const tried: string[] = [];
  for (const c of candidates) {
    const fq = c.replace(/\.$/, '');
    tried.push(fq);
    // Only cluster DNS knows cluster names; the node's resolver (Azure DNS) does not.
    const r = usesCluster ? clusterRecord(world, fq) : undefined;
    if (r) return { ok: true, name: fq, ips: r.ips, cname: r.cname };
  }
  const plain = name.replace(/\.$/, '');
  if (!plain.endsWith(CLUSTER_DOMAIN) && plain.includes('.') && !plain.endsWith('.internal.cloudapp.net')) return { ok: false, error: 'external', name: plain };
  return { ok: false, error: 'NXDOMAIN', tried };
}

// ------------------------------------------------------------------ TCP

export type Connection =
  | { ok: true; ip: string; port: number; pod: Pod; container: string; program: Program; via?: Resolved }
  | { ok: false; error: 'refused' | 'timeout'; why: string; via?: Resolved };

function podByIP(world: SimWorld, ip: string): { pod: Pod; rec: PodRec } | undefined {
  for (const agent of world.nodes.values()) {
    for (const rec of agent.kubelet.pods) {
      if (rec.podIP === ip && !rec.pod.spec.hostNetwork && rec.sandboxReady) return { pod: rec.pod, rec };
    }
  }
  return undefined;
}

/** The running container of a pod record that listens on `port` now. */
function listener(rec: PodRec, port: number, now: number): ContainerRec | undefined {
  return rec.containers.find((c) => c.snap.value === 'running' && c.program && c.instance?.finishedAt === undefined && c.program.ports.includes(port) && c.program.listenAt <= now);
}

/** Open a TCP connection from a pod or node on `fromNode` to ip:port. */
export function connect(world: SimWorld, fromNode: string | undefined, ip: string, port: number): Connection {
  const now = world.clock.now();
  let via: Resolved | undefined;
  const sp = world.kubeProxy.servicePorts().filter((s) => s.clusterIP === ip || s.loadBalancerIPs.includes(ip));
  if (sp.length) {
    const p = sp.find((s) => s.port === port && s.protocol === 'tcp');
    // No rule for this port: the packet leaves for a virtual IP nobody owns.
    if (!p) return { ok: false, error: 'timeout', why: `no Service port ${port} on ${ip}: no kube-proxy rule matches, the packet is dropped` };
    via = world.kubeProxy.resolve(ip, port, 'TCP', fromNode);
    if (!via) return { ok: false, error: 'refused', why: `Service ${p.name} has no ready endpoints: kube-proxy's filter rules reject the connection` };
    ip = via.endpoint.ip;
    port = via.endpoint.port;
  } else {
    // A NodePort on a node's IP.
    for (const agent of world.nodes.values()) {
      if (agent.kubelet.nodeIP !== ip) continue;
      const np = world.kubeProxy.resolveNodePort(agent.name, port);
      if (np) {
        via = np;
        ip = np.endpoint.ip;
        port = np.endpoint.port;
      } else {
        for (const rec of agent.kubelet.pods) {
          if (!rec.pod.spec.hostNetwork || !rec.sandboxReady) continue;
          const c = listener(rec, port, now);
          if (c) return { ok: true, ip, port, pod: rec.pod, container: c.spec.name, program: c.program! };
        }
        return { ok: false, error: 'refused', why: `nothing listens on ${ip}:${port}` };
      }
    }
  }
  const target = podByIP(world, ip);
  if (!target) return { ok: false, error: 'timeout', why: `no pod or node has the address ${ip}`, via };
  const c = listener(target.rec, port, now);
  if (!c) return { ok: false, error: 'refused', why: `pod ${target.pod.metadata.namespace}/${target.pod.metadata.name} has no container listening on port ${port}`, via };
  return { ok: true, ip, port, pod: target.pod, container: c.spec.name, program: c.program!, via };
}

// ------------------------------------------------------------------ HTTP answers

export interface HttpAnswer {
  status: number;
  reason: string;
  server?: string;
  contentType: string;
  body: string;
}

const REASONS: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** What the program behind a connection answers to `GET path` (undefined: it does not speak HTTP). */
export function httpGet(conn: Extract<Connection, { ok: true }>, path: string, now: number): HttpAnswer | undefined {
  const prog = conn.program;
  const status = prog.http(conn.port, path);
  if (status === undefined) return undefined;
  const reason = REASONS[status] ?? '';
  const kind = prog.kind;
  if (kind === 'nginx') {
    const body = status === 200 ? NGINX_WELCOME : `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n`;
    return { status, reason, server: 'nginx/1.27.3', contentType: 'text/html', body };
  }
  if (kind === 'httpd') {
    const body = status === 200 ? '<html><body><h1>It works!</h1></body></html>\n' : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
    return { status, reason, server: 'Apache/2.4.62 (Unix)', contentType: 'text/html', body };
  }
  if (kind === 'hello') {
    // The app says who it is in its first log line; it answers the same.
    const first = prog.logs(now, () => [])[0]?.text ?? '';
    const m = /clusterlab\/hello (\S+) starting on (\S+)/.exec(first);
    const body = status === 200 ? `Hello, world!\nVersion: ${m?.[1] ?? ''}\nHostname: ${m?.[2] ?? conn.pod.metadata.name}\n` : '404 page not found\n';
    return { status, reason, contentType: 'text/plain; charset=utf-8', body };
  }
  if (kind === 'never-ready') return { status, reason, contentType: 'text/plain; charset=utf-8', body: 'not ready: cache warm-up incomplete\n' };
  return { status, reason, contentType: 'text/plain; charset=utf-8', body: status === 200 ? 'OK' : '' };
}

/** The node a pod runs on (its agent), if the cluster has that VM. */
export function nodeOf(world: SimWorld, pod: Pod): { name: string; kubelet: Kubelet } | undefined {
  return pod.spec.nodeName ? world.nodes.get(pod.spec.nodeName) : undefined;
}

export function nodeObject(world: SimWorld, name: string): Node | undefined {
  return world.api.tryGet<Node>('nodes', undefined, name);
}
