// `kubectl create <generator>` for namespace, configmap, deployment and service (clusterip,
// nodeport, loadbalancer), with --dry-run=client|server|none and -o. Generated objects are built
// in the field order of kubectl's Go structs, which `-o json` shows (YAML sorts keys anyway).

import type { ResourceInfo } from '../../../sim/api/registry';
import { resourceForKind } from '../../../sim/api/registry';
import type { KubeObject } from '../../../sim/api/types';
import { defaultSubCommandRun, type Command, type RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { genericPrinter, nameOf } from '../printers';

type Obj = Record<string, unknown>;

const CREATE_OUTPUT_FORMATS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

const COMMON_FLAGS: FlagDef[] = [
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
  { name: 'save-config', type: 'bool', usage: 'If true, the configuration of current object will be saved in its annotation.' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
];

type DryRun = 'none' | 'client' | 'server';

/** GetDryRunStrategy. */
function dryRunStrategy(env: Env, v: string): DryRun {
  switch (v) {
    case '':
    case 'none':
      return 'none';
    case 'client':
      return 'client';
    case 'server':
      return 'server';
    case 'unchanged':
      env.err('W0000 00:00:00.000000       1 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n');
      return 'client';
    default:
      throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

function oneName(ctx: RunContext): string {
  if (ctx.args.length !== 1) throw new UsageError(ctx.path, `exactly one NAME is required, got ${ctx.args.length}`);
  return ctx.args[0];
}

/** Create (or dry-run) the generated object, then print it or `kind/name created`. */
function finish(env: Env, ctx: RunContext, obj: Obj, failure?: string): void {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const printer = genericPrinter(
    env,
    { output: f.string('output'), template: f.string('template'), showManagedFields: f.bool('show-managed-fields'), allowMissingTemplateKeys: f.bool('allow-missing-template-keys'), keepKeyOrder: true },
    CREATE_OUTPUT_FORMATS,
  );
  const info = resourceForKind(String(obj.apiVersion), String(obj.kind)) as ResourceInfo;
  const cfg = env.config(f);
  let out: Obj = obj;
  if (dryRun !== 'client') {
    let created: KubeObject;
    try {
      created = env.api.create(info, obj as unknown as KubeObject, {
        namespace: info.namespaced ? cfg.namespace : undefined,
        dryRun: dryRun === 'server',
        decode: true,
        fieldValidation: 'Strict',
        fieldManager: f.string('field-manager'),
        actor: 'kubectl',
      });
    } catch (e) {
      // Most generators wrap the API error in a plain one ("failed to create deployment: ...").
      if (failure && e instanceof Error) throw new KubectlError(`failed to create ${failure}: ${e.message}`);
      throw e;
    }
    env.settle();
    out = created as unknown as Obj;
  }
  if (printer && f.string('output') !== 'name') {
    env.out(printer.print(out));
    return;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  env.out(f.string('output') === 'name' ? nameOf(out) : nameOf(out, `created${suffix}`));
}

function meta(name: string, labels?: Record<string, string>): Obj {
  return labels ? { name, creationTimestamp: null, labels } : { name, creationTimestamp: null };
}

function namespaceCmd(env: Env): Command {
  return {
    name: 'namespace',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
    use: 'NAME [--dry-run=server|client|none]',
    flags: COMMON_FLAGS,
    run: (ctx) => {
      const name = oneName(ctx);
      finish(env, ctx, { kind: 'Namespace', apiVersion: 'v1', metadata: meta(name), spec: {}, status: {} });
    },
  };
}

function configMapCmd(env: Env): Command {
  return {
    name: 'configmap',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
    use: 'NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
    flags: [
      ...COMMON_FLAGS,
      { name: 'from-literal', type: 'stringArray', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
      { name: 'from-file', type: 'stringSlice', usage: 'Key file can be specified using its file path.' },
      { name: 'from-env-file', type: 'stringSlice', usage: 'Specify the path to a file to read lines of key=val pairs.' },
      { name: 'append-hash', type: 'bool', usage: 'Append a hash of the configmap to its name.' },
    ],
    run: (ctx) => {
      const name = oneName(ctx);
      const data: Record<string, string> = {};
      for (const lit of ctx.flags.strings('from-literal')) {
        const i = lit.indexOf('=');
        if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
        const key = lit.slice(0, i);
        if (key in data) throw new KubectlError(`cannot add key ${key}, another key by that name already exists in Data for ConfigMap "${name}"`);
        data[key] = lit.slice(i + 1);
      }
      for (const src of ctx.flags.strings('from-file')) {
        const i = src.indexOf('=');
        const path = i >= 0 ? src.slice(i + 1) : src;
        const key = i >= 0 ? src.slice(0, i) : path.split('/').pop()!;
        const text = env.files.get(path);
        if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
        data[key] = text;
      }
      const cm: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name) };
      if (Object.keys(data).length) cm.data = data;
      finish(env, ctx, cm, 'configmap');
    },
  };
}

/** The container name kubectl derives from an image: the last path part, without tag or digest. */
function containerName(image: string): string {
  const base = image.split('/').pop()!;
  return base.split('@')[0].split(':')[0];
}

function deploymentCmd(env: Env): Command {
  return {
    name: 'deployment',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
    use: 'NAME --image=image -- [COMMAND] [args...]',
    flags: [
      ...COMMON_FLAGS,
      { name: 'image', type: 'stringSlice', usage: 'Image names to run.' },
      { name: 'port', type: 'int32', default: -1, usage: 'The containerPort that this deployment exposes.' },
      { name: 'replicas', shorthand: 'r', type: 'int32', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    ],
    run: (ctx) => {
      const f = ctx.flags;
      const name = oneName(ctx.argsLenAtDash >= 0 ? { ...ctx, args: ctx.args.slice(0, ctx.argsLenAtDash) } : ctx);
      const images = f.strings('image');
      if (images.length === 0) throw new UsageError(ctx.path, '--image is required');
      const command = ctx.argsLenAtDash >= 0 ? ctx.args.slice(ctx.argsLenAtDash) : [];
      if (command.length && images.length > 1) throw new KubectlError('cannot specify multiple --image options and command');
      const labels = { app: name };
      const containers = images.map((image) => {
        const c: Obj = { name: containerName(image), image };
        if (command.length) c.command = command;
        if (f.int('port') >= 0) c.ports = [{ containerPort: f.int('port') }];
        c.resources = {};
        return c;
      });
      finish(env, ctx, {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        metadata: meta(name, labels),
        spec: {
          replicas: f.int('replicas'),
          selector: { matchLabels: labels },
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
          strategy: {},
        },
        status: {},
      }, 'deployment');
    },
  };
}

function serviceCmd(env: Env, type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): Command {
  const name = type.toLowerCase();
  return {
    name,
    short: `Create a ${type} service`,
    use: 'NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
    flags: [
      ...COMMON_FLAGS,
      { name: 'tcp', type: 'stringSlice', usage: 'Port pairs can be specified as "<port>:<targetPort>".' },
      ...(type === 'ClusterIP' ? [{ name: 'clusterip', type: 'string' as const, usage: 'Assign your own ClusterIP or set to "None" for a "headless" service (no loadbalancing).' }] : []),
      ...(type === 'NodePort' ? [{ name: 'node-port', type: 'int' as const, usage: 'Port used to expose the service on each node in a cluster.' }] : []),
      ...(type === 'ExternalName' ? [{ name: 'external-name', type: 'string' as const, usage: 'External name of service' }] : []),
    ],
    run: (ctx) => {
      if (type === 'ExternalName' && !ctx.flags.isChanged('external-name')) throw new KubectlError('required flag(s) "external-name" not set');
      const svcName = oneName(ctx);
      const ports = ctx.flags.strings('tcp').map((pair) => {
        const [port, target] = pair.split(':');
        const p = Number(port);
        if (!/^\d+$/.test(port)) throw new KubectlError(`invalid port: ${port}`);
        const targetPort = target === undefined ? p : /^\d+$/.test(target) ? Number(target) : target;
        const entry: Obj = { name: target === undefined ? port : `${port}-${target}`, protocol: 'TCP', port: p, targetPort };
        if (type === 'NodePort' && ctx.flags.int('node-port')) entry.nodePort = ctx.flags.int('node-port');
        return entry;
      });
      if (ports.length === 0 && type !== 'ExternalName' && !(type === 'ClusterIP' && ctx.flags.string('clusterip') === 'None')) {
        throw new KubectlError('at least one tcp port specifier must be provided');
      }
      const labels = { app: svcName };
      const spec: Obj = ports.length ? { ports, selector: labels } : { selector: labels };
      if (type === 'ClusterIP' && ctx.flags.string('clusterip')) spec.clusterIP = ctx.flags.string('clusterip');
      spec.type = type;
      if (type === 'ExternalName') spec.externalName = ctx.flags.string('external-name');
      finish(env, ctx, { kind: 'Service', apiVersion: 'v1', metadata: meta(svcName, labels), spec, status: { loadBalancer: {} } }, `${type} service`);
    },
  };
}

/** A generator this engine does not have yet. */
function notYet(name: string, short: string, aliases: string[] = []): Command {
  return {
    name,
    aliases,
    short,
    validateArgs: () => {},
    run: () => {
      throw new KubectlError(`"kubectl create ${name}" is not available in Clusterlab's terminal yet`);
    },
  };
}

export function createCommand(env: Env): Command {
  return {
    name: 'create',
    short: 'Create a resource from a file or from stdin',
    use: '-f FILENAME',
    flags: [...COMMON_FLAGS, { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files to use to create the resource' }, { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' }],
    commands: [
      notYet('clusterrole', 'Create a cluster role'),
      notYet('clusterrolebinding', 'Create a cluster role binding for a particular cluster role'),
      configMapCmd(env),
      notYet('cronjob', 'Create a cron job with the specified name', ['cj']),
      deploymentCmd(env),
      notYet('ingress', 'Create an ingress with the specified name', ['ing']),
      notYet('job', 'Create a job with the specified name'),
      namespaceCmd(env),
      notYet('poddisruptionbudget', 'Create a pod disruption budget with the specified name', ['pdb']),
      notYet('priorityclass', 'Create a priority class with the specified name', ['pc']),
      notYet('quota', 'Create a quota with the specified name', ['resourcequota']),
      notYet('role', 'Create a role with single rule'),
      notYet('rolebinding', 'Create a role binding for a particular role or cluster role'),
      notYet('secret', 'Create a secret using a specified subcommand'),
      {
        name: 'service',
        aliases: ['svc'],
        short: 'Create a service using a specified subcommand',
        commands: [serviceCmd(env, 'ClusterIP'), serviceCmd(env, 'ExternalName'), serviceCmd(env, 'LoadBalancer'), serviceCmd(env, 'NodePort')],
        run: defaultSubCommandRun((s) => env.err(s)),
        validateArgs: () => {},
      },
      notYet('serviceaccount', 'Create a service account with the specified name', ['sa']),
      notYet('token', 'Request a service account token'),
    ],
    validateArgs: () => {},
    run: (ctx) => {
      if (ctx.args.length) throw new UsageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
      if (ctx.flags.strings('filename').length || ctx.flags.string('kustomize')) throw new KubectlError('create -f is not available in this kubectl yet');
      throw new KubectlError('must specify one of -f and -k');
    },
  };
}
