// One pod's scheduling cycle, phase by phase (schedule_one.go): filter (PreFilter, the nominated
// node first, then the walk over nodes from nextStartNodeIndex until enough feasible nodes are
// found), postFilter (preemption) when none fits, and score (PreScore, Score, NormalizeScore,
// weighted sum, selectHost with reservoir sampling among the best). Each phase fills the attempt
// record the UI explains.

import type { Random } from '../random';
import { DETAIL_NODE_LIMIT, TOP_SCORES_KEPT, type NodeFilterRecord, type NodeScoreRecord, type SchedulingAttempt } from './attempt';
import type { SchedulerCache } from './cache';
import { fitErrorMessage, reasonHistogram, StatusRuns } from './fiterror';
import { CycleState, status, type Status } from './framework';
import type { NodeInfo } from './nodeinfo';
import { PodInfo } from './podinfo';
import type { Profile } from './profile';
import type { QueuedPodInfo } from './queue';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** numFeasibleNodesToFind: all nodes under 100; else the (adaptive) percentage, at least 100. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

// Attempts are kept for thousands of pods, and most pods skip the same plugins and fail for the
// same reasons: their lists and histograms are frozen objects shared between the attempts.
const NO_NAMES = Object.freeze([]) as unknown as string[];
const NO_REASONS: Record<string, number> = Object.freeze({});
const NO_SCORE_PLUGINS = Object.freeze([]) as unknown as { name: string; weight: number }[];
const nameLists = new Map<string, string[]>();
const reasonMaps = new Map<string, Record<string, number>>();
const SHARED_MAX = 4096;

/** The names in iteration order, as a shared frozen array. */
function sharedNames(names: Set<string>): string[] {
  if (names.size === 0) return NO_NAMES;
  const list = [...names];
  const key = list.join('\u0000');
  let shared = nameLists.get(key);
  if (!shared) {
    if (nameLists.size >= SHARED_MAX) nameLists.clear();
    nameLists.set(key, (shared = Object.freeze(list) as string[]));
  }
  return shared;
}

/** The reason histogram as a record (in the histogram's order), shared between equal ones. */
function sharedReasons(histogram: Map<string, number>): Record<string, number> {
  let key = '';
  for (const [r, n] of histogram) key += `${r}\u0000${n}\u0000`;
  let shared = reasonMaps.get(key);
  if (!shared) {
    if (reasonMaps.size >= SHARED_MAX) reasonMaps.clear();
    reasonMaps.set(key, (shared = Object.freeze(Object.fromEntries(histogram))));
  }
  return shared;
}

/** Numbers the filter walks, so a node's status from an earlier walk is never read as current. */
let lastStatusCycle = 0;

/**
 * framework.NodeToStatusMap: the failed nodes' statuses of one cycle. A pod that fits nowhere
 * fails on every node, and a booting cluster fails thousands of pods: rather than a new map per
 * cycle, each NodeInfo keeps the status of the last walk that rejected it (stamped with that
 * walk's number), and the cycle lists its statuses in the order the nodes were evaluated.
 */
export class NodeStatuses {
  private readonly list = new StatusRuns();
  private readonly cycle = ++lastStatusCycle;

  constructor(private readonly nodes: { get(name: string): NodeInfo | undefined }) {}

  set(node: NodeInfo, s: Status): void {
    if (node.filterStatusCycle === this.cycle) throw new Error(`node ${node.name}: status set twice in one cycle`);
    node.filterStatusCycle = this.cycle;
    node.filterStatus = s;
    this.list.push(s);
  }

  /** The status of a node of the cache (undefined: it passed, or was not evaluated). */
  forNode(node: NodeInfo): Status | undefined {
    return node.filterStatusCycle === this.cycle ? node.filterStatus : undefined;
  }

  get(name: string): Status | undefined {
    const node = this.nodes.get(name);
    return node ? this.forNode(node) : undefined;
  }

  get size(): number {
    return this.list.size;
  }

  /** The statuses in the order the nodes were evaluated, as runs. */
  values(): StatusRuns {
    return this.list;
  }
}

/** The state of one scheduling cycle, shared by the phases. */
export class Cycle {
  readonly state = new CycleState();
  readonly pod: PodInfo;
  feasible: NodeInfo[] = [];
  /** Nodes that failed, with why (the Algorithm gives each cycle its own view when it filters). */
  statuses = new NodeStatuses(new Map());
  /** Status of nodes without an explicit one (PreFilter rejection, nodes a PreFilter left out). */
  absent?: Status;
  preFilterMsg?: string;
  postFilterMsg?: string;
  /** The failed filter's reason histogram (computed once, for the record and the message). */
  histogram?: Map<string, number>;
  /** Plugins that rejected the pod (for requeueing on the right events). */
  readonly unschedulablePlugins = new Set<string>();
  node?: string;
  message?: string;
  nominatedNode?: string;
  victims: PodInfo[] = [];
  readonly attempt: SchedulingAttempt;

  constructor(readonly qpi: QueuedPodInfo, readonly schedulingCycle: number, at: number) {
    this.pod = new PodInfo(qpi.pod);
    this.attempt = {
      pod: qpi.key,
      uid: this.pod.uid,
      attempt: qpi.attempts,
      at,
      cycle: schedulingCycle,
      result: 'Unschedulable',
      numAllNodes: 0,
      evaluatedNodes: 0,
      feasibleNodes: 0,
      numNodesToFind: 0,
      startIndex: 0,
      filterPlugins: NO_NAMES,
      skippedFilterPlugins: NO_NAMES,
      reasons: NO_REASONS,
      scorePlugins: NO_SCORE_PLUGINS,
      skippedScorePlugins: NO_NAMES,
      scoredNodes: 0,
    };
  }
}

export class Algorithm {
  /** Where the next walk over the nodes starts (rotates so every node gets its turn). */
  nextStartNodeIndex = 0;
  private readonly buffers: Float64Array[] = [];
  private readonly filterPluginNames: string[];
  private readonly scorePluginInfo: { name: string; weight: number }[];

  constructor(
    private readonly profile: Profile,
    private readonly cache: SchedulerCache,
    private readonly random: Random,
    private readonly percentageOfNodesToScore?: number,
  ) {
    this.filterPluginNames = Object.freeze(profile.filterPlugins.map((p) => p.name)) as string[];
    this.scorePluginInfo = Object.freeze(profile.scorePlugins.map((p) => Object.freeze({ name: p.name, weight: p.weight }))) as { name: string; weight: number }[];
  }

  // ------------------------------------------------------------------ filter

  /** findNodesThatFitPod. Leaves cycle.feasible empty when nothing fits (or no node exists). */
  filter(c: Cycle): void {
    c.statuses = new NodeStatuses(this.cache);
    const a = c.attempt;
    const allNodes = this.cache.nodes;
    a.numAllNodes = allNodes.length;
    // Shared, frozen lists: thousands of attempts point at the same two arrays.
    a.filterPlugins = this.filterPluginNames;
    a.scorePlugins = this.scorePluginInfo;
    if (allNodes.length === 0) {
      c.message = 'no nodes available to schedule pods';
      return;
    }
    const pre = this.profile.runPreFilter(c.state, c.pod);
    a.skippedFilterPlugins = sharedNames(c.state.skipFilter);
    if (pre.status) {
      const s = pre.status;
      if (s.code === 'Error') {
        c.message = s.reasons.join(', ');
        a.result = 'Error';
        return;
      }
      // Every node gets the PreFilter's status; its message is the whole story.
      c.absent = s;
      c.preFilterMsg = s.reasons.join(', ');
      c.unschedulablePlugins.add(s.plugin!);
      a.preFilter = { plugin: s.plugin!, message: c.preFilterMsg };
      this.finishFilterRecord(c, []);
      return;
    }

    // A nominated node (from an earlier preemption) is tried alone first.
    const nominated = c.pod.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = this.cache.get(nominated);
      if (ni && (!pre.nodeNames || pre.nodeNames.has(nominated)) && !this.profile.runFiltersWithNominatedPods(c.state, c.pod, ni)) {
        c.feasible = [ni];
        a.usedNominatedNode = true;
        a.evaluatedNodes = 1;
        a.feasibleNodes = 1;
        this.finishFilterRecord(c, [{ node: nominated }]);
        return;
      }
    }

    let nodes = allNodes;
    if (pre.nodeNames) {
      const narrowed: NodeInfo[] = [];
      for (const name of pre.nodeNames) {
        const ni = this.cache.get(name);
        if (ni) narrowed.push(ni);
      }
      nodes = narrowed;
      c.absent = status('UnschedulableAndUnresolvable', `node(s) didn't satisfy plugin(s) [${[...pre.narrowedBy].sort().join(' ')}]`);
    }
    this.findNodesThatPassFilters(c, nodes, allNodes.length);
  }

  private findNodesThatPassFilters(c: Cycle, nodes: readonly NodeInfo[], numAllNodes: number): void {
    const a = c.attempt;
    const numToFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, nodes.length);
    const detail = numAllNodes <= DETAIL_NODE_LIMIT;
    const records: NodeFilterRecord[] = [];
    const feasible: NodeInfo[] = [];
    const n = nodes.length;
    const start = n ? this.nextStartNodeIndex % n : 0;
    let processed = 0;
    // The walk runs for every node of a cluster where nothing fits: the plugin list is looked up
    // once, and nominated pods are only considered when there are any.
    const profile = this.profile;
    const plugins = profile.activeFilters(c.state);
    const withNominated = profile.hasNominatedPods();
    let lastPlugin: string | undefined;
    for (let i = 0; i < n; i++) {
      const node = nodes[(start + i) % n];
      processed++;
      const s = withNominated ? profile.runFiltersWithNominatedPods(c.state, c.pod, node) : profile.runFilterList(plugins, c.state, c.pod, node);
      if (!s) {
        feasible.push(node);
        if (detail) records.push({ node: node.name });
        if (feasible.length >= numToFind) break;
        continue;
      }
      c.statuses.set(node, s);
      if (s.plugin && s.plugin !== lastPlugin) {
        lastPlugin = s.plugin;
        c.unschedulablePlugins.add(s.plugin);
      }
      if (detail || records.length < DETAIL_NODE_LIMIT) records.push(failedRecord(node, s));
    }
    this.nextStartNodeIndex = n ? (start + processed) % n : 0;
    c.feasible = feasible;
    a.numNodesToFind = numToFind;
    a.startIndex = start;
    a.evaluatedNodes = processed;
    a.feasibleNodes = feasible.length;
    this.finishFilterRecord(c, records);
  }

  private finishFilterRecord(c: Cycle, records: NodeFilterRecord[]): void {
    c.attempt.filters = records;
    if (c.feasible.length) return;
    c.histogram = reasonHistogram(c.attempt.numAllNodes, this.diagnosis(c));
    c.attempt.reasons = sharedReasons(c.histogram);
  }

  private diagnosis(c: Cycle) {
    return { nodeStatuses: c.statuses.values(), explicitCount: c.statuses.size, absent: c.absent, preFilterMsg: c.preFilterMsg, postFilterMsg: c.postFilterMsg, histogram: c.histogram };
  }

  // ------------------------------------------------------------------ postFilter

  /** RunPostFilterPlugins (DefaultPreemption), then the FitError message. */
  postFilter(c: Cycle): void {
    if (c.message) return; // no nodes at all, or an error: nothing to preempt for
    const res = this.profile.preemption.postFilter(c.state, c.pod, c.statuses, c.absent);
    const msg = res.status.reasons.join(', ');
    if (msg) c.postFilterMsg = msg;
    c.nominatedNode = res.nominatedNode;
    c.victims = res.victims;
    if (res.nominatedNode) c.attempt.preemption = { nominatedNode: res.nominatedNode, victims: res.victims.map((v) => v.key) };
    c.message = fitErrorMessage(c.attempt.numAllNodes, this.diagnosis(c));
  }

  // ------------------------------------------------------------------ score

  /** prioritizeNodes + selectHost. With one feasible node there is nothing to compare. */
  score(c: Cycle): void {
    const a = c.attempt;
    const nodes = c.feasible;
    if (nodes.length === 1) {
      c.node = nodes[0].name;
      a.node = c.node;
      return;
    }
    const plugins = this.profile.scorePlugins;
    const skip = c.state.skipScore;
    for (const p of this.profile.preScorePlugins) {
      const s = p.preScore(c.state, c.pod, nodes, this.cache);
      if (s?.code === 'Skip') skip.add(p.name);
    }
    a.skippedScorePlugins = sharedNames(skip);
    const n = nodes.length;
    const totals = this.buffer(0, n);
    totals.fill(0);
    const detail = a.numAllNodes <= DETAIL_NODE_LIMIT;
    const active = plugins.filter((p) => !skip.has(p.name));
    const raws: Float64Array[] = [];
    const normalized: Float64Array[] = [];
    for (let j = 0; j < active.length; j++) {
      const p = active[j];
      const raw = this.buffer(1 + 2 * j, n);
      for (let i = 0; i < n; i++) raw[i] = p.score(c.state, c.pod, nodes[i]);
      const scores = this.buffer(2 + 2 * j, n);
      scores.set(raw);
      p.normalize?.(c.state, c.pod, scores, nodes);
      const w = p.weight;
      for (let i = 0; i < n; i++) totals[i] += scores[i] * w;
      raws.push(raw);
      normalized.push(scores);
    }
    a.scoredNodes = n;

    // selectHost: the highest total; ties broken by reservoir sampling with the seeded random.
    let best = 0;
    let count = 1;
    for (let i = 1; i < n; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        count = 1;
      } else if (totals[i] === totals[best]) {
        count++;
        if (this.random.int(count) === 0) best = i;
      }
    }
    c.node = nodes[best].name;
    a.node = c.node;

    // The record: every node in small clusters, else the top ones and the winner.
    const indexes = detail ? nodes.map((_, i) => i) : topIndexes(totals, TOP_SCORES_KEPT);
    if (!indexes.includes(best)) indexes.push(best);
    a.scores = indexes.map((i): NodeScoreRecord => ({
      node: nodes[i].name,
      plugins: active.map((p, j) => ({ plugin: p.name, raw: raws[j][i], normalized: normalized[j][i], weighted: normalized[j][i] * p.weight })),
      total: totals[i],
    }));
  }

  /** Score buffers reused from cycle to cycle (a view of the first n entries). */
  private buffer(slot: number, n: number): Float64Array {
    let b = this.buffers[slot];
    if (!b || b.length < n) this.buffers[slot] = b = new Float64Array(Math.max(n, 64));
    return b.subarray(0, n);
  }
}

/**
 * A failed node's filter record. Attempts keep these for up to DETAIL_NODE_LIMIT nodes, and a pod
 * that fits nowhere is rejected by each node alike attempt after attempt: the node keeps its last
 * record (frozen, shared by the attempts) and reuses it while the status is the same object.
 */
function failedRecord(node: NodeInfo, s: Status): NodeFilterRecord {
  const last = node.failedRecord;
  if (last && last.status === s) return last.record;
  const record: NodeFilterRecord = Object.freeze({ node: node.name, plugin: s.plugin, code: s.code, reasons: s.reasons });
  node.failedRecord = { status: s, record };
  return record;
}

/** The indexes of the k highest values, best first (ties: lower index first). */
function topIndexes(values: Float64Array, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (out.length === k && values[i] <= values[out[k - 1]]) continue;
    let j = out.length === k ? k - 1 : out.length;
    out[j] = i;
    while (j > 0 && values[out[j - 1]] < values[i]) {
      out[j] = out[j - 1];
      out[j - 1] = i;
      j--;
    }
  }
  return out;
}
