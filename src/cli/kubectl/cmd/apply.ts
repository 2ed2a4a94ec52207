// `kubectl apply -f` (client-side apply, kubectl/pkg/cmd/apply): each object from the files is
// created with the kubectl.kubernetes.io/last-applied-configuration annotation, or patched with
// the three-way strategic merge patch between that annotation, the new config and the live object
// (`configured`), or left alone when the patch is empty (`unchanged`).

import { ApiError, isApiError } from '../../../sim/api/errors';
import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { readManifests } from '../manifests';
import { nameOf } from '../printers';
import { goMarshal } from '../printers/gojson';
import { threeWayMergePatch } from '../threeway';

type Obj = Record<string, unknown>;

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const FIELD_MANAGER = 'kubectl-client-side-apply';

const APPLY_FLAGS: FlagDef[] = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'The files that contain the configurations to apply.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process a kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
  { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
  { name: 'field-manager', type: 'string', default: FIELD_MANAGER, usage: 'Name of the manager used to track field ownership.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  { name: 'prune', type: 'bool', usage: 'Automatically delete resource objects that do not appear in the configs.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'overwrite', type: 'bool', default: true, usage: 'Automatically resolve conflicts between the modified and live configuration.' },
  { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to resources to terminate gracefully.' },
  { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
  { name: 'record', type: 'bool', usage: 'Record current kubectl command in the resource annotation.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
];

export function applyCommand(env: Env): Command {
  return {
    name: 'apply',
    short: 'Apply a configuration to a resource by file name or stdin',
    use: '(-f FILENAME | -k DIRECTORY)',
    flags: APPLY_FLAGS,
    run: (ctx) => runApply(env, ctx),
  };
}

/** GetModifiedConfiguration: the object with the annotation holding its own JSON (json.Encoder adds "\n"). */
function annotated(obj: Obj): Obj {
  const metadata = { ...((obj.metadata ?? {}) as Obj) };
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[LAST_APPLIED];
  const bare: Obj = { ...obj, metadata: { ...metadata } };
  // kubectl keeps an emptied annotations map: `"annotations":{}` is part of the saved config.
  (bare.metadata as Obj).annotations = annotations;
  const json = goMarshal(bare) + '\n';
  return { ...obj, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: json } } };
}

/** cmdutil.AddSourceToErr. */
export function withSource(verb: string, source: string, e: unknown): unknown {
  if (e instanceof ApiError) return new ApiError({ ...e.status, message: `error when ${verb} ${JSON.stringify(source)}: ${e.status.message}` });
  if (e instanceof Error) return new KubectlError(`error when ${verb} ${JSON.stringify(source)}: ${e.message}`);
  return e;
}

function runApply(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (f.bool('server-side')) throw new KubectlError('apply --server-side is not available in Clusterlab\'s terminal yet');
  if (f.bool('prune')) throw new KubectlError('apply --prune is not available in Clusterlab\'s terminal yet');
  if (f.string('kustomize')) throw new KubectlError('apply -k is not available in Clusterlab\'s terminal yet');
  const dryRunFlag = f.string('dry-run');
  if (!['none', 'client', 'server', 'unchanged', ''].includes(dryRunFlag)) throw new KubectlError(`Invalid dry-run value (${dryRunFlag}). Must be "none", "server", or "client".`);
  const dryRun = dryRunFlag === 'unchanged' ? 'client' : dryRunFlag || 'none';
  const output = f.string('output');
  if (output && output !== 'name') throw new KubectlError(`apply -o ${output} is not available in Clusterlab's terminal yet`);
  const files = f.strings('filename');
  if (files.length === 0) throw new KubectlError('must specify one of -f and -k');
  if (ctx.args.length > 0) throw new UsageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
  const objects = readManifests(env, files, cfg.namespace, f.isChanged('namespace'));
  if (objects.length === 0) throw new KubectlError('no objects passed to apply');
  const manager = f.string('field-manager');
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const print = (o: Obj, op: string) => env.out(output === 'name' ? nameOf(o) : nameOf(o, `${op}${suffix}`));
  const errors: unknown[] = [];
  for (const m of objects) {
    const ns = m.mapping.namespaced ? m.namespace : undefined;
    const modified = annotated(m.object);
    const live = env.api.tryGet(m.mapping, ns, m.name);
    if (!live) {
      if (dryRun === 'client') {
        print(modified, 'created');
        continue;
      }
      try {
        const created = env.api.create(m.mapping, modified as unknown as KubeObject, { namespace: ns, dryRun: dryRun === 'server', decode: true, fieldValidation: 'Strict', fieldManager: manager, actor: 'kubectl' });
        env.settle();
        print(created as unknown as Obj, 'created');
      } catch (e) {
        errors.push(withSource('creating', m.source, e));
      }
      continue;
    }
    const current = live as unknown as Obj;
    // With --dry-run=client kubectl computes no patch for existing objects: always "configured".
    if (dryRun === 'client') {
      print(current, 'configured');
      continue;
    }
    const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
    if (lastApplied === undefined) {
      env.err(
        `Warning: resource ${m.mapping.resource}/${m.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    let original: Obj | undefined;
    try {
      original = lastApplied ? (JSON.parse(lastApplied) as Obj) : undefined;
    } catch {
      original = undefined;
    }
    const patch = threeWayMergePatch(original, modified, current, m.mapping.kind);
    if (Object.keys(patch).length === 0) {
      print(current, 'unchanged');
      continue;
    }
    try {
      const patched = env.api.patch(m.mapping, ns, m.name, 'strategic', patch, { dryRun: dryRun === 'server', decode: true, fieldValidation: 'Strict', fieldManager: manager, actor: 'kubectl' });
      env.settle();
      print(patched as unknown as Obj, 'configured');
    } catch (e) {
      if (isApiError(e, 'NotFound')) errors.push(withSource('patching', m.source, e));
      else errors.push(withSource('applying patch', m.source, e));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
