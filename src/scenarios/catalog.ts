// The scenario catalog: ready demos for an instructor, as data. Each is a seed, a cluster spec
// and inputs at instants (the same journal entries a live session records), so a scenario is
// just a saved session that starts when the cluster is ready, with its steps as the plan:
// pressing Play runs them at their instants, and the timeline can jump anywhere in between.
// Loadable by URL: `?scenario=<id>`.

import { clusterDigits, DEFAULT_WARMUP_SECONDS, defaultPool, defaultSpec, nodeName, type AksClusterSpec, type NodePoolSpec } from '../sim/aks/spec';
import { Random } from '../sim/random';
import { badRequest } from '../sim/api/errors';
import type { Request } from '../worker/protocol';
import { SESSION_FORMAT, SESSION_VERSION, type SessionFile } from '../host/sessionfile';
import type { JournalEntry } from '../host/journal';

export interface ScenarioStep {
  /** Seconds after the cluster is ready. */
  at: number;
  input: Request;
  /** What to point out when it happens. */
  note: string;
}

export interface Scenario {
  id: string;
  title: string;
  /** For the instructor: what it shows and what to do live. */
  description: string;
  seed: number;
  pools: NodePoolSpec[];
  /** Applied when the scenario opens. */
  setup: Request[];
  /** The plan: applied as the clock reaches each. */
  steps: ScenarioStep[];
  /** Seconds after the cluster is ready by which the demo has played out. */
  duration: number;
}

/** When the cluster is ready (`az aks create` is t = 0), in session ms. */
export const READY_MS = DEFAULT_WARMUP_SECONDS * 1000;

/** The name the n-th VM of a pool gets with this seed (the 8 digits are the seed's first draw). */
export function scenarioNodeName(seed: number, pool: string, index: number): string {
  return nodeName(pool, clusterDigits(new Random(seed)), index);
}

const apply = (yaml: string): Request => ({ op: 'apply', yaml });

function deployment(name: string, o: { replicas: number; image?: string; cpu?: string; memory?: string; strategy?: string; podSpec?: string; labels?: string }): string {
  const resources = o.cpu || o.memory ? `
        resources:
          requests: {${[o.cpu && `cpu: ${o.cpu}`, o.memory && `memory: ${o.memory}`].filter(Boolean).join(', ')}}` : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${o.replicas}${o.strategy ? `\n  strategy:\n${o.strategy}` : ''}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:${o.podSpec ?? ''}
      containers:
      - name: ${name}
        image: ${o.image ?? 'nginx:1.27'}${resources}
`;
}

const SYSTEM_POOL = (o: Partial<NodePoolSpec> = {}) => defaultPool(o);

const GPU_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const };

const gpuPod = (name: string, tolerate: boolean) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:${tolerate ? `
  tolerations:
  - {key: nvidia.com/gpu, operator: Equal, value: present, effect: NoSchedule}` : ''}
  containers:
  - name: trainer
    image: busybox:1.37
    command: [sleep, "86400"]
    resources:
      limits: {nvidia.com/gpu: 1}
`;

const SEED = 7;

export const SCENARIOS: Scenario[] = [
  {
    id: 'bin-packing',
    title: 'Bin packing and Pending pods',
    description:
      'Three Standard_DS2_v2 nodes (1900m CPU allocatable each, part of it taken by kube-system). ' +
      'A Deployment asks 500m CPU per pod; scaling it to 12 fills the nodes and the rest stay Pending: ' +
      'open one and read the scheduler\'s "0/3 nodes are available: 3 Insufficient cpu." Then add a node (or rewind and lower the requests) and watch them bind.',
    seed: SEED,
    pools: [SYSTEM_POOL()],
    setup: [],
    steps: [
      { at: 5, input: apply(deployment('web', { replicas: 3, cpu: '500m', memory: '128Mi' })), note: '3 pods of 500m CPU: they fit' },
      { at: 60, input: apply(deployment('web', { replicas: 12, cpu: '500m', memory: '128Mi' })), note: 'scale to 12: the nodes fill up, the rest are Pending' },
    ],
    duration: 120,
  },
  {
    id: 'gpu-taints',
    title: 'Taints and tolerations with a GPU pool',
    description:
      'A user pool `gpunp` of one Standard_NC6s_v3 (1 NVIDIA V100) tainted nvidia.com/gpu=present:NoSchedule, as the AKS GPU docs do. ' +
      'A pod asking for nvidia.com/gpu without a toleration stays Pending (the GPU node repels it, the others have no GPU); ' +
      'the same pod with the toleration lands on the GPU node. Ordinary web pods never land there.',
    seed: SEED,
    pools: [SYSTEM_POOL(), { name: 'gpunp', count: 1, vmSize: 'Standard_NC6s_v3', mode: 'User', taints: [GPU_TAINT] }],
    setup: [],
    steps: [
      { at: 5, input: apply(deployment('web', { replicas: 4, cpu: '100m' })), note: 'web pods: none on the tainted GPU node' },
      { at: 20, input: apply(gpuPod('train-untolerated', false)), note: 'no toleration: Pending' },
      { at: 60, input: apply(gpuPod('train', true)), note: 'with the toleration: bound to the GPU node' },
    ],
    duration: 120,
  },
  {
    id: 'affinity',
    title: 'Node affinity and pod anti-affinity',
    description:
      'Three nodes in zones eastus-1, -2 and -3. The Deployment requires zones 1 or 2 (node affinity) and at most one replica per node ' +
      '(required pod anti-affinity on kubernetes.io/hostname). With 3 replicas, two run and the third cannot go anywhere: ' +
      'read its FailedScheduling message, which names both reasons.',
    seed: SEED,
    pools: [SYSTEM_POOL({ zones: ['1', '2', '3'] })],
    setup: [],
    steps: [
      {
        at: 5,
        input: apply(
          deployment('cache', {
            replicas: 3,
            image: 'redis:7.4',
            podSpec: `
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: topology.kubernetes.io/zone, operator: In, values: [eastus-1, eastus-2]}
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchLabels: {app: cache}
            topologyKey: kubernetes.io/hostname`,
          }),
        ),
        note: 'two replicas run (zones 1 and 2), the third is Pending',
      },
    ],
    duration: 60,
  },
  {
    id: 'topology-spread',
    title: 'Topology spread across zones',
    description:
      'A zonal pool: three nodes in availability zones 1, 2 and 3 (topology.kubernetes.io/zone=eastus-1...). ' +
      'Six replicas with a topology spread constraint (maxSkew 1 over zones, DoNotSchedule) land two per zone. ' +
      'Then the zone-3 node is cordoned and the Deployment scaled to 9: the cordoned zone still counts (2 pods), so zones 1 and 2 ' +
      'may take one more each and the ninth pod stays Pending with "didn\'t match pod topology spread constraints".',
    seed: SEED,
    pools: [SYSTEM_POOL({ zones: ['1', '2', '3'] })],
    setup: [],
    steps: [
      {
        at: 5,
        input: apply(spreadDeployment(6)),
        note: 'two pods per zone',
      },
      { at: 60, input: { op: 'node', node: { action: 'cordon', node: scenarioNodeName(SEED, 'nodepool1', 2) } }, note: 'zone 3 takes no new pods' },
      { at: 70, input: apply(spreadDeployment(9)), note: 'scale to 9: a skew above 1 is not allowed, one pod Pending' },
    ],
    duration: 120,
  },
  {
    id: 'node-failure',
    title: 'Node failure and eviction',
    description:
      'A 3-replica Deployment, then one VM is powered off. Watch the real timings: the node goes NotReady (Unknown) ' +
      'after the 50 s node-monitor grace period and gets the node.kubernetes.io/unreachable taints; its pods tolerate them for 300 s, ' +
      'then are evicted and the ReplicaSet replaces them on the other nodes. Rewind to before the power-off and cordon the node instead.',
    seed: SEED,
    pools: [SYSTEM_POOL()],
    setup: [apply(deployment('web', { replicas: 3, cpu: '100m' }))],
    steps: [{ at: 60, input: { op: 'node', node: { action: 'power-off', node: scenarioNodeName(SEED, 'nodepool1', 0) } }, note: 'the VM is gone: no more heartbeats' }],
    duration: 480,
  },
  {
    id: 'rolling-update',
    title: 'Rolling update with maxSurge and maxUnavailable',
    description:
      'Four replicas of nginx:1.27 with maxSurge 1 and maxUnavailable 0: the update to nginx:1.28 adds one new pod, waits for it to be ' +
      'Ready, removes one old pod, and so on: never more than 5 pods, never fewer than 4 available. Watch the two ReplicaSets trade replicas.',
    seed: SEED,
    pools: [SYSTEM_POOL()],
    setup: [apply(rollingDeployment('nginx:1.27'))],
    steps: [{ at: 30, input: apply(rollingDeployment('nginx:1.28')), note: 'new image: a new ReplicaSet scales up one pod at a time' }],
    duration: 150,
  },
  {
    id: 'daemonset',
    title: 'DaemonSet on a new node',
    description:
      'A DaemonSet runs one pod per node. Scale the pool out by one VM: as soon as the new node registers, the DaemonSet controller ' +
      'creates a pod for it (bound to that node by node affinity), next to kube-proxy and the other kube-system DaemonSets.',
    seed: SEED,
    pools: [SYSTEM_POOL()],
    setup: [
      apply(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
spec:
  selector:
    matchLabels: {app: log-agent}
  template:
    metadata:
      labels: {app: log-agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.37
        command: [sleep, "86400"]
        resources:
          requests: {cpu: 10m, memory: 16Mi}
`),
    ],
    steps: [{ at: 30, input: { op: 'node', node: { action: 'add', pool: 'nodepool1' } }, note: 'a fourth VM boots and registers' }],
    duration: 150,
  },
  {
    id: 'crashloop',
    title: 'CrashLoopBackOff',
    description:
      'A container that exits with an error right after starting. The kubelet restarts it with an exponential back-off ' +
      '(10 s, 20 s, 40 s... capped at 5 min): the pod shows CrashLoopBackOff between attempts and its restart count climbs. ' +
      'Read the BackOff events and `kubectl logs --previous`.',
    seed: SEED,
    pools: [SYSTEM_POOL()],
    setup: [],
    steps: [{ at: 5, input: apply(deployment('payments', { replicas: 1, image: 'clusterlab/crash:1.0' })), note: 'the container exits 1 every time' }],
    duration: 300,
  },
];

function spreadDeployment(replicas: number): string {
  return deployment('web', {
    replicas,
    cpu: '100m',
    podSpec: `
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels: {app: web}`,
  });
}

function rollingDeployment(image: string): string {
  return deployment('web', {
    replicas: 4,
    image,
    cpu: '100m',
    strategy: `    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}`,
  });
}

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioSpec(s: Scenario): AksClusterSpec {
  return defaultSpec({ pools: structuredClone(s.pools) });
}

/** A scenario as a session: setup applied when the cluster is ready, the steps as the plan. */
export function scenarioSession(id: string): SessionFile {
  const s = findScenario(id);
  if (!s) throw badRequest(`unknown scenario "${id}": the catalog has ${SCENARIOS.map((x) => x.id).join(', ')}`);
  const journal: JournalEntry[] = [
    ...s.setup.map((req) => ({ at: READY_MS, req })),
    ...s.steps.map((step) => ({ at: READY_MS + step.at * 1000, req: step.input })),
  ];
  return {
    format: SESSION_FORMAT, version: SESSION_VERSION, title: s.id, seed: s.seed, spec: scenarioSpec(s), journal,
    now: READY_MS, applied: s.setup.length, horizon: READY_MS + s.duration * 1000,
  };
}
