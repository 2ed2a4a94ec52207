// kube-controller-manager (and, on AKS, the cloud-controller-manager's service controller): one
// process that runs every controller on shared informers. Each controller is its own loop; the
// manager only starts and stops them together.

import type { ApiServer } from '../apiserver/apiserver';
import type { Clock } from '../clock';
import { EventRecorder } from '../client/events';
import { InformerFactory } from '../client/informer';
import type { Random } from '../random';
import type { Trace } from '../trace';
import { ServiceController } from './cloud/service';
import type { Controller, ControllerContext } from './controller';
import { CronJobController } from './cronjob';
import { DaemonSetController } from './daemonset';
import { DeploymentController } from './deployment';
import { DisruptionController } from './disruption';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice';
import { GarbageCollector } from './garbagecollector';
import { JobController } from './job';
import { NamespaceController } from './namespace';
import { NodeIpamController } from './nodeipam';
import { NodeLifecycleController } from './nodelifecycle';
import { ReplicaSetController } from './replicaset';
import { ReplicationControllerController } from './replicationcontroller';
import { RootCACertPublisher } from './rootcacertpublisher';
import { ServiceAccountsController } from './serviceaccount';
import { StatefulSetController } from './statefulset';
import { TTLAfterFinishedController } from './ttlafterfinished';

export interface ControllerManagerOptions {
  api: ApiServer;
  clock: Clock;
  random: Random;
  trace: Trace;
  clusterCIDR: string;
}

export class ControllerManager {
  readonly controllers: Controller[];
  private readonly informers: InformerFactory;

  constructor(opts: ControllerManagerOptions) {
    const client = opts.api.client('kube-controller-manager');
    this.informers = new InformerFactory(client);
    const ctx: ControllerContext = {
      client,
      clock: opts.clock,
      informers: this.informers,
      recorder: (component) => new EventRecorder(client, opts.clock, { component }),
    };
    this.controllers = [
      new NamespaceController(ctx),
      new ServiceAccountsController(ctx),
      new RootCACertPublisher(ctx),
      new NodeIpamController(ctx, { clusterCIDR: opts.clusterCIDR }),
      new NodeLifecycleController(ctx),
      new DeploymentController(ctx),
      new ReplicaSetController(ctx),
      new ReplicationControllerController(ctx),
      new DaemonSetController(ctx),
      new StatefulSetController(ctx),
      new JobController(ctx),
      new CronJobController(ctx),
      new TTLAfterFinishedController(ctx),
      new EndpointsController(ctx),
      new EndpointSliceController(ctx),
      new DisruptionController(ctx),
      new GarbageCollector(ctx),
      new ServiceController(ctx, { random: opts.random }),
    ];
  }

  start(): void {
    for (const c of this.controllers) c.start();
    this.informers.start();
  }

  /** What a stopped kube-controller-manager looks like: nothing reconciles; queues keep filling. */
  stop(): void {
    for (const c of this.controllers) c.stop();
  }

  resume(): void {
    for (const c of this.controllers) c.resume();
  }

  controller(name: string): Controller | undefined {
    return this.controllers.find((c) => c.name === name);
  }
}
