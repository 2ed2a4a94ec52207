// The time controls' pure logic: how the virtual clock and speeds read, the speed steps of the
// + and - keys, and which key does what. No React or DOM here, so it is tested in Node.

import type { KubeObject } from '../../../sim/api/types';
import { parseTime } from '../../../sim/printers/duration';
import { SPEEDS } from '../../actions';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Time of day in UTC, `HH:MM:SS` (the virtual clock). */
export function timeOfDay(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The milliseconds after the second, `.mmm` (shown while paused, where a step may move less than a second). */
export function millisPart(ms: number): string {
  return `.${pad(((ms % 1000) + 1000) % 1000, 3)}`;
}

/** Elapsed virtual time, `0:03:12`, or `2d 01:00:05` past a day. */
export function elapsedText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return days > 0 ? `${days}d ${pad(h)}:${pad(m)}:${pad(s)}` : `${h}:${pad(m)}:${pad(s)}`;
}

/** `0.25×`, `1×`, `100×`. */
export function speedText(speed: number): string {
  return `${Number(speed.toPrecision(4))}×`;
}

/** The next offered speed up (+1) or down (-1) from `current`, staying within the offered range. */
export function nextSpeed(current: number, direction: 1 | -1): number {
  if (direction > 0) return SPEEDS.find((s) => s > current) ?? SPEEDS[SPEEDS.length - 1];
  return [...SPEEDS].reverse().find((s) => s < current) ?? SPEEDS[0];
}

/** The speeds a speed picker offers: the standard ones plus the current one if it is another (`?speed=3`). */
export function speedOptions(current: number | undefined): number[] {
  const all: number[] = [...SPEEDS];
  if (current !== undefined && !all.includes(current)) all.push(current);
  return all.sort((a, b) => a - b);
}

/** When the cluster was created: its oldest namespace (kube-system, default...). */
export function clusterCreatedMs(namespaces: readonly KubeObject[]): number | undefined {
  let oldest: number | undefined;
  for (const ns of namespaces) {
    const t = parseTime(ns.metadata.creationTimestamp);
    if (t !== undefined && (oldest === undefined || t < oldest)) oldest = t;
  }
  return oldest;
}

export type ClockCommand = 'toggle' | 'step' | 'faster' | 'slower';

/**
 * Where the keyboard focus is: `text` (an input, the Monaco editor or the terminal, all of which
 * need every key), `control` (a button, select or link, where Space activates the control
 * itself), or `other`.
 */
export type FocusKind = 'text' | 'control' | 'other';

/** The clock command a key press means, if any. Shortcuts never fire while typing. */
export function commandForKey(key: string, mods: { ctrl: boolean; meta: boolean; alt: boolean }, focus: FocusKind): ClockCommand | undefined {
  if (mods.ctrl || mods.meta || mods.alt || focus === 'text') return undefined;
  switch (key) {
    case ' ':
    case 'Spacebar':
      // On a focused button Space presses that button; toggling the clock too would be a surprise.
      return focus === 'control' ? undefined : 'toggle';
    case '.':
    case 'n':
    case 'N':
      return 'step';
    case '+':
    case '=':
      return 'faster';
    case '-':
    case '_':
      return 'slower';
    default:
      return undefined;
  }
}

/** The shortcuts, for tooltips and the help text. */
export const SHORTCUT_HELP = 'Shortcuts: Space play/pause, N or . step, + faster, - slower (not while typing in the editor or a field).';
