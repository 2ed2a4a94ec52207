import { describe, expect, it } from 'vitest';
import { goFormatFloatG, resolvesToNonString, toGoYaml, yamlKeyLess } from './goyaml';

// Expected texts are what kubectl v1.32 printed for the same data (see parity.test.ts, which
// checks a ConfigMap holding all of these strings against the real binary).
describe('sigs.k8s.io/yaml output', () => {
  it.each([
    ['plain', 'web', 'web'],
    ['number-like', '0123', '"0123"'],
    ['octal', '0o17', '"0o17"'],
    ['hex', '0x1F', '"0x1F"'],
    ['float', '1.5e3', '"1.5e3"'],
    ['date', '2025-01-01', '"2025-01-01"'],
    ['timestamp', '2025-01-01T00:02:00Z', '"2025-01-01T00:02:00Z"'],
    ['yes', 'yes', '"yes"'],
    ['n', 'n', '"n"'],
    ['null', 'null', '"null"'],
    ['tilde', '~', '"~"'],
    ['empty', '', '""'],
    ['base 60', '1:30', '"1:30"'],
    ['colon space', 'a: b', "'a: b'"],
    ['hash after space', 'a #b', "'a #b'"],
    ['leading space', ' x', "' x'"],
    ['trailing space', 'x ', "'x '"],
    ['dash', '-', "'-'"],
    ['dash space', '- x', "'- x'"],
    ['cron', '*/5 * * * *', "'*/5 * * * *'"],
    ['apostrophe inside', "it's", "it's"],
    ['double quotes inside', 'say "hi"', 'say "hi"'],
    ['tab', 'a\tb', '"a\\tb"'],
    ['emoji', '🙂', '"\\U0001F642"'],
    ['accents', 'héllo wörld ✓', 'héllo wörld ✓'],
  ])('%s', (_name, value, shown) => {
    expect(toGoYaml({ k: value })).toBe(`k: ${shown}\n`);
  });

  it('folds long strings past 80 columns', () => {
    const long = 'This is a rather long value with many words in it so that the emitter has to fold it somewhere past eighty columns wide';
    expect(toGoYaml({ data: { long } })).toBe('data:\n  long: This is a rather long value with many words in it so that the emitter has\n    to fold it somewhere past eighty columns wide\n');
    const q = "'quoted start and a long text that will have to be folded by the emitter because it is long'";
    expect(toGoYaml({ data: { longq: q } })).toBe("data:\n  longq: '''quoted start and a long text that will have to be folded by the emitter\n    because it is long'''\n");
  });

  it('writes multi-line strings as literal blocks with chomping', () => {
    expect(toGoYaml({ m: 'line1\nline2\n' })).toBe('m: |\n  line1\n  line2\n');
    expect(toGoYaml({ m: 'line1\n\n  line2' })).toBe('m: |-\n  line1\n\n    line2\n');
    expect(toGoYaml({ m: 'x\n\n' })).toBe('m: |+\n  x\n\n');
  });

  it('lays out maps, sequences (not indented under keys), empties and scalars', () => {
    expect(toGoYaml({ b: [{ x: 1, y: [1, [2, 3]] }, []], a: {}, on: true, n: null, f: 0.5, neg: -3 })).toBe(
      'a: {}\nb:\n- x: 1\n  "y":\n  - 1\n  - - 2\n    - 3\n- []\nf: 0.5\n"n": null\nneg: -3\n"on": true\n',
    );
    expect(toGoYaml([])).toBe('[]\n');
    expect(toGoYaml('x')).toBe('x\n');
  });

  it('sorts keys as go-yaml does: non-letters before letters, digit runs by value', () => {
    const keys = ['key_a', 'Key9', 'KEY', 'Key10', 'b60', 'a-b', 'ab'];
    expect([...keys].sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0))).toEqual(['KEY', 'Key9', 'Key10', 'a-b', 'ab', 'b60', 'key_a']);
  });

  it('knows which plain strings would read back as another type', () => {
    for (const s of ['1', '-1', '+1', '1_000', '0b101', '.5', '1e3', 'true', 'Off', '2025-1-2']) expect(resolvesToNonString(s)).toBe(true);
    for (const s of ['1.2.3', '10Mi', 'v1', '+', '-', '.', 'x1', '2025-13-01']) expect(resolvesToNonString(s)).toBe(false);
  });

  it('formats floats as strconv g', () => {
    expect(goFormatFloatG(0.5)).toBe('0.5');
    expect(goFormatFloatG(1234567.5)).toBe('1.2345675e+06');
    expect(goFormatFloatG(0.00001)).toBe('1e-05');
  });
});
