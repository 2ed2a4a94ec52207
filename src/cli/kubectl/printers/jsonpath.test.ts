import { describe, expect, it } from 'vitest';
import { JsonPath, relaxedJsonPathExpression } from './jsonpath';

const LIST = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'web', 'k8s.io/x': '1' } }, spec: { ports: [{ port: 80 }, { port: 443 }] }, status: { phase: 'Running', ready: true } },
    { metadata: { name: 'b', labels: { app: 'db' } }, spec: { ports: [] }, status: { phase: 'Pending', ready: false, n: null } },
  ],
};

function run(template: string, data: unknown = LIST, opts: { missing?: boolean; json?: boolean } = {}): string {
  const jp = new JsonPath('out').parse(template);
  jp.allowMissingKeys = opts.missing ?? true;
  jp.outputJSON = opts.json ?? false;
  return jp.execute(data);
}

describe('kubectl JSONPath', () => {
  it.each([
    ['{.kind}', 'List'],
    ['{.items[*].metadata.name}', 'a b'],
    ['{.items[0].metadata.name}', 'a'],
    ['{.items[-1].metadata.name}', 'b'],
    ['{.items[0:1].metadata.name}', 'a'],
    ['{.items[*].spec.ports[*].port}', '80 443'],
    // Upstream reads ['k8s.io/x'] as fields k8s and io/x: nothing (escape the dots instead).
    ["{.items[0].metadata.labels['k8s.io/x']}", ''],
    ["{.items[0].metadata['name']}", 'a'],
    ['{.items[0].metadata.labels.k8s\\.io/x}', '1'],
    ['{.items[?(@.status.phase=="Running")].metadata.name}', 'a'],
    ["{.items[?(@.status.phase!='Running')].metadata.name}", 'b'],
    ['{.items[?(@.status.ready==true)].metadata.name}', 'a'],
    ['{.items[?(@.status.phase>"Q")].metadata.name}', 'a'],
    ['{.items[?(@.status.n)].metadata.name}', 'b'],
    ['{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', 'a\tRunning\nb\tPending\n'],
    ['{range .items[*]}[{.metadata.name}]{end}', '[a][b]'],
    ['{.items[0].metadata.labels}', '{"app":"web","k8s.io/x":"1"}'],
    ['{.items[1].spec.ports}', '[]'],
    ['{.items[1].status.n}', '<nil>'],
    ['{.items[0].status.ready}', 'true'],
    ['{.items[*].nothing}', ''],
    ['{..phase}', 'Running Pending'],
    ['name: {.items[0].metadata.name}', 'name: a'],
    ['{.items[0,1].metadata.name}', 'a b'],
  ])('%s', (template, out) => {
    expect(run(template)).toBe(out);
  });

  it('jsonpath-as-json prints the results as one indented JSON array', () => {
    expect(run('{.items[*].metadata.name}', LIST, { json: true })).toBe('[\n    "a",\n    "b"\n]\n');
  });

  it.each([
    ['{.items[', 'unterminated array'],
    ['{.items[x]}', 'invalid array index x'],
    ['{.kind', 'unclosed action'],
    ['{end}', 'not in range, nothing to end'],
    ['{.items[5]}', 'array index out of bounds: index 5, length 2'],
    ['{.kind[0]}', 'string is not array or slice'],
    ['{#}', "unrecognized character in action: U+0023 '#'"],
    ['{.items[0].metadata["name"]}', 'invalid array index "name"'],
    ['{.items[?(@.spec.ports[0].port>=80)].metadata.name}', 'array index out of bounds: index 0, length 0'],
  ])('%s fails: %s', (template, message) => {
    expect(() => run(template)).toThrow(message);
  });

  it('reports a missing key only when missing keys are not allowed', () => {
    expect(() => run('{.nope}', LIST, { missing: false })).toThrow('nope is not found');
  });

  it('relaxes custom-columns and --sort-by paths', () => {
    expect(relaxedJsonPathExpression('.metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('metadata.name')).toBe('{.metadata.name}');
    expect(relaxedJsonPathExpression('{.metadata.name}')).toBe('{.metadata.name}');
    expect(() => relaxedJsonPathExpression('{a}{b}')).toThrow('unexpected path string');
  });
});
