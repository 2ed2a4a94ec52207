import { describe, expect, it } from 'vitest';
import { KUBECTL_TABWRITER, TabWriter, tabulate } from './tabwriter';

describe('tabwriter (Go text/tabwriter with kubectl settings)', () => {
  it.each([
    ['NAME\tAGE\nweb\t2m\n', 'NAME   AGE\nweb    2m\n'],
    // minwidth 6: short columns still take 6 characters
    ['A\tB\na\tb\n', 'A     B\na     b\n'],
    // the last cell of a line is never padded, an empty last cell pads the one before it
    ['NAME\tVERBS\tCATEGORIES\nx\tget,list\t\n', 'NAME   VERBS      CATEGORIES\nx      get,list   \n'],
    // code points, not bytes
    ['é\tx\nabcdefgh\ty\n', 'é          x\nabcdefgh   y\n'],
    // a line without tabs ends the column block
    ['aaaaaaaa\tb\n\nc\td\n', 'aaaaaaaa   b\n\nc     d\n'],
    ['', ''],
  ])('%j', (input, output) => {
    expect(tabulate(input)).toBe(output);
  });

  it('remembers widths across flushes until reset (kubectl get -w)', () => {
    const w = new TabWriter(KUBECTL_TABWRITER);
    w.write('NAME\tX\nlongername\t1\n');
    expect(w.flush()).toBe('NAME         X\nlongername   1\n');
    w.write('a\t2\n');
    expect(w.flush()).toBe('a            2\n');
    w.resetRememberedWidths();
    w.write('a\t2\n');
    expect(w.flush()).toBe('a     2\n');
  });
});
