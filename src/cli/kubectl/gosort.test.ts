import { describe, expect, it } from 'vitest';
import { goSortArray } from './gosort';

describe('goSortArray (Go sort.Sort)', () => {
  it('sorts', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    goSortArray(xs, (a, b) => a < b);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('keeps the order of equal elements for 12 or fewer (insertion sort)', () => {
    const xs = ['b1', 'a1', 'b2', 'a2', 'b3'];
    goSortArray(xs, (a, b) => a[0] < b[0]);
    expect(xs).toEqual(['a1', 'a2', 'b1', 'b2', 'b3']);
  });

  it('is deterministic but not stable beyond 12 elements, as Go (ties end where pdqsort leaves them)', () => {
    const xs = Array.from({ length: 30 }, (_, i) => ({ k: i % 3, i }));
    goSortArray(xs, (a, b) => a.k < b.k);
    expect(xs.map((x) => x.k)).toEqual([...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)]);
    const again = Array.from({ length: 30 }, (_, i) => ({ k: i % 3, i }));
    goSortArray(again, (a, b) => a.k < b.k);
    expect(again.map((x) => x.i)).toEqual(xs.map((x) => x.i));
  });
});
