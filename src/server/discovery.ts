// Discovery documents, as kube-apiserver 1.32 serves them: /version, legacy /api, /apis,
// /api/v1, /apis/<g>/<v> (APIVersions, APIGroupList, APIResourceList) and aggregated discovery
// v2 (APIGroupDiscoveryList) for clients that ask for it in Accept.

import { groupVersions, RESOURCES, type ResourceInfo } from '../sim/api/registry';
import { HPA_V1 } from '../sim/api/hpaversions';

type Json = Record<string, unknown>;

/** The kind and verbs each subresource answers with (from the real APIResourceList of 1.32). */
function subresourceMeta(info: ResourceInfo, sub: string): { group: string; version: string; kind: string; verbs: string[] } {
  const self = { group: info.group, version: info.version, kind: info.kind };
  switch (sub) {
    case 'status':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return { group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    case 'log':
      return { ...self, verbs: ['get'] };
    case 'binding':
      return { group: '', version: 'v1', kind: 'Binding', verbs: ['create'] };
    case 'eviction':
      return { group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] };
    case 'exec':
      return { group: '', version: 'v1', kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { group: '', version: 'v1', kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { group: '', version: 'v1', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'proxy':
      return { group: '', version: 'v1', kind: `${info.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    case 'finalize':
      return { ...self, verbs: ['update'] };
    case 'token':
      return { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
    case 'approval':
    case 'ephemeralcontainers':
    case 'resize':
      return { ...self, verbs: ['get', 'patch', 'update'] };
    default:
      return { ...self, verbs: ['get'] };
  }
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** GET /version. `kubernetesVersion` is the cluster spec's, e.g. "1.32.7". */
export function versionInfo(kubernetesVersion: string): VersionInfo {
  const [major, minor] = kubernetesVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: `v${kubernetesVersion.replace(/^v/, '')}`,
    // A stand-in commit: the build the sandbox pretends to be is not a real binary.
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-07-15T18:40:32Z',
    goVersion: 'go1.23.10',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** GET /api (legacy). */
export function apiVersions(serverAddress: string): Json {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis (legacy). */
export function apiGroupList(): Json {
  const groups = new Map<string, string[]>();
  for (const { group, version } of groupVersions()) {
    if (!group) continue;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(version);
  }
  // autoscaling/v1 is served by conversion (sim/api/hpaversions.ts), after the preferred v2.
  groups.get(HPA_V1.group)?.push(HPA_V1.version);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

/** GET /apis/<group> (legacy APIGroup), or undefined when the group is not served. */
export function apiGroup(group: string): Json | undefined {
  const versions = groupVersions().filter((gv) => gv.group === group && group !== '');
  if (!versions.length) return undefined;
  if (group === HPA_V1.group) versions.push({ group, version: HPA_V1.version });
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: versions.map((v) => ({ groupVersion: `${group}/${v.version}`, version: v.version })),
    preferredVersion: { groupVersion: `${group}/${versions[0].version}`, version: versions[0].version },
  };
}

/** GET /api/v1 or /apis/<g>/<v>: an APIResourceList, or undefined when the group/version is not served. */
export function apiResourceList(group: string, version: string): Json | undefined {
  const rs = group === HPA_V1.group && version === HPA_V1.version ? [HPA_V1] : RESOURCES.filter((r) => r.group === group && r.version === version);
  if (!rs.length) return undefined;
  const resources: Json[] = [];
  for (const r of rs) {
    const entry: Json = { name: r.resource, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames.length) entry.shortNames = r.shortNames;
    if (r.categories.length) entry.categories = r.categories;
    resources.push(entry);
    for (const sub of r.subresources) {
      const m = subresourceMeta(r, sub);
      const s: Json = { name: `${r.resource}/${sub}`, singularName: '', namespaced: r.namespaced, kind: m.kind, verbs: m.verbs };
      if (m.group !== r.group || m.version !== r.version) {
        s.group = m.group;
        s.version = m.version;
      }
      resources.push(s);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function discoveryResource(r: ResourceInfo): Json {
  const out: Json = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  };
  if (r.shortNames.length) out.shortNames = r.shortNames;
  if (r.categories.length) out.categories = r.categories;
  if (r.subresources.length) {
    out.subresources = r.subresources.map((sub) => {
      const m = subresourceMeta(r, sub);
      return { subresource: sub, responseKind: { group: m.group, version: m.version, kind: m.kind }, verbs: m.verbs };
    });
  }
  return out;
}

/** Aggregated discovery (apidiscovery.k8s.io/v2 or v2beta1) for /api (`legacy`) or /apis. */
export function aggregatedDiscovery(legacy: boolean, apiVersion: 'v2' | 'v2beta1'): Json {
  const byGroup = new Map<string, Map<string, ResourceInfo[]>>();
  for (const r of RESOURCES) {
    if ((r.group === '') !== legacy) continue;
    if (!byGroup.has(r.group)) byGroup.set(r.group, new Map());
    const versions = byGroup.get(r.group)!;
    if (!versions.has(r.version)) versions.set(r.version, []);
    versions.get(r.version)!.push(r);
  }
  if (!legacy) byGroup.get(HPA_V1.group)?.set(HPA_V1.version, [HPA_V1]);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: [...byGroup].map(([group, versions]) => ({
      metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
      versions: [...versions].map(([version, rs]) => ({ version, resources: rs.map(discoveryResource), freshness: 'Current' })),
    })),
  };
}
