// Running a terminal line in the app's session: the shell, with kubectl answered by the
// simulation worker and `-f` reading the manifest editor's text. Shared by the terminal panel
// and `window.clusterlab.kubectl`, so both print the same text.

import type { Session } from '../../cluster/session';
import { getText, loadText } from '../editor/store';
import { LineEditor } from './lineeditor';
import { runLine, type ShellResult } from './shell';

/** The path under which `kubectl apply -f` finds the manifest editor's text. */
export const EDITOR_FILE = 'manifest.yaml';

/** The terminal's line editor lives outside React so history survives a tab switch. */
export const lineEditor = new LineEditor();

/**
 * The interactive session a kubectl command opened (`kubectl exec -it`, `kubectl debug node/... -it`):
 * while it is open, lines go to it (the terminal shows its prompt) until it exits. Kept here, like
 * the line editor, so the panel and `window.clusterlab.kubectl` share it.
 */
export const shellSession: { current?: { id: number; prompt: string }; commands: string[] } = { commands: [] };

function trackSession(session: Session, s: { id: number; prompt: string } | undefined): void {
  shellSession.current = s;
  if (!s) shellSession.commands = [];
  else {
    // Command names for Tab completion inside the session (they change after `chroot /host`).
    void session.client.request({ op: 'shell-commands', session: s.id }).then(
      (names) => {
        if (shellSession.current?.id === s.id) shellSession.commands = names;
      },
      () => {},
    );
  }
}

export async function runInSession(session: Session, line: string): Promise<ShellResult> {
  const open = shellSession.current;
  if (open) {
    let r;
    try {
      r = await session.client.request({ op: 'shell', session: open.id, line });
    } catch (e) {
      trackSession(session, undefined);
      throw e;
    }
    trackSession(session, r.session);
    return { output: r.output ?? r.stdout + r.stderr, exitCode: r.exitCode, session: r.session };
  }
  const r = await runLine(line, {
    kubectl: (l) => session.client.request({ op: 'kubectl', line: l, files: { [EDITOR_FILE]: getText() } }),
    history: () => lineEditor.history,
    faults: {
      fault: (fault) => session.client.request({ op: 'fault', fault }),
      faults: () => session.client.request({ op: 'faults' }),
    },
  });
  trackSession(session, r.session);
  // `kubectl edit`: the manifest editor is the $EDITOR kubectl would open.
  if (r.edit) loadText(r.edit.text);
  return r;
}
