// Azure VM sizes a node pool can use, and what AKS reserves on them (FACTS.md): kube-reserved
// CPU by core count, kube-reserved memory for Kubernetes >= 1.29 (min(20 MiB x maxPods + 50 MiB,
// 25% of memory)) plus the 100 Mi hard eviction threshold.

export interface VmSize {
  name: string;
  vcpus: number;
  memoryGiB: number;
  osDiskGB: number;
  gpus?: number;
  /** Linux pay-as-you-go, East US, USD per hour (approx.). */
  pricePerHour: number;
}

export const VM_SIZES: Record<string, VmSize> = {
  Standard_DS2_v2: { name: 'Standard_DS2_v2', vcpus: 2, memoryGiB: 7, osDiskGB: 128, pricePerHour: 0.146 },
  Standard_D2s_v3: { name: 'Standard_D2s_v3', vcpus: 2, memoryGiB: 8, osDiskGB: 128, pricePerHour: 0.096 },
  Standard_D4s_v3: { name: 'Standard_D4s_v3', vcpus: 4, memoryGiB: 16, osDiskGB: 128, pricePerHour: 0.192 },
  Standard_D8s_v3: { name: 'Standard_D8s_v3', vcpus: 8, memoryGiB: 32, osDiskGB: 128, pricePerHour: 0.384 },
  Standard_D2ds_v5: { name: 'Standard_D2ds_v5', vcpus: 2, memoryGiB: 8, osDiskGB: 128, pricePerHour: 0.113 },
  Standard_D4ds_v5: { name: 'Standard_D4ds_v5', vcpus: 4, memoryGiB: 16, osDiskGB: 128, pricePerHour: 0.226 },
  Standard_D16s_v3: { name: 'Standard_D16s_v3', vcpus: 16, memoryGiB: 64, osDiskGB: 128, pricePerHour: 0.768 },
  Standard_NC6s_v3: { name: 'Standard_NC6s_v3', vcpus: 6, memoryGiB: 112, osDiskGB: 128, gpus: 1, pricePerHour: 3.06 },
};

const CPU_RESERVED_BY_CORES: [number, number][] = [[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]];

/** kube-reserved CPU (millicores) AKS sets for a VM with this many cores. */
export function kubeReservedCpuMilli(cores: number): number {
  let reserved = CPU_RESERVED_BY_CORES[0][1];
  for (const [c, m] of CPU_RESERVED_BY_CORES) if (cores >= c) reserved = m;
  return reserved;
}

const MiB = 1024 * 1024;

/** kube-reserved memory (bytes) for Kubernetes >= 1.29, plus the 100 Mi eviction threshold. */
export function reservedMemoryBytes(memoryBytes: number, maxPods: number): number {
  const kubeReserved = Math.min(20 * MiB * maxPods + 50 * MiB, Math.floor(memoryBytes * 0.25));
  return kubeReserved + 100 * MiB;
}

export interface NodeResources {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
}

/** Capacity and allocatable of one node, as the kubelet reports them on AKS. */
export function nodeResources(vm: VmSize, maxPods: number): NodeResources {
  const memory = vm.memoryGiB * 1024 * MiB;
  const allocMemory = memory - reservedMemoryBytes(memory, maxPods);
  // The OS disk as the kubelet sees its filesystem, and 10% held back for eviction (approx.).
  const diskKi = Math.floor((vm.osDiskGB * 1e9 * 0.97) / 1024);
  const allocDisk = Math.floor(diskKi * 1024 * 0.9);
  const capacity: Record<string, string> = {
    cpu: String(vm.vcpus),
    'ephemeral-storage': `${diskKi}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${memory / 1024}Ki`,
    pods: String(maxPods),
  };
  const allocatable: Record<string, string> = {
    cpu: `${vm.vcpus * 1000 - kubeReservedCpuMilli(vm.vcpus)}m`,
    'ephemeral-storage': String(allocDisk),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${allocMemory / 1024}Ki`,
    pods: String(maxPods),
  };
  if (vm.gpus) {
    capacity['nvidia.com/gpu'] = String(vm.gpus);
    allocatable['nvidia.com/gpu'] = String(vm.gpus);
  }
  return { capacity, allocatable };
}
