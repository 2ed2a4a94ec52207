// Starting the simulation for the app: the Web Worker, the client and the mirror, with options
// from the page URL (`?seed=7&nodes=5&speed=10&paused=1`), so a link reproduces a cluster.

import { decodeSessionHash, LINK_PREFIX } from '../../host/sessionfile';
import type { InitOptions } from '../../worker/protocol';
import { SimClient, type Port } from './client';
import { trackProvenance } from '../features/causality/history';
import { ClusterMirror } from './mirror';

export interface Session {
  client: SimClient;
  mirror: ClusterMirror;
  options: InitOptions;
}

/** `?scenario=<id>` opens a demo of the catalog; a `#session=...` hash opens a shared session. */
export function optionsFromURL(search: string, hash = ''): InitOptions {
  const q = new URLSearchParams(search);
  const num = (k: string) => {
    const v = q.get(k);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const scenario = q.get('scenario') ?? undefined;
  const session = hash.startsWith(LINK_PREFIX) ? hash : undefined;
  return {
    seed: num('seed'), nodes: num('nodes'), speed: num('speed'), paused: q.get('paused') === '1' || q.get('paused') === 'true',
    ...(scenario ? { scenario } : {}),
    ...(session ? { session } : {}),
  };
}

/** `?present=1`: start in presentation mode (a UI option; the simulation does not see it). */
export function presentationFromURL(search: string): boolean {
  const v = new URLSearchParams(search).get('present');
  return v === '1' || v === 'true';
}

export async function startSession(options: InitOptions, port?: Port): Promise<Session> {
  const worker = port ?? (new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'clusterlab-sim' }) as unknown as Port);
  // A link's session is decoded here (the worker checks it again before replacing anything).
  if (typeof options.session === 'string') options = { ...options, session: await decodeSessionHash(options.session) };
  const client = new SimClient(worker);
  await client.request({ op: 'init', options });
  const mirror = new ClusterMirror();
  trackProvenance(mirror); // from the first trace batch: cause chains name who made each object
  await mirror.connect(client);
  return { client, mirror, options };
}
