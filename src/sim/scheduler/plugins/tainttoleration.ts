// TaintToleration (plugins/tainttoleration). Filter: the first NoSchedule/NoExecute taint the pod
// does not tolerate rejects the node. Score: the number of PreferNoSchedule taints the pod does not
// tolerate, normalized in reverse (fewer is better), weight 3.

import type { Taint, Toleration } from '../../api/types';
import { defaultNormalizeScore, fixedStatus, MAX_NODE_SCORE, type CycleState, type FilterPlugin, type PreScorePlugin, type ScorePlugin, type Status } from '../framework';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../helpers';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'TaintToleration';

const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/**
 * One shared status per taint key and value: every node a pod is rejected by for the same taint
 * (all the not-ready nodes of a booting cluster) gives the same object, with no new string, and
 * the FitError histogram counts them at once.
 */
const taintStatuses = new Map<string, Map<string, Status>>();
function untoleratedStatus(taint: Taint): Status {
  let byValue = taintStatuses.get(taint.key);
  if (!byValue) taintStatuses.set(taint.key, (byValue = new Map()));
  const value = taint.value ?? '';
  let s = byValue.get(value);
  if (!s) byValue.set(value, (s = fixedStatus('UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${value}}`, Name)));
  return s;
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  constructor(readonly weight = 3) {}

  filter(_: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const taints = node.taints;
    if (taints.length === 0) return null;
    const tolerations = pod.pod.spec.tolerations;
    const memo = node.taintVerdict;
    if (memo && memo.taints === taints && memo.tolerations === tolerations) return memo.status;
    const taint = findUntoleratedTaint(taints, tolerations, doNotSchedule);
    const s = taint ? untoleratedStatus(taint) : null;
    if (memo) {
      memo.taints = taints;
      memo.tolerations = tolerations;
      memo.status = s;
    } else node.taintVerdict = { taints, tolerations, status: s };
    return s;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    // getAllTolerationPreferNoSchedule: tolerations with an empty or PreferNoSchedule effect.
    const tolerations = (pod.pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(Name, tolerations);
    return null;
  }

  score(state: CycleState, _: PodInfo, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(Name) ?? [];
    let n = 0;
    for (const t of node.taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) n++;
    return n;
  }

  normalize(_: CycleState, __: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
