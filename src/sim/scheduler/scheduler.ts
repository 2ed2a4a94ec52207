// kube-scheduler (default-scheduler profile): its own informers feed the scheduling queue (pending
// pods) and the cache (nodes and assigned pods); a statechart runs one pod per cycle through the
// framework's phases and binds it through the API (pods/binding), or records why it cannot be
// placed (FailedScheduling event, PodScheduled=False) and tries preemption.

import { createActor, type Actor } from 'xstate';
import { isApiError } from '../api/errors';
import type { Selector } from '../api/labels';
import type { KubeObject, Pod, PodCondition } from '../api/types';
import type { ApiClient, ApiServer } from '../apiserver/apiserver';
import { xstateClock, type Clock } from '../clock';
import { EventRecorder } from '../client/events';
import { byNamespace, Informer } from '../client/informer';
import type { Trace } from '../trace';
import { deepClone } from '../util/json';
import { Algorithm, Cycle } from './algorithm';
import { ATTEMPTS_KEPT, ATTEMPTS_PER_POD, DETAIL_RECORDS_KEPT, detailRecords, type NodeFilterRecord, PODS_REMEMBERED, type SchedulingAttempt } from './attempt';
import { SchedulerCache } from './cache';
import { explainAttempt, type Explanation, type NodeFree } from './explain';
import { truncateMessage } from './fiterror';
import { createSchedulerMachine, type SchedulerContext } from './machine';
import { PodInfo } from './podinfo';
import { defaultSelectorFrom } from './plugins/podtopologyspread';
import { Profile, SCHEDULER_NAME } from './profile';
import { SchedulingQueue, type ClusterEvent, type QueueName } from './queue';

export interface SchedulerOptions {
  api: ApiServer;
  clock: Clock;
  trace: Trace;
  /** 0 or unset: adaptive (50 - nodes/125 %, at least 5 %), as the default configuration. */
  percentageOfNodesToScore?: number;
}

type Phase = 'pop' | 'filter' | 'postFilter' | 'score' | 'reserve' | 'bind';

export class Scheduler {
  readonly name = SCHEDULER_NAME;
  readonly client: ApiClient;
  readonly cache = new SchedulerCache();
  readonly queue: SchedulingQueue;
  readonly profile: Profile;
  readonly algorithm: Algorithm;
  readonly actor: Actor<ReturnType<typeof createSchedulerMachine>>;
  private readonly clock: Clock;
  private readonly trace: Trace;
  private readonly recorder: EventRecorder;
  private readonly podInformer: Informer<Pod>;
  private readonly nodeInformer: Informer;
  private readonly others: Informer[];
  private readonly pvcs: Informer;
  private readonly pvs: Informer;
  private readonly storageClasses: Informer;
  private readonly services: Informer;
  private readonly replicaSets: Informer;
  private readonly statefulSets: Informer;
  private readonly replicationControllers: Informer;
  private cycle?: Cycle;
  private readonly attemptsByPod = new Map<string, SchedulingAttempt[]>();
  /** Attempts with per-node detail, oldest first (a queue: `detailedHead` is its start). */
  private detailed: SchedulingAttempt[] = [];
  private detailedHead = 0;
  private detailCount = 0;
  private attemptCount = 0;
  /** The attempt record's memory budgets (attempt.ts); tests lower them. */
  readonly attemptLimits = { perPod: ATTEMPTS_PER_POD, pods: PODS_REMEMBERED, total: ATTEMPTS_KEPT, detailRecords: DETAIL_RECORDS_KEPT };
  private nextScheduled = false;
  private started = false;

  constructor(opts: SchedulerOptions) {
    this.clock = opts.clock;
    this.trace = opts.trace;
    this.client = opts.api.client(SCHEDULER_NAME);
    this.recorder = new EventRecorder(this.client, this.clock, { component: SCHEDULER_NAME });
    this.queue = new SchedulingQueue(this.clock);
    this.queue.onActive = () => this.kick();
    // Terminal pods hold no resources: the scheduler's pod informer does not see them.
    this.podInformer = new Informer<Pod>(this.client, 'pods', { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' });
    this.nodeInformer = new Informer(this.client, 'nodes');
    this.pvcs = new Informer(this.client, 'persistentvolumeclaims');
    this.pvs = new Informer(this.client, 'persistentvolumes');
    this.storageClasses = new Informer(this.client, 'storageclasses');
    this.services = new Informer(this.client, 'services');
    this.services.addIndex('namespace', byNamespace);
    this.replicaSets = new Informer(this.client, 'replicasets');
    this.statefulSets = new Informer(this.client, 'statefulsets');
    this.replicationControllers = new Informer(this.client, 'replicationcontrollers');
    this.others = [this.pvcs, this.pvs, this.storageClasses, this.services, this.replicaSets, this.statefulSets, this.replicationControllers];
    this.profile = new Profile({
      cache: this.cache,
      queue: this.queue,
      random: opts.api.random,
      volumes: {
        pvc: (ns, name) => this.pvcs.getByName(ns, name),
        pv: (name) => this.pvs.getByName(undefined, name),
        storageClass: (name) => this.storageClasses.getByName(undefined, name),
      },
      defaultSelector: (pod) => this.defaultSelector(pod),
    });
    this.algorithm = new Algorithm(this.profile, this.cache, opts.api.random, opts.percentageOfNodesToScore);
    this.actor = createActor(
      createSchedulerMachine({
        pop: () => this.pop(),
        filter: () => this.filter(),
        postFilter: () => this.postFilter(),
        score: () => this.score(),
        reserve: () => this.reserve(),
        bind: () => this.bind(),
        idle: () => this.idle(),
      }),
      { clock: xstateClock(this.clock) },
    );
  }

  // ------------------------------------------------------------------ public API

  start(): void {
    if (this.started) return;
    this.started = true;
    this.registerHandlers();
    this.nodeInformer.start();
    for (const inf of this.others) inf.start();
    this.podInformer.start();
    this.actor.start();
  }

  /** Stop scheduling (pods stay Pending; the queue keeps filling). */
  stop(): void {
    this.actor.send({ type: 'STOP' });
  }

  resume(): void {
    this.actor.send({ type: 'RESUME' });
  }

  /** Single-step mode: each phase waits for `step()`. */
  setStepping(stepping: boolean): void {
    this.actor.send({ type: 'SET_STEPPING', stepping });
    if (!stepping) {
      // Finish a cycle left mid-way, then carry on.
      while (this.state !== 'idle' && this.state !== 'stopped') this.actor.send({ type: 'STEP' });
      this.kick();
    }
  }

  step(): void {
    this.actor.send({ type: 'STEP' });
  }

  /** The statechart's current state: idle, pop, filter, postFilter, score, reserve, bind or stopped. */
  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  get context(): Readonly<SchedulerContext> {
    return this.actor.getSnapshot().context;
  }

  /**
   * The Filter verdicts of the cycle in progress, once its Filter phase has run (step mode shows
   * them on the diagram before the attempt is recorded): the nodes rejected, with the first failing
   * plugin (a PreFilter rejection rejects every node), and the feasible nodes' names. Undefined
   * between cycles and before Filter.
   */
  cycleVerdicts(): { rejected: NodeFilterRecord[]; feasible: string[]; preFilter?: { plugin: string; message: string } } | undefined {
    const a = this.cycle?.attempt;
    if (!a?.filters) return undefined;
    return { rejected: a.filters.filter((f) => f.plugin), feasible: this.cycle!.feasible.map((n) => n.name), preFilter: a.preFilter };
  }

  /** Every recorded attempt to schedule a pod (within the budgets of attempt.ts), oldest first. */
  attempts(namespace: string, name: string): SchedulingAttempt[] {
    return [...(this.attemptsByPod.get(`${namespace}/${name}`) ?? [])];
  }

  /**
   * Every recorded attempt, explained, oldest first. The summaries' free figures are the nodes'
   * as the scheduler's cache has them now.
   */
  explain(namespace: string, name: string): Explanation[] {
    const key = `${namespace}/${name}`;
    const attempts = this.attemptsByPod.get(key) ?? [];
    if (attempts.length === 0) return [];
    const pod = this.podInformer.get(key);
    const requests = pod ? new PodInfo(pod).requests : undefined;
    const free: NodeFree[] = this.cache.nodes.map((n) => ({
      node: n.name,
      milliCPU: n.allocatable.milliCPU - n.reqCPU,
      memory: n.allocatable.memory - n.reqMem,
      pods: n.allocatable.pods - n.pods.size,
    }));
    return attempts.map((a) => explainAttempt(a, { requests, free }));
  }

  /** Pending pods per sub-queue. */
  pending(): Record<QueueName, string[]> {
    return this.queue.pending();
  }

  // ------------------------------------------------------------------ informers

  private registerHandlers(): void {
    const responsible = (p: Pod) => (p.spec.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
    const assigned = (p: Pod) => !!p.spec.nodeName;
    this.podInformer.addHandlers({
      add: (pod) => {
        if (assigned(pod)) {
          this.cache.addPod(pod);
          this.queue.onEvent('AssignedPodAdd');
        } else if (responsible(pod) && !pod.metadata.deletionTimestamp) {
          this.queue.add(pod);
          this.syncNomination(pod);
        }
      },
      update: (old, pod) => {
        if (assigned(pod)) {
          if (!assigned(old)) {
            // Bound (by us or anyone): it leaves the queue and joins the cache.
            this.queue.delete(old);
            this.cache.addPod(pod);
            this.queue.onEvent('AssignedPodAdd');
            return;
          }
          this.cache.updatePod(old, pod);
          if (!sameLabels(old, pod)) this.queue.onEvent('AssignedPodUpdate');
          return;
        }
        if (!responsible(pod)) return;
        if (pod.metadata.deletionTimestamp) {
          this.queue.delete(pod);
          return;
        }
        this.queue.update(pod);
        this.syncNomination(pod);
      },
      delete: (pod) => {
        if (assigned(pod)) {
          this.cache.removePod(pod);
          this.queue.onEvent('AssignedPodDelete');
        } else {
          this.queue.delete(pod);
        }
      },
    });
    this.nodeInformer.addHandlers({
      add: (node) => {
        this.cache.addNode(node as any);
        this.queue.onEvent('NodeAdd');
      },
      update: (old, node) => {
        if (this.cache.updateNode(old as any, node as any)) this.queue.onEvent('NodeUpdate');
      },
      delete: (node) => {
        this.cache.removeNode(node.metadata.name!);
        this.queue.onEvent('NodeDelete');
      },
    });
    const on = (inf: Informer, event: ClusterEvent) => inf.addHandlers({ add: () => this.queue.onEvent(event), update: () => this.queue.onEvent(event), delete: () => this.queue.onEvent(event) });
    on(this.pvcs, 'PersistentVolumeClaimChange');
    on(this.pvs, 'PersistentVolumeChange');
    on(this.storageClasses, 'StorageClassChange');
  }

  private syncNomination(pod: Pod): void {
    const node = pod.status?.nominatedNodeName;
    if (node) this.queue.addNominated(new PodInfo(pod), node);
    else this.queue.deleteNominated(pod.metadata.uid!);
  }

  /** helper.DefaultSelector: what the Services and the controller selecting the pod select. */
  private defaultSelector(pod: Pod): Selector | null {
    const ns = pod.metadata.namespace ?? 'default';
    const services = this.services.byIndex('namespace', ns);
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    let controller: Parameters<typeof defaultSelectorFrom>[2];
    if (owner?.kind === 'ReplicaSet' && owner.apiVersion === 'apps/v1') {
      const rs = this.replicaSets.getByName(ns, owner.name);
      if (rs) controller = { kind: 'ReplicaSet', selector: rs.spec?.selector };
    } else if (owner?.kind === 'StatefulSet' && owner.apiVersion === 'apps/v1') {
      const ss = this.statefulSets.getByName(ns, owner.name);
      if (ss) controller = { kind: 'StatefulSet', selector: ss.spec?.selector };
    } else if (owner?.kind === 'ReplicationController' && owner.apiVersion === 'v1') {
      const rc = this.replicationControllers.getByName(ns, owner.name);
      if (rc) controller = { kind: 'ReplicationController', selector: rc.spec?.selector };
    }
    return defaultSelectorFrom(pod, services, controller);
  }

  // ------------------------------------------------------------------ the cycle's phases

  /** Schedule the next cycle after whatever else is due now. */
  private kick(): void {
    if (this.nextScheduled || !this.started) return;
    this.nextScheduled = true;
    this.clock.defer(() => {
      this.nextScheduled = false;
      if (this.queue.activeLength > 0) this.actor.send({ type: 'NEXT' });
    });
  }

  private phase(phase: Phase, detail?: string): void {
    if (!this.trace.active || !this.cycle) return;
    this.trace.emit({ type: 'schedule-phase', at: this.clock.now(), pod: this.cycle.qpi.key, phase, cycle: this.cycle.schedulingCycle, detail });
  }

  private pop(): string | undefined {
    const qpi = this.queue.pop();
    if (!qpi) return undefined;
    // skipPodSchedule: deleted, being deleted, bound meanwhile, or already assumed.
    const pod = this.podInformer.get(qpi.key);
    if (!pod || pod.metadata.deletionTimestamp || pod.spec.nodeName || this.cache.isAssumed(pod.metadata.uid!)) {
      this.queue.done(qpi.key);
      return undefined;
    }
    qpi.pod = pod;
    this.cycle = new Cycle(qpi, this.queue.cycle, this.clock.now());
    this.phase('pop', `attempt ${qpi.attempts}`);
    return qpi.key;
  }

  private filter(): number {
    const c = this.cycle!;
    this.algorithm.filter(c);
    this.phase('filter', `${c.attempt.feasibleNodes} of ${c.attempt.numAllNodes} nodes feasible (${c.attempt.evaluatedNodes} evaluated)`);
    return c.feasible.length;
  }

  private postFilter(): void {
    const c = this.cycle!;
    this.algorithm.postFilter(c);
    this.phase('postFilter', c.message);
    if (c.nominatedNode && c.victims.length) this.preemptVictims(c);
    this.fail(c, c.attempt.result === 'Error' ? 'SchedulerError' : 'Unschedulable');
  }

  private score(): string {
    const c = this.cycle!;
    this.algorithm.score(c);
    this.phase('score', `${c.node} (${c.attempt.scoredNodes} nodes scored)`);
    return c.node!;
  }

  private reserve(): void {
    const c = this.cycle!;
    this.cache.assumePod(c.pod, c.node!);
    this.phase('reserve', c.node);
  }

  private bind(): boolean {
    const c = this.cycle!;
    const { namespace, name, uid } = c.pod;
    const node = c.node!;
    this.phase('bind', node);
    try {
      this.client.bind(namespace, name, node, uid);
    } catch (e) {
      if (!isApiError(e)) throw e;
      this.cache.forgetPod(uid);
      const msg = `running Bind plugin "DefaultBinder": ${e.message}`;
      c.message = msg;
      c.attempt.bindError = e.message;
      c.attempt.result = 'Error';
      this.fail(c, 'SchedulerError');
      return false;
    }
    this.queue.done(c.qpi.key);
    this.queue.deleteNominated(uid);
    c.attempt.result = 'Scheduled';
    this.record(c.attempt);
    this.recorder.normal(c.pod.pod, 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
    if (this.trace.active) this.trace.emit({ type: 'schedule', at: this.clock.now(), pod: c.qpi.key, result: 'scheduled', node });
    return true;
  }

  private idle(): void {
    this.cycle = undefined;
    if (this.queue.activeLength > 0) this.kick();
  }

  /** handleSchedulingFailure: requeue, nominate, FailedScheduling event, PodScheduled=False. */
  private fail(c: Cycle, reason: 'Unschedulable' | 'SchedulerError'): void {
    const msg = c.message ?? '';
    const a = c.attempt;
    a.message = msg;
    const cached = this.podInformer.get(c.qpi.key);
    if (cached && !cached.spec.nodeName && cached.metadata.uid === c.pod.uid) {
      c.qpi.pod = cached;
      this.queue.addUnschedulable(c.qpi, c.unschedulablePlugins, this.queue.cycle);
    } else {
      this.queue.done(c.qpi.key);
    }
    if (c.nominatedNode) this.queue.addNominated(new PodInfo(cached ?? c.pod.pod), c.nominatedNode);
    else if (c.nominatedNode === '') this.queue.deleteNominated(c.pod.uid);
    this.record(a);
    this.recorder.warning(c.pod.pod, 'FailedScheduling', truncateMessage(msg));
    this.updatePodScheduledFalse(c.pod.namespace, c.pod.name, c.pod.uid, reason, msg, c.nominatedNode);
    if (this.trace.active) this.trace.emit({ type: 'schedule', at: this.clock.now(), pod: c.qpi.key, result: 'unschedulable', message: msg });
  }

  /** updatePod: PodScheduled=False with the message, and the nominated node, if anything changed. */
  private updatePodScheduledFalse(namespace: string, name: string, uid: string, reason: string, message: string, nominatedNode: string | undefined): void {
    const cur = this.client.tryGet<Pod>('pods', namespace, name);
    if (!cur || cur.metadata.uid !== uid || cur.spec.nodeName) return;
    const conditions = cur.status?.conditions ?? [];
    const old = conditions.find((x) => x.type === 'PodScheduled');
    const nominatedChanged = nominatedNode !== undefined && (cur.status?.nominatedNodeName ?? '') !== nominatedNode;
    if (old && old.status === 'False' && old.reason === reason && old.message === message && !nominatedChanged) return;
    const cond: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : this.clock.nowISO(),
      reason,
      message,
    };
    // A status update reads only the status (and the metadata's name and preconditions).
    const obj = { apiVersion: cur.apiVersion, kind: cur.kind, metadata: cur.metadata, status: { ...cur.status } } as Pod;
    obj.status ??= {};
    obj.status.conditions = old ? conditions.map((x) => (x.type === 'PodScheduled' ? cond : x)) : [...conditions, cond];
    if (nominatedNode !== undefined) {
      if (nominatedNode) obj.status.nominatedNodeName = nominatedNode;
      else delete obj.status.nominatedNodeName;
    }
    try {
      this.client.updateStatus('pods', obj);
    } catch (e) {
      if (!isApiError(e)) throw e; // a conflict or a deleted pod: the next attempt writes again
    }
  }

  /** prepareCandidate: mark and delete the victims, and un-nominate lower-priority pods there. */
  private preemptVictims(c: Cycle): void {
    const node = c.nominatedNode!;
    for (const v of c.victims) {
      const cur = this.client.tryGet<Pod>('pods', v.namespace, v.name);
      if (!cur || cur.metadata.uid !== v.uid) continue;
      const cond: PodCondition = {
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: this.clock.nowISO(),
        reason: 'PreemptionByScheduler',
        message: `${c.pod.pod.spec.schedulerName ?? SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
      };
      try {
        const obj = deepClone(cur);
        obj.status ??= {};
        obj.status.conditions = [...(obj.status.conditions ?? []).filter((x) => x.type !== 'DisruptionTarget'), cond];
        this.client.updateStatus('pods', obj);
        this.client.delete('pods', v.namespace, v.name);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
      this.recorder.normal(cur, 'Preempted', `Preempted by pod ${c.pod.uid} on node ${node}`);
    }
    for (const np of [...(this.queue.nominatedPodsForNode(node) ?? [])]) {
      if (np.priority >= c.pod.priority || np.uid === c.pod.uid) continue;
      this.queue.deleteNominated(np.uid);
      const cur = this.client.tryGet<Pod>('pods', np.namespace, np.name);
      if (!cur?.status?.nominatedNodeName) continue;
      const obj = deepClone(cur);
      delete obj.status!.nominatedNodeName;
      try {
        this.client.updateStatus('pods', obj);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  }

  private record(a: SchedulingAttempt): void {
    let list = this.attemptsByPod.get(a.pod);
    if (!list) this.attemptsByPod.set(a.pod, (list = []));
    list.push(a);
    this.attemptCount++;
    // The first attempt stays (how it all started); the oldest after it go.
    if (list.length > this.attemptLimits.perPod) {
      list.splice(1, 1);
      this.attemptCount--;
    }
    // Past the budgets, forget whole pods, the first recorded first (never the one just recorded).
    const lim = this.attemptLimits;
    while ((this.attemptsByPod.size > lim.pods || this.attemptCount > lim.total) && this.attemptsByPod.size > 1) {
      const [oldest, attempts] = this.attemptsByPod.entries().next().value!;
      this.attemptsByPod.delete(oldest);
      if (oldest === a.pod) {
        this.attemptsByPod.set(oldest, attempts); // to the end: it is the latest now
        continue;
      }
      this.attemptCount -= attempts.length;
    }
    const cost = detailRecords(a);
    if (cost === 0) return;
    this.detailed.push(a);
    this.detailCount += cost;
    while (this.detailCount > lim.detailRecords && this.detailedHead < this.detailed.length - 1) {
      const old = this.detailed[this.detailedHead++];
      this.detailCount -= detailRecords(old);
      old.filters = undefined;
      old.scores = undefined;
      old.detailDropped = true;
    }
    if (this.detailedHead > 4096 && this.detailedHead * 2 > this.detailed.length) {
      this.detailed = this.detailed.slice(this.detailedHead);
      this.detailedHead = 0;
    }
  }
}

function sameLabels(a: KubeObject, b: KubeObject): boolean {
  const x = a.metadata.labels ?? {};
  const y = b.metadata.labels ?? {};
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => x[k] === y[k]);
}
