// `kubectl patch (TYPE NAME | TYPE/NAME) -p PATCH [--type strategic|merge|json]`
// (kubectl/pkg/cmd/patch): the patch (YAML or JSON) is sent as is; `deployment.apps/web patched`,
// or `patched (no change)` when the server returned the object unchanged. --dry-run=client
// patches locally; kubectl prints no dry-run suffix for patch.

import { parse as parseYaml } from 'yaml';
import { ApiError } from '../../../sim/api/errors';
import { applyJsonPatch, applyMergePatch, type PatchType } from '../../../sim/api/patch';
import { applyStrategicMergePatch } from '../../../sim/api/patch';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { genericPrinter, nameOf } from '../printers';
import { build } from '../resources';
import { dryRunStrategy } from './generated';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  { name: 'patch', shorthand: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
  { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
  { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'local', type: 'bool', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to update' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-patch', usage: 'Name of the manager used to track field ownership.' },
  { name: 'subresource', type: 'string', usage: 'If specified, patch will operate on the subresource of the requested object.' },
  { name: 'record', type: 'bool', usage: 'Record current kubectl command in the resource annotation.' },
];

const PATCH_TYPES = ['json', 'merge', 'strategic'];

export function patchCommand(env: Env): Command {
  return {
    name: 'patch',
    short: 'Update fields of a resource',
    use: '(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runPatch(env, ctx),
  };
}

/** reflect.DeepEqual of two decoded JSON values. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as Obj).filter((k) => (a as Obj)[k] !== undefined);
  const kb = Object.keys(b as Obj).filter((k) => (b as Obj)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Obj)[k], (b as Obj)[k]));
}

/** client-go fills in a message when a 422 Status has none. */
function withDefaultMessage(e: unknown): unknown {
  // Over HTTP an empty `details` is dropped, as the API server's encoder omits it.
  if (e instanceof ApiError && e.status.details && Object.keys(e.status.details).length === 0) {
    const { details: _omit, ...rest } = e.status;
    void _omit;
    e = new ApiError(rest);
  }
  if (e instanceof ApiError && !(e as ApiError).status.message && (e as ApiError).status.code === 422) return new ApiError({ ...e.status, message: 'the server rejected our request due to an error in our request' });
  return e;
}

function runPatch(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  let patchText = f.string('patch');
  if (f.string('patch-file')) {
    if (patchText) throw new KubectlError('cannot specify --patch and --patch-file together');
    const text = env.files.get(f.string('patch-file'));
    if (text === undefined) throw new KubectlError(`unable to read patch file: open ${f.string('patch-file')}: no such file or directory`);
    patchText = text;
  }
  if (!patchText) throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
  const type = f.string('type').toLowerCase();
  if (!PATCH_TYPES.includes(type)) throw new KubectlError(`--type must be one of [json merge strategic], not ${JSON.stringify(f.string('type'))}`);
  if (f.bool('local') || f.strings('filename').length || f.string('subresource')) throw new KubectlError('this form of "kubectl patch" is not available in Clusterlab\'s terminal yet');
  // yaml.ToJSON: the flag may be YAML; a plain word becomes a JSON string the server rejects.
  let patch: unknown;
  try {
    patch = parseYaml(patchText, { version: '1.1' });
  } catch (e) {
    throw new KubectlError(`unable to parse ${JSON.stringify(patchText)}: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  const output = f.string('output');
  const printer = output && output !== 'name' ? genericPrinter(env, { output, template: f.string('template'), showManagedFields: f.bool('show-managed-fields'), allowMissingTemplateKeys: f.bool('allow-missing-template-keys') }) : undefined;
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, args: ctx.args });
  const errors: unknown[] = [...result.errors];
  let count = 0;
  for (const info of result.infos) {
    for (const live of info.object ? [info.object] : info.list?.items ?? []) {
      count++;
      const before = live as unknown as Obj;
      let after: Obj;
      try {
        if (dryRun === 'client') {
          if (type === 'merge') after = applyMergePatch(before, patch) as Obj;
          else if (type === 'json') after = applyJsonPatch(before, patch) as Obj;
          else after = applyStrategicMergePatch(before, patch, info.mapping.kind) as Obj;
        } else {
          after = env.api.patch(info.mapping, live.metadata.namespace, live.metadata.name!, type as PatchType, patch, {
            dryRun: dryRun === 'server',
            decode: true,
            fieldManager: f.string('field-manager'),
            actor: 'kubectl',
          }) as unknown as Obj;
          env.settle();
        }
      } catch (e) {
        errors.push(withDefaultMessage(e));
        continue;
      }
      const changed = dryRun === 'client' || !jsonEqual(before, after);
      if (printer) env.out(printer.print(after));
      else if (output === 'name') env.out(nameOf(after));
      else env.out(nameOf(after, changed ? 'patched' : 'patched (no change)'));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
  if (count === 0) throw new KubectlError('no objects passed to patch');
}
