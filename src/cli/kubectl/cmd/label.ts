// `kubectl label` and `kubectl annotate` (kubectl/pkg/cmd/label, annotate): `key=value` sets,
// `key-` removes, existing keys need --overwrite; sent as a JSON merge patch of metadata.

import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';
import { dryRunOf } from './cordon';

type Which = 'label' | 'annotate';

const FLAGS: FlagDef[] = [
  { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to update' },
  { name: 'list', type: 'bool', usage: 'If true, display the labels for a given resource.' },
  { name: 'local', type: 'bool', usage: 'If true, will NOT contact api-server but run locally.' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'overwrite', type: 'bool', usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.' },
  { name: 'resource-version', type: 'string', usage: 'If non-empty, the labels update will only succeed if this is the current resource-version for the object.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
];

export function labelCommand(env: Env, which: Which): Command {
  return {
    name: which,
    short: which === 'label' ? 'Update the labels on a resource' : 'Update the annotations on a resource',
    use: which === 'label' ? '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]' : '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: FLAGS,
    run: (ctx) => runLabel(env, ctx, which),
  };
}

function runLabel(env: Env, ctx: RunContext, which: Which): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const field = which === 'label' ? 'labels' : 'annotations';
  const noun = which === 'label' ? 'label' : 'annotation';
  const done = which === 'label' ? 'labeled' : 'annotated';
  if (f.strings('filename').length || f.bool('local') || f.string('output')) throw new KubectlError(`this form of "kubectl ${which}" is not available in Clusterlab's terminal yet`);
  const dryRun = dryRunOf(f.string('dry-run'));
  // Arguments with `=` or a trailing `-` are changes; the rest name the resources.
  const resources: string[] = [];
  const changes: string[] = [];
  for (const a of ctx.args) (a.includes('=') || a.endsWith('-') ? changes : resources).push(a);
  if (resources.length === 0) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = f.bool('list');
  if (changes.length === 0 && !list) throw new KubectlError(`at least one ${noun} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.includes('=')) {
      const i = c.indexOf('=');
      set[c.slice(0, i)] = c.slice(i + 1);
    } else remove.push(c.slice(0, -1));
  }
  for (const k of remove) if (k in set) throw new KubectlError(`can not both modify and remove the following ${noun}(s) in the same command: ${k}`);
  const selector = f.string('selector');
  const all = f.bool('all');
  const result = build(env, {
    namespace: cfg.namespace,
    allNamespaces: f.bool('all-namespaces'),
    labelSelector: selector || all ? selector : undefined,
    fieldSelector: f.string('field-selector') || undefined,
    args: resources,
  });
  const errors: unknown[] = [...result.errors];
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const info of result.infos) {
    for (const o of info.object ? [info.object] : info.list?.items ?? []) {
      const m = info.mapping;
      const kind = m.group ? `${m.kind.toLowerCase()}.${m.group}` : m.kind.toLowerCase();
      const old = { ...((o.metadata as Record<string, unknown>)[field] as Record<string, string> | undefined) };
      if (list) {
        for (const [k, v] of Object.entries(old).sort(([a], [b]) => (a < b ? -1 : 1))) env.out(`${k}=${v}\n`);
        continue;
      }
      if (!f.bool('overwrite')) {
        const clashes = Object.keys(set).filter((k) => k in old && old[k] !== set[k]);
        if (clashes.length && which === 'label') {
          errors.push(new KubectlError(`'${clashes[0]}' already has a value (${old[clashes[0]]}), and --overwrite is false`));
          continue;
        }
        if (clashes.length) {
          errors.push(new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.map((k) => `'${k}' already has a value (${old[k]})`).join('; ')}`));
          continue;
        }
      }
      const next = { ...old, ...set };
      for (const k of remove) delete next[k];
      const patch: Record<string, string | null> = {};
      for (const k of Object.keys(next)) if (old[k] !== next[k]) patch[k] = next[k];
      for (const k of Object.keys(old)) if (!(k in next)) patch[k] = null;
      const changed = Object.keys(patch).length > 0;
      if (changed && dryRun !== 'client') {
        try {
          const meta: Record<string, unknown> = { [field]: patch };
          const rv = f.string('resource-version');
          if (rv) meta.resourceVersion = rv;
          env.api.patch(m, o.metadata.namespace, o.metadata.name!, 'merge', { metadata: meta }, { dryRun: dryRun === 'server', decode: true, fieldManager: `kubectl-${which}`, actor: 'kubectl' });
        } catch (e) {
          errors.push(e);
          continue;
        }
        env.settle();
      }
      // updateDataChangeMsg: a label change that shrinks the object without --overwrite is "unlabeled".
      let msg = changed ? done : `not ${done}`;
      if (changed && which === 'label' && !f.bool('overwrite') && JSON.stringify(next).length < JSON.stringify(old).length) msg = 'unlabeled';
      env.out(`${kind}/${o.metadata.name} ${msg}${suffix}\n`);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
