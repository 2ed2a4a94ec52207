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

export type { ClockState };

export interface InitOptions {
  seed?: number;
  /** Nodes in the system pool nodepool1 (default 3). */
  nodes?: number;
  /** Simulated seconds per wall second (default 1). */
  speed?: number;
  /** Start paused (tests and demos that drive the clock themselves). */
  paused?: boolean;
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
  | { op: 'components' }
  | { op: 'attempts'; namespace: string; name: string }
  | { op: 'hash' }
  /** Run one kubectl command line (the terminal); `files` are what `-f` can read, by path. */
  | { op: 'kubectl'; line: string; files?: Record<string, string> };

export interface RequestMessage {
  id: number;
  req: Request;
}

export type ResponseMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: { message: string; status?: Status } };

/** Pushed by the worker, batched (at most one of each per flush). */
export type PushMessage =
  | { type: 'watch'; watchId: number; events: WatchEvent[] }
  | { type: 'trace'; events: TraceEvent[]; dropped: number }
  | { type: 'clock'; clock: ClockState };

export type WorkerMessage = ResponseMessage | PushMessage;

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
  components: ComponentState[];
  attempts: SchedulingAttempt[];
  hash: string;
  kubectl: { stdout: string; stderr: string; exitCode: number };
}
