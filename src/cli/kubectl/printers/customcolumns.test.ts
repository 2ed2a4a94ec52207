import { describe, expect, it } from 'vitest';
import { tabulate } from '../tabwriter';
import { parseCustomColumns, printCustomColumns } from './customcolumns';

const ITEMS = [
  { metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } }, spec: { finalizers: ['kubernetes'] } },
  { metadata: { name: 'empty' }, spec: {} },
];

describe('custom-columns', () => {
  it('prints each column from a jsonpath, <none> when missing, Go fmt for maps and lists', () => {
    const cols = parseCustomColumns('NAME:.metadata.name,LABELS:.metadata.labels,X:spec.finalizers');
    expect(tabulate(printCustomColumns(cols, ITEMS, false))).toBe(
      'NAME      LABELS                                     X\n' +
        'default   map[kubernetes.io/metadata.name:default]   [kubernetes]\n' +
        'empty     <none>                                     <none>\n',
    );
    expect(tabulate(printCustomColumns(cols, [], true))).toBe('');
  });

  it('joins several values with commas', () => {
    const cols = parseCustomColumns('P:.spec.ports[*].port');
    expect(printCustomColumns(cols, [{ spec: { ports: [{ port: 80 }, { port: 443 }] } }], true)).toBe('80,443\n');
  });

  it.each([
    ['', 'custom-columns format specified but no custom columns given'],
    ['A', 'unexpected custom-columns spec: A, expected <header>:<json-path-expr>'],
  ])('rejects %j', (spec, message) => {
    expect(() => parseCustomColumns(spec)).toThrow(message);
  });
});
