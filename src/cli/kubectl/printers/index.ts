// Choosing a printer from `-o` as kubectl's PrintFlags do, and the printers for whole objects:
// json, yaml, name, jsonpath (and jsonpath-as-json), custom-columns. The human-readable table
// printer lives in ./table.ts.

import type { Env } from '../env';
import { KubectlError } from '../errors';
import { parseCustomColumns, parseCustomColumnsTemplate, printCustomColumns } from './customcolumns';
import { goSharpV } from './gofmt';
import { goMarshalIndent, goMarshalIndentInOrder } from './gojson';
import { toGoYaml } from './goyaml';
import { JsonPath, JsonPathError } from './jsonpath';
import { tabulate } from '../tabwriter';

type Obj = Record<string, unknown>;

export const GET_OUTPUT_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'wide', 'yaml',
];

/** A printer of one object or one List (what kubectl's printGeneric hands it). */
export interface ObjectPrinter {
  print(obj: Obj): string;
}

export function noCompatiblePrinter(format: string, allowed: string[]): KubectlError {
  return new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(format)}, allowed formats are: ${[...allowed].sort().join(',')}`);
}

export interface PrintFlagValues {
  output: string;
  template?: string;
  noHeaders?: boolean;
  showManagedFields?: boolean;
  allowMissingTemplateKeys?: boolean;
  /** The object is a typed one (generated client-side): JSON keeps its field order. */
  keepKeyOrder?: boolean;
}

function isList(o: Obj): boolean {
  return Array.isArray(o.items);
}

/** OmitManagedFieldsPrinter: json and yaml hide metadata.managedFields unless asked. */
function omitManagedFields(o: Obj): Obj {
  const strip = (x: Obj): Obj => {
    const md = x.metadata as Obj | undefined;
    if (!md || md.managedFields === undefined) return x;
    const { managedFields: _drop, ...rest } = md;
    void _drop;
    return { ...x, metadata: rest };
  };
  if (isList(o)) return { ...o, items: (o.items as Obj[]).map(strip) };
  return strip(o);
}

function readFile(env: Env, path: string, what: string): string {
  const text = env.files.get(path);
  if (text === undefined) throw new KubectlError(`error reading ${what} ${path}, open ${path}: no such file or directory\n`);
  return text;
}

/** PrintFlags.ToPrinter for the generic (non-table) formats; undefined for table output. */
export function genericPrinter(env: Env, f: PrintFlagValues, allowed = GET_OUTPUT_FORMATS): ObjectPrinter | undefined {
  let format = f.output;
  const template = f.template ?? '';
  if (template && !format) format = 'go-template';
  if (format === '' || format === 'wide') return undefined;

  // JSONPath
  for (const jf of ['jsonpath', 'jsonpath-file', 'jsonpath-as-json']) {
    if (format === jf || format.startsWith(jf + '=')) {
      let value = template || (format.startsWith(jf + '=') ? format.slice(jf.length + 1) : '');
      if (!value) throw new KubectlError('template format specified but no template given');
      if (jf === 'jsonpath-file') value = readFile(env, value, '--template');
      const jp = new JsonPath('out');
      try {
        jp.parse(value);
      } catch (e) {
        throw new KubectlError(`error parsing jsonpath ${value}, ${(e as Error).message}\n`);
      }
      jp.allowMissingKeys = f.allowMissingTemplateKeys !== false;
      jp.outputJSON = jf === 'jsonpath-as-json';
      const raw = value;
      return {
        print(obj) {
          try {
            return jp.execute(obj);
          } catch (e) {
            if (!(e instanceof JsonPathError)) throw e;
            const debug = `Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${raw}\n\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
            throw new KubectlError(`error executing jsonpath ${JSON.stringify(raw)}: ${debug}\n`);
          }
        },
      };
    }
  }
  for (const gf of ['go-template', 'go-template-file', 'template', 'templatefile']) {
    if (format === gf || format.startsWith(gf + '=')) {
      throw new KubectlError(`-o ${gf} (Go templates) is not available in Clusterlab's kubectl yet; use -o jsonpath=... or -o custom-columns=...`);
    }
  }
  if (format === 'json' || format === 'yaml') {
    const show = f.showManagedFields === true;
    return {
      print(obj) {
        const o = show ? obj : omitManagedFields(obj);
        return format === 'json' ? (f.keepKeyOrder ? goMarshalIndentInOrder(o, '    ') : goMarshalIndent(o, '    ')) + '\n' : toGoYaml(o);
      },
    };
  }
  for (const cf of ['custom-columns', 'custom-columns-file']) {
    if (format === cf || format.startsWith(cf + '=')) {
      const value = template || (format.startsWith(cf + '=') ? format.slice(cf.length + 1) : '');
      if (!value) throw new KubectlError('custom-columns format specified but no custom columns given');
      const columns = cf === 'custom-columns-file' ? parseCustomColumnsTemplate(readFile(env, value, 'template')) : parseCustomColumns(value);
      return {
        print(obj) {
          const items = isList(obj) ? (obj.items as unknown[]) : [obj];
          return tabulate(printCustomColumns(columns, items, f.noHeaders === true));
        },
      };
    }
  }
  if (format === 'name') {
    return {
      print(obj) {
        const items = (isList(obj) ? (obj.items as Obj[]) : [obj]);
        return items.map((o) => nameOf(o)).join('');
      },
    };
  }
  throw noCompatiblePrinter(format, allowed);
}

/** NamePrinter: `kind.group/name`. */
export function nameOf(o: Obj, operation = ''): string {
  const kind = String(o.kind ?? '');
  const apiVersion = String(o.apiVersion ?? '');
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const name = String((o.metadata as Obj | undefined)?.name || '<unknown>');
  if (!kind) throw new KubectlError(`missing kind for resource with name ${name}`);
  const op = operation ? ` ${operation}` : '';
  return group ? `${kind.toLowerCase()}.${group}/${name}${op}\n` : `${kind.toLowerCase()}/${name}${op}\n`;
}
