// `kubectl run NAME --image=...` (kubectl/pkg/cmd/run): generate a Pod (and with --expose a
// ClusterIP Service for --port) and create it, `pod/NAME created`. Attaching (-i, -t, --attach,
// --rm) needs a container to talk to, which the simulated containers are not: it is refused.

import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { createGenerated, dryRunStrategy, GENERATOR_FLAGS, generatedPrinter, printResult } from './generated';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  ...GENERATOR_FLAGS,
  { name: 'image', type: 'string', usage: 'The image for the container to run.' },
  { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
  { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
  { name: 'labels', shorthand: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
  { name: 'annotations', type: 'stringArray', usage: 'Annotations to apply to the pod.' },
  { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
  { name: 'command', type: 'bool', usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
  { name: 'expose', type: 'bool', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
  { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.' },
  { name: 'privileged', type: 'bool', usage: 'If true, run the container in privileged mode.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-run', usage: 'Name of the manager used to track field ownership.' },
  { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object.' },
  { name: 'attach', type: 'bool', usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.' },
  { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a TTY for the container in the pod.' },
  { name: 'rm', type: 'bool', usage: 'If true, delete the pod after it exits.' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress prompt messages.' },
  { name: 'leave-stdin-open', type: 'bool', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes.' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time to wait until at least one pod is running' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'to use to replace the resource.' },
  { name: 'force', type: 'bool', usage: 'If true, immediately remove resources from API and bypass graceful deletion.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully.' },
  { name: 'cascade', type: 'string', default: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground".' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete.' },
  { name: 'wait', type: 'bool', usage: 'If true, wait for resources to be gone before returning.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process a kustomization directory.' },
];

export function runCommand(env: Env): Command {
  return {
    name: 'run',
    short: 'Run a particular image on the cluster',
    use: 'NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runRun(env, ctx),
  };
}

/** The run command's label syntax: `a=b,c=d`, exactly one `=` each. */
export function parseLabels(s: string): Record<string, string> | undefined {
  if (!s) return undefined;
  const out: Record<string, string> = {};
  for (const spec of s.split(',')) {
    const kv = spec.split('=');
    if (kv.length !== 2) throw new KubectlError(`unexpected label spec: ${spec}`);
    if (!kv[0]) throw new KubectlError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

function parseEnvs(list: string[]): { name: string; value: string }[] {
  return list.map((e) => {
    const i = e.indexOf('=');
    const name = i < 0 ? '' : e.slice(0, i);
    if (i < 0 || !name || !ENV_NAME.test(name)) throw new KubectlError(`invalid env: ${e}`);
    return { name, value: e.slice(i + 1) };
  });
}

/** docker/distribution's reference grammar (name[:tag][@digest]), which kubectl run checks. */
const IMAGE_REF =
  /^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** parsePairs for --annotations: `key=value`, the key not empty. */
function parseAnnotations(list: string[]): Record<string, string> | undefined {
  if (!list.length) return undefined;
  const out: Record<string, string> = {};
  for (const a of list) {
    const i = a.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid annotations format: ${a}`);
    out[a.slice(0, i)] = a.slice(i + 1);
  }
  return out;
}

function runRun(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  // cobra checks required flags before the command runs.
  if (!f.isChanged('image')) throw new KubectlError('required flag(s) "image" not set');
  const annotations = parseAnnotations(f.strings('annotations'));
  const userLabels = parseLabels(f.string('labels'));
  const envs = parseEnvs(f.strings('env'));
  const restart = f.string('restart');
  const interactive = f.bool('stdin');
  if (restart && !['Always', 'OnFailure', 'Never'].includes(restart)) throw new UsageError(ctx.path, `invalid restart policy: ${restart}`);
  const restartPolicy = restart || (interactive ? 'OnFailure' : 'Always');
  const pullPolicy = f.string('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) throw new UsageError(ctx.path, `invalid image pull policy: ${pullPolicy}`);
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const printer = generatedPrinter(env, f);
  const cfg = env.config(f);
  // Validate
  if (ctx.args.length === 0 || ctx.argsLenAtDash === 0) throw new UsageError(ctx.path, 'NAME is required for run');
  const image = f.string('image');
  if (!image) throw new KubectlError('--image is required');
  if (!IMAGE_REF.test(image)) throw new KubectlError(`Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  if (f.bool('tty') && !interactive) throw new UsageError(ctx.path, '-i/--stdin is required for containers with -t/--tty=true');
  const port = f.string('port');
  if (f.bool('expose') && !port) throw new UsageError(ctx.path, '--port must be set when exposing a service');
  if (port && !/^[+-]?\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  const attach = f.bool('attach') || (interactive && !f.isChanged('attach'));
  if (!attach && f.bool('rm')) throw new UsageError(ctx.path, '--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw new KubectlError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (attach) throw new KubectlError('kubectl run with --attach, -i or -t needs a container to attach to; the simulated containers have none in Clusterlab\'s terminal');
  if (f.string('overrides')) throw new KubectlError('kubectl run --overrides is not available in Clusterlab\'s terminal yet');

  const name = ctx.args[0];
  const args = ctx.args.slice(1);
  const labels = userLabels ?? { run: name };
  const enforce = f.isChanged('namespace');
  const manager = f.string('field-manager');

  // kubectl 1.32 creates (and prints) the Service first.
  if (f.bool('expose')) {
    const n = Number(port);
    const service: Obj = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: userLabels ? { name, creationTimestamp: null, labels: userLabels } : { name, creationTimestamp: null },
      spec: { ports: [{ protocol: 'TCP', port: n, targetPort: n }], selector: labels },
      status: { loadBalancer: {} },
    };
    const out = createGenerated(env, service, cfg.namespace, enforce, dryRun, manager);
    printResult(env, f, printer, out, 'created', dryRun);
    // kubectl 1.32 prints two YAML document separators between the Service and the Pod.
    if (printer && f.string('output') === 'yaml') env.out('---\n---\n');
  }

  const container: Obj = { name, image };
  if (args.length) container[f.bool('command') ? 'command' : 'args'] = args;
  if (port) container.ports = [{ containerPort: Number(port) }];
  if (envs.length) container.env = envs;
  container.resources = {};
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  if (f.bool('privileged')) container.securityContext = { privileged: true };
  if (interactive) {
    container.stdin = true;
    if (!f.bool('leave-stdin-open')) container.stdinOnce = true;
  }
  if (f.bool('tty')) container.tty = true;
  const metadata: Obj = { name, creationTimestamp: null, labels };
  if (annotations) metadata.annotations = annotations;
  const pod: Obj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata,
    spec: { containers: [container], restartPolicy, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  const out = createGenerated(env, pod, cfg.namespace, enforce, dryRun, manager);
  printResult(env, f, printer, out, 'created', dryRun);
}
