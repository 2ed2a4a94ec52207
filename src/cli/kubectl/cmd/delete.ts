// `kubectl delete` (kubectl/pkg/cmd/delete): by TYPE NAME..., TYPE/NAME, -l, --all or -f, printing
// `kind.group "name" deleted` per object.
//
// Then, with --wait (the default), kubectl waits until every object is gone: for a pod, its
// graceful termination. Here virtual time runs while it waits (Env.waitFor), unless the clock is
// paused, when the line returns at once and the objects finish terminating once time moves.

import { isApiError } from '../../../sim/api/errors';
import type { ResourceInfo } from '../../../sim/api/registry';
import type { DeleteOptions } from '../../../sim/apiserver/apiserver';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import { parseDuration, type FlagDef } from '../flags';
import { readManifests } from '../manifests';
import { withSource } from './apply';
import { build } from '../resources';

const DELETE_FLAGS: FlagDef[] = [
  { name: 'all', type: 'bool', usage: 'Delete all resources, in the namespace of the specified resource types.' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'containing the resource to delete.' },
  { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
  { name: 'ignore-not-found', type: 'bool', usage: 'Treat "resource not found" as a successful delete.' },
  { name: 'interactive', shorthand: 'i', type: 'bool', usage: 'If true, delete resource only when user confirms.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process a kustomization directory.' },
  { name: 'now', type: 'bool', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  { name: 'raw', type: 'string', usage: 'Raw URI to DELETE to the server.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
  { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning.' },
];

export function deleteCommand(env: Env): Command {
  return {
    name: 'delete',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    suggestFor: ['rm'],
    use: '([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
    flags: DELETE_FLAGS,
    run: (ctx) => runDelete(env, ctx),
  };
}

interface Target {
  mapping: ResourceInfo;
  namespace: string;
  name: string;
  /** The file it came from (-f): errors name it. */
  source?: string;
}

function runDelete(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (f.string('raw') || f.string('kustomize') || f.bool('interactive')) throw new KubectlError('this form of "kubectl delete" is not available in Clusterlab\'s terminal yet');
  const output = f.string('output');
  if (output && output !== 'name') throw new KubectlError(`unexpected -o output mode: ${output}. We only support '-o name'`);
  const cascade = f.string('cascade');
  const propagation = ({ background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' } as const)[cascade as 'background'];
  if (!propagation) throw new KubectlError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  const dryRunFlag = f.string('dry-run');
  if (!['none', 'client', 'server', 'unchanged', ''].includes(dryRunFlag)) throw new KubectlError(`Invalid dry-run value (${dryRunFlag}). Must be "none", "server", or "client".`);
  const dryRun = dryRunFlag === 'unchanged' ? 'client' : dryRunFlag || 'none';
  let gracePeriod = f.int('grace-period');
  const force = f.bool('force');
  if (f.bool('now')) {
    if (gracePeriod !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    gracePeriod = 1;
  }
  if (force && gracePeriod < 0) gracePeriod = 0;
  if (gracePeriod === 0 && !force) gracePeriod = 1;
  if (force) env.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');

  const files = f.strings('filename');
  const all = f.bool('all');
  const selector = f.string('selector');
  const fieldSelector = f.string('field-selector');
  const ignoreNotFound = f.bool('ignore-not-found');
  const targets: Target[] = [];
  const errors: unknown[] = [];
  if (files.length) {
    if (ctx.args.length) throw new KubectlError('there is no need to specify a resource type as a separate argument when passing arguments in resource/name form');
    for (const m of readManifests(env, files, cfg.namespace, f.isChanged('namespace'))) {
      targets.push({ mapping: m.mapping, namespace: m.namespace, name: m.name, source: m.source });
    }
  } else {
    const names = ctx.args.slice(1);
    const bySelector = all || selector !== '' || fieldSelector !== '';
    if (all && (selector || fieldSelector)) throw new KubectlError('cannot set --all and --selector/--field-selector at the same time');
    if (ctx.args.length === 1 && !ctx.args[0].includes('/') && !bySelector) {
      throw new KubectlError('resource(s) were provided, but no name was specified');
    }
    if (bySelector && names.length) throw new KubectlError('name cannot be provided when a selector is specified');
    const result = build(env, {
      namespace: cfg.namespace,
      allNamespaces: f.bool('all-namespaces'),
      labelSelector: bySelector ? selector : undefined,
      fieldSelector: fieldSelector || undefined,
      args: ctx.args,
    });
    for (const w of result.warnings) env.err(`Warning: ${w}\n`);
    for (const info of result.infos) {
      const objs = info.object ? [info.object] : info.list?.items ?? [];
      for (const o of objs) targets.push({ mapping: info.mapping, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' });
    }
    for (const e of result.errors) if (!(ignoreNotFound && isApiError(e, 'NotFound'))) errors.push(e);
    if (bySelector && targets.length === 0 && errors.length === 0 && !ignoreNotFound) env.out('No resources found\n');
  }

  const opts: DeleteOptions = { propagationPolicy: propagation };
  if (gracePeriod >= 0) opts.gracePeriodSeconds = gracePeriod;
  const operation = (gracePeriod === 0 ? 'force deleted' : 'deleted') + (dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '');
  const deleted: { target: Target; uid: string | undefined }[] = [];
  for (const t of targets) {
    const kind = t.mapping.group ? `${t.mapping.kind.toLowerCase()}.${t.mapping.group}` : t.mapping.kind.toLowerCase();
    if (dryRun !== 'client') {
      try {
        const namespace = t.mapping.namespaced ? t.namespace : undefined;
        const uid = env.api.tryGet(t.mapping, namespace, t.name)?.metadata.uid;
        env.api.delete(t.mapping, namespace, t.name, opts, { dryRun: dryRun === 'server', actor: 'kubectl' });
        if (dryRun === 'none') deleted.push({ target: t, uid });
      } catch (e) {
        if (!(ignoreNotFound && isApiError(e, 'NotFound'))) errors.push(t.source ? withSource('deleting', t.source, e) : e);
        continue;
      }
      env.settle();
    }
    env.out(output === 'name' ? `${kind}/${t.name}\n` : `${kind} ${JSON.stringify(t.name)} ${operation}\n`);
  }
  if (f.bool('wait') && gracePeriod !== 0 && deleted.length > 0) {
    const gone = ({ target: t, uid }: (typeof deleted)[number]) => env.api.tryGet(t.mapping, t.mapping.namespaced ? t.namespace : undefined, t.name)?.metadata.uid !== uid;
    if (!env.waitFor(() => deleted.every(gone), parseDuration(f.string('timeout'))) && !env.cluster.clock.paused) {
      for (const d of deleted.filter((x) => !gone(x))) errors.push(new KubectlError(`timed out waiting for the condition on ${d.target.mapping.resource}/${d.target.name}`));
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
