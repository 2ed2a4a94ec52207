// The interactive shell behind `kubectl exec -it` and node shells: one command line at a time,
// with quotes, $VARS, `;`, `&&`, `||` and pipes (`ps aux | grep kubelet`). What each command does
// is supplied by the caller (container shell, node shell); this file only runs lines.

export interface CmdResult {
  out: string;
  err: string;
  code: number;
}

/** A command: argv (expanded), what the previous pipe stage printed, and the shell itself. */
export type CommandFn = (argv: string[], stdin: string, sh: MiniShell) => CmdResult;

export interface LineResult extends CmdResult {
  /** Set when the line ran `exit`: the session is over, with this code. */
  exit?: number;
}

export const ok = (out = ''): CmdResult => ({ out, err: '', code: 0 });
export const fail = (err: string, code = 1): CmdResult => ({ out: '', err, code });

type Token = { op: ';' | '&&' | '||' | '|' } | { word: string };

/** Words and operators of one line; single quotes stop $ expansion (marked with \u0000). */
export function tokenizeLine(line: string): Token[] | string {
  const out: Token[] = [];
  let cur = '';
  let has = false;
  const push = () => {
    if (has) out.push({ word: cur });
    cur = '';
    has = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) return 'Syntax error: Unterminated quoted string';
      cur += line.slice(i + 1, j).replace(/\$/g, '\u0000');
      has = true;
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        // Inside double quotes a backslash only escapes $ ` " \ (so "\n" stays as typed).
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\'.includes(line[j + 1])) {
          j++;
          cur += line[j++].replace('$', '\u0000');
          continue;
        }
        cur += line[j++];
      }
      if (j >= line.length) return 'Syntax error: Unterminated quoted string';
      has = true;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i].replace('$', '\u0000');
      has = true;
    } else if (c === '#' && !has) {
      break;
    } else if (c === ';' || c === '\n') {
      push();
      out.push({ op: ';' });
    } else if ((c === '&' || c === '|') && line[i + 1] === c) {
      push();
      out.push({ op: c === '&' ? '&&' : '||' });
      i++;
    } else if (c === '|') {
      push();
      out.push({ op: '|' });
    } else if (c === '&') {
      push();
      out.push({ op: ';' }); // background jobs run in the foreground here
    } else if (c === ' ' || c === '\t') {
      push();
    } else {
      cur += c;
      has = true;
    }
  }
  push();
  return out;
}

export interface MiniShellOptions {
  /** `sh: foo: not found` (busybox), `sh: 1: foo: not found` (dash), `bash: foo: command not found`. */
  notFound: (cmd: string) => string;
  commands: Record<string, CommandFn>;
  vars: Record<string, string>;
  cwd: string;
}

export class MiniShell {
  readonly vars: Record<string, string>;
  cwd: string;
  lastCode = 0;
  commands: Record<string, CommandFn>;
  notFound: (cmd: string) => string;

  constructor(opts: MiniShellOptions) {
    this.vars = { ...opts.vars };
    this.cwd = opts.cwd;
    this.commands = opts.commands;
    this.notFound = opts.notFound;
  }

  private expand(w: string): string {
    return w
      .replace(/\$\{(\w+)\}|\$(\w+|\?)/g, (_, a: string | undefined, b: string | undefined) => {
        const name = a ?? b!;
        if (name === '?') return String(this.lastCode);
        return this.vars[name] ?? '';
      })
      .replace(/\u0000/g, '$')
      .replace(/^~(?=\/|$)/, this.vars.HOME ?? '/root');
  }

  /** Run one command line. */
  run(line: string): LineResult {
    const toks = tokenizeLine(line);
    if (typeof toks === 'string') return { out: '', err: `${this.notFound('').split(':')[0]}: ${toks}\n`, code: 2 };
    let out = '';
    let err = '';
    let code = this.lastCode;
    // Split into and-or lists of pipelines.
    let i = 0;
    let skip = false;
    while (i < toks.length) {
      const pipeline: string[][] = [[]];
      while (i < toks.length && !('op' in toks[i] && (toks[i] as { op: string }).op !== '|')) {
        const t = toks[i++];
        if ('op' in t) pipeline.push([]);
        else pipeline[pipeline.length - 1].push(t.word);
      }
      const sep = i < toks.length ? (toks[i++] as { op: string }).op : ';';
      if (!skip && pipeline.some((p) => p.length > 0)) {
        let stdin = '';
        for (const stage of pipeline) {
          const r = this.runOne(stage.map((w) => this.expand(w)), stdin);
          if ('exit' in r && r.exit !== undefined) return { out: out + r.out, err: err + r.err, code: r.exit, exit: r.exit };
          err += r.err;
          stdin = r.out;
          code = r.code;
        }
        out += stdin;
        this.lastCode = code;
      }
      skip = (sep === '&&' && code !== 0) || (sep === '||' && code === 0);
    }
    return { out, err, code };
  }

  private runOne(argv: string[], stdin: string): CmdResult & { exit?: number } {
    if (argv.length === 0) return ok();
    const assign = /^([A-Za-z_]\w*)=(.*)$/.exec(argv[0]);
    if (assign && argv.length === 1) {
      this.vars[assign[1]] = assign[2];
      return ok();
    }
    const name = argv[0];
    if (name === 'exit') {
      const code = argv[1] === undefined ? this.lastCode : Number(argv[1]) & 255;
      return { ...ok(), exit: Number.isNaN(code) ? 2 : code };
    }
    if (name === 'export') {
      for (const a of argv.slice(1)) {
        const m = /^([A-Za-z_]\w*)=(.*)$/.exec(a);
        if (m) this.vars[m[1]] = m[2];
      }
      return ok();
    }
    const fn = this.commands[name] ?? this.commands[name.split('/').pop()!];
    if (!fn || (name.includes('/') && !this.commands[name] && !name.startsWith('/'))) return fail(this.notFound(name) + '\n', 127);
    return fn(argv, stdin, this);
  }

  /** Command names for Tab completion. */
  commandNames(): string[] {
    return [...new Set([...Object.keys(this.commands).filter((c) => !c.includes('/')), 'exit', 'export'])].sort();
  }
}

// ------------------------------------------------------------------ filters shared by the shells

/** grep [-i] [-v] PATTERN (as a pipe filter or on text). */
export function grep(argv: string[], stdin: string): CmdResult {
  const flags = argv.slice(1).filter((a) => a.startsWith('-'));
  const pattern = argv.slice(1).find((a) => !a.startsWith('-'));
  if (pattern === undefined) return fail('Usage: grep [-iv] PATTERN [FILE]...\n', 2);
  const ci = flags.some((f) => f.includes('i'));
  const inv = flags.some((f) => f.includes('v'));
  let re: RegExp;
  try {
    re = new RegExp(pattern, ci ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ci ? 'i' : '');
  }
  const lines = stdin.split('\n').filter((l, i, a) => !(i === a.length - 1 && l === ''));
  const hit = lines.filter((l) => re.test(l) !== inv);
  return { out: hit.map((l) => l + '\n').join(''), err: '', code: hit.length ? 0 : 1 };
}

export function headTail(argv: string[], stdin: string, tail: boolean): CmdResult {
  let n = 10;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-n') n = Number(argv[++i]);
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a.startsWith('-n')) n = Number(a.slice(2));
  }
  const lines = stdin.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const pick = tail ? lines.slice(Math.max(0, lines.length - n)) : lines.slice(0, n);
  return ok(pick.map((l) => l + '\n').join(''));
}

export function wc(argv: string[], stdin: string): CmdResult {
  const lines = (stdin.match(/\n/g) ?? []).length;
  if (argv.includes('-l')) return ok(`${lines}\n`);
  const words = stdin.split(/\s+/).filter(Boolean).length;
  return ok(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(stdin.length).padStart(7)}\n`);
}

export const FILTERS: Record<string, CommandFn> = {
  grep: (a, s) => grep(a, s),
  head: (a, s) => headTail(a, s, false),
  tail: (a, s) => headTail(a, s, true),
  wc: (a, s) => wc(a, s),
  echo: (a) => ok((a[1] === '-n' ? a.slice(2).join(' ') : a.slice(1).join(' ') + '\n')),
  true: () => ok(),
  false: () => ({ out: '', err: '', code: 1 }),
  pwd: (_a, _s, sh) => ok(sh.cwd + '\n'),
  whoami: () => ok('root\n'),
  clear: () => ok('\x1b[H\x1b[2J'),
};
