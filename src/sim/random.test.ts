import { describe, expect, it } from 'vitest';
import { Random } from './random';

describe('Random', () => {
  it('is reproducible from a seed and from a saved state', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    const saved = a.state;
    const next = a.next();
    expect(new Random(saved).next()).toBe(next);
    expect(new Random(43).nextUint32()).not.toBe(new Random(42).nextUint32());
  });

  it('makes uuids and name suffixes of the right shape', () => {
    const r = new Random(1);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r.chars(5, 'bcdfghjklmnpqrstvwxz2456789')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const n = Array.from({ length: 1000 }, () => r.int(10));
    expect(Math.min(...n)).toBe(0);
    expect(Math.max(...n)).toBe(9);
  });
});
