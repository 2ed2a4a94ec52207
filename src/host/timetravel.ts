// Time travel over a session's journal. The cluster is never copied: going back to an instant T
// rebuilds it from seed + spec and replays the inputs before T through the live code path.
// A branch's inputs after T stay as its plan: running forward re-applies each at its instant, so
// playing on reproduces the same history, until the user does something else there; that input
// forks a new branch (the old one stays listed and can be switched back to).

import type { AksClusterSpec } from '../sim/aks/spec';
import type { Cluster } from '../sim/cluster';
import { DEFAULT_EPOCH_MS } from '../sim/clock';
import { clockState, controlClock, type ClockState } from './clock';
import { badRequest } from '../sim/api/errors';
import type { ClockControl, Request } from '../worker/protocol';
import { changesHistory, describeInput, isJournaled, type Branch, type JournalEntry, type SessionMs } from './journal';
import { MAX_SESSION_MS, SESSION_FORMAT, SESSION_VERSION, type SessionFile } from './sessionfile';

/** What the time travel needs from the host of the cluster. */
export interface Replayer {
  readonly cluster: Cluster | undefined;
  /** Drop the cluster (and what watches it) and create a fresh one from seed and spec. */
  rebuild(seed: number, spec: AksClusterSpec): Cluster;
  /** Run one journaled input exactly as when it was live; its errors are its own outcome. */
  replay(req: Request): void;
  /** Replay is over: re-list what the app watches and send it as the new truth. */
  rebuilt(): void;
}

/** The session's history as the app draws it (times in ms since the cluster was created). */
export interface TimelineSummary {
  /** Bumped on every rebuild: what the app holds from before is gone. */
  epoch: number;
  /** `az aks create` as wall-clock-style virtual ms (add a SessionMs to get a clock time). */
  epochMs: number;
  title?: string;
  /** When the cluster was ready (the earliest instant to rewind to). */
  start: SessionMs;
  now: SessionMs;
  /** The furthest instant the current branch reached (or plans to reach). */
  horizon: SessionMs;
  branch: number;
  branches: { id: number; parent?: number; forkedAt?: SessionMs; horizon: SessionMs; inputs: number }[];
  /** The current branch's inputs; `done` once applied. */
  marks: { at: SessionMs; label: string; done: boolean }[];
}

/** Labels parse manifests: once per entry, not on every timeline push. */
const labels = new WeakMap<JournalEntry, string>();
function labelOf(e: JournalEntry): string {
  let l = labels.get(e);
  if (l === undefined) labels.set(e, (l = describeInput(e.req)));
  return l;
}

/** Largest single advance (as the clock endpoint allows). */
const MAX_ADVANCE_SECONDS = 7 * 24 * 3600;

export class TimeTravel {
  private seed = 1;
  private spec: AksClusterSpec | undefined;
  private title: string | undefined;
  private branches: Branch[] = [];
  private current: Branch = { id: 1, entries: [], horizon: 0 };
  /** entries[0, cursor) of the current branch have been applied; the rest is its plan. */
  private cursor = 0;
  private replaying = false;
  private start: SessionMs = 0;
  private epoch = 0;
  /** Something the app's timeline shows changed (not just the clock). */
  dirty = false;

  constructor(private readonly host: Replayer) {}

  private get clusterOrFail(): Cluster {
    const c = this.host.cluster;
    if (!c) throw badRequest('the cluster is not created yet: send init first');
    return c;
  }

  now(): SessionMs {
    return this.clusterOrFail.clock.now() - DEFAULT_EPOCH_MS;
  }

  /** A new cluster was created: its history starts now, on branch 1. */
  begin(seed: number, spec: AksClusterSpec, title?: string): void {
    this.seed = seed;
    this.spec = structuredClone(spec);
    this.title = title;
    this.start = this.now();
    this.current = { id: 1, entries: [], horizon: this.start };
    this.branches = [this.current];
    this.cursor = 0;
    this.dirty = true;
  }

  /** Run a request from the app, journaling it first if it is an input. */
  input<T>(req: Request, run: () => T): T {
    const c = this.host.cluster;
    if (this.replaying || !c || !isJournaled(req) || req.op === 'clock') return run();
    const entry: JournalEntry = { at: this.now(), req: JSON.parse(JSON.stringify(req)) as Request };
    const revision = c.api.store.revision;
    const random = JSON.stringify(c.random.state);
    try {
      return run();
    } finally {
      // Journaled whatever the outcome: a failed input fails the same way on replay.
      const wrote = c.api.store.revision !== revision || JSON.stringify(c.random.state) !== random;
      this.record(entry, changesHistory(req, wrote));
    }
  }

  private record(entry: JournalEntry, forks = true): void {
    const b = this.current;
    if (this.cursor < b.entries.length) {
      const next = b.entries[this.cursor];
      // The same input at the same instant as planned is following the plan, not a new branch.
      if (next.at === entry.at && JSON.stringify(next.req) === JSON.stringify(entry.req)) {
        this.cursor++;
        this.dirty = true;
        return;
      }
      if (!forks) {
        // Looking or pacing: into this branch, before its plan, which goes on.
        b.entries.splice(this.cursor++, 0, entry);
        this.dirty = true;
        return;
      }
      this.fork(entry.at);
    }
    this.current.entries.push(entry);
    this.cursor++;
    this.current.horizon = Math.max(this.current.horizon, entry.at);
    this.dirty = true;
  }

  private fork(at: SessionMs): void {
    const b: Branch = { id: Math.max(...this.branches.map((x) => x.id)) + 1, entries: this.current.entries.slice(0, this.cursor), horizon: at, parent: this.current.id, forkedAt: at };
    this.branches.push(b);
    this.current = b;
  }

  /** The clock op: advancing follows the plan; a step is an input (it runs one timer only). */
  clock(control: ClockControl): ClockState {
    const c = this.clusterOrFail;
    if (this.replaying) return controlClock(c.clock, control);
    if ('action' in control && control.action === 'advance') {
      const s = control.seconds;
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > MAX_ADVANCE_SECONDS) {
        return controlClock(c.clock, control); // its error message
      }
      this.advance(Math.round(s * 1000));
      return clockState(c.clock);
    }
    if ('action' in control && control.action === 'step') {
      const next = this.current.entries[this.cursor];
      const timer = c.clock.nextTimerAt();
      if (next && (timer === undefined || DEFAULT_EPOCH_MS + next.at <= timer)) {
        // The plan's next input comes first: stepping to it is just time passing.
        this.advance(Math.max(0, DEFAULT_EPOCH_MS + next.at - c.clock.now()));
        return clockState(c.clock);
      }
      this.record({ at: this.now(), req: { op: 'clock', control: { action: 'step' } } }, false);
      const r = controlClock(c.clock, control);
      this.touch();
      return r;
    }
    return controlClock(c.clock, control);
  }

  /** Run `ms` of virtual time, applying the plan's inputs at their instants (the real-time driver comes here too). */
  advance(ms: number): void {
    const clock = this.clusterOrFail.clock;
    const target = clock.now() + Math.max(0, ms);
    this.applyPlanUntil(target, true);
    clock.advance(target - clock.now());
    this.touch();
  }

  private applyPlanUntil(targetMs: number, inclusive: boolean, limit = Infinity): void {
    const clock = this.clusterOrFail.clock;
    const entries = this.current.entries;
    while (this.cursor < limit) {
      const e = entries[this.cursor];
      if (!e) break;
      const at = DEFAULT_EPOCH_MS + e.at;
      if (inclusive ? at > targetMs : at >= targetMs) break;
      if (at > clock.now()) clock.advance(at - clock.now());
      this.cursor++;
      this.dirty = true;
      const wasReplaying = this.replaying;
      this.replaying = true;
      try {
        this.host.replay(e.req);
      } finally {
        this.replaying = wasReplaying;
      }
    }
  }

  private touch(): void {
    if (!this.host.cluster) return;
    const now = this.now();
    if (now > this.current.horizon) this.current.horizon = now;
  }

  /**
   * Go to instant `at` of the current branch. Back: rebuild and replay the inputs before `at`
   * (and those at `at` too if `inclusive`); the clock is paused there. Forward: run time, following the plan.
   */
  rewind(at: SessionMs, inclusive = false): void {
    if (!Number.isFinite(at)) throw badRequest('rewind: "at" must be a number of milliseconds');
    const target = Math.min(Math.max(Math.round(at), this.start), MAX_SESSION_MS);
    const now = this.now();
    if (target > now || (target === now && inclusive)) {
      this.advance(target - now);
      return;
    }
    this.rebuildTo(target, inclusive);
  }

  /** Continue on another branch, where it was left. */
  switchBranch(id: number): void {
    const b = this.branches.find((x) => x.id === id);
    if (!b) throw badRequest(`no branch ${id}: branches are ${this.branches.map((x) => x.id).join(', ')}`);
    this.current = b;
    this.rebuildTo(b.horizon, true);
  }

  /** Replace the whole session with a saved one (already checked by checkSession). */
  load(s: SessionFile): void {
    const before = { seed: this.seed, spec: this.spec, title: this.title, current: this.current, branches: this.branches, cursor: this.cursor };
    this.seed = s.seed;
    this.spec = structuredClone(s.spec);
    this.title = s.title;
    this.current = { id: 1, entries: structuredClone(s.journal), horizon: Math.max(s.now, s.journal.at(-1)?.at ?? 0, s.horizon ?? 0) };
    this.branches = [this.current];
    const applied = s.applied ?? s.journal.filter((e) => e.at <= s.now).length;
    const cluster = this.host.cluster;
    try {
      this.rebuildTo(s.now, true, applied);
    } catch (e) {
      // The cluster could not be built from it: the open session stays as it was.
      if (this.host.cluster === cluster) Object.assign(this, before);
      throw badRequest(`invalid session file: ${(e as Error).message}`);
    }
  }

  private rebuildTo(target: SessionMs, inclusive: boolean, applied?: number): void {
    if (!this.spec) throw badRequest('no session to rebuild');
    const old = this.host.cluster;
    const speed = old?.clock.speed ?? 1;
    this.replaying = true;
    try {
      const c = this.host.rebuild(this.seed, structuredClone(this.spec));
      c.clock.speed = speed;
      c.clock.paused = true;
      this.start = c.clock.now() - DEFAULT_EPOCH_MS;
      this.cursor = 0;
      if (applied !== undefined) {
        this.applyPlanUntil(DEFAULT_EPOCH_MS + target, true, applied);
      } else {
        this.applyPlanUntil(DEFAULT_EPOCH_MS + target, inclusive);
      }
      const t = DEFAULT_EPOCH_MS + Math.max(target, this.start);
      if (t > c.clock.now()) c.clock.advance(t - c.clock.now());
    } finally {
      this.replaying = false;
    }
    this.epoch++;
    this.dirty = true;
    this.host.rebuilt();
  }

  /** The session as a file: everything to rebuild it, including the current branch's plan. */
  session(): SessionFile {
    if (!this.spec) throw badRequest('the cluster is not created yet: send init first');
    return {
      format: SESSION_FORMAT,
      version: SESSION_VERSION,
      ...(this.title ? { title: this.title } : {}),
      seed: this.seed,
      spec: structuredClone(this.spec),
      journal: structuredClone(this.current.entries),
      now: this.now(),
      applied: this.cursor,
      horizon: Math.max(this.current.horizon, this.now()),
    };
  }

  summary(): TimelineSummary {
    const now = this.now();
    return {
      epoch: this.epoch,
      epochMs: DEFAULT_EPOCH_MS,
      ...(this.title ? { title: this.title } : {}),
      start: this.start,
      now,
      horizon: Math.max(this.current.horizon, now),
      branch: this.current.id,
      branches: this.branches.map((b) => ({ id: b.id, parent: b.parent, forkedAt: b.forkedAt, horizon: b.horizon, inputs: b.entries.length })),
      marks: this.current.entries.map((e, i) => ({ at: e.at, label: labelOf(e), done: i < this.cursor })),
    };
  }
}
