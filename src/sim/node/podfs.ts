// What a container sees of its pod, as the kubelet sets it up: the environment (image ENV,
// HOSTNAME, env/envFrom with valueFrom resolved, the Service links of kubelet_pods.go
// getServiceEnvVarMap as they were when the container started) and the files the kubelet
// writes or mounts (/etc/hosts, /etc/hostname, /etc/resolv.conf, ConfigMap, Secret, projected
// and downward API volumes).

import { intValue, milliValue } from '../api/quantity';
import type { Container, KubeObject, Pod, Service } from '../api/types';

type ConfigMap = KubeObject & { data?: Record<string, string> };
import { base32, sha256 } from './hash';
import type { ImageFs } from './imagefs';
import { CLUSTER_DOMAIN, NGINX_WELCOME, podDns, resolvConfText, type SimWorld } from './podnet';

/** Service env var name: upper case, dashes to underscores. */
const envName = (s: string) => s.toUpperCase().replace(/-/g, '_');

/** kubelet's envvars.FromServices for one Service. */
export function serviceEnv(svc: Service): [string, string][] {
  const ip = svc.spec.clusterIP;
  if (!ip || ip === 'None') return [];
  const name = envName(svc.metadata.name!);
  const ports = svc.spec.ports ?? [];
  const out: [string, string][] = [[`${name}_SERVICE_HOST`, ip]];
  if (!ports.length) return out;
  out.push([`${name}_SERVICE_PORT`, String(ports[0].port)]);
  for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  const proto0 = (ports[0].protocol ?? 'TCP').toLowerCase();
  out.push([`${name}_PORT`, `${proto0}://${ip}:${ports[0].port}`]);
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
    out.push([prefix, `${proto}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A Secret's base64 value as the bytes the kubelet writes (read as UTF-8 text). */
function b64decode(s: string): string {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s.replace(/[=\s]/g, '')) {
    const v = B64.indexOf(ch);
    if (v < 0) return s;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  return utf8(bytes);
}

function utf8(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) out += String.fromCharCode(b);
    else if (b >= 0xc0 && b < 0xe0) out += String.fromCharCode(((b & 0x1f) << 6) | (bytes[++i] & 0x3f));
    else if (b >= 0xe0 && b < 0xf0) out += String.fromCharCode(((b & 0x0f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f));
    else {
      const cp = ((b & 0x07) << 18) | ((bytes[++i] & 0x3f) << 12) | ((bytes[++i] & 0x3f) << 6) | (bytes[++i] & 0x3f);
      out += String.fromCodePoint(cp);
    }
  }
  return out;
}

/** base64url of a string's UTF-8 bytes (JWT segments). */
function b64url(s: string): string {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [(n >> 18) & 63, (n >> 12) & 63, (n >> 6) & 63, n & 63].map((x) => B64[x]);
    out += chars.slice(0, i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2).join('');
  }
  return out.replace(/\+/g, '-').replace(/\//g, '_');
}

export function fieldPath(pod: Pod, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return pod.status?.hostIP ?? '';
    case 'metadata.labels':
      return Object.entries(pod.metadata.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
    case 'metadata.annotations':
      return Object.entries(pod.metadata.annotations ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
  }
  return '';
}

function resourceField(world: SimWorld, pod: Pod, c: Container | undefined, ref: { resource: string; divisor?: string }): string {
  const [kind, res] = ref.resource.split('.');
  const node = pod.spec.nodeName ? world.api.tryGet<KubeObject>('nodes', undefined, pod.spec.nodeName) : undefined;
  // Unset limits default to the node's allocatable (kubelet's resource_analyzer).
  const q = c?.resources?.[kind as 'limits' | 'requests']?.[res] ?? (kind === 'limits' ? node?.status?.allocatable?.[res] : undefined) ?? '0';
  if (res === 'cpu') return String(Math.ceil(milliValue(q) / milliValue(ref.divisor ?? '1')));
  return String(Math.ceil(intValue(q) / intValue(ref.divisor ?? '1')));
}

/**
 * The kubelet's $(VAR) expansion of command and args, from the container's env entries that are
 * literal values or pod fields (others stay as written, as an unresolvable reference does).
 */
export function expandArgs(pod: Pod, c: Container, words: string[]): string[] {
  const vars = new Map<string, string>();
  for (const e of c.env ?? []) {
    const vf = e.valueFrom as { fieldRef?: { fieldPath: string } } | undefined;
    if (e.value !== undefined) vars.set(e.name, e.value);
    else if (vf?.fieldRef) vars.set(e.name, fieldPath(pod, vf.fieldRef.fieldPath));
  }
  return words.map((w) => w.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)/g, (m: string, n?: string) => (m === '$$' ? '$' : n !== undefined && vars.has(n) ? vars.get(n)! : m)));
}

/** The environment of a container, in the order the process gets it. */
export function containerEnv(world: SimWorld, pod: Pod, c: Container, img: ImageFs, startedAt: number): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  for (const [k, v] of img.env) env.set(k, v);
  env.set('HOSTNAME', pod.spec.hostname ?? pod.metadata.name ?? '');
  const own = new Map<string, string>();
  const cm = (name: string) => world.api.tryGet<ConfigMap>('configmaps', ns, name);
  const secret = (name: string) => world.api.tryGet<KubeObject>('secrets', ns, name);
  for (const from of (c.envFrom as any[] | undefined) ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) for (const [k, v] of Object.entries(cm(from.configMapRef.name)?.data ?? {})) own.set(prefix + k, String(v));
    if (from.secretRef) for (const [k, v] of Object.entries((secret(from.secretRef.name)?.data as Record<string, string>) ?? {})) own.set(prefix + k, b64decode(v));
  }
  for (const e of c.env ?? []) {
    const vf = e.valueFrom as any;
    if (e.value !== undefined) {
      // $(VAR) refers to variables defined earlier (kubelet's expansion); $$ escapes.
      own.set(e.name, e.value.replace(/\$\$|\$\(([A-Za-z_][\w.-]*)\)/g, (m: string, n?: string) => (m === '$$' ? '$' : n !== undefined && own.has(n) ? own.get(n)! : m)));
    } else if (vf?.fieldRef) own.set(e.name, fieldPath(pod, vf.fieldRef.fieldPath));
    else if (vf?.configMapKeyRef) {
      const v = cm(vf.configMapKeyRef.name)?.data?.[vf.configMapKeyRef.key];
      if (v !== undefined) own.set(e.name, String(v));
    } else if (vf?.secretKeyRef) {
      const v = (secret(vf.secretKeyRef.name)?.data as Record<string, string> | undefined)?.[vf.secretKeyRef.key];
      if (v !== undefined) own.set(e.name, b64decode(v));
    } else if (vf?.resourceFieldRef) own.set(e.name, resourceField(world, pod, c, vf.resourceFieldRef));
    else own.set(e.name, '');
  }
  // Service links: the Services that existed when the container started.
  const links = new Map<string, string>();
  const started = (s: Service) => Date.parse(s.metadata.creationTimestamp ?? '') <= startedAt;
  const services: Service[] = [];
  if (pod.spec.enableServiceLinks !== false) services.push(...world.api.list<Service>('services', { namespace: ns }).items);
  if (ns !== 'default' || pod.spec.enableServiceLinks === false) {
    const k = world.api.tryGet<Service>('services', 'default', 'kubernetes');
    if (k) services.push(k);
  }
  for (const s of services.filter(started).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))) for (const [k, v] of serviceEnv(s)) links.set(k, v);
  for (const [k, v] of own) env.set(k, v);
  for (const [k, v] of links) if (!own.has(k)) env.set(k, v);
  if (!env.has('HOME')) env.set('HOME', '/root');
  return [...env];
}

// ------------------------------------------------------------------ files

export type FileNode = { kind: 'file'; text: string } | { kind: 'dir'; entries: string[] };

/** The kubelet-managed /etc/hosts (pkg/kubelet/kubelet_pods.go managedHostsFileContent). */
export function hostsFile(pod: Pod): string {
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const host = pod.spec.hostname ?? pod.metadata.name ?? '';
  const ip = pod.status?.podIP;
  if (ip) {
    if (pod.spec.subdomain) s += `${ip}\t${host}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${CLUSTER_DOMAIN}\t${host}\n`;
    else s += `${ip}\t${host}\n`;
  }
  const aliases = (pod.spec.hostAliases as { ip: string; hostnames?: string[] }[] | undefined) ?? [];
  if (aliases.length) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) s += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}


/**
 * A projected service-account token: a JWT with the claims the API server puts in a bound token
 * (audience, pod and service-account binding, ~1 h expiry the kubelet refreshes). Its signature
 * is a digest, not an RSA signature: nothing in the sandbox verifies it.
 */
export function serviceAccountToken(world: SimWorld, pod: Pod, expirationSeconds: number): string {
  const iat = Math.floor(world.clock.now() / 1000);
  const iss = `https://${world.spec.dnsPrefix}.hcp.${world.spec.location}.azmk8s.io`;
  const sa = pod.spec.serviceAccountName ?? 'default';
  const ns = pod.metadata.namespace ?? 'default';
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: base32(sha256(`kid:${world.spec.name}`)).slice(0, 43) }));
  const claims = b64url(
    JSON.stringify({
      aud: [iss],
      exp: iat + expirationSeconds,
      iat,
      iss,
      jti: pod.metadata.uid,
      'kubernetes.io': { namespace: ns, node: { name: pod.spec.nodeName }, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
      nbf: iat,
      sub: `system:serviceaccount:${ns}:${sa}`,
    }),
  );
  const sig = b64url(base32(sha256(`${header}.${claims}`)));
  return `${header}.${claims}.${sig}`;
}

/** The files of one volume, by relative path. */
function volumeFiles(world: SimWorld, pod: Pod, vol: any): Map<string, string> | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const out = new Map<string, string>();
  const addItems = (data: Record<string, string>, items: { key: string; path: string }[] | undefined, decode: boolean) => {
    const val = (v: string) => (decode ? b64decode(v) : v);
    if (items?.length) for (const it of items) if (data[it.key] !== undefined) out.set(it.path, val(data[it.key]));
    if (!items?.length) for (const [k, v] of Object.entries(data)) out.set(k, val(v));
  };
  const fromCM = (src: any) => {
    const cm = world.api.tryGet<ConfigMap>('configmaps', ns, src.name);
    if (cm) addItems({ ...(cm.data ?? {}) } as Record<string, string>, src.items, false);
  };
  const fromSecret = (src: any, name: string) => {
    const s = world.api.tryGet<KubeObject>('secrets', ns, name);
    if (s) addItems((s.data as Record<string, string>) ?? {}, src.items, true);
  };
  const fromDownward = (src: any) => {
    for (const it of src.items ?? []) if (it.fieldRef) out.set(it.path, fieldPath(pod, it.fieldRef.fieldPath));
  };
  if (vol.configMap) fromCM(vol.configMap);
  else if (vol.secret) fromSecret(vol.secret, vol.secret.secretName);
  else if (vol.downwardAPI) fromDownward(vol.downwardAPI);
  else if (vol.projected) {
    for (const s of vol.projected.sources ?? []) {
      if (s.configMap) fromCM(s.configMap);
      if (s.secret) fromSecret(s.secret, s.secret.name);
      if (s.downwardAPI) fromDownward(s.downwardAPI);
      if (s.serviceAccountToken) out.set(s.serviceAccountToken.path, serviceAccountToken(world, pod, s.serviceAccountToken.expirationSeconds ?? 3607));
    }
  } else if (vol.emptyDir) return out;
  else return undefined;
  return out;
}

/** The container's files, by absolute path: what the kubelet writes and mounts. */
export function containerFiles(world: SimWorld, pod: Pod, c: Container, img: ImageFs): Map<string, FileNode> {
  const files = new Map<string, FileNode>();
  const addFile = (path: string, text: string) => {
    files.set(path, { kind: 'file', text });
    // Parents.
    let p = path;
    while (p !== '/') {
      const parent = p.slice(0, p.lastIndexOf('/')) || '/';
      const name = p.slice(p.lastIndexOf('/') + 1);
      const d = files.get(parent);
      if (d?.kind === 'dir') {
        if (!d.entries.includes(name)) d.entries.push(name);
      } else files.set(parent, { kind: 'dir', entries: [name] });
      p = parent;
    }
  };
  files.set('/', { kind: 'dir', entries: [...img.rootDirs] });
  for (const d of ['/tmp', '/root', '/home', '/proc', '/sys', '/dev']) files.set(d, { kind: 'dir', entries: [] });
  const hostNet = !!pod.spec.hostNetwork;
  addFile('/etc/hostname', `${hostNet ? pod.spec.nodeName : pod.spec.hostname ?? pod.metadata.name}\n`);
  addFile('/etc/hosts', hostNet ? `127.0.0.1 localhost\n\n# The following lines are desirable for IPv6 capable hosts\n::1 ip6-localhost ip6-loopback\n` : hostsFile(pod));
  addFile('/etc/resolv.conf', resolvConfText(podDns(world.spec, pod)));
  if (img.base === 'debian') addFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  if (img.base === 'alpine') addFile('/etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\n');
  if (img.base === 'ubuntu') addFile('/etc/os-release', 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\n');
  const volumes = new Map<string, any>(((pod.spec.volumes as any[]) ?? []).map((v) => [v.name, v]));
  for (const m of (c.volumeMounts as any[] | undefined) ?? []) {
    const vol = volumes.get(m.name);
    if (!vol) continue;
    const vf = volumeFiles(world, pod, vol);
    if (!vf) {
      if (!files.has(m.mountPath)) addFile(`${m.mountPath}/.`, '');
      continue;
    }
    const base = m.mountPath.replace(/\/$/, '');
    if (m.subPath) {
      const text = vf.get(m.subPath);
      if (text !== undefined) addFile(base, text);
      continue;
    }
    if (!vf.size) files.set(base, { kind: 'dir', entries: [] });
    for (const [rel, text] of vf) addFile(`${base}/${rel}`, text);
  }
  // Directory placeholders created by addFile(`x/.`) are not files.
  for (const p of [...files.keys()]) if (p.endsWith('/.')) {
    files.delete(p);
    const dir = files.get(p.slice(0, -2));
    if (dir?.kind === 'dir') dir.entries = dir.entries.filter((e) => e !== '.');
  }
  if (img.base === 'debian' && img.binaries.has('nginx')) {
    addFile('/usr/share/nginx/html/index.html', NGINX_WELCOME);
  }
  return files;
}

/** Resolve `path` against `cwd` (no symlinks). */
export function absPath(cwd: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}
