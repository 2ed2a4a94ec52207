// Which image registries the nodes can reach. A registry made unreachable (DNS and egress to it
// blocked) fails every pull from it the way containerd reports it: the resolver's DNS lookup of
// the registry host times out. Azure VMs resolve through Azure DNS, 168.63.129.16.

import { parseImageRef } from '../node/images';

/** Where a pull really goes: docker.io is served by registry-1.docker.io. */
export function registryHost(image: string): string {
  const host = parseImageRef(image).repository.split('/')[0];
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

/** The registries a reference can name, as a learner types them (docker.io, mcr.microsoft.com...). */
export function registryName(target: string): string {
  const t = target.trim().toLowerCase();
  return t === 'registry-1.docker.io' ? 'docker.io' : t;
}

export const KNOWN_REGISTRIES = ['docker.io', 'mcr.microsoft.com', 'registry.k8s.io', 'ghcr.io', 'quay.io'];

/** Azure DNS (wireserver) and the glibc/Go resolver's 5 s timeout x 2 attempts. */
export const AZURE_DNS = '168.63.129.16';
export const DNS_TIMEOUT_MS = 10_000;

export class RegistryNetwork {
  /** Registry names (docker.io, mcr.microsoft.com...) the nodes cannot reach; `*` = all egress. */
  private readonly blocked = new Set<string>();

  block(registry: string): void {
    this.blocked.add(registryName(registry));
  }

  unblock(registry: string): void {
    this.blocked.delete(registryName(registry));
  }

  blockedRegistries(): string[] {
    return [...this.blocked].sort();
  }

  reachable(image: string): boolean {
    if (this.blocked.size === 0) return true;
    if (this.blocked.has('*')) return false;
    const host = parseImageRef(image).repository.split('/')[0];
    return !this.blocked.has(host);
  }

  /**
   * containerd's error for a pull whose registry cannot be resolved (the kubelet prefixes it with
   * `Failed to pull image "<image>": `). `localPort` is the resolver's ephemeral UDP port.
   */
  pullError(image: string, nodeIP: string, localPort: number): string {
    const ref = parseImageRef(image);
    const host = registryHost(image);
    const path = ref.repository.split('/').slice(1).join('/');
    const reference = ref.digest ?? ref.tag ?? 'latest';
    return (
      `failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ` +
      `failed to do request: Head "https://${host}/v2/${path}/manifests/${reference}": ` +
      `dial tcp: lookup ${host} on ${AZURE_DNS}:53: read udp ${nodeIP}:${localPort}->${AZURE_DNS}:53: i/o timeout`
    );
  }
}
