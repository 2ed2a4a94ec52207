import { describe, expect, it } from 'vitest';
import { FILTERS, MiniShell, ok } from './minishell';

function shell() {
  return new MiniShell({
    commands: { ...FILTERS, list: () => ok('alpha\nbeta\ngamma\n'), fail: () => ({ out: '', err: 'boom\n', code: 3 }) },
    notFound: (c) => `sh: ${c}: not found`,
    vars: { NAME: 'web', HOME: '/root' },
    cwd: '/',
  });
}

describe('MiniShell', () => {
  it('expands variables, honours quotes and escapes', () => {
    const sh = shell();
    expect(sh.run('echo $NAME "${NAME}-x" \'$NAME\' "\\$NAME" "a\\nb"').out).toBe('web web-x $NAME $NAME a\\nb\n');
    expect(sh.run('X=1; echo $X').out).toBe('1\n');
    expect(sh.run("echo 'open").err).toBe('sh: Syntax error: Unterminated quoted string\n');
  });

  it('runs pipelines and and-or lists with exit codes', () => {
    const sh = shell();
    expect(sh.run('list | grep -v beta | wc -l').out).toBe('2\n');
    expect(sh.run('list | head -n 1').out).toBe('alpha\n');
    expect(sh.run('fail && echo no || echo yes')).toEqual({ out: 'yes\n', err: 'boom\n', code: 0 });
    expect(sh.run('nosuch; echo $?')).toEqual({ out: '127\n', err: 'sh: nosuch: not found\n', code: 0 });
    expect(sh.run('fail; exit')).toEqual({ out: '', err: 'boom\n', code: 3, exit: 3 });
    expect(sh.run('exit 300').exit).toBe(44);
  });
});
