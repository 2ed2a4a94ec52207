// Driving the virtual clock in real time (the Node API server and the browser's Web Worker both
// host the simulation this way), and the clock controls behind `/clusterlab/v1/clock`.
// The sim core never reads the wall clock; this driver does, and moves the clock by speed x elapsed.

import type { Clock } from '../sim/clock';
import { badRequest } from '../sim/api/errors';

/** What the driver moves: a Clock, or a host's view of it (time travel applies planned inputs on the way). */
export type DrivenClock = Pick<Clock, 'paused' | 'speed' | 'advance' | 'runUntilIdle'>;

export class ClockDriver {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;
  /** Virtual ms owed but not yet run: the core's time stays in whole milliseconds. */
  private carry = 0;

  constructor(
    private readonly clock: DrivenClock,
    private readonly onError: (e: unknown) => void = (e) => console.error('clusterlab: clock tick failed:', e),
    /** Called after every tick (the worker sends the app what changed). */
    private readonly afterTick: () => void = () => {},
  ) {}

  start(intervalMs = 50): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    try {
      // While paused, time stands still but deferred work (watch deliveries) still runs.
      if (this.clock.paused) {
        this.carry = 0;
        this.clock.runUntilIdle();
      } else {
        // What clock.tick does, in whole milliseconds (timestamps and event series need integers).
        this.carry += elapsed * this.clock.speed;
        const ms = Math.floor(this.carry);
        this.carry -= ms;
        if (ms > 0) this.clock.advance(ms);
        else this.clock.runUntilIdle();
      }
    } catch (e) {
      this.onError(e);
    }
    this.afterTick();
  }
}

/** GET /clusterlab/v1/clock. */
export interface ClockState {
  kind: 'Clock';
  apiVersion: 'clusterlab/v1';
  /** Virtual time, RFC 3339 with milliseconds. */
  now: string;
  nowMs: number;
  paused: boolean;
  /** Simulated seconds per wall second. */
  speed: number;
}

export function clockState(clock: Clock): ClockState {
  return { kind: 'Clock', apiVersion: 'clusterlab/v1', now: new Date(clock.now()).toISOString(), nowMs: clock.now(), paused: clock.paused, speed: clock.speed };
}

/** Largest single `advance`, so one request cannot stall the server for minutes. */
const MAX_ADVANCE_SECONDS = 7 * 24 * 3600;

/**
 * POST/PUT /clusterlab/v1/clock with `{action: "pause"|"resume"|"advance"|"step", seconds?}` and/or
 * `{speed}`. `advance` runs `seconds` of virtual time at once (works while paused); `step` runs the
 * next due timer.
 */
export function controlClock(clock: Clock, body: unknown): ClockState {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('clock: body must be a JSON object');
  const b = body as { action?: unknown; seconds?: unknown; speed?: unknown };
  if (b.speed !== undefined) {
    if (typeof b.speed !== 'number' || !Number.isFinite(b.speed) || b.speed <= 0 || b.speed > 10000) {
      throw badRequest('clock: speed must be a number greater than 0 and at most 10000');
    }
    clock.speed = b.speed;
  }
  switch (b.action) {
    case undefined:
      if (b.speed === undefined) throw badRequest('clock: expected "action" (pause, resume, advance, step) or "speed"');
      break;
    case 'pause':
      clock.paused = true;
      break;
    case 'resume':
      clock.paused = false;
      break;
    case 'advance': {
      const s = b.seconds;
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0 || s > MAX_ADVANCE_SECONDS) {
        throw badRequest(`clock: advance needs "seconds", a number from 0 to ${MAX_ADVANCE_SECONDS}`);
      }
      clock.advance(Math.round(s * 1000));
      break;
    }
    case 'step':
      clock.step();
      break;
    default:
      throw badRequest(`clock: unknown action ${JSON.stringify(b.action)}: supported values: "pause", "resume", "advance", "step"`);
  }
  return clockState(clock);
}
