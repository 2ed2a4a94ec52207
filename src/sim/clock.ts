// The one virtual clock of a simulation. Every timer, heartbeat, backoff and grace period in the
// core runs on it; nothing reads the wall clock. Time only moves when a driver calls `advance`
// (tests, benchmarks) or `tick` (real-time drivers, honouring `speed` and `paused`).

export type TimerId = number;

interface Timer {
  at: number;
  seq: number;
  id: TimerId;
  fn: () => void;
  label: string;
}

/** Min-heap on (at, seq): timers due at the same instant run in the order they were set. */
class TimerHeap {
  private items: Timer[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Timer | undefined {
    return this.items[0];
  }
  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Timer | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export interface ClockOptions {
  /** Wall-clock instant (ms since the Unix epoch) the simulation starts at. */
  epochMs?: number;
}

/** 2025-01-01T00:00:00Z: a fixed start so that seeded runs are byte-for-byte identical. */
export const DEFAULT_EPOCH_MS = Date.UTC(2025, 0, 1);

export class Clock {
  private nowMs: number;
  private readonly heap = new TimerHeap();
  private readonly cancelled = new Set<TimerId>();
  private nextId = 1;
  private seq = 0;
  private immediate: (() => void)[] = [];
  private immediateHead = 0;
  /** Simulated seconds per wall second, used by `tick`. */
  speed = 1;
  paused = false;

  constructor(opts: ClockOptions = {}) {
    this.nowMs = opts.epochMs ?? DEFAULT_EPOCH_MS;
  }

  /** Virtual milliseconds since the Unix epoch. */
  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as metav1.Time serialises. */
  nowISO(): string {
    return toRFC3339(this.nowMs);
  }

  /** RFC 3339 with microseconds, as metav1.MicroTime serialises (Lease renewTime, eventTime). */
  nowMicroISO(): string {
    return new Date(this.nowMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /** Run `fn` once `delayMs` of virtual time have passed (a virtual timer; `label` names it in traces). */
  schedule(fn: () => void, delayMs: number, label = ''): TimerId {
    const id = this.nextId++;
    this.heap.push({ at: this.nowMs + Math.max(0, delayMs), seq: this.seq++, id, fn, label });
    return id;
  }

  /** Cancel a timer `schedule` returned (no-op when it has run or is undefined). */
  cancel(id: TimerId | undefined): void {
    if (id !== undefined) this.cancelled.add(id);
  }

  /** Run `fn` at the current instant, after the task that is running now. */
  defer(fn: () => void): void {
    this.immediate.push(fn);
  }

  /** Run every task due at the current instant; time does not move. */
  runUntilIdle(): void {
    while (this.immediateHead < this.immediate.length) {
      const fn = this.immediate[this.immediateHead];
      this.immediate[this.immediateHead++] = undefined as never;
      fn();
      if (this.immediateHead > 4096 && this.immediateHead * 2 > this.immediate.length) {
        this.immediate = this.immediate.slice(this.immediateHead);
        this.immediateHead = 0;
      }
    }
    if (this.immediateHead > 0) {
      this.immediate = [];
      this.immediateHead = 0;
    }
  }

  /** Move virtual time forward by `ms`, running every timer due on the way, in order. */
  advance(ms: number): void {
    const target = this.nowMs + Math.max(0, ms);
    this.runUntilIdle();
    for (;;) {
      const t = this.heap.peek();
      if (!t || t.at > target) break;
      this.heap.pop();
      if (this.cancelled.delete(t.id)) continue;
      this.nowMs = t.at;
      t.fn();
      this.runUntilIdle();
    }
    this.nowMs = target;
  }

  /** Advance to the next due timer and run it (and what it triggers). Returns false if none. */
  step(): boolean {
    this.runUntilIdle();
    for (;;) {
      const t = this.heap.pop();
      if (!t) return false;
      if (this.cancelled.delete(t.id)) continue;
      this.nowMs = Math.max(this.nowMs, t.at);
      t.fn();
      this.runUntilIdle();
      return true;
    }
  }

  /** When the next timer is due (virtual ms), if any. */
  nextTimerAt(): number | undefined {
    for (;;) {
      const t = this.heap.peek();
      if (!t) return undefined;
      if (!this.cancelled.has(t.id)) return t.at;
      this.heap.pop();
      this.cancelled.delete(t.id);
    }
  }

  /** A real-time driver reports `wallMs` of wall time passing; the clock moves by speed x wallMs. */
  tick(wallMs: number): void {
    if (!this.paused) this.advance(wallMs * this.speed);
  }

  get pendingTimers(): number {
    return this.heap.size - this.cancelled.size;
  }
}

// Objects written in the same second share one timestamp string (memory at 10,000s of objects).
let rfc3339Second = NaN;
let rfc3339Text = '';

export function toRFC3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== rfc3339Second) {
    rfc3339Second = second;
    rfc3339Text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return rfc3339Text;
}

export function parseRFC3339(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * The clock as xstate's actor option `clock` wants it, so delayed transitions run on virtual time
 * (xstate names the two methods after the global timers).
 */
export function xstateClock(clock: Clock): { setTimeout: (fn: () => void, ms: number) => TimerId; clearTimeout: (id: unknown) => void } {
  return { setTimeout: (fn, ms) => clock.schedule(fn, ms), clearTimeout: (id) => clock.cancel(id as TimerId) };
}
