// A controller's work queue (client-go's rate-limited workqueue): keys, not objects; a key queued
// twice is processed once; failures retry with per-key exponential backoff (5 ms doubling to
// 1000 s, client-go's default). Time comes from the simulation clock.

import type { Clock, TimerId } from '../clock';

export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; timer: TimerId }>();
  private onReady?: () => void;

  constructor(private readonly clock: Clock, readonly name: string, private readonly baseDelayMs = 5, private readonly maxDelayMs = 1_000_000) {}

  /** Called (once per batch) when keys become available. */
  setReadyHandler(fn: () => void): void {
    this.onReady = fn;
  }

  add(key: string): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    if (this.queue.length - this.head === 1) this.onReady?.();
  }

  /** Queue the key after a delay; an earlier pending delay for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const at = this.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    if (existing) this.clock.cancel(existing.timer);
    const timer = this.clock.schedule(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs, `${this.name}: requeue ${key}`);
    this.delayed.set(key, { at, timer });
  }

  /** Retry after this key's next backoff step. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** n));
  }

  /** The key succeeded: reset its backoff. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  /** Take the next key, or undefined. */
  pop(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.queued.delete(key);
    return key;
  }

  peekAll(): string[] {
    return this.queue.slice(this.head);
  }
}
