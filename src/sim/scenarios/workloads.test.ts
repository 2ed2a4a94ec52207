// Scenario tests: a seeded AKS-shaped cluster, driven through its API, with virtual time.
import { describe, expect, it } from 'vitest';
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { createFromYaml, isReady, pods, testCluster, waitFor } from '../testing/cluster';

const NGINX_DEPLOYMENT = (replicas: number, image = 'nginx:1.27', extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
${extra}`;

function deployment(c: ReturnType<typeof testCluster>): Deployment {
  return c.api.get<Deployment>('deployments', 'default', 'web');
}

function rolledOut(c: ReturnType<typeof testCluster>, replicas: number): boolean {
  const d = deployment(c);
  const s = d.status ?? {};
  return (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && s.updatedReplicas === replicas && s.availableReplicas === replicas && s.replicas === replicas && s.readyReplicas === replicas;
}

describe('a fresh cluster', () => {
  it('looks like `az aks create` left it: 3 Ready nodes and kube-system add-ons Running', () => {
    const c = testCluster();
    const nodes = c.api.list('nodes').items;
    expect(nodes.map((n) => n.metadata.name)).toEqual([0, 1, 2].map((i) => `aks-nodepool1-${c.digits}-vmss00000${i}`));
    for (const n of nodes) {
      expect(n.status?.conditions?.find((x: any) => x.type === 'Ready')?.status).toBe('True');
      expect(n.spec.taints ?? []).toEqual([]);
    }
    expect(nodes.map((n) => n.spec.podCIDR)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(nodes.map((n) => n.status?.addresses?.[0].address)).toEqual(['10.224.0.4', '10.224.0.5', '10.224.0.6']);
    const system = pods(c, 'kube-system');
    const notRunning = system.filter((p) => p.status?.phase !== 'Running').map((p) => `${p.metadata.name}: ${p.status?.phase}`);
    expect(notRunning).toEqual([]);
    const names = system.map((p) => p.metadata.name!);
    for (const prefix of ['coredns-', 'coredns-autoscaler-', 'konnectivity-agent-', 'metrics-server-', 'kube-proxy-', 'azure-ip-masq-agent-', 'cloud-node-manager-', 'csi-azuredisk-node-', 'csi-azurefile-node-', 'azure-cns-']) {
      expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true);
    }
    expect(names.filter((n) => n.startsWith('kube-proxy-'))).toHaveLength(3);
    expect(c.api.get('services', 'kube-system', 'kube-dns').spec.clusterIP).toBe('10.0.0.10');
    expect(c.api.get('services', 'default', 'kubernetes').spec.clusterIP).toBe('10.0.0.1');
    const dnsEndpoints = c.api.get('endpoints', 'kube-system', 'kube-dns');
    expect(dnsEndpoints.subsets?.[0]?.addresses).toHaveLength(2);
  });

  it('is the same, byte for byte, for the same seed and inputs', () => {
    const run = (seed: number) => {
      const c = testCluster({ seed });
      createFromYaml(c, NGINX_DEPLOYMENT(4));
      c.advance(60);
      return c.hash();
    };
    const a = run(5);
    expect(run(5)).toBe(a);
    expect(run(6)).not.toBe(a);
  });
});

describe('Deployments', () => {
  it('spreads 6 nginx replicas over 3 nodes and makes them Running, with pod IPs from each node\'s /24', () => {
    const c = testCluster();
    createFromYaml(c, NGINX_DEPLOYMENT(6));
    const took = waitFor(c, () => rolledOut(c, 6), 120);
    expect(took).toBeLessThan(60);
    const ps = pods(c, 'default', 'app=web');
    expect(ps).toHaveLength(6);
    const perNode = new Map<string, number>();
    for (const p of ps) {
      expect(isReady(p)).toBe(true);
      perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
      const node = c.api.get('nodes', undefined, p.spec.nodeName!);
      const prefix = node.spec.podCIDR.replace(/0\/24$/, '');
      expect(p.status?.podIP?.startsWith(prefix)).toBe(true);
    }
    expect([...perNode.values()].sort()).toEqual([2, 2, 2]);
    const reasons = c.api.list('events', { namespace: 'default', fieldSelector: `involvedObject.name=${ps[0].metadata.name}` }).items.map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
  });

  it('scales up and down', () => {
    const c = testCluster();
    createFromYaml(c, NGINX_DEPLOYMENT(2));
    waitFor(c, () => rolledOut(c, 2));
    c.api.updateScale('deployments', 'default', 'web', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 5 } });
    waitFor(c, () => rolledOut(c, 5));
    expect(pods(c, 'default', 'app=web').filter(isReady)).toHaveLength(5);
    c.api.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 1 } });
    waitFor(c, () => rolledOut(c, 1) && pods(c, 'default', 'app=web').length === 1, 120);
  });

  it('never breaks maxSurge/maxUnavailable during a rolling update, and rolls back', () => {
    const c = testCluster();
    createFromYaml(c, NGINX_DEPLOYMENT(8));
    waitFor(c, () => rolledOut(c, 8));
    const firstRs = c.api.list<ReplicaSet>('replicasets', { namespace: 'default' }).items;
    expect(firstRs).toHaveLength(1);
    c.api.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } });
    // 25% of 8: at most 10 pods, at least 6 available, at every instant.
    let maxPods = 0;
    let minAvailable = Infinity;
    waitFor(c, () => {
      const live = pods(c, 'default', 'app=web').filter((p) => !p.metadata.deletionTimestamp);
      maxPods = Math.max(maxPods, live.length);
      minAvailable = Math.min(minAvailable, live.filter(isReady).length);
      return rolledOut(c, 8) && live.length === 8 && live.every((p) => p.spec.containers[0].image === 'nginx:1.26');
    }, 300, 0.5);
    expect(maxPods).toBeLessThanOrEqual(10);
    expect(minAvailable).toBeGreaterThanOrEqual(6);
    expect(deployment(c).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');

    // kubectl rollout undo: copy the previous ReplicaSet's template back.
    const old = c.api.get<ReplicaSet>('replicasets', 'default', firstRs[0].metadata.name!);
    const template = { ...old.spec.template, metadata: { ...old.spec.template.metadata, labels: { app: 'web' } } };
    c.api.patch('deployments', 'default', 'web', 'merge', { spec: { template } });
    waitFor(c, () => rolledOut(c, 8) && pods(c, 'default', 'app=web').every((p) => p.spec.containers[0].image === 'nginx:1.27' && !p.metadata.deletionTimestamp), 300);
    const back = c.api.get<ReplicaSet>('replicasets', 'default', firstRs[0].metadata.name!);
    expect(back.spec.replicas).toBe(8);
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('removes its ReplicaSets and pods when deleted', () => {
    const c = testCluster();
    createFromYaml(c, NGINX_DEPLOYMENT(3));
    waitFor(c, () => rolledOut(c, 3));
    c.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Background' });
    waitFor(c, () => c.api.list('replicasets', { namespace: 'default' }).items.length === 0 && pods(c, 'default', 'app=web').length === 0, 120);
  });
});

describe('scheduling', () => {
  it('keeps a pod too big for any node Pending with the real message', () => {
    const c = testCluster();
    createFromYaml(c, `
apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "4"
`);
    c.advance(10);
    const pod = c.api.get<Pod>('pods', 'default', 'huge');
    expect(pod.spec.nodeName).toBeUndefined();
    const cond = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond?.message).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    const ev = c.api.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=huge,reason=FailedScheduling' }).items;
    expect(ev[0]?.message).toBe(cond?.message);
  });

  it('lets taints, tolerations and node affinity decide placement', () => {
    const c = testCluster();
    const [n0, n1, n2] = c.api.list('nodes').items.map((n) => n.metadata.name!);
    c.api.patch('nodes', undefined, n0, 'merge', { spec: { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] }, metadata: { labels: { accelerator: 'nvidia' } } });
    c.api.patch('nodes', undefined, n1, 'merge', { metadata: { labels: { disktype: 'ssd' } } });
    createFromYaml(c, `
apiVersion: v1
kind: Pod
metadata: {name: gpu-job}
spec:
  tolerations: [{key: gpu, operator: Equal, value: "true", effect: NoSchedule}]
  nodeSelector: {accelerator: nvidia}
  containers: [{name: c, image: busybox, command: ["sleep", "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: needs-ssd}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchExpressions: [{key: disktype, operator: In, values: [ssd]}]}]
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Pod
metadata: {name: wants-gpu-untolerated}
spec:
  nodeSelector: {accelerator: nvidia}
  containers: [{name: c, image: nginx}]
`);
    c.advance(30);
    expect(c.api.get<Pod>('pods', 'default', 'gpu-job').spec.nodeName).toBe(n0);
    expect(c.api.get<Pod>('pods', 'default', 'needs-ssd').spec.nodeName).toBe(n1);
    const stuck = c.api.get<Pod>('pods', 'default', 'wants-gpu-untolerated');
    expect(stuck.spec.nodeName).toBeUndefined();
    expect(stuck.status?.conditions?.[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    void n2;
  });
});

describe('self-healing', () => {
  it('marks a powered-off node NotReady after the grace period and replaces its pods after tolerationSeconds', () => {
    const c = testCluster();
    createFromYaml(c, NGINX_DEPLOYMENT(6));
    waitFor(c, () => rolledOut(c, 6));
    const victim = pods(c, 'default', 'app=web')[0].spec.nodeName!;
    const start = c.clock.now();
    c.nodes.get(victim)!.kubelet.powerOff();
    const ready = () => c.api.get('nodes', undefined, victim).status?.conditions?.find((x: any) => x.type === 'Ready')?.status;
    const notReadyAfter = waitFor(c, () => ready() === 'Unknown', 120);
    // node-monitor-grace-period is 50 s (1.32); the monitor runs every 5 s, and the last
    // heartbeat was up to 10 s before the power went.
    expect(notReadyAfter).toBeGreaterThanOrEqual(40);
    expect(notReadyAfter).toBeLessThanOrEqual(60);
    expect(c.api.get('nodes', undefined, victim).spec.taints.map((t: any) => `${t.key}:${t.effect}`)).toEqual(
      expect.arrayContaining(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']),
    );
    // Pods stay bound to the dead node for the 300 s toleration, then are replaced elsewhere.
    c.advance(200);
    expect(pods(c, 'default', 'app=web').some((p) => p.spec.nodeName === victim && !p.metadata.deletionTimestamp)).toBe(true);
    waitFor(c, () => {
      const live = pods(c, 'default', 'app=web').filter((p) => p.spec.nodeName !== victim && isReady(p));
      return live.length === 6;
    }, 300);
    expect((c.clock.now() - start) / 1000).toBeGreaterThan(340);
  });

  it('backs off a crashing container 10 s, 20 s, 40 s ... and shows CrashLoopBackOff', () => {
    const c = testCluster();
    createFromYaml(c, `
apiVersion: v1
kind: Pod
metadata: {name: crasher}
spec:
  containers: [{name: app, image: busybox, command: ["sh", "-c", "echo starting; exit 1"]}]
`);
    const restarts: number[] = [];
    let last = 0;
    let sawCrashLoop = false;
    waitFor(c, () => {
      const cs = c.api.get<Pod>('pods', 'default', 'crasher').status?.containerStatuses?.[0];
      if (cs?.state.waiting?.reason === 'CrashLoopBackOff') sawCrashLoop = true;
      const n = cs?.restartCount ?? 0;
      if (n > last) {
        restarts.push(c.clock.now() / 1000);
        last = n;
      }
      return n >= 5;
    }, 400, 0.5);
    // The first restart is immediate; then the kubelet waits 10 s, 20 s, 40 s, 80 s (capped at 300 s).
    const gaps = restarts.slice(1).map((t, i) => t - restarts[i]);
    expect(gaps.map((g) => Math.round(g / 10) * 10)).toEqual([10, 20, 40, 80]);
    expect(sawCrashLoop).toBe(true);
    const backoff = c.api.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=crasher,reason=BackOff' }).items;
    expect(backoff[0]?.message).toMatch(/^Back-off restarting failed container app in pod crasher_default\(/);
  });

  it('covers a node added later with each DaemonSet', () => {
    const c = testCluster();
    const name = c.addNode('nodepool1');
    waitFor(c, () => pods(c, 'kube-system').filter((p) => p.spec.nodeName === name && p.status?.phase === 'Running').length >= 6, 180);
    const onNew = pods(c, 'kube-system').filter((p) => p.spec.nodeName === name).map((p) => p.metadata.name!.replace(/-[a-z0-9]{5}$/, ''));
    expect(onNew.sort()).toEqual(['azure-cns', 'azure-ip-masq-agent', 'cloud-node-manager', 'csi-azuredisk-node', 'csi-azurefile-node', 'kube-proxy']);
  });
});

describe('shell scripts in containers', () => {
  it('runs a never-ending `while true` loop as a long-running container that logs each turn', () => {
    const c = testCluster();
    createFromYaml(
      c,
      `apiVersion: v1
kind: Pod
metadata: {name: ticker}
spec:
  containers:
  - name: c
    image: busybox
    command: [sh, -c, 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 5; done']
`,
    );
    waitFor(c, () => c.api.get<Pod>('pods', 'default', 'ticker').status?.phase === 'Running', 120);
    c.advance(60);
    const pod = c.api.get<Pod>('pods', 'default', 'ticker');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.containerStatuses?.[0].restartCount).toBe(0);
    const lines = c.api.logs('default', 'ticker').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(lines[0]).toMatch(/^tick /);
  });
});
