// `kubectl set image` (kubectl/pkg/cmd/set): change container images of a workload's pod
// template (or a pod) with a strategic merge patch, `deployment.apps/web image updated`.
// The other `set` subcommands exist but are not implemented yet.

import type { Command, RunContext } from '../command';
import { defaultSubCommandRun } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import { build } from '../resources';
import { dryRunOf } from './cordon';

type Obj = Record<string, unknown>;
interface Container {
  name: string;
  image?: string;
}

export function setCommand(env: Env): Command {
  const notYet = (name: string, short: string): Command => ({
    name,
    short,
    validateArgs: () => {},
    run: () => {
      throw new KubectlError(`"kubectl set ${name}" is not available in Clusterlab's terminal yet`);
    },
  });
  return {
    name: 'set',
    short: 'Set specific features on objects',
    run: defaultSubCommandRun((s) => env.err(s)),
    commands: [
      notYet('env', 'Update environment variables on a pod template'),
      {
        name: 'image',
        short: 'Update the image of a pod template',
        use: '(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
        flags: [
          { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
          { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
          { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
          { name: 'local', type: 'bool', usage: 'If true, set image will NOT contact api-server but run locally.' },
          { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
          { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
        ],
        validateArgs: () => {},
        run: (ctx) => runSetImage(env, ctx),
      },
      notYet('resources', 'Update resource requests/limits on objects with pod templates'),
      notYet('selector', 'Set the selector on a resource'),
      notYet('serviceaccount', 'Update the service account of a resource'),
      notYet('subject', 'Update the user, group, or service account in a role binding or cluster role binding'),
    ],
  };
}

function podSpecOf(o: Obj): { path: string[]; spec: { containers?: Container[]; initContainers?: Container[] } } | undefined {
  const spec = o.spec as Obj | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return { path: ['spec'], spec: spec as never };
  if (o.kind === 'CronJob') {
    const t = ((spec.jobTemplate as Obj | undefined)?.spec as Obj | undefined)?.template as Obj | undefined;
    return t?.spec ? { path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], spec: t.spec as never } : undefined;
  }
  const t = spec.template as Obj | undefined;
  return t?.spec ? { path: ['spec', 'template', 'spec'], spec: t.spec as never } : undefined;
}

function runSetImage(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (f.strings('filename').length || f.bool('local') || f.string('output')) throw new KubectlError('this form of "kubectl set image" is not available in Clusterlab\'s terminal yet');
  const dryRun = dryRunOf(f.string('dry-run'));
  const images = ctx.args.filter((a) => a.includes('='));
  const resources = ctx.args.filter((a) => !a.includes('='));
  if (images.length === 0) throw new KubectlError('at least one image update is required');
  const wanted = new Map(images.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const selector = f.string('selector');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, labelSelector: selector || f.bool('all') ? selector : undefined, args: resources });
  const errors: unknown[] = [...result.errors];
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const info of result.infos) {
    for (const obj of info.object ? [info.object] : info.list?.items ?? []) {
      const o = obj as unknown as Obj;
      const m = info.mapping;
      const kind = m.group ? `${m.kind.toLowerCase()}.${m.group}` : m.kind.toLowerCase();
      const ps = podSpecOf(o);
      if (!ps) {
        errors.push(new KubectlError(`error: ${kind}/${obj.metadata.name} ${m.kind} is not supported`));
        continue;
      }
      const containers = ps.spec.containers ?? [];
      const patchContainers: Container[] = [];
      let missing: string | undefined;
      for (const [name, image] of wanted) {
        const c = name === '*' ? containers : containers.filter((x) => x.name === name);
        if (c.length === 0) missing ??= name;
        for (const x of c) if (x.image !== image) patchContainers.push({ image, name: x.name } as Container);
      }
      if (missing !== undefined) {
        errors.push(new KubectlError(`unable to find container named "${missing}"`));
        continue;
      }
      if (patchContainers.length && dryRun !== 'client') {
        let patch: Obj = { '$setElementOrder/containers': containers.map((c) => ({ name: c.name })), containers: patchContainers };
        for (const key of [...ps.path].reverse()) patch = { [key]: patch };
        try {
          env.api.patch(m, obj.metadata.namespace, obj.metadata.name!, 'strategic', patch, { dryRun: dryRun === 'server', decode: true, fieldManager: 'kubectl-set', actor: 'kubectl' });
        } catch (e) {
          errors.push(e);
          continue;
        }
        env.settle();
      }
      env.out(`${kind}/${obj.metadata.name} image updated${suffix}\n`);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
