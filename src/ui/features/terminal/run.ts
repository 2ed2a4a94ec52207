// Running a terminal line in the app's session: the shell, with kubectl answered by the
// simulation worker and `-f` reading the manifest editor's text. Shared by the terminal panel
// and `window.clusterlab.kubectl`, so both print the same text.

import type { Session } from '../../cluster/session';
import { getText } from '../editor/store';
import { LineEditor } from './lineeditor';
import { runLine, type ShellResult } from './shell';

/** The path under which `kubectl apply -f` finds the manifest editor's text. */
export const EDITOR_FILE = 'manifest.yaml';

/** The terminal's line editor lives outside React so history survives a tab switch. */
export const lineEditor = new LineEditor();

export function runInSession(session: Session, line: string): Promise<ShellResult> {
  return runLine(line, {
    kubectl: (l) => session.client.request({ op: 'kubectl', line: l, files: { [EDITOR_FILE]: getText() } }),
    history: () => lineEditor.history,
  });
}
