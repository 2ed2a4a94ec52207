import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../sim/api/types';
import { clusterCreatedMs, commandForKey, elapsedText, millisPart, nextSpeed, speedOptions, speedText, timeOfDay } from './clock';

const T0 = Date.UTC(2025, 0, 1);
const none = { ctrl: false, meta: false, alt: false };

describe('clock text', () => {
  it('shows the time of day in UTC', () => {
    expect(timeOfDay(T0)).toBe('00:00:00');
    expect(timeOfDay(T0 + 13 * 3600_000 + 4 * 60_000 + 5_678)).toBe('13:04:05');
    expect(millisPart(T0 + 5_678)).toBe('.678');
    expect(millisPart(T0 + 5_004)).toBe('.004');
  });

  it('shows elapsed time', () => {
    expect(elapsedText(0)).toBe('0:00:00');
    expect(elapsedText(192_999)).toBe('0:03:12');
    expect(elapsedText(10 * 3600_000)).toBe('10:00:00');
    expect(elapsedText(2 * 86400_000 + 3600_000 + 5000)).toBe('2d 01:00:05');
    expect(elapsedText(-5)).toBe('0:00:00');
  });

  it('shows speeds', () => {
    expect(speedText(0.25)).toBe('0.25×');
    expect(speedText(1)).toBe('1×');
    expect(speedText(100)).toBe('100×');
  });
});

describe('speeds', () => {
  it('steps through the offered speeds and stops at the ends', () => {
    expect(nextSpeed(1, 1)).toBe(2);
    expect(nextSpeed(1, -1)).toBe(0.5);
    expect(nextSpeed(100, 1)).toBe(100);
    expect(nextSpeed(0.25, -1)).toBe(0.25);
    // From a speed that is not offered (?speed=3), to the neighbours.
    expect(nextSpeed(3, 1)).toBe(5);
    expect(nextSpeed(3, -1)).toBe(2);
  });

  it('offers the current speed when it is not a standard one', () => {
    expect(speedOptions(1)).toEqual([0.25, 0.5, 1, 2, 5, 10, 25, 50, 100]);
    expect(speedOptions(3)).toEqual([0.25, 0.5, 1, 2, 3, 5, 10, 25, 50, 100]);
  });
});

describe('cluster age', () => {
  it('is the oldest namespace', () => {
    const ns = (name: string, creationTimestamp?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp } });
    expect(clusterCreatedMs([ns('shop', '2025-01-01T00:05:00Z'), ns('default', '2025-01-01T00:00:00Z'), ns('x')])).toBe(T0);
    expect(clusterCreatedMs([])).toBeUndefined();
  });
});

describe('keyboard shortcuts', () => {
  it('maps keys to clock commands', () => {
    expect(commandForKey(' ', none, 'other')).toBe('toggle');
    expect(commandForKey('n', none, 'other')).toBe('step');
    expect(commandForKey('.', none, 'other')).toBe('step');
    expect(commandForKey('+', none, 'other')).toBe('faster');
    expect(commandForKey('=', none, 'other')).toBe('faster');
    expect(commandForKey('-', none, 'other')).toBe('slower');
    expect(commandForKey('x', none, 'other')).toBeUndefined();
  });

  it('never fires while typing or with modifiers', () => {
    for (const key of [' ', 'n', '.', '+', '-']) expect(commandForKey(key, none, 'text')).toBeUndefined();
    expect(commandForKey('+', { ...none, ctrl: true }, 'other')).toBeUndefined(); // browser zoom
    expect(commandForKey('n', { ...none, meta: true }, 'other')).toBeUndefined();
  });

  it('leaves Space to a focused button, but not the other keys', () => {
    expect(commandForKey(' ', none, 'control')).toBeUndefined();
    expect(commandForKey('n', none, 'control')).toBe('step');
  });
});
