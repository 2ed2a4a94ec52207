// `window.clusterlabEditor`: lets end-to-end tests and demos set and read the editor's text and
// its markers reliably (typing into Monaco is slow and auto-indents). Installed when an editor
// mounts: Monaco once loaded (`engine: 'monaco'`), or the plain text area if Monaco failed to
// load (`engine: 'textarea'`, no markers). Removed when the panel unmounts.

import type { EditorMarker } from './monacoEditor';

export interface ClusterlabEditorHook {
  engine: 'monaco' | 'textarea';
  /** Replace the whole text (as a learner would by pasting). */
  setValue(text: string): void;
  getValue(): string;
  /** Every marker on the text: monaco-yaml's (owner `yaml`: syntax errors, schema warnings) and the last apply's (owner `clusterlab-apply`). */
  markers(): EditorMarker[];
}

declare global {
  interface Window {
    clusterlabEditor?: ClusterlabEditorHook;
  }
}

/** Install `hook`; the returned function removes it (if it is still the installed one). */
export function installEditorHook(hook: ClusterlabEditorHook): () => void {
  window.clusterlabEditor = hook;
  return () => {
    if (window.clusterlabEditor === hook) delete window.clusterlabEditor;
  };
}
