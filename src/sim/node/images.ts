// The image catalog: every image a simulated registry serves, with its size, digest, how long it
// takes to pull and what its container does once started (the "program", see process.ts).
// Images not in the catalog do not exist: pulling them fails as containerd reports it.

import { ADDON_IMAGES } from '../aks/addons';
import { sha256Hex } from './hash';

export interface ImageRef {
  /** As written in the pod spec. */
  raw: string;
  /** docker.io/library/nginx */
  repository: string;
  tag?: string;
  digest?: string;
  /** docker.io/library/nginx:latest (what the runtime resolves and reports as `image`) */
  full: string;
}

/** Normalise a reference as containerd / the docker reference library does. */
export function parseImageRef(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0];
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository: string;
  if (hasRegistry) repository = rest;
  else if (parts.length === 1) repository = `docker.io/library/${rest}`;
  else repository = `docker.io/${rest}`;
  if (!tag && !digest) tag = 'latest';
  const full = digest ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { raw, repository, tag, digest, full };
}

/** What a container from this image does (interpreted by process.ts). */
export type ProgramKind =
  | 'nginx'
  | 'httpd'
  | 'redis'
  | 'hello'
  | 'shell' // busybox/alpine: runs its command (default `sh`, which exits at once without a TTY)
  | 'pause'
  | 'daemon' // a generic long-running add-on
  | 'crash' // prints a few lines then exits 1
  | 'job' // works for a while then exits 0
  | 'never-ready' // serves, but its readiness endpoint answers 503
  | 'oom'; // allocates until the memory limit kills it

export interface ImageEntry {
  repository: string;
  /** Tags the registry has; any other tag is NotFound. */
  tags: string[];
  /** Compressed size in bytes, as `Image size:` in the Pulled event and node.status.images. */
  sizeBytes: number;
  program: ProgramKind;
  /** Ports the program listens on (TCP). */
  ports?: number[];
  /** Log lines for daemon-style programs. */
  startupLogs?: string[];
  /** Extra per-tag data (the hello app's version). */
  version?: (tag: string) => string;
}

const MB = 1024 * 1024;

function addon(image: string, sizeMB: number, ports: number[], logs: string[]): ImageEntry {
  const ref = parseImageRef(image);
  return { repository: ref.repository, tags: [ref.tag!], sizeBytes: Math.round(sizeMB * MB), program: 'daemon', ports, startupLogs: logs };
}

export const CATALOG: ImageEntry[] = [
  { repository: 'docker.io/library/nginx', tags: ['latest', '1.25', '1.26', '1.27', '1.27.3', '1.28', 'alpine', 'stable', 'mainline', '1.27-alpine'], sizeBytes: 72403624, program: 'nginx', ports: [80] },
  { repository: 'docker.io/library/busybox', tags: ['latest', '1.36', '1.37', 'stable', 'musl', 'glibc'], sizeBytes: 2155996, program: 'shell' },
  { repository: 'docker.io/library/alpine', tags: ['latest', '3.19', '3.20', '3.21'], sizeBytes: 3653068, program: 'shell' },
  // The busybox images AKS's node-debugging docs use with `kubectl debug node/...`.
  { repository: 'mcr.microsoft.com/cbl-mariner/busybox', tags: ['2.0', '1.0'], sizeBytes: 6151098, program: 'shell' },
  { repository: 'mcr.microsoft.com/azurelinux/busybox', tags: ['1.36'], sizeBytes: 6213642, program: 'shell' },
  { repository: 'docker.io/library/ubuntu', tags: ['latest', '22.04', '24.04'], sizeBytes: 29754290, program: 'shell' },
  { repository: 'docker.io/library/redis', tags: ['latest', '7', '7.2', '7.4', 'alpine'], sizeBytes: 45016425, program: 'redis', ports: [6379] },
  { repository: 'docker.io/library/httpd', tags: ['latest', '2.4', 'alpine'], sizeBytes: 58170546, program: 'httpd', ports: [80] },
  {
    repository: 'docker.io/clusterlab/hello',
    tags: ['latest', '1.0', '2.0', '3.0'],
    sizeBytes: 7340032,
    program: 'hello',
    ports: [8080],
    version: (tag) => (tag === 'latest' ? '3.0' : tag),
  },
  { repository: 'docker.io/clusterlab/crash', tags: ['latest', '1.0'], sizeBytes: 5242880, program: 'crash' },
  { repository: 'docker.io/clusterlab/job', tags: ['latest', '1.0'], sizeBytes: 5242880, program: 'job' },
  { repository: 'docker.io/clusterlab/never-ready', tags: ['latest', '1.0'], sizeBytes: 7340032, program: 'never-ready', ports: [8080] },
  { repository: 'docker.io/clusterlab/oom', tags: ['latest', '1.0'], sizeBytes: 5242880, program: 'oom' },
  { repository: 'registry.k8s.io/pause', tags: ['3.6', '3.9', '3.10'], sizeBytes: 321520, program: 'pause' },
  { repository: 'mcr.microsoft.com/oss/kubernetes/pause', tags: ['3.6'], sizeBytes: 301773, program: 'pause' },
  addon(ADDON_IMAGES.coredns, 18.6, [53, 8080, 8181, 9153], [
    '.:53',
    '[INFO] plugin/reload: Running configuration SHA512 = 6f8b9bd3e9d1ed8d50bb7d8a0a0af1c2bde2d0c4cb4d1c1f3d0f0c11a3fd2e4f8e9e5b9a8f7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1',
    'CoreDNS-1.11.3',
    'linux/amd64, go1.22.7, ',
  ]),
  addon(ADDON_IMAGES.corednsAutoscaler, 12.1, [], ['I0101 00:00:00.000000       1 autoscaler.go:49] Scaling Namespace: kube-system, Target: deployment/coredns']),
  addon(ADDON_IMAGES.konnectivityAgent, 10.9, [8082, 8093], ['I0101 00:00:00.000000       1 options.go:148] AgentCert set to "/certs/client.crt".']),
  addon(ADDON_IMAGES.metricsServer, 19.3, [4443], ['I0101 00:00:00.000000       1 serving.go:374] Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)']),
  addon(ADDON_IMAGES.kubeProxy('1.32.7'), 28.4, [10249, 10256], ['I0101 00:00:00.000000       1 server_linux.go:66] "Using iptables proxy"']),
  addon(ADDON_IMAGES.ipMasqAgent, 9.6, [], ['I0101 00:00:00.000000       1 ip-masq-agent.go:185] config file found at /etc/config/ip-masq-agent']),
  addon(ADDON_IMAGES.cloudNodeManager, 25.2, [10263], ['I0101 00:00:00.000000       1 nodemanager.go:152] Sending events to api server.']),
  addon(ADDON_IMAGES.livenessProbe, 8.4, [], ['I0101 00:00:00.000000       1 main.go:133] "calling CSI driver to discover driver name"']),
  addon(ADDON_IMAGES.nodeDriverRegistrar, 9.1, [], ['I0101 00:00:00.000000       1 main.go:135] "Version" version="v2.13.0"']),
  addon(ADDON_IMAGES.azureDisk, 87.3, [29603], ['I0101 00:00:00.000000       1 azuredisk.go:175] "DRIVER INFORMATION:"']),
  addon(ADDON_IMAGES.azureFile, 86.1, [29613], ['I0101 00:00:00.000000       1 azurefile.go:303] "DRIVER INFORMATION:"']),
  addon(ADDON_IMAGES.azureCns, 40.2, [10090], ['[azure-cns] 2025/01/01 00:00:00 Running on Linux']),
];

const BY_REPO = new Map<string, ImageEntry>();
for (const e of CATALOG) {
  const prev = BY_REPO.get(e.repository);
  if (prev && prev !== e) prev.tags.push(...e.tags);
  else BY_REPO.set(e.repository, e);
}

/** Other kube-proxy versions than the default one exist too (upgrades). */
function kubeProxyEntry(ref: ImageRef): ImageEntry | undefined {
  if (ref.repository !== 'mcr.microsoft.com/oss/kubernetes/kube-proxy') return undefined;
  return BY_REPO.get(ref.repository);
}

export type Lookup =
  | { ok: true; entry: ImageEntry; ref: ImageRef; digest: string; imageID: string }
  | { ok: false; ref: ImageRef; code: 'NotFound' | 'Unknown'; message: string };

/** Resolve a reference against the registry, with containerd's error texts when it fails. */
const lookups = new Map<string, Lookup>();

export function lookupImage(image: string): Lookup {
  let r = lookups.get(image);
  if (!r) {
    r = resolve(image);
    // Bounded: image names come from user input.
    if (lookups.size > 10_000) lookups.clear();
    lookups.set(image, r);
  }
  return r;
}

function resolve(image: string): Lookup {
  const ref = parseImageRef(image);
  const entry = BY_REPO.get(ref.repository) ?? kubeProxyEntry(ref);
  const digest = `sha256:${sha256Hex(`clusterlab-image:${ref.repository}:${ref.tag ?? ref.digest}`)}`;
  if (!entry) {
    const msg = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    return { ok: false, ref, code: 'Unknown', message: msg };
  }
  const tagOk = ref.digest ? true : entry.tags.includes(ref.tag!) || (entry.repository.endsWith('/kube-proxy') && /^v1\.\d+\.\d+/.test(ref.tag!));
  if (!tagOk) {
    const msg = `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
    return { ok: false, ref, code: 'NotFound', message: msg };
  }
  const d = ref.digest ?? digest;
  return { ok: true, entry, ref, digest: d, imageID: `${ref.repository}@${d}` };
}

/** Images an AKS node image ships with (cached in the VHD): add-ons and pause. */
export function preloadedImages(kubernetesVersion: string): string[] {
  return [
    ...Object.values(ADDON_IMAGES).map((v) => (typeof v === 'function' ? v(kubernetesVersion) : v)),
    'mcr.microsoft.com/oss/kubernetes/pause:3.6',
  ];
}

/**
 * How long a pull takes: a registry round trip plus the layers at the node's download speed.
 * ~40 MB/s, jittered by the simulation's random generator.
 */
export function pullDurationMs(sizeBytes: number, jitter: number): number {
  const base = 350 + (sizeBytes / (40 * MB)) * 1000;
  return Math.round(base * (0.8 + 0.4 * jitter));
}

/** Go's time.Duration String() for the durations kubelet events print: 830ms, 2.345s, 1m3.2s. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${trimFloat(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${trimFloat(s - m * 60)}s`;
}

function trimFloat(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
