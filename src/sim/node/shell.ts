// A tiny busybox `sh` for simulated containers: enough of the shell to honour the commands people
// put in pod specs (`sleep 3600`, `sh -c "echo hello; sleep 10"`, `while true; do date; sleep 5;
// done`, `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`, `exit 1`). A script is
// turned into a timeline on the virtual clock: what it prints when, which files exist when (for
// exec probes such as `cat /tmp/healthy`), and when it exits with which code. Nothing runs for
// real: timelines are computed on demand from the container's start time.

export interface ShellEnv {
  hostname: string;
  env: Record<string, string>;
}

export type ShellEvent =
  | { at: number; kind: 'line'; text: string }
  | { at: number; kind: 'file'; path: string; exists: boolean }
  | { at: number; kind: 'exit'; code: number }
  | { at: number; kind: 'forever' };

type Cmd =
  | { t: 'simple'; argv: string[] }
  | { t: 'and' | 'or'; a: Cmd; b: Cmd }
  | { t: 'while'; cond: Cmd[]; body: Cmd[]; until: boolean }
  | { t: 'for'; name: string; items: string[]; body: Cmd[] }
  | { t: 'if'; cond: Cmd[]; then: Cmd[]; else: Cmd[] };

/** Split a script into words and operators, honouring quotes. Quoted words keep a marker to skip expansion of single quotes. */
function tokenize(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let i = 0;
  const push = () => {
    if (has) out.push(cur);
    cur = '';
    has = false;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      const end = j < 0 ? src.length : j;
      cur += src.slice(i + 1, end).replace(/\$/g, '\u0000');
      has = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          cur += src[j + 1];
          j += 2;
        } else cur += src[j++];
      }
      has = true;
      i = j + 1;
    } else if (c === '\\' && i + 1 < src.length) {
      cur += src[i + 1];
      has = true;
      i += 2;
    } else if (c === '#' && !has) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === ';' || c === '\n') {
      push();
      out.push(';');
      i++;
    } else if ((c === '&' || c === '|') && src[i + 1] === c) {
      push();
      out.push(c + c);
      i += 2;
    } else if (c === '&' || c === '|') {
      // background jobs and pipes: run the parts one after the other (close enough for logs)
      push();
      out.push(';');
      i++;
    } else if (c === '$' && src[i + 1] === '(' && src[i + 2] !== '(') {
      const j = src.indexOf(')', i);
      const end = j < 0 ? src.length : j;
      cur += src.slice(i, end + 1);
      has = true;
      i = end + 1;
    } else if (c === ' ' || c === '\t') {
      push();
      i++;
    } else {
      cur += c;
      has = true;
      i++;
    }
  }
  push();
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: string[]) {}
  private peek(): string | undefined {
    return this.toks[this.i];
  }
  private skipSeps(): void {
    while (this.peek() === ';') this.i++;
  }
  /** Commands until one of the stop words (do, done, then, else, fi) at command position. */
  list(stops: string[]): Cmd[] {
    const cmds: Cmd[] = [];
    for (;;) {
      this.skipSeps();
      const t = this.peek();
      if (t === undefined || stops.includes(t)) return cmds;
      cmds.push(this.andOr());
    }
  }
  private andOr(): Cmd {
    let left = this.command();
    while (this.peek() === '&&' || this.peek() === '||') {
      const op = this.toks[this.i++] === '&&' ? 'and' : 'or';
      left = { t: op, a: left, b: this.command() };
    }
    return left;
  }
  private expect(word: string): void {
    this.skipSeps();
    if (this.peek() === word) this.i++;
  }
  private command(): Cmd {
    const t = this.peek();
    if (t === 'while' || t === 'until') {
      this.i++;
      const cond = this.list(['do']);
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { t: 'while', cond, body, until: t === 'until' };
    }
    if (t === 'for') {
      this.i++;
      const name = this.toks[this.i++] ?? 'i';
      const items: string[] = [];
      if (this.peek() === 'in') {
        this.i++;
        while (this.peek() !== undefined && this.peek() !== ';' && this.peek() !== 'do') items.push(this.toks[this.i++]);
      }
      this.expect('do');
      const body = this.list(['done']);
      this.expect('done');
      return { t: 'for', name, items, body };
    }
    if (t === 'if') {
      this.i++;
      const cond = this.list(['then']);
      this.expect('then');
      const then = this.list(['else', 'fi', 'elif']);
      let els: Cmd[] = [];
      if (this.peek() === 'else') {
        this.i++;
        els = this.list(['fi']);
      }
      this.expect('fi');
      return { t: 'if', cond, then, else: els };
    }
    const argv: string[] = [];
    while (this.peek() !== undefined && !([';', '&&', '||'] as (string | undefined)[]).includes(this.peek())) {
      const w = this.peek()!;
      if (argv.length === 0 && ['do', 'done', 'then', 'else', 'fi'].includes(w)) break;
      argv.push(w);
      this.i++;
    }
    return { t: 'simple', argv };
  }
}

export function parseScript(src: string): Cmd[] {
  return new Parser(tokenize(src)).list([]);
}

/** Seconds of a `sleep` argument: 10, 1.5, 2m, 1h, infinity. */
function sleepMs(arg: string | undefined): number {
  if (!arg) return 0;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * mult * 1000;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox `date`: `Wed Jan  1 00:00:05 UTC 2025`. */
export function busyboxDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** Commands that succeed silently (their effect is outside what the simulation models). */
const QUIET = new Set(['wget', 'curl', 'nc', 'nslookup', 'ping', 'ls', 'cp', 'mv', 'ps', 'id', 'kill', 'trap', 'cd', 'export', 'set', 'mkfifo', 'chmod', 'chown', 'ln', 'test', '[', 'read', 'wait', 'sync', 'mount', 'dd', 'tee', 'grep', 'head', 'tr', 'sed', 'awk', 'sort', 'uniq', 'wc', 'cut', 'xargs', 'seq', 'yes', 'stress', 'apk', 'apt-get', 'pip', 'npm']);

const MAX_EVENTS = 200_000;

/**
 * Run a script from `startMs` (absolute virtual ms), yielding what happens at which instant.
 * Infinite scripts are generated lazily; callers stop reading when they have seen enough.
 */
export function* runScript(cmds: Cmd[], startMs: number, sh: ShellEnv): Generator<ShellEvent> {
  let now = startMs;
  let emitted = 0;
  const vars: Record<string, string> = { ...sh.env, HOSTNAME: sh.hostname, HOME: '/root', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
  let lastCode = 0;
  let exited = false;

  const expand = (w: string): string =>
    w
      .replace(/\$\(date[^)]*\)|`date`/g, () => busyboxDate(now))
      .replace(/\$\(hostname\)|`hostname`/g, sh.hostname)
      .replace(/\$\{(\w+)\}|\$(\w+|\?)/g, (_, a, b) => {
        const name = a ?? b;
        if (name === '?') return String(lastCode);
        return vars[name] ?? '';
      })
      .replace(/\u0000/g, '$');

  function* simple(argv0: string[]): Generator<ShellEvent, number> {
    if (argv0.length === 0) return 0;
    const argv = argv0.map(expand);
    const [cmd0, ...args] = argv;
    const assign = /^(\w+)=(.*)$/.exec(cmd0);
    if (assign && args.length === 0) {
      vars[assign[1]] = assign[2];
      return 0;
    }
    const cmd = cmd0.split('/').pop()!;
    switch (cmd) {
      case 'echo': {
        const rest = args.filter((a, i) => !(i === 0 && (a === '-n' || a === '-e')));
        yield { at: now, kind: 'line', text: rest.join(' ') };
        return 0;
      }
      case 'printf': {
        const text = (args[0] ?? '').replace(/%s/g, () => args[1] ?? '').replace(/\\n$/, '');
        for (const l of text.split('\\n')) yield { at: now, kind: 'line', text: l };
        return 0;
      }
      case 'sleep': {
        const ms = sleepMs(args[0]);
        if (ms === Infinity) {
          yield { at: now, kind: 'forever' };
          return 0;
        }
        now += ms;
        return 0;
      }
      case 'date':
        yield { at: now, kind: 'line', text: busyboxDate(now) };
        return 0;
      case 'hostname':
        yield { at: now, kind: 'line', text: sh.hostname };
        return 0;
      case 'uname':
        yield { at: now, kind: 'line', text: args.includes('-a') ? `Linux ${sh.hostname} 5.15.0-1092-azure #101-Ubuntu SMP x86_64 GNU/Linux` : 'Linux' };
        return 0;
      case 'whoami':
        yield { at: now, kind: 'line', text: 'root' };
        return 0;
      case 'env':
      case 'printenv':
        for (const [k, v] of Object.entries(vars)) yield { at: now, kind: 'line', text: `${k}=${v}` };
        return 0;
      case 'true':
      case ':':
        return 0;
      case 'false':
        return 1;
      case 'exit': {
        const code = args[0] === undefined ? lastCode : Number(args[0]) & 255;
        yield { at: now, kind: 'exit', code };
        exited = true;
        return code;
      }
      case 'touch':
      case 'mkdir':
        for (const a of args.filter((a) => !a.startsWith('-'))) yield { at: now, kind: 'file', path: a, exists: true };
        return 0;
      case 'rm':
      case 'rmdir':
        for (const a of args.filter((a) => !a.startsWith('-'))) yield { at: now, kind: 'file', path: a, exists: false };
        return 0;
      case 'cat':
        return 0; // contents are not modelled; exec probes check existence through fileExists
      case 'tail':
        if (args.includes('-f')) {
          yield { at: now, kind: 'forever' };
          return 0;
        }
        return 0;
      case 'sh':
      case 'ash':
      case 'bash':
        if (args[0] === '-c' && args[1] !== undefined) {
          const inner = runScript(parseScript(args[1]), now, { ...sh, env: vars });
          for (const e of inner) {
            if (e.kind === 'exit') {
              now = e.at;
              return e.code;
            }
            yield e;
            if (e.kind === 'forever') return 0;
          }
        }
        return 0;
      default:
        if (QUIET.has(cmd)) return 0;
        yield { at: now, kind: 'line', text: `sh: ${cmd0}: not found` };
        return 127;
    }
  }

  function* list(cmds: Cmd[]): Generator<ShellEvent, number> {
    let code = 0;
    for (const c of cmds) {
      code = yield* one(c);
      lastCode = code;
      if (exited) return code;
    }
    return code;
  }

  function* one(c: Cmd): Generator<ShellEvent, number> {
    switch (c.t) {
      case 'simple':
        return yield* simple(c.argv);
      case 'and': {
        const a = yield* one(c.a);
        if (exited || a !== 0) return a;
        return yield* one(c.b);
      }
      case 'or': {
        const a = yield* one(c.a);
        if (exited || a === 0) return a;
        return yield* one(c.b);
      }
      case 'if': {
        const cond = yield* list(c.cond);
        if (exited) return cond;
        return yield* list(cond === 0 ? c.then : c.else);
      }
      case 'for': {
        let code = 0;
        for (const item of c.items.flatMap((w) => expand(w).split(/\s+/).filter(Boolean))) {
          vars[c.name] = item;
          code = yield* list(c.body);
          if (exited) return code;
        }
        return code;
      }
      case 'while': {
        let code = 0;
        for (;;) {
          const before = now;
          const cond = yield* list(c.cond);
          if (exited) return cond;
          if ((cond === 0) === c.until) return code;
          code = yield* list(c.body);
          if (exited) return code;
          // A loop that takes no time would spin forever at one instant: give it 1 s per turn.
          if (now === before) now += 1000;
          if (++emitted > MAX_EVENTS) {
            yield { at: now, kind: 'forever' };
            return code;
          }
        }
      }
    }
  }

  const code = yield* list(cmds);
  if (!exited) yield { at: now, kind: 'exit', code };
}

/** The argv a container runs: `command` replaces the entrypoint, `args` the image's CMD. */
export function containerArgv(command: string[] | undefined, args: string[] | undefined, imageCmd: string[]): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  if (args && args.length) return args;
  return imageCmd;
}

/** A script for an argv: `sh -c "..."` is the script itself; anything else is one simple command. */
export function scriptFor(argv: string[]): Cmd[] {
  const prog = (argv[0] ?? '').split('/').pop();
  if ((prog === 'sh' || prog === 'ash' || prog === 'bash') && argv[1] === '-c') return parseScript(argv[2] ?? '');
  // `sh` without -c reads commands from stdin, which a container does not have: it exits at once.
  if (prog === 'sh' || prog === 'ash' || prog === 'bash') return [];
  return [{ t: 'simple', argv: argv.map((a) => a.replace(/\$/g, '\u0000')) }];
}
