// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): favour nodes
// whose cpu and memory would be used evenly. For each resource the fraction
// (requested + pod's request) / allocatable (capped at 1), requests as declared (useRequested);
// with two resources std = |f1 - f2| / 2, and the score is (1 - std) * 100. Weight 1.

import { MAX_NODE_SCORE, type CycleState, type ScorePlugin } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodeResourcesBalancedAllocation';

/** balancedResourceScorer. */
export function balancedResourceScore(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(1, requested[i] / allocatable[i]);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class BalancedAllocation implements ScorePlugin {
  readonly name = Name;
  constructor(readonly weight = 1) {}

  score(_: CycleState, pod: PodInfo, node: NodeInfo): number {
    const a = node.allocatable;
    // Inlined two-resource case of balancedResourceScore (the hot path).
    let f1 = -1;
    let f2 = -1;
    if (a.milliCPU !== 0) f1 = Math.min(1, (node.reqCPU + pod.requests.milliCPU) / a.milliCPU);
    if (a.memory !== 0) f2 = Math.min(1, (node.reqMem + pod.requests.memory) / a.memory);
    const std = f1 >= 0 && f2 >= 0 ? Math.abs((f1 - f2) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  }
}
