// Presentation mode's keys: which key does what, and the list the `?` overlay shows. The clock's
// own keys (Space, N or ., + and -) are handled by the time controls (timecontrols/clock.ts); the
// overlay lists them too. No React or DOM here, so it is tested in Node.

import type { FocusKind } from '../timecontrols/clock';

export type PresentationCommand = 'presentation' | 'panels' | 'help' | 'spotlight' | 'slow-motion' | 'escape';

/** The speed slow motion switches to. */
export const SLOW_MOTION_SPEED = 0.25;

/** The presentation command a key press means, if any. Never while typing; Escape works anywhere but in text. */
export function presentationCommandForKey(key: string, mods: { ctrl: boolean; meta: boolean; alt: boolean }, focus: FocusKind): PresentationCommand | undefined {
  if (mods.ctrl || mods.meta || mods.alt || focus === 'text') return undefined;
  switch (key) {
    case 'p':
    case 'P':
      return 'presentation';
    case 'h':
    case 'H':
      return 'panels';
    case '?':
      return 'help';
    case 'f':
    case 'F':
      return 'spotlight';
    case 's':
    case 'S':
      return 'slow-motion';
    case 'Escape':
      return 'escape';
    default:
      return undefined;
  }
}

/** Slow motion toggles between 0.25x and the speed it was switched on from. */
export function slowMotionSpeed(current: number, before: number | undefined): { speed: number; before: number | undefined } {
  if (current === SLOW_MOTION_SPEED) return { speed: before ?? 1, before: undefined };
  return { speed: SLOW_MOTION_SPEED, before: current };
}

/** Every keyboard shortcut of the app, for the `?` overlay. */
export const SHORTCUTS: readonly { keys: string[]; what: string }[] = [
  { keys: ['Space'], what: 'Play / pause the cluster clock' },
  { keys: ['.', 'N'], what: 'Step: run the next scheduled thing' },
  { keys: ['+'], what: 'Faster' },
  { keys: ['-'], what: 'Slower' },
  { keys: ['S'], what: `Slow motion (${SLOW_MOTION_SPEED}×) on / off` },
  { keys: ['P'], what: 'Presentation mode on / off' },
  { keys: ['H'], what: 'Hide / show the side and bottom panels' },
  { keys: ['F'], what: 'Spotlight the selected element (or Alt+click one on the diagram)' },
  { keys: ['?'], what: 'Show / hide this list' },
  { keys: ['Esc'], what: 'Close this list, or end the spotlight' },
];
