// The time controls in the top bar: play/pause, step, advance, speed, the virtual clock, and
// "Add node". Everything goes through the registered actions (as the test hook does); pausing
// stops the worker's clock, so the whole cluster freezes.

import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ClockState } from '../../../worker/protocol';
import { actions } from '../../actions';
import { useClock, useResource, useSession } from '../../cluster/hooks';
import type { Session } from '../../cluster/session';
import {
  SHORTCUT_HELP, clusterCreatedMs, commandForKey, elapsedText, millisPart, nextSpeed, speedOptions, speedText, timeOfDay,
  type ClockCommand, type FocusKind,
} from './clock';
import './timecontrols.css';

const ADVANCES = [
  { seconds: 10, label: '+10 s', name: '10 seconds' },
  { seconds: 60, label: '+1 min', name: '1 minute' },
  { seconds: 300, label: '+5 min', name: '5 minutes' },
] as const;

/** How long the "Add node" result stays on screen (wall time). */
const MESSAGE_MS = 6000;

export function TimeControls() {
  const session = useSession();
  const clock = useClock();
  const namespaces = useResource('namespaces');
  const createdMs = useMemo(() => clusterCreatedMs(namespaces), [namespaces]);
  const run = useClockCommands(session);
  const [advancing, setAdvancing] = useState(false);
  const [error, setError] = useState<string>();

  const perform = useCallback(
    async (fn: () => Promise<unknown>) => {
      setError(undefined);
      try {
        await fn();
      } catch (e) {
        setError((e as Error).message);
      }
    },
    [],
  );

  useClockShortcuts((command) => void perform(() => run(command)));

  if (!clock) return null;
  const paused = clock.paused;
  const advance = (seconds: number) =>
    perform(async () => {
      setAdvancing(true);
      try {
        await run({ advance: seconds });
      } finally {
        setAdvancing(false);
      }
    });

  return (
    <div className={paused ? 'tc tc-paused' : 'tc'} role="group" aria-label="Time controls" title={SHORTCUT_HELP}>
      <div className="tc-buttons">
        {paused ? (
          <button type="button" className="tc-btn tc-primary" data-testid="clock-play" aria-keyshortcuts="Space" title="Play: resume the cluster's clock (Space)" onClick={() => perform(() => run('play'))}>
            <Icon d="M4 2.5v11l9-5.5z" /> Play
          </button>
        ) : (
          <button type="button" className="tc-btn" data-testid="clock-pause" aria-keyshortcuts="Space" title="Pause: freeze the whole cluster (Space)" onClick={() => perform(() => run('pause'))}>
            <Icon d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" /> Pause
          </button>
        )}
        <button
          type="button"
          className="tc-btn"
          data-testid="clock-step"
          aria-keyshortcuts="N ."
          title="Step: pause, then run only the next scheduled thing in the cluster (N or .)"
          onClick={() => perform(() => run('step'))}
        >
          <Icon d="M2.5 2.5v11l8-5.5zM11 2.5h2.5v11H11z" /> Step
        </button>
      </div>

      <div className="tc-advance" role="group" aria-label="Advance time">
        {ADVANCES.map((a) => (
          <button
            key={a.seconds}
            type="button"
            className="tc-btn"
            data-testid={`clock-advance-${a.seconds}`}
            aria-label={`Advance ${a.name}`}
            title={`Run ${a.name} of cluster time at once (works while paused)`}
            disabled={advancing}
            onClick={() => advance(a.seconds)}
          >
            {a.label}
          </button>
        ))}
      </div>

      <label className="tc-speed" title="Simulated seconds per real second (+ faster, - slower)">
        <span>Speed</span>
        <select
          data-testid="clock-speed"
          value={String(clock.speed)}
          onChange={(e) => perform(() => run({ speed: Number(e.target.value) }))}
        >
          {speedOptions(clock.speed).map((s) => (
            <option key={s} value={String(s)}>
              {speedText(s)}
            </option>
          ))}
        </select>
      </label>

      <div className="tc-clock" title={`Virtual time ${clock.now} (UTC)`}>
        <span className="tc-state" data-testid="clock-state">
          {paused ? 'Paused' : 'Running'}
        </span>
        <span className="tc-time">
          <time dateTime={clock.now} data-testid="clock">
            {timeOfDay(clock.nowMs)}
          </time>
          {paused && (
            <span className="tc-ms" data-testid="clock-ms">
              {millisPart(clock.nowMs)}
            </span>
          )}
          <span className="tc-utc"> UTC</span>
        </span>
        {createdMs !== undefined && (
          <span className="tc-elapsed" data-testid="clock-elapsed" title="Cluster time since the cluster was created">
            cluster age {elapsedText(clock.nowMs - createdMs)}
          </span>
        )}
      </div>

      <AddNode />

      <p className="tc-error" role="alert" data-testid="clock-error" hidden={!error}>
        {error}
      </p>
    </div>
  );
}

// Memoised: the clock above re-renders every frame; this has no props and need not.
const AddNode = memo(function AddNode() {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; error: boolean }>();
  // Hide the message after a while; a new result restarts the timer.
  useEffect(() => {
    if (!result) return;
    const t = setTimeout(() => setResult(undefined), MESSAGE_MS);
    return () => clearTimeout(t);
  }, [result]);
  const add = async () => {
    setBusy(true);
    try {
      const r = await actions.addNode.perform(session);
      setResult({ text: r.message, error: false });
    } catch (e) {
      setResult({ text: (e as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="tc-node">
      <button type="button" className="tc-btn" data-testid="add-node" disabled={busy} onClick={add} title="Add a VM to the node pool (as az aks scale / the cluster autoscaler would)">
        + Add node
      </button>
      <span className={result?.error ? 'tc-result tc-result-error' : 'tc-result'} role="status" aria-live="polite" data-testid="add-node-result">
        {result?.text}
      </span>
    </div>
  );
});

/** A 16x16 glyph drawn inline: no icon font, and it cannot fall back to a missing character. */
function Icon({ d }: { d: string }) {
  return (
    <svg className="tc-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

type Command = ClockCommand | 'play' | 'pause' | { advance: number } | { speed: number };

/**
 * Runs clock commands in order, each against the clock state the worker last reported (replies
 * and pushes arrive in order), so pressing Space twice quickly pauses and then resumes.
 */
function useClockCommands(session: Session): (command: Command) => Promise<ClockState> {
  const latest = useRef<ClockState | undefined>(session.mirror.clock);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => session.client.onClock((c) => void (latest.current = c)), [session]);
  return useCallback(
    (command: Command) => {
      const next = queue.current.then(async () => {
        const c = latest.current ?? (await session.client.request({ op: 'clock' }));
        let r: ClockState;
        if (command === 'play' || command === 'pause') r = await actions[command].perform(session);
        else if (command === 'toggle') r = await (c.paused ? actions.play : actions.pause).perform(session);
        else if (command === 'step') {
          // A step only makes sense on a stopped clock: otherwise time runs on right after it.
          if (!c.paused) await actions.pause.perform(session);
          r = await actions.step.perform(session);
        } else if (command === 'faster' || command === 'slower') r = await actions.setSpeed.perform(session, nextSpeed(c.speed, command === 'faster' ? 1 : -1));
        else if ('advance' in command) r = await actions.advance.perform(session, command.advance);
        else r = await actions.setSpeed.perform(session, command.speed);
        latest.current = r;
        return r;
      });
      queue.current = next.catch(() => undefined);
      return next;
    },
    [session],
  );
}

/** Space, N / ., + and - anywhere on the page, except while typing (see commandForKey). */
function useClockShortcuts(onCommand: (command: ClockCommand) => void): void {
  const handler = useRef(onCommand);
  handler.current = onCommand;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = commandForKey(e.key, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey }, focusKind(e.target));
      if (!command || (command === 'toggle' && e.repeat)) return;
      e.preventDefault(); // Space would scroll the page
      handler.current(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** Text fields, the editor (`.nokey`) and the terminal take every key; controls take Space. */
export function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof Element)) return 'other';
  if (target.closest('.nokey, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"], [role="listbox"]')) return 'text';
  if (target instanceof HTMLInputElement) {
    return ['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image'].includes(target.type) ? 'control' : 'text';
  }
  if (target.closest('button, a[href], summary, [role="button"], [role="tab"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="option"], [role="radio"]')) return 'control';
  return 'other';
}
