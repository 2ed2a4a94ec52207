// The manifest editor: YAML in, `kubectl apply --server-side` out. A plain text area works at
// once; Monaco (with Kubernetes schema validation, completion and hover docs) loads in the
// background from its own chunks and takes over when ready. Apply, Dry run and Delete go
// through the registered actions like every other command; results read like kubectl's.

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { actions } from '../../actions';
import { useSession } from '../../cluster/hooks';
import './editor.css';
import type { EditorHandle } from './monacoEditor';
import { formatResults, type Verb } from './results';
import { getText, setText, useEditorState } from './store';
import { TEMPLATES, templateById } from './templates';
import { installEditorHook } from './testhook';

type MonacoModule = typeof import('./monacoEditor');
type Engine = 'loading' | 'monaco' | 'failed';

let monacoModule: MonacoModule | undefined;
let monacoLoading: Promise<MonacoModule> | undefined;

function loadMonaco(): Promise<MonacoModule> {
  monacoLoading ??= import('./monacoEditor').then(
    (m) => (monacoModule = m),
    (e) => {
      monacoLoading = undefined; // let a later mount try again
      throw e;
    },
  );
  return monacoLoading;
}

/** Start loading once the page is idle, so the first screen never waits for Monaco. */
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(fn, { timeout: 1500 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(fn, 200);
  return () => clearTimeout(id);
}

const COMMANDS: Record<Verb, string> = {
  apply: 'kubectl apply --server-side -f manifest.yaml',
  'dry-run': 'kubectl apply --server-side --dry-run=server -f manifest.yaml',
  delete: 'kubectl delete -f manifest.yaml',
};

const BUSY_LABEL: Record<Verb, string> = { apply: 'Applying…', 'dry-run': 'Checking…', delete: 'Deleting…' };

export function EditorPanel() {
  const session = useSession();
  const [engine, setEngine] = useState<Engine>(monacoModule ? 'monaco' : 'loading');
  const [loadError, setLoadError] = useState<string>();
  const [plainText, setPlainText] = useState(getText);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | undefined>(undefined);
  const busy = useEditorState((s) => s.busy);
  const results = useEditorState((s) => s.results);
  const loaded = useEditorState((s) => s.loaded);
  // Text loaded from outside (kubectl edit) replaces what the editor shows, as one undoable edit.
  useEffect(() => {
    if (loaded === 0) return;
    editor.current?.setValue(getText());
    setPlainText(getText());
  }, [loaded]);

  const fail = useCallback((e: unknown) => {
    setLoadError(e instanceof Error ? e.message : String(e));
    setPlainText(getText());
    setEngine('failed');
  }, []);

  const run = useCallback(
    async (verb: Verb) => {
      const state = useEditorState.getState();
      if (state.busy) return;
      const yaml = editor.current?.getValue() ?? getText();
      state.setBusy(verb);
      try {
        const res =
          verb === 'delete'
            ? await actions.deleteManifest.perform(session, { yaml })
            : await actions.apply.perform(session, { yaml, dryRun: verb === 'dry-run' });
        useEditorState.getState().setResults({ verb, lines: formatResults(res, verb) });
        editor.current?.showResults(res);
      } catch (e) {
        useEditorState.getState().setResults({ verb, lines: [{ kind: 'error', text: `error: ${(e as Error).message}` }] });
      } finally {
        useEditorState.getState().setBusy(undefined);
      }
    },
    [session],
  );
  const runRef = useRef(run);
  runRef.current = run;

  // Load Monaco in the background.
  useEffect(() => {
    if (engine !== 'loading') return;
    let live = true;
    const cancel = whenIdle(() => {
      loadMonaco().then(
        () => live && setEngine('monaco'),
        (e) => live && fail(e),
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, [engine, fail]);

  // Mount Monaco once its code is here (again after a tab switch: the text model is kept).
  useEffect(() => {
    if (engine !== 'monaco' || !host.current || !monacoModule) return;
    let h: EditorHandle;
    try {
      h = monacoModule.mountEditor(host.current, { text: getText(), onChange: setText, onApply: () => void runRef.current('apply') });
    } catch (e) {
      fail(e);
      return;
    }
    editor.current = h;
    const uninstall = installEditorHook({ engine: 'monaco', setValue: (t) => h.setValue(t), getValue: () => h.getValue(), markers: () => h.markers() });
    return () => {
      uninstall();
      editor.current = undefined;
      h.dispose();
    };
  }, [engine, fail]);

  // Without Monaco, the text area is the editor: tests and demos can still drive it.
  const plainRef = useRef(plainText);
  plainRef.current = plainText;
  const setPlain = useCallback((t: string) => {
    setPlainText(t);
    setText(t);
  }, []);
  useEffect(() => {
    if (engine !== 'failed') return;
    return installEditorHook({ engine: 'textarea', setValue: setPlain, getValue: () => plainRef.current, markers: () => [] });
  }, [engine, setPlain]);

  const insertTemplate = (id: string) => {
    const t = templateById(id);
    if (!t) return;
    if (editor.current) editor.current.setValue(t.yaml);
    else setPlain(t.yaml);
  };

  const onPlainKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run('apply');
    }
  };

  const reveal = (line: number, column?: number) => editor.current?.revealLine(line, column);

  return (
    <div className="editor-panel">
      <div className="editor-toolbar" role="toolbar" aria-label="Manifest actions">
        <select
          data-testid="editor-template"
          className="editor-template"
          aria-label="Insert a starter template (replaces the text; Ctrl+Z undoes)"
          value=""
          onChange={(e) => insertTemplate(e.target.value)}
        >
          <option value="">Templates…</option>
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
        <button type="button" className="editor-button primary" data-testid="editor-apply" disabled={!!busy} title="kubectl apply --server-side (Ctrl+Enter)" onClick={() => void run('apply')}>
          {busy === 'apply' ? BUSY_LABEL.apply : 'Apply'}
        </button>
        <button type="button" className="editor-button" data-testid="editor-dryrun" disabled={!!busy} title="Server-side dry run: validated and admitted, nothing is stored" onClick={() => void run('dry-run')}>
          {busy === 'dry-run' ? BUSY_LABEL['dry-run'] : 'Dry run'}
        </button>
        <button type="button" className="editor-button danger" data-testid="editor-delete" disabled={!!busy} title="kubectl delete -f: delete the objects the documents name" onClick={() => void run('delete')}>
          {busy === 'delete' ? BUSY_LABEL.delete : 'Delete'}
        </button>
        {engine === 'loading' && (
          <span className="editor-status" role="status" data-testid="editor-loading">
            Loading the editor…
          </span>
        )}
        {engine === 'failed' && (
          <span className="editor-status" role="status">
            Plain text mode (the editor did not load{loadError ? `: ${loadError}` : ''})
          </span>
        )}
        <span className="editor-keys">{engine === 'failed' ? 'Ctrl+Enter applies' : 'Ctrl+Enter applies · Ctrl+Space suggests · hover a field for its docs'}</span>
      </div>
      <div className="editor-body">
        <div className="editor-main nokey" data-testid="editor" data-engine={engine}>
          {engine === 'monaco' ? (
            <div className="editor-host" ref={host} />
          ) : (
            <textarea
              className="editor-plain"
              aria-label="Manifest (YAML). Ctrl+Enter applies."
              spellCheck={false}
              value={plainText}
              onChange={(e) => setPlain(e.target.value)}
              onKeyDown={onPlainKey}
            />
          )}
        </div>
        <div className="editor-results-pane" aria-live="polite">
          {results ? (
            <p className="editor-command">
              <span aria-hidden="true">$ </span>
              {COMMANDS[results.verb]}
            </p>
          ) : (
            <p className="editor-empty">Results of Apply, Dry run and Delete appear here, one line per document.</p>
          )}
          <ul className="editor-results" data-testid="editor-results">
            {results?.lines.map((l, i) => (
              <li key={i} className={`editor-result ${l.kind}`} data-kind={l.kind} data-line={l.kind === 'error' ? l.line : undefined}>
                {l.kind === 'error' && l.line !== undefined && (
                  <button type="button" className="editor-result-line" onClick={() => reveal(l.line!, l.column)} disabled={engine !== 'monaco'} aria-label={`Go to line ${l.line}`}>
                    line {l.line}
                  </button>
                )}
                <span className="editor-result-text">{l.text}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
