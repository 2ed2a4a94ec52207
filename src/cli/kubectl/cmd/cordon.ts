// `kubectl cordon` / `kubectl uncordon` (kubectl/pkg/cmd/drain): set or clear
// spec.unschedulable with a strategic merge patch, `node/x cordoned` or `already cordoned`.

import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';

const FLAGS: FlagDef[] = [
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
];

export function cordonCommand(env: Env, name: 'cordon' | 'uncordon'): Command {
  return {
    name,
    short: name === 'cordon' ? 'Mark node as unschedulable' : 'Mark node as schedulable',
    use: 'NODE',
    flags: FLAGS,
    run: (ctx) => runCordon(env, ctx, name === 'cordon'),
  };
}

/** Cordon or uncordon these nodes (drain uses it too); returns the output lines. */
export function cordonNodes(env: Env, nodes: KubeObject[], desired: boolean, dryRun: 'none' | 'client' | 'server'): void {
  const verb = desired ? 'cordoned' : 'uncordoned';
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const node of nodes) {
    const current = Boolean((node as unknown as { spec?: { unschedulable?: boolean } }).spec?.unschedulable);
    if (current === desired) {
      env.out(`node/${node.metadata.name} already ${verb}${suffix}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      env.api.patch('nodes', undefined, node.metadata.name!, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dryRun === 'server', decode: true, actor: 'kubectl' });
      env.settle();
    }
    env.out(`node/${node.metadata.name} ${verb}${suffix}\n`);
  }
}

export function dryRunOf(v: string): 'none' | 'client' | 'server' {
  if (!['none', 'client', 'server', 'unchanged', ''].includes(v)) throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  return v === 'unchanged' ? 'client' : ((v || 'none') as 'none' | 'client' | 'server');
}

function runCordon(env: Env, ctx: RunContext, desired: boolean): void {
  const f = ctx.flags;
  const dryRun = dryRunOf(f.string('dry-run'));
  const selector = f.string('selector');
  if (ctx.args.length === 0 && !selector) throw new KubectlError('error: USAGE: ' + (desired ? 'cordon' : 'uncordon') + ' NODE [flags]\nSee \'kubectl ' + (desired ? 'cordon' : 'uncordon') + ' -h\' for help and examples', 1);
  const result = build(env, {
    namespace: '',
    allNamespaces: false,
    labelSelector: selector || undefined,
    args: selector ? ['nodes', ...ctx.args] : ['nodes', ...ctx.args],
  });
  const nodes = result.infos.flatMap((i) => (i.object ? [i.object] : i.list?.items ?? []));
  cordonNodes(env, nodes, desired, dryRun);
  if (result.errors.length === 1) throw result.errors[0];
  if (result.errors.length > 1) throw new AggregateError(result.errors);
}
