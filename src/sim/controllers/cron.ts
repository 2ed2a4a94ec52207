// Cron schedules as the CronJob controller reads them (github.com/robfig/cron/v3 ParseStandard):
// five fields (minute hour day-of-month month day-of-week) with `*`, `?`, lists, ranges, steps and
// month/day names; the descriptors @yearly @annually @monthly @weekly @daily @midnight @hourly and
// `@every <duration>`; and a `TZ=` / `CRON_TZ=` prefix. Time zones come from the runtime's IANA
// database through Intl (no library); times are virtual milliseconds since the epoch.
//
// Day-of-month and day-of-week combine like Vixie cron: if either is `*` (or `?`) both must match,
// otherwise either may. Around DST changes a wall-clock time that does not exist is skipped and a
// repeated one fires once.

export class CronParseError extends Error {}

export interface Schedule {
  /** The first activation strictly after `afterMs`, or undefined if none within five years. */
  next(afterMs: number): number | undefined;
  /** The IANA zone the schedule runs in ('UTC' by default). */
  readonly timeZone: string;
}

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: MONTHS };
const DOW: Bounds = { min: 0, max: 6, names: DAYS };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface Field {
  bits: Set<number>;
  /** The field was `*` or `?` (the star bit of robfig/cron). */
  star: boolean;
}

function parseInt10(s: string): number {
  if (!/^\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

function parseValue(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  return named !== undefined ? named : parseInt10(s);
}

/** getField / getRange of robfig/cron. */
function parseField(text: string, b: Bounds): Field {
  const bits = new Set<number>();
  let star = false;
  for (const expr of text.split(',')) {
    const rangeAndStep = expr.split('/');
    const lowAndHigh = rangeAndStep[0].split('-');
    const single = lowAndHigh.length === 1;
    let start: number;
    let end: number;
    let isStar = false;
    if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
      start = b.min;
      end = b.max;
      isStar = true;
    } else {
      start = parseValue(lowAndHigh[0], b);
      if (lowAndHigh.length === 1) end = start;
      else if (lowAndHigh.length === 2) end = parseValue(lowAndHigh[1], b);
      else throw new CronParseError(`too many hyphens: ${expr}`);
    }
    let step = 1;
    if (rangeAndStep.length === 2) {
      step = parseInt10(rangeAndStep[1]);
      // `N/step` means `N-max/step`.
      if (single && !isStar) end = b.max;
      if (step > 1) isStar = false;
    } else if (rangeAndStep.length > 2) {
      throw new CronParseError(`too many slashes: ${expr}`);
    }
    if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
    if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
    if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
    if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
    for (let v = start; v <= end; v += step) bits.add(v);
    if (isStar) star = true;
  }
  return { bits, star };
}

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isUTC(tz: string | undefined): boolean {
  return !tz || tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Local';
}

/** Check an IANA zone name; the message is Go's time.LoadLocation error. */
export function checkTimeZone(tz: string): void {
  if (isUTC(tz)) return;
  try {
    formatter(tz);
  } catch {
    throw new CronParseError(`unknown time zone ${tz}`);
  }
}

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffsetMs(tz: string, instant: number): number {
  if (isUTC(tz)) return 0;
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The wall-clock time (as if it were UTC) of an instant in a zone. */
function toWall(tz: string, instant: number): number {
  return instant + zoneOffsetMs(tz, instant);
}

/** The instant of a wall-clock time in a zone, or undefined if that time does not exist (a DST gap). */
function fromWall(tz: string, wall: number): number | undefined {
  if (isUTC(tz)) return wall;
  const guess = wall - zoneOffsetMs(tz, wall);
  const instant = wall - zoneOffsetMs(tz, guess);
  return toWall(tz, instant) === wall ? instant : undefined;
}

/** RFC 3339 of an instant in a zone (`2025-01-01T10:00:00+01:00`, or `...Z` in UTC), as Go formats it. */
export function formatInZone(instant: number, tz: string | undefined): string {
  const off = isUTC(tz) ? 0 : zoneOffsetMs(tz!, instant);
  const wall = new Date(instant + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${wall}Z`;
  const sign = off < 0 ? '-' : '+';
  const mins = Math.abs(off) / 60000;
  return `${wall}${sign}${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- schedules

class SpecSchedule implements Schedule {
  constructor(
    readonly timeZone: string,
    private readonly minute: Field,
    private readonly hour: Field,
    private readonly dom: Field,
    private readonly month: Field,
    private readonly dow: Field,
  ) {}

  private dayMatches(d: Date): boolean {
    const domMatch = this.dom.bits.has(d.getUTCDate());
    const dowMatch = this.dow.bits.has(d.getUTCDay());
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  /** The first matching wall-clock minute at or after `wall`, or undefined past `limitYear`. */
  private nextWall(wall: number, limitYear: number): number | undefined {
    let t = wall;
    for (;;) {
      const d = new Date(t);
      if (d.getUTCFullYear() > limitYear) return undefined;
      if (!this.month.bits.has(d.getUTCMonth() + 1)) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
        continue;
      }
      if (!this.dayMatches(d)) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
        continue;
      }
      if (!this.hour.bits.has(d.getUTCHours())) {
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
        continue;
      }
      if (!this.minute.bits.has(d.getUTCMinutes())) {
        t += 60_000;
        continue;
      }
      return t;
    }
  }

  next(afterMs: number): number | undefined {
    const startWall = toWall(this.timeZone, afterMs);
    const limitYear = new Date(startWall).getUTCFullYear() + 5;
    // Activations are on whole minutes, strictly after the given time.
    let wall = Math.floor(startWall / 60_000) * 60_000 + 60_000;
    for (;;) {
      const w = this.nextWall(wall, limitYear);
      if (w === undefined) return undefined;
      const instant = fromWall(this.timeZone, w);
      if (instant !== undefined && instant > afterMs) return instant;
      wall = w + 60_000;
    }
  }
}

class EverySchedule implements Schedule {
  readonly timeZone = 'UTC';
  constructor(private readonly delayMs: number) {}
  next(afterMs: number): number {
    return afterMs - (((afterMs % 1000) + 1000) % 1000) + this.delayMs;
  }
}

/** Go's time.ParseDuration, for `@every`. */
function parseDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  if (!s) throw new CronParseError(`failed to parse duration @every ${s}: time: invalid duration ""`);
  while ((m = re.exec(s))) {
    total += Number(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== s.length) throw new CronParseError(`failed to parse duration @every ${s}: time: invalid duration "${s}"`);
  return total;
}

/**
 * Parse a schedule. `timeZone` is the CronJob's spec.timeZone; a `TZ=`/`CRON_TZ=` prefix in the
 * schedule itself overrides it, as in robfig/cron.
 */
export function parseSchedule(spec: string, timeZone?: string): Schedule {
  let s = spec.trim();
  let tz = timeZone || 'UTC';
  if (s.startsWith('TZ=') || s.startsWith('CRON_TZ=')) {
    const i = s.indexOf(' ');
    const name = s.slice(s.indexOf('=') + 1, i < 0 ? undefined : i);
    try {
      checkTimeZone(name);
    } catch (e) {
      throw new CronParseError(`provided bad location ${name}: ${(e as Error).message}`);
    }
    tz = name;
    s = i < 0 ? '' : s.slice(i).trim();
  }
  checkTimeZone(tz);
  if (s.startsWith('@')) {
    if (s.startsWith('@every ')) {
      const ms = parseDuration(s.slice('@every '.length).trim());
      const delay = Math.max(1000, ms - (ms % 1000));
      return new EverySchedule(delay);
    }
    const expanded = DESCRIPTORS[s];
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${s}`);
    s = expanded;
  }
  const fields = s.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: ${s}`);
  return new SpecSchedule(
    tz,
    parseField(fields[0], MINUTE),
    parseField(fields[1], HOUR),
    parseField(fields[2], DOM),
    parseField(fields[3], MONTH),
    parseField(fields[4], DOW),
  );
}
