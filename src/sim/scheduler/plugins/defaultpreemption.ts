// DefaultPreemption (plugins/defaultpreemption + framework/preemption), the PostFilter plugin: when
// no node fits, find a node where evicting lower-priority pods would make room, choose the victims
// (as few and as unimportant as possible), and nominate the node. The scheduler then deletes the
// victims and records status.nominatedNodeName; the pod is retried once they are gone.
// Not modelled: PodDisruptionBudgets (every candidate counts as non-violating) and the PreFilter
// state updates (AddPod/RemovePod extensions) of topology spread and inter-pod affinity during the
// dry run: those two plugins judge a what-if node with the counts of the real cluster.

import type { Pod } from '../../api/types';
import type { Random } from '../../random';
import { fitErrorMessage } from '../fiterror';
import { status, type CycleState, type Plugin, type Snapshot, type Status } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'DefaultPreemption';
export const MinCandidateNodesPercentage = 10;
export const MinCandidateNodesAbsolute = 100;

export interface PreemptionResult {
  /** The node nominated for the pod; '' clears an earlier nomination; undefined leaves it. */
  nominatedNode?: string;
  victims: PodInfo[];
  status: Status;
}

export interface PreemptionHandle {
  snapshot: Snapshot;
  random: Random;
  /** RunFilterPluginsWithNominatedPods on a (what-if) node. */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
}

/** The failed nodes' statuses (the algorithm's NodeStatuses). */
export interface NodeStatusLookup {
  get(node: string): Status | undefined;
  forNode(node: NodeInfo): Status | undefined;
}

interface Candidate {
  node: string;
  victims: PodInfo[];
}

export class DefaultPreemption implements Plugin {
  readonly name = Name;

  constructor(private readonly h: PreemptionHandle) {}

  /**
   * PostFilter. `statuses` holds the failed nodes' statuses, `absent` the status of nodes without
   * one (a PreFilter rejection).
   */
  postFilter(state: CycleState, pod: PodInfo, statuses: NodeStatusLookup, absent?: Status): PreemptionResult {
    const eligible = this.podEligibleToPreemptOthers(pod, statuses, absent);
    if (eligible !== true) return { victims: [], status: withPrefix(status('Unschedulable', eligible)) };

    const allNodes = this.h.snapshot.nodes;
    if (allNodes.length === 0) return { victims: [], status: status('Error', 'no nodes available') };
    // Only nodes that failed with Unschedulable (not ...AndUnresolvable) may be helped by evicting pods.
    const potential = allNodes.filter((n) => (statuses.forNode(n) ?? absent)?.code === 'Unschedulable');
    const notHelpful = status('UnschedulableAndUnresolvable', 'Preemption is not helpful for scheduling');
    if (potential.length === 0) {
      const msg = fitErrorMessage(allNodes.length, { nodeStatuses: [], explicitCount: 0, absent: notHelpful });
      return { nominatedNode: '', victims: [], status: withPrefix(status('Unschedulable', msg)) };
    }

    const { offset, numCandidates } = this.offsetAndNumCandidates(potential.length);
    const candidates: Candidate[] = [];
    const dryRunStatuses = new Map<string, Status>();
    for (let i = 0; i < potential.length && candidates.length < numCandidates; i++) {
      const node = potential[(offset + i) % potential.length];
      // Without a lower-priority pod there is nothing to remove: skip the what-if copy of the node.
      const res = hasLowerPriorityPod(node, pod) ? this.selectVictimsOnNode(state, pod, node.clone()) : { status: NO_VICTIMS };
      if ('victims' in res) candidates.push({ node: node.name, victims: res.victims });
      else dryRunStatuses.set(node.name, res.status);
    }
    if (candidates.length === 0) {
      const msg = fitErrorMessage(allNodes.length, { nodeStatuses: dryRunStatuses.values(), explicitCount: dryRunStatuses.size, absent: notHelpful });
      return { nominatedNode: '', victims: [], status: withPrefix(status('Unschedulable', msg)) };
    }
    const best = pickOneNodeForPreemption(candidates);
    return { nominatedNode: best.node, victims: best.victims, status: status('Success') };
  }

  /** PodEligibleToPreemptOthers: true, or the message why not. */
  private podEligibleToPreemptOthers(pod: PodInfo, statuses: NodeStatusLookup, absent?: Status): true | string {
    if (pod.pod.spec.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = pod.pod.status?.nominatedNodeName;
    if (nominated) {
      // If the nominated node is now UnschedulableAndUnresolvable, preempting again is fine.
      if ((statuses.get(nominated) ?? absent)?.code === 'UnschedulableAndUnresolvable') return true;
      const ni = this.h.snapshot.get(nominated);
      if (ni) {
        for (const p of ni.pods.values()) {
          if (p.priority < pod.priority && terminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
        }
      }
    }
    return true;
  }

  /** GetOffsetAndNumCandidates: a random start and max(10%, 100) candidates. */
  private offsetAndNumCandidates(n: number): { offset: number; numCandidates: number } {
    let num = Math.trunc((n * MinCandidateNodesPercentage) / 100);
    if (num < MinCandidateNodesAbsolute) num = MinCandidateNodesAbsolute;
    if (num > n) num = n;
    return { offset: this.h.random.int(n), numCandidates: num };
  }

  /** SelectVictimsOnNode: remove every lower-priority pod, then reprieve as many as still fit. */
  private selectVictimsOnNode(state: CycleState, pod: PodInfo, node: NodeInfo): { victims: PodInfo[] } | { status: Status } {
    const potential: PodInfo[] = [];
    for (const p of [...node.pods.values()]) {
      if (p.priority < pod.priority) {
        potential.push(p);
        node.removePod(p);
      }
    }
    if (potential.length === 0) return { status: NO_VICTIMS };
    const fits = this.h.runFilters(state, pod, node);
    if (fits) return { status: fits };
    potential.sort((a, b) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0));
    const victims: PodInfo[] = [];
    for (const p of potential) {
      node.addPod(p);
      if (this.h.runFilters(state, pod, node)) {
        node.removePod(p);
        victims.push(p);
      }
    }
    return { victims };
  }
}

/** Shared by every candidate node without victims (statuses are never mutated). */
const NO_VICTIMS: Status = Object.freeze({ code: 'UnschedulableAndUnresolvable', reasons: Object.freeze(['No preemption victims found for incoming pod']) as string[] });

function hasLowerPriorityPod(node: NodeInfo, pod: PodInfo): boolean {
  for (const p of node.pods.values()) if (p.priority < pod.priority) return true;
  return false;
}

function withPrefix(s: Status): Status {
  const msg = s.reasons.join(', ');
  return msg ? { ...s, reasons: [`preemption: ${msg}`] } : s;
}

export function terminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

function startTime(p: PodInfo): number {
  const t = p.pod.status?.startTime ?? p.pod.metadata.creationTimestamp;
  return t ? Date.parse(t) : Number.MAX_SAFE_INTEGER;
}

/** util.MoreImportantPod: higher priority, then started earlier. */
export function moreImportantPod(a: PodInfo, b: PodInfo): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return startTime(a) < startTime(b);
}

/**
 * pickOneNodeForPreemption: a node needing no victims; else the lowest highest-victim priority,
 * then the lowest priority sum, the fewest victims, the latest start among the highest-priority
 * victims; then the first. (The fewest PDB violations would come first: not modelled.)
 */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate {
  const none = candidates.find((c) => c.victims.length === 0);
  if (none) return none;
  let list = candidates;
  const keep = (score: (c: Candidate) => number) => {
    let best = -Infinity;
    let out: Candidate[] = [];
    for (const c of list) {
      const s = score(c);
      if (s > best) {
        best = s;
        out = [c];
      } else if (s === best) out.push(c);
    }
    list = out;
  };
  keep((c) => -c.victims[0].priority);
  if (list.length > 1) keep((c) => -c.victims.reduce((s, v) => s + v.priority + 2147483648, 0));
  if (list.length > 1) keep((c) => -c.victims.length);
  if (list.length > 1) {
    keep((c) => {
      const top = c.victims[0].priority;
      let earliest = Infinity;
      for (const v of c.victims) if (v.priority === top) earliest = Math.min(earliest, startTime(v));
      return earliest;
    });
  }
  return list[0];
}
