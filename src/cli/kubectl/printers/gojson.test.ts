import { describe, expect, it } from 'vitest';
import { goMarshal, goMarshalIndent, goMarshalIndentInOrder } from './gojson';

describe('Go encoding/json as kubectl prints it', () => {
  it.each([
    [{ b: 1, a: 'x', c: [] }, '{"a":"x","b":1,"c":[]}'],
    [{ z: {}, y: null, x: true }, '{"x":true,"y":null,"z":{}}'],
    ['<a & b>', '"\\u003ca \\u0026 b\\u003e"'],
    ['tab\there "q" \\', '"tab\\there \\"q\\" \\\\"'],
    ['\u0001\u2028', '"\\u0001\\u2028"'],
    [0.5, '0.5'],
    [1e21, '1e+21'],
  ])('marshal %j', (v, text) => {
    expect(goMarshal(v)).toBe(text);
  });

  it('indents like json.MarshalIndent with 4 spaces, keys sorted', () => {
    expect(goMarshalIndent({ kind: 'List', items: [{ b: 1, a: [1, 2] }], metadata: { resourceVersion: '' }, e: {} }, '    ')).toBe(
      '{\n    "e": {},\n    "items": [\n        {\n            "a": [\n                1,\n                2\n            ],\n            "b": 1\n        }\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}',
    );
  });

  it('keeps field order for typed objects', () => {
    expect(goMarshalIndentInOrder({ kind: 'Namespace', apiVersion: 'v1', spec: {} }, '    ')).toBe('{\n    "kind": "Namespace",\n    "apiVersion": "v1",\n    "spec": {}\n}');
  });
});
