// `-o custom-columns=HEADER:.path,...` (kubectl/pkg/cmd/get/customcolumn.go): one jsonpath per
// column, missing values as <none>, several values joined with commas, Go's fmt for maps and lists.

import { KubectlError } from '../errors';
import { goSprint } from './gofmt';
import { JsonPath, JsonPathError, relaxedJsonPathExpression } from './jsonpath';
import { escapeTerminal } from './table';

export interface Column {
  header: string;
  fieldSpec: string;
}

/** NewCustomColumnsPrinterFromSpec. */
export function parseCustomColumns(spec: string): Column[] {
  if (spec.length === 0) throw new KubectlError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new KubectlError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    let fieldSpec: string;
    try {
      fieldSpec = relaxedJsonPathExpression(part.slice(i + 1));
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    return { header: part.slice(0, i), fieldSpec };
  });
}

/** NewCustomColumnsPrinterFromTemplate: a header line of names, then a line of paths. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length !== 2) throw new KubectlError(`invalid template, expected two lines, saw ${lines.length}`);
  const headers = lines[0].split(/\s+/);
  const specs = lines[1].split(/\s+/);
  if (headers.length !== specs.length) throw new KubectlError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** The tab-separated lines for `items` (header first unless noHeaders). */
export function printCustomColumns(columns: Column[], items: unknown[], noHeaders: boolean): string {
  const parsers = columns.map((c, i) => {
    const p = new JsonPath(`column${i}`);
    p.allowMissingKeys = true;
    try {
      p.parse(c.fieldSpec);
    } catch (e) {
      throw new KubectlError((e as JsonPathError).message);
    }
    return p;
  });
  let out = noHeaders ? '' : columns.map((c) => c.header).join('\t') + '\n';
  for (const item of items) {
    const cells = parsers.map((p) => {
      let values: unknown[][];
      try {
        values = p.findResults(item);
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
      const strs: string[] = [];
      if (values.length === 0 || values[0].length === 0) strs.push('<none>');
      for (const arr of values) for (const v of arr) strs.push(escapeTerminal(goSprint(v)));
      return strs.join(',');
    });
    out += cells.join('\t') + '\n';
  }
  return out;
}
