// `kubectl get` (kubectl/pkg/cmd/get/get.go): fetch through the resource builder, then either the
// human-readable tables (the API server's printers, laid out client-side) or one object / a List
// through a generic printer. Request errors are printed after whatever could be printed.

import type { ResourceInfo } from '../../../sim/api/registry';
import type { KubeObject } from '../../../sim/api/types';
import { apiVersionOf } from '../../../sim/api/registry';
import { orderForTable, tableFor } from '../../../sim/printers';
import { parseQuantity } from '../../../sim/api/quantity';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { goSortArray } from '../gosort';
import { genericPrinter } from '../printers';
import { JsonPath, relaxedJsonPathExpression } from '../printers/jsonpath';
import { printTable, type Table } from '../printers/table';
import { build, type Info } from '../resources';
import { KUBECTL_TABWRITER, TabWriter } from '../tabwriter';

type Obj = Record<string, unknown>;

export const PRINT_FLAGS: FlagDef[] = [
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
];

export const GET_FLAGS: FlagDef[] = [
  ...PRINT_FLAGS,
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
  { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='." },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
  { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
  { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers." },
  { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used.' },
  { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='." },
  { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output.' },
  { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
  { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
  { name: 'sort-by', type: 'string', usage: 'If non-empty, sort list types using this field specification.' },
  { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object.' },
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
  { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
];

export function getCommand(env: Env): Command {
  return {
    name: 'get',
    short: 'Display one or many resources',
    suggestFor: ['list', 'ps'],
    use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
    flags: GET_FLAGS,
    run: (ctx) => runGet(env, ctx),
  };
}

function runGet(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const sortBy = f.string('sort-by');
  const output = f.string('output');
  const watch = f.bool('watch') || f.bool('watch-only');
  if (f.string('raw')) throw new KubectlError('--raw is not available in Clusterlab');
  if (watch) throw new KubectlError('get --watch is not available in this kubectl yet');
  if (f.strings('filename').length || f.string('kustomize')) throw new KubectlError('get -f/-k is not available in this kubectl yet');
  if (ctx.args.length === 0) {
    env.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw new UsageError(ctx.path, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
  }
  // Validate
  if (f.bool('show-labels') && output !== '' && output !== 'wide') throw new KubectlError(`--show-labels option cannot be used with ${output} printer`);
  if (f.bool('output-watch-events')) throw new UsageError(ctx.path, '--output-watch-events option can only be used with --watch or --watch-only');

  const humanReadable = (output === '' && !f.string('template')) || output === 'wide';
  const result = build(env, {
    namespace: cfg.namespace,
    allNamespaces: f.bool('all-namespaces'),
    labelSelector: f.string('selector'),
    fieldSelector: f.string('field-selector'),
    args: ctx.args,
  });
  for (const w of result.warnings) env.err(`Warning: ${w}\n`);
  const ignoreNotFound = f.bool('ignore-not-found');
  const errors = ignoreNotFound ? result.errors.filter((e) => !isNotFound(e)) : result.errors;

  if (!humanReadable) {
    printGeneric(env, ctx, result.infos, errors, result.singleItemImplied, sortBy);
    return;
  }

  const tw = new TabWriter(KUBECTL_TABWRITER);
  const infos = result.infos;
  const kinds = new Set(infos.map((i) => `${i.mapping.group}/${i.mapping.kind}`));
  const withKind = f.bool('show-kind') || (infos.length >= 2 && kinds.size > 1);
  let tables: (Table | undefined)[] = infos.map((info) => tableOf(env, info));
  if (sortBy && infos.length > 1) {
    // RuntimeSorter: with several results, kubectl sorts the Table objects themselves (still
    // undecoded) by the field, which a Table rarely has: usually an error.
    const order = sortTableObjects(infos, tables as Table[], sortBy);
    infos.splice(0, infos.length, ...order.map((i) => infos[i]));
    tables = order.map((i) => tables[i]);
  }
  if (sortBy) {
    // The SortingPrinter sorts each table of more than one row; get ignores printer errors, so a
    // table that cannot be sorted is simply not printed.
    const field = relaxedOrRaw(sortBy);
    tables.forEach((t, i) => {
      if (!t || t.rows.length <= 1) return;
      try {
        sortTable(t, field);
      } catch {
        tables[i] = undefined;
      }
    });
  }
  let written = 0;
  let pendingSeparator = false;
  let last: ResourceInfo | undefined;
  let printer: { printedHeaders: boolean } | undefined;
  const write = (text: string) => {
    if (text.length === 0) return;
    if (pendingSeparator) {
      env.out('\n');
      pendingSeparator = false;
    }
    written += text.length;
    env.out(text);
  };
  let allNamespaced = !f.bool('all-namespaces');
  infos.forEach((info, i) => {
    allNamespaced = allNamespaced && info.mapping.namespaced;
    if (!printer || !last || last.resource !== info.mapping.resource || last.group !== info.mapping.group) {
      write(tw.flush());
      tw.resetRememberedWidths();
      if (last && !f.bool('no-headers') && written > 0) pendingSeparator = true;
      printer = { printedHeaders: false };
      last = info.mapping;
    }
    const table = tables[i];
    if (!table) return;
    const noHeaders = f.bool('no-headers') || printer.printedHeaders;
    if (table.rows.length > 0) printer.printedHeaders = true;
    tw.write(
      printTable(table, {
        noHeaders,
        wide: output === 'wide',
        withNamespace: f.bool('all-namespaces') && info.mapping.namespaced,
        kind: withKind ? `${info.mapping.kind.toLowerCase()}${info.mapping.group ? '.' + info.mapping.group : ''}` : undefined,
        showLabels: f.bool('show-labels'),
        columnLabels: f.strings('label-columns'),
      }),
    );
  });
  write(tw.flush());
  if (written === 0 && !ignoreNotFound && errors.length === 0) {
    env.err(allNamespaced ? `No resources found in ${cfg.namespace} namespace.\n` : 'No resources found\n');
  }
  if (errors.length) throw new AggregateError(errors);
}

function isNotFound(e: unknown): boolean {
  return (e as { reason?: string })?.reason === 'NotFound';
}

/** The Table the server would answer for this info (a list, or one object). */
function tableOf(env: Env, info: Info): Table {
  const objects = info.list ? orderForTable(info.mapping, info.list.items) : [info.object!];
  const t = tableFor(info.mapping, objects, { now: env.now() });
  return { columnDefinitions: t.columnDefinitions, rows: t.rows, objects };
}

function relaxedOrRaw(sortBy: string): string {
  try {
    return relaxedJsonPathExpression(sortBy);
  } catch {
    return sortBy;
  }
}

/** TableSorter: rows by the first value of a jsonpath on their objects, with sort.Sort. */
function sortTable(t: Table, field: string): void {
  const parser = new JsonPath('sorting');
  parser.allowMissingKeys = true;
  try {
    parser.parse(field);
  } catch (e) {
    throw new KubectlError(`sorting error: ${(e as Error).message}`);
  }
  const parsed = t.objects.map((o) => parser.findResults(o));
  if (t.rows.length > 0 && !parsed.some((p) => p.length > 0 && p[0].length > 0)) {
    throw new KubectlError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  const idx = t.rows.map((_, i) => i);
  goSortArray(idx, (a, b) => valuesLess(parsed[a], parsed[b], field));
  t.rows = idx.map((i) => t.rows[i]);
  t.objects = idx.map((i) => t.objects[i]);
}

function valuesLess(iv: unknown[][], jv: unknown[][], field: string): boolean {
  if (iv.length === 0 || iv[0].length === 0) return true;
  if (jv.length === 0 || jv[0].length === 0) return false;
  return isLess(iv[0][0], jv[0][0], field);
}

/** sorter.go isLess for values of decoded JSON. */
function isLess(i: unknown, j: unknown, field: string): boolean {
  if (i === null && j === null) return false;
  if (i === null) return true;
  if (j === null) return false;
  if (typeof i === 'number' && typeof j === 'number' && Number.isInteger(i) === Number.isInteger(j)) return i < j;
  if (typeof i === 'string' && typeof j === 'string') {
    const qi = parseQuantity(i);
    const qj = parseQuantity(j);
    if (qi !== undefined && qj !== undefined) return qi < qj;
    // kubectl 1.32 compares plain strings bytewise (measured: `a10` sorts before `a9`).
    return i < j;
  }
  throw new KubectlError(`Field ${field} is an unsortable type: interface, err: unsortable interface: interface`);
}

/** printGeneric: one object as itself, anything else as a List. */
function printGeneric(env: Env, ctx: RunContext, infos: Info[], errors: unknown[], singleItemImplied: boolean, sortBy: string): void {
  const f = ctx.flags;
  if (singleItemImplied && errors.length > 0) throw new AggregateError(errors);
  const items: Obj[] = [];
  for (const info of infos) {
    if (info.list) for (const o of info.list.items) items.push(withTypeMeta(o, info.mapping));
    else if (info.object) items.push(withTypeMeta(info.object, info.mapping));
  }
  if (items.length === 0 && f.bool('ignore-not-found')) {
    if (errors.length) throw new AggregateError(errors);
    return;
  }
  const printer = genericPrinter(env, {
    output: f.string('output'),
    template: f.string('template'),
    noHeaders: f.bool('no-headers'),
    showManagedFields: f.bool('show-managed-fields'),
    allowMissingTemplateKeys: f.bool('allow-missing-template-keys'),
  })!;
  let obj: Obj;
  if (singleItemImplied && items.length === 1) {
    obj = items[0];
  } else {
    if (sortBy && items.length > 0) sortObjects(items, sortBy);
    obj = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  }
  try {
    env.out(printer.print(obj));
  } catch (e) {
    errors = [...errors, e];
  }
  if (errors.length) throw new AggregateError(errors);
}

/** The Table as the server sends it (what RuntimeSorter sees before kubectl decodes it). */
function tableObject(info: Info, t: Table): Obj {
  const rv = info.list ? info.list.metadata.resourceVersion : info.object?.metadata.resourceVersion;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv },
    columnDefinitions: t.columnDefinitions,
    rows: t.rows.map((r, i) => ({ ...r, object: t.objects[i] })),
  };
}

/** SortObjects over the Tables of several infos: the new order of infos (indexes). */
function sortTableObjects(infos: Info[], tables: Table[], sortBy: string): number[] {
  const objs = infos.map((info, i) => tableObject(info, tables[i]));
  const idx = objs.map((_, i) => i);
  const sortedObjs = [...objs];
  sortObjects(sortedObjs, sortBy);
  return sortedObjs.map((o) => idx[objs.indexOf(o)]);
}

/** SortObjects (SortingPrinter on a List). */
function sortObjects(items: Obj[], sortBy: string): void {
  let field: string;
  try {
    field = relaxedJsonPathExpression(sortBy);
  } catch (e) {
    throw new KubectlError((e as Error).message);
  }
  const parser = new JsonPath('sorting');
  parser.allowMissingKeys = true;
  parser.parse(field);
  const parsed = new Map(items.map((o) => [o, parser.findResults(o)]));
  if (![...parsed.values()].some((p) => p.length > 0 && p[0].length > 0)) {
    throw new KubectlError(`couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
  }
  goSortArray(items, (a, b) => valuesLess(parsed.get(a)!, parsed.get(b)!, field));
}

/** List items carry apiVersion and kind in kubectl's output even when the API list leaves them out. */
function withTypeMeta(o: KubeObject, mapping: ResourceInfo): Obj {
  if (o.apiVersion && o.kind) return o as unknown as Obj;
  return { ...(o as unknown as Obj), apiVersion: apiVersionOf(mapping), kind: mapping.kind };
}
