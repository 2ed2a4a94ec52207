// InterPodAffinity (plugins/interpodaffinity). Filter: the pod's required affinity needs a matching
// pod in the node's topology domain (or, for the first pod of a group, to match itself); its
// required anti-affinity forbids domains with matching pods; and existing pods' required
// anti-affinity forbids the domains they guard. Score: preferred terms both ways (and existing
// pods' required affinity, hardPodAffinityWeight 1), min-max normalized, weight 2.

import { MAX_NODE_SCORE, status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type Snapshot, type Status } from '../framework';
import type { SchedulerCache } from '../cache';
import type { NodeInfo } from '../nodeinfo';
import { termMatches, type AffinityTerm, type PodInfo } from '../podinfo';

export const Name = 'InterPodAffinity';
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

const HARD_POD_AFFINITY_WEIGHT = 1;

const FAIL_AFFINITY = Object.freeze({ code: 'UnschedulableAndUnresolvable' as const, reasons: [ErrReasonAffinityRulesNotMatch], plugin: Name });
const FAIL_ANTI = Object.freeze({ code: 'Unschedulable' as const, reasons: [ErrReasonAntiAffinityRulesNotMatch], plugin: Name });
const FAIL_EXISTING = Object.freeze({ code: 'Unschedulable' as const, reasons: [ErrReasonExistingAntiAffinityRulesNotMatch], plugin: Name });

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

interface FilterState {
  /** topology pair -> existing pods whose required anti-affinity matches the incoming pod. */
  existingAntiAffinityCounts: Map<string, number>;
  /** topology pair -> pods matching all of the incoming pod's affinity terms. */
  affinityCounts: Map<string, number>;
  /** Per anti-affinity term: topology value -> matching pods. */
  antiAffinityCounts: Map<string, number>[];
}

const SCORE_KEY = `${Name}/score`;

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;
  constructor(private readonly cache: SchedulerCache, readonly weight = 2) {}

  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): { result?: PreFilterResult; status?: Status } | null {
    const existingAntiAffinityCounts = new Map<string, number>();
    for (const [uid, existing] of this.cache.antiAffinityPods) {
      const node = this.cache.nodeInfoOfPod(uid);
      if (!node?.node) continue;
      for (const t of existing.requiredAntiAffinityTerms) {
        const v = node.labels[t.topologyKey];
        if (v === undefined || !termMatches(t, pod)) continue;
        const k = pairKey(t.topologyKey, v);
        existingAntiAffinityCounts.set(k, (existingAntiAffinityCounts.get(k) ?? 0) + 1);
      }
    }
    const affinity = pod.requiredAffinityTerms;
    const anti = pod.requiredAntiAffinityTerms;
    if (existingAntiAffinityCounts.size === 0 && affinity.length === 0 && anti.length === 0) return { status: status('Skip') };

    const affinityCounts = new Map<string, number>();
    if (affinity.length === 1) {
      const t = affinity[0];
      const c = this.cache.counter(t.namespaces, t.selector, true);
      for (const [v, n] of c.topology(t.topologyKey)) affinityCounts.set(pairKey(t.topologyKey, v), n);
    } else if (affinity.length > 1) {
      // A pod counts only if it matches every term (podMatchesAllAffinityTerms).
      for (const node of snapshot.nodes) {
        for (const existing of node.pods.values()) {
          if (!affinity.every((t) => termMatches(t, existing))) continue;
          for (const t of affinity) {
            const v = node.labels[t.topologyKey];
            if (v === undefined) continue;
            const k = pairKey(t.topologyKey, v);
            affinityCounts.set(k, (affinityCounts.get(k) ?? 0) + 1);
          }
        }
      }
    }
    const antiAffinityCounts = anti.map((t) => this.cache.counter(t.namespaces, t.selector, true).topology(t.topologyKey));
    state.write(Name, { existingAntiAffinityCounts, affinityCounts, antiAffinityCounts } satisfies FilterState);
    return null;
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const s = state.read<FilterState>(Name);
    if (!s) return null;
    if (!satisfyPodAffinity(s, pod, node)) return FAIL_AFFINITY;
    for (let i = 0; i < pod.requiredAntiAffinityTerms.length; i++) {
      const v = node.labels[pod.requiredAntiAffinityTerms[i].topologyKey];
      if (v !== undefined && (s.antiAffinityCounts[i].get(v) ?? 0) > 0) return FAIL_ANTI;
    }
    if (s.existingAntiAffinityCounts.size > 0) {
      for (const [k, n] of s.existingAntiAffinityCounts) {
        const i = k.indexOf('\u0000');
        if (n > 0 && node.labels[k.slice(0, i)] === k.slice(i + 1)) return FAIL_EXISTING;
      }
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, _: readonly NodeInfo[], snapshot: Snapshot): Status | null {
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    if (!hasConstraints && this.cache.affinityPods.size === 0) return status('Skip');
    const topologyScore = new Map<string, Map<string, number>>();
    const add = (terms: AffinityTerm[], target: PodInfo, node: NodeInfo, multiplier: number, weight?: number) => {
      for (const t of terms) {
        if (!termMatches(t, target)) continue;
        const v = node.labels[t.topologyKey];
        if (v === undefined) continue;
        let m = topologyScore.get(t.topologyKey);
        if (!m) topologyScore.set(t.topologyKey, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + (weight ?? t.weight) * multiplier);
      }
    };
    const process = (existing: PodInfo, node: NodeInfo) => {
      if (!node.node || Object.keys(node.labels).length === 0) return;
      add(pod.preferredAffinityTerms, existing, node, 1);
      add(pod.preferredAntiAffinityTerms, existing, node, -1);
      add(existing.requiredAffinityTerms, pod, node, 1, HARD_POD_AFFINITY_WEIGHT);
      add(existing.preferredAffinityTerms, pod, node, 1);
      add(existing.preferredAntiAffinityTerms, pod, node, -1);
    };
    if (hasConstraints) {
      for (const node of snapshot.nodes) for (const existing of node.pods.values()) process(existing, node);
    } else {
      for (const [uid, existing] of this.cache.affinityPods) {
        const node = this.cache.nodeInfoOfPod(uid);
        if (node) process(existing, node);
      }
    }
    if (topologyScore.size === 0) return status('Skip');
    state.write(SCORE_KEY, topologyScore);
    return null;
  }

  score(state: CycleState, _: PodInfo, node: NodeInfo): number {
    const topologyScore = state.read<Map<string, Map<string, number>>>(SCORE_KEY)!;
    let score = 0;
    for (const [key, values] of topologyScore) {
      const v = node.labels[key];
      if (v !== undefined) score += values.get(v) ?? 0;
    }
    return score;
  }

  normalize(_: CycleState, __: PodInfo, scores: Float64Array): void {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  }
}

/** satisfyPodAffinity, with the exception for the first pod of a self-affine group. */
function satisfyPodAffinity(s: FilterState, pod: PodInfo, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of pod.requiredAffinityTerms) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false; // every topology label must exist on the node
    if ((s.affinityCounts.get(pairKey(t.topologyKey, v)) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return s.affinityCounts.size === 0 && pod.requiredAffinityTerms.every((t) => termMatches(t, pod));
}
