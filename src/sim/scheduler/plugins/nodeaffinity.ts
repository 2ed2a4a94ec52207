// NodeAffinity (plugins/nodeaffinity). Filter: spec.nodeSelector and the required node affinity.
// PreFilter narrows the nodes when the affinity names them by metadata.name (DaemonSet pods).
// Score: the sum of the weights of the preferred terms a node matches, normalized, weight 2.

import type { NodeSelectorTerm } from '../../api/types';
import { defaultNormalizeScore, fixedStatus, MAX_NODE_SCORE, status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type Status } from '../framework';
import { RequiredNodeAffinity, termMatches } from '../helpers';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodeAffinity';
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const errReasonConflict = 'pod affinity terms conflict';

const FAIL = fixedStatus('UnschedulableAndUnresolvable', ErrReasonPod, Name);
const SCORE_KEY = `${Name}/score`;

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  constructor(readonly weight = 2) {}

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    const required = new RequiredNodeAffinity(pod.pod);
    if (required.empty) return { status: status('Skip') };
    state.write(Name, required);
    const terms = required.terms;
    if (!terms || terms.length === 0) return null;
    let nodeNames: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      // A term without a metadata.name requirement lets every node through (terms are ORed).
      if (!termNames) return null;
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames && nodeNames.size === 0) return { status: { code: 'UnschedulableAndUnresolvable', reasons: [errReasonConflict] } };
    return nodeNames ? { result: { nodeNames } } : null;
  }

  filter(state: CycleState, _: PodInfo, node: NodeInfo): Status | null {
    const required = state.read<RequiredNodeAffinity>(Name);
    if (!required || required.match(node)) return null;
    return FAIL;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return status('Skip');
    state.write(SCORE_KEY, preferred.filter((p) => p.weight !== 0));
    return null;
  }

  score(state: CycleState, _: PodInfo, node: NodeInfo): number {
    const preferred = state.read<{ weight: number; preference: NodeSelectorTerm }[]>(SCORE_KEY) ?? [];
    let count = 0;
    for (const p of preferred) if (termMatches(p.preference, node.labels, node.name)) count += p.weight;
    return count;
  }

  normalize(_: CycleState, __: PodInfo, scores: Float64Array): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
