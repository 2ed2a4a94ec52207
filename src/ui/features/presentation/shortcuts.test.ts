import { describe, expect, it } from 'vitest';
import { presentationFromURL } from '../../cluster/session';
import { commandForKey } from '../timecontrols/clock';
import { SHORTCUTS, presentationCommandForKey, slowMotionSpeed } from './shortcuts';

const none = { ctrl: false, meta: false, alt: false };

describe('presentationCommandForKey', () => {
  it('maps the presentation keys', () => {
    expect(presentationCommandForKey('p', none, 'other')).toBe('presentation');
    expect(presentationCommandForKey('h', none, 'other')).toBe('panels');
    expect(presentationCommandForKey('H', none, 'control')).toBe('panels');
    expect(presentationCommandForKey('?', none, 'other')).toBe('help');
    expect(presentationCommandForKey('f', none, 'other')).toBe('spotlight');
    expect(presentationCommandForKey('s', none, 'other')).toBe('slow-motion');
    expect(presentationCommandForKey('Escape', none, 'other')).toBe('escape');
    expect(presentationCommandForKey('x', none, 'other')).toBeUndefined();
  });

  it('never fires while typing or with a modifier (browser and editor shortcuts)', () => {
    for (const key of ['p', 'h', '?', 'f', 's', 'Escape']) {
      expect(presentationCommandForKey(key, none, 'text')).toBeUndefined();
      expect(presentationCommandForKey(key, { ...none, ctrl: true }, 'other')).toBeUndefined();
      expect(presentationCommandForKey(key, { ...none, meta: true }, 'other')).toBeUndefined();
    }
  });

  it('shares no key with the clock shortcuts, and the overlay lists both', () => {
    for (const key of ['p', 'h', '?', 'f', 's', 'Escape']) expect(commandForKey(key, none, 'other')).toBeUndefined();
    for (const key of [' ', '.', 'n', '+', '-']) expect(presentationCommandForKey(key, none, 'other')).toBeUndefined();
    const listed = SHORTCUTS.flatMap((s) => s.keys);
    for (const k of ['Space', '.', '+', '-', 'S', 'P', 'H', 'F', '?']) expect(listed).toContain(k);
  });
});

describe('slowMotionSpeed', () => {
  it('goes to 0.25x and back to the speed it came from', () => {
    const on = slowMotionSpeed(10, undefined);
    expect(on).toEqual({ speed: 0.25, before: 10 });
    expect(slowMotionSpeed(0.25, on.before)).toEqual({ speed: 10, before: undefined });
    expect(slowMotionSpeed(0.25, undefined)).toEqual({ speed: 1, before: undefined });
  });
});

describe('presentationFromURL', () => {
  it('reads ?present=1 (or true) and nothing else', () => {
    expect(presentationFromURL('?present=1&seed=7')).toBe(true);
    expect(presentationFromURL('?seed=7&present=true')).toBe(true);
    expect(presentationFromURL('?present=0')).toBe(false);
    expect(presentationFromURL('?paused=1')).toBe(false);
  });
});
