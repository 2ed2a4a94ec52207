// `kubectl scale` (kubectl/pkg/cmd/scale): set spec.replicas through the scale subresource with a
// merge patch, `deployment.apps/web scaled`.

import { ApiError } from '../../../sim/api/errors';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';
import { dryRunOf } from './cordon';

const FLAGS: FlagDef[] = [
  { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to set a new size' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
  { name: 'resource-version', type: 'string', usage: 'Precondition for resource version.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a scale operation.' },
];

const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);

export function scaleCommand(env: Env): Command {
  return {
    name: 'scale',
    short: 'Set a new size for a deployment, replica set, or replication controller',
    suggestFor: ['resize'],
    use: '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    flags: FLAGS,
    run: (ctx) => runScale(env, ctx),
  };
}

function runScale(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (!f.isChanged('replicas')) throw new KubectlError('required flag(s) "replicas" not set');
  const replicas = f.int('replicas');
  if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (f.strings('filename').length) throw new KubectlError('scale -f is not available in Clusterlab\'s terminal yet');
  const dryRun = dryRunOf(f.string('dry-run'));
  const output = f.string('output');
  const selector = f.string('selector');
  const all = f.bool('all');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, labelSelector: selector || all ? selector : undefined, args: ctx.args });
  const targets = result.infos.flatMap((i) => (i.object ? [i.object] : i.list?.items ?? []).map((o) => ({ info: i.mapping, o })));
  // The builder's error is wrapped: "no objects passed to scale %w".
  if (result.errors.length) throw new KubectlError(`no objects passed to scale ${(result.errors[0] as Error).message}`);
  if (targets.length === 0) throw new KubectlError('no objects passed to scale');
  const current = f.int('current-replicas');
  const errors: unknown[] = [];
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const { info, o } of targets) {
    const kind = info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
    if (!SCALABLE.has(info.resource)) {
      // kubectl asks for the scale subresource anyway: the server has none for this kind.
      errors.push(new ApiError({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' }));
      continue;
    }
    if (current >= 0) {
      const have = (o as unknown as { spec?: { replicas?: number } }).spec?.replicas ?? 1;
      if (have !== current) {
        errors.push(new KubectlError(`Expected replicas to be ${current}, was ${have}`));
        continue;
      }
    }
    if (dryRun !== 'client') {
      try {
        env.api.patchScale(info, o.metadata.namespace ?? '', o.metadata.name!, 'merge', { spec: { replicas } }, { dryRun: dryRun === 'server', decode: true, actor: 'kubectl' });
      } catch (e) {
        errors.push(e);
        continue;
      }
      env.settle();
    }
    env.out(output === 'name' ? `${kind}/${o.metadata.name}\n` : `${kind}/${o.metadata.name} scaled${suffix}\n`);
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
