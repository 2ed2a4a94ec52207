// printPod and printPodTemplate from pkg/printers/internalversion/printers.go (Kubernetes 1.32).
// STATUS is the famous aggregate: pod phase, overridden by the pod's reason, by init progress
// (Init:1/2, Init:CrashLoopBackOff...), by the last container's waiting/terminated reason,
// then by deletion (Terminating, or Unknown for pods on an unreachable node).

import type { Container, ContainerStatus, KubeObject, Pod } from '../api/types';
import { humanDuration, parseTime, translateTimestampSince } from './duration';
import { formatLabels, layoutContainerCells } from './format';
import { CONTAINERS_DESC, IMAGES_DESC, ageCol, col, nameCol, wide, type Printer, type TableRow } from './table';

const podColumns = [
  nameCol(),
  col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'string', 'The aggregate status of the containers in this pod.'),
  col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageCol(),
  col('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', wide),
  col('Node', 'string', 'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename', wide),
  col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.', wide),
  col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates', wide),
];

// node.NodeUnreachablePodReason: set by the node lifecycle controller on pods of a lost node.
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

/** A sidecar: an init container with restartPolicy Always (podutil.IsRestartableInitContainer). */
function isRestartableInit(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** The later of a running "last restart" time and a container's last termination (ms, 0 = zero time). */
function laterFinish(current: number, cs: ContainerStatus): number {
  const finished = parseTime(cs.lastState?.terminated?.finishedAt);
  return finished !== undefined && finished > current ? finished : current;
}

function conditionTrue(pod: Pod, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
function initializedTrue(pod: Pod): boolean {
  const c = (pod.status?.conditions ?? []).find((x) => x.type === 'Initialized');
  return c?.status === 'True';
}

export function printPod(obj: KubeObject, now: number): TableRow {
  const pod = obj as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers ?? []).length;
  let readyContainers = 0;
  let lastRestart = 0;
  let lastRestartableInitRestart = 0;

  const podPhase = status.phase ?? '';
  let reason: string = status.reason || podPhase;

  // A pod held by scheduling gates says so instead of Pending.
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const row: TableRow = { cells: [] };
  if (podPhase === 'Succeeded') {
    row.conditions = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
  } else if (podPhase === 'Failed') {
    row.conditions = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
  }

  const initContainers = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    initContainers.set(c.name, c);
    if (isRestartableInit(c)) totalContainers++;
  }
  const initCount = (spec.initContainers ?? []).length;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const state = cs.state ?? {};
    restarts += cs.restartCount ?? 0;
    lastRestart = laterFinish(lastRestart, cs);
    const restartable = isRestartableInit(initContainers.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount ?? 0;
      lastRestartableInitRestart = laterFinish(lastRestartableInitRestart, cs);
    }
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (state.terminated) {
      // Initialization failed.
      const t = state.terminated as { reason?: string; exitCode: number; signal?: number };
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode ?? 0}`;
      else reason = `Init:${t.reason}`;
    } else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${initCount}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedTrue(pod)) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Walk backwards so the first container's state wins, as upstream does.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      const state = cs.state ?? {};
      restarts += cs.restartCount ?? 0;
      lastRestart = laterFinish(lastRestart, cs);
      const t = state.terminated as { reason?: string; exitCode: number; signal?: number } | undefined;
      if (state.waiting?.reason) reason = state.waiting.reason;
      else if (t?.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
      else if (cs.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod with one container completed and another still running is not "Completed".
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && podPhase !== 'Succeeded' && podPhase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) {
    restartsStr = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  }

  // The API server converts v1 podIP into podIPs, so a status with only podIP still prints it.
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const gates = (spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
  let readinessGates = '<none>';
  if (gates.length > 0) {
    let trueConditions = 0;
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType);
      if (c?.status === 'True') trueConditions++;
    }
    readinessGates = `${trueConditions}/${gates.length}`;
  }

  row.cells = [
    pod.metadata?.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsStr,
    translateTimestampSince(pod.metadata?.creationTimestamp, now),
    podIP,
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates,
  ];
  return row;
}

export const podPrinter: Printer = { columns: podColumns, row: printPod };

export const podTemplatePrinter: Printer = {
  columns: [
    nameCol(),
    col('Containers', 'string', CONTAINERS_DESC),
    col('Images', 'string', IMAGES_DESC),
    col('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row: (o) => {
    const [names, images] = layoutContainerCells(o.template?.spec?.containers);
    return { cells: [o.metadata?.name ?? '', names, images, formatLabels(o.template?.metadata?.labels)] };
  },
};
