// The kubelet's pod workers (pod_workers.go + kuberuntime SyncPod + the status manager): for each
// pod bound to the node, a record with its lifecycle snapshots, advanced by `sync(rec)` at the
// instants something is due (a pull finishing, a container exiting, a back-off expiring, a probe
// tick). Each record has at most one clock timer: its next wake-up. Each sync ends with at most
// one status write, and only when the status changed.

import { badRequest, isApiError } from '../api/errors';
import { intValue } from '../api/quantity';
import type { Container, Pod, PodStatus } from '../api/types';
import type { ApiClient } from '../apiserver/apiserver';
import type { Clock, TimerId } from '../clock';
import { toRFC3339 } from '../clock';
import type { EventRecorder } from '../client/events';
import type { Random } from '../random';
import type { Trace } from '../trace';
import { deepEqual } from '../util/json';
import { formatGoDuration } from './images';
import { newContainerSnapshot, newPodSnapshot, stepContainer, stepPod, type ContainerEvent, type ContainerSnapshot, type PodEvent, type PodSnapshot } from './podlifecycle';
import { buildPodStatus, computePhase, type Phase } from './podstatus';
import { programStatic, probeHits, probeRecs, runProbe, tickAt, type ProbeRec } from './probes';
import { programFor, type Program } from './process';
import type { ContainerRuntime, PullResult, RuntimeContainer } from './runtime';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** flowcontrol.Backoff forgets an entry after 2 x max without an event: 10 minutes. */
const BACKOFF_RESET_MS = 2 * BACKOFF_MAX_MS;
/** Creating the sandbox (pause container + CNI ADD). */
const SANDBOX_MS = [400, 900];
/** How long a well-behaved process takes to exit after the stop signal. */
const GRACEFUL_EXIT_MS = 300;
/** Under the out-of-memory fault, how long a restarted container runs before it hits its limit again. */
export const OOM_AFTER_START_MS = 5_000;

type Step = 'pull' | 'pulling' | 'create' | 'run' | 'done';

export interface ContainerRec {
  spec: Container;
  init: boolean;
  snap: ContainerSnapshot;
  step: Step;
  pull?: PullResult;
  /** Image pull back-off (key pod uid + image). */
  pullBackoff?: { ms: number; until: number; reported?: number };
  /** Restart back-off (flowcontrol.Backoff entry for this container). */
  crash?: { ms: number; last: number };
  restartAt?: number;
  instance?: RuntimeContainer;
  program?: Program;
  probes: ProbeRec[];
  /** Stop signal sent: when the process will be gone, with which code. */
  stopping?: { exitAt: number; code: number; reason: string };
  neverPullReported?: boolean;
  /** The program as it was before the out-of-memory fault made it leak (restored when healed). */
  beforeOom?: Program;
}

export interface PodRec {
  uid: string;
  key: string;
  pod: Pod;
  snap: PodSnapshot;
  init: ContainerRec[];
  containers: ContainerRec[];
  sandboxAt?: number;
  sandboxReady: boolean;
  podIP?: string;
  startTime?: string;
  timer?: TimerId;
  wakeAt?: number;
  wakeSeq: number;
  condTimes: Map<string, { status: string; at: string }>;
  terminal?: { phase: 'Succeeded' | 'Failed'; reason?: string; message?: string };
  rejected?: { reason: string; message: string };
  terminating: boolean;
  /** Resource requests, for the kubelet's admission (computed once). */
  requests?: { cpu: number; memory: number };
  /** Final status written and the pod deleted (or asked to be). */
  finished: boolean;
}

export interface PodWorkerHost {
  nodeName: string;
  clock: Clock;
  random: Random;
  trace: Trace;
  client: ApiClient;
  recorder: EventRecorder;
  runtime: ContainerRuntime;
  nodeIP(): string;
  /** A pod IP from the node's podCIDR (undefined while the node has none). */
  allocateIP(uid: string): string | undefined;
  releaseIP(uid: string): void;
  /** Whether the kubelet process runs (no syncing, no writes otherwise). */
  active(): boolean;
  /** Whether the API server is reachable (a partitioned kubelet syncs locally, writes nothing). */
  connected?(): boolean;
}

export class PodWorkers {
  readonly records = new Map<string, PodRec>();
  /** Containers made to exceed their memory limit, by `pod uid/container name`. */
  private readonly oom = new Set<string>();

  constructor(private readonly h: PodWorkerHost) {}

  private connected(): boolean {
    return this.h.connected?.() ?? true;
  }

  // ------------------------------------------------------------------ faults

  private runningContainer(rec: PodRec, name: string | undefined): ContainerRec {
    const all = [...rec.init, ...rec.containers];
    const c = name === undefined ? rec.containers[0] : all.find((x) => x.spec.name === name);
    if (!c) throw badRequest(`container ${name} is not valid for pod ${rec.pod.metadata.name}`);
    return c;
  }

  /**
   * The container's main process is killed from outside the kubelet (SIGKILL, or the kernel's OOM
   * killer): it exits with 137 and the kubelet restarts it per restartPolicy, with its back-off.
   */
  kill(rec: PodRec, name: string | undefined, reason: 'Error' | 'OOMKilled'): string {
    const c = this.runningContainer(rec, name);
    const podName = rec.pod.metadata.name;
    if (c.snap.value !== 'running' || !c.instance || c.stopping) throw badRequest(`container "${c.spec.name}" in pod "${podName}" is not running`);
    const now = this.h.clock.now();
    c.stopping = { exitAt: now, code: 137, reason };
    this.wake(rec, now);
    return reason === 'OOMKilled'
      ? `container ${c.spec.name} of pod ${podName} exceeded its memory limit (${c.spec.resources?.limits?.memory ?? 'none: the node ran out'}): OOMKilled`
      : `container ${c.spec.name} of pod ${podName} killed (SIGKILL, exit code 137)`;
  }

  setOutOfMemory(rec: PodRec, name: string | undefined, on: boolean): string {
    const c = this.runningContainer(rec, name);
    const key = `${rec.uid}/${c.spec.name}`;
    if (!on) {
      this.oom.delete(key);
      // The running process no longer leaks: it will not hit its limit.
      if (c.beforeOom && c.snap.value === 'running' && c.instance && !c.stopping) {
        c.program = c.instance.program = c.beforeOom;
        this.wake(rec, this.h.clock.now());
      }
      c.beforeOom = undefined;
      return `container ${c.spec.name} of pod ${rec.pod.metadata.name} no longer exceeds its memory limit`;
    }
    this.oom.add(key);
    if (c.snap.value === 'running' && c.instance && !c.stopping) return this.kill(rec, c.spec.name, 'OOMKilled');
    return `container ${c.spec.name} of pod ${rec.pod.metadata.name} will exceed its memory limit when it next starts`;
  }

  outOfMemoryKeys(): string[] {
    const out: string[] = [];
    for (const key of this.oom) {
      const [uid, name] = key.split('/');
      const rec = this.records.get(uid);
      if (rec) out.push(`${rec.key}/${name}`);
    }
    return out.sort();
  }

  // ------------------------------------------------------------------ records

  newRecord(pod: Pod): PodRec {
    const reason = (init: boolean) => (init || !(pod.spec.initContainers ?? []).length ? 'ContainerCreating' : 'PodInitializing');
    const mk = (c: Container, init: boolean): ContainerRec => ({ spec: c, init, snap: newContainerSnapshot(reason(init)), step: 'pull', probes: [] });
    const rec: PodRec = {
      uid: pod.metadata.uid!,
      key: `${pod.metadata.namespace}/${pod.metadata.name}`,
      pod,
      snap: newPodSnapshot(),
      init: (pod.spec.initContainers ?? []).map((c) => mk(c, true)),
      containers: pod.spec.containers.map((c) => mk(c, false)),
      sandboxReady: false,
      condTimes: new Map(),
      terminating: false,
      finished: false,
      wakeSeq: 0,
    };
    this.records.set(rec.uid, rec);
    return rec;
  }

  /** A new version of the pod arrived from the watch. */
  updated(rec: PodRec, pod: Pod): void {
    const old = rec.pod;
    if (old === pod) return; // our own status write coming back
    rec.pod = pod;
    // Someone else changed the status (the node controller's MarkPodsNotReady): the status
    // manager compares it with what the kubelet would report and writes that again.
    if (old.status !== pod.status && !rec.finished && !rec.rejected) this.wake(rec, this.h.clock.now());
    if (pod.metadata.deletionTimestamp !== old.metadata.deletionTimestamp) this.wake(rec, this.h.clock.now());
    // A changed image restarts the container (the only container field a pod update may change).
    pod.spec.containers.forEach((c, i) => {
      const cr = rec.containers[i];
      if (!cr || cr.spec.image === c.image) return;
      cr.spec = c;
      if (cr.snap.value === 'running' && !cr.stopping) {
        this.event(rec, cr, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
        this.stop(rec, cr, this.h.clock.now(), rec.pod.spec.terminationGracePeriodSeconds ?? 30);
        cr.crash = undefined; // a spec change is not a crash
      } else {
        cr.step = 'pull';
        cr.pullBackoff = undefined;
        cr.restartAt = undefined;
      }
      this.wake(rec, this.h.clock.now());
    });
  }

  /** The pod is gone from the API: tear everything down at once. */
  removed(rec: PodRec): void {
    if (this.oom.size > 0) for (const c of [...rec.init, ...rec.containers]) this.oom.delete(`${rec.uid}/${c.spec.name}`);
    if (rec.timer !== undefined) this.h.clock.cancel(rec.timer);
    rec.wakeSeq++;
    this.h.releaseIP(rec.uid);
    this.h.runtime.removePod(rec.uid);
    this.records.delete(rec.uid);
  }

  /** The VM lost power: containers are gone; records stay (what containerd has on disk). */
  powerLost(now: number): void {
    for (const rec of this.records.values()) {
      if (rec.timer !== undefined) this.h.clock.cancel(rec.timer);
      rec.timer = undefined;
      rec.wakeAt = undefined;
      rec.wakeSeq++;
      if (rec.finished || rec.terminal || rec.rejected) continue;
      for (const c of [...rec.init, ...rec.containers]) {
        if (c.snap.value === 'running') {
          c.snap = stepContainer(c.snap, { type: 'EXIT', at: toRFC3339(now), exitCode: 255, reason: 'Unknown' });
          if (c.instance) c.instance.finishedAt = now;
          // Restarted on boot, unless the pod never restarts its containers.
          c.step = (rec.pod.spec.restartPolicy ?? 'Always') === 'Never' ? 'done' : 'pull';
          c.stopping = undefined;
        } else if (c.step === 'pulling') c.step = 'pull';
      }
      rec.sandboxReady = false;
      rec.sandboxAt = undefined;
      this.h.releaseIP(rec.uid);
      rec.podIP = undefined;
      if (rec.snap.value === 'running' || rec.snap.value === 'initializing') rec.snap = stepPod(rec.snap, { type: 'SANDBOX_LOST' });
    }
  }

  // ------------------------------------------------------------------ scheduling

  wake(rec: PodRec, at: number): void {
    if (rec.finished) return;
    if (rec.wakeAt !== undefined && rec.wakeAt <= at) return;
    if (rec.timer !== undefined) this.h.clock.cancel(rec.timer);
    rec.timer = undefined;
    rec.wakeAt = at;
    const seq = ++rec.wakeSeq;
    const run = () => {
      if (rec.wakeSeq !== seq) return; // superseded by an earlier wake-up
      rec.timer = undefined;
      rec.wakeAt = undefined;
      if (this.records.get(rec.uid) === rec) this.sync(rec);
    };
    const now = this.h.clock.now();
    // Due now (a deletion, a watch update): run right after the current task, without a timer.
    if (at <= now) this.h.clock.defer(run);
    else rec.timer = this.h.clock.schedule(run, at - now, 'kubelet: pod sync');
  }

  // ------------------------------------------------------------------ sync

  /** kubelet.SyncPod: bring the pod one step closer to its spec; schedule the next step. */
  sync(rec: PodRec): void {
    if (!this.h.active() || rec.finished || rec.rejected) return;
    const now = this.h.clock.now();
    let next = Infinity;
    const pod = rec.pod;

    if (pod.metadata.deletionTimestamp || rec.snap.value === 'terminating') {
      this.terminate(rec, now);
      return;
    }
    if (rec.terminal) {
      this.writeStatus(rec);
      return;
    }

    // activeDeadlineSeconds counts from the pod's start on this node.
    const ads = pod.spec.activeDeadlineSeconds;
    if (ads !== undefined && rec.startTime) {
      const deadline = Date.parse(rec.startTime) + ads * 1000;
      if (now >= deadline) {
        this.deadlineExceeded(rec, now);
        return;
      }
      next = deadline;
    }

    if (!rec.sandboxReady) {
      if (rec.sandboxAt === undefined) {
        rec.sandboxAt = now + Math.round(SANDBOX_MS[0] + (SANDBOX_MS[1] - SANDBOX_MS[0]) * this.h.random.next());
        if (rec.startTime === undefined) rec.startTime = toRFC3339(now);
        if (rec.podIP === undefined && rec.init.concat(rec.containers).some((c) => c.snap.context.restartCount > 0 || c.snap.context.terminated)) {
          this.event(rec, undefined, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
        }
      }
      if (now < rec.sandboxAt) {
        this.writeStatus(rec);
        this.wake(rec, Math.min(next, rec.sandboxAt));
        return;
      }
      const ip = pod.spec.hostNetwork ? this.h.nodeIP() : this.h.allocateIP(rec.uid);
      if (!ip) {
        // No podCIDR yet (the node IPAM controller has not run): CNI fails, the kubelet retries.
        this.writeStatus(rec);
        this.wake(rec, now + 1000);
        return;
      }
      rec.podIP = ip;
      rec.sandboxReady = true;
      this.podEvent(rec, { type: 'SANDBOX_READY' });
    }

    // Init containers run one at a time, in order; the app containers wait for all of them.
    let initDone = true;
    for (const c of rec.init) {
      if (c.snap.value === 'terminated' && c.snap.context.terminated?.exitCode === 0 && c.step === 'done') continue;
      next = Math.min(next, this.advance(rec, c, now));
      initDone = c.snap.value === 'terminated' && c.snap.context.terminated?.exitCode === 0 && c.step === 'done';
      if (!initDone) break;
    }
    if (initDone) {
      if (rec.snap.value === 'initializing') this.podEvent(rec, { type: 'INITIALIZED' });
      for (const c of rec.containers) next = Math.min(next, this.advance(rec, c, now));
    }

    const phase = this.phase(rec, false);
    if (phase === 'Succeeded' || phase === 'Failed') {
      rec.terminal = { phase };
      this.podEvent(rec, { type: 'COMPLETE', phase });
      rec.sandboxReady = false;
      next = Infinity;
    }
    this.writeStatus(rec);
    if (next < Infinity) this.wake(rec, next);
  }

  private phase(rec: PodRec, podIsTerminal: boolean): Phase {
    if (rec.terminal) return rec.terminal.phase;
    return computePhase(rec.pod, rec.init.map(view), rec.containers.map(view), podIsTerminal);
  }

  /** Advance one container as far as it can go now; returns when it next needs attention. */
  private advance(rec: PodRec, c: ContainerRec, now: number): number {
    const policy = rec.pod.spec.restartPolicy ?? 'Always';
    for (let guard = 0; guard < 16; guard++) {
      switch (c.step) {
        case 'pull': {
          if (c.restartAt !== undefined && now < c.restartAt) return c.restartAt;
          c.restartAt = undefined;
          const image = c.spec.image ?? '';
          const pullPolicy = c.spec.imagePullPolicy ?? (/:latest$|^[^:@]*$/.test(image.split('/').pop() ?? '') ? 'Always' : 'IfNotPresent');
          const present = this.h.runtime.image(image);
          if (present && pullPolicy !== 'Always') {
            this.event(rec, c, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
            c.step = 'create';
            continue;
          }
          if (!present && pullPolicy === 'Never') {
            const msg = `Container image "${image}" is not present with pull policy of Never`;
            this.containerEvent(c, { type: 'WAIT', reason: 'ErrImageNeverPull', message: msg });
            if (!c.neverPullReported) {
              c.neverPullReported = true;
              this.event(rec, c, 'Warning', 'ErrImageNeverPull', msg);
              this.event(rec, c, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
            }
            return Infinity;
          }
          const bo = c.pullBackoff;
          if (bo && now < bo.until) {
            this.containerEvent(c, { type: 'WAIT', reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` });
            if (bo.reported !== bo.until) {
              bo.reported = bo.until;
              this.event(rec, c, 'Normal', 'BackOff', `Back-off pulling image "${image}"`);
              this.event(rec, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
            }
            return bo.until;
          }
          this.event(rec, c, 'Normal', 'Pulling', `Pulling image "${image}"`);
          c.pull = this.h.runtime.pull(image, now);
          c.step = 'pulling';
          if (c.snap.context.waiting?.reason !== 'ContainerCreating' && c.snap.context.waiting?.reason !== 'PodInitializing') {
            this.containerEvent(c, { type: 'WAIT', reason: c.init || !rec.init.length ? 'ContainerCreating' : 'PodInitializing' });
          }
          return c.pull.doneAt;
        }
        case 'pulling': {
          const p = c.pull!;
          if (now < p.doneAt) return p.doneAt;
          const image = c.spec.image ?? '';
          if (p.ok) {
            this.h.runtime.finishPull(p);
            c.pull = undefined; // done: the record need not keep it (the runtime has the image)
            this.event(rec, c, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${formatGoDuration(p.pullMs)} (${formatGoDuration(p.totalMs)} including waiting). Image size: ${p.result.sizeBytes} bytes.`);
            c.pullBackoff = undefined;
            c.step = 'create';
            continue;
          }
          this.event(rec, c, 'Warning', 'Failed', `Failed to pull image "${image}": ${p.message}`);
          this.event(rec, c, 'Warning', 'Failed', 'Error: ErrImagePull');
          this.containerEvent(c, { type: 'WAIT', reason: 'ErrImagePull', message: p.message });
          const prev = c.pullBackoff;
          const ms = prev && now - (prev.until - prev.ms) <= BACKOFF_RESET_MS ? Math.min(prev.ms * 2, BACKOFF_MAX_MS) : BACKOFF_INITIAL_MS;
          c.pullBackoff = { ms, until: now + ms };
          c.step = 'pull';
          // The next sync (the pod worker's retry) shows ImagePullBackOff.
          return now + 1000;
        }
        case 'create': {
          const img = this.h.runtime.image(c.spec.image ?? '')!;
          const limit = c.spec.resources?.limits?.memory;
          let program = programFor(img.entry, img.tag, c.spec, now, {
            hostname: rec.pod.spec.hostname ?? rec.pod.metadata.name!,
            podIP: rec.podIP ?? '',
            nodeIP: this.h.nodeIP(),
            env: Object.fromEntries((c.spec.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!])),
            memoryLimitBytes: limit ? intValue(limit) : undefined,
          });
          if (this.oom.has(`${rec.uid}/${c.spec.name}`)) {
            // It allocates past its cgroup's memory limit: the kernel's OOM killer ends it.
            const at = now + OOM_AFTER_START_MS;
            c.beforeOom = program;
            if (!program.exit || program.exit.at > at) program = { ...program, exit: { at, code: 137, reason: 'OOMKilled' } };
          } else c.beforeOom = undefined;
          const inst = this.h.runtime.createContainer(rec.uid, c.spec.name, img, program, now);
          c.instance = inst;
          c.program = program;
          this.event(rec, c, 'Normal', 'Created', `Created container: ${c.spec.name}`);
          this.event(rec, c, 'Normal', 'Started', `Started container ${c.spec.name}`);
          c.probes = probeRecs(c.spec);
          // No readiness probe: ready as soon as it runs (and its startup probe, if any, passed).
          const ready = !c.init && !c.probes.some((p) => p.kind === 'readiness' || p.kind === 'startup');
          this.containerEvent(c, { type: 'START', at: toRFC3339(now), containerID: `containerd://${inst.id}`, image: img.name, imageID: img.imageID, ready });
          c.step = 'run';
          continue;
        }
        case 'run': {
          const prog = c.program!;
          const exit = c.stopping ?? (prog.exit ? { exitAt: prog.exit.at, code: prog.exit.code, reason: prog.exit.reason } : undefined);
          let due = Infinity;
          if (!exit || exit.exitAt > now) {
            if (!c.stopping) due = this.runProbes(rec, c, now, exit?.exitAt ?? Infinity);
            if (c.stopping && c.stopping !== exit) continue; // a liveness failure just stopped it
            return Math.min(due, exit?.exitAt ?? Infinity);
          }
          // The process has exited.
          c.snap = stepContainer(c.snap, { type: 'EXIT', at: toRFC3339(exit.exitAt), exitCode: exit.code, reason: exit.reason });
          c.instance!.finishedAt = exit.exitAt;
          const stopped = c.stopping !== undefined;
          c.stopping = undefined;
          const restart = c.init ? exit.code !== 0 && policy !== 'Never' : policy === 'Always' || (policy === 'OnFailure' && (exit.code !== 0 || stopped));
          if (!restart) {
            c.step = 'done';
            return Infinity;
          }
          c.step = 'pull';
          // kuberuntime doBackOff: in back-off while (now - finishedAt) < the current back-off.
          const bo = c.crash;
          const expired = !bo || exit.exitAt - bo.last > BACKOFF_RESET_MS;
          if (!expired && now - exit.exitAt < bo!.ms) {
            c.restartAt = exit.exitAt + bo!.ms;
            this.crashLoop(rec, c, exit.exitAt);
            return c.restartAt;
          }
          c.crash = { ms: expired ? BACKOFF_INITIAL_MS : Math.min(bo!.ms * 2, BACKOFF_MAX_MS), last: exit.exitAt };
          continue;
        }
        case 'done':
          return Infinity;
      }
    }
    return Infinity;
  }

  /** Waiting out a restart back-off: CrashLoopBackOff and the BackOff event, then Next() doubles the back-off. */
  private crashLoop(rec: PodRec, c: ContainerRec, finishedAt: number): void {
    const p = rec.pod.metadata;
    const bo = c.crash!;
    this.containerEvent(c, { type: 'WAIT', reason: 'CrashLoopBackOff', message: `back-off ${formatGoDuration(bo.ms)} restarting failed container=${c.spec.name} pod=${p.name}_${p.namespace}(${p.uid})` });
    this.event(rec, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.spec.name} in pod ${p.name}_${p.namespace}(${p.uid})`);
    c.crash = { ms: Math.min(bo.ms * 2, BACKOFF_MAX_MS), last: finishedAt };
  }

  /** Evaluate the probe ticks due by `now`; returns the next tick that matters. */
  private runProbes(rec: PodRec, c: ContainerRec, now: number, exitAt: number): number {
    const inst = c.instance!;
    const prog = c.program!;
    let due = Infinity;
    const startup = c.probes.find((p) => p.kind === 'startup');
    for (const p of c.probes) {
      if (p.kind !== 'startup' && startup && !startup.result) continue; // gated by the startup probe
      if (p.settled) continue;
      const period = p.probe.periodSeconds ?? 10;
      // Catch up with ticks missed while the kubelet was not syncing, but not forever.
      let t = tickAt(p.probe, inst.startedAt, p.next);
      const horizon = now - 5 * period * 1000;
      while (t < horizon) t = tickAt(p.probe, inst.startedAt, ++p.next);
      while (t <= now && t < exitAt) {
        p.next++;
        const r = runProbe(p.probe, c.spec, prog, rec.podIP ?? '', this.h.nodeIP(), t);
        const label = p.kind[0].toUpperCase() + p.kind.slice(1);
        if (r.ok) {
          p.fail = 0;
          p.ok++;
          if (!p.result && p.ok >= (p.probe.successThreshold ?? 1)) {
            p.result = true;
            if (p.kind === 'readiness') this.containerEvent(c, { type: 'READY', ready: true });
            if (p.kind === 'startup' && !c.probes.some((q) => q.kind === 'readiness')) this.containerEvent(c, { type: 'READY', ready: true });
          }
        } else {
          p.ok = 0;
          p.fail++;
          this.event(rec, c, 'Warning', 'Unhealthy', `${label} probe failed: ${r.message}`);
          if (p.fail >= (p.probe.failureThreshold ?? 3)) {
            if (p.kind === 'readiness' && p.result) {
              p.result = false;
              this.containerEvent(c, { type: 'READY', ready: false });
            }
            if (p.kind === 'liveness' || p.kind === 'startup') {
              this.event(rec, c, 'Normal', 'Killing', `Container ${c.spec.name} failed ${p.kind} probe, will be restarted`);
              const grace = (p.probe as { terminationGracePeriodSeconds?: number }).terminationGracePeriodSeconds ?? rec.pod.spec.terminationGracePeriodSeconds ?? 30;
              this.stop(rec, c, t, grace);
              return c.stopping!.exitAt;
            }
          }
        }
        t = tickAt(p.probe, inst.startedAt, p.next);
      }
      // Once the answer cannot change, a passing probe needs no more wake-ups.
      if (p.result && p.fail === 0 && p.ok > 0 && programStatic(prog, t)) p.settled = true;
      else due = Math.min(due, t);
    }
    return due;
  }

  /** Send the stop signal: well-behaved programs exit at once, others are killed when the grace period ends. */
  private stop(rec: PodRec, c: ContainerRec, at: number, graceSeconds: number): void {
    const prog = c.program!;
    c.instance!.stoppedAt = at;
    if (prog.exit && prog.exit.at <= at + GRACEFUL_EXIT_MS) return; // exits by itself anyway
    if (prog.onStop === 'exit' && graceSeconds > 0) c.stopping = { exitAt: at + Math.min(GRACEFUL_EXIT_MS, graceSeconds * 1000), code: 0, reason: 'Completed' };
    else c.stopping = { exitAt: at + Math.max(0, graceSeconds) * 1000, code: 137, reason: 'Error' };
    this.containerEvent(c, { type: 'READY', ready: false });
    void rec;
  }

  /** Graceful deletion: stop every container (Killing), then write the final status and delete the pod. */
  private terminate(rec: PodRec, now: number): void {
    const pod = rec.pod;
    if (!rec.terminating) {
      rec.terminating = true;
      this.podEvent(rec, { type: 'TERMINATE' });
      const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      for (const c of [...rec.init, ...rec.containers]) {
        if (c.snap.value !== 'running' || c.stopping) continue;
        this.event(rec, c, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
        this.stop(rec, c, now, grace);
      }
    }
    let next = Infinity;
    for (const c of [...rec.init, ...rec.containers]) {
      if (c.snap.value !== 'running') continue;
      const exit = c.stopping ?? (c.program?.exit ? { exitAt: c.program.exit.at, code: c.program.exit.code, reason: c.program.exit.reason } : undefined);
      if (exit && exit.exitAt <= now) {
        c.snap = stepContainer(c.snap, { type: 'EXIT', at: toRFC3339(exit.exitAt), exitCode: exit.code, reason: exit.reason });
        c.instance!.finishedAt = exit.exitAt;
        c.stopping = undefined;
        c.step = 'done';
      } else next = Math.min(next, exit?.exitAt ?? now + 1000);
    }
    if (next < Infinity) {
      this.writeStatus(rec);
      this.wake(rec, next);
      return;
    }
    // Every container has stopped: report the final state, then let the API server remove the pod
    // (once it can be reached again: the resync after a partition heals comes back here).
    if (!this.connected()) return;
    this.podEvent(rec, { type: 'STOPPED' });
    rec.sandboxReady = false;
    if (!rec.terminal) {
      const phase = computePhase(pod, rec.init.map(view), rec.containers.map(view), true);
      rec.terminal = { phase: phase === 'Succeeded' ? 'Succeeded' : phase === 'Running' || phase === 'Pending' ? 'Failed' : phase };
    }
    this.writeStatus(rec);
    rec.finished = true;
    if (!pod.metadata.deletionTimestamp) return;
    try {
      this.h.client.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: rec.uid } });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  private deadlineExceeded(rec: PodRec, now: number): void {
    const msg = 'Pod was active on the node longer than the specified deadline';
    this.event(rec, undefined, 'Warning', 'DeadlineExceeded', msg);
    for (const c of [...rec.init, ...rec.containers]) {
      if (c.snap.value === 'running') {
        this.event(rec, c, 'Normal', 'Killing', `Stopping container ${c.spec.name}`);
        c.snap = stepContainer(c.snap, { type: 'EXIT', at: toRFC3339(now), exitCode: 137, reason: 'Error' });
        if (c.instance) c.instance.finishedAt = now;
      }
      c.step = 'done';
    }
    rec.terminal = { phase: 'Failed', reason: 'DeadlineExceeded', message: msg };
    this.podEvent(rec, { type: 'COMPLETE', phase: 'Failed' });
    rec.sandboxReady = false;
    this.writeStatus(rec);
  }

  /** Admission failed: the pod fails at once with the reason (OutOfcpu...). */
  reject(rec: PodRec, reason: string, message: string): void {
    rec.rejected = { reason, message };
    this.podEvent(rec, { type: 'REJECT' });
    this.event(rec, undefined, 'Warning', reason, message);
    const status: PodStatus = {
      phase: 'Failed',
      conditions: (rec.pod.status?.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
      reason,
      message: `Pod was rejected: ${message}`,
      qosClass: rec.pod.status?.qosClass,
      startTime: this.h.clock.nowISO(),
    };
    this.put(rec, status);
  }

  // ------------------------------------------------------------------ status and events

  writeStatus(rec: PodRec): void {
    if (!this.h.active()) return;
    const t = rec.terminal;
    const status = buildPodStatus({
      pod: rec.pod,
      phase: this.phase(rec, false),
      reason: t?.reason,
      message: t?.message,
      hostIP: this.h.nodeIP(),
      podIP: rec.podIP,
      startTime: rec.startTime,
      sandboxReady: rec.sandboxReady,
      init: rec.init.map(view),
      containers: rec.containers.map(view),
      condTimes: rec.condTimes,
      now: this.h.clock.nowISO(),
    });
    this.put(rec, status);
  }

  /** The status manager: write the status when it differs from the API's (nothing kept per pod). */
  private put(rec: PodRec, status: PodStatus): void {
    if (!this.connected() || deepEqual(rec.pod.status, status)) return;
    const m = rec.pod.metadata;
    try {
      // The status was built for this write (buildPodStatus) and is not kept: the API server stores it as it is.
      const updated = this.h.client.updateStatus<Pod>('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: m.name, namespace: m.namespace, uid: m.uid }, status } as Pod, { owned: true });
      rec.pod = updated;
    } catch (e) {
      if (!isApiError(e)) throw e; // gone or conflicting: the watch will tell
    }
    if (this.h.trace.active) this.h.trace.emit({ type: 'kubelet', at: this.h.clock.now(), node: this.h.nodeName, pod: rec.key, action: 'status', detail: status.phase });
  }

  private podEvent(rec: PodRec, e: PodEvent): void {
    rec.snap = stepPod(rec.snap, e);
  }

  private containerEvent(c: ContainerRec, e: ContainerEvent): void {
    const ctx = c.snap.context;
    // Skip events that change nothing (a transition costs tens of microseconds).
    if (e.type === 'WAIT' && c.snap.value === 'waiting' && ctx.waiting?.reason === e.reason && ctx.waiting?.message === e.message) return;
    if (e.type === 'READY' && (c.snap.value !== 'running' || ctx.ready === e.ready)) return;
    c.snap = stepContainer(c.snap, e);
  }

  event(rec: PodRec, c: ContainerRec | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (!this.h.active() || !this.connected()) return;
    const fieldPath = c ? `spec.${c.init ? 'initContainers' : 'containers'}{${c.spec.name}}` : undefined;
    this.h.recorder.record(rec.pod, type, reason, message, fieldPath);
    if (this.h.trace.active) this.h.trace.emit({ type: 'kubelet', at: this.h.clock.now(), node: this.h.nodeName, pod: rec.key, action: reason, detail: message });
  }

  /**
   * The stdin of a container's main process closed (the user left the `kubectl debug -it` or
   * `kubectl run -it` shell): the shell reading it exits with the session's code.
   */
  stdinClosed(rec: PodRec, name: string, code: number): void {
    const c = rec.containers.find((x) => x.spec.name === name);
    if (!c || c.snap.value !== 'running' || c.stopping || !c.spec.stdin) return;
    const now = this.h.clock.now();
    c.stopping = { exitAt: now, code, reason: code === 0 ? 'Completed' : 'Error' };
    this.wake(rec, now);
  }

  // ------------------------------------------------------------------ logs

  /** The runtime container behind a container's current status (for `kubectl logs`). */
  logTarget(rec: PodRec, name: string): ContainerRec | undefined {
    return rec.init.find((c) => c.spec.name === name) ?? rec.containers.find((c) => c.spec.name === name);
  }

  hitsFor(rec: PodRec, c: ContainerRec, inst: RuntimeContainer): (until: number) => ReturnType<typeof probeHits> {
    return (until) => probeHits(c.spec, inst.program, rec.podIP ?? '', this.h.nodeIP(), inst.startedAt, until);
  }
}

function view(c: ContainerRec) {
  return { spec: c.spec, snap: c.snap };
}
