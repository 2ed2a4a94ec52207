// `npm run cluster`: a simulated AKS-shaped cluster served over HTTP for a real kubectl.
//   --port 6443  --host 127.0.0.1  --seed N  --speed 1  --nodes 3  --kubeconfig PATH

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPool } from '../sim/aks/spec';
import { Cluster, DEFAULT_WARMUP_SECONDS } from '../sim/cluster';
import { writeKubeconfig } from './kubeconfig';
import { ClusterServer } from './server';

function fail(msg: string): never {
  console.error(`clusterlab: ${msg}`);
  process.exit(2);
}

function num(name: string, v: string | undefined, def: number, ok: (n: number) => boolean): number {
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || !ok(n)) fail(`invalid --${name} ${JSON.stringify(v)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      nodes: { type: 'string' },
      kubeconfig: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run cluster -- [--port 6443] [--host 127.0.0.1] [--seed N] [--speed 1] [--nodes 3] [--kubeconfig PATH]');
    return;
  }
  const port = num('port', values.port, 6443, (n) => Number.isInteger(n) && n >= 0 && n < 65536);
  const seed = num('seed', values.seed, 1, Number.isInteger);
  const speed = num('speed', values.speed, 1, (n) => n > 0 && n <= 10000);
  const nodes = num('nodes', values.nodes, 3, (n) => Number.isInteger(n) && n >= 1 && n <= 1000);
  const host = values.host ?? '127.0.0.1';

  console.log(`clusterlab: starting a ${nodes}-node cluster (seed ${seed})...`);
  // Start warm-up that long before now, so the cluster reaches the wall clock's now and kubectl's client-side ages and timestamps make sense.
  const cluster = new Cluster({ seed, epochMs: Date.now() - DEFAULT_WARMUP_SECONDS * 1000, spec: { pools: [defaultPool({ count: nodes })] } });
  cluster.clock.speed = speed;
  const server = new ClusterServer(cluster);
  let bound: number;
  try {
    bound = await server.listen(port, host);
  } catch (e) {
    fail(`cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  const kubeconfig = values.kubeconfig ?? join(mkdtempSync(join(tmpdir(), 'clusterlab-')), 'kubeconfig');
  writeKubeconfig(kubeconfig, url.replace('0.0.0.0', '127.0.0.1'));
  console.log(`clusterlab: Kubernetes v${cluster.spec.kubernetesVersion} API at ${url} (speed ${speed}x)`);
  console.log(`clusterlab: kubeconfig written to ${kubeconfig}`);
  console.log(`\nexport KUBECONFIG=${kubeconfig}\n`);
  console.log(`clock: curl ${url}/clusterlab/v1/clock  (POST {"action":"pause|resume|advance","seconds":N} or {"speed":N})`);

  // A failure inside a simulated component must not take the API server down with it.
  process.on('uncaughtException', (e) => console.error('clusterlab: uncaught exception (server keeps running):', e));
  process.on('unhandledRejection', (e) => console.error('clusterlab: unhandled rejection (server keeps running):', e));

  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\nclusterlab: ${sig}, shutting down`);
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
