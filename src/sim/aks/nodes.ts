// The Node object a new AKS VM's kubelet registers: AKS labels, capacity and allocatable for its
// VM size, addresses from the node subnet, and the node info of the AKS Ubuntu image.

import type { Node } from '../api/types';
import { intToIp, ipToInt, parseCIDR } from '../apiserver/allocators';
import type { Random } from '../random';
import { defaultMaxPods, managedResourceGroup, type AksClusterSpec, type NodePoolSpec } from './spec';
import { nodeResources, VM_SIZES } from './vmsizes';

export const NODE_IMAGE_VERSION = 'AKSUbuntu-2204gen2containerd-202510.03.0';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const KERNEL_VERSION = '5.15.0-1092-azure';
export const CONTAINERD_VERSION = 'containerd://1.7.28-1';

export interface NodeIdentity {
  name: string;
  pool: NodePoolSpec;
  /** Position of the VM in its scale set (the vmss suffix). */
  index: number;
  /** Position of the VM in the whole cluster's subnet (for its IP). */
  subnetIndex: number;
}

/** Node IPs come from the node subnet, starting at .4 (Azure reserves the first four). */
export function nodeIP(spec: AksClusterSpec, subnetIndex: number): string {
  return intToIp(parseCIDR(spec.vnetSubnet).base + 4 + subnetIndex);
}

export function zoneOf(spec: AksClusterSpec, pool: NodePoolSpec, index: number): string {
  if (pool.zones && pool.zones.length) return `${spec.location}-${pool.zones[index % pool.zones.length]}`;
  return '0';
}

export function buildNode(spec: AksClusterSpec, id: NodeIdentity, subscription: string, random: Random): Node {
  const vm = VM_SIZES[id.pool.vmSize];
  if (!vm) throw new Error(`unknown VM size ${id.pool.vmSize}`);
  const maxPods = id.pool.maxPods ?? defaultMaxPods(spec.networkPlugin);
  const { capacity, allocatable } = nodeResources(vm, maxPods);
  const mc = managedResourceGroup(spec);
  const zone = zoneOf(spec, id.pool, id.index);
  const mode = id.pool.mode.toLowerCase();
  const labels: Record<string, string> = {
    agentpool: id.pool.name,
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/instance-type': vm.name,
    'beta.kubernetes.io/os': 'linux',
    'failure-domain.beta.kubernetes.io/region': spec.location,
    'failure-domain.beta.kubernetes.io/zone': zone,
    'kubernetes.azure.com/agentpool': id.pool.name,
    'kubernetes.azure.com/cluster': mc,
    'kubernetes.azure.com/mode': mode,
    'kubernetes.azure.com/node-image-version': NODE_IMAGE_VERSION,
    'kubernetes.azure.com/nodepool-type': 'VirtualMachineScaleSets',
    'kubernetes.azure.com/os-sku': 'Ubuntu',
    'kubernetes.azure.com/role': 'agent',
    'kubernetes.azure.com/storageprofile': 'managed',
    'kubernetes.azure.com/storagetier': 'Premium_LRS',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': id.name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/role': 'agent',
    'node-role.kubernetes.io/agent': '',
    'node.kubernetes.io/instance-type': vm.name,
    storageprofile: 'managed',
    storagetier: 'Premium_LRS',
    'topology.disk.csi.azure.com/zone': id.pool.zones?.length ? zone : '',
    'topology.kubernetes.io/region': spec.location,
    'topology.kubernetes.io/zone': zone,
    ...(spec.networkPlugin === 'azure-overlay' ? { 'kubernetes.azure.com/azure-cni-overlay': 'true', 'kubernetes.azure.com/network-subnet': 'aks-subnet' } : {}),
    ...(vm.gpus ? { accelerator: 'nvidia' } : {}),
    ...(id.pool.labels ?? {}),
  };
  const vmss = id.name.replace(/[0-9a-z]{6}$/, '');
  const ip = nodeIP(spec, id.subnetIndex);
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels,
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        'csi.volume.kubernetes.io/nodeid': JSON.stringify({ 'disk.csi.azure.com': id.name, 'file.csi.azure.com': id.name }),
      },
    },
    spec: {
      providerID: `azure:///subscriptions/${subscription}/resourceGroups/${mc.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmss}/virtualMachines/${id.index}`,
      taints: id.pool.taints?.length ? id.pool.taints.map((t) => ({ ...t })) : undefined,
    },
    status: {
      capacity,
      allocatable,
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: id.name },
      ],
      nodeInfo: {
        machineID: random.hex(32),
        systemUUID: random.uuid(),
        bootID: random.uuid(),
        kernelVersion: KERNEL_VERSION,
        osImage: OS_IMAGE,
        containerRuntimeVersion: CONTAINERD_VERSION,
        kubeletVersion: `v${spec.kubernetesVersion}`,
        kubeProxyVersion: `v${spec.kubernetesVersion}`,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

export { ipToInt };
