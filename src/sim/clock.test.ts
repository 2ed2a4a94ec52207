import { describe, expect, it } from 'vitest';
import { Clock, toRFC3339 } from './clock';

describe('Clock', () => {
  it('runs timers in time order, same-instant timers in the order they were set', () => {
    const c = new Clock({ epochMs: 0 });
    const log: string[] = [];
    c.schedule(() => log.push(`b@${c.now()}`), 2000);
    c.schedule(() => log.push(`a@${c.now()}`), 1000);
    c.schedule(() => log.push(`a2@${c.now()}`), 1000);
    c.advance(1500);
    expect(log).toEqual(['a@1000', 'a2@1000']);
    expect(c.now()).toBe(1500);
    c.advance(1000);
    expect(log).toEqual(['a@1000', 'a2@1000', 'b@2000']);
  });

  it('runs deferred tasks at the current instant and cancels cleared timers', () => {
    const c = new Clock({ epochMs: 0 });
    const log: string[] = [];
    const id = c.schedule(() => log.push('cancelled'), 10);
    c.cancel(id);
    c.schedule(() => {
      log.push('timer');
      c.defer(() => log.push(`deferred@${c.now()}`));
    }, 20);
    c.advance(100);
    expect(log).toEqual(['timer', 'deferred@20']);
  });

  it('steps to the next timer, and honours speed and pause when ticked', () => {
    const c = new Clock({ epochMs: 0 });
    c.schedule(() => undefined, 5000);
    expect(c.nextTimerAt()).toBe(5000);
    expect(c.step()).toBe(true);
    expect(c.now()).toBe(5000);
    expect(c.step()).toBe(false);
    c.speed = 10;
    c.tick(1000);
    expect(c.now()).toBe(15000);
    c.paused = true;
    c.tick(1000);
    expect(c.now()).toBe(15000);
  });

  it('formats times as the API does', () => {
    expect(toRFC3339(Date.UTC(2025, 0, 1, 12, 30, 45, 999))).toBe('2025-01-01T12:30:45Z');
    expect(new Clock({ epochMs: Date.UTC(2025, 0, 1) }).nowMicroISO()).toBe('2025-01-01T00:00:00.000000Z');
  });
});
