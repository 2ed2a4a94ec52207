import { describe, expect, it } from 'vitest';
import { ShellSyntaxError, splitWords } from './shellwords';

describe('splitWords', () => {
  it.each([
    ['kubectl get pods', ['kubectl', 'get', 'pods']],
    ['  k   get  po ', ['k', 'get', 'po']],
    [`get pods -o 'jsonpath={.items[*].metadata.name}'`, ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
    [`-o "jsonpath={range .items[*]}{\\"\\n\\"}{end}"`, ['-o', 'jsonpath={range .items[*]}{"\\n"}{end}']],
    [`a\\ b c`, ['a b', 'c']],
    [`--from-literal=x=''`, ['--from-literal=x=']],
    [`$'a\\tb\\n' x`, ['a\tb\n', 'x']],
    [`pre'mid'"end"`, ['premidend']],
  ])('%s', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('reports an unterminated quote as bash does', () => {
    expect(() => splitWords(`get 'pods`)).toThrow(ShellSyntaxError);
    expect(() => splitWords(`get "pods`)).toThrow("unexpected EOF while looking for matching `\"'");
  });
});
