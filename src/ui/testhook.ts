// `window.clusterlab`: the app's hook for end-to-end tests, demos and the curious, documented in
// the README. Every call goes through the same actions and API as the UI.

import type { KubeObject } from '../sim/api/types';
import type { Explanation } from '../sim/scheduler/explain';
import type { ApplyResult, ClockState, ControllerCycle, NodeAction, SchedulerCycle } from '../worker/protocol';
import type { FaultKind } from '../sim/faults/faults';
import type { FaultResult, Replies } from '../worker/protocol';
import { actions } from './actions';
import type { Session } from './cluster/session';
import { useExplainer } from './features/explainer/store';
import { runInSession, shellSession } from './features/terminal/run';
import { timeTravelActions } from './features/timetravel/actions';
import type { SessionFile, TimelineSummary } from '../worker/protocol';

export interface ClusterlabHook {
  /** Server-side apply every document of a YAML text; one result per document. */
  apply(yaml: string, opts?: { dryRun?: boolean }): Promise<ApplyResult[]>;
  /** Delete what every document of a YAML text names. */
  delete(yaml: string): Promise<ApplyResult[]>;
  /** Run `seconds` of virtual time now (also while paused); resolves when the app has seen it. */
  advance(seconds: number): Promise<ClockState>;
  /** Objects of a kind (`pods`, `Pod`, `deploy`...), in one namespace or all. */
  list(kind: string, namespace?: string): Promise<KubeObject[]>;
  get(kind: string, namespace: string | undefined, name: string): Promise<KubeObject>;
  clock(): Promise<ClockState>;
  pause(): Promise<ClockState>;
  resume(): Promise<ClockState>;
  setSpeed(speed: number): Promise<ClockState>;
  node(action: NodeAction['action'], node?: string): Promise<{ node?: string; message: string }>;
  /**
   * Inject (`on`, the default) or heal a fault: `fault('partition', node)`, `fault('oom', 'ns/pod')`,
   * `fault('etcd-member-down', 'leader')`, `fault('stop-scheduler', undefined, false)`...
   */
  fault(kind: FaultKind, target?: string, on?: boolean): Promise<FaultResult>;
  /** The faults in force and etcd's members, leader, term and quorum. */
  faults(): Promise<Replies['faults']>;
  /** The simulation's state hash (same seed + same inputs = same hash). */
  hash(): Promise<string>;
  /**
   * Run a kubectl command line (`get nodes`, `kubectl get nodes` or `k get nodes`) as the
   * terminal does; resolves to exactly the text the terminal prints (stdout and stderr interleaved as kubectl wrote them).
   */
  kubectl(commandLine: string): Promise<string>;
  /** The session's inputs, branches and span (times in ms since the cluster was created). */
  timeline(): Promise<TimelineSummary>;
  /** Go to an instant (seconds since the cluster was created): back by rebuild + replay, forward along the branch's plan. */
  rewind(seconds: number): Promise<TimelineSummary>;
  /** Continue on another branch of the session, where it was left. */
  branch(id: number): Promise<TimelineSummary>;
  /** The session as a file (seed, spec, journal) and load one (refused whole if invalid). */
  session(): Promise<SessionFile>;
  loadSession(session: unknown): Promise<TimelineSummary>;
  /** Every scheduling attempt of a pod, explained (summary, filter verdicts and scores per node). */
  explain(namespace: string, name: string): Promise<Explanation[]>;
  /** Open the scheduler explainer panel on a pod (as "Why Pending?" / "Why here?" does). */
  openExplainer(namespace: string, name: string): Promise<void>;
  /** The scheduling cycle's statechart: phase, stepping, the pod and node it is on. */
  scheduler(): Promise<SchedulerCycle>;
  /** Scheduler step mode on or off (off finishes a cycle left mid-way, then runs freely). */
  setSchedulerStepping(on: boolean): Promise<SchedulerCycle>;
  /** One phase of the scheduling cycle (step mode only). */
  schedulerStep(): Promise<SchedulerCycle>;
  /** A controller's step mode on or off (`replicaset-controller`...). */
  setControllerStepping(name: string, on: boolean): Promise<ControllerCycle>;
  /** One phase of that controller's reconcile (step mode only): dequeue, read, diff, manage, status, done. */
  controllerStep(name: string): Promise<ControllerCycle>;
}

declare global {
  interface Window {
    clusterlab?: ClusterlabHook;
  }
}

export function createHook(s: Session): ClusterlabHook {
  return {
    apply: (yaml, opts) => actions.apply.perform(s, { yaml, dryRun: opts?.dryRun }),
    delete: (yaml) => actions.deleteManifest.perform(s, { yaml }),
    advance: (seconds) => actions.advance.perform(s, seconds),
    list: async (kind, namespace) => (await s.client.request({ op: 'list', resource: kind, namespace })).items,
    get: (kind, namespace, name) => s.client.request({ op: 'get', resource: kind, namespace, name }),
    clock: () => s.client.request({ op: 'clock' }),
    pause: () => actions.pause.perform(s),
    resume: () => actions.play.perform(s),
    setSpeed: (speed) => actions.setSpeed.perform(s, speed),
    node: (action, node) => s.client.request({ op: 'node', node: (action === 'add' ? { action, pool: node } : { action, node }) as NodeAction }),
    hash: () => s.client.request({ op: 'hash' }),
    timeline: () => s.client.request({ op: 'timeline' }),
    rewind: (seconds) => timeTravelActions.rewind.perform(s, { at: Math.round(seconds * 1000) }),
    branch: (id) => timeTravelActions.branch.perform(s, id),
    session: () => timeTravelActions.exportSession.perform(s),
    loadSession: (file) => timeTravelActions.load.perform(s, typeof file === 'string' ? JSON.parse(file) : file),
    fault: (kind, target, on = true) => s.client.request({ op: 'fault', fault: { kind, target, on } }),
    faults: () => s.client.request({ op: 'faults' }),
    explain: (namespace, name) => s.client.request({ op: 'explain', namespace, name }),
    openExplainer: async (namespace, name) => useExplainer.getState().openFor(`${namespace}/${name}`),
    scheduler: () => s.client.request({ op: 'scheduler' }),
    setSchedulerStepping: (on) => actions.schedulerStepping.perform(s, on),
    schedulerStep: () => actions.schedulerStep.perform(s),
    setControllerStepping: (name, on) => actions.controllerStepping.perform(s, { name, stepping: on }),
    controllerStep: (name) => actions.controllerStep.perform(s, name),
    kubectl: async (commandLine) => {
      // Inside an interactive session (exec -it, debug -it) the line goes to its shell as typed.
      const line = shellSession.current || /^\s*(kubectl|k)(\s|$)/.test(commandLine) ? commandLine : `kubectl ${commandLine}`;
      return (await runInSession(s, line)).output;
    },
  };
}
