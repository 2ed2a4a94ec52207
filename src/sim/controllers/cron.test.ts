import { describe, expect, it } from 'vitest';
import { formatInZone, parseSchedule } from './cron';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('cron schedules', () => {
  it.each([
    ['*/1 * * * *', '2025-01-01T10:00:30Z', '2025-01-01T10:01:00Z'],
    ['*/1 * * * *', '2025-01-01T10:00:00Z', '2025-01-01T10:01:00Z'],
    ['*/15 * * * *', '2025-01-01T10:16:00Z', '2025-01-01T10:30:00Z'],
    ['0 * * * *', '2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z'],
    ['5 4 * * *', '2025-01-01T10:00:00Z', '2025-01-02T04:05:00Z'],
    ['@hourly', '2025-01-01T10:20:00Z', '2025-01-01T11:00:00Z'],
    ['@daily', '2025-01-01T10:20:00Z', '2025-01-02T00:00:00Z'],
    ['@midnight', '2025-01-01T10:20:00Z', '2025-01-02T00:00:00Z'],
    ['@weekly', '2025-01-01T10:20:00Z', '2025-01-05T00:00:00Z'], // Sunday
    ['@monthly', '2025-01-31T10:20:00Z', '2025-02-01T00:00:00Z'],
    ['@yearly', '2025-03-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['@annually', '2025-03-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    ['30 6-16/4 * * 1-5', '2025-01-03T14:31:00Z', '2025-01-06T06:30:00Z'], // Fri after 14:30 -> Mon
    ['0 9 * jan-mar MON', '2025-03-31T09:00:00Z', '2026-01-05T09:00:00Z'],
    // Day of month OR day of week when both are restricted: the 13th or a Friday.
    ['0 0 13 * 5', '2025-01-04T00:00:00Z', '2025-01-10T00:00:00Z'],
    ['0 0 13 * 5', '2025-01-11T00:00:00Z', '2025-01-13T00:00:00Z'],
    // With one of them a star, both must match.
    ['0 0 13 * *', '2025-01-14T00:00:00Z', '2025-02-13T00:00:00Z'],
    ['0 0 29 2 *', '2025-01-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    ['0 12 * * ?', '2025-01-01T12:00:00Z', '2025-01-02T12:00:00Z'],
    ['5/20 * * * *', '2025-01-01T10:06:00Z', '2025-01-01T10:25:00Z'],
    ['@every 90s', '2025-01-01T10:00:00Z', '2025-01-01T10:01:30Z'],
  ])('%s after %s is %s', (spec, after, want) => {
    expect(iso(parseSchedule(spec).next(at(after)))).toBe(want);
  });

  it('has no next time for an impossible date', () => {
    expect(parseSchedule('0 0 31 2 *').next(at('2025-01-01T00:00:00Z'))).toBeUndefined();
  });

  it.each([
    ['CRON_TZ=Europe/Berlin 0 9 * * *', undefined, '2025-01-01T00:00:00Z', '2025-01-01T08:00:00Z'],
    ['TZ=Europe/Berlin 0 9 * * *', undefined, '2025-07-01T00:00:00Z', '2025-07-01T07:00:00Z'],
    ['0 9 * * *', 'America/New_York', '2025-01-01T00:00:00Z', '2025-01-01T14:00:00Z'],
    ['0 9 * * *', 'America/New_York', '2025-07-01T00:00:00Z', '2025-07-01T13:00:00Z'],
    // 02:30 does not exist on 2025-03-09 in New York: that day is skipped.
    ['30 2 * * *', 'America/New_York', '2025-03-08T08:00:00Z', '2025-03-10T06:30:00Z'],
  ])('%s in %s after %s is %s', (spec, tz, after, want) => {
    expect(iso(parseSchedule(spec, tz).next(at(after)))).toBe(want);
  });

  it.each([
    ['* * * *', 'expected exactly 5 fields, found 4: * * * *'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('rejects %s', (spec, message) => {
    expect(() => parseSchedule(spec)).toThrow(message);
  });

  it('formats times in a zone as RFC 3339', () => {
    expect(formatInZone(at('2025-01-01T10:00:00Z'), undefined)).toBe('2025-01-01T10:00:00Z');
    expect(formatInZone(at('2025-01-01T10:00:00Z'), 'Europe/Berlin')).toBe('2025-01-01T11:00:00+01:00');
    expect(formatInZone(at('2025-07-01T10:00:00Z'), 'America/New_York')).toBe('2025-07-01T06:00:00-04:00');
  });
});
