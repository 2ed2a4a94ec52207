import { describe, expect, it } from 'vitest';
import { intValue, milliValue } from '../api/quantity';
import { kubeReservedCpuMilli, nodeResources, reservedMemoryBytes, VM_SIZES } from './vmsizes';

const MiB = 1024 * 1024;

describe('AKS node reservations (FACTS.md)', () => {
  it.each([
    [1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740], [6, 140],
  ])('kube-reserved cpu for %i cores is %im', (cores, milli) => {
    expect(kubeReservedCpuMilli(cores)).toBe(milli);
  });

  it('reserves min(20Mi x maxPods + 50Mi, 25%) plus 100Mi eviction', () => {
    // Overlay, 250 pods, 7 GiB: 25% (1792Mi) is the smaller.
    expect(reservedMemoryBytes(7 * 1024 * MiB, 250)).toBe(1892 * MiB);
    // 30 pods (legacy Azure CNI): 20*30+50 = 650Mi.
    expect(reservedMemoryBytes(16 * 1024 * MiB, 30)).toBe(750 * MiB);
  });

  it('gives Standard_DS2_v2 on Overlay 1900m cpu and 7Gi - 1892Mi memory', () => {
    const r = nodeResources(VM_SIZES.Standard_DS2_v2, 250);
    expect(milliValue(r.allocatable.cpu)).toBe(1900);
    expect(intValue(r.allocatable.memory)).toBe((7 * 1024 - 1892) * MiB);
    expect(r.allocatable.pods).toBe('250');
    expect(r.capacity.cpu).toBe('2');
  });
});
