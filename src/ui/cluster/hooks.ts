// React's view of the session: the client for writes, the mirror for reads (re-rendering at most
// once per animation frame when the cluster changes).

import { createContext, useContext, useSyncExternalStore } from 'react';
import type { KubeObject } from '../../sim/api/types';
import type { ClockState } from '../../worker/protocol';
import type { SimClient } from './client';
import type { ClusterMirror, Watched } from './mirror';
import type { Session } from './session';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionContext.Provider>');
  return s;
}

export function useClient(): SimClient {
  return useSession().client;
}

export function useMirror(): ClusterMirror {
  return useSession().mirror;
}

/** Every object of a resource, live. */
export function useResource<T extends KubeObject = KubeObject>(resource: Watched): T[] {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => m.list<T>(resource));
}

/** One object, live (undefined once deleted). `key` is `namespace/name`, or `name` if cluster-scoped. */
export function useObject<T extends KubeObject = KubeObject>(resource: Watched, key: string | undefined): T | undefined {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => (key ? m.get<T>(resource, key) : undefined));
}

export function useClock(): ClockState | undefined {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => m.clock);
}

/** A number that changes whenever anything in the mirror does (for derived views with useMemo). */
export function useMirrorVersion(): number {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => m.version);
}
