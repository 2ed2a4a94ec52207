// Simulation benchmark (npm run bench; not part of npm test).
//  1. Scheduler throughput, as kube-scheduler's scheduler_perf SchedulingBasic measures it: an API
//     server and the scheduler only, 5,000 Ready nodes, then 10,000 pods to bind.
//  2. A whole cluster: 1,000 nodes (kubelets, controllers, add-ons) and Deployments totalling
//     30,000 pods, run until every pod is Running.
// The last line printed is one JSON object with every figure.

import { ApiServer } from '../src/sim/apiserver/apiserver';
import { Clock } from '../src/sim/clock';
import { Cluster } from '../src/sim/cluster';
import { Random } from '../src/sim/random';
import { Scheduler } from '../src/sim/scheduler/scheduler';
import { Trace } from '../src/sim/trace';
import { buildNode } from '../src/sim/aks/nodes';
import { defaultPool, defaultSpec } from '../src/sim/aks/spec';
import type { KubeObject } from '../src/sim/api/types';

const SCHEDULING_BASIC_THRESHOLD = 680; // pods/s, scheduler_perf SchedulingBasic at 5,000 nodes

const arg = (name: string, def: number) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : def;
};

let peakHeap = 0;
function sampleHeap(): void {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const mb = (b: number) => Math.round(b / (1024 * 1024));

function schedulerThroughput(nodes: number, pods: number) {
  const clock = new Clock();
  const random = new Random(42);
  const api = new ApiServer({ clock, random, trace: new Trace() });
  for (const name of ['default', 'kube-system']) api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  clock.runUntilIdle();
  api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
  const spec = defaultSpec();
  const pool = defaultPool({ count: nodes });
  for (let i = 0; i < nodes; i++) {
    const node = buildNode(spec, { name: `node-${i}`, pool, index: i, subnetIndex: i }, 'sub', random);
    node.status!.conditions = [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }];
    api.create('nodes', node);
    api.patch('nodes', undefined, `node-${i}`, 'merge', { spec: { taints: null } });
  }
  const scheduler = new Scheduler({ api, clock, trace: new Trace() });
  scheduler.start();
  clock.runUntilIdle();
  const template = (i: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
  });
  const t0 = performance.now();
  for (let i = 0; i < pods; i++) api.create('pods', template(i));
  clock.runUntilIdle();
  let bound = 0;
  while (bound < pods) {
    clock.advance(1000);
    bound = api.list('pods', { fieldSelector: 'spec.nodeName!=' }).items.length;
    sampleHeap();
    if (performance.now() - t0 > 600_000) break;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { nodes, pods, bound, wallSeconds: round(seconds), podsPerSecond: Math.round(bound / seconds) };
}

function fullCluster(nodes: number, pods: number, deployments: number) {
  const t0 = performance.now();
  // A /16 pod CIDR holds 256 nodes' /24s: a 1,000-node AKS cluster is created with a larger --pod-cidr.
  const cluster = new Cluster({ seed: 7, spec: { podCidr: '10.240.0.0/12', pools: [defaultPool({ count: nodes })] }, warmupSeconds: 0 });
  const simStart = cluster.clock.now();
  const perDeployment = Math.ceil(pods / deployments);
  for (let d = 0; d < deployments; d++) {
    cluster.api.create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `app-${d}`, namespace: 'default' },
      spec: {
        replicas: perDeployment,
        selector: { matchLabels: { app: `app-${d}` } },
        template: { metadata: { labels: { app: `app-${d}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
  }
  let running = 0;
  let total = 0;
  while (performance.now() - t0 < 600_000) {
    cluster.advance(5);
    sampleHeap();
    const list = cluster.api.list('pods', { namespace: 'default' }).items;
    total = list.length;
    running = list.filter((p) => p.status?.phase === 'Running').length;
    if (running >= perDeployment * deployments) break;
  }
  const wall = (performance.now() - t0) / 1000;
  const sim = (cluster.clock.now() - simStart) / 1000;
  return { nodes, pods: perDeployment * deployments, running, total, allPodsInCluster: cluster.api.store.count('pods'), wallSeconds: round(wall), simSeconds: sim, simToWallRatio: round(sim / wall) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const s = schedulerThroughput(arg('sched-nodes', 5000), arg('sched-pods', 10000));
console.log(`scheduler: ${s.bound}/${s.pods} pods bound on ${s.nodes} nodes in ${s.wallSeconds}s wall = ${s.podsPerSecond} pods/s (${round(s.podsPerSecond / SCHEDULING_BASIC_THRESHOLD)}x kube-scheduler's SchedulingBasic threshold of ${SCHEDULING_BASIC_THRESHOLD} pods/s)`);
const heapAfterScheduler = peakHeap;
peakHeap = 0;
(globalThis as { gc?: () => void }).gc?.();
const f = fullCluster(arg('nodes', 1000), arg('pods', 30000), arg('deployments', 30));
console.log(`cluster: ${f.running}/${f.pods} pods Running on ${f.nodes} nodes (${f.allPodsInCluster} pods incl. add-ons) in ${f.wallSeconds}s wall, ${f.simSeconds}s simulated (${f.simToWallRatio}x real time), peak heap ${mb(peakHeap)} MB`);
console.log(JSON.stringify({
  schedulerPodsPerSecond: s.podsPerSecond,
  schedulerRatioToSchedulingBasic: round(s.podsPerSecond / SCHEDULING_BASIC_THRESHOLD),
  schedulerWallSeconds: s.wallSeconds,
  schedulerPeakHeapMB: mb(heapAfterScheduler),
  clusterPodsRunning: f.running,
  clusterWallSeconds: f.wallSeconds,
  clusterSimSeconds: f.simSeconds,
  clusterSimToWallRatio: f.simToWallRatio,
  clusterPeakHeapMB: mb(peakHeap),
}));
