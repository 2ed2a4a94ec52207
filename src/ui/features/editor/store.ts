// The editor's state outside React, so it survives the panel unmounting (a tab switch) and page
// reloads: the text (saved to localStorage, so a learner loses nothing) and the last results.

import { create } from 'zustand';
import type { ResultLine, Verb } from './results';
import { DEFAULT_TEXT } from './templates';

export const STORAGE_KEY = 'clusterlab.editor.text';

function load(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? DEFAULT_TEXT;
  } catch {
    return DEFAULT_TEXT; // storage blocked (privacy mode): start from the template
  }
}

let text: string | undefined;
let saveTimer: ReturnType<typeof setTimeout> | undefined;

export function getText(): string {
  text ??= load();
  return text;
}

/** Remember the text; written to localStorage shortly after typing stops (and on page hide). */
export function setText(next: string): void {
  text = next;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(flush, 300);
}

export function flush(): void {
  clearTimeout(saveTimer);
  saveTimer = undefined;
  if (text === undefined) return;
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Quota or blocked storage: the text still lives in the page.
  }
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flush);

export interface EditorResults {
  verb: Verb;
  lines: ResultLine[];
}

interface EditorState {
  /** Bumped when text is loaded from outside the editor (`kubectl edit`): the panel shows it. */
  loaded: number;
  /** The running request, if any (buttons are disabled meanwhile). */
  busy: Verb | undefined;
  results: EditorResults | undefined;
  setBusy(busy: Verb | undefined): void;
  setResults(results: EditorResults | undefined): void;
}

export const useEditorState = create<EditorState>()((set) => ({
  loaded: 0,
  busy: undefined,
  results: undefined,
  setBusy: (busy) => set({ busy }),
  setResults: (results) => set({ results }),
}));

/** Replace the editor's text from outside it (`kubectl edit` in the terminal). */
export function loadText(next: string): void {
  setText(next);
  useEditorState.setState((s) => ({ loaded: s.loaded + 1 }));
}
