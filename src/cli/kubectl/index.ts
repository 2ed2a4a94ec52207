// A headless kubectl: run a command line against a simulated cluster and get back exactly what
// kubectl v1.32 prints (stdout, stderr, exit code). No Node APIs: the same engine runs in tests,
// in the browser's simulation worker and behind `window.clusterlab.kubectl`.
//
//   const kubectl = new Kubectl({ cluster });
//   kubectl.run('get pods -A')   // { stdout, stderr, exitCode }

import { checkErr, KubectlError, SilentExit } from './errors';
import { allFlags, commandPath, findCommand, helpText, parseCommandFlags, type Command, type RunContext } from './command';
import { Env, type ClusterLike } from './env';
import { defaultKubeConfig, type KubeConfig } from './kubeconfig';
import { rootCommand } from './root';
import type { InteractiveSession, SessionOutput } from './session';
import { ShellSyntaxError, splitWords } from './shellwords';
import type { EditRequest } from './cmd/edit';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** An interactive session the command opened (`exec -it`, `debug -it`): send it lines with `input`. */
  session?: { id: number; prompt: string };
  /** `kubectl edit`: the text kubectl would open in $EDITOR, for the app's manifest editor. */
  edit?: EditRequest;
}

/**
 * The command tree, for Tab completion: by command path without `kubectl` ('' is the root,
 * 'rollout status' a subcommand), the visible subcommands and every flag (`--name`, `-x`).
 */
export interface CommandTree {
  subcommands: Record<string, string[]>;
  flags: Record<string, string[]>;
}

export interface KubectlOptions {
  cluster: ClusterLike;
  /** The API server URL kubectl shows (cluster-info, config view); default https://clusterlab:6443. */
  server?: string;
  /** Start from this kubeconfig instead of the default one (it is changed in place by `config`). */
  kubeconfig?: KubeConfig;
  /** Files `-f` can read, by path (the editor's saved files). */
  files?: ReadonlyMap<string, string> | Record<string, string>;
}

export class Kubectl {
  readonly kubeconfig: KubeConfig;
  private readonly files: ReadonlyMap<string, string>;
  private readonly sessions = new Map<number, InteractiveSession>();
  private nextSession = 1;

  /** The last line's stdout and stderr interleaved as written (see runInTerminal). */
  private lastOutput = '';

  constructor(private readonly opts: KubectlOptions) {
    this.kubeconfig = opts.kubeconfig ?? defaultKubeConfig(opts.server ?? 'https://clusterlab:6443');
    const files = opts.files ?? new Map<string, string>();
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }

  /**
   * Run one command line. The first word may be `kubectl` or the `k` alias; without it the line
   * is taken as kubectl's arguments. `stdin` feeds `-f -`.
   */
  run(line: string, stdin?: string): KubectlResult {
    let words: string[];
    try {
      words = splitWords(line);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        this.lastOutput = `bash: ${e.message}\n`;
        return { stdout: '', stderr: this.lastOutput, exitCode: 2 };
      }
      throw e;
    }
    if (words[0] === 'kubectl' || words[0] === 'k') words = words.slice(1);
    return this.exec(words, stdin);
  }

  /**
   * `run`, plus what a terminal shows: stdout and stderr interleaved in the order kubectl wrote
   * them (warnings come before the lines that follow them, not after all of stdout).
   */
  runInTerminal(line: string, stdin?: string): KubectlResult & { output: string } {
    const r = this.run(line, stdin);
    return { ...r, output: this.lastOutput };
  }

  /** Run kubectl with these arguments (no shell parsing). */
  exec(args: string[], stdin?: string): KubectlResult {
    const env = new Env(this.opts.cluster, this.kubeconfig, this.files, stdin);
    let exitCode = 0;
    try {
      execute(env, args);
    } catch (e) {
      if (!(e instanceof Error) || e.name === 'TypeError' || e.name === 'RangeError' || e.name === 'ReferenceError') {
        // A bug in this engine: report it like a crash rather than pretending kubectl said it.
        env.err(`error: internal error in Clusterlab's kubectl: ${e instanceof Error ? e.message : String(e)}\n`);
        exitCode = 1;
      } else {
        const r = checkErr(e);
        env.err(r.stderr);
        exitCode = r.exitCode;
      }
    }
    this.lastOutput = env.streams.output;
    const result: KubectlResult = { stdout: env.streams.out, stderr: env.streams.err, exitCode };
    if (env.edit) result.edit = env.edit;
    if (env.session) {
      const id = this.nextSession++;
      this.sessions.set(id, env.session);
      result.session = { id, prompt: env.session.prompt };
    }
    return result;
  }

  /** The commands and flags this kubectl knows (what its completion offers). */
  commandTree(): CommandTree {
    const tree: CommandTree = { subcommands: {}, flags: {} };
    const walk = (c: Command, path: string) => {
      const visible = (c.commands ?? []).filter((sub) => !sub.hidden);
      if (visible.length) tree.subcommands[path] = visible.map((sub) => sub.name).sort();
      tree.flags[path] = allFlags(c).flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])]).sort();
      for (const sub of c.commands ?? []) walk(sub, path ? `${path} ${sub.name}` : sub.name);
    };
    walk(rootCommand(new Env(this.opts.cluster, this.kubeconfig, this.files, undefined)), '');
    return tree;
  }

  /** Send one line to an open interactive session; the result says whether it is still open. */
  input(sessionId: number, line: string): KubectlResult {
    const s = this.sessions.get(sessionId);
    if (!s) return { stdout: '', stderr: `error: session ${sessionId} has ended\n`, exitCode: 1 };
    let r: SessionOutput;
    try {
      r = s.input(line);
    } catch (e) {
      this.sessions.delete(sessionId);
      return { stdout: '', stderr: `error: internal error in Clusterlab's shell: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
    }
    const out: KubectlResult = { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    if (r.prompt === undefined) this.sessions.delete(sessionId);
    else out.session = { id: sessionId, prompt: r.prompt };
    return out;
  }

  /** Command names an open session's shell knows (Tab completion). */
  sessionCommands(sessionId: number): string[] {
    return this.sessions.get(sessionId)?.commandNames() ?? [];
  }
}

/** cobra's Execute for the kubectl root, with kubectl's plugin-lookup wording for bad first flags. */
function execute(env: Env, args: string[]): void {
  const root = rootCommand(env);
  const found = findCommand(root, args);
  if (found.error && args.length > 0 && args[0] !== 'help' && args[0].startsWith('-')) {
    // kubectl's plugin handler runs before cobra when no command matched.
    env.err(`Error: flags cannot be placed before plugin name: ${args[0]}\n`);
    throw new SilentExit(1);
  }
  if (found.error) throw new KubectlError(found.error);
  const cmd = found.cmd;
  const parsed = parseCommandFlags(cmd, found.args);
  const ctx: RunContext = { cmd, path: commandPath(cmd), flags: parsed.flags, args: parsed.args, argsLenAtDash: parsed.argsLenAtDash };
  if (parsed.help) {
    env.out(helpText(cmd));
    return;
  }
  if (!cmd.run) {
    env.out(helpText(cmd));
    return;
  }
  if (cmd.validateArgs) cmd.validateArgs(ctx);
  else if ((cmd.commands ?? []).length > 0 && ctx.args.length > 0 && cmd.parent) {
    throw new KubectlError(`unknown command ${JSON.stringify(ctx.args[0])} for ${JSON.stringify(ctx.path)}`);
  }
  cmd.run(ctx);
}

export { defaultKubeConfig, type KubeConfig } from './kubeconfig';
export type { ClusterLike } from './env';
