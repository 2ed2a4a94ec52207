// Live data the mirror does not carry: component statecharts (polled from the worker while the
// inspector shows them) and the recent trace (throttled, so a busy cluster does not re-render the
// panel on every worker flush).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../../../sim/trace';
import type { ComponentState } from '../../../worker/protocol';
import { useClient, useMirror } from '../../cluster/hooks';

/** How often component states are asked for while shown (wall time). */
export const COMPONENT_POLL_MS = 500;

/**
 * The simulation's component states (scheduler, controllers, kubelets, etcd), polled every 500 ms
 * while `enabled`. One request at a time: a busy worker is never sent a queue of polls.
 */
export function useComponentStates(enabled: boolean): { states: ComponentState[] | undefined; refresh: () => void } {
  const client = useClient();
  const [states, setStates] = useState<ComponentState[]>();
  const last = useRef('');
  const fetchNow = useCallback(async () => {
    try {
      const s = await client.request({ op: 'components' });
      const key = JSON.stringify(s);
      // Same answer as last time: keep the old array so nothing re-renders.
      if (key !== last.current) {
        last.current = key;
        setStates(s);
      }
    } catch {
      // The worker is gone or busy failing: keep showing the last known states.
    }
  }, [client]);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      await fetchNow();
      if (!cancelled) timer = setTimeout(loop, COMPONENT_POLL_MS);
    };
    void loop();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [enabled, fetchNow]);

  return { states: enabled ? states : undefined, refresh: () => void fetchNow() };
}

/** The mirror's recent trace, refreshed at most every `throttleMs` while `enabled`. */
export function useRecentTrace(enabled: boolean, throttleMs = 500): TraceEvent[] {
  const mirror = useMirror();
  const [trace, setTrace] = useState<TraceEvent[]>(() => mirror.trace);
  useEffect(() => {
    if (!enabled) return;
    setTrace(mirror.trace);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = mirror.onTrace(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setTrace(mirror.trace);
      }, throttleMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [enabled, mirror, throttleMs]);
  return trace;
}
