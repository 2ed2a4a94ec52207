// The scheduler explainer: turns a recorded SchedulingAttempt into what a learner reads — a
// plain-language summary ("Pending because every node lacks 500m CPU; the largest free is 300m on
// ...", "Scheduled on X: it scored highest ...") that ends with kube-scheduler's own message, and
// one row per node with each Filter plugin's verdict and each Score plugin's raw, normalized and
// weighted score. Pure: the caller hands in the pod's requests and the nodes' free resources.

import { formatBytes, formatMilliCPU } from '../api/quantity';
import { filterVerdicts, type PluginScore, type SchedulingAttempt } from './attempt';

/** What a node has free, as the scheduler's cache counts it (allocatable minus its pods' requests). */
export interface NodeFree {
  node: string;
  milliCPU: number;
  memory: number;
  /** Pods it can still take (allocatable pods minus pods on it). */
  pods: number;
}

export interface ExplainContext {
  /** The pod's requests (resourcehelper.PodRequests: containers summed, init containers' max, overhead). */
  requests?: { milliCPU: number; memory: number };
  /** Free resources per node, now (for "the largest free is ..."). */
  free?: NodeFree[];
}

export type NodeVerdict = 'winner' | 'feasible' | 'rejected';

export interface ExplainedNode {
  node: string;
  verdict: NodeVerdict;
  /** The Filter plugin that rejected it (filters stop at the first failure). */
  plugin?: string;
  /** Its reasons, joined, as in the FailedScheduling message. */
  reason?: string;
  /** Every filter plugin's verdict: 'pass', the reason, 'skipped' (PreFilter) or 'not run'. */
  filters?: Record<string, string>;
  scores?: PluginScore[];
  total?: number;
}

export interface Explanation {
  pod: string;
  attempt: number;
  /** Virtual ms. */
  at: number;
  cycle: number;
  result: SchedulingAttempt['result'];
  summary: string;
  /** kube-scheduler's message: FailedScheduling's, the bind error, or the Scheduled event's. */
  message?: string;
  numAllNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  numNodesToFind: number;
  scoredNodes: number;
  filterPlugins: string[];
  skippedFilterPlugins: string[];
  scorePlugins: { name: string; weight: number }[];
  skippedScorePlugins: string[];
  nodes: ExplainedNode[];
  winner?: string;
  preemption?: SchedulingAttempt['preemption'];
  detailDropped?: boolean;
}

export function explainAttempt(a: SchedulingAttempt, ctx: ExplainContext = {}): Explanation {
  const nodes = explainNodes(a);
  return {
    pod: a.pod,
    attempt: a.attempt,
    at: a.at,
    cycle: a.cycle,
    result: a.result,
    summary: summarize(a, ctx),
    message: a.result === 'Scheduled' ? `Successfully assigned ${a.pod} to ${a.node}` : a.message,
    numAllNodes: a.numAllNodes,
    evaluatedNodes: a.evaluatedNodes,
    feasibleNodes: a.feasibleNodes,
    numNodesToFind: a.numNodesToFind,
    scoredNodes: a.scoredNodes,
    filterPlugins: [...a.filterPlugins],
    skippedFilterPlugins: [...a.skippedFilterPlugins],
    scorePlugins: a.scorePlugins.map((p) => ({ ...p })),
    skippedScorePlugins: [...a.skippedScorePlugins],
    nodes,
    winner: a.result === 'Scheduled' ? a.node : undefined,
    preemption: a.preemption,
    detailDropped: a.detailDropped,
  };
}

/** One row per node the attempt recorded: its filter verdicts, then its scores when it was scored. */
export function explainNodes(a: SchedulingAttempt): ExplainedNode[] {
  const scores = new Map((a.scores ?? []).map((s) => [s.node, s]));
  const out: ExplainedNode[] = [];
  const seen = new Set<string>();
  for (const f of a.filters ?? []) {
    seen.add(f.node);
    const s = scores.get(f.node);
    const row: ExplainedNode = { node: f.node, verdict: f.plugin ? 'rejected' : a.result === 'Scheduled' && a.node === f.node ? 'winner' : 'feasible', filters: filterVerdicts(a, f.node) };
    if (f.plugin) {
      row.plugin = f.plugin;
      row.reason = (f.reasons ?? []).join(', ');
    }
    if (s) {
      row.scores = s.plugins.map((p) => ({ ...p }));
      row.total = s.total;
    }
    out.push(row);
  }
  // Big clusters keep the scores of the best nodes without their (passing) filter records.
  for (const s of a.scores ?? []) {
    if (seen.has(s.node)) continue;
    out.push({ node: s.node, verdict: a.result === 'Scheduled' && a.node === s.node ? 'winner' : 'feasible', scores: s.plugins.map((p) => ({ ...p })), total: s.total });
  }
  return out;
}

/** The plain-language summary, ending with kube-scheduler's own message when it failed. */
export function summarize(a: SchedulingAttempt, ctx: ExplainContext = {}): string {
  switch (a.result) {
    case 'Scheduled':
      return scheduledSummary(a);
    case 'Error':
      if (a.bindError) return `Binding to ${a.node} failed (${a.bindError}); the pod went back to the scheduling queue for another attempt.`;
      return `Pending: the scheduler hit an error${a.message ? `: ${a.message}` : ''}.`;
    default:
      return pendingSummary(a, ctx);
  }
}

function scheduledSummary(a: SchedulingAttempt): string {
  const node = a.node!;
  const considered = consideredText(a);
  if (a.usedNominatedNode) return `Scheduled on ${node}: preemption had nominated it for this pod, and it still fit, so the scheduler tried it alone first.`;
  if (a.feasibleNodes <= 1 || !a.scores?.length) {
    const rejected = a.evaluatedNodes - a.feasibleNodes;
    const why = rejected > 0 ? ` (${countNodes(rejected)} rejected: ${reasonList(a)})` : '';
    return `Scheduled on ${node}: it was the only node that passed the filters${why}, so there was nothing to score.${considered}`;
  }
  const ranked = [...a.scores].sort((x, y) => y.total - x.total);
  const win = ranked.find((s) => s.node === node) ?? ranked[0];
  const weight = (plugin: string) => a.scorePlugins.find((p) => p.name === plugin)?.weight ?? 1;
  const parts = win.plugins.map((p) => `${p.plugin} ${fmt(p.weighted)}${weight(p.plugin) !== 1 ? ` (${fmt(p.normalized)}×${weight(p.plugin)})` : ''}`);
  let text = `Scheduled on ${node}: it scored highest, ${fmt(win.total)} (${parts.join(', ')})`;
  const runnerUp = ranked.find((s) => s.node !== node);
  if (runnerUp) {
    if (runnerUp.total === win.total) text += `; tied with ${runnerUp.node} at ${fmt(runnerUp.total)}, and the scheduler picks at random among the best`;
    else {
      const diff = decisivePlugin(win.plugins, runnerUp.plugins);
      text += `; next was ${runnerUp.node} with ${fmt(runnerUp.total)}${diff ? `, behind mostly on ${diff}` : ''}`;
    }
  }
  const rejected = a.evaluatedNodes - a.feasibleNodes;
  if (rejected > 0) text += `. ${countNodes(rejected)} did not pass the filters (${reasonList(a)})`;
  return `${text}.${considered}`;
}

function pendingSummary(a: SchedulingAttempt, ctx: ExplainContext): string {
  const quoted = a.message ? ` kube-scheduler: "${a.message}"` : '';
  if (a.numAllNodes === 0) return `Pending because the cluster has no nodes yet.${quoted}`;
  if (a.preFilter) return `Pending because ${a.preFilter.plugin} rejected the pod before any node was tried: ${a.preFilter.message}.${quoted}`;
  const reasons = Object.entries(a.reasons);
  let text: string;
  if (reasons.length === 1 && reasons[0][1] === a.numAllNodes) {
    text = `Pending because every node ${reasonPhrase(a, reasons[0][0], ctx, a.numAllNodes, true)}`;
  } else {
    text = `Pending because no node passed the filters: ${reasons.map(([r, n]) => `${countNodes(n)} ${reasonPhrase(a, r, ctx, n, false)}`).join('; ')}`;
  }
  text += '.';
  const pre = a.preemption;
  if (pre?.nominatedNode) {
    text += ` Preemption makes room on ${pre.nominatedNode} by evicting ${pre.victims.length === 1 ? 'a lower-priority pod' : `${pre.victims.length} lower-priority pods`} (${pre.victims.join(', ')}); the pod is nominated there and tried again.`;
  }
  return text + quoted;
}

/** A filter reason in words, with what is free where a resource is short. */
function reasonPhrase(a: SchedulingAttempt, reason: string, ctx: ExplainContext, count: number, every: boolean): string {
  const lack = every ? 'lacks' : count === 1 ? 'lacks' : 'lack';
  const req = ctx.requests;
  // Where the attempt recorded which nodes gave this reason, the largest free is among those.
  const these = new Set((a.filters ?? []).filter((f) => f.reasons?.includes(reason)).map((f) => f.node));
  const free = (ctx.free ?? []).filter((f) => these.size === 0 || these.has(f.node));
  const largest = (pick: (f: NodeFree) => number) => free.reduce<NodeFree | undefined>((best, f) => (!best || pick(f) > pick(best) ? f : best), undefined);
  if (reason === 'Insufficient cpu' && req) {
    const best = largest((f) => f.milliCPU);
    return `${lack} ${formatMilliCPU(req.milliCPU)} CPU${best ? `${every ? ';' : ','} the largest free is ${formatMilliCPU(Math.max(0, best.milliCPU))} on ${best.node}` : ''}`;
  }
  if (reason === 'Insufficient memory' && req) {
    const best = largest((f) => f.memory);
    return `${lack} ${formatBytes(req.memory)} memory${best ? `${every ? ';' : ','} the largest free is ${formatBytes(Math.max(0, best.memory))} on ${best.node}` : ''}`;
  }
  if (reason === 'Too many pods') return `${every || count === 1 ? 'is' : 'are'} full (no room for another pod)`;
  // Kubernetes' reason as it is ("node(s) had untolerated taint {...}"), without its "node(s)".
  const words = reason.replace(/^node\(s\) /, '');
  return words === reason ? `failed: ${reason}` : words;
}

function reasonList(a: SchedulingAttempt): string {
  const counts = new Map<string, number>();
  for (const f of a.filters ?? []) {
    if (!f.plugin) continue;
    for (const r of f.reasons ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  return [...counts].map(([r, n]) => `${n} ${r}`).join(', ') || 'details not kept';
}

function consideredText(a: SchedulingAttempt): string {
  if (a.evaluatedNodes >= a.numAllNodes || a.usedNominatedNode) return '';
  return ` The scheduler looked at ${a.evaluatedNodes} of ${a.numAllNodes} nodes: it stops once it has found ${a.numNodesToFind} feasible nodes (percentageOfNodesToScore).`;
}

/** The score plugin with the largest weighted lead of the winner over the runner-up. */
function decisivePlugin(win: PluginScore[], other: PluginScore[]): string | undefined {
  let best: string | undefined;
  let lead = 0;
  for (const p of win) {
    const o = other.find((x) => x.plugin === p.plugin);
    const d = p.weighted - (o?.weighted ?? 0);
    if (d > lead) {
      lead = d;
      best = p.plugin;
    }
  }
  return best;
}

const countNodes = (n: number) => `${n} node${n === 1 ? '' : 's'}`;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
