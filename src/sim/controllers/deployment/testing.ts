// Test harness for the workload controllers: a bare API server, the ReplicaSet and Deployment
// controllers on shared informers, and a tiny fake scheduler + kubelet that binds pods, marks them
// Running/Ready after a delay and finishes graceful deletions. (The real scheduler and kubelet are
// separate components; these stand-ins keep the controller tests about the controllers.)

import type { CoreEvent, Deployment, KubeObject, Pod, ReplicaSet } from '../../api/types';
import { ApiServer, type ApiClient } from '../../apiserver/apiserver';
import { Clock, type TimerId } from '../../clock';
import { EventRecorder } from '../../client/events';
import { InformerFactory } from '../../client/informer';
import { Random } from '../../random';
import { Trace } from '../../trace';
import type { ControllerContext } from '../controller';
import { DeploymentController } from '../deployment';
import { ReplicaSetController } from '../replicaset';
import { ReplicationControllerController } from '../replicationcontroller';

export interface HarnessOptions {
  /** Virtual ms from creation to binding (the scheduler). */
  bindAfterMs?: number;
  /** Virtual ms from binding to Running/Ready (the kubelet). */
  readyAfterMs?: number;
  /** Virtual ms from deletionTimestamp to the kubelet's final delete. */
  terminateAfterMs?: number;
  /** Pods this returns true for run but never become Ready. */
  neverReady?: (pod: Pod) => boolean;
  /** Create the `default` ServiceAccount (admission requires it for pods). */
  serviceAccount?: boolean;
}

export class Harness {
  readonly clock = new Clock();
  readonly random = new Random(1);
  readonly trace = new Trace();
  readonly api: ApiServer;
  readonly user: ApiClient;
  readonly informers: InformerFactory;
  readonly rsc: ReplicaSetController;
  readonly rcc: ReplicationControllerController;
  readonly dc: DeploymentController;
  private readonly timers = new Map<string, TimerId>();
  /** Pods the fake scheduler leaves alone (stay Pending). */
  unschedulable = false;

  constructor(private readonly opts: HarnessOptions = {}) {
    this.api = new ApiServer({ clock: this.clock, random: this.random, trace: this.trace, freezeObjects: true });
    this.user = this.api.client('kubectl');
    for (const name of ['default', 'kube-system']) this.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    if (opts.serviceAccount !== false) this.createServiceAccount('default');
    const client = this.api.client('kube-controller-manager');
    this.informers = new InformerFactory(client);
    const ctx: ControllerContext = {
      client,
      clock: this.clock,
      informers: this.informers,
      recorder: (component) => new EventRecorder(client, this.clock, { component }),
    };
    this.rsc = new ReplicaSetController(ctx);
    this.rcc = new ReplicationControllerController(ctx);
    this.dc = new DeploymentController(ctx);
    this.rsc.start();
    this.rcc.start();
    this.dc.start();
    this.informers.start();
    this.api.watch('pods', {}, (e) => {
      if (e.type !== 'DELETED') this.agent(e.object as Pod);
    });
    this.clock.runUntilIdle();
  }

  createServiceAccount(namespace: string): void {
    this.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  }

  /** The fake scheduler and kubelet: one pending timer per pod and step. */
  private agent(pod: Pod): void {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const later = (step: string, ms: number, fn: () => void) => {
      const id = `${key}|${pod.metadata.uid}|${step}`;
      if (this.timers.has(id)) return;
      this.timers.set(id, this.clock.schedule(() => {
        const cur = this.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name!);
        if (cur && cur.metadata.uid === pod.metadata.uid) fn();
      }, ms, `fake-agent ${step} ${key}`));
    };
    if (pod.metadata.deletionTimestamp) {
      later('terminate', this.opts.terminateAfterMs ?? 2000, () => this.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 }));
      return;
    }
    if (!pod.spec.nodeName) {
      if (!this.unschedulable) later('bind', this.opts.bindAfterMs ?? 500, () => this.api.client('default-scheduler').bind(pod.metadata.namespace!, pod.metadata.name!, 'node-1'));
      return;
    }
    if (pod.status?.phase !== 'Running') {
      later('run', this.opts.readyAfterMs ?? 3000, () => this.markRunning(pod.metadata.namespace!, pod.metadata.name!));
    }
  }

  private markRunning(namespace: string, name: string): void {
    const pod = this.api.get<Pod>('pods', namespace, name);
    const ready = !this.opts.neverReady?.(pod);
    const now = this.clock.nowISO();
    const cond = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now });
    const body = {
      ...pod,
      status: {
        ...pod.status,
        phase: 'Running',
        conditions: [cond('Initialized', true), cond('Ready', ready), cond('ContainersReady', ready), cond('PodScheduled', true)],
        startTime: now,
        containerStatuses: pod.spec.containers.map((c) => ({
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: now } },
          lastState: {},
        })),
      },
    };
    this.api.client('kubelet').updateStatus('pods', body as KubeObject);
  }

  /** Advance virtual time by `seconds`, one second at a time, calling `each` after every second. */
  run(seconds: number, each?: () => void): void {
    for (let i = 0; i < seconds; i++) {
      this.clock.advance(1000);
      each?.();
    }
  }

  settle(): void {
    this.clock.runUntilIdle();
  }

  pods(namespace = 'default'): Pod[] {
    return this.api.list<Pod>('pods', { namespace }).items;
  }

  /** Pods not being deleted. */
  livePods(namespace = 'default'): Pod[] {
    return this.pods(namespace).filter((p) => !p.metadata.deletionTimestamp);
  }

  replicaSets(namespace = 'default'): ReplicaSet[] {
    return this.api.list<ReplicaSet>('replicasets', { namespace }).items;
  }

  deployment(name: string, namespace = 'default'): Deployment {
    return this.api.get<Deployment>('deployments', namespace, name);
  }

  events(namespace = 'default'): CoreEvent[] {
    return this.api.list<CoreEvent>('events', { namespace }).items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  messages(reason: string, namespace = 'default'): string[] {
    return this.events(namespace)
      .filter((e) => e.reason === reason)
      .map((e) => e.message!);
  }
}

export function isReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function deploymentBody(name: string, replicas: number, image: string, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...extra,
    },
  };
}

export function replicaSetBody(name: string, replicas: number, labels: Record<string, string> = { app: name }): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
  };
}
