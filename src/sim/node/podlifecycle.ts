// Per-pod and per-container lifecycles as statecharts. At 30,000 pods a live actor each would
// cost too much, so these are DATA: a snapshot stored on the kubelet's pod record, advanced with
// xstate's pure `transition()`. The kubelet decides which event to send (from time, images,
// probes); the machines hold what the API shows (container state, last state, restarts, ready).

import { assign, createActor, initialTransition, setup, transition, type ActorScope, type ActorSystem, type SnapshotFrom } from 'xstate';

export interface Terminated {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}

export interface ContainerContext {
  /** The runtime's full image name once started ('' before: the status shows the spec's image). */
  image: string;
  imageID: string;
  containerID?: string;
  waiting?: { reason: string; message?: string };
  startedAt?: string;
  terminated?: Terminated;
  lastTerminated?: Terminated;
  restartCount: number;
  ready: boolean;
  started: boolean;
}

export type ContainerEvent =
  | { type: 'WAIT'; reason: string; message?: string }
  | { type: 'START'; at: string; containerID: string; image: string; imageID: string; ready: boolean }
  | { type: 'EXIT'; at: string; exitCode: number; reason: string; message?: string }
  | { type: 'READY'; ready: boolean };

export const containerMachine = setup({
  types: {
    context: {} as ContainerContext,
    events: {} as ContainerEvent,
    input: {} as { reason: string },
  },
  actions: {
    setWaiting: assign(({ event }) => {
      const e = event as Extract<ContainerEvent, { type: 'WAIT' }>;
      return { waiting: { reason: e.reason, message: e.message }, ready: false, started: false };
    }),
    start: assign(({ context, event }) => {
      const e = event as Extract<ContainerEvent, { type: 'START' }>;
      // A start after a terminated run is a restart: the old run becomes lastState.
      const restarted = context.terminated !== undefined;
      return {
        waiting: undefined,
        terminated: undefined,
        lastTerminated: restarted ? context.terminated : context.lastTerminated,
        restartCount: context.restartCount + (restarted ? 1 : 0),
        startedAt: e.at,
        containerID: e.containerID,
        image: e.image,
        imageID: e.imageID,
        started: true,
        ready: e.ready,
      };
    }),
    exit: assign(({ context, event }) => {
      const e = event as Extract<ContainerEvent, { type: 'EXIT' }>;
      return {
        terminated: {
          exitCode: e.exitCode,
          reason: e.reason,
          message: e.message,
          startedAt: context.startedAt ?? e.at,
          finishedAt: e.at,
          containerID: context.containerID,
        },
        startedAt: undefined,
        ready: false,
        started: false,
      };
    }),
    setReady: assign(({ event }) => ({ ready: (event as Extract<ContainerEvent, { type: 'READY' }>).ready })),
  },
}).createMachine({
  id: 'container',
  context: ({ input }) => ({ image: '', imageID: '', restartCount: 0, ready: false, started: false, waiting: { reason: input.reason } }),
  initial: 'waiting',
  states: {
    waiting: {
      on: {
        WAIT: { actions: 'setWaiting' },
        START: { target: 'running', actions: 'start' },
      },
    },
    running: {
      on: {
        READY: { actions: 'setReady' },
        EXIT: { target: 'terminated', actions: 'exit' },
      },
    },
    terminated: {
      on: {
        // A restart goes through waiting (CrashLoopBackOff, ContainerCreating while pulling)
        // but keeps `terminated` until START moves it to lastState.
        WAIT: { target: 'waiting', actions: assign(({ event }) => ({ waiting: { reason: (event as { reason: string }).reason, message: (event as { message?: string }).message } })) },
        START: { target: 'running', actions: 'start' },
      },
    },
  },
});

export type ContainerSnapshot = SnapshotFrom<typeof containerMachine>;

// Snapshots are immutable: every new container starts from one of these shared ones.
const initial = new Map<string, ContainerSnapshot>();

export function newContainerSnapshot(reason: string): ContainerSnapshot {
  let s = initial.get(reason);
  if (!s) initial.set(reason, (s = initialTransition(containerMachine, { reason })[0]));
  return s;
}

/**
 * The actor scope the pure steps run in. xstate's `transition()` builds a throwaway actor (and its
 * initial snapshot) for every call; the machine's own `transition` with one shared inert scope is
 * the same pure step (the container machine only assigns context: no action runs, nothing is spawned).
 */
let containerScope: ActorScope<ContainerSnapshot, ContainerEvent, ActorSystem<any>> | undefined;

function inertScope(): ActorScope<ContainerSnapshot, ContainerEvent, ActorSystem<any>> {
  const self = createActor(containerMachine, { input: { reason: 'ContainerCreating' } });
  const noop = () => {};
  return { self, defer: noop, id: '', logger: noop, sessionId: '', stopChild: noop, system: self.system, emit: noop, actionExecutor: noop } as unknown as ActorScope<ContainerSnapshot, ContainerEvent, ActorSystem<any>>;
}

export function stepContainer(s: ContainerSnapshot, e: ContainerEvent): ContainerSnapshot {
  return containerMachine.transition(s, e, (containerScope ??= inertScope()));
}

/** The pod as its kubelet sees it: admitted, sandbox up, init containers done, running, stopping, done. */
export type PodEvent =
  | { type: 'REJECT' }
  | { type: 'SANDBOX_READY' }
  | { type: 'INITIALIZED' }
  | { type: 'COMPLETE'; phase: 'Succeeded' | 'Failed' }
  | { type: 'TERMINATE' }
  | { type: 'STOPPED' }
  | { type: 'SANDBOX_LOST' };

export const podMachine = setup({
  types: { events: {} as PodEvent },
}).createMachine({
  id: 'pod',
  initial: 'admitted',
  states: {
    admitted: {
      on: { REJECT: 'rejected', SANDBOX_READY: 'initializing', TERMINATE: 'terminating', COMPLETE: 'succeededOrFailed' },
    },
    initializing: {
      on: { INITIALIZED: 'running', COMPLETE: 'succeededOrFailed', TERMINATE: 'terminating', SANDBOX_LOST: 'admitted' },
    },
    running: {
      on: { COMPLETE: 'succeededOrFailed', TERMINATE: 'terminating', SANDBOX_LOST: 'admitted' },
    },
    terminating: {
      on: { STOPPED: 'terminated' },
    },
    succeededOrFailed: {
      on: { TERMINATE: 'terminated' },
    },
    terminated: { type: 'final' },
    rejected: { type: 'final' },
  },
});

export type PodSnapshot = SnapshotFrom<typeof podMachine>;

// The pod machine has no context, so its transitions depend on (state, event type) only:
// memoised, 30,000 pods share a handful of snapshots and cost no transition work.
const podSteps = new Map<string, PodSnapshot>();
let podInitial: PodSnapshot | undefined;

export function newPodSnapshot(): PodSnapshot {
  return (podInitial ??= initialTransition(podMachine)[0]);
}

export function stepPod(s: PodSnapshot, e: PodEvent): PodSnapshot {
  const key = `${String(s.value)}|${e.type}`;
  let next = podSteps.get(key);
  if (!next) podSteps.set(key, (next = transition(podMachine, s, e)[0]));
  return next;
}
