// Starting the simulation for the app: the Web Worker, the client and the mirror, with options
// from the page URL (`?seed=7&nodes=5&speed=10&paused=1`), so a link reproduces a cluster.

import type { InitOptions } from '../../worker/protocol';
import { SimClient, type Port } from './client';
import { ClusterMirror } from './mirror';

export interface Session {
  client: SimClient;
  mirror: ClusterMirror;
  options: InitOptions;
}

export function optionsFromURL(search: string): InitOptions {
  const q = new URLSearchParams(search);
  const num = (k: string) => {
    const v = q.get(k);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  return { seed: num('seed'), nodes: num('nodes'), speed: num('speed'), paused: q.get('paused') === '1' || q.get('paused') === 'true' };
}

export async function startSession(options: InitOptions, port?: Port): Promise<Session> {
  const worker = port ?? (new Worker(new URL('../../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'clusterlab-sim' }) as unknown as Port);
  const client = new SimClient(worker);
  await client.request({ op: 'init', options });
  const mirror = new ClusterMirror();
  await mirror.connect(client);
  return { client, mirror, options };
}
