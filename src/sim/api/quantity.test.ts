import { describe, expect, it } from 'vitest';
import { formatBytes, formatMilliCPU, intValue, isQuantity, milliValue } from './quantity';

describe('quantities', () => {
  it.each([
    ['250m', 250],
    ['1', 1000],
    ['1.5', 1500],
    ['0.1', 100],
    ['2e-3', 2],
    ['100u', 1],
  ])('cpu %s is %i millicores', (q, m) => expect(milliValue(q)).toBe(m));

  it.each([
    ['128Mi', 128 * 2 ** 20],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['1G', 1e9],
    ['500k', 500_000],
    ['1e3', 1000],
    ['64', 64],
  ])('memory %s is %i bytes', (q, b) => expect(intValue(q)).toBe(b));

  it.each(['1x', '', 'Mi', '--1', '1.2.3', '1 Gi'])('%j is not a quantity', (q) => expect(isQuantity(q)).toBe(false));

  it('formats as kubectl prints', () => {
    expect(formatMilliCPU(1900)).toBe('1900m');
    expect(formatMilliCPU(2000)).toBe('2');
    expect(formatBytes(128 * 2 ** 20)).toBe('128Mi');
  });
});
