// `kubectl taint` (kubectl/pkg/cmd/taint): `key[=value]:Effect` adds, `key[:Effect]-` removes,
// sent as a strategic merge patch replacing spec.taints (the list has no merge strategy).
// Deliberate difference: NoExecute taints get timeAdded from the cluster's clock, not the wall clock.

import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';
import { dryRunOf } from './cordon';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

const FLAGS: FlagDef[] = [
  { name: 'all', type: 'bool', usage: 'Select all nodes in the cluster' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'overwrite', type: 'bool', usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
];

export function taintCommand(env: Env): Command {
  return {
    name: 'taint',
    short: 'Update the taints on one or more nodes',
    use: 'NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
    flags: FLAGS,
    run: (ctx) => runTaint(env, ctx),
  };
}

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const invalid = (s: string) => new KubectlError(`invalid taint spec: ${s}, unknown taint effect or missing effect`);
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const [key, effect = ''] = body.split(':');
      if (effect && !EFFECTS.includes(effect)) throw invalid(s);
      remove.push({ key, effect });
      continue;
    }
    const colon = s.lastIndexOf(':');
    if (colon < 0) throw new KubectlError(`invalid taint spec: ${s}`);
    const effect = s.slice(colon + 1);
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = s.slice(0, colon);
    const eq = kv.indexOf('=');
    const t: Taint = eq < 0 ? { key: kv, effect } : { key: kv.slice(0, eq), value: kv.slice(eq + 1), effect };
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) throw new KubectlError(`can not add the same taint multiple times: ${s}`);
    add.push(t);
  }
  for (const r of remove) if (add.some((a) => a.key === r.key && a.effect === r.effect)) throw new KubectlError(`can not both modify and remove the following taint(s) in the same command: ${r.key}`);
  return { add, remove };
}

function runTaint(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const dryRun = dryRunOf(f.string('dry-run'));
  if (f.string('output')) throw new KubectlError('taint -o is not available in Clusterlab\'s terminal yet');
  const all = f.bool('all');
  const selector = f.string('selector');
  const specs = ctx.args.filter((a) => a.includes(':') || a.includes('=') || a.endsWith('-'));
  const resources = ctx.args.filter((a) => !specs.includes(a));
  if (specs.length === 0) throw new KubectlError('at least one taint update is required');
  if (resources.length === 0) throw new UsageError(ctx.path, 'at least one resource name must be specified since \'all\' parameter is not set');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(specs);
  } catch (e) {
    // Complete() reports bad specs as usage errors.
    throw new UsageError(ctx.path, (e as Error).message);
  }
  const { add, remove } = parsed;
  const result = build(env, { namespace: '', allNamespaces: false, labelSelector: all || selector ? selector : undefined, args: resources });
  const errors: unknown[] = [...result.errors];
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  const overwrite = f.bool('overwrite');
  for (const info of result.infos) {
    if (info.mapping.resource !== 'nodes') throw new KubectlError(`invalid resource type ${info.mapping.resource}, only nodes are supported`);
    for (const node of info.object ? [info.object] : info.list?.items ?? []) {
      const old = (((node as unknown as { spec?: { taints?: Taint[] } }).spec?.taints) ?? []) as Taint[];
      if (!overwrite) {
        const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
        if (exists.length) {
          errors.push(new KubectlError(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`));
          continue;
        }
      }
      // reorganizeTaints: the new taints first, then the old ones they do not replace.
      const next: Taint[] = add.map((t) => (t.effect === 'NoExecute' ? { ...t, timeAdded: new Date(env.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') } : { ...t }));
      for (const o of old) if (!next.some((n) => n.key === o.key && n.effect === o.effect)) next.push(o);
      const added = old.length !== next.length;
      let deleted = false;
      let notFound: string | undefined;
      for (const r of remove) {
        const before = next.length;
        for (let i = next.length - 1; i >= 0; i--) if (next[i].key === r.key && (!r.effect || next[i].effect === r.effect)) next.splice(i, 1);
        if (next.length === before) notFound ??= r.effect ? `${r.key}:${r.effect}` : r.key;
        else deleted = true;
      }
      if (notFound) {
        errors.push(new KubectlError(`taint ${JSON.stringify(notFound)} not found`));
        continue;
      }
      const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : deleted ? 'untainted' : 'modified';
      if (dryRun !== 'client') {
        try {
          env.api.patch('nodes', undefined, node.metadata.name!, 'strategic', { spec: { taints: next.length ? next : null } }, { dryRun: dryRun === 'server', decode: true, fieldManager: 'kubectl-taint', actor: 'kubectl' });
        } catch (e) {
          errors.push(e);
          continue;
        }
        env.settle();
      }
      env.out(`node/${(node as KubeObject).metadata.name} ${operation}${suffix}\n`);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
