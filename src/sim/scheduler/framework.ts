// The scheduling framework's vocabulary (pkg/scheduler/framework/interface.go): status codes,
// the per-cycle state plugins share, the extension points a plugin implements, and helpers that
// several plugins use (DefaultNormalizeScore).

import type { NodeInfo } from './nodeinfo';
import type { PodInfo } from './podinfo';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

/**
 * framework.Code. Unschedulable: preemption might help; UnschedulableAndUnresolvable: it cannot
 * (the node is skipped by preemption); Skip: a PreFilter/PreScore plugin has nothing to do.
 */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

export interface Status {
  code: Code;
  reasons: string[];
  /** The plugin that returned it (set by the framework). */
  plugin?: string;
}

export function status(code: Code, ...reasons: string[]): Status {
  return { code, reasons };
}

export function isRejected(s: Status | null | undefined): boolean {
  return !!s && (s.code === 'Unschedulable' || s.code === 'UnschedulableAndUnresolvable');
}

/** Status.Message(): the reasons joined by ", ". */
export function message(s: Status): string {
  return s.reasons.join(', ');
}

/**
 * A fixed failure status a plugin returns without allocating (hot path). The framework never
 * mutates statuses, so sharing one object between nodes is safe.
 */
export function fixedStatus(code: Code, reason: string, plugin: string): Status {
  return Object.freeze({ code, reasons: Object.freeze([reason]) as string[], plugin });
}

/** Data one scheduling cycle's plugins share (framework.CycleState), keyed by plugin name. */
export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Filter plugins whose PreFilter returned Skip. */
  readonly skipFilter = new Set<string>();
  /** Score plugins whose PreScore returned Skip. */
  readonly skipScore = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }
}

/** What plugins may read of the cluster: the snapshot of every node (framework.Handle). */
export interface Snapshot {
  /** All nodes, in the order the scheduler walks them. */
  readonly nodes: readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
}

/** PreFilterResult: a plugin may narrow the nodes to evaluate (NodeAffinity on metadata.name). */
export interface PreFilterResult {
  nodeNames?: Set<string>;
}

export interface Plugin {
  readonly name: string;
}

export interface PreFilterPlugin extends Plugin {
  /** Compute what Filter needs once per pod. Return a Skip status to skip this plugin's Filter. */
  preFilter(state: CycleState, pod: PodInfo, snapshot: Snapshot): { result?: PreFilterResult; status?: Status } | null;
}

export interface FilterPlugin extends Plugin {
  /** null when the pod fits the node. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
}

export interface PreScorePlugin extends Plugin {
  /** Return a Skip status to leave this plugin out of scoring. */
  preScore(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], snapshot: Snapshot): Status | null;
}

export interface ScorePlugin extends Plugin {
  readonly weight: number;
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /** ScoreExtensions.NormalizeScore, in place. */
  normalize?(state: CycleState, pod: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[]): void;
}

export function hasPreFilter<T extends Plugin>(p: T): p is T & PreFilterPlugin {
  return typeof (p as unknown as PreFilterPlugin).preFilter === 'function';
}

export function hasPreScore<T extends Plugin>(p: T): p is T & PreScorePlugin {
  return typeof (p as unknown as PreScorePlugin).preScore === 'function';
}

/**
 * helper.DefaultNormalizeScore: scale to 0..maxPriority by the highest score (integer
 * arithmetic as upstream), optionally reversed (fewer is better).
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array): void {
  let maxCount = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > maxCount) maxCount = scores[i];
  if (maxCount === 0) {
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.trunc((maxPriority * scores[i]) / maxCount);
    if (reverse) s = maxPriority - s;
    scores[i] = s;
  }
}
