// `window.clusterlab`: the app's hook for end-to-end tests, demos and the curious, documented in
// the README. Every call goes through the same actions and API as the UI.

import type { KubeObject } from '../sim/api/types';
import type { ApplyResult, ClockState, NodeAction } from '../worker/protocol';
import { actions } from './actions';
import type { Session } from './cluster/session';
import { runInSession } from './features/terminal/run';

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
  /** The simulation's state hash (same seed + same inputs = same hash). */
  hash(): Promise<string>;
  /**
   * Run a kubectl command line (`get nodes`, `kubectl get nodes` or `k get nodes`) as the
   * terminal does; resolves to exactly the text the terminal prints (stdout, then stderr).
   */
  kubectl(commandLine: string): Promise<string>;
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
    kubectl: async (commandLine) => {
      const line = /^\s*(kubectl|k)(\s|$)/.test(commandLine) ? commandLine : `kubectl ${commandLine}`;
      return (await runInSession(s, line)).output;
    },
  };
}
