// What `run`, `expose` and `autoscale` share: creating an object kubectl generated client-side
// (or only printing it with --dry-run=client), and printing the result as kubectl does:
// `-o yaml|json|name|jsonpath...` or `kind/name <verb>[ (dry run)| (server dry run)]`.

import { resourceForKind, type ResourceInfo } from '../../../sim/api/registry';
import type { KubeObject } from '../../../sim/api/types';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import type { FlagDef, ParsedFlags } from '../flags';
import { genericPrinter, nameOf, type ObjectPrinter } from '../printers';

type Obj = Record<string, unknown>;
export type DryRun = 'none' | 'client' | 'server';

export const GENERATED_OUTPUT_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

/** The print and dry-run flags every generator command has. */
export const GENERATOR_FLAGS: FlagDef[] = [
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
];

/** cmdutil.GetDryRunStrategy (bare --dry-run warns through klog, as create does). */
export function dryRunStrategy(env: Env, v: string): DryRun {
  switch (v) {
    case '':
    case 'none':
      return 'none';
    case 'client':
    case 'server':
      return v;
    case 'unchanged':
      env.err('W0000 00:00:00.000000       1 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n');
      return 'client';
    default:
      throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

/** The -o printer (undefined: print `kind/name verb`). */
export function generatedPrinter(env: Env, f: ParsedFlags): ObjectPrinter | undefined {
  const output = f.string('output');
  const p = genericPrinter(
    env,
    { output, template: f.string('template'), showManagedFields: f.bool('show-managed-fields'), allowMissingTemplateKeys: f.bool('allow-missing-template-keys'), keepKeyOrder: true },
    GENERATED_OUTPUT_FORMATS,
  );
  return output === 'name' ? undefined : p;
}

/** Print one result: `-o` format, `-o name`, or `kind/name verb (dry run)`. */
export function printResult(env: Env, f: ParsedFlags, printer: ObjectPrinter | undefined, obj: Obj, verb: string, dryRun: DryRun): void {
  if (printer) env.out(printer.print(obj));
  else if (f.string('output') === 'name') env.out(nameOf(obj));
  else env.out(nameOf(obj, `${verb}${dryRunSuffix(dryRun)}`));
}

/** Create the generated object on the server (or not, with --dry-run=client); returns what to print. */
export function createGenerated(env: Env, obj: Obj, namespace: string, enforceNamespace: boolean, dryRun: DryRun, fieldManager: string): Obj {
  const info = resourceForKind(String(obj.apiVersion), String(obj.kind)) as ResourceInfo;
  if (dryRun === 'client') {
    if (enforceNamespace && info.namespaced) (obj.metadata as Obj).namespace = namespace;
    return obj;
  }
  const created = env.api.create(info, obj as unknown as KubeObject, {
    namespace: info.namespaced ? namespace : undefined,
    dryRun: dryRun === 'server',
    decode: true,
    fieldManager,
    actor: 'kubectl',
  });
  env.settle();
  return created as unknown as Obj;
}
