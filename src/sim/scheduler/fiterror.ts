// FitError.Error() (pkg/scheduler/framework/types.go, 1.32): the FailedScheduling message.
//   "0/3 nodes are available: <PreFilterMsg>. <sorted reason histogram>. <PostFilterMsg>"
// The histogram is "<count> <reason>" strings sorted as strings (sort.Strings), joined by ", ".

import type { Status } from './framework';
import { byteCompare } from './helpers';

export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;

export interface Diagnosis {
  /** Statuses of nodes that were evaluated and failed. */
  nodeStatuses: Iterable<Status>;
  /** How many nodes have an explicit status. */
  explicitCount: number;
  /** The status of nodes not in nodeStatuses (PreFilter rejections, nodes a PreFilter left out). */
  absent?: Status;
  preFilterMsg?: string;
  postFilterMsg?: string;
}

/** Reason -> number of nodes, as FitError counts them. */
export function reasonHistogram(numAllNodes: number, d: Diagnosis): Map<string, number> {
  const reasons = new Map<string, number>();
  for (const s of d.nodeStatuses) for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  if (d.absent && d.explicitCount < numAllNodes) {
    for (const r of d.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + numAllNodes - d.explicitCount);
  }
  return reasons;
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const parts = [...reasonHistogram(numAllNodes, d)].map(([r, n]) => `${n} ${r}`).sort(byteCompare);
    if (parts.length) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** NoteLengthLimit of events: longer messages are cut with " ..." (truncateMessage). */
export function truncateMessage(message: string, max = 1024): string {
  if (message.length <= max) return message;
  const suffix = ' ...';
  return message.slice(0, max - suffix.length) + suffix;
}
