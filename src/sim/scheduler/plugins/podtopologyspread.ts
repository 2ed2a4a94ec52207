// PodTopologySpread (plugins/podtopologyspread). Filter (DoNotSchedule constraints): placing the pod
// in a node's domain must keep `matching pods there + self - global minimum <= maxSkew`. Score
// (ScheduleAnyway constraints, or the system defaults — hostname maxSkew 3, zone maxSkew 5 — for
// pods of a Service, ReplicaSet, StatefulSet or ReplicationController): fewer matching pods in the
// node's domains is better, weight 2. Counts come from the cache's incremental counters; the
// numbers equal upstream's walk over every node's pods.

import { fromLabelSelector, matches, type Requirement, type Selector } from '../../api/labels';
import type { Pod, TopologySpreadConstraint } from '../../api/types';
import type { SchedulerCache } from '../cache';
import type { PodCounter } from '../counters';
import { MAX_NODE_SCORE, status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type PreScorePlugin, type ScorePlugin, type Snapshot, type Status } from '../framework';
import { findUntoleratedTaint, RequiredNodeAffinity } from '../helpers';
import { LABEL_HOSTNAME, LABEL_ZONE, type NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

/** The system default constraints (defaultingType: System). */
export const SYSTEM_DEFAULT_CONSTRAINTS: TopologySpreadConstraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector | null;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
  counter: PodCounter;
}

interface FilterState {
  constraints: Constraint[];
  /** Per constraint: topology value -> matching pods, over eligible nodes. */
  tpValueToMatchNum: Map<string, number>[];
  minMatchNum: number[];
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  /** Per constraint: value -> count (non-hostname keys only). */
  counts: Map<string, number>[];
  weights: number[];
}

/** Which selector the system defaults use for a pod (helper.DefaultSelector); null: none. */
export type DefaultSelectorFn = (pod: Pod) => Selector | null;

const SCORE_KEY = `${Name}/score`;
const FAIL_LABEL = Object.freeze({ code: 'UnschedulableAndUnresolvable' as const, reasons: [ErrReasonNodeLabelNotMatch], plugin: Name });
const FAIL_SKEW = Object.freeze({ code: 'Unschedulable' as const, reasons: [ErrReasonConstraintsNotMatch], plugin: Name });

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(
    private readonly cache: SchedulerCache,
    private readonly defaultSelector: DefaultSelectorFn,
    readonly weight = 2,
  ) {}

  /** filterTopologySpreadConstraints: the constraints of one action, with matchLabelKeys merged. */
  private constraintsOf(pod: PodInfo, list: TopologySpreadConstraint[], action: string, selectorOverride?: Selector | null): Constraint[] {
    const out: Constraint[] = [];
    for (const c of list) {
      if (c.whenUnsatisfiable !== action) continue;
      let selector = selectorOverride !== undefined ? selectorOverride : fromLabelSelector(c.labelSelector);
      if (selector !== null && c.matchLabelKeys?.length) {
        const extra: Requirement[] = [];
        for (const k of c.matchLabelKeys) if (k in pod.labels) extra.push({ key: k, operator: 'In', values: [pod.labels[k]] });
        selector = [...selector, ...extra];
      }
      out.push({
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        selector,
        minDomains: c.minDomains ?? 1,
        honorNodeAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
        honorTaints: c.nodeTaintsPolicy === 'Honor',
        // countPodsMatchSelector counts nothing for an empty selector (labels.Everything().Empty()).
        counter: this.cache.counter(new Set([pod.namespace]), selector && selector.length === 0 ? null : selector, false),
      });
    }
    return out;
  }

  /** Whether a node counts for a constraint (MatchNodeInclusionPolicies). */
  private included(c: Constraint, pod: PodInfo, node: NodeInfo, affinity: RequiredNodeAffinity): boolean {
    if (c.honorNodeAffinity && !affinity.empty && !affinity.match(node)) return false;
    if (c.honorTaints && findUntoleratedTaint(node.taints, pod.pod.spec.tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) return false;
    return true;
  }

  /** Whether every node counts for every constraint: then the counters' topology sums are the answer. */
  private allNodesCount(constraints: Constraint[], affinity: RequiredNodeAffinity, requireAllKeys: boolean): boolean {
    const total = this.cache.nodes.length;
    for (const c of constraints) {
      if (c.honorTaints || (c.honorNodeAffinity && !affinity.empty)) return false;
      if (requireAllKeys && this.cache.labelStatsOf(c.topologyKey).nodes !== total) return false;
    }
    return true;
  }

  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): { result?: PreFilterResult; status?: Status } | null {
    const constraints = this.constraintsOf(pod, pod.pod.spec.topologySpreadConstraints ?? [], 'DoNotSchedule');
    if (constraints.length === 0) return { status: status('Skip') };
    const affinity = new RequiredNodeAffinity(pod.pod);
    const maps = constraints.map(() => new Map<string, number>());
    if (this.allNodesCount(constraints, affinity, true)) {
      constraints.forEach((c, i) => {
        for (const v of this.cache.labelStatsOf(c.topologyKey).values.keys()) maps[i].set(v, 0);
        for (const [v, n] of c.counter.topology(c.topologyKey)) maps[i].set(v, n);
      });
    } else {
      for (const node of snapshot.nodes) {
        if (!constraints.every((c) => node.labels[c.topologyKey] !== undefined)) continue;
        constraints.forEach((c, i) => {
          if (!this.included(c, pod, node, affinity)) return;
          const v = node.labels[c.topologyKey];
          maps[i].set(v, (maps[i].get(v) ?? 0) + c.counter.onNode(node));
        });
      }
    }
    const minMatchNum = constraints.map((c, i) => {
      // With fewer domains than minDomains the global minimum counts as 0.
      if (maps[i].size < c.minDomains) return 0;
      let min = 2147483647;
      for (const n of maps[i].values()) if (n < min) min = n;
      return min;
    });
    state.write(Name, { constraints, tpValueToMatchNum: maps, minMatchNum } satisfies FilterState);
    return null;
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const s = state.read<FilterState>(Name);
    if (!s) return null;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = node.labels[c.topologyKey];
      if (v === undefined) return FAIL_LABEL;
      const self = matches(c.selector, pod.labels) ? 1 : 0;
      const matchNum = s.tpValueToMatchNum[i].get(v) ?? 0;
      if (matchNum + self - s.minMatchNum[i] > c.maxSkew) return FAIL_SKEW;
    }
    return null;
  }

  preScore(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], snapshot: Snapshot): Status | null {
    if (feasible.length === 0 || snapshot.nodes.length === 0) return status('Skip');
    const own = pod.pod.spec.topologySpreadConstraints ?? [];
    let constraints: Constraint[];
    if (own.length > 0) {
      constraints = this.constraintsOf(pod, own, 'ScheduleAnyway');
    } else {
      const selector = this.defaultSelector(pod.pod);
      constraints = selector && selector.length ? this.constraintsOf(pod, SYSTEM_DEFAULT_CONSTRAINTS, 'ScheduleAnyway', selector) : [];
    }
    if (constraints.length === 0) return status('Skip');
    const requireAll = own.length > 0;
    const ignored = new Set<string>();
    const counts = constraints.map(() => new Map<string, number>());
    const topoSize = constraints.map(() => 0);
    // Plain loops: these run for every feasible node of every pod scheduled.
    const hasAllKeys = (node: NodeInfo) => {
      for (const c of constraints) if (node.labels[c.topologyKey] === undefined) return false;
      return true;
    };
    for (const node of feasible) {
      if (requireAll && !hasAllKeys(node)) {
        ignored.add(node.name);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        if (c.topologyKey === LABEL_HOSTNAME) continue;
        const v = node.labels[c.topologyKey] ?? '';
        if (!counts[i].has(v)) {
          counts[i].set(v, 0);
          topoSize[i]++;
        }
      }
    }
    const affinity = new RequiredNodeAffinity(pod.pod);
    if (this.allNodesCount(constraints, affinity, requireAll)) {
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const sums = c.counter.topology(c.topologyKey);
        for (const v of counts[i].keys()) counts[i].set(v, sums.get(v) ?? 0);
      });
    } else {
      for (const node of snapshot.nodes) {
        if (requireAll && !hasAllKeys(node)) continue;
        for (let i = 0; i < constraints.length; i++) {
          const c = constraints[i];
          if (c.topologyKey === LABEL_HOSTNAME || !this.included(c, pod, node, affinity)) continue;
          const v = node.labels[c.topologyKey] ?? '';
          const cur = counts[i].get(v);
          if (cur !== undefined) counts[i].set(v, cur + c.counter.onNode(node));
        }
      }
    }
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : topoSize[i]) + 2));
    state.write(SCORE_KEY, { constraints, ignored, counts, weights } satisfies ScoreState);
    return null;
  }

  score(state: CycleState, _: PodInfo, node: NodeInfo): number {
    const s = state.read<ScoreState>(SCORE_KEY)!;
    if (s.ignored.size && s.ignored.has(node.name)) return 0;
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = node.labels[c.topologyKey];
      if (v === undefined) continue;
      const cnt = c.topologyKey === LABEL_HOSTNAME ? c.counter.onNode(node) : s.counts[i].get(v) ?? 0;
      // scoreForCount: cnt * weight + (maxSkew - 1).
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  }

  normalize(state: CycleState, _: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[]): void {
    const s = state.read<ScoreState>(SCORE_KEY)!;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i].name)) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i].name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  }
}

/** helper.DefaultSelector from the objects that select a pod. */
export function defaultSelectorFrom(
  pod: Pod,
  services: { spec?: { selector?: Record<string, string> } }[],
  controller: { kind: 'ReplicationController'; selector?: Record<string, string> } | { kind: 'ReplicaSet' | 'StatefulSet'; selector?: any } | undefined,
): Selector | null {
  const labels = pod.metadata.labels ?? {};
  const set: Record<string, string> = {};
  for (const s of services) {
    const sel = s.spec?.selector;
    if (!sel) continue;
    if (Object.keys(sel).every((k) => labels[k] === sel[k])) Object.assign(set, sel);
  }
  if (controller?.kind === 'ReplicationController' && controller.selector) Object.assign(set, controller.selector);
  let selector: Requirement[] = Object.keys(set)
    .sort()
    .map((k) => ({ key: k, operator: 'In' as const, values: [set[k]] }));
  if (controller && controller.kind !== 'ReplicationController') {
    const other = fromLabelSelector(controller.selector);
    if (other) selector = [...selector, ...other];
  }
  return selector.length ? selector : null;
}
