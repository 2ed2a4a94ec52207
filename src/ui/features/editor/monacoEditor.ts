// The Monaco side of the manifest editor, loaded lazily (its own chunks, from the local bundle):
// Monaco's editor core with YAML colouring, monaco-yaml validating against the schema generated
// from the simulator's API types, and the apply errors shown as markers.

import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import type { ApplyResult } from '../../../worker/protocol';
import { errorMarkers } from './results';
import { manifestSchema } from './schema';
import { MODEL_URI, yamlOptions } from './yamlOptions';

/** The owner of the markers from Apply / Dry run / Delete (monaco-yaml has its own). */
const APPLY_OWNER = 'clusterlab-apply';

export interface EditorMarker {
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  /** `clusterlab-apply` for API errors, `yaml` for monaco-yaml's syntax and schema checks. */
  owner: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface EditorHandle {
  getValue(): string;
  /** Replace the text as one undoable edit (Ctrl+Z brings the old text back). */
  setValue(text: string): void;
  /** Show the errors of an apply as markers, replacing the previous ones. */
  showResults(results: ApplyResult[]): void;
  revealLine(line: number, column?: number): void;
  markers(): EditorMarker[];
  dispose(): void;
}

export interface MountOptions {
  text: string;
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onApply(): void;
}

let configured = false;
let model: monaco.editor.ITextModel | undefined;

function configure(): void {
  if (configured) return;
  configured = true;
  // Workers from our own bundle (Vite emits them as separate files): never a CDN.
  (self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
    getWorker: (_id: string, label: string) =>
      label === 'yaml'
        ? new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'monaco-yaml' })
        : new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'monaco-editor' }),
  };
  configureMonacoYaml(monaco, yamlOptions(manifestSchema()));
}

/** The one model, kept across mounts (the panel unmounts on a tab switch): undo history survives. */
function getModel(text: string): monaco.editor.ITextModel {
  if (!model || model.isDisposed()) {
    model = monaco.editor.createModel(text, 'yaml', monaco.Uri.parse(MODEL_URI));
    // Apply errors describe the text they were made from: drop them once it changes.
    model.onDidChangeContent(() => {
      if (model && monaco.editor.getModelMarkers({ owner: APPLY_OWNER, resource: model.uri }).length) monaco.editor.setModelMarkers(model, APPLY_OWNER, []);
    });
  } else if (model.getValue() !== text) model.setValue(text);
  return model;
}

const SEVERITY: Record<number, EditorMarker['severity']> = {
  [monaco.MarkerSeverity.Error]: 'error',
  [monaco.MarkerSeverity.Warning]: 'warning',
  [monaco.MarkerSeverity.Info]: 'info',
  [monaco.MarkerSeverity.Hint]: 'hint',
};

export function mountEditor(container: HTMLElement, opts: MountOptions): EditorHandle {
  configure();
  const m = getModel(opts.text);
  const editor = monaco.editor.create(container, {
    model: m,
    ariaLabel: 'Manifest editor (YAML). Ctrl+Enter applies.',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    renderLineHighlight: 'line',
    // The bottom panel is short: let hovers and suggestions overflow it.
    fixedOverflowWidgets: true,
    quickSuggestions: { other: true, comments: false, strings: true },
    wordBasedSuggestions: 'off',
    theme: 'vs',
  });
  const change = m.onDidChangeContent(() => opts.onChange(m.getValue()));
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onApply());

  return {
    getValue: () => m.getValue(),
    setValue(text) {
      editor.pushUndoStop();
      editor.executeEdits('clusterlab', [{ range: m.getFullModelRange(), text }]);
      editor.pushUndoStop();
      editor.setPosition({ lineNumber: 1, column: 1 });
      editor.revealLine(1);
    },
    showResults(results) {
      const markers = errorMarkers(results, m.getValue());
      monaco.editor.setModelMarkers(m, APPLY_OWNER, markers);
      // Scroll the first error into view (the panel is short; it may be far down).
      if (markers.length) editor.revealLineInCenterIfOutsideViewport(markers[0].startLineNumber);
    },
    revealLine(line, column = 1) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
    },
    markers: () =>
      monaco.editor.getModelMarkers({ resource: m.uri }).map((mk) => ({
        severity: SEVERITY[mk.severity] ?? 'info',
        message: mk.message,
        owner: mk.owner,
        line: mk.startLineNumber,
        column: mk.startColumn,
        endLine: mk.endLineNumber,
        endColumn: mk.endColumn,
      })),
    dispose() {
      change.dispose();
      editor.dispose(); // the model stays for the next mount
    },
  };
}
