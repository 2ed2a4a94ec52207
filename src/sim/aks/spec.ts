// What `az aks create` (and `az aks nodepool add`) decides: names, pools, addressing. Defaults
// are AKS's own (FACTS.md): one System pool `nodepool1` of 3 Standard_DS2_v2 nodes, Azure CNI
// Overlay, pods from 10.244.0.0/16, Services from 10.0.0.0/16, kube-dns at 10.0.0.10.

import type { Taint } from '../api/types';
import type { Random } from '../random';

export type NetworkPlugin = 'azure-overlay' | 'kubenet' | 'azure';

export interface NodePoolSpec {
  name: string;
  count: number;
  vmSize: string;
  mode: 'System' | 'User';
  /** Availability zones ("1", "2", "3"); none means the nodes spread over fault domains. */
  zones?: string[];
  maxPods?: number;
  taints?: Taint[];
  labels?: Record<string, string>;
}

export interface AksClusterSpec {
  name: string;
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
  tier: 'Free' | 'Standard' | 'Premium';
  networkPlugin: NetworkPlugin;
  podCidr: string;
  serviceCidr: string;
  dnsServiceIP: string;
  vnetSubnet: string;
  dnsPrefix: string;
  pools: NodePoolSpec[];
}

export const DEFAULT_KUBERNETES_VERSION = '1.32.7';

export function defaultPool(overrides: Partial<NodePoolSpec> = {}): NodePoolSpec {
  return { name: 'nodepool1', count: 3, vmSize: 'Standard_DS2_v2', mode: 'System', ...overrides };
}

export function defaultSpec(overrides: Partial<AksClusterSpec> = {}): AksClusterSpec {
  const name = overrides.name ?? 'clusterlab';
  const resourceGroup = overrides.resourceGroup ?? 'clusterlab-rg';
  return {
    name,
    resourceGroup,
    location: 'eastus',
    kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
    tier: 'Free',
    networkPlugin: 'azure-overlay',
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.0.0.0/16',
    dnsServiceIP: '10.0.0.10',
    vnetSubnet: '10.224.0.0/16',
    dnsPrefix: `${name}-${resourceGroup}`.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 45),
    pools: [defaultPool()],
    ...overrides,
  };
}

/** Max pods per node by network plugin (AKS defaults). */
export function defaultMaxPods(plugin: NetworkPlugin): number {
  return plugin === 'azure-overlay' ? 250 : plugin === 'kubenet' ? 110 : 30;
}

/** `MC_<resourceGroup>_<cluster>_<location>` */
export function managedResourceGroup(spec: AksClusterSpec): string {
  return `MC_${spec.resourceGroup}_${spec.name}_${spec.location}`;
}

/** Pool names: lowercase alphanumeric, start with a letter, 1-12 characters (Linux). */
export function validatePoolName(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]{0,11}$/.test(name)) {
    return `The agent pool name "${name}" is invalid: it must start with a lowercase letter, contain only lowercase letters and numbers, and be 1-12 characters long.`;
  }
  return undefined;
}

/** VMSS instance suffix: 6 base-36 digits (000000, 000001, ... 00000a). */
export function vmssInstance(index: number): string {
  return index.toString(36).padStart(6, '0');
}

/** `aks-<pool>-<8 digits>-vmss<6 base-36 digits>`; the 8 digits are the cluster's, shared by all pools. */
export function nodeName(pool: string, clusterDigits: string, index: number): string {
  return `aks-${pool}-${clusterDigits}-vmss${vmssInstance(index)}`;
}

/** The cluster's 8-digit id, drawn once from the seeded generator. */
export function clusterDigits(random: Random): string {
  return String(10_000_000 + random.int(90_000_000));
}

/** `<dnsPrefix>-<8 hex>.hcp.<region>.azmk8s.io` */
export function apiServerFqdn(spec: AksClusterSpec, random: Random): string {
  return `${spec.dnsPrefix.toLowerCase()}-${random.hex(8)}.hcp.${spec.location}.azmk8s.io`;
}

/** Seconds a new cluster runs before it is handed over, so it is up as `az aks create` leaves it. */
export const DEFAULT_WARMUP_SECONDS = 120;
