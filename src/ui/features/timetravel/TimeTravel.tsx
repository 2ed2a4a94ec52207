// Time travel in the top bar: a scrubber over the session (its inputs as marks), rewind, the
// branch indicator and switcher, save/open/link of the session, and the scenario catalog.
// The worker does the work (rebuild + replay); this only asks and shows what it reports.

import { useRef, useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { parseSession } from '../../../host/sessionfile';
import { findScenario, SCENARIOS } from '../../../scenarios/catalog';
import type { TimelineSummary } from '../../../worker/protocol';
import { timeTravelActions } from './actions';
import { useClock, useMirror, useSession } from '../../cluster/hooks';
import './timetravel.css';

/** `m:ss` (or `h:mm:ss`) of session time since the cluster was created. */
export function sessionTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function useTimeline(): TimelineSummary | undefined {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => m.timeline);
}

export function TimeTravel() {
  const session = useSession();
  const timeline = useTimeline();
  const clock = useClock();
  const [target, setTarget] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  if (!timeline || !clock) return null;
  const now = clock.nowMs - timeline.epochMs;
  const horizon = Math.max(timeline.horizon, now);
  const span = Math.max(1, horizon - timeline.start);
  const pos = (t: number) => `${(((t - timeline.start) / span) * 100).toFixed(3)}%`;

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const goTo = (at: number) => run(async () => {
    await timeTravelActions.rewind.perform(session, { at });
    setTarget(undefined);
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    void run(async () => {
      // Checked here first for a clear message; the worker checks again before replacing anything.
      const parsed = parseSession(await file.text());
      await timeTravelActions.load.perform(session, parsed);
    });
  };

  const current = timeline.branches.find((b) => b.id === timeline.branch);
  const scenario = timeline.title ? findScenario(timeline.title) : undefined;
  const shown = target ?? now;

  return (
    <div className="tt" role="group" aria-label="Time travel">
      <div className="tt-track">
        <span className="tt-time" data-testid="timetravel-start">{sessionTime(timeline.start)}</span>
        <div className="tt-scrub">
          <input
            type="range"
            data-testid="timetravel-scrubber"
            aria-label="Session timeline: choose an instant to go back (or forward) to"
            aria-valuetext={sessionTime(shown)}
            min={timeline.start}
            max={horizon}
            step={100}
            value={Math.min(Math.max(shown, timeline.start), horizon)}
            onChange={(e) => setTarget(Number(e.target.value))}
          />
          <div className="tt-marks" aria-label="Inputs of this branch">
            {timeline.marks.map((m, i) => (
              <button
                key={i}
                type="button"
                className={m.done ? 'tt-mark tt-done' : 'tt-mark tt-planned'}
                style={{ left: pos(m.at) }}
                data-testid="timetravel-mark"
                title={`${sessionTime(m.at)} ${m.label}${m.done ? '' : ' (planned: runs when the clock gets there)'}: click to go to just before it`}
                aria-label={`${sessionTime(m.at)} ${m.label}`}
                disabled={busy}
                onClick={() => void goTo(m.at)}
              />
            ))}
          </div>
        </div>
        <span className="tt-time" data-testid="timetravel-horizon">{sessionTime(horizon)}</span>
        <button
          type="button"
          className="tc-btn"
          data-testid="timetravel-rewind"
          disabled={busy || target === undefined || target === now}
          title="Rebuild the cluster as it was at the chosen instant (seed + the inputs before it)"
          onClick={() => target !== undefined && void goTo(target)}
        >
          {target !== undefined && target > now ? 'Go to' : 'Rewind to'} {sessionTime(shown)}
        </button>
      </div>

      <div className="tt-tools">
        <span className="tt-branch" data-testid="timetravel-branch" title="Doing something different after a rewind starts a new branch; the old one stays here">
          Branch {timeline.branch}
          {current?.parent !== undefined && current.forkedAt !== undefined ? ` (from ${current.parent} at ${sessionTime(current.forkedAt)})` : ''}
        </span>
        {timeline.branches.length > 1 && (
          <select
            data-testid="timetravel-branches"
            aria-label="Switch branch"
            value={String(timeline.branch)}
            disabled={busy}
            onChange={(e) => void run(() => timeTravelActions.branch.perform(session, Number(e.target.value)))}
          >
            {timeline.branches.map((b) => (
              <option key={b.id} value={String(b.id)}>
                Branch {b.id}: {b.inputs} input{b.inputs === 1 ? '' : 's'}, to {sessionTime(b.horizon)}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="tc-btn" data-testid="timetravel-export" title="Save this session (seed, spec, inputs) as a file that reproduces it exactly" onClick={() => void run(() => timeTravelActions.download.perform(session))}>
          Save
        </button>
        <button type="button" className="tc-btn" data-testid="timetravel-open" title="Open a saved session file" onClick={() => fileInput.current?.click()}>
          Open…
        </button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden data-testid="timetravel-import" onChange={onFile} />
        <button
          type="button"
          className="tc-btn"
          data-testid="timetravel-link"
          title="A link that reproduces this session (it travels in the URL hash, never to a server)"
          onClick={() => void run(async () => {
            const url = await timeTravelActions.link.perform(session);
            setLink(url);
            await navigator.clipboard?.writeText(url).catch(() => undefined);
          })}
        >
          Copy link
        </button>
        {link && <input className="tt-link" readOnly value={link} data-testid="timetravel-link-url" aria-label="Link to this session" onFocus={(e) => e.target.select()} />}
        <label className="tt-scenarios">
          <span>Demo</span>
          <select
            data-testid="scenario-picker"
            value={scenario?.id ?? ''}
            onChange={(e) => e.target.value && window.location.assign(`?scenario=${encodeURIComponent(e.target.value)}`)}
          >
            <option value="">{scenario ? '' : 'Choose a scenario…'}</option>
            {SCENARIOS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
        {scenario && (
          <details className="tt-about">
            <summary>About this demo</summary>
            <p data-testid="scenario-description">{scenario.description}</p>
          </details>
        )}
      </div>
      <p className="tt-error" role="alert" data-testid="timetravel-error" hidden={!error}>
        {error}
      </p>
    </div>
  );
}
