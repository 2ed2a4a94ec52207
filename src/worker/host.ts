// Hosts one simulated cluster for the app: answers requests, forwards watch and trace events in
// batches (one message per kind per flush, so the main thread is not flooded at 3,000 pods), and
// reports the clock. Free of Worker globals, so it runs in Node tests too; sim.worker.ts wires it
// to `postMessage` and the wall clock.

import type { Kubectl } from '../cli/kubectl';
import { applyManifests, deleteManifests } from '../cli/manifests';
import { clockState } from '../host/clock';
import { badRequest, isApiError } from '../sim/api/errors';
import { resolveResource } from '../sim/api/registry';
import type { KubeObject, Pod } from '../sim/api/types';
import type { WatchEvent } from '../sim/apiserver/apiserver';
import { defaultPool, defaultSpec, type AksClusterSpec } from '../sim/aks/spec';
import { Cluster } from '../sim/cluster';
import type { DrivenClock } from '../host/clock';
import { checkSession } from '../host/sessionfile';
import { TimeTravel, type Replayer } from '../host/timetravel';
import { scenarioSession } from '../scenarios/catalog';
import type { TraceEvent } from '../sim/trace';
import type { ComponentState, InitOptions, NodeAction, Replies, Request, RequestMessage, StepControl, WorkerMessage } from './protocol';

/** Trace events kept per flush; older ones in the same flush are counted as dropped. */
export const TRACE_BATCH_LIMIT = 5000;
/**
 * The kubectl engine is a large part of the simulation's code and the page boots without it: the
 * worker loads it (loadKubectl) before the first request that may run kubectl (needsKubectl).
 */
let kubectlModule: typeof import('../cli/kubectl') | undefined;

export async function loadKubectl(): Promise<void> {
  kubectlModule ??= await import('../cli/kubectl');
}

/** Requests that run kubectl lines, or may replay journaled ones (time travel, sessions). */
export function needsKubectl(req: Request): boolean {
  switch (req.op) {
    case 'kubectl':
    case 'shell':
    case 'shell-commands':
    case 'kubectl-tree':
    case 'rewind':
    case 'branch':
    case 'load-session':
      return true;
    case 'init':
      return !!(req.options.session || req.options.scenario);
    default:
      return false;
  }
}

function newKubectl(options: ConstructorParameters<typeof Kubectl>[0]): Kubectl {
  if (!kubectlModule) throw new Error('the kubectl engine is not loaded yet (loadKubectl)');
  return new kubectlModule.Kubectl(options);
}

const ACTOR = 'clusterlab-ui';

export class SimHost implements Replayer {
  cluster: Cluster | undefined;
  private readonly watches = new Map<number, { stop: () => void; pending: Map<string, WatchEvent>; resource: string; namespace?: string }>();
  /** The input journal, rewind and branches (src/host/journal.ts says how to journal a new op). */
  readonly timeTravel = new TimeTravel(this);
  /** What the real-time driver moves: the current cluster's clock, through the journal's plan. */
  readonly drivenClock: DrivenClock = drivenClockOf(this);
  private trace: TraceEvent[] = [];
  private dropped = 0;
  /** One kubectl per session, so `config use-context`/`set-context` persist between commands. */
  private kubectl: Kubectl | undefined;
  private kubectlFiles = new Map<string, string>();

  constructor(private readonly post: (msg: WorkerMessage) => void) {}

  /**
   * Answer one request; never throws (errors become an error reply). What the request changed is
   * flushed before the reply, so when the app sees the reply its mirror is already up to date.
   */
  handle(msg: RequestMessage): void {
    let reply: WorkerMessage;
    try {
      reply = { type: 'response', id: msg.id, ok: true, result: this.timeTravel.input(msg.req, () => this.run(msg.req)) };
    } catch (e) {
      const status = isApiError(e) ? e.status : undefined;
      reply = { type: 'response', id: msg.id, ok: false, error: { message: status?.message ?? String((e as Error)?.message ?? e), status } };
    }
    this.flush();
    this.post(reply);
  }

  /** Send what changed since the last flush: watch events (coalesced per object), trace, clock. */
  flush(): void {
    for (const [watchId, w] of this.watches) {
      if (w.pending.size === 0) continue;
      const events = [...w.pending.values()];
      w.pending.clear();
      this.post({ type: 'watch', watchId, events });
    }
    if (this.trace.length > 0 || this.dropped > 0) {
      this.post({ type: 'trace', events: this.trace, dropped: this.dropped });
      this.trace = [];
      this.dropped = 0;
    }
    if (this.cluster && this.timeTravel.dirty) {
      this.timeTravel.dirty = false;
      this.post({ type: 'timeline', timeline: this.timeTravel.summary() });
    }
    if (this.cluster) this.post({ type: 'clock', clock: clockState(this.cluster.clock) });
  }

  private run(req: Request): Replies[Request['op']] {
    if (req.op === 'init') return this.init(req.options);
    const c = this.cluster;
    if (!c) throw badRequest('the cluster is not created yet: send init first');
    const api = c.api;
    switch (req.op) {
      case 'get':
        c.etcd.checkConsistentRead();
        return api.get(this.resource(req.resource), req.namespace, req.name);
      case 'list': {
        c.etcd.checkConsistentRead();
        const l = api.list(this.resource(req.resource), { namespace: req.namespace, labelSelector: req.labelSelector, fieldSelector: req.fieldSelector });
        return { items: l.items, resourceVersion: l.metadata.resourceVersion ?? '' };
      }
      case 'watch':
        return this.watch(c, req.watchId, req.resource, req.namespace);
      case 'unwatch':
        this.watches.get(req.watchId)?.stop();
        this.watches.delete(req.watchId);
        return null;
      case 'apply': {
        const r = applyManifests(api, req.yaml, { dryRun: req.dryRun });
        c.clock.runUntilIdle();
        return r;
      }
      case 'delete-manifest': {
        const r = deleteManifests(api, req.yaml, { dryRun: req.dryRun });
        c.clock.runUntilIdle();
        return r;
      }
      case 'delete': {
        const info = this.resource(req.resource);
        const r = api.delete(info, req.namespace, req.name, { propagationPolicy: 'Background' }, { actor: ACTOR });
        c.clock.runUntilIdle();
        return r;
      }
      case 'clock':
        return req.control ? this.timeTravel.clock(req.control) : clockState(c.clock);
      case 'node': {
        const r = nodeAction(c, req.node);
        c.clock.runUntilIdle();
        return r;
      }
      case 'fault': {
        const r = c.faults.apply(req.fault);
        c.clock.runUntilIdle();
        return r;
      }
      case 'faults':
        return { active: c.faults.active(), etcd: c.etcd.status() };
      case 'components':
        return components(c);
      case 'attempts':
        return c.scheduler.attempts(req.namespace, req.name);
      case 'explain':
        return c.scheduler.explain(req.namespace, req.name);
      case 'scheduler':
        if (req.control) {
          controlScheduler(c, req.control);
          c.clock.runUntilIdle();
        }
        return schedulerCycle(c);
      case 'controller': {
        const ctl = c.controllerManager.controller(req.name);
        if (!ctl) throw badRequest(`no controller "${req.name}" in kube-controller-manager: ${c.controllerManager.controllers.map((x) => x.name).join(', ')}`);
        if (req.control) {
          checkStepControl(req.control);
          if ('stepping' in req.control) ctl.setStepping(req.control.stepping);
          else if (!ctl.stepState.stepping) throw badRequest(`${ctl.name} is not in step mode: turn stepping on first`);
          else if (ctl.state === 'stopped') throw badRequest(`${ctl.name} is stopped (kube-controller-manager is not running)`);
          else ctl.step();
          c.clock.runUntilIdle();
        }
        return { name: ctl.name, state: ctl.state, ...ctl.stepState, queue: ctl.queue.length };
      }
      case 'hash':
        return c.hash();
      case 'kubectl': {
        this.kubectl ??= newKubectl({ cluster: c, files: this.kubectlFiles });
        // The engine keeps a reference to this map: refresh it with the editor's current files.
        this.kubectlFiles.clear();
        for (const [path, text] of Object.entries(req.files ?? {})) this.kubectlFiles.set(path, text);
        const r = this.kubectl.runInTerminal(req.line);
        c.clock.runUntilIdle();
        return r;
      }
      case 'shell': {
        // Sessions live in the kubectl engine; a rewind rebuilds it, which ends them.
        const r = this.kubectl ? this.kubectl.input(req.session, req.line) : { stdout: '', stderr: `error: session ${req.session} has ended\n`, exitCode: 1 };
        c.clock.runUntilIdle();
        return r;
      }
      case 'shell-commands':
        return this.kubectl?.sessionCommands(req.session) ?? [];
      case 'kubectl-tree':
        this.kubectl ??= newKubectl({ cluster: c, files: this.kubectlFiles });
        return this.kubectl.commandTree();
      case 'rewind':
        this.timeTravel.rewind(req.at, req.inclusive);
        return this.timeTravel.summary();
      case 'branch':
        this.timeTravel.switchBranch(req.id);
        return this.timeTravel.summary();
      case 'timeline':
        return this.timeTravel.summary();
      case 'session':
        return this.timeTravel.session();
      case 'load-session':
        this.timeTravel.load(checkSessionOrBadRequest(req.session));
        return this.timeTravel.summary();
    }
  }

  private init(o: InitOptions): Replies['init'] {
    if (this.cluster) throw badRequest('the cluster already exists');
    // A saved session or a scenario: checked before anything is built, then replayed.
    const saved = o.scenario !== undefined ? scenarioSession(o.scenario) : o.session !== undefined ? checkSessionOrBadRequest(o.session) : undefined;
    if (saved) {
      this.timeTravel.load(saved);
      this.cluster!.clock.speed = o.speed ?? 1;
      this.cluster!.clock.paused = o.paused ?? false;
      return clockState(this.cluster!.clock);
    }
    const nodes = o.nodes ?? 3;
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > 1000) throw badRequest('nodes must be a whole number from 1 to 1000');
    const seed = o.seed ?? 1;
    const spec = defaultSpec(o.spec ?? { pools: [defaultPool({ count: nodes })] });
    const c = this.rebuild(seed, spec);
    c.clock.speed = o.speed ?? 1;
    c.clock.paused = o.paused ?? false;
    this.timeTravel.begin(seed, spec);
    return clockState(c.clock);
  }

  /** Replayer: a fresh cluster from seed and spec; what watched or ran on the old one is dropped. */
  rebuild(seed: number, spec: AksClusterSpec): Cluster {
    // Built first: if the spec cannot make a cluster, the current one is untouched.
    const c = new Cluster({ seed, spec: structuredClone(spec) });
    for (const w of this.watches.values()) {
      w.stop();
      w.pending.clear();
    }
    this.kubectl = undefined;
    this.trace = [];
    this.dropped = 0;
    c.trace.subscribe((e) => {
      if (this.trace.length >= TRACE_BATCH_LIMIT) {
        this.trace.shift();
        this.dropped++;
      }
      this.trace.push(e);
    });
    this.cluster = c;
    return c;
  }

  /** Replayer: one journaled input, through the live code path; its errors were its outcome live too. */
  replay(req: Request): void {
    try {
      this.run(req);
    } catch {
      // as live: the error was the reply
    }
  }

  /** Replayer: after a rebuild, every watch restarts on the new cluster with its whole list. */
  rebuilt(): void {
    const c = this.cluster!;
    this.trace = [];
    this.dropped = 0;
    for (const [watchId, w] of [...this.watches]) {
      const info = this.resource(w.resource);
      const list = c.api.list(info, { namespace: w.namespace });
      this.post({ type: 'watch', watchId, reset: true, events: list.items.map((object) => ({ type: 'ADDED', object }) as WatchEvent) });
      this.watches.delete(watchId);
      this.watch(c, watchId, w.resource, w.namespace, list);
    }
  }

  private resource(name: string) {
    const info = resolveResource(name) ?? resolveResource(name.toLowerCase().replace(/s?$/, 's'));
    if (!info) throw badRequest(`the server doesn't have a resource type "${name}"`);
    return info;
  }

  private watch(c: Cluster, watchId: number, resource: string, namespace?: string, listed?: ReturnType<Cluster['api']['list']>): Replies['watch'] {
    if (this.watches.has(watchId)) throw badRequest(`watch ${watchId} already exists`);
    const info = this.resource(resource);
    const list = listed ?? c.api.list(info, { namespace });
    const pending = new Map<string, WatchEvent>();
    const stop = c.api.watch(info, { namespace, resourceVersion: list.metadata.resourceVersion }, (e) => {
      if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return;
      const key = `${e.object.metadata.namespace ?? ''}/${e.object.metadata.name}`;
      const prev = pending.get(key);
      // Coalesce: the UI only needs each object's latest state since the last flush.
      if (prev?.type === 'ADDED' && e.type === 'DELETED') pending.delete(key);
      else if (prev?.type === 'ADDED') pending.set(key, { type: 'ADDED', object: e.object });
      else {
        pending.delete(key); // keep arrival order of the newest change
        pending.set(key, e);
      }
    });
    this.watches.set(watchId, { stop, pending, resource, namespace });
    return { items: list.items, resourceVersion: list.metadata.resourceVersion ?? '' };
  }
}

function drivenClockOf(host: SimHost): DrivenClock {
  const clock = () => host.cluster?.clock ?? { paused: true, speed: 1 };
  return {
    get paused() { return clock().paused; },
    set paused(v) { clock().paused = v; },
    get speed() { return clock().speed; },
    set speed(v) { clock().speed = v; },
    advance: (ms: number) => {
      if (host.cluster) host.timeTravel.advance(ms);
    },
    runUntilIdle: () => host.cluster?.clock.runUntilIdle(),
  };
}

function checkSessionOrBadRequest(data: unknown) {
  try {
    return checkSession(data);
  } catch (e) {
    throw badRequest((e as Error).message);
  }
}

function nodeAction(c: Cluster, a: NodeAction): Replies['node'] {
  if (a.action === 'add') {
    const pool = a.pool ?? c.spec.pools[0]?.name ?? 'nodepool1';
    const node = c.addNode(pool);
    return { node, message: `node ${node} is booting in pool ${pool}` };
  }
  const name = a.node;
  const agent = c.nodes.get(name);
  switch (a.action) {
    case 'remove':
      c.removeNode(name);
      return { node: name, message: `VM of node/${name} deleted` };
    case 'cordon':
    case 'uncordon': {
      c.api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: a.action === 'cordon' ? true : null } }, { actor: ACTOR });
      return { node: name, message: `node/${name} ${a.action}ed` };
    }
    case 'drain':
      return { node: name, message: drain(c, name) };
  }
  if (!agent) throw badRequest(`node ${name} has no VM in this cluster`);
  switch (a.action) {
    case 'stop-kubelet':
      agent.kubelet.stopKubelet();
      return { node: name, message: `kubelet stopped on ${name}` };
    case 'start-kubelet':
      agent.kubelet.startKubelet();
      return { node: name, message: `kubelet started on ${name}` };
    case 'power-off':
      agent.kubelet.powerOff();
      return { node: name, message: `${name} powered off` };
    case 'power-on':
      agent.kubelet.powerOn();
      return { node: name, message: `${name} powered on` };
  }
}

/**
 * `kubectl drain <node> --ignore-daemonsets --delete-emptydir-data`: cordon, then evict every pod
 * on the node except DaemonSet and mirror pods, through the Eviction API (PDBs are honoured).
 */
function drain(c: Cluster, name: string): string {
  c.api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: true } }, { actor: ACTOR });
  const pods = c.api.list<Pod>('pods', { fieldSelector: `spec.nodeName=${name}` }).items;
  const evicted: string[] = [];
  const blocked: string[] = [];
  for (const p of pods) {
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    if (isDaemonSetPod(p) || p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    try {
      c.api.evict(p.metadata.namespace!, p.metadata.name!, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace } }, { actor: ACTOR });
      evicted.push(`${p.metadata.namespace}/${p.metadata.name}`);
    } catch (e) {
      blocked.push(`${p.metadata.namespace}/${p.metadata.name}: ${(e as Error).message}`);
    }
  }
  const lines = [`node/${name} cordoned`, ...evicted.map((p) => `evicting pod ${p}`)];
  if (blocked.length) lines.push(...blocked.map((b) => `error when evicting pod ${b}`));
  else lines.push(`node/${name} drained`);
  return lines.join('\n');
}

function isDaemonSetPod(p: KubeObject): boolean {
  return (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet' && o.controller);
}

function checkStepControl(control: StepControl): void {
  if ('stepping' in control) {
    if (typeof control.stepping !== 'boolean') throw badRequest('stepping must be true or false');
  } else if (control?.action !== 'step') throw badRequest(`unknown step action ${JSON.stringify((control as { action?: unknown })?.action)}: use {"action":"step"} or {"stepping":true|false}`);
}

function controlScheduler(c: Cluster, control: StepControl): void {
  checkStepControl(control);
  if ('stepping' in control) c.scheduler.setStepping(control.stepping);
  else {
    if (!c.scheduler.context.stepping) throw badRequest('the scheduler is not in step mode: turn stepping on first');
    if (c.scheduler.state === 'stopped') throw badRequest('the scheduler is stopped');
    c.scheduler.step();
  }
}

function schedulerCycle(c: Cluster): Replies['scheduler'] {
  const ctx = c.scheduler.context;
  const q = c.scheduler.pending();
  return {
    phase: c.scheduler.state,
    stepping: ctx.stepping,
    pod: ctx.pod,
    node: ctx.node,
    feasible: ctx.feasible,
    // Only while stepping: running cycles finish within one task, nobody can see them mid-way.
    verdicts: ctx.stepping ? c.scheduler.cycleVerdicts() : undefined,
    cycles: ctx.cycles,
    scheduled: ctx.scheduled,
    failed: ctx.failed,
    queue: { activeQ: q.activeQ.length, backoffQ: q.backoffQ.length, unschedulablePods: q.unschedulablePods.length },
  };
}

function components(c: Cluster): ComponentState[] {
  const q = c.scheduler.pending();
  const out: ComponentState[] = [
    { id: 'kube-scheduler', state: c.scheduler.state, detail: { activeQ: q.activeQ.length, backoffQ: q.backoffQ.length, unschedulablePods: q.unschedulablePods.length } },
  ];
  for (const ctl of c.controllerManager.controllers) out.push({ id: `controller/${ctl.name}`, state: ctl.state });
  for (const [name, agent] of c.nodes) out.push({ id: `kubelet/${name}`, state: agent.kubelet.state, detail: { pods: agent.kubelet.pods.length, partitioned: agent.kubelet.partitioned } });
  const etcd = c.etcd.status();
  out.push({ id: 'etcd', state: etcd.hasQuorum ? 'serving' : 'noQuorum', detail: { revision: c.api.store.revision, leader: etcd.leader ?? '', term: etcd.term, up: etcd.up, size: etcd.size, quorum: etcd.quorum } });
  for (const m of etcd.members) out.push({ id: `etcd/${m.name}`, state: m.role, detail: { term: m.term, id: m.id } });
  return out;
}
