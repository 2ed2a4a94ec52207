// A binary heap with removal by key (the scheduling queue's activeQ and backoffQ).

export class KeyedHeap<T> {
  private items: T[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    private readonly keyOf: (t: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Add, or re-position an item already present under the same key. */
  push(t: T): void {
    const k = this.keyOf(t);
    const at = this.index.get(k);
    if (at !== undefined) {
      this.items[at] = t;
      this.fix(at);
      return;
    }
    this.items.push(t);
    this.index.set(k, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    this.removeAt(0);
    return top;
  }

  delete(key: string): T | undefined {
    const i = this.index.get(key);
    if (i === undefined) return undefined;
    const t = this.items[i];
    this.removeAt(i);
    return t;
  }

  /** Items in heap order (not sorted): for listing. */
  values(): readonly T[] {
    return this.items;
  }

  private removeAt(i: number): void {
    const a = this.items;
    this.index.delete(this.keyOf(a[i]));
    const last = a.pop()!;
    if (i < a.length) {
      a[i] = last;
      this.index.set(this.keyOf(last), i);
      this.fix(i);
    }
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  // Sifting moves the item through a hole and writes each moved item's index once (not a swap,
  // with two index updates, per level): the queues hold tens of thousands of pods.
  private up(i: number): boolean {
    const a = this.items;
    const t = a[i];
    const start = i;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(t, a[p])) break;
      a[i] = a[p];
      this.index.set(this.keyOf(a[i]), i);
      i = p;
    }
    if (i === start) return false;
    a[i] = t;
    this.index.set(this.keyOf(t), i);
    return true;
  }

  private down(i: number): void {
    const a = this.items;
    const n = a.length;
    const t = a[i];
    const start = i;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      // The smaller of the item and its children, comparing as the textbook swap version does.
      let m = this.less(a[l], t) ? l : -1;
      if (r < n && this.less(a[r], m < 0 ? t : a[m])) m = r;
      if (m < 0) break;
      a[i] = a[m];
      this.index.set(this.keyOf(a[i]), i);
      i = m;
    }
    if (i === start) return;
    a[i] = t;
    this.index.set(this.keyOf(t), i);
  }
}
