// `kubectl replace -f FILE` (kubectl/pkg/cmd/replace): PUT each object from the files as is,
// `configmap/x replaced`; with --force delete it first (`configmap "x" deleted`) and create it.
// Like this engine's delete, --force does not wait for a graceful deletion to finish.

import { isApiError } from '../../../sim/api/errors';
import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { readManifests } from '../manifests';
import { genericPrinter, nameOf } from '../printers';
import { withSource } from './apply';
import { dryRunStrategy, dryRunSuffix } from './generated';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The files that contain the configurations to replace.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process a kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
  { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  { name: 'field-manager', type: 'string', default: 'kubectl-replace', usage: 'Name of the manager used to track field ownership.' },
  { name: 'subresource', type: 'string', usage: 'If specified, replace will operate on the subresource of the requested object.' },
  { name: 'raw', type: 'string', usage: 'Raw URI to PUT to the server.' },
  { name: 'record', type: 'bool', usage: 'Record current kubectl command in the resource annotation.' },
];

export function replaceCommand(env: Env): Command {
  return {
    name: 'replace',
    short: 'Replace a resource by file name or stdin',
    suggestFor: ['update'],
    use: '-f FILENAME',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runReplace(env, ctx),
  };
}

function runReplace(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const files = f.strings('filename');
  if (files.length === 0 && !f.string('kustomize')) throw new KubectlError('must specify one of -f and -k');
  if (f.string('kustomize') || f.string('raw') || f.string('subresource')) throw new KubectlError('this form of "kubectl replace" is not available in Clusterlab\'s terminal yet');
  if (f.bool('force') && dryRun !== 'none') throw new KubectlError('--dry-run can not be used when --force is set');
  const output = f.string('output');
  const printer = output && output !== 'name' ? genericPrinter(env, { output, template: f.string('template'), showManagedFields: f.bool('show-managed-fields'), allowMissingTemplateKeys: f.bool('allow-missing-template-keys') }) : undefined;
  const print = (o: Obj) => env.out(printer ? printer.print(o) : output === 'name' ? nameOf(o) : nameOf(o, `replaced${dryRunSuffix(dryRun)}`));
  const objects = readManifests(env, files, cfg.namespace, f.isChanged('namespace'));
  const errors: unknown[] = [];
  const manager = f.string('field-manager');
  for (const m of objects) {
    const ns = m.mapping.namespaced ? m.namespace : undefined;
    if (f.bool('force')) {
      // forceReplace: delete (a missing object is fine), then create.
      try {
        const grace = f.int('grace-period');
        env.api.delete(m.mapping, ns, m.name, grace >= 0 ? { gracePeriodSeconds: grace } : {}, { actor: 'kubectl' });
        env.settle();
        env.out(`${m.mapping.kind.toLowerCase()}${m.mapping.group ? `.${m.mapping.group}` : ''} ${JSON.stringify(m.name)} deleted\n`);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) {
          errors.push(e);
          continue;
        }
      }
      try {
        const created = env.api.create(m.mapping, m.object as unknown as KubeObject, { namespace: ns, decode: true, fieldValidation: 'Strict', fieldManager: manager, actor: 'kubectl' });
        env.settle();
        print(created as unknown as Obj);
      } catch (e) {
        errors.push(withSource('creating', m.source, e));
      }
      continue;
    }
    if (dryRun === 'client') {
      print(m.object);
      continue;
    }
    try {
      const replaced = env.api.update(m.mapping, m.object as unknown as KubeObject, { namespace: ns, dryRun: dryRun === 'server', decode: true, fieldValidation: 'Strict', fieldManager: manager, actor: 'kubectl' });
      env.settle();
      print(replaced as unknown as Obj);
    } catch (e) {
      errors.push(withSource('replacing', m.source, e));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
