// The messages between the app (main thread) and the Web Worker that hosts the simulation.
// The app is a client of the simulated API server, like kubectl: it reads by list + watch and
// writes by apply/delete; what the API does not carry (component states, trace) has its own ops.
// Every message is structured-clone safe (plain JSON data).

import type { KubeObject } from '../sim/api/types';
import type { Status } from '../sim/api/errors';
import type { WatchEvent } from '../sim/apiserver/apiserver';
import type { TraceEvent } from '../sim/trace';
import type { ClockState } from '../host/clock';
import type { SchedulingAttempt } from '../sim/scheduler/attempt';
import type { ActiveFault, FaultResult, FaultSpec } from '../sim/faults/faults';
import type { EtcdStatus } from '../sim/etcd/raft';

export type { ActiveFault, EtcdStatus, FaultResult, FaultSpec };
import type { Explanation } from '../sim/scheduler/explain';
import type { AksClusterSpec } from '../sim/aks/spec';
import type { CommandTree } from '../cli/kubectl';
import type { SessionFile } from '../host/sessionfile';
import type { TimelineSummary } from '../host/timetravel';

export type { ClockState, SessionFile, TimelineSummary };

export interface InitOptions {
  seed?: number;
  /** Nodes in the system pool nodepool1 (default 3). */
  nodes?: number;
  /** Simulated seconds per wall second (default 1). */
  speed?: number;
  /** Start paused (tests and demos that drive the clock themselves). */
  paused?: boolean;
  /** The whole cluster spec (pools, zones, taints), instead of `nodes`. */
  spec?: Partial<AksClusterSpec>;
  /** Open a saved session (a file or link) instead of a new cluster; checked first. */
  session?: unknown;
  /** Open a demo of the scenario catalog by id (`bin-packing`...). */
  scenario?: string;
}

export type ClockControl =
  | { action: 'pause' | 'resume' | 'step' }
  | { action: 'advance'; seconds: number }
  | { speed: number };

/** What the UI can do to a node: API operations (as kubectl does them) or the VM/kubelet itself. */
export type NodeAction =
  | { action: 'add'; pool?: string }
  | { action: 'remove'; node: string }
  | { action: 'cordon' | 'uncordon' | 'drain'; node: string }
  | { action: 'stop-kubelet' | 'start-kubelet' | 'power-off' | 'power-on'; node: string };

/** Step mode of the scheduler or a controller: `step` runs one phase (only while stepping). */
export type StepControl = { action: 'step' } | { stepping: boolean };

/** Where a controller's reconcile loop is (step mode), for one controller. */
export interface ControllerCycle {
  /** e.g. replicaset-controller. */
  name: string;
  /** The loop's statechart: idle, reconciling or stopped. */
  state: string;
  stepping: boolean;
  /** The key being reconciled, and the phase just done (dequeue, read, diff, manage, status, done, error). */
  key?: string;
  phase?: string;
  detail?: string;
  /** Keys waiting in its work queue. */
  queue: number;
}

/** Nodes the Filter phase rejected (first failing plugin and its reasons) and the feasible ones. */
export interface CycleVerdicts {
  rejected: { node: string; plugin?: string; reasons?: string[] }[];
  feasible: string[];
  /** A PreFilter rejection: every node is rejected with this. */
  preFilter?: { plugin: string; message: string };
}

/** Where kube-scheduler's cycle is (its statechart), and on what. */
export interface SchedulerCycle {
  /** idle, pop, filter, postFilter, score, reserve, bind or stopped. */
  phase: string;
  stepping: boolean;
  /** The pod the cycle is on (namespace/name). */
  pod?: string;
  /** The node chosen (after score). */
  node?: string;
  /** Feasible nodes (after filter). */
  feasible: number;
  /** Step mode only, from Filter to the cycle's end: the in-progress cycle's Filter verdicts. */
  verdicts?: CycleVerdicts;
  cycles: number;
  scheduled: number;
  failed: number;
  queue: { activeQ: number; backoffQ: number; unschedulablePods: number };
}

/** One document of an applied manifest and what became of it. */
export interface ApplyResult {
  /** 0-based index of the YAML document. */
  doc: number;
  /** 1-based line where the document starts. */
  line: number;
  /** `deployment.apps/web` as kubectl names it, when the document had a kind and name. */
  ref?: string;
  /** created, configured, unchanged, deleted... as kubectl prints it; absent on error. */
  outcome?: string;
  error?: { message: string; status?: Status; /** 1-based line the error points at. */ line: number; column?: number };
}

/** A control-plane or node component's live state, for the explainers. */
export interface ComponentState {
  /** e.g. `kube-scheduler`, `controller/replicaset`, `kubelet/aks-nodepool1-...`. */
  id: string;
  /** The statechart's current state (idle, reconciling, filter, Running...). */
  state: string;
  detail?: Record<string, string | number | boolean>;
}

export type Request =
  | { op: 'init'; options: InitOptions }
  | { op: 'get'; resource: string; namespace?: string; name: string }
  | { op: 'list'; resource: string; namespace?: string; labelSelector?: string; fieldSelector?: string }
  /** List then watch, atomically: the reply carries the list; changes follow as `watch` messages. */
  | { op: 'watch'; watchId: number; resource: string; namespace?: string }
  | { op: 'unwatch'; watchId: number }
  | { op: 'apply'; yaml: string; dryRun?: boolean }
  | { op: 'delete-manifest'; yaml: string; dryRun?: boolean }
  | { op: 'delete'; resource: string; namespace?: string; name: string }
  | { op: 'clock'; control?: ClockControl }
  | { op: 'node'; node: NodeAction }
  /** Inject (`on`) or heal a fault (src/sim/faults): journaled like every input. */
  | { op: 'fault'; fault: FaultSpec }
  /** The faults in force and the etcd cluster's members, leader and quorum. */
  | { op: 'faults' }
  | { op: 'components' }
  | { op: 'attempts'; namespace: string; name: string }
  /** Every scheduling attempt of a pod, explained (summary, verdicts and scores per node). */
  | { op: 'explain'; namespace: string; name: string }
  /** The scheduling cycle's statechart; with a control, step it one phase or turn stepping on/off. */
  | { op: 'scheduler'; control?: StepControl }
  /** One controller's reconcile loop (by name, e.g. replicaset-controller); with a control, step it. */
  | { op: 'controller'; name: string; control?: StepControl }
  | { op: 'hash' }
  /** Run one kubectl command line (the terminal); `files` are what `-f` can read, by path. */
  | { op: 'kubectl'; line: string; files?: Record<string, string> }
  /** A line for the interactive session a kubectl command opened (`exec -it`, `debug node/... -it`). */
  | { op: 'shell'; session: number; line: string }
  /** The command names that session's shell knows (Tab completion). */
  | { op: 'shell-commands'; session: number }
  /** kubectl's commands and flags, for the terminal's Tab completion. */
  | { op: 'kubectl-tree' }
  /** Time travel: go to instant `at` (ms since the cluster was created) of the current branch. */
  | { op: 'rewind'; at: number; inclusive?: boolean }
  | { op: 'branch'; id: number }
  | { op: 'timeline' }
  /** The session as a file (seed, spec, journal). */
  | { op: 'session' }
  /** Replace the session with a saved one; a bad one is refused and the current session stays. */
  | { op: 'load-session'; session: unknown };

export interface RequestMessage {
  id: number;
  req: Request;
}

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: { message: string; status?: Status } };

/** Pushed by the worker, batched (at most one of each per flush). */
export type PushMessage =
  /** `reset`: the cluster was rebuilt (time travel); `events` (all ADDED) are the whole new list. */
  | { type: 'watch'; watchId: number; events: WatchEvent[]; reset?: boolean }
  | { type: 'timeline'; timeline: TimelineSummary }
  | { type: 'trace'; events: TraceEvent[]; dropped: number }
  | { type: 'clock'; clock: ClockState };

export type WorkerMessage = ResponseMessage | PushMessage;

/** What a kubectl line or a session line printed; `session` is set while an interactive session is open. */
export interface KubectlReply {
  stdout: string;
  stderr: string;
  /** What the terminal shows: stdout and stderr interleaved as written (sessions: stdout, then stderr). */
  output?: string;
  exitCode: number;
  session?: { id: number; prompt: string };
  /** `kubectl edit`: the text kubectl would open in $EDITOR, for the manifest editor. */
  edit?: { text: string; format: 'yaml' | 'json'; objects: string[] };
}

/** Reply types, by op. */
export interface Replies {
  init: ClockState;
  get: KubeObject;
  list: { items: KubeObject[]; resourceVersion: string };
  watch: { items: KubeObject[]; resourceVersion: string };
  unwatch: null;
  apply: ApplyResult[];
  'delete-manifest': ApplyResult[];
  delete: KubeObject;
  clock: ClockState;
  node: { node?: string; message: string };
  fault: FaultResult;
  faults: { active: ActiveFault[]; etcd: EtcdStatus };
  components: ComponentState[];
  attempts: SchedulingAttempt[];
  explain: Explanation[];
  scheduler: SchedulerCycle;
  controller: ControllerCycle;
  hash: string;
  kubectl: KubectlReply;
  shell: KubectlReply;
  'shell-commands': string[];
  'kubectl-tree': CommandTree;
  rewind: TimelineSummary;
  branch: TimelineSummary;
  timeline: TimelineSummary;
  session: SessionFile;
  'load-session': TimelineSummary;
}
