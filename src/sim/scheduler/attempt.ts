// The record of one scheduling attempt, for the UI's "why is my pod where it is / still Pending"
// explainer: every filter verdict and score of every node for clusters up to DETAIL_NODE_LIMIT
// nodes; beyond that, the failed nodes (up to the limit), the top scored nodes and the winner.
// Every attempt of a pod is kept (an instructor needs all the attempts of the pod they look at);
// memory stays bounded at 10,000s of pods by cluster-wide budgets: attempts kept in all, and
// per-node detail (filter and score records) kept for the most recent attempts only.

import type { Code } from './framework';

export const DETAIL_NODE_LIMIT = 100;
/** Scored nodes kept per attempt in big clusters (the best ones, plus the winner). */
export const TOP_SCORES_KEPT = 10;
/**
 * Per-node records (a filter record counts 1, a node's scores 1 + one per plugin) kept over the
 * most recent attempts, cluster-wide: ~3,700 attempts of a 3-node cluster, ~500 of a 1,000-node one.
 */
export const DETAIL_RECORDS_KEPT = 100_000;
/**
 * Attempts kept per pod: all of them in practice (a pod retried every 5 minutes for 3 days); past
 * that the first attempt stays and the oldest after it go.
 */
export const ATTEMPTS_PER_POD = 1000;
/** Pods remembered (the pod recorded first is forgotten first). */
export const PODS_REMEMBERED = 30_000;
/** Attempts kept in all (whole pods are forgotten, the first recorded first). */
export const ATTEMPTS_KEPT = 100_000;

export interface NodeFilterRecord {
  node: string;
  /** The first filter plugin that rejected the node (filters stop at the first failure); none: it passed. */
  plugin?: string;
  code?: Code;
  reasons?: string[];
}

export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weighted: number;
}

export interface NodeScoreRecord {
  node: string;
  plugins: PluginScore[];
  total: number;
}

export interface SchedulingAttempt {
  /** namespace/name */
  pod: string;
  uid: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Virtual ms. */
  at: number;
  /** Scheduling cycle number. */
  cycle: number;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  numAllNodes: number;
  /** Nodes the filters ran on (the adaptive percentageOfNodesToScore can stop early). */
  evaluatedNodes: number;
  feasibleNodes: number;
  /** How many feasible nodes the search looked for before stopping (numFeasibleNodesToFind). */
  numNodesToFind: number;
  /** Where the walk over the nodes started (nextStartNodeIndex). */
  startIndex: number;
  filterPlugins: string[];
  /** Filter plugins whose PreFilter returned Skip for this pod. */
  skippedFilterPlugins: string[];
  /** A PreFilter rejection: no node was evaluated. */
  preFilter?: { plugin: string; message: string };
  /** The nominated node was tried first and fit. */
  usedNominatedNode?: boolean;
  /** Per node (complete up to DETAIL_NODE_LIMIT nodes; else failed nodes only, capped). */
  filters?: NodeFilterRecord[];
  /** Reason -> number of nodes, as in the FailedScheduling message. */
  reasons: Record<string, number>;
  scorePlugins: { name: string; weight: number }[];
  skippedScorePlugins: string[];
  /** Nodes scored (0 when only one node was feasible: scoring is skipped). */
  scoredNodes: number;
  /** Per node scores (complete up to DETAIL_NODE_LIMIT nodes; else the top ones and the winner). */
  scores?: NodeScoreRecord[];
  /** Per-node detail was dropped to bound memory (an old attempt in a big run). */
  detailDropped?: boolean;
  node?: string;
  /** The FailedScheduling message (or the bind error). */
  message?: string;
  preemption?: { nominatedNode?: string; victims: string[] };
  bindError?: string;
}

/** Each filter plugin's verdict on one node: 'pass', a reason, 'skipped' (PreFilter) or 'not run'. */
export function filterVerdicts(a: SchedulingAttempt, node: string): Record<string, string> | undefined {
  const rec = a.filters?.find((f) => f.node === node);
  if (!rec) return undefined;
  const out: Record<string, string> = {};
  let failed = false;
  for (const p of a.filterPlugins) {
    if (a.skippedFilterPlugins.includes(p)) out[p] = 'skipped';
    else if (failed) out[p] = 'not run';
    else if (rec.plugin === p) {
      out[p] = (rec.reasons ?? []).join(', ');
      failed = true;
    } else out[p] = 'pass';
  }
  return out;
}

/** What keeping an attempt's per-node detail costs against DETAIL_RECORDS_KEPT. */
export function detailRecords(a: SchedulingAttempt): number {
  let n = a.filters?.length ?? 0;
  for (const s of a.scores ?? []) n += 1 + s.plugins.length;
  return n;
}
