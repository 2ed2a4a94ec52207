// Throughput check, run by hand (not part of the test suite):
//   npx tsx src/sim/scheduler/scheduler.perf.ts [nodes] [pods] [--owned]
// 5,000 nodes and 10,000 pods by default, like scheduler_perf's SchedulingBasic (680 pods/s is
// its threshold). --owned makes the pods belong to a ReplicaSet, so the system default topology
// spreading applies. Wall time is read with process.hrtime: this file is a harness, not the core.

import type { Pod } from '../api/types';
import { addNode, podSpec, testEnv } from './testenv';

const nodes = Number(process.argv[2] ?? 5000);
const pods = Number(process.argv[3] ?? 10000);
const owned = process.argv.includes('--owned');
const wall = () => Number(process.hrtime.bigint() / 1000n) / 1000;

const env = testEnv({ freeze: false });
const { api, clock } = env;
let t = wall();
for (let i = 0; i < nodes; i++) addNode(api, { name: `aks-nodepool1-12345678-vmss${i.toString(36).padStart(6, '0')}`, cpu: '1900m', memory: '5Gi', pods: 110 });
clock.runUntilIdle();
console.log(`${nodes} nodes created in ${(wall() - t).toFixed(0)} ms`);

let ownerReferences: any;
if (owned) {
  const rs = api.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7d4b9c', namespace: 'default' },
    spec: { replicas: pods, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
  });
  ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }];
  clock.runUntilIdle();
}

t = wall();
for (let i = 0; i < pods; i++) {
  const p = podSpec(`web-${i}`, { cpu: '100m', memory: '128Mi', labels: { app: 'web' } });
  if (ownerReferences) p.metadata.ownerReferences = ownerReferences;
  api.create('pods', p);
  // Let the scheduler work while pods arrive, as in a real run.
  if (i % 500 === 499) clock.runUntilIdle();
}
clock.runUntilIdle();
const elapsed = wall() - t;
const list = api.list<Pod>('pods', { namespace: 'default' }).items;
const bound = list.filter((p) => p.spec.nodeName).length;
const perNode = new Map<string, number>();
for (const p of list) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
const counts = [...perNode.values()];
console.log(`${bound}/${pods} pods bound on ${perNode.size} nodes (max ${Math.max(...counts)} per node) in ${elapsed.toFixed(0)} ms wall: ${((bound / elapsed) * 1000).toFixed(0)} pods/s (pod creation + scheduling + binding + events)`);
console.log(`heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB; scheduler state ${env.scheduler.state}; cycles ${env.scheduler.context.cycles}`);
