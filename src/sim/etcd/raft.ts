// The managed control plane's etcd as a Raft cluster of 3 (or 5) members: one leader, a term,
// elections on the virtual clock with raft's randomized election timeouts, pre-vote and
// check-quorum (both on by default in etcd 3.5+), and the quorum rule the API server's writes
// depend on. etcd defaults: --heartbeat-interval 100 ms, --election-timeout 1000 ms; raft draws
// each member's timeout from [electionTimeout, 2 x electionTimeout) in heartbeat ticks.
//
// Heartbeats are not simulated one by one (that would be 10 timers per virtual second forever):
// while a leader with a quorum is up nothing can change, so timers exist only after a failure.

import { createActor, setup, type Actor } from 'xstate';
import { ApiError } from '../api/errors';
import type { Clock, TimerId } from '../clock';
import type { Random } from '../random';
import type { Trace } from '../trace';

export const ETCD_HEARTBEAT_MS = 100;
export const ETCD_ELECTION_TIMEOUT_MS = 1000;
/** Round trip between members (zones of one region): vote requests and answers. */
export const ETCD_PEER_RTT_MS = 2;
/** What the API server answers when etcd cannot commit a write (no quorum). */
export const ETCD_TIMEOUT_MESSAGE = 'etcdserver: request timed out';

export type EtcdRole = 'follower' | 'preCandidate' | 'candidate' | 'leader' | 'down';

type MemberEvent =
  | { type: 'STOP' }
  | { type: 'START' }
  | { type: 'ELECTION_TIMEOUT' }
  | { type: 'PREVOTE_WON' }
  | { type: 'ELECTED' }
  | { type: 'FOLLOW' };

/** One member's role as a statechart (what the diagram shows). */
export const etcdMemberMachine = setup({ types: { events: {} as MemberEvent } }).createMachine({
  id: 'etcd-member',
  initial: 'follower',
  states: {
    follower: { on: { ELECTION_TIMEOUT: 'preCandidate', ELECTED: 'leader', STOP: 'down' } },
    // Pre-vote: ask whether a majority would vote before bumping the term.
    preCandidate: { on: { PREVOTE_WON: 'candidate', FOLLOW: 'follower', ELECTION_TIMEOUT: 'preCandidate', STOP: 'down' } },
    candidate: { on: { ELECTED: 'leader', FOLLOW: 'follower', STOP: 'down' } },
    // Check-quorum: a leader that no longer hears from a majority steps down.
    leader: { on: { FOLLOW: 'follower', STOP: 'down' } },
    down: { on: { START: 'follower' } },
  },
});

interface Member {
  name: string;
  /** etcd member id (16 hex digits). */
  id: string;
  actor: Actor<typeof etcdMemberMachine>;
  term: number;
  electionTimer?: TimerId;
}

export interface EtcdMemberStatus {
  name: string;
  id: string;
  role: EtcdRole;
  term: number;
}

export interface EtcdElection {
  at: number;
  term: number;
  leader: string;
}

export interface EtcdStatus {
  members: EtcdMemberStatus[];
  leader?: string;
  term: number;
  size: number;
  /** Members needed for a write to commit: floor(n/2) + 1. */
  quorum: number;
  up: number;
  hasQuorum: boolean;
  elections: EtcdElection[];
}

export interface EtcdOptions {
  clock: Clock;
  random: Random;
  trace: Trace;
  members?: 3 | 5;
}

const MEMBER_IDS = ['8e9e05c52164694d', '91bc3c398fb3c146', 'fd422379fda50e48', '2f2d9cc9d4a4ae10', 'c5e6b1c81b0ae2a7'];

export class EtcdCluster {
  private readonly members: Member[];
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly trace: Trace;
  private leaderName?: string;
  /** When the current leader took office: its heartbeats fall on this grid. */
  private leaderSince: number;
  private stepDownTimer?: TimerId;
  private readonly history: EtcdElection[] = [];
  /** Members up, kept current by stop/start: every API write asks (checkWrite). */
  private up: number;

  constructor(opts: EtcdOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.trace = opts.trace;
    const n = opts.members ?? 3;
    if (n !== 3 && n !== 5) throw new Error('etcd members must be 3 or 5');
    this.members = Array.from({ length: n }, (_, i) => {
      const actor = createActor(etcdMemberMachine);
      actor.start();
      return { name: `etcd-${i}`, id: MEMBER_IDS[i], actor, term: 2 };
    });
    // Bootstrapped already: the first election (term 1 -> 2) made member 0 the leader. No random
    // number is drawn until a fault, so adding etcd changes no existing seeded run.
    this.up = n;
    this.members[0].actor.send({ type: 'ELECTED' });
    this.leaderName = this.members[0].name;
    this.leaderSince = this.clock.now();
    this.history.push({ at: this.leaderSince, term: 2, leader: this.leaderName });
  }

  get size(): number {
    return this.members.length;
  }

  get quorum(): number {
    return Math.floor(this.members.length / 2) + 1;
  }

  get leader(): string | undefined {
    return this.leaderName;
  }

  get term(): number {
    return Math.max(...this.members.map((m) => m.term));
  }

  memberNames(): string[] {
    return this.members.map((m) => m.name);
  }

  role(name: string): EtcdRole {
    return this.member(name).actor.getSnapshot().value as EtcdRole;
  }

  isUp(name: string): boolean {
    return this.role(name) !== 'down';
  }

  upCount(): number {
    return this.up;
  }

  hasQuorum(): boolean {
    return this.upCount() >= this.quorum;
  }

  /**
   * Called by the store before every write. A proposal commits once a majority has it; without
   * one the API server's request times out. (With a quorum but mid-election, a real write waits
   * for the new leader and then succeeds: writes here are instantaneous, so they succeed.)
   */
  checkWrite(): void {
    if (!this.hasQuorum()) throw new ApiError({ reason: '', code: 500, message: ETCD_TIMEOUT_MESSAGE });
  }

  /**
   * A consistent read (GET or LIST without resourceVersion, what kubectl get sends) needs a quorum
   * read (ReadIndex through the leader); it times out without one. Reads with resourceVersion=0
   * and watches are served from the API server's watch cache and keep working: the components'
   * informers, and the app's live views, which watch.
   */
  checkConsistentRead(): void {
    this.checkWrite();
  }

  status(): EtcdStatus {
    return {
      members: this.members.map((m) => ({ name: m.name, id: m.id, role: this.role(m.name), term: m.term })),
      leader: this.leaderName,
      term: this.term,
      size: this.size,
      quorum: this.quorum,
      up: this.upCount(),
      hasQuorum: this.hasQuorum(),
      elections: this.history.slice(-20),
    };
  }

  /** Stop a member (its VM or process fails). */
  stop(name: string): void {
    const m = this.member(name);
    if (!this.isUp(name)) return;
    const wasLeader = this.leaderName === name;
    this.clock.cancel(m.electionTimer);
    m.electionTimer = undefined;
    this.send(m, { type: 'STOP' });
    this.up--;
    if (wasLeader) {
      this.leaderName = undefined;
      // Followers last heard a heartbeat on the leader's 100 ms grid; their timers run from there.
      const now = this.clock.now();
      const lastHeartbeat = now - ((now - this.leaderSince) % ETCD_HEARTBEAT_MS);
      for (const f of this.members) if (this.isUp(f.name)) this.armElection(f, lastHeartbeat);
      return;
    }
    this.checkQuorumOfLeader();
  }

  /** Bring a member back: it rejoins as a follower and catches up from the leader's log. */
  start(name: string): void {
    const m = this.member(name);
    if (this.isUp(name)) return;
    this.send(m, { type: 'START' });
    this.up++;
    m.term = this.term;
    if (this.leaderName && this.hasQuorum()) {
      // The leader has a majority again: no step-down.
      this.clock.cancel(this.stepDownTimer);
      this.stepDownTimer = undefined;
      return;
    }
    if (!this.leaderName) this.armElection(m, this.clock.now());
    else this.checkQuorumOfLeader();
  }

  private member(name: string): Member {
    const m = this.members.find((x) => x.name === name);
    if (!m) throw new Error(`etcd member "${name}" not found (members: ${this.memberNames().join(', ')})`);
    return m;
  }

  private send(m: Member, e: MemberEvent): void {
    const before = this.role(m.name);
    m.actor.send(e);
    const after = this.role(m.name);
    if (before !== after && this.trace.active) this.trace.emit({ type: 'component', at: this.clock.now(), component: `etcd/${m.name}`, state: after, detail: `term ${m.term}` });
  }

  /** randomizedElectionTimeout: electionTimeout + rand[0, electionTimeout) in heartbeat ticks. */
  private randomizedTimeout(): number {
    const ticks = ETCD_ELECTION_TIMEOUT_MS / ETCD_HEARTBEAT_MS;
    return ETCD_ELECTION_TIMEOUT_MS + this.random.int(ticks) * ETCD_HEARTBEAT_MS;
  }

  private armElection(m: Member, from: number): void {
    this.clock.cancel(m.electionTimer);
    const at = from + this.randomizedTimeout();
    m.electionTimer = this.clock.schedule(() => this.electionTimeout(m), Math.max(0, at - this.clock.now()), `etcd ${m.name}: election timeout`);
  }

  /** A follower heard nothing for its election timeout: pre-vote, then campaign. */
  private electionTimeout(m: Member): void {
    m.electionTimer = undefined;
    if (!this.isUp(m.name) || this.leaderName) return;
    this.send(m, { type: 'ELECTION_TIMEOUT' });
    if (!this.hasQuorum()) {
      // Pre-vote fails without a majority: the term does not move; try again later.
      this.armElection(m, this.clock.now());
      return;
    }
    this.send(m, { type: 'PREVOTE_WON' });
    const term = this.term + 1;
    m.term = term;
    // Every member that is up grants its vote (this one timed out first, its log is as long as theirs).
    this.clock.schedule(() => this.elected(m, term), ETCD_PEER_RTT_MS, `etcd ${m.name}: votes for term ${term}`);
  }

  private elected(m: Member, term: number): void {
    if (this.role(m.name) !== 'candidate' || m.term !== term || !this.hasQuorum()) {
      if (this.isUp(m.name) && !this.leaderName) {
        if (this.role(m.name) === 'candidate') this.send(m, { type: 'FOLLOW' });
        this.armElection(m, this.clock.now());
      }
      return;
    }
    this.send(m, { type: 'ELECTED' });
    this.leaderName = m.name;
    this.leaderSince = this.clock.now();
    this.history.push({ at: this.leaderSince, term, leader: m.name });
    if (this.history.length > 100) this.history.shift();
    for (const f of this.members) {
      if (f === m || !this.isUp(f.name)) continue;
      this.clock.cancel(f.electionTimer);
      f.electionTimer = undefined;
      f.term = term;
      if (this.role(f.name) !== 'follower') this.send(f, { type: 'FOLLOW' });
    }
  }

  /** Check-quorum: a leader cut off from the majority steps down after an election timeout. */
  private checkQuorumOfLeader(): void {
    if (!this.leaderName || this.hasQuorum() || this.stepDownTimer !== undefined) return;
    this.stepDownTimer = this.clock.schedule(
      () => {
        this.stepDownTimer = undefined;
        const leader = this.leaderName;
        if (!leader || this.hasQuorum()) return;
        this.leaderName = undefined;
        this.send(this.member(leader), { type: 'FOLLOW' });
        for (const f of this.members) if (this.isUp(f.name)) this.armElection(f, this.clock.now());
      },
      ETCD_ELECTION_TIMEOUT_MS,
      'etcd: check quorum',
    );
  }

  /** A short digest for the cluster's state hash. */
  digest(): string {
    return this.members.map((m) => `${m.name}:${this.role(m.name)}:${m.term}`).join(',') + `|${this.leaderName ?? ''}`;
  }
}
