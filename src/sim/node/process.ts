// What the main process of a simulated container does, from its image and its command/args:
// when it listens and on which ports, how it answers HTTP, when it exits by itself (with which
// code and reason), how it reacts to the stop signal, and the log lines it prints. Everything is
// a pure function of the start time, so nothing is stored per log line and nothing ticks.

import type { Container } from '../api/types';
import type { ImageEntry } from './images';
import { busyboxDate, containerArgv, runScript, scriptFor, type ShellEvent } from './shell';

export interface LogLine {
  at: number;
  text: string;
}

export interface HttpProbeHit {
  at: number;
  path: string;
  status: number;
  /** Source IP of the kubelet's probe (the node). */
  from: string;
}

export interface ProgramContext {
  hostname: string;
  podIP: string;
  nodeIP: string;
  env: Record<string, string>;
  memoryLimitBytes?: number;
}

export type ExitReason = 'Completed' | 'Error' | 'OOMKilled';

export interface Program {
  kind: string;
  /** When it exits by itself (absolute ms), or undefined when it runs until stopped. */
  exit?: { at: number; code: number; reason: ExitReason };
  /** TCP ports it listens on, from `listenAt` on. */
  ports: number[];
  listenAt: number;
  /** Answer to an HTTP GET (status), or undefined when the port does not speak HTTP. */
  http(port: number, path: string): number | undefined;
  /** How it takes the stop signal: exit at once with code 0, or carry on until SIGKILL (137). */
  onStop: 'exit' | 'ignore';
  /** The exec probe `argv` at time `at`: exit code and output. */
  exec(argv: string[], at: number): { code: number; output: string };
  /** Log lines from start until `until` (and its shutdown lines if it was stopped at `stoppedAt`). */
  logs(until: number, probeHits: () => HttpProbeHit[], stoppedAt?: number): LogLine[];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx error-log time: 2025/01/01 00:00:05 */
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Common log format time: 01/Jan/2025:00:00:05 +0000 */
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** redis time: 01 Jan 2025 00:00:05.123 */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** klog header time: 0101 00:00:05.123000 */
function klogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
}

function at(start: number, lines: string[], stepMs = 0): LogLine[] {
  return lines.map((text, i) => ({ at: start + i * stepMs, text }));
}

/** The binaries an image's own entrypoint answers to (a `command` naming one runs the image's program). */
const OWN_BINARIES: Record<string, string[]> = {
  nginx: ['nginx', '/docker-entrypoint.sh'],
  httpd: ['httpd', 'httpd-foreground'],
  redis: ['redis-server', 'docker-entrypoint.sh'],
  hello: ['/hello', 'hello'],
};

/** Image CMD for shell images. */
const SHELL_CMD = ['sh'];

const KNOWN_SHELL_COMMANDS = new Set(['sh', 'ash', 'bash', 'sleep', 'echo', 'printf', 'date', 'true', 'false', 'exit', 'env', 'printenv', 'hostname', 'cat', 'tail', 'touch', 'rm', 'uname', 'whoami', 'wget', 'nslookup', 'ping', 'ls', 'nc', 'curl']);

export function programFor(entry: ImageEntry, tag: string, c: Container, start: number, ctx: ProgramContext): Program {
  const argv = containerArgv(c.command, c.args, SHELL_CMD);
  const bin = (c.command?.[0] ?? '').split('/').pop() ?? '';
  const own = OWN_BINARIES[entry.program];
  // A `command` that is not the image's own binary replaces the program (sleep, sh -c ...).
  // A shell with stdin open (`kubectl run -it`, `kubectl debug -it`) waits for input instead of exiting.
  const waitsOnStdin = !!c.stdin && scriptFor(argv).length === 0;
  if (c.command?.length && !(own && (own.includes(c.command[0]) || own.includes(bin)))) return shellProgram(argv, start, ctx, entry, waitsOnStdin);
  if (entry.program === 'shell') return shellProgram(argv, start, ctx, entry, waitsOnStdin);
  const p = serverProgram(entry, tag, start, ctx);
  const limit = ctx.memoryLimitBytes;
  // A limit below what the process needs to start: the kernel OOM-kills it at once.
  if (limit !== undefined && limit < 4 * 1024 * 1024 && entry.program !== 'pause') {
    return { ...p, exit: { at: start + 800, code: 137, reason: 'OOMKilled' }, listenAt: Infinity };
  }
  return p;
}

const EXIT_SEARCH_EVENTS = 5_000;
const EXIT_SEARCH_MS = 24 * 3600_000;

function shellProgram(argv: string[], start: number, ctx: ProgramContext, entry: ImageEntry, waitsOnStdin = false): Program {
  const prog = (argv[0] ?? '').split('/').pop() ?? '';
  const forever = waitsOnStdin || !KNOWN_SHELL_COMMANDS.has(prog);
  const script = scriptFor(argv);
  const run = () => runScript(script, start, { hostname: ctx.hostname, env: ctx.env });
  // Find the exit (if any) once; timelines that never end are read lazily. The search gives up
  // after EXIT_SEARCH_EVENTS events or a virtual day (a `while true` loop would otherwise be run
  // 200,000 turns at every container start): such a script is taken to run until stopped.
  let exit: Program['exit'];
  if (!forever) {
    let seen = 0;
    for (const e of run()) {
      if (e.kind === 'forever' || ++seen > EXIT_SEARCH_EVENTS || e.at - start > EXIT_SEARCH_MS) break;
      if (e.kind === 'exit') {
        exit = { at: e.at, code: e.code, reason: e.code === 0 ? 'Completed' : 'Error' };
        break;
      }
    }
  }
  const fileExists = (path: string, t: number): boolean => {
    let exists = !path.startsWith('/tmp/');
    for (const e of run()) {
      if (e.at > t || e.kind === 'exit' || e.kind === 'forever') break;
      if (e.kind === 'file' && e.path === path) exists = e.exists;
    }
    return exists;
  };
  return {
    kind: `shell:${entry.repository}`,
    exit,
    ports: [],
    listenAt: Infinity,
    http: () => undefined,
    onStop: 'ignore', // sh and sleep as PID 1 have no SIGTERM handler
    exec: (cmd, t) => execIn(cmd, t, fileExists),
    logs: (until) => {
      const out: LogLine[] = [];
      if (forever) return out;
      for (const e of run() as Generator<ShellEvent>) {
        if (e.at > until || e.kind === 'exit' || e.kind === 'forever') break;
        if (e.kind === 'line') out.push({ at: e.at, text: e.text });
        if (out.length >= 100_000) break;
      }
      return out;
    },
  };
}

/** Exec probes: `cat FILE` / `test -f FILE` / `ls FILE` check the file, `true`/`false`/`exit N` as usual. */
function execIn(argv: string[], t: number, fileExists: (p: string, t: number) => boolean): { code: number; output: string } {
  let cmd = argv;
  if ((cmd[0] === 'sh' || cmd[0] === '/bin/sh') && cmd[1] === '-c') cmd = (cmd[2] ?? '').split(/\s+/).filter(Boolean);
  const name = (cmd[0] ?? '').split('/').pop();
  const file = cmd.slice(1).find((a) => !a.startsWith('-'));
  switch (name) {
    case 'cat':
      if (file && !fileExists(file, t)) return { code: 1, output: `cat: can't open '${file}': No such file or directory` };
      return { code: 0, output: '' };
    case 'ls':
      if (file && !fileExists(file, t)) return { code: 1, output: `ls: ${file}: No such file or directory` };
      return { code: 0, output: file ?? '' };
    case 'test':
    case '[':
      return { code: file && !fileExists(file, t) ? 1 : 0, output: '' };
    case 'false':
      return { code: 1, output: '' };
    case 'exit':
      return { code: Number(cmd[1] ?? 0), output: '' };
    default:
      return { code: 0, output: '' };
  }
}

function serverProgram(entry: ImageEntry, tag: string, start: number, ctx: ProgramContext): Program {
  const noFiles = (p: string) => !p.startsWith('/tmp/');
  const base = {
    ports: entry.ports ?? [],
    onStop: 'exit' as const,
    exec: (cmd: string[], t: number) => execIn(cmd, t, noFiles),
  };
  switch (entry.program) {
    case 'nginx': {
      const version = /^1\.2[5-8]/.test(tag) ? { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.3', '1.28': '1.28.0' }[tag.slice(0, 4)] ?? '1.27.3' : '1.27.3';
      const body = (path: string) => (path === '/' || path === '/index.html' ? 200 : 404);
      return {
        ...base,
        kind: 'nginx',
        listenAt: start + 60,
        http: (port, path) => (port === 80 ? body(path) : undefined),
        logs: (until, hits, stoppedAt) => {
          const t = nginxTime(start);
          const lines = at(start, [
            '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
            '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
            '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
            '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
            '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
            '/docker-entrypoint.sh: Configuration complete; ready for start up',
            `${t} [notice] 1#1: using the "epoll" event method`,
            `${t} [notice] 1#1: nginx/${version}`,
            `${t} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
            `${t} [notice] 1#1: OS: Linux 5.15.0-1092-azure`,
            `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
            `${t} [notice] 1#1: start worker processes`,
            `${t} [notice] 1#1: start worker process 29`,
            `${t} [notice] 1#1: start worker process 30`,
          ]);
          for (const h of hits()) {
            const bytes = h.status === 200 ? 615 : 153;
            lines.push({ at: h.at, text: `${h.from} - - [${clfTime(h.at)}] "GET ${h.path} HTTP/1.1" ${h.status} ${bytes} "-" "kube-probe/1.32" "-"` });
          }
          if (stoppedAt !== undefined) {
            const s = nginxTime(stoppedAt);
            lines.push(
              ...at(stoppedAt, [
                `${s} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
                `${s} [notice] 29#29: gracefully shutting down`,
                `${s} [notice] 30#30: gracefully shutting down`,
                `${s} [notice] 29#29: exiting`,
                `${s} [notice] 30#30: exiting`,
                `${s} [notice] 29#29: exit`,
                `${s} [notice] 30#30: exit`,
                `${s} [notice] 1#1: signal 17 (SIGCHLD) received from 29`,
                `${s} [notice] 1#1: worker process 29 exited with code 0`,
                `${s} [notice] 1#1: worker process 30 exited with code 0`,
                `${s} [notice] 1#1: exit`,
              ]),
            );
          }
          return finish(lines, until);
        },
      };
    }
    case 'httpd':
      return {
        ...base,
        kind: 'httpd',
        listenAt: start + 100,
        http: (port, path) => (port === 80 ? (path === '/' || path === '/index.html' ? 200 : 404) : undefined),
        logs: (until, hits, stoppedAt) => {
          const apacheTime = (ms: number) => `[${busyboxDate(ms).replace(/ UTC (\d+)$/, '.000000 $1')}]`;
          const lines = at(start, [
            `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
            `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`,
            `${apacheTime(start)} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
            `${apacheTime(start)} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
          ]);
          for (const h of hits()) lines.push({ at: h.at, text: `${h.from} - - [${clfTime(h.at)}] "GET ${h.path} HTTP/1.1" ${h.status} ${h.status === 200 ? 45 : 196}` });
          if (stoppedAt !== undefined) lines.push({ at: stoppedAt, text: `${apacheTime(stoppedAt)} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully` });
          return finish(lines, until);
        },
      };
    case 'redis':
      return {
        ...base,
        kind: 'redis',
        listenAt: start + 50,
        http: () => undefined,
        logs: (until, _hits, stoppedAt) => {
          const c = `1:C ${redisTime(start)}`;
          const m = `1:M ${redisTime(start + 1)}`;
          const lines = at(start, [
            `${c} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`,
            `${c} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
            `${c} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started`,
            `${c} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
            `${m} * monotonic clock: POSIX clock_gettime`,
            `${m} * Running mode=standalone, port=6379.`,
            `${m} * Server initialized`,
            `${m} * Ready to accept connections tcp`,
          ]);
          if (stoppedAt !== undefined) {
            const s = redisTime(stoppedAt);
            lines.push(...at(stoppedAt, [`1:signal-handler (${Math.floor(stoppedAt / 1000)}) Received SIGTERM scheduling shutdown...`, `1:M ${s} * User requested shutdown...`, `1:M ${s} # Redis is now ready to exit, bye bye...`]));
          }
          return finish(lines, until);
        },
      };
    case 'hello': {
      const version = entry.version?.(tag) ?? tag;
      const ok = new Set(['/', '/healthz', '/readyz', '/ready', '/version']);
      return {
        ...base,
        kind: 'hello',
        listenAt: start + 500,
        http: (port, path) => (port === 8080 ? (ok.has(path) ? 200 : 404) : undefined),
        logs: (until, hits, stoppedAt) => {
          const lines = at(start, [`clusterlab/hello ${version} starting on ${ctx.hostname}`, `listening on :8080`], 500);
          for (const h of hits()) lines.push({ at: h.at, text: `${h.from} GET ${h.path} ${h.status} "kube-probe/1.32"` });
          if (stoppedAt !== undefined) lines.push({ at: stoppedAt, text: 'received terminated, shutting down gracefully' });
          return finish(lines, until);
        },
      };
    }
    case 'never-ready':
      return {
        ...base,
        kind: 'never-ready',
        listenAt: start + 1000,
        http: (port) => (port === 8080 ? 503 : undefined),
        logs: (until, hits) => {
          const lines = at(start, ['starting clusterlab/never-ready', 'listening on :8080', 'warming up cache: waiting for upstream http://catalog:9000 ...']);
          for (const h of hits()) lines.push({ at: h.at, text: `GET ${h.path} 503 (not ready: cache warm-up incomplete)` });
          return finish(lines, until);
        },
      };
    case 'crash':
      return {
        ...base,
        kind: 'crash',
        exit: { at: start + 3000, code: 1, reason: 'Error' },
        listenAt: Infinity,
        http: () => undefined,
        logs: (until) =>
          finish(
            [
              { at: start, text: 'Starting clusterlab/crash 1.0' },
              { at: start + 200, text: 'Loading configuration from /etc/app/config.yaml' },
              { at: start + 1500, text: 'Connecting to database at db:5432 ...' },
              { at: start + 3000, text: 'panic: dial tcp: lookup db on 10.0.0.10:53: no such host' },
              { at: start + 3000, text: '' },
              { at: start + 3000, text: 'goroutine 1 [running]:' },
              { at: start + 3000, text: 'main.main()' },
              { at: start + 3000, text: '\t/app/main.go:42 +0x1d4' },
            ],
            until,
          ),
      };
    case 'job': {
      const lines: LogLine[] = [{ at: start, text: 'Starting batch job clusterlab/job' }];
      for (let i = 1; i <= 5; i++) lines.push({ at: start + i * 2000, text: `Processed item ${i}/5` });
      lines.push({ at: start + 10_000, text: 'Done: 5 items processed in 10.0s' });
      return { ...base, kind: 'job', exit: { at: start + 10_000, code: 0, reason: 'Completed' }, listenAt: Infinity, http: () => undefined, logs: (until) => finish(lines, until) };
    }
    case 'oom':
      return {
        ...base,
        kind: 'oom',
        exit: { at: start + 2000, code: 137, reason: 'OOMKilled' },
        listenAt: Infinity,
        http: () => undefined,
        logs: (until) => finish([{ at: start, text: 'allocating memory in 64 MiB chunks' }, ...[1, 2, 3, 4].map((i) => ({ at: start + i * 400, text: `allocated ${i * 64} MiB` }))], until),
      };
    case 'pause':
      return { ...base, kind: 'pause', listenAt: Infinity, http: () => undefined, logs: () => [] };
    case 'daemon':
    default:
      return {
        ...base,
        kind: 'daemon',
        listenAt: start + 1500,
        http: (port) => ((entry.ports ?? []).includes(port) ? 200 : undefined),
        logs: (until) => finish(at(start, (entry.startupLogs ?? []).map((l) => l.replace('0101 00:00:00.000000', klogTime(start)))), until),
      };
  }
}

function finish(lines: LogLine[], until: number): LogLine[] {
  return lines.filter((l) => l.at <= until).sort((a, b) => a.at - b.at);
}
