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
  /** The nodes' agents and kube-proxy: what exec, debug and node shells reach (a Cluster has them). */
  nodes?: SimWorld['nodes'];
  kubeProxy?: SimWorld['kubeProxy'];
}

export interface Streams {
  out: string;
  err: string;
}

export class Env {
  readonly streams: Streams = { out: '', err: '' };
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
  }

  err(s: string): void {
    this.streams.err += s;
  }

  /**
   * Let controllers, the scheduler and watchers react to a write, as the HTTP server does after
   * every request (without it, the in-app kubectl and real kubectl would see different states).
   */
  settle(): void {
    this.cluster.clock.runUntilIdle();
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
