// FitError.Error() (pkg/scheduler/framework/types.go, 1.32): the FailedScheduling message.
//   "0/3 nodes are available: <PreFilterMsg>. <sorted reason histogram>. <PostFilterMsg>"
// The histogram is "<count> <reason>" strings sorted as strings (sort.Strings), joined by ", ".

import type { Status } from './framework';
import { Interner } from '../util/intern';
import { byteCompare } from './helpers';

export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;

/**
 * Statuses as runs of the same status object (nodes rejected alike in a row), in node order: a
 * failed walk over thousands of nodes keeps a few runs instead of one entry per node.
 */
export class StatusRuns {
  readonly statuses: Status[] = [];
  readonly counts: number[] = [];
  size = 0;

  push(s: Status): void {
    const last = this.statuses.length - 1;
    if (last >= 0 && this.statuses[last] === s) this.counts[last]++;
    else {
      this.statuses.push(s);
      this.counts.push(1);
    }
    this.size++;
  }
}

export interface Diagnosis {
  /** Statuses of nodes that were evaluated and failed. */
  nodeStatuses: Iterable<Status> | StatusRuns;
  /** How many nodes have an explicit status. */
  explicitCount: number;
  /** The status of nodes not in nodeStatuses (PreFilter rejections, nodes a PreFilter left out). */
  absent?: Status;
  preFilterMsg?: string;
  postFilterMsg?: string;
  /** reasonHistogram of these statuses, when the caller has it already. */
  histogram?: Map<string, number>;
}

/** Reason -> number of nodes, as FitError counts them (reasons in order of first appearance). */
export function reasonHistogram(numAllNodes: number, d: Diagnosis): Map<string, number> {
  // Plugins share one reasons array between the nodes they reject alike (fixedStatus): count the
  // arrays first, so a failed attempt on thousands of nodes costs one cheap pass, not a string
  // hash per node and reason. The result, and its order, are the same.
  const byArray = new Map<readonly string[], number>();
  let run: readonly string[] | undefined;
  let runLength = 0;
  const add = (s: Status, n: number) => {
    if (s.reasons === run) {
      runLength += n;
      return;
    }
    if (run) byArray.set(run, (byArray.get(run) ?? 0) + runLength);
    run = s.reasons;
    runLength = n;
  };
  const statuses = d.nodeStatuses;
  if (statuses instanceof StatusRuns) for (let i = 0; i < statuses.statuses.length; i++) add(statuses.statuses[i], statuses.counts[i]);
  else for (const s of statuses) add(s, 1);
  if (run) byArray.set(run, (byArray.get(run) ?? 0) + runLength);
  const reasons = new Map<string, number>();
  for (const [rs, n] of byArray) for (const r of rs) reasons.set(r, (reasons.get(r) ?? 0) + n);
  if (d.absent && d.explicitCount < numAllNodes) {
    for (const r of d.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - d.explicitCount);
  }
  return reasons;
}

/** Pods that fail alike get the same message (kept in each attempt, condition and event). */
const messages = new Interner();

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const parts = [...(d.histogram ?? reasonHistogram(numAllNodes, d))].map(([r, n]) => `${n} ${r}`).sort(byteCompare);
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return messages.intern(msg);
}

/** NoteLengthLimit of events: longer messages are cut with " ..." (truncateMessage). */
export function truncateMessage(message: string, max = 1024): string {
  if (message.length <= max) return message;
  const suffix = ' ...';
  return message.slice(0, max - suffix.length) + suffix;
}
