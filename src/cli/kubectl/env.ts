// What a kubectl command runs against: the simulated API server (in process, no HTTP), the
// virtual clock, the in-memory kubeconfig and the files `apply -f` may read, plus the output
// streams of the current command.

import type { ApiServer } from '../../sim/apiserver/apiserver';
import type { Clock } from '../../sim/clock';
import type { ParsedFlags } from './flags';
import type { SimWorld } from '../../sim/node/podnet';
import type { InteractiveSession } from './session';
import type { EditRequest } from './cmd/edit';
import { clientConfig, ConfigError, type ClientConfig, type KubeConfig } from './kubeconfig';
import { ConfigurationError } from './errors';

/** The parts of a Cluster kubectl needs. */
export interface ClusterLike {
  api: ApiServer;
  clock: Clock;
  spec: { kubernetesVersion: string };
  /** The managed etcd: kubectl's reads are quorum reads, which fail while it has lost quorum. */
  etcd?: { checkConsistentRead(): void };
  /** The nodes' agents and kube-proxy: what exec, debug and node shells reach (a Cluster has them). */
  nodes?: SimWorld['nodes'];
  kubeProxy?: SimWorld['kubeProxy'];
}

/** The longest a command waits on a running clock when kubectl would wait forever: 10 virtual minutes. */
export const WAIT_CAP_MS = 10 * 60_000;

export interface Streams {
  out: string;
  err: string;
  /** Both, interleaved in the order they were written: what a terminal shows. */
  output: string;
}

export class Env {
  readonly streams: Streams = { out: '', err: '', output: '' };
  /** Set by a command that leaves an interactive session open (`exec -it`, `debug -it`). */
  session?: InteractiveSession;
  /** Set by `kubectl edit`: the text to open in the app's manifest editor. */
  edit?: EditRequest;

  constructor(
    readonly cluster: ClusterLike,
    readonly kubeconfig: KubeConfig,
    /** Files by path, for `-f` (the editor's saved files); `-` reads stdin. */
    readonly files: ReadonlyMap<string, string>,
    readonly stdin: string | undefined,
  ) {}

  get api(): ApiServer {
    return this.cluster.api;
  }

  /** Virtual time in ms: what the API server's clock says now. */
  now(): number {
    return this.cluster.clock.now();
  }

  out(s: string): void {
    this.streams.out += s;
    this.streams.output += s;
  }

  err(s: string): void {
    this.streams.err += s;
    this.streams.output += s;
  }

  /**
   * Let controllers, the scheduler and watchers react to a write, as the HTTP server does after
   * every request (without it, the in-app kubectl and real kubectl would see different states).
   */
  settle(): void {
    this.cluster.clock.runUntilIdle();
  }

  /**
   * What kubectl does while it waits on the cluster (rollout status, wait, delete, drain): here
   * virtual time runs, a second at a time, until `done()` holds or `timeoutMs` has passed (0 is
   * kubectl's "forever", capped at WAIT_CAP_MS so a line always returns). While the clock is paused
   * the cluster is frozen and nothing can change, so it answers at once. `onStep` sees each second.
   */
  waitFor(done: () => boolean, timeoutMs = 0, onStep?: () => void): boolean {
    if (done()) return true;
    const clock = this.cluster.clock;
    if (clock.paused) return false;
    const until = clock.now() + (timeoutMs > 0 ? timeoutMs : WAIT_CAP_MS);
    while (clock.now() < until) {
      clock.advance(Math.min(1000, until - clock.now()));
      onStep?.();
      if (done()) return true;
    }
    return false;
  }

  /** The client configuration after the global flags (--context, --namespace, --server...). */
  config(flags: ParsedFlags): ClientConfig {
    try {
      return clientConfig(this.kubeconfig, {
        context: flags.string('context'),
        cluster: flags.string('cluster'),
        user: flags.string('user'),
        namespace: flags.string('namespace'),
        server: flags.string('server'),
      });
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigurationError(e.message);
      throw e;
    }
  }
}
