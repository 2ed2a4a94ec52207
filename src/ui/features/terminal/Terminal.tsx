// The terminal panel: a bash-like prompt running kubectl against the simulated cluster. xterm.js
// loads lazily in its own chunk; editing, history, completion and the shell are pure modules.

import { useEffect, useRef, useState } from 'react';
import { useMirror, useSession } from '../../cluster/hooks';
import type { ClusterMirror, Watched } from '../../cluster/mirror';
import { WATCHED } from '../../cluster/mirror';
import type { CommandTree } from '../../../cli/kubectl';
import { complete, completeCommandWord, type CompletionSource } from './completion';
import { lineEditor, runInSession, shellSession } from './run';
import { toTerminal } from './shell';
import './terminal.css';
import type { XtermHandle } from './xtermView';

const PROMPT = '\x1b[1;32mazureuser@clusterlab\x1b[0m:\x1b[1;34m~\x1b[0m$ ';

/** The prompt: the open session's shell (exec -it, debug -it) or the terminal's own bash. */
const prompt = () => shellSession.current?.prompt ?? PROMPT;
const WELCOME = 'Clusterlab terminal: kubectl (alias k) runs against the simulated cluster. Tab completes, Ctrl-R searches history.\r\n';

/** What the terminal printed, replayed when the panel is shown again after a tab switch. */
let transcript = WELCOME;

/** kubectl's command tree, asked of the engine once (it loads the engine in the worker). */
let commandTree: CommandTree | undefined;

function mirrorSource(mirror: ClusterMirror): CompletionSource {
  return {
    tree: commandTree,
    names: (resource, namespace) => {
      if (!(WATCHED as readonly string[]).includes(resource)) return [];
      return mirror
        .list(resource as Watched)
        .filter((o) => namespace === undefined || o.metadata.namespace === undefined || o.metadata.namespace === namespace)
        .map((o) => o.metadata.name as string);
    },
    namespaces: () => mirror.list('namespaces').map((o) => o.metadata.name as string),
  };
}

export function TerminalPanel() {
  const session = useSession();
  const mirror = useMirror();
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string>();

  useEffect(() => {
    if (!commandTree) {
      session.client.request({ op: 'kubectl-tree' }).then(
        (t) => (commandTree = t),
        (e: Error) => console.error('clusterlab: kubectl completion unavailable:', e.message),
      );
    }
    let handle: XtermHandle | undefined;
    let disposed = false;
    let busy = false;
    /** Input typed while a command runs (pastes of several lines), handled after it. */
    let queued = '';

    const write = (s: string) => {
      transcript += s;
      handle?.term.write(s);
    };
    const redraw = () => {
      const v = lineEditor.view();
      const back = v.text.length - v.cursor;
      const line = (v.searching ? '' : prompt()) + v.text + (back > 0 ? `\x1b[${back}D` : '');
      handle?.term.write('\r\x1b[K' + line);
    };
    const commitLine = () => {
      // Keep the finished line in the transcript (without cursor movement codes).
      transcript += prompt() + lineEditor.view().text;
    };

    const runAccepted = async () => {
      lineEditor.endSearch();
      redraw();
      commitLine();
      const line = lineEditor.accept();
      write('\r\n');
      busy = true;
      try {
        const r = await runInSession(session, line);
        if (r.clear) {
          transcript = '';
          handle?.term.clear();
          handle?.term.write('\x1b[2J\x1b[H');
        }
        write(toTerminal(r.output));
      } catch (e) {
        write(toTerminal(`error: ${(e as Error).message}\n`));
      } finally {
        busy = false;
      }
      redraw();
      if (queued) {
        const q = queued;
        queued = '';
        onData(q);
      }
    };

    const tab = () => {
      const c = shellSession.current ? completeCommandWord(lineEditor.buffer, lineEditor.cursor, shellSession.commands) : complete(lineEditor.buffer, lineEditor.cursor, mirrorSource(mirror));
      const word = lineEditor.buffer.slice(c.from, lineEditor.cursor);
      if (c.insert !== word) {
        lineEditor.replace(c.from, c.insert);
        redraw();
      } else if (c.candidates.length > 1) {
        // Second Tab in bash: list the candidates, then the prompt again.
        commitLine();
        write('\r\n' + c.candidates.join('  ') + '\r\n');
        redraw();
      }
    };

    function onData(data: string): void {
      if (busy) {
        queued += data;
        return;
      }
      const keys: Record<string, () => void> = {
        '\x7f': () => lineEditor.backspace(),
        '\b': () => lineEditor.backspace(),
        '\x1b[A': () => lineEditor.up(),
        '\x1b[B': () => lineEditor.down(),
        '\x1b[C': () => lineEditor.right(),
        '\x1b[D': () => lineEditor.left(),
        '\x1b[H': () => lineEditor.home(),
        '\x1bOH': () => lineEditor.home(),
        '\x01': () => lineEditor.home(),
        '\x1b[F': () => lineEditor.end(),
        '\x1bOF': () => lineEditor.end(),
        '\x05': () => lineEditor.end(),
        '\x1b[3~': () => lineEditor.deleteForward(),
        '\x15': () => lineEditor.killToStart(),
        '\x0b': () => lineEditor.killToEnd(),
        '\x17': () => lineEditor.killWord(),
        '\x12': () => lineEditor.reverseSearch(),
      };
      if (keys[data]) {
        keys[data]();
        redraw();
        return;
      }
      if (data === '\x03') {
        redraw();
        commitLine();
        write('^C\r\n');
        lineEditor.cancel();
        redraw();
        return;
      }
      if (data === '\x0c') {
        handle?.term.clear();
        transcript = '';
        redraw();
        return;
      }
      if (data === '\x04') {
        // Ctrl-D on an empty line ends a container or node shell, as EOF does.
        if (shellSession.current && lineEditor.buffer === '') {
          lineEditor.insert('exit');
          void runAccepted();
        }
        return;
      }
      if (data === '\t') {
        tab();
        return;
      }
      if (data === '\x1b') {
        lineEditor.endSearch();
        redraw();
        return;
      }
      // Typed or pasted text: each line break runs the line so far.
      const parts = data.replace(/\r\n/g, '\r').split(/[\r\n]/);
      for (let i = 0; i < parts.length; i++) {
        const text = parts[i].replace(/[\x00-\x1f\x7f]/g, '');
        if (text) lineEditor.insert(text);
        if (i < parts.length - 1) {
          queued = parts.slice(i + 1).join('\r');
          void runAccepted();
          return;
        }
      }
      redraw();
    }

    import('./xtermView').then(
      ({ mountXterm }) => {
        if (disposed || !host.current) return;
        handle = mountXterm(host.current, onData);
        handle.term.write(transcript);
        redraw();
        handle.term.focus();
      },
      (e: Error) => setFailed(e.message),
    );
    const resize = new ResizeObserver(() => handle?.fit());
    if (host.current) resize.observe(host.current);
    return () => {
      disposed = true;
      resize.disconnect();
      handle?.dispose();
    };
  }, [session, mirror]);

  return (
    <div className="terminal-panel nokey" data-testid="terminal">
      {failed && <p role="alert">The terminal failed to load: {failed}</p>}
      <div className="terminal-host" ref={host} aria-label="Terminal" />
    </div>
  );
}
