import { describe, expect, it } from 'vitest';
import { runLine, toTerminal, type ShellDeps } from './shell';

const deps: ShellDeps = {
  kubectl: async (line) => ({ stdout: `ran ${line}\n`, stderr: line.includes('bad') ? 'error: bad\n' : '', exitCode: line.includes('bad') ? 1 : 0 }),
  history: () => ['kubectl get pods', 'clear'],
};

describe('runLine', () => {
  it('sends kubectl and k lines to the engine, printing stdout then stderr', async () => {
    expect(await runLine('kubectl get pods', deps)).toEqual({ output: 'ran kubectl get pods\n', exitCode: 0 });
    expect(await runLine('  k bad', deps)).toEqual({ output: 'ran   k bad\nerror: bad\n', exitCode: 1 });
  });

  it('answers unknown commands as bash does, and runs builtins', async () => {
    expect(await runLine('foo --bar', deps)).toEqual({ output: 'bash: foo: command not found\n', exitCode: 127 });
    expect(await runLine('clear', deps)).toEqual({ output: '', exitCode: 0, clear: true });
    expect((await runLine('history', deps)).output).toBe('    1  kubectl get pods\n    2  clear\n');
    expect(await runLine('   ', deps)).toEqual({ output: '', exitCode: 0 });
  });

  it('converts line breaks for xterm', () => {
    expect(toTerminal('a\nb\r\n')).toBe('a\r\nb\r\n');
  });
});
