// `kubectl edit TYPE/NAME` (kubectl/pkg/cmd/edit): kubectl writes the object (YAML, or JSON with
// -o json; a List for several) to a temporary file under its instructions and opens $EDITOR.
// In the app the editor is the manifest editor: the engine prints nothing, as kubectl does while
// the editor is open, and hands the text it would have opened back on the result (`edit`); the
// terminal loads it into the manifest editor, whose Apply sends the change.

import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { goMarshalIndent } from '../printers/gojson';
import { toGoYaml } from '../printers/goyaml';
import { build } from '../resources';

type Obj = Record<string, unknown>;

/** What the engine hands the app's editor for `kubectl edit`. */
export interface EditRequest {
  /** The text kubectl would open in $EDITOR, header comment included. */
  text: string;
  format: 'yaml' | 'json';
  /** `deployment.apps/web`, one per object edited. */
  objects: string[];
}

const FLAGS: FlagDef[] = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files to use to edit the resource' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'output-patch', type: 'bool', usage: 'Output the patch if the resource is edited.' },
  { name: 'windows-line-endings', type: 'bool', usage: 'Defaults to the line ending native to your platform.' },
  { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  { name: 'field-manager', type: 'string', default: 'kubectl-edit', usage: 'Name of the manager used to track field ownership.' },
  { name: 'subresource', type: 'string', usage: 'If specified, edit will operate on the subresource of the requested object.' },
];

/** The instructions kubectl writes at the top of the file it opens. */
export const EDIT_HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n#\n';

export function editCommand(env: Env): Command {
  return {
    name: 'edit',
    short: 'Edit a resource on the server',
    use: '(RESOURCE/NAME | -f FILENAME)',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runEdit(env, ctx),
  };
}

function stripManagedFields(o: Obj): Obj {
  const md = { ...((o.metadata ?? {}) as Obj) };
  delete md.managedFields;
  return { ...o, metadata: md };
}

function runEdit(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const output = f.string('output') || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new KubectlError(`the edit mode ${JSON.stringify(output)} is not supported`);
  if (f.strings('filename').length || f.string('kustomize') || f.string('subresource')) throw new KubectlError('this form of "kubectl edit" is not available in Clusterlab\'s terminal yet');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, args: ctx.args });
  if (result.errors.length) throw result.errors.length === 1 ? result.errors[0] : new AggregateError(result.errors);
  const objects = result.infos.flatMap((i) => (i.object ? [i.object] : i.list?.items ?? [])).map((o) => o as unknown as Obj);
  if (objects.length === 0) throw new KubectlError('edit cancelled, no objects found');
  const shown = objects.map((o) => (f.bool('show-managed-fields') ? o : stripManagedFields(o)));
  const doc: Obj = shown.length === 1 ? shown[0] : { apiVersion: 'v1', kind: 'List', items: shown, metadata: { resourceVersion: '' } };
  const body = output === 'json' ? goMarshalIndent(doc as never, '    ') + '\n' : toGoYaml(doc as never);
  const names = objects.map((o) => {
    const apiVersion = String(o.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    return `${String(o.kind).toLowerCase()}${group ? `.${group}` : ''}/${(o.metadata as Obj).name}`;
  });
  env.edit = { text: EDIT_HEADER + body, format: output, objects: names };
}
