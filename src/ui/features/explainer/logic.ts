// The explainer panel's pure logic: which attempt is shown, what the diagram marks on each node,
// the filter and score tables, and the scheduling cycle's statechart as a small diagram.

import type { ExplainedNode, Explanation } from '../../../sim/scheduler/explain';
import type { SchedulerCycle } from '../../../worker/protocol';

/** What the diagram shows on a node while the explainer is open. */
export type NodeMark =
  | { state: 'winner'; label: string }
  | { state: 'feasible'; label: string }
  | { state: 'rejected'; label: string; plugin?: string }
  /** The walk stopped before it (percentageOfNodesToScore), or the node is newer than the attempt. */
  | { state: 'not-evaluated'; label: string };

/** The attempt shown: the one picked by number, else the latest. */
export function pickAttempt(list: readonly Explanation[], attempt: number | undefined): Explanation | undefined {
  if (list.length === 0) return undefined;
  return (attempt !== undefined ? list.find((e) => e.attempt === attempt) : undefined) ?? list[list.length - 1];
}

/** One mark per node of the cluster (all of them, so nodes the attempt never looked at say so). */
export function diagramMarks(e: Explanation | undefined, allNodes: readonly string[]): Record<string, NodeMark> {
  const out: Record<string, NodeMark> = {};
  if (!e) return out;
  const byNode = new Map(e.nodes.map((n) => [n.node, n]));
  for (const name of allNodes) {
    const n = byNode.get(name);
    if (n) out[name] = markOf(n, e);
    else if (e.detailDropped) out[name] = { state: 'not-evaluated', label: 'per-node detail of this old attempt was not kept' };
    else if (e.result === 'Scheduled' && e.winner === name) out[name] = { state: 'winner', label: `chosen: ${e.winner}` };
    else if (!e.nodes.length && e.result !== 'Scheduled' && e.numAllNodes > 0) out[name] = { state: 'rejected', label: e.message ?? 'rejected' };
    else out[name] = { state: 'not-evaluated', label: notEvaluatedLabel(e) };
  }
  return out;
}

function markOf(n: ExplainedNode, e: Explanation): NodeMark {
  switch (n.verdict) {
    case 'winner':
      return { state: 'winner', label: n.total !== undefined ? `chosen: highest score ${fmt(n.total)}` : 'chosen: the only feasible node' };
    case 'rejected':
      return { state: 'rejected', label: `${n.plugin}: ${n.reason}`, plugin: n.plugin };
    default:
      return { state: 'feasible', label: n.total !== undefined ? `feasible, score ${fmt(n.total)}${e.winner ? ` (${e.winner} scored higher)` : ''}` : 'feasible' };
  }
}

function notEvaluatedLabel(e: Explanation): string {
  if (e.evaluatedNodes < e.numAllNodes) return `not evaluated: the search stopped after ${e.evaluatedNodes} of ${e.numAllNodes} nodes (percentageOfNodesToScore)`;
  return 'not in this attempt (the node joined later, or its record was not kept)';
}

/** "3 of 3 nodes evaluated, 1 feasible; looks for 3 (all nodes under 100)". */
export function consideredText(e: Explanation): string {
  const all = e.numAllNodes;
  const rule = all < 100 ? 'every node is considered in clusters under 100 nodes' : `it stops after finding ${e.numNodesToFind} feasible nodes (percentageOfNodesToScore: ${Math.round((100 * e.numNodesToFind) / all)}%)`;
  return `${e.evaluatedNodes} of ${all} node${all === 1 ? '' : 's'} evaluated, ${e.feasibleNodes} feasible, ${e.scoredNodes} scored; ${rule}`;
}

export interface FilterCell {
  plugin: string;
  /** pass, fail, skipped (PreFilter), not run (an earlier plugin failed). */
  verdict: 'pass' | 'fail' | 'skipped' | 'not run';
  text: string;
}

/** Rows of the nodes x filter plugins table. */
export function filterRows(e: Explanation): { node: string; verdict: ExplainedNode['verdict']; cells: FilterCell[] }[] {
  return e.nodes
    .filter((n) => n.filters)
    .map((n) => ({
      node: n.node,
      verdict: n.verdict,
      cells: e.filterPlugins.map((p): FilterCell => {
        const v = n.filters![p] ?? 'not run';
        if (v === 'pass' || v === 'skipped' || v === 'not run') return { plugin: p, verdict: v, text: v };
        return { plugin: p, verdict: 'fail', text: v };
      }),
    }));
}

/** Rows of the score table, best first, with each active plugin's raw and weighted score. */
export function scoreRows(e: Explanation): { node: string; winner: boolean; total: number; cells: { plugin: string; raw: number; normalized: number; weighted: number }[] }[] {
  return e.nodes
    .filter((n) => n.scores)
    .map((n) => ({ node: n.node, winner: n.verdict === 'winner', total: n.total ?? 0, cells: n.scores! }))
    .sort((a, b) => b.total - a.total || (a.winner ? -1 : b.winner ? 1 : 0));
}

/** The scheduling cycle's phases as the statechart draws them (machine.ts). */
export const PHASES = ['idle', 'pop', 'filter', 'postFilter', 'score', 'reserve', 'bind'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_HELP: Record<Phase, string> = {
  idle: 'waiting for a pod in the active queue',
  pop: 'took the highest-priority pod from the active queue',
  filter: 'ran the Filter plugins on the nodes',
  postFilter: 'no node fits: tried preemption, recorded FailedScheduling, requeued the pod',
  score: 'ran the Score plugins on the feasible nodes and picked the best',
  reserve: 'assumed the pod on the node in the scheduler cache',
  bind: 'wrote the Binding through the API server',
};

/** What the diagram shows on a node while step mode runs a cycle (data-cycle). */
export interface CycleNodeMark {
  state: 'rejected' | 'feasible' | 'candidate' | 'chosen';
  label: string;
}

/** The cycle in progress as the diagram shows it: its pod (data-cycle="current") and the nodes' marks. */
export interface CycleView {
  phase: string;
  pod: string;
  nodes: Record<string, CycleNodeMark>;
}

/**
 * Step mode's cycle on the diagram: filter/postFilter mark the rejected nodes (with the first
 * failing plugin's reason) and the feasible ones, score marks the node selectHost picked as the
 * candidate, reserve/bind mark it chosen. Undefined when not stepping or between cycles.
 */
export function cycleMarks(c: SchedulerCycle | undefined, allNodes: readonly string[]): CycleView | undefined {
  if (!c?.stepping || !c.pod) return undefined;
  const nodes: Record<string, CycleNodeMark> = {};
  const v = c.verdicts;
  if (v) {
    if (v.preFilter) for (const n of allNodes) nodes[n] = { state: 'rejected', label: `${v.preFilter.plugin}: ${v.preFilter.message}` };
    for (const r of v.rejected) nodes[r.node] = { state: 'rejected', label: `${r.plugin}: ${(r.reasons ?? []).join(', ')}` };
    const picked = c.phase === 'score' || c.phase === 'reserve' || c.phase === 'bind' ? c.node : undefined;
    for (const n of v.feasible) nodes[n] = { state: 'feasible', label: picked ? `feasible, not picked (${picked} scored highest)` : 'feasible: passed every filter' };
    if (picked) nodes[picked] = c.phase === 'score' ? { state: 'candidate', label: v.feasible.length === 1 ? 'candidate: the only feasible node (no scoring)' : 'candidate: highest score' } : { state: 'chosen', label: c.phase === 'reserve' ? 'chosen: pod assumed here (reserve)' : 'chosen: pod bound here (bind)' };
  }
  return { phase: c.phase, pod: c.pod, nodes };
}

/** The phase a STEP leads to from `phase`, given what the cycle knows (for the "Next:" hint). */
export function nextPhase(phase: string, cycle: { pod?: string; feasible: number; activeQ: number }): Phase | undefined {
  switch (phase) {
    case 'idle':
      return 'pop';
    case 'pop':
      return cycle.pod ? 'filter' : 'idle';
    case 'filter':
      return cycle.feasible === 0 ? 'postFilter' : 'score';
    case 'score':
      return 'reserve';
    case 'reserve':
      return 'bind';
    case 'postFilter':
    case 'bind':
      return 'idle';
    default:
      return undefined;
  }
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A controller's reconcile phases as step mode shows them (controllers.ts, replicaset.ts). */
export function controllerPhases(name: string): string[] {
  if (name === 'replicaset-controller' || name === 'replication-controller') return ['dequeue', 'read', 'diff', 'manage', 'status', 'done'];
  return ['dequeue', 'reconcile', 'done'];
}

export const CONTROLLER_PHASE_HELP: Record<string, string> = {
  dequeue: 'took the next namespace/name key from its work queue',
  read: 'read the object and its pods from the informer caches (never straight from etcd)',
  diff: 'compared the pods it has with spec.replicas',
  manage: 'created or deleted pods through the API server',
  status: 'wrote the status it observed',
  reconcile: 'reconciled the key (this controller runs it as one step)',
  done: 'finished the key (requeued on error or when asked)',
  error: 'the reconcile failed: the key is requeued with exponential backoff',
};
