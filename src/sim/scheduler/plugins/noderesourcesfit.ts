// NodeResourcesFit (plugins/noderesources/fit.go). Filter: the pod's requests must fit in what the
// node's allocatable leaves after its pods' requests ("Insufficient cpu", "Too many pods"...).
// Score, LeastAllocated strategy with cpu and memory weight 1: for each resource
// (allocatable - requested) * 100 / allocatable, where requested counts the node's pods and the
// incoming one with the non-zero defaults (100m cpu, 200Mi memory for containers without
// requests); the weighted average is the score. Integer arithmetic, as upstream.

import { MAX_NODE_SCORE, type CycleState, type FilterPlugin, type ScorePlugin, type Status } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodeResourcesFit';

/** leastRequestedScore. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** The reasons the pod does not fit the node's free resources, in upstream order (fitsRequest). */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] | null {
  let out: string[] | null = null;
  if (node.pods.size + 1 > node.allocatable.pods) (out ??= []).push('Too many pods');
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0 && !r.scalar) return out;
  const a = node.allocatable;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - node.reqCPU) (out ??= []).push('Insufficient cpu');
  if (r.memory > 0 && r.memory > a.memory - node.reqMem) (out ??= []).push('Insufficient memory');
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - node.reqEphemeral) (out ??= []).push('Insufficient ephemeral-storage');
  if (r.scalar) {
    for (const [name, q] of r.scalar) {
      if (q === 0) continue;
      if (q > (a.scalar?.get(name) ?? 0) - (node.reqScalar?.get(name) ?? 0)) (out ??= []).push(`Insufficient ${name}`);
    }
  }
  return out;
}

/** The reasons of insufficientResources that have one fixed text, in upstream order. */
const FIXED_REASONS = ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'];
/** One shared status per combination of fixed reasons (by bit mask), so a full node costs no allocation. */
const fixedStatuses: Status[] = [];

function failure(reasons: string[]): Status {
  let mask = 0;
  for (const r of reasons) {
    const i = FIXED_REASONS.indexOf(r);
    if (i < 0) return { code: 'Unschedulable', reasons, plugin: Name };
    mask |= 1 << i;
  }
  return (fixedStatuses[mask] ??= Object.freeze({ code: 'Unschedulable', reasons: Object.freeze([...reasons]) as string[], plugin: Name }));
}

export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = Name;
  constructor(readonly weight = 1) {}

  filter(_: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const reasons = insufficientResources(pod, node);
    return reasons ? failure(reasons) : null;
  }

  score(_: CycleState, pod: PodInfo, node: NodeInfo): number {
    // leastResourceScorer over cpu and memory, weight 1 each; resources with 0 allocatable are left out.
    let sum = 0;
    let weights = 0;
    const a = node.allocatable;
    if (a.milliCPU !== 0) {
      sum += leastRequestedScore(node.nonZeroCPU + pod.requests.nonZeroCPU, a.milliCPU);
      weights++;
    }
    if (a.memory !== 0) {
      sum += leastRequestedScore(node.nonZeroMem + pod.requests.nonZeroMem, a.memory);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  }
}
