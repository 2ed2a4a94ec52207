// The explainer's UI state (zustand): which pod it explains and which attempt is picked, the
// explanations last fetched from the worker, and the marks the diagram draws from them. It holds
// the pod's key, not the pod: the pod itself stays in the mirror.

import { create } from 'zustand';
import type { Explanation } from '../../../sim/scheduler/explain';
import type { SchedulerCycle } from '../../../worker/protocol';
import { type CycleNodeMark, type CycleView, cycleMarks, diagramMarks, pickAttempt, type NodeMark } from './logic';

export interface ExplainerState {
  open: boolean;
  /** `namespace/name` of the pod explained. */
  pod: string | undefined;
  /** The attempt number picked; undefined follows the latest. */
  attempt: number | undefined;
  explanations: Explanation[];
  /** Node name -> what the diagram shows on it (empty while closed). */
  marks: Record<string, NodeMark>;
  nodes: readonly string[];
  /** Step mode's cycle in progress as the diagram shows it (undefined when not stepping or closed). */
  cycle: CycleView | undefined;
  openFor(pod: string | undefined): void;
  close(): void;
  pickAttempt(attempt: number | undefined): void;
  setExplanations(pod: string, list: Explanation[]): void;
  setNodes(nodes: readonly string[]): void;
  setCycle(cycle: SchedulerCycle | undefined): void;
}

const NO_MARKS: Record<string, NodeMark> = {};

function marksOf(s: Pick<ExplainerState, 'open' | 'explanations' | 'attempt' | 'nodes'>): Record<string, NodeMark> {
  if (!s.open) return NO_MARKS;
  return diagramMarks(pickAttempt(s.explanations, s.attempt), s.nodes);
}

export const useExplainer = create<ExplainerState>()((set, get) => ({
  open: false,
  pod: undefined,
  attempt: undefined,
  explanations: [],
  marks: NO_MARKS,
  nodes: [],
  openFor: (pod) => {
    const same = pod === get().pod;
    const next = { open: true, pod, attempt: same ? get().attempt : undefined, explanations: same ? get().explanations : [] };
    set({ ...next, marks: marksOf({ ...get(), ...next }) });
  },
  cycle: undefined,
  close: () => set({ open: false, marks: NO_MARKS, cycle: undefined }),
  pickAttempt: (attempt) => set((s) => ({ attempt, marks: marksOf({ ...s, attempt }) })),
  setExplanations: (pod, explanations) => {
    if (pod !== get().pod) return; // a late answer about a pod no longer shown
    set((s) => ({ explanations, marks: marksOf({ ...s, explanations }) }));
  },
  setNodes: (nodes) => {
    const cur = get().nodes;
    if (cur.length === nodes.length && cur.every((n, i) => n === nodes[i])) return;
    set((s) => ({ nodes, marks: marksOf({ ...s, nodes }) }));
  },
  setCycle: (c) => {
    const prev = get().cycle;
    const next = get().open ? cycleMarks(c, get().nodes) : undefined;
    if (!next && !prev) return; // not stepping: nothing to do
    set({ cycle: next && keepSame(prev, next) });
  },
}));

/** The new view with unchanged node marks kept as the same objects, so only changed cards re-render. */
function keepSame(prev: CycleView | undefined, next: CycleView): CycleView {
  if (!prev) return next;
  const nodes: Record<string, CycleNodeMark> = {};
  for (const [n, m] of Object.entries(next.nodes)) {
    const old = prev.nodes[n];
    nodes[n] = old && old.state === m.state && old.label === m.label ? old : m;
  }
  return { ...next, nodes };
}

/** The diagram's view of one node (a stable object per node while nothing changes). */
export function useExplainMark(node: string): NodeMark | undefined {
  return useExplainer((s) => s.marks[node]);
}

/** Step mode's mark on this node, while a cycle is in progress. */
export function useCycleMark(node: string): CycleNodeMark | undefined {
  return useExplainer((s) => s.cycle?.nodes[node]);
}

/** The pod step mode's cycle is on (namespace/name). */
export function useCyclePod(): string | undefined {
  return useExplainer((s) => s.cycle?.pod);
}
