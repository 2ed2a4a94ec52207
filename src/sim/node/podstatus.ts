// The pod status a kubelet reports (kubelet_pods.go generateAPIPodStatus / getPhase and
// pkg/kubelet/status): phase from the containers' states, the five conditions in their order,
// container statuses with state / lastState / restarts, and the IPs and start time.

import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types';
import type { ContainerSnapshot, Terminated } from './podlifecycle';

export interface ContainerView {
  spec: Container;
  snap: ContainerSnapshot;
}

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady']);

function terminatedState(t: Terminated): ContainerState['terminated'] {
  const out: NonNullable<ContainerState['terminated']> = { exitCode: t.exitCode, reason: t.reason, startedAt: t.startedAt, finishedAt: t.finishedAt, containerID: t.containerID };
  if (t.message) out.message = t.message;
  return out;
}

/** The API's ContainerStatus from a container's lifecycle snapshot. */
export function containerStatus(v: ContainerView): ContainerStatus {
  const ctx = v.snap.context;
  const value = v.snap.value as 'waiting' | 'running' | 'terminated';
  let state: ContainerState;
  let last: Terminated | undefined = ctx.lastTerminated;
  if (value === 'running') state = { running: { startedAt: ctx.startedAt } };
  else if (value === 'terminated') state = { terminated: terminatedState(ctx.terminated!) };
  else {
    state = { waiting: ctx.waiting?.message ? { reason: ctx.waiting.reason, message: ctx.waiting.message } : { reason: ctx.waiting?.reason } };
    // Waiting to restart: the run that ended is the last state.
    if (ctx.terminated) last = ctx.terminated;
  }
  const s: ContainerStatus = {
    name: v.spec.name,
    state,
    lastState: last ? { terminated: terminatedState(last) } : {},
    ready: ctx.ready,
    restartCount: ctx.restartCount,
    image: ctx.image || (v.spec.image ?? ''),
    imageID: ctx.imageID,
    started: ctx.started,
  };
  if (value === 'running' || (value === 'terminated' && ctx.containerID)) s.containerID = ctx.containerID;
  const mounts = (v.spec.volumeMounts as { name: string; mountPath: string; readOnly?: boolean }[] | undefined) ?? [];
  if (mounts.length) {
    (s as ContainerStatus & { volumeMounts: unknown[] }).volumeMounts = mounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return s;
}

const isSucceeded = (v: ContainerView) => v.snap.value === 'terminated' && v.snap.context.terminated?.exitCode === 0;

/** getPhase (kubelet_pods.go), for pods that are not being torn down. */
export function computePhase(pod: Pod, init: ContainerView[], containers: ContainerView[], podIsTerminal: boolean): Phase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  // Init containers: pending until all have succeeded; one failing for good fails the pod.
  for (const v of init) {
    if (isSucceeded(v)) continue;
    const ctx = v.snap.context;
    if (v.snap.value === 'terminated' && policy === 'Never') return 'Failed';
    void ctx;
    return 'Pending';
  }
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const v of containers) {
    const ctx = v.snap.context;
    if (v.snap.value === 'running') running++;
    else if (v.snap.value === 'terminated') {
      stopped++;
      if (ctx.terminated?.exitCode === 0) succeeded++;
    } else if (ctx.terminated || ctx.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export interface StatusInput {
  pod: Pod;
  phase: Phase;
  reason?: string;
  message?: string;
  hostIP: string;
  podIP?: string;
  startTime?: string;
  sandboxReady: boolean;
  init: ContainerView[];
  containers: ContainerView[];
  /** Condition type -> status and when it last changed (kept by the caller across writes). */
  condTimes: Map<string, { status: string; at: string }>;
  now: string;
}

export function buildPodStatus(s: StatusInput): PodStatus {
  const cond = (type: string, ok: boolean, reason?: string, message?: string): PodCondition => {
    const status = ok ? 'True' : 'False';
    let t = s.condTimes.get(type);
    if (!t || t.status !== status) s.condTimes.set(type, (t = { status, at: s.now }));
    const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: t.at };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const completed = s.phase === 'Succeeded';
  const incompleteInit = s.init.filter((v) => !isSucceeded(v)).map((v) => v.spec.name);
  const unready = s.containers.filter((v) => !v.snap.context.ready).map((v) => v.spec.name);
  const initOk = incompleteInit.length === 0;
  const containersReady = unready.length === 0;
  const readyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const readyMsg = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions: PodCondition[] = [
    cond('PodReadyToStartContainers', s.sandboxReady),
    initOk ? cond('Initialized', true, completed && s.init.length ? 'PodCompleted' : undefined) : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInit.join(' ')}]`),
    containersReady && !completed ? cond('Ready', true) : cond('Ready', false, readyReason, readyMsg),
    containersReady && !completed ? cond('ContainersReady', true) : cond('ContainersReady', false, readyReason, readyMsg),
  ];
  // Conditions other components own (PodScheduled, DisruptionTarget, readiness gates) stay as they are.
  for (const c of s.pod.status?.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
  const status: PodStatus = { phase: s.phase, conditions };
  if (s.reason) status.reason = s.reason;
  if (s.message) status.message = s.message;
  status.hostIP = s.hostIP;
  status.hostIPs = [{ ip: s.hostIP }];
  if (s.podIP) {
    status.podIP = s.podIP;
    status.podIPs = [{ ip: s.podIP }];
  }
  if (s.startTime) status.startTime = s.startTime;
  if (s.init.length) status.initContainerStatuses = s.init.map(containerStatus);
  status.containerStatuses = s.containers.map(containerStatus);
  if (s.pod.status?.qosClass) status.qosClass = s.pod.status.qosClass;
  if (s.pod.status?.nominatedNodeName) status.nominatedNodeName = s.pod.status.nominatedNodeName;
  return status;
}
