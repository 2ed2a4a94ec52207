// The command tree and how a command line finds its command, as spf13/cobra does it for kubectl:
// Find strips flags to walk subcommand names, unknown commands get Levenshtein / prefix
// suggestions, each command parses its own flags plus the global ones, and errors come out as
// kubectl words them.

import { FlagError, parseFlags, takesNoValue, type FlagDef, type ParsedFlags } from './flags';
import { KubectlError, SilentExit, UsageError } from './errors';
import { HELP } from './helptext';

export interface RunContext {
  cmd: Command;
  /** `kubectl get`, as cobra's CommandPath. */
  path: string;
  flags: ParsedFlags;
  args: string[];
  /** Number of args before `--`, or -1. */
  argsLenAtDash: number;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** Names that suggest this command when typed (cobra SuggestFor). */
  suggestFor?: string[];
  hidden?: boolean;
  short?: string;
  /** The usage line after the command path, e.g. `[(-o|--output=)json|yaml|...] TYPE [NAME]`. */
  use?: string;
  flags?: FlagDef[];
  /** Flags inherited by subcommands (the root's global flags). */
  persistentFlags?: FlagDef[];
  commands?: Command[];
  /** cobra Args: validate positional args (throws). Without it, legacyArgs applies. */
  validateArgs?: (ctx: RunContext) => void;
  run?: (ctx: RunContext) => void;
  parent?: Command;
}

/** Link children to parents (once, when the tree is built). */
export function linkTree(c: Command): Command {
  for (const sub of c.commands ?? []) {
    sub.parent = c;
    linkTree(sub);
  }
  return c;
}

export function commandPath(c: Command): string {
  return c.parent ? `${commandPath(c.parent)} ${c.name}` : c.name;
}

const HELP_FLAG = (c: Command): FlagDef => ({ name: 'help', shorthand: 'h', type: 'bool', usage: `help for ${c.name}` });

/** Every flag a command accepts: its own, its ancestors' persistent ones, and --help. */
export function allFlags(c: Command): FlagDef[] {
  const out: FlagDef[] = [];
  // A command's own flag shadows an inherited one of the same name (and its shorthand).
  const add = (defs: FlagDef[] | undefined) => {
    for (const d of defs ?? []) if (!out.some((o) => o.name === d.name)) out.push(d);
  };
  add(c.flags);
  add(c.persistentFlags);
  for (let p = c.parent; p; p = p.parent) add(p.persistentFlags);
  add([HELP_FLAG(c)]);
  return out;
}

/** cobra's stripFlags: the words that are not flags or flag values. */
function stripFlags(args: string[], c: Command): string[] {
  const defs = allFlags(c);
  const commands: string[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s === '--') break;
    const longWithValue = s.startsWith('--') && !s.includes('=') && !takesNoValue(defs, s);
    const shortWithValue = !s.startsWith('--') && s.startsWith('-') && !s.includes('=') && s.length === 2 && !takesNoValue(defs, s);
    if (longWithValue || shortWithValue) {
      // '--flag arg' / '-f arg': drop the value, or stop if it is the last word.
      if (rest.length <= 1) break;
      rest.shift();
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

function findNext(c: Command, name: string): Command | undefined {
  return (c.commands ?? []).find((s) => s.name === name || (s.aliases ?? []).includes(name));
}

/** argsMinusFirstX: remove the first occurrence of the subcommand name that is not a flag value. */
function argsMinusFirstX(c: Command, args: string[], x: string): string[] {
  const defs = allFlags(c);
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos];
    if (s === '--') break;
    if (s.startsWith('-')) {
      if (!s.includes('=') && !takesNoValue(defs, s) && (s.startsWith('--') || s.length === 2)) pos++;
      continue;
    }
    if (s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return args;
}

export interface Found {
  cmd: Command;
  args: string[];
  error?: string;
}

/** cobra Command.Find. */
export function findCommand(root: Command, args: string[]): Found {
  let c = root;
  let a = args;
  for (;;) {
    const words = stripFlags(a, c);
    if (words.length === 0) break;
    const next = findNext(c, words[0]);
    if (!next) break;
    a = argsMinusFirstX(c, a, words[0]);
    c = next;
  }
  // legacyArgs: only the root complains about unknown subcommands here.
  if (!c.validateArgs && !c.parent && (c.commands ?? []).length > 0) {
    const words = stripFlags(a, c);
    if (words.length > 0) return { cmd: c, args: a, error: `unknown command ${JSON.stringify(words[0])} for ${JSON.stringify(commandPath(c))}${suggestions(c, words[0])}` };
  }
  return { cmd: c, args: a };
}

/** cobra's Levenshtein distance, case-insensitive. */
function ld(s: string, t: string): number {
  s = s.toLowerCase();
  t = t.toLowerCase();
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i, ...new Array(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      if (s[i - 1] === t[j - 1]) d[i][j] = d[i - 1][j - 1];
      else d[i][j] = Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[s.length][t.length];
}

/** "\n\nDid you mean this?\n\tget\n" or ''. */
export function suggestions(c: Command, typed: string): string {
  const out: string[] = [];
  for (const cmd of c.commands ?? []) {
    if (cmd.hidden) continue;
    if (ld(typed, cmd.name) <= 2 || cmd.name.toLowerCase().startsWith(typed.toLowerCase())) out.push(cmd.name);
    for (const s of cmd.suggestFor ?? []) if (s.toLowerCase() === typed.toLowerCase()) out.push(cmd.name);
  }
  return out.length ? `\n\nDid you mean this?\n${out.map((s) => `\t${s}\n`).join('')}` : '';
}

/** Parse the command's flags; flag errors read as kubectl's templater FlagErrorFunc words them. */
export function parseCommandFlags(c: Command, args: string[]): { flags: ParsedFlags; args: string[]; argsLenAtDash: number; help: boolean } {
  try {
    const r = parseFlags(allFlags(c), args);
    return { ...r, help: r.help || r.flags.bool('help') };
  } catch (e) {
    if (e instanceof FlagError) throw new KubectlError(`${e.message}\nSee '${commandPath(c)} --help' for usage.\n`);
    throw e;
  }
}

// ------------------------------------------------------------------ cobra.Args validators

export const noArgs = (ctx: RunContext): void => {
  if (ctx.args.length > 0) throw new KubectlError(`unknown command ${JSON.stringify(ctx.args[0])} for ${JSON.stringify(ctx.path)}`);
};

export const maximumNArgs =
  (n: number) =>
  (ctx: RunContext): void => {
    if (ctx.args.length > n) throw new KubectlError(`accepts at most ${n} arg(s), received ${ctx.args.length}`);
  };

export const exactArgs =
  (n: number) =>
  (ctx: RunContext): void => {
    if (ctx.args.length !== n) throw new KubectlError(`accepts ${n} arg(s), received ${ctx.args.length}`);
  };

/** kubectl's help page for a command (captured ones), or one generated from its definition. */
export function helpText(c: Command): string {
  const path = commandPath(c);
  if (HELP[path] !== undefined) return HELP[path];
  let out = '';
  if (c.short) out += `${c.short}.\n\n`;
  const subs = (c.commands ?? []).filter((s) => !s.hidden);
  if (subs.length) {
    out += 'Available Commands:\n';
    const w = Math.max(...subs.map((s) => s.name.length)) + 3;
    for (const s of subs) out += `  ${s.name.padEnd(w)}${s.short ?? ''}\n`;
    out += '\n';
  }
  const flags = [...(c.flags ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.length) {
    out += 'Options:\n';
    for (const f of flags) {
      const def = f.default ?? (f.type === 'bool' ? false : f.type.startsWith('int') ? 0 : f.type.endsWith('Slice') || f.type.endsWith('Array') ? [] : '');
      const shown = Array.isArray(def) ? `[${def.join(',')}]` : typeof def === 'string' ? `'${def}'` : String(def);
      out += `    ${f.shorthand ? `-${f.shorthand}, ` : ''}--${f.name}=${shown}:\n\t${f.usage ?? ''}\n\n`;
    }
  }
  out += `Usage:\n  ${path} ${c.use ?? (subs.length ? '[command]' : '[flags]')} [options]\n\n`;
  if (subs.length) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

/**
 * cmdutil.DefaultSubCommandRun, for groups like `config` and `create service`: no arguments
 * allowed, then the help page on stderr and exit code 1.
 */
export function defaultSubCommandRun(err: (s: string) => void) {
  return (ctx: RunContext): void => {
    if (ctx.args.length > 0) throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args[0])}`);
    err(helpText(ctx.cmd));
    throw new SilentExit(1);
  };
}
