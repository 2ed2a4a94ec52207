import { describe, expect, it } from 'vitest';
import { LineEditor } from './lineeditor';

function typed(e: LineEditor, s: string) {
  e.insert(s);
  return e;
}

describe('LineEditor', () => {
  it('edits at the cursor and accepts the line into history', () => {
    const e = typed(new LineEditor(), 'kubectl get pod');
    e.left();
    e.left();
    e.insert('X');
    expect(e.view()).toEqual({ text: 'kubectl get pXod', cursor: 14, searching: false });
    e.backspace();
    e.end();
    e.insert('s');
    expect(e.accept()).toBe('kubectl get pods');
    expect(e.history).toEqual(['kubectl get pods']);
    expect(e.view().text).toBe('');
  });

  it('browses history with up/down and restores the draft', () => {
    const e = new LineEditor();
    typed(e, 'one').accept();
    typed(e, 'two').accept();
    typed(e, 'dra');
    e.up();
    expect(e.buffer).toBe('two');
    e.up();
    e.up();
    expect(e.buffer).toBe('one');
    e.down();
    e.down();
    expect(e.buffer).toBe('dra');
  });

  it('does not store blank lines or repeats', () => {
    const e = new LineEditor();
    typed(e, '  ').accept();
    typed(e, 'a').accept();
    typed(e, 'a').accept();
    expect(e.history).toEqual(['a']);
  });

  it('Ctrl-R searches backwards, Ctrl-R again finds older matches, Enter runs the match', () => {
    const e = new LineEditor();
    for (const l of ['kubectl get pods', 'kubectl get nodes', 'clear']) typed(e, l).accept();
    e.reverseSearch();
    e.insert('get');
    expect(e.view().text).toBe("(reverse-i-search)`get': kubectl get nodes");
    e.reverseSearch();
    expect(e.view().text).toBe("(reverse-i-search)`get': kubectl get pods");
    e.insert('x');
    expect(e.view().text).toBe("(failed reverse-i-search)`getx': ");
    e.backspace();
    // Editing the query searches again from the newest line.
    expect(e.accept()).toBe('kubectl get nodes');
  });

  it('Ctrl-C drops the line and the search; kill commands cut text', () => {
    const e = typed(new LineEditor(), 'kubectl get pods');
    e.killWord();
    expect(e.buffer).toBe('kubectl get ');
    e.home();
    e.killToEnd();
    expect(e.buffer).toBe('');
    typed(e, 'abc');
    e.reverseSearch();
    e.cancel();
    expect(e.view()).toEqual({ text: '', cursor: 0, searching: false });
  });
});
