// The workload commands on the engine alone, where real kubectl would block or where the output
// depends on the virtual clock: rollout status and wait against a cluster that cannot change
// during a line, drain's evictions and PodDisruptionBudgets, diff's hunks, and edit's hand-off.

import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { Kubectl } from '../index';
import { EDIT_HEADER } from './edit';
import { unifiedDiff } from './diff';
import { hpaV1ToV2, hpaV2ToV1 } from '../../../sim/api/hpaversions';

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: solo-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: solo
`;

describe('workload commands against the virtual clock', () => {
  let cluster: Cluster;
  let k: Kubectl;

  beforeAll(() => {
    cluster = new Cluster({ seed: 5, spec: { pools: [defaultPool({ count: 2 })] } });
    cluster.clock.paused = true;
    k = new Kubectl({ cluster, files: { 'pdb.yaml': PDB } });
    expect(k.run('create deployment web --image=nginx:1.27 --replicas=2').exitCode).toBe(0);
  });

  it('rollout status prints the waiting line and returns when kubectl would keep watching', () => {
    const r = k.run('rollout status deployment/web');
    expect(r).toEqual({ stdout: 'Waiting for deployment "web" rollout to finish: 0 of 2 updated replicas are available...\n', stderr: '', exitCode: 0 });
    expect(k.run('rollout status deployment/web --timeout=10s')).toEqual({ stdout: r.stdout, stderr: 'error: timed out waiting for the condition\n', exitCode: 1 });
    cluster.advance(60);
    expect(k.run('rollout status deployment/web').stdout).toBe('deployment "web" successfully rolled out\n');
  });

  it('wait reports the condition met, or the timeout at once when it is not met now', () => {
    expect(k.run('wait --for=condition=Available deployment/web').stdout).toBe('deployment.apps/web condition met\n');
    expect(k.run('wait --for=jsonpath={.status.readyReplicas}=3 deployment/web').stderr).toBe('error: timed out waiting for the condition on deployments/web\n');
  });

  it('restart stamps the template with the virtual time', () => {
    expect(k.run('rollout restart deployment/web').stdout).toBe('deployment.apps/web restarted\n');
    const d = cluster.api.get('deployments', 'default', 'web') as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBe(new Date(cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    cluster.advance(120);
    expect(k.run('rollout history deployment/web').stdout).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
  });

  it('drain evicts through the Eviction API, honouring a PodDisruptionBudget', () => {
    expect(k.run('run solo --image=nginx --labels=app=solo').exitCode).toBe(0);
    cluster.advance(30);
    const node = (cluster.api.get('pods', 'default', 'solo') as { spec: { nodeName: string } }).spec.nodeName;
    expect(k.run('apply -f pdb.yaml').exitCode).toBe(0);
    const refused = k.run(`drain ${node} --pod-selector=app=solo --force --timeout=7s`);
    expect(refused.exitCode).toBe(1);
    // kubectl announces the first try and each retry (every 5 s) until its timeout.
    expect(refused.stdout).toBe(`node/${node} cordoned\nevicting pod default/solo\nevicting pod default/solo\nevicting pod default/solo\n`);
    expect(refused.stderr).toContain(`error when evicting pods/"solo" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`);
    expect(refused.stderr).toContain('error when evicting pods/"solo" -n "default": global timeout reached: 7s\n');
    expect(cluster.api.tryGet('pods', 'default', 'solo')).toBeDefined();
    expect(k.run('delete pdb solo-pdb').exitCode).toBe(0);
    const drained = k.run(`drain ${node} --pod-selector=app=solo --force --grace-period=0`);
    expect(drained).toEqual({
      stdout: `node/${node} already cordoned\nevicting pod default/solo\npod/solo evicted\nnode/${node} drained\n`,
      stderr: 'Warning: deleting Pods that declare no controller: default/solo\n',
      exitCode: 0,
    });
    expect(cluster.api.tryGet('pods', 'default', 'solo')).toBeUndefined();
    expect(k.run(`uncordon ${node}`).exitCode).toBe(0);
  });

  it('edit hands the object to the app editor with kubectl\'s header and no managedFields', () => {
    const r = k.run('edit deployment/web');
    expect(r.stdout).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.edit?.objects).toEqual(['deployment.apps/web']);
    expect(r.edit?.text.startsWith(EDIT_HEADER + 'apiVersion: apps/v1\nkind: Deployment\n')).toBe(true);
    expect(r.edit?.text).not.toContain('managedFields');
    expect(k.run('edit deployment/nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', exitCode: 1 });
  });
});

describe('unifiedDiff', () => {
  it('prints GNU diff -u hunks with three lines of context', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const b = 'a\nb\nc\nd\nX\nf\ng\nh\n';
    expect(unifiedDiff(a, b)).toBe('@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+X\n f\n g\n h\n');
    expect(unifiedDiff(a, a)).toBe('');
    expect(unifiedDiff('', 'x\ny\n')).toBe('@@ -0,0 +1,2 @@\n+x\n+y\n');
  });
});

describe('autoscale', () => {
  it('creates the HorizontalPodAutoscaler kubectl 1.32 sends as autoscaling/v1, stored as v2', () => {
    const cluster = new Cluster({ seed: 9, spec: { pools: [defaultPool({ count: 1 })] } });
    cluster.clock.paused = true;
    const k = new Kubectl({ cluster });
    expect(k.run('create deployment web --image=nginx').exitCode).toBe(0);
    expect(k.run('autoscale deployment web --min=2 --max=5 --cpu-percent=70')).toEqual({ stdout: 'horizontalpodautoscaler.autoscaling/web autoscaled\n', stderr: '', exitCode: 0 });
    const hpa = cluster.api.get('horizontalpodautoscalers', 'default', 'web') as unknown as { apiVersion: string; spec: Record<string, unknown> };
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    expect(k.run('get hpa -o name').stdout).toBe('horizontalpodautoscaler.autoscaling/web\n');
    expect(k.run('autoscale deployment web --max=5').stderr).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n');
    expect(k.run('autoscale deployment web --max=3 --name=h2 -o jsonpath={.spec.targetCPUUtilizationPercentage}').exitCode).toBe(0);
  });
});

describe('autoscaling/v1 <-> v2 conversion', () => {
  it('maps targetCPUUtilizationPercentage to a cpu Utilization metric and back', () => {
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 60 }, status: { currentReplicas: 0, desiredReplicas: 0 } };
    const v2 = hpaV1ToV2(v1);
    expect(v2).toEqual({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: v1.spec.scaleTargetRef, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }] } });
    expect(hpaV2ToV1({ ...v2, status: { currentReplicas: 3, desiredReplicas: 4, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42 } } }] } })).toEqual({
      ...v1,
      status: { currentReplicas: 3, desiredReplicas: 4, currentCPUUtilizationPercentage: 42 },
    });
  });
});

describe('waiting commands on a running clock: virtual time runs while kubectl would wait', () => {
  let cluster: Cluster;
  let k: Kubectl;

  beforeAll(() => {
    cluster = new Cluster({ seed: 6, spec: { pools: [defaultPool({ count: 3 })] } });
    k = new Kubectl({ cluster });
  });

  it('rollout status follows the rollout line by line to its end', () => {
    const start = cluster.clock.now();
    expect(k.run('create deployment web --image=nginx:1.27 --replicas=3').exitCode).toBe(0);
    const r = k.run('rollout status deployment/web');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available\.\.\.$/);
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(new Set(lines).size).toBe(lines.length); // each status line once, as kubectl prints changes
    expect(cluster.clock.now()).toBeGreaterThan(start);
  });

  it('wait --for=condition returns once the condition holds, and times out on what never comes', () => {
    expect(k.run('wait --for=condition=Available deployment/web --timeout=60s')).toEqual({ stdout: 'deployment.apps/web condition met\n', stderr: '', exitCode: 0 });
    const before = cluster.clock.now();
    const r = k.run('wait --for=condition=Nope deployment/web --timeout=5s');
    expect(r).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on deployments/web\n', exitCode: 1 });
    expect(cluster.clock.now() - before).toBe(5000);
  });

  it('drain evicts, waits for the pods to terminate and reports the node drained; they run elsewhere', () => {
    const node = k.run('get pods -l app=web -o jsonpath={.items[0].spec.nodeName}').stdout;
    const r = k.run(`drain ${node} --ignore-daemonsets --delete-emptydir-data`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`node/${node} cordoned\n`);
    expect(r.stdout).toMatch(/evicting pod default\/web-\S+\n/);
    expect(r.stdout).toMatch(/pod\/web-\S+ evicted\n/);
    expect(r.stdout).toContain(`node/${node} drained\n`);
    cluster.advance(30);
    const wide = k.run('get pods -l app=web -o wide').stdout;
    expect(wide.trim().split('\n')).toHaveLength(4);
    expect(wide).not.toContain(node);
  });

  it('delete waits until the pod is gone', () => {
    const pod = k.run('get pods -l app=web -o jsonpath={.items[0].metadata.name}').stdout;
    const before = cluster.clock.now();
    expect(k.run(`delete pod ${pod}`)).toEqual({ stdout: `pod "${pod}" deleted\n`, stderr: '', exitCode: 0 });
    expect(k.run(`get pod ${pod}`).stderr).toBe(`Error from server (NotFound): pods "${pod}" not found\n`);
    expect(cluster.clock.now()).toBeGreaterThan(before);
  });
});
