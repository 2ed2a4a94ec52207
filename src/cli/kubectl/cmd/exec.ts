// `kubectl exec`, `kubectl debug node/...`, `kubectl port-forward` and the node-shell plugin.
// exec and debug reach the node's kubelet (as the API server's exec/attach subresources do) and
// run commands in the simulated container or on the node (src/sim/node/containershell.ts,
// nodeshell.ts); `-it` leaves an interactive session open for the terminal. port-forward prints
// what kubectl prints, then says why the browser cannot listen on a local port.

import type { Pod, Service } from '../../../sim/api/types';
import { sha256Hex } from '../../../sim/node/hash';
import { ContainerCommands, execTarget, hasProgram, notInImage, type ExecTarget } from '../../../sim/node/containershell';
import { MiniShell } from '../../../sim/node/minishell';
import type { SimWorld } from '../../../sim/node/podnet';
import { ShellSession } from '../../../sim/node/session';
import type { AksClusterSpec } from '../../../sim/aks/spec';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, SilentExit, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { mappingFor } from '../resources';
import type { InteractiveSession, SessionOutput } from '../session';

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
/** utilrand.String's alphabet (no vowels, no look-alikes). */
const RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** How long kubectl debug -it waits (virtual time) for the debugger container to run. */
const ATTACH_WAIT_MS = 5 * 60_000;

function world(env: Env): SimWorld {
  const c = env.cluster;
  if (!c.nodes || !c.kubeProxy) throw new KubectlError('this cluster has no simulated nodes to exec into');
  return { api: c.api, clock: c.clock, spec: c.spec as AksClusterSpec, nodes: c.nodes, kubeProxy: c.kubeProxy };
}

/** Print an error exactly as given (kubectl prints these server texts without adding "error: "). */
function raw(env: Env, message: string, code = 1): never {
  env.err(message.endsWith('\n') ? message : message + '\n');
  throw new SilentExit(code);
}

/** A deterministic stand-in for kubectl's utilrand.String(n): the same inputs give the same name. */
function suffix(seed: string, n: number, alphabet = RAND_ALPHABET): string {
  const h = sha256Hex(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}

/** The pod behind POD or TYPE/NAME (a workload's or Service's first pod by name, as attach picks one). */
function podFor(env: Env, ns: string, arg: string): Pod {
  let name = arg;
  if (arg.includes('/')) {
    const [type, n] = arg.split('/');
    const mapping = mappingFor(type).info;
    if (mapping.resource === 'pods') name = n;
    else {
      const owner = env.api.get(mapping, ns, n) as unknown as { spec?: { selector?: Record<string, unknown> } };
      const sel = owner.spec?.selector as { matchLabels?: Record<string, string> } | Record<string, string> | undefined;
      const labels = (sel && 'matchLabels' in sel ? sel.matchLabels : (sel as Record<string, string> | undefined)) ?? {};
      const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
      const pods = env.api.list<Pod>('pods', { namespace: ns, labelSelector: selector }).items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      if (!pods.length) throw new KubectlError('timed out waiting for the condition');
      name = pods[0].metadata.name!;
    }
  }
  return env.api.get<Pod>('pods', ns, name);
}

/** podcmd.FindOrDefaultContainerByName: the annotated default or the first container, with kubectl's note. */
function defaultContainer(env: Env, pod: Pod, quiet: boolean): string {
  const names = pod.spec.containers.map((c) => c.name);
  const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (preferred && names.includes(preferred)) return preferred;
  if (names.length > 1 && !quiet) {
    const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`)];
    env.err(`Defaulted container "${names[0]}" out of: ${all.join(', ')}\n`);
  }
  return names[0];
}

/** Adapts a simulated shell session to kubectl's: what happens when it ends. */
function session(s: ShellSession, onEnd: (code: number) => { stdout?: string; stderr?: string; exitCode?: number }, alive?: () => boolean): InteractiveSession {
  return {
    get prompt() {
      return s.prompt;
    },
    commandNames: () => s.commandNames(),
    input(line: string): SessionOutput {
      // The container stopped (deleted, crashed, its node went away) while the session was open:
      // the exec stream ends as the killed shell's does.
      if (alive && !alive()) return { stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 };
      const r = s.input(line);
      if (r.exitCode === undefined) return { stdout: r.output, stderr: '', exitCode: 0, prompt: r.prompt };
      const end = onEnd(r.exitCode);
      return { stdout: r.output + (end.stdout ?? ''), stderr: end.stderr ?? '', exitCode: end.exitCode ?? r.exitCode };
    },
  };
}

// ------------------------------------------------------------------ exec

const EXEC_FLAGS: FlagDef[] = [
  { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'to use to exec into the resource' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'Only print output from the remote session' },
  { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Pass stdin to the container' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: 'Stdin is a TTY' },
];

export function execCommand(env: Env): Command {
  return { name: 'exec', short: 'Execute a command in a container', use: '(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]', flags: EXEC_FLAGS, validateArgs: () => {}, run: (ctx) => runExec(env, ctx) };
}

function runExec(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const dash = ctx.argsLenAtDash;
  const podArgs = dash >= 0 ? ctx.args.slice(0, dash) : ctx.args;
  const command = dash >= 0 ? ctx.args.slice(dash) : [];
  if (podArgs.length === 0) throw new UsageError(ctx.path, 'pod, type/name or --filename must be specified');
  if (dash < 0 && podArgs.length > 1) throw new UsageError(ctx.path, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  if (podArgs.length > 1) throw new UsageError(ctx.path, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
  const ns = env.config(f).namespace;
  const pod = podFor(env, ns, podArgs[0]);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const stdin = f.bool('stdin');
  // Without stdin there is no terminal to make raw: kubectl says so and runs without a TTY.
  if (f.bool('tty') && !stdin && !f.bool('quiet')) env.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const tty = f.bool('tty') && stdin;
  let container = f.string('container');
  if (container) {
    const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => c.name);
    if (!all.includes(container)) raw(env, `Error from server (BadRequest): container ${container} is not valid for pod ${pod.metadata.name}`);
  } else container = defaultContainer(env, pod, f.bool('quiet'));
  const w = world(env);
  const found = execTarget(w, pod, container);
  if (!found.ok) raw(env, found.message);
  const t = found.target;
  const program = command[0];
  const base = program.split('/').pop() ?? '';
  if (!hasProgram(t.img, program) && !(base === 'sh' && t.img.binaries.has('sh'))) raw(env, notInImage(t, program));
  const interactiveShell = SHELLS.has(base) && (command.length === 1 || (command.length === 2 && command[1] === '-l') || command[1] === '-i');
  if (interactiveShell) {
    // A shell without stdin reads an empty input and exits at once.
    if (!stdin) return;
    const s = ShellSession.inContainer(w, t, program);
    const uid = pod.metadata.uid;
    const alive = () => {
      const now = env.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name!);
      return !!now && now.metadata.uid === uid && execTarget(w, now, container!).ok;
    };
    env.session = session(s, (code) => (code === 0 ? {} : { stderr: `command terminated with exit code ${code}\n` }), alive);
    return;
  }
  const r = runOnce(t, command, tty);
  env.out(tty ? r.out.replace(/\r?\n/g, '\r\n') : r.out);
  env.err(r.err);
  if (r.code !== 0) {
    env.err(`command terminated with exit code ${r.code}\n`);
    throw new SilentExit(r.code);
  }
}

/** One command through the CRI's exec, no shell in between (unless the command is one). */
function runOnce(t: ExecTarget, argv: string[], tty: boolean): { out: string; err: string; code: number } {
  const cmds = new ContainerCommands(t, tty);
  const table = cmds.commands();
  const sh = new MiniShell({ commands: table, notFound: (c) => `sh: ${c}: not found`, vars: Object.fromEntries(cmds.env), cwd: t.img.workdir });
  const base = argv[0].split('/').pop()!;
  if (SHELLS.has(base) && argv[1] === '-c') {
    cmds.sessionStarted(argv.join(' '));
    const r = sh.run(argv[2] ?? '');
    return { out: r.out, err: r.err, code: r.exit ?? r.code };
  }
  const fn = table[argv[0]] ?? table[base];
  if (!fn) return { out: '', err: `Clusterlab: "${base}" is in this image but what it does is not simulated; try sh, env, cat, ls, ps, nslookup, wget or curl\n`, code: 126 };
  return fn(argv, '', sh);
}

// ------------------------------------------------------------------ debug node/...

const DEBUG_FLAGS: FlagDef[] = [
  { name: 'arguments-only', type: 'bool', usage: 'If specified, everything after -- will be passed to the new container as Args instead of Command.' },
  { name: 'attach', type: 'bool', usage: 'If true, wait for the container to start running, and then attach as if \'kubectl attach ...\' were called.' },
  { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name to use for debug container.' },
  { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
  { name: 'custom', type: 'string', usage: 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.' },
  { name: 'env', type: 'stringArray', usage: 'Environment variables to set in the container.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource to debug' },
  { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
  { name: 'image-pull-policy', type: 'string', usage: "The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server." },
  { name: 'keep-annotations', type: 'bool', usage: 'If true, keep the original pod annotations.' },
  { name: 'keep-init-containers', type: 'bool', default: true, usage: 'Run the init containers for the pod.' },
  { name: 'keep-labels', type: 'bool', usage: 'If true, keep the original pod labels.' },
  { name: 'keep-liveness', type: 'bool', usage: 'If true, keep the original pod liveness probes.' },
  { name: 'keep-readiness', type: 'bool', usage: 'If true, keep the original pod readiness probes.' },
  { name: 'keep-startup', type: 'bool', usage: 'If true, keep the original startup probes.' },
  { name: 'profile', type: 'string', default: 'legacy', usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
  { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress informational messages.' },
  { name: 'replace', type: 'bool', usage: 'When used with \'--copy-to\', delete the original Pod.' },
  { name: 'same-node', type: 'bool', usage: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
  { name: 'set-image', type: 'stringArray', usage: 'When used with \'--copy-to\', a list of name=image pairs for changing container images.' },
  { name: 'share-processes', type: 'bool', default: true, usage: "When used with '--copy-to', enable process namespace sharing in the copy." },
  { name: 'stdin', shorthand: 'i', type: 'bool', usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
  { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
  { name: 'tty', shorthand: 't', type: 'bool', usage: 'Allocate a TTY for the debugging container.' },
];

export function debugCommand(env: Env): Command {
  return { name: 'debug', short: 'Create debugging sessions for troubleshooting workloads and nodes', use: '(POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]', flags: DEBUG_FLAGS, validateArgs: () => {}, run: (ctx) => runDebug(env, ctx) };
}

/** Run the virtual clock until the container runs (kubectl waits for it), or give up. */
function waitRunning(env: Env, w: SimWorld, ns: string, name: string, container: string): ExecTarget {
  const deadline = env.now() + ATTACH_WAIT_MS;
  const warned = new Set<string>();
  for (;;) {
    env.settle();
    const pod = env.api.tryGet<Pod>('pods', ns, name);
    if (!pod) throw new KubectlError(`pods "${name}" not found`);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`pod ${name} terminated (${pod.status?.reason ?? 'Error'})`);
    const found = execTarget(w, pod, container);
    if (found.ok) return found.target;
    const waiting = pod.status?.containerStatuses?.find((c) => c.name === container)?.state.waiting;
    if (waiting?.message && !warned.has(waiting.message)) {
      // waitForContainer prints the waiting messages as warnings and keeps waiting.
      warned.add(waiting.message);
      env.err(`Warning: container ${container}: ${waiting.message}\n`);
    }
    if (env.now() >= deadline) {
      throw new KubectlError(`Clusterlab: the container did not start within ${ATTACH_WAIT_MS / 60_000} minutes of virtual time (kubectl would keep waiting; see kubectl describe pod ${name} -n ${ns})`);
    }
    env.cluster.clock.advance(500);
  }
}

function runDebug(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const dash = ctx.argsLenAtDash;
  const targets = dash >= 0 ? ctx.args.slice(0, dash) : ctx.args;
  const command = dash >= 0 ? ctx.args.slice(dash) : [];
  if (targets.length === 0) throw new UsageError(ctx.path, 'NAME is required for debug');
  const target = targets[0];
  const m = /^(?:node|nodes|no)\/(.+)$/.exec(target);
  if (!m) throw new KubectlError('"kubectl debug" of pods (ephemeral containers, --copy-to) is not available in Clusterlab\'s terminal yet; node debugging is: kubectl debug node/<node> -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0');
  const image = f.string('image');
  if (!image) throw new KubectlError('--image is required for node debugging');
  const profile = f.string('profile');
  if (!f.isChanged('profile') && !f.bool('quiet')) env.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  if (!['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'].includes(profile)) throw new KubectlError(`unknown profile: ${profile}`);
  const nodeName = m[1];
  env.api.get('nodes', undefined, nodeName); // NotFound as the server says it
  const ns = env.config(f).namespace;
  const existing = env.api.list<Pod>('pods', { namespace: ns }).items.length;
  const name = `node-debugger-${nodeName}-${suffix(`${nodeName}:${env.now()}:${existing}`, 5)}`;
  const containerName = f.string('container') || 'debugger';
  const stdin = f.bool('stdin');
  const tty = f.bool('tty');
  // generateNodeDebugPod, then the profile's applier for a node (kubectl's debug/profiles.go).
  const container: Record<string, unknown> = { name: containerName, image, stdin, tty, terminationMessagePolicy: 'File' };
  if (command.length) container[f.bool('arguments-only') ? 'args' : 'command'] = command;
  if (f.string('image-pull-policy')) container.imagePullPolicy = f.string('image-pull-policy');
  const envs = f.strings('env');
  if (envs.length) container.env = envs.map((e) => ({ name: e.split('=')[0], value: e.slice(e.indexOf('=') + 1) }));
  const podSpec: Record<string, unknown> = { containers: [container], nodeName, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] };
  if (['legacy', 'general', 'sysadmin'].includes(profile)) {
    podSpec.volumes = [{ name: 'host-root', hostPath: { path: '/' } }];
    container.volumeMounts = [{ name: 'host-root', mountPath: '/host' }];
  }
  if (['legacy', 'general', 'netadmin', 'sysadmin'].includes(profile)) Object.assign(podSpec, { hostNetwork: true, hostPID: true, hostIPC: true });
  if (profile === 'sysadmin') container.securityContext = { privileged: true };
  if (profile === 'netadmin') container.securityContext = { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } };
  if (profile === 'restricted') container.securityContext = { runAsNonRoot: true, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false, seccompProfile: { type: 'RuntimeDefault' } };
  env.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: podSpec }, { namespace: ns, actor: 'kubectl' });
  env.out(`Creating debugging pod ${name} with container ${containerName} on node ${nodeName}.\n`);
  const attach = f.isChanged('attach') ? f.bool('attach') : stdin;
  if (!attach) return;
  const w = world(env);
  const t = waitRunning(env, w, ns, name, containerName);
  if (!f.bool('quiet')) env.err("If you don't see a command prompt, try pressing enter.\n");
  const program = command[0] ?? 'sh';
  if (command.length && !SHELLS.has(program.split('/').pop()!) && program !== 'chroot') {
    // A one-shot command attached to the container's output.
    const r = runOnce(t, command, tty);
    env.out(r.out + r.err);
    agentOf(w, t).kubelet.stdinClosed(t.rec.uid, containerName, r.code);
    return;
  }
  const s = ShellSession.inContainer(w, t, program === 'chroot' ? 'sh' : program);
  if (program === 'chroot') s.input(command.join(' '));
  const alive = () => {
    const now = env.api.tryGet<Pod>('pods', ns, name);
    return !!now && now.metadata.uid === t.pod.metadata.uid && execTarget(w, now, containerName).ok;
  };
  env.session = session(
    s,
    (code) => {
      // The shell was the container's main process: it exits, and so does the pod (restartPolicy Never).
      agentOf(w, t).kubelet.stdinClosed(t.rec.uid, containerName, code);
      env.settle();
      return {};
    },
    alive,
  );
}

function agentOf(w: SimWorld, t: ExecTarget) {
  return w.nodes.get(t.node)!;
}

// ------------------------------------------------------------------ node-shell (kubectl plugin)

/** The kvaps/kubectl-node-shell plugin: a privileged pod that nsenters the node's PID 1. */
export function nodeShellCommand(env: Env): Command {
  return {
    name: 'node-shell',
    short: 'Spawn a root shell on a node (kubectl plugin)',
    hidden: true,
    use: '<node> [-- command]',
    flags: [],
    validateArgs: () => {},
    run: (ctx) => runNodeShell(env, ctx),
  };
}

function runNodeShell(env: Env, ctx: RunContext): void {
  const node = ctx.args[0];
  if (!node) raw(env, 'Please specify node name');
  env.api.get('nodes', undefined, node);
  const ns = env.config(ctx.flags).namespace;
  const existing = env.api.list<Pod>('pods', { namespace: ns }).items.length;
  const name = `nsenter-${suffix(`nsenter:${node}:${env.now()}:${existing}`, 6, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: {
      nodeName: node,
      hostPID: true,
      hostNetwork: true,
      hostIPC: true,
      containers: [
        {
          name: 'nsenter',
          image: 'docker.io/library/alpine',
          securityContext: { privileged: true },
          stdin: true,
          stdinOnce: true,
          tty: true,
          command: ['nsenter', '--target', '1', '--mount', '--uts', '--ipc', '--net', '--pid', '--', 'bash', '-l'],
          resources: { limits: { cpu: '100m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
        },
      ],
      tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoExecute', operator: 'Exists' }],
      restartPolicy: 'Never',
    },
  };
  env.api.create('pods', pod, { namespace: ns, actor: 'kubectl' });
  env.out(`spawning "${name}" on "${node}"\n`);
  const w = world(env);
  waitRunning(env, w, ns, name, 'nsenter');
  const s = ShellSession.onNode(w, node);
  const cleanup = () => {
    // The plugin's trap deletes its pod when the shell ends.
    try {
      env.api.delete('pods', ns, name, {}, { actor: 'kubectl' } as never);
    } catch {
      // already gone
    }
    env.settle();
    return { stdout: `pod "${name}" deleted\n` };
  };
  const cmd = ctx.argsLenAtDash >= 0 ? ctx.args.slice(ctx.argsLenAtDash) : [];
  if (cmd.length) {
    const r = s.input(cmd.join(' '));
    env.out(r.output);
    env.out(cleanup().stdout);
    return;
  }
  env.session = session(s, () => cleanup());
}

// ------------------------------------------------------------------ port-forward

const PF_FLAGS: FlagDef[] = [
  { name: 'address', type: 'stringSlice', default: ['localhost'], usage: 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.' },
  { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
];

export function portForwardCommand(env: Env): Command {
  return { name: 'port-forward', short: 'Forward one or more local ports to a pod', use: 'TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]', flags: PF_FLAGS, validateArgs: () => {}, run: (ctx) => runPortForward(env, ctx) };
}

function runPortForward(env: Env, ctx: RunContext): void {
  if (ctx.args.length < 2) throw new UsageError(ctx.path, 'TYPE/NAME and list of ports are required for port-forward');
  const ns = env.config(ctx.flags).namespace;
  const [target, ...specs] = ctx.args;
  let svc: Service | undefined;
  if (/^(svc|service|services)\//.test(target)) svc = env.api.get<Service>('services', ns, target.split('/')[1]);
  const pod = podFor(env, ns, target);
  const ports: { local: number; remote: number }[] = [];
  for (const spec of specs) {
    const [l, r] = spec.includes(':') ? spec.split(':') : [spec, spec];
    let remote = Number(r);
    if (svc) {
      // A Service port is translated to its targetPort (a name is looked up in the pod's containers).
      const sp = (svc.spec.ports ?? []).find((p) => String(p.port) === r || p.name === r);
      if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${r}`);
      const tp = sp.targetPort ?? sp.port;
      remote = typeof tp === 'number' ? tp : Number(pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === tp)?.containerPort ?? NaN);
    } else if (Number.isNaN(remote)) {
      const named = pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === r);
      if (!named) throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${r}'`);
      remote = named.containerPort;
    }
    const local = l === '' ? 0 : Number(l);
    if (!Number.isInteger(remote) || remote < 1 || remote > 65535 || !Number.isInteger(local) || local < 0 || local > 65535) throw new KubectlError(`Error parsing port ${spec}`);
    ports.push({ local: local === 0 ? remote : local, remote });
  }
  if (pod.status?.phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  for (const p of ports) env.out(`Forwarding from 127.0.0.1:${p.local} -> ${p.remote}\nForwarding from [::1]:${p.local} -> ${p.remote}\n`);
  const w = env.cluster.nodes && env.cluster.kubeProxy ? world(env) : undefined;
  const notes: string[] = [];
  for (const p of ports) {
    const listening = w ? findListener(w, pod, p.remote) : undefined;
    notes.push(
      listening
        ? `  127.0.0.1:${p.local} would reach container "${listening}" of pod ${pod.metadata.name}, which listens on port ${p.remote}.`
        : `  nothing in pod ${pod.metadata.name} listens on port ${p.remote}: each connection would fail with "connect: connection refused" inside the pod's network namespace.`,
    );
  }
  env.err(
    [
      '',
      'Clusterlab: this terminal runs in a browser tab, which cannot open ports on your computer,',
      `so nothing listens on 127.0.0.1:${ports.map((p) => p.local).join(', ')} and the forward stops here.`,
      'On a real cluster kubectl keeps running: each connection to the local port becomes a stream',
      `to the API server (pods/${pod.metadata.name}/portforward), which the API server relays to the kubelet on`,
      `${pod.spec.nodeName} (port 10250); the kubelet asks containerd to connect to localhost:<port> inside the`,
      "pod's network namespace. No Service and no kube-proxy rule is involved.",
      ...notes,
      'To reach the pod from inside the cluster here, use: kubectl exec <pod> -- wget -qO- http://<ip>:<port>',
      '',
    ].join('\n'),
  );
  throw new SilentExit(1);
}

function findListener(w: SimWorld, pod: Pod, port: number): string | undefined {
  const rec = pod.spec.nodeName ? w.nodes.get(pod.spec.nodeName)?.kubelet.pods.find((r) => r.uid === pod.metadata.uid) : undefined;
  return rec?.containers.find((c) => c.snap.value === 'running' && c.program?.ports.includes(port) && c.program.listenAt <= w.clock.now())?.spec.name;
}
