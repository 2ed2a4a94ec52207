// `kubectl config` on the in-memory kubeconfig: view, get-contexts, current-context,
// use-context, set-context. The other subcommands exist (so they are not "unknown") but say
// they are not available.

import type { Command, RunContext } from '../command';
import { defaultSubCommandRun, helpText } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, UsageError } from '../errors';
import type { KubeConfig } from '../kubeconfig';
import { goMarshalIndentInOrder } from '../printers/gojson';
import { toGoYaml } from '../printers/goyaml';
import { genericPrinter } from '../printers';
import { tabulate } from '../tabwriter';

type Obj = Record<string, unknown>;

const VIEW_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

function dropEmpty(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
}

/** clientcmd v1 Config, in its struct's field order (what -o json shows). */
function toV1(kc: KubeConfig, raw: boolean): Obj {
  const secret = (v: unknown) => (raw ? v : 'REDACTED');
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: kc.preferences,
    // clientcmd keeps these in maps: they come out sorted by name.
    clusters: byName(kc.clusters).map((c) => ({ name: c.name, cluster: dropEmpty({ ...c.cluster }) })),
    users: byName(kc.users).map((u) => ({
      name: u.name,
      user: dropEmpty(Object.fromEntries(Object.entries(u.user).map(([k, v]) => [k, k === 'token' || k === 'password' ? secret(v) : k.endsWith('-data') && !raw ? 'DATA+OMITTED' : v]))),
    })),
    contexts: byName(kc.contexts).map((c) => ({ name: c.name, context: { cluster: c.context.cluster, user: c.context.user, ...(c.context.namespace ? { namespace: c.context.namespace } : {}) } })),
    'current-context': kc.currentContext,
  };
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function minify(kc: KubeConfig): KubeConfig {
  if (!kc.currentContext) throw new KubectlError('current-context must exist in order to minify');
  const ctx = kc.contexts.find((c) => c.name === kc.currentContext);
  if (!ctx) throw new KubectlError(`cannot locate context ${kc.currentContext}`);
  return {
    ...kc,
    contexts: [ctx],
    clusters: kc.clusters.filter((c) => c.name === ctx.context.cluster),
    users: kc.users.filter((u) => u.name === ctx.context.user),
  };
}

function unavailable(name: string, short: string): Command {
  return {
    name,
    short,
    run: () => {
      throw new KubectlError(`config ${name} is not available in Clusterlab's kubectl (its kubeconfig has one cluster, user and context)`);
    },
  };
}

export function configCommand(env: Env): Command {
  const kc = env.kubeconfig;
  const view: Command = {
    name: 'view',
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
    flags: [
      { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output.' },
      { name: 'merge', type: 'bool', default: true, usage: 'Merge the full hierarchy of kubeconfig files' },
      { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
      { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
      { name: 'output', shorthand: 'o', type: 'string', default: 'yaml', usage: 'Output format.' },
      { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
      { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
      { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    ],
    run: (ctx) => {
      if (ctx.args.length) throw new UsageError(ctx.path, `unexpected arguments: [${ctx.args.join(' ')}]`);
      const config = ctx.flags.bool('minify') ? minify(kc) : kc;
      const v1 = toV1(config, ctx.flags.bool('raw') || ctx.flags.bool('flatten'));
      const output = ctx.flags.string('output');
      if (output === 'json') env.out(goMarshalIndentInOrder(v1, '    ') + '\n');
      else if (output === 'yaml') env.out(toGoYaml(v1));
      else {
        const printer = genericPrinter(env, { output, template: ctx.flags.string('template'), allowMissingTemplateKeys: ctx.flags.bool('allow-missing-template-keys') }, VIEW_FORMATS);
        env.out(printer!.print(v1));
      }
    },
  };

  const getContexts: Command = {
    name: 'get-contexts',
    short: 'Describe one or many contexts',
    flags: [
      { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
      { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (name).' },
    ],
    run: (ctx) => {
      const output = ctx.flags.string('output');
      if (output !== '' && output !== 'name') throw new KubectlError(`output must be one of '' or 'name': ${output}`);
      const nameOnly = output === 'name';
      const errors: unknown[] = [];
      let names: string[] = [];
      if (ctx.args.length === 0) names = kc.contexts.map((c) => c.name);
      for (const n of ctx.args) {
        if (kc.contexts.some((c) => c.name === n)) names.push(n);
        else errors.push(new KubectlError(`context ${n} not found`));
      }
      let text = '';
      if (!ctx.flags.bool('no-headers') && !nameOnly) text += 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
      names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const n of names) {
        const c = kc.contexts.find((x) => x.name === n)!;
        text += nameOnly ? `${n}\n` : `${kc.currentContext === n ? '*' : ' '}\t${n}\t${c.context.cluster}\t${c.context.user}\t${c.context.namespace ?? ''}\n`;
      }
      env.out(tabulate(text));
      if (errors.length) throw new AggregateError(errors);
    },
  };

  const currentContext: Command = {
    name: 'current-context',
    short: 'Display the current-context',
    run: () => {
      if (!kc.currentContext) throw new KubectlError('current-context is not set');
      env.out(`${kc.currentContext}\n`);
    },
  };

  const useContext: Command = {
    name: 'use-context',
    aliases: ['use'],
    short: 'Set the current-context in a kubeconfig file',
    use: 'CONTEXT_NAME',
    run: (ctx) => {
      if (ctx.args.length !== 1) {
        // helpErrorf: the help page, then the error.
        env.out(helpText(ctx.cmd));
        throw new KubectlError(`Unexpected args: [${ctx.args.join(' ')}]`);
      }
      const name = ctx.args[0];
      if (!kc.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: ${JSON.stringify(name)}`);
      kc.currentContext = name;
      env.out(`Switched to context ${JSON.stringify(name)}.\n`);
    },
  };

  const setContext: Command = {
    name: 'set-context',
    short: 'Set a context entry in kubeconfig',
    use: '[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
    flags: [
      { name: 'current', type: 'bool', usage: 'Modify the current context' },
      { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
      { name: 'user', type: 'string', usage: 'user for the context entry in kubeconfig' },
      { name: 'namespace', type: 'string', usage: 'namespace for the context entry in kubeconfig' },
    ],
    run: (ctx) => runSetContext(env, ctx),
  };

  return {
    name: 'config',
    short: 'Modify kubeconfig files',
    use: 'SUBCOMMAND',
    persistentFlags: [{ name: 'kubeconfig', type: 'string', usage: 'use a particular kubeconfig file' }],
    commands: [
      currentContext,
      unavailable('delete-cluster', 'Delete the specified cluster from the kubeconfig'),
      unavailable('delete-context', 'Delete the specified context from the kubeconfig'),
      unavailable('delete-user', 'Delete the specified user from the kubeconfig'),
      unavailable('get-clusters', 'Display clusters defined in the kubeconfig'),
      getContexts,
      unavailable('get-users', 'Display users defined in the kubeconfig'),
      unavailable('rename-context', 'Rename a context from the kubeconfig file'),
      unavailable('set', 'Set an individual value in a kubeconfig file'),
      unavailable('set-cluster', 'Set a cluster entry in kubeconfig'),
      setContext,
      unavailable('set-credentials', 'Set a user entry in kubeconfig'),
      unavailable('unset', 'Unset an individual value in a kubeconfig file'),
      useContext,
      view,
    ],
    run: defaultSubCommandRun((s) => env.err(s)),
    validateArgs: () => {},
  };
}

function runSetContext(env: Env, ctx: RunContext): void {
  const kc = env.kubeconfig;
  const f = ctx.flags;
  if (ctx.args.length > 1) {
    // helpErrorf: the help text, then the error.
    env.out(helpText(ctx.cmd));
    throw new KubectlError(`Unexpected args: [${ctx.args.join(' ')}]`);
  }
  let name = ctx.args[0] ?? '';
  const current = f.bool('current');
  if (!name && !current) throw new KubectlError('you must specify a non-empty context name or --current');
  if (name && current) throw new KubectlError('you cannot specify both a context name and --current');
  if (current) {
    if (!kc.currentContext) throw new KubectlError('no current context is set');
    name = kc.currentContext;
  }
  let entry = kc.contexts.find((c) => c.name === name);
  const exists = !!entry;
  if (!entry) {
    entry = { name, context: { cluster: '', user: '' } };
    kc.contexts.push(entry);
  }
  if (f.isChanged('cluster')) entry.context.cluster = f.string('cluster');
  if (f.isChanged('user')) entry.context.user = f.string('user');
  if (f.isChanged('namespace')) entry.context.namespace = f.string('namespace');
  env.out(`Context ${JSON.stringify(name)} ${exists ? 'modified' : 'created'}.\n`);
}
