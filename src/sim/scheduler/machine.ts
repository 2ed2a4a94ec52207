// The scheduling cycle as a statechart, one state per phase so a learner can watch a pod go
// idle -> pop -> filter -> (postFilter when no node fits) -> score -> reserve -> bind -> idle.
// Running, the phases follow each other at once (eventless transitions) and one pod is scheduled
// per NEXT event; the scheduler sends the next NEXT through clock.defer so other components run
// in between. With `stepping` on, every phase waits for a STEP event instead.

import { and, assign, setup } from 'xstate';

/** What the phases do; implemented by the Scheduler. */
export interface CycleHooks {
  /** Pop the next pod and start its cycle; undefined when there is none (or it is skipped). */
  pop(): string | undefined;
  /** Filter; returns how many nodes are feasible. */
  filter(): number;
  /** Preemption and the failure handling (event, condition, requeue). */
  postFilter(): void;
  /** Score and select a host; returns it. */
  score(): string;
  /** Assume the pod on the host in the cache (Reserve). */
  reserve(): void;
  /** Bind through the API; false when the binding failed (the pod is requeued). */
  bind(): boolean;
  /** The cycle is over (or there was nothing to do). */
  idle(): void;
}

export interface SchedulerContext {
  stepping: boolean;
  stopRequested: boolean;
  pod?: string;
  feasible: number;
  node?: string;
  cycles: number;
  scheduled: number;
  failed: number;
}

export type SchedulerEvent =
  | { type: 'NEXT' }
  | { type: 'STEP' }
  | { type: 'STOP' }
  | { type: 'RESUME' }
  | { type: 'SET_STEPPING'; stepping: boolean };

export function createSchedulerMachine(h: CycleHooks) {
  return setup({
    types: { context: {} as SchedulerContext, events: {} as SchedulerEvent },
    actions: {
      popPod: assign(({ context }) => ({ pod: h.pop(), feasible: 0, node: undefined, cycles: context.cycles })),
      runFilter: assign(() => ({ feasible: h.filter() })),
      runPostFilter: assign(({ context }) => {
        h.postFilter();
        return { failed: context.failed + 1 };
      }),
      runScore: assign(() => ({ node: h.score() })),
      runReserve: () => h.reserve(),
      runBind: assign(({ context }) => (h.bind() ? { scheduled: context.scheduled + 1 } : { failed: context.failed + 1 })),
      cycleDone: assign(({ context }) => {
        h.idle();
        return { pod: undefined, cycles: context.pod ? context.cycles + 1 : context.cycles };
      }),
      requestStop: assign({ stopRequested: true }),
      clearStop: assign({ stopRequested: false }),
      setStepping: assign(({ event }) => ({ stepping: event.type === 'SET_STEPPING' ? event.stepping : false })),
    },
    guards: {
      running: ({ context }) => !context.stepping,
      stepping: ({ context }) => context.stepping,
      stopRequested: ({ context }) => context.stopRequested,
      noPod: ({ context }) => context.pod === undefined,
      noFeasibleNode: ({ context }) => context.feasible === 0,
    },
  }).createMachine({
    id: 'kube-scheduler',
    context: { stepping: false, stopRequested: false, feasible: 0, cycles: 0, scheduled: 0, failed: 0 },
    initial: 'idle',
    on: {
      SET_STEPPING: { actions: 'setStepping' },
      STOP: { actions: 'requestStop' },
    },
    states: {
      idle: {
        entry: 'cycleDone',
        always: { guard: 'stopRequested', target: 'stopped' },
        on: {
          NEXT: { guard: 'running', target: 'pop' },
          STEP: { guard: 'stepping', target: 'pop' },
        },
      },
      pop: {
        entry: 'popPod',
        always: [
          { guard: and(['running', 'noPod']), target: 'idle' },
          { guard: 'running', target: 'filter' },
        ],
        on: { STEP: [{ guard: 'noPod', target: 'idle' }, { target: 'filter' }] },
      },
      filter: {
        entry: 'runFilter',
        always: [
          { guard: and(['running', 'noFeasibleNode']), target: 'postFilter' },
          { guard: 'running', target: 'score' },
        ],
        on: { STEP: [{ guard: 'noFeasibleNode', target: 'postFilter' }, { target: 'score' }] },
      },
      postFilter: {
        entry: 'runPostFilter',
        always: { guard: 'running', target: 'idle' },
        on: { STEP: 'idle' },
      },
      score: {
        entry: 'runScore',
        always: { guard: 'running', target: 'reserve' },
        on: { STEP: 'reserve' },
      },
      reserve: {
        entry: 'runReserve',
        always: { guard: 'running', target: 'bind' },
        on: { STEP: 'bind' },
      },
      bind: {
        entry: 'runBind',
        always: { guard: 'running', target: 'idle' },
        on: { STEP: 'idle' },
      },
      stopped: {
        on: { RESUME: { target: 'idle', actions: 'clearStop' } },
      },
    },
  });
}
