// The faults in force and the etcd members, as the app sees them: one poller per client shared by
// every component that shows them (diagram and inspector), started by the first subscriber and
// stopped by the last. A fault injected from the app refreshes it at once.

import { useCallback, useSyncExternalStore } from 'react';
import type { SimClient } from '../../cluster/client';
import type { ActiveFault, EtcdStatus, FaultResult, FaultSpec } from '../../../worker/protocol';
import { useClient } from '../../cluster/hooks';

export interface FaultState {
  active: ActiveFault[];
  etcd: EtcdStatus;
}

const POLL_MS = 500;

class FaultPoller {
  state: FaultState | undefined;
  private key = '';
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: SimClient) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    if (this.listeners.size === 1) void this.loop();
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  };

  async refresh(): Promise<void> {
    try {
      const s = await this.client.request({ op: 'faults' });
      const key = JSON.stringify(s);
      if (key === this.key) return;
      this.key = key;
      this.state = s;
      for (const l of this.listeners) l();
    } catch {
      // The worker is busy or gone (before init): keep the last answer.
    }
  }

  private async loop(): Promise<void> {
    await this.refresh();
    if (this.listeners.size > 0) this.timer = setTimeout(() => void this.loop(), POLL_MS);
  }
}

const pollers = new WeakMap<SimClient, FaultPoller>();

function pollerFor(client: SimClient): FaultPoller {
  let p = pollers.get(client);
  if (!p) pollers.set(client, (p = new FaultPoller(client)));
  return p;
}

/** The faults in force and etcd's members (undefined until the first answer). */
export function useFaults(): FaultState | undefined {
  const p = pollerFor(useClient());
  return useSyncExternalStore(p.subscribe, () => p.state);
}

/** Inject or heal a fault; the shared state refreshes right after. */
export function useInjectFault(): (spec: FaultSpec) => Promise<FaultResult> {
  const client = useClient();
  return useCallback(
    async (spec: FaultSpec) => {
      try {
        return await client.request({ op: 'fault', fault: spec });
      } finally {
        void pollerFor(client).refresh();
      }
    },
    [client],
  );
}

export function isActive(state: FaultState | undefined, kind: ActiveFault['kind'], target?: string): boolean {
  return !!state?.active.some((a) => a.kind === kind && (target === undefined || a.target === target));
}
