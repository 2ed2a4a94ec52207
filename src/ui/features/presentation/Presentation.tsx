// Presentation mode for teaching in front of a class: large type and a high-contrast theme
// (`html.present`), hideable side and bottom panels, slow motion, the `?` list of shortcuts, a
// spotlight that dims everything but the component being talked about, and the outline of the
// inspector's cause chain on the diagram. Every command goes through the registered actions.

import { useEffect, useRef, useState } from 'react';
import { actions } from '../../actions';
import { useSession } from '../../cluster/hooks';
import type { Session } from '../../cluster/session';
import { useUi } from '../../state/ui';
import { focusKind } from '../timecontrols/TimeControls';
import { SHORTCUTS, presentationCommandForKey, type PresentationCommand } from './shortcuts';
import { highlightCss, testIdForSelection } from './targets';
import './presentation.css';

/** How long a shortcut's confirmation stays on screen (wall time). */
const TOAST_MS = 1800;
/** Diagram elements Alt+click can spotlight: components, nodes, pods, Services. */
const SPOTLIGHTABLE = '[data-testid^="pod-"], [data-testid^="cp-"], [data-testid^="svc-"], [data-testid^="component-"], .dg-node[data-testid^="node-"], [data-testid="scheduler-queue"]';

/** Top-bar buttons: presentation mode, panels, shortcuts. */
export function PresentationButtons() {
  const session = useSession();
  const presentation = useUi((s) => s.presentation);
  const panelsHidden = useUi((s) => s.panelsHidden);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  return (
    <div className="pm-buttons" role="group" aria-label="Presentation">
      <button
        type="button"
        className="pm-btn"
        data-testid="presentation-toggle"
        aria-pressed={presentation}
        aria-keyshortcuts="P"
        title="Presentation mode: large type, high contrast (P)"
        onClick={() => void actions.togglePresentation.perform(session)}
      >
        Present
      </button>
      <button
        type="button"
        className="pm-btn"
        data-testid="panels-toggle"
        aria-pressed={panelsHidden}
        aria-keyshortcuts="H"
        title="Hide or show the inspector and the bottom panels (H)"
        onClick={() => void actions.togglePanels.perform(session)}
      >
        {panelsHidden ? 'Show panels' : 'Hide panels'}
      </button>
      <button
        type="button"
        className="pm-btn"
        data-testid="shortcuts-toggle"
        aria-pressed={shortcutsOpen}
        aria-keyshortcuts="Shift+?"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => void actions.toggleShortcuts.perform(session)}
      >
        ?
      </button>
    </div>
  );
}

/** The page-wide part: theme class, keys, Alt+click, overlays. Mounted once in the workspace. */
export function PresentationLayer() {
  const session = useSession();
  const presentation = useUi((s) => s.presentation);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const spotlight = useUi((s) => s.spotlight);
  const causeHighlight = useUi((s) => s.causeHighlight);
  const [toast, setToast] = useState<string>();

  useEffect(() => {
    document.documentElement.classList.toggle('present', presentation);
  }, [presentation]);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(undefined), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);

  const run = useRef<(c: PresentationCommand) => void>(() => undefined);
  run.current = (c) => void perform(session, c).then(setToast, (e: Error) => setToast(e.message));

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = presentationCommandForKey(e.key, { ctrl: e.ctrlKey, meta: e.metaKey, alt: e.altKey }, focusKind(e.target));
      if (!command || e.repeat) return;
      if (command === 'escape' && !useUi.getState().shortcutsOpen && !useUi.getState().spotlight) return;
      e.preventDefault();
      run.current(command);
    };
    // Alt+click on a diagram element spotlights it (the click still selects it as usual).
    const onClick = (e: MouseEvent) => {
      if (!e.altKey || !(e.target instanceof Element) || !e.target.closest('[data-testid="diagram"]')) return;
      const el = e.target.closest<HTMLElement>(SPOTLIGHTABLE);
      if (el?.dataset.testid) void actions.spotlight.perform(session, el.dataset.testid);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick, true);
    };
  }, [session]);

  return (
    <>
      <style data-testid="cause-highlight">{highlightCss(causeHighlight, 'outline: 3px solid #b35900 !important; outline-offset: 2px;')}</style>
      {spotlight && <Spotlight testId={spotlight} />}
      {shortcutsOpen && <ShortcutsOverlay onClose={() => void actions.toggleShortcuts.perform(session)} />}
      <p className="pm-toast" role="status" aria-live="polite" data-testid="presentation-toast" hidden={!toast}>
        {toast}
      </p>
    </>
  );
}

/** Runs one command; resolves to the confirmation shown on screen. */
async function perform(session: Session, command: PresentationCommand): Promise<string> {
  const ui = useUi.getState();
  switch (command) {
    case 'presentation':
      await actions.togglePresentation.perform(session);
      return useUi.getState().presentation ? 'Presentation mode on' : 'Presentation mode off';
    case 'panels':
      await actions.togglePanels.perform(session);
      return useUi.getState().panelsHidden ? 'Panels hidden (H shows them)' : 'Panels shown';
    case 'help':
      await actions.toggleShortcuts.perform(session);
      return '';
    case 'slow-motion': {
      const c = await actions.slowMotion.perform(session);
      return c.speed < 1 ? `Slow motion ${c.speed}×` : `Speed ${c.speed}×`;
    }
    case 'spotlight': {
      const target = testIdForSelection(ui.selection);
      if (!target || ui.spotlight === target) {
        await actions.spotlight.perform(session, undefined);
        return ui.spotlight ? 'Spotlight off' : 'Select something on the diagram first, then press F';
      }
      await actions.spotlight.perform(session, target);
      return '';
    }
    case 'escape':
      if (ui.shortcutsOpen) await actions.toggleShortcuts.perform(session);
      else await actions.spotlight.perform(session, undefined);
      return '';
  }
}

/** A hole in a dimmed page around one diagram element, following it as the diagram moves. */
function Spotlight({ testId }: { testId: string }) {
  const [rect, setRect] = useState<{ x: number; y: number; w: number; h: number }>();
  const label = spotlightLabel(testId);
  useEffect(() => {
    let frame = 0;
    const tick = () => {
      const el = document.querySelector(`[data-testid="${testId.replace(/["\\]/g, '')}"]`);
      const r = el?.getBoundingClientRect();
      setRect((prev) => {
        if (!r) return undefined;
        const next = { x: r.left, y: r.top, w: r.width, h: r.height };
        return prev && prev.x === next.x && prev.y === next.y && prev.w === next.w && prev.h === next.h ? prev : next;
      });
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(frame);
  }, [testId]);
  const pad = 8;
  return (
    <>
      <div
        className="pm-spotlight"
        data-testid="spotlight"
        data-target={testId}
        data-visible={rect ? 'true' : 'false'}
        aria-hidden="true"
        style={rect ? { left: rect.x - pad, top: rect.y - pad, width: rect.w + 2 * pad, height: rect.h + 2 * pad } : { left: '50%', top: '50%', width: 0, height: 0 }}
      />
      <p className="pm-spotlight-label" role="status">
        Spotlight: {label}
        {!rect && ' (not drawn on the diagram right now)'} · Esc ends it
      </p>
    </>
  );
}

function spotlightLabel(testId: string): string {
  const m = /^(cp|component|node|pod|svc)-(.*)$/.exec(testId);
  if (!m) return testId;
  const kind = { cp: '', component: '', node: 'node ', pod: 'pod ', svc: 'Service ' }[m[1]]!;
  return `${kind}${m[2]}`;
}

function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  // Focus the list while open; give focus back to where it was when it closes.
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="pm-overlay" role="dialog" aria-modal="false" aria-labelledby="pm-shortcuts-title" data-testid="shortcuts-overlay">
      <div className="pm-overlay-card">
        <h2 id="pm-shortcuts-title">Keyboard shortcuts</h2>
        <table className="pm-keys">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.what}>
                <th scope="row">
                  {s.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && ' or '}
                      <kbd>{k}</kbd>
                    </span>
                  ))}
                </th>
                <td>{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="pm-note">Shortcuts never fire while you type in the editor, the terminal or a field.</p>
        <button type="button" className="pm-btn" ref={close} onClick={onClose} data-testid="shortcuts-close">
          Close
        </button>
      </div>
    </div>
  );
}
