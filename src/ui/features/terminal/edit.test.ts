// `kubectl edit` in the app: the engine's edit text reaches the shell result, and loading it into
// the manifest editor replaces the editor's text and tells the panel to show it.

import { describe, expect, it } from 'vitest';
import { getText, loadText, useEditorState } from '../editor/store';
import { runLine, type ShellDeps } from './shell';

describe('kubectl edit glue', () => {
  it('passes the text kubectl would open in $EDITOR on to the terminal', async () => {
    const deps: ShellDeps = {
      kubectl: async () => ({ stdout: '', stderr: '', exitCode: 0, edit: { text: '# header\nkind: Deployment\n' } }),
      history: () => [],
    };
    const r = await runLine('kubectl edit deployment/web', deps);
    expect(r).toEqual({ output: '', exitCode: 0, edit: { text: '# header\nkind: Deployment\n' } });
    const plain = await runLine('kubectl get pods', { ...deps, kubectl: async () => ({ stdout: 'x\n', stderr: '', exitCode: 0 }) });
    expect(plain.edit).toBeUndefined();
  });

  it('loads the text into the manifest editor', () => {
    const before = useEditorState.getState().loaded;
    loadText('kind: Service\n');
    expect(getText()).toBe('kind: Service\n');
    expect(useEditorState.getState().loaded).toBe(before + 1);
  });
});
