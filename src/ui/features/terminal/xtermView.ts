// The xterm.js side of the terminal, in its own lazily loaded chunk: it only renders the line
// editor's view and forwards keys. Everything else (editing, history, completion, the shell) is
// pure TypeScript in this folder.

import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';

export interface XtermHandle {
  term: Terminal;
  fit(): void;
  dispose(): void;
}

export function mountXterm(el: HTMLElement, onData: (data: string) => void): XtermHandle {
  const term = new Terminal({
    cursorBlink: true,
    convertEol: false,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
    fontSize: 13,
    scrollback: 5000,
    theme: { background: '#0f172a', foreground: '#e2e8f0', cursor: '#e2e8f0', selectionBackground: '#334155' },
  });
  const fitAddon = new FitAddon();
  term.loadAddon(fitAddon);
  term.open(el);
  // Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser's paste event.
  term.attachCustomKeyEventHandler((e) => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const sel = term.getSelection();
      if (sel) void navigator.clipboard?.writeText(sel).catch(() => {});
      return false;
    }
    return e.code !== 'KeyV';
  });
  const sub = term.onData(onData);
  const fit = () => {
    try {
      fitAddon.fit();
    } catch {
      // Hidden or zero-sized: nothing to fit yet.
    }
  };
  fit();
  return {
    term,
    fit,
    dispose: () => {
      sub.dispose();
      term.dispose();
    },
  };
}
