// The request-flow animation's live state: which hops are lit now. A small zustand store, so a
// component re-renders only when its own pulse changes (a selector returning a boolean or a
// short string), not on every trace event. useFlowDriver feeds it from the mirror's trace stream
// with wall-clock timers (UI only: the simulation never sees them).

import { useEffect } from 'react';
import { create } from 'zustand';
import type { ClusterMirror } from '../../cluster/mirror';
import { emptyFlow, enqueue, hopsForTrace, litAt, nextChange, pulsing, type ScheduledHop } from './flow';

interface FlowStore {
  lit: ScheduledHop[];
  pulse: ReadonlySet<string>;
}

export const useFlow = create<FlowStore>()(() => ({ lit: [], pulse: new Set() }));

/** Whether a component (`kube-apiserver`, `kubelet/<node>`...) is part of a lit hop. */
export function isPulsing(pulse: ReadonlySet<string>, id: string): boolean {
  return pulse.has(id) || (id.startsWith('kube-proxy/') && pulse.has('kube-proxy/*'));
}

/** The node components pulsing on one node, as a stable string (`kubelet containerd`). */
export function nodePulse(pulse: ReadonlySet<string>, node: string): string {
  let s = '';
  for (const c of ['kubelet', 'kube-proxy', 'containerd']) if (isPulsing(pulse, `${c}/${node}`)) s += `${c} `;
  return s;
}

export function useFlowDriver(mirror: ClusterMirror): void {
  useEffect(() => {
    let state = emptyFlow();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown = '';
    const update = () => {
      timer = undefined;
      const now = performance.now();
      const lit = litAt(state, now);
      const sig = lit.map((h) => h.id).join('|');
      if (sig !== shown) {
        shown = sig;
        useFlow.setState({ lit, pulse: pulsing(lit) });
      }
      const next = nextChange(state, now);
      if (next !== undefined) timer = setTimeout(update, Math.max(0, next - now) + 1);
    };
    const off = mirror.onTrace((events) => {
      const hops = events.flatMap(hopsForTrace);
      if (hops.length === 0) return;
      state = enqueue(state, hops, performance.now());
      if (timer !== undefined) clearTimeout(timer);
      update();
    });
    return () => {
      off();
      if (timer !== undefined) clearTimeout(timer);
      useFlow.setState({ lit: [], pulse: new Set() });
    };
  }, [mirror]);
}
