// What runs when the kubelet execs into a container (`kubectl exec`): the commands the image has
// (busybox applets, Debian's coreutils, curl where the image ships it), reading the container's
// real environment and files, cluster DNS and connections through kube-proxy. A shell session
// (`kubectl exec -it POD -- sh`) is a MiniShell with these commands; a one-off command runs
// without a shell, as the CRI does.

import type { Pod } from '../api/types';
import { sha256Hex } from './hash';
import { imageFs, notFoundText, promptFor, type ImageFs } from './imagefs';
import { FILTERS, MiniShell, fail, ok, type CmdResult, type CommandFn } from './minishell';
import { commandLine, ipAddr, nodeProcesses, psAux } from './nodeshell';
import { absPath, containerEnv, containerFiles, type FileNode } from './podfs';
import { curl, localOnNode, nslookup, wget, type NetContext } from './nettools';
import { podDns, type SimWorld } from './podnet';
import type { ContainerRec, PodRec } from './podworker';

export interface ExecTarget {
  world: SimWorld;
  pod: Pod;
  node: string;
  rec: PodRec;
  container: ContainerRec;
  img: ImageFs;
}

export type ExecLookup = { ok: true; target: ExecTarget } | { ok: false; message: string };

/** What the API server and the kubelet check before an exec stream opens (the errors kubectl prints). */
export function execTarget(world: SimWorld, pod: Pod, containerName: string): ExecLookup {
  const nodeName = pod.spec.nodeName;
  // The API server's streamLocation: an unscheduled pod has no kubelet to stream from.
  if (!nodeName) return { ok: false, message: `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned` };
  const agent = world.nodes.get(nodeName);
  if (!agent) return { ok: false, message: `Error from server: error dialing backend: dial tcp: lookup ${nodeName}: no such host` };
  const k = agent.kubelet;
  if (!k.state.startsWith('running') && k.state !== 'starting') {
    const why = k.state === 'poweredOff' ? 'i/o timeout' : 'connect: connection refused';
    return { ok: false, message: `Error from server: error dialing backend: dial tcp ${k.nodeIP}:10250: ${why}` };
  }
  const rec = k.pods.find((r) => r.uid === pod.metadata.uid);
  const c = rec?.containers.find((x) => x.spec.name === containerName) ?? rec?.init.find((x) => x.spec.name === containerName);
  if (!rec || !c || c.snap.value !== 'running' || !c.instance || c.instance.finishedAt !== undefined) {
    return { ok: false, message: `error: unable to upgrade connection: container not found ("${containerName}")` };
  }
  const image = k.runtime.image(c.spec.image ?? '');
  if (!image) return { ok: false, message: `error: unable to upgrade connection: container not found ("${containerName}")` };
  return { ok: true, target: { world, pod: rec.pod, node: agent.name, rec, container: c, img: imageFs(image.entry, image.tag) } };
}

/** The OCI error containerd reports when the program is not in the image. */
export function notInImage(target: ExecTarget, program: string): string {
  const execId = sha256Hex(`exec:${target.container.instance!.id}:${target.world.clock.now()}:${program}`);
  const what = program.includes('/') ? `stat ${program}: no such file or directory` : `exec: "${program}": executable file not found in $PATH`;
  return `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId}": OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`;
}

/** Whether the image can start this program (a path must exist; a bare name must be on PATH). */
export function hasProgram(img: ImageFs, program: string): boolean {
  const base = program.split('/').pop() ?? '';
  if (!img.binaries.has(base)) return false;
  if (program.includes('/')) return /^\/(usr\/)?(local\/)?s?bin\//.test(program) || program === `/${base}`;
  return true;
}

/** The commands of a container, given its image and pod. */
export class ContainerCommands {
  readonly files: Map<string, FileNode>;
  readonly env: [string, string][];
  readonly hostname: string;
  /** Extra processes started by exec sessions (for `ps`). */
  private readonly execs: string[] = [];

  constructor(
    readonly t: ExecTarget,
    /** A terminal is attached (ls prints columns). */
    readonly tty: boolean,
  ) {
    const c = t.container;
    this.files = containerFiles(t.world, t.pod, c.spec, t.img);
    this.env = containerEnv(t.world, t.pod, c.spec, t.img, c.instance!.startedAt);
    this.hostname = t.pod.spec.hostNetwork ? t.node : t.pod.spec.hostname ?? t.pod.metadata.name ?? '';
  }

  get gnu(): boolean {
    return this.t.img.base === 'debian' || this.t.img.base === 'ubuntu';
  }

  /** The root filesystem of the host, when the pod mounts it (kubectl debug node's /host). */
  hostRoot(): string | undefined {
    const vols = new Map(((this.t.pod.spec.volumes as any[]) ?? []).map((v) => [v.name, v]));
    for (const m of (this.t.container.spec.volumeMounts as any[] | undefined) ?? []) if (vols.get(m.name)?.hostPath?.path === '/') return m.mountPath.replace(/\/$/, '') || '/';
    return undefined;
  }

  sessionStarted(cmd: string): void {
    this.execs.push(cmd);
  }

  commands(): Record<string, CommandFn> {
    const all: Record<string, CommandFn> = {
      ...FILTERS,
      // The shell's exported variables (the container's env, plus what the session exported).
      env: (_a, _s, sh) => ok(Object.entries(sh.vars).map(([k, v]) => `${k}=${v}\n`).join('')),
      printenv: (a) => {
        if (a[1] === undefined) return ok(this.env.map(([k, v]) => `${k}=${v}\n`).join(''));
        const v = this.env.find(([k]) => k === a[1]);
        return v ? ok(`${v[1]}\n`) : { out: '', err: '', code: 1 };
      },
      hostname: () => ok(`${this.hostname}\n`),
      cat: (a, stdin, sh) => this.cat(a, stdin, sh),
      ls: (a, _s, sh) => this.ls(a, sh),
      cd: (a, _s, sh) => {
        const target = absPath(sh.cwd, a[1] ?? '/root');
        if (this.node(target)?.kind !== 'dir') return fail(this.gnu ? `sh: 1: cd: can't cd to ${a[1]}\n` : `sh: cd: can't cd to ${a[1]}: No such file or directory\n`, 2);
        sh.cwd = target;
        sh.vars.PWD = target;
        return ok();
      },
      nslookup: (a) => nslookup(this.net(), a, 'busybox'),
      wget: (a) => wget(this.net(), a),
      curl: (a) => curl(this.net(), a),
      ps: (a) => this.ps(a),
      ip: (a) => (this.t.pod.spec.hostNetwork ? ok(ipAddr(this.t.world, this.t.node)) : ok(this.podIpAddr(a))),
      uname: (a) => ok(a.includes('-a') ? `Linux ${this.hostname} 5.15.0-1092-azure #101-Ubuntu SMP x86_64 ${this.gnu ? 'GNU/Linux' : 'Linux'}\n` : 'Linux\n'),
      id: () => ok('uid=0(root) gid=0(root) groups=0(root)\n'),
      date: () => ok(new Date(this.t.world.clock.now()).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, (_m, d, da, mo, y, time) => `${d} ${mo} ${String(Number(da)).padStart(2)} ${time} UTC ${y}`) + '\n'),
      sleep: () => ok(),
      touch: () => ok(),
      sh: (a, _s, sh) => (a[1] === '-c' && a[2] !== undefined ? sh.run(a[2]) : ok()),
    };
    const out: Record<string, CommandFn> = {};
    for (const [name, fn] of Object.entries(all)) {
      if (!hasProgram(this.t.img, name) && !['echo', 'true', 'false', 'pwd', 'cd', 'sh'].includes(name)) continue;
      out[name] = fn;
      out[`/bin/${name}`] = fn;
      out[`/usr/bin/${name}`] = fn;
    }
    if (this.t.img.binaries.has('bash')) out.bash = all.sh;
    return out;
  }

  private node(path: string): FileNode | undefined {
    const n = this.files.get(path);
    if (n) return n;
    const top = path.split('/')[1];
    if (path.split('/').length === 2 && this.t.img.rootDirs.includes(top)) return { kind: 'dir', entries: [] };
    return undefined;
  }

  private cat(a: string[], stdin: string, sh: MiniShell): CmdResult {
    const paths = a.slice(1).filter((x) => !x.startsWith('-') || x === '-');
    if (!paths.length) return ok(stdin);
    let out = '';
    let err = '';
    for (const p of paths) {
      const n = this.node(absPath(sh.cwd, p));
      if (n?.kind === 'file') out += n.text;
      else if (n?.kind === 'dir') err += this.gnu ? `cat: ${p}: Is a directory\n` : `cat: read error: Is a directory\n`;
      else err += this.gnu ? `cat: ${p}: No such file or directory\n` : `cat: can't open '${p}': No such file or directory\n`;
    }
    return { out, err, code: err ? 1 : 0 };
  }

  private ls(a: string[], sh: MiniShell): CmdResult {
    const all = a.some((x) => /^-\w*a/.test(x));
    const long = a.some((x) => /^-\w*l/.test(x));
    const targets = a.slice(1).filter((x) => !x.startsWith('-'));
    let out = '';
    let err = '';
    for (const t of targets.length ? targets : ['.']) {
      const path = absPath(sh.cwd, t);
      const n = this.node(path);
      if (!n) {
        err += this.gnu ? `ls: cannot access '${t}': No such file or directory\n` : `ls: ${t}: No such file or directory\n`;
        continue;
      }
      let names = n.kind === 'dir' ? [...n.entries].sort() : [t];
      if (all && n.kind === 'dir') names = ['.', '..', ...names];
      if (targets.length > 1) out += `${t}:\n`;
      if (long) {
        for (const name of names) {
          const child = n.kind === 'dir' ? this.node(absPath(path, name)) : n;
          const isDir = child?.kind === 'dir' || name === '.' || name === '..';
          const size = child?.kind === 'file' ? child.text.length : 4096;
          out += `${isDir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} ${name}\n`;
        }
      } else if (this.tty) out += names.length ? names.join('  ') + '\n' : '';
      else out += names.map((x) => x + '\n').join('');
    }
    return { out, err, code: err ? (this.gnu ? 2 : 1) : 0 };
  }

  private dns() {
    return podDns(this.t.world.spec, this.t.pod);
  }

  /** The pod's network view for curl and wget: its DNS, its node, and its own namespace's listeners. */
  private net(): NetContext {
    const t = this.t;
    return {
      world: t.world,
      node: t.node,
      dns: this.dns(),
      local: (ip, port) => {
        if (t.pod.spec.hostNetwork) return ip === '127.0.0.1' ? localOnNode(t.world, t.node, port) : undefined;
        if (ip !== '127.0.0.1' && ip !== t.pod.status?.podIP) return undefined;
        // The pod's containers share its network namespace.
        const own = t.rec.containers.find((c) => c.snap.value === 'running' && c.program?.ports.includes(port) && c.program.listenAt <= t.world.clock.now());
        if (!own) return { kind: 'refused' };
        return { kind: 'ok', conn: { ok: true, ip, port, pod: t.pod, container: own.spec.name, program: own.program! } };
      },
      save: (file, body) => this.files.set(absPath('/', file), { kind: 'file', text: body }),
    };
  }

  private ps(_a: string[]): CmdResult {
    if (this.t.pod.spec.hostPID) return ok(psAux(nodeProcesses(this.t.world, this.t.node)));
    const procs = [commandLine(this.t.container.spec, this.t.container.program?.kind ?? '', this.t.pod)];
    if (this.t.container.program?.kind === 'nginx') procs.push('nginx: worker process', 'nginx: worker process');
    procs.push(...this.execs, 'ps');
    const lines = ['PID   USER     TIME  COMMAND'];
    procs.forEach((p, i) => lines.push(`${String(i === 0 ? 1 : 6 + i * 6).padStart(5)} root      0:00 ${p}`));
    return ok(lines.join('\n') + '\n');
  }

  private podIpAddr(_a: string[]): string {
    const ip = this.t.pod.status?.podIP ?? '';
    return [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000',
      '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '    inet 127.0.0.1/8 scope host lo',
      '       valid_lft forever preferred_lft forever',
      `3: eth0@if${10 + (this.t.rec.uid.charCodeAt(0) % 50)}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP`,
      `    link/ether ${sha256Hex(this.t.rec.uid).slice(0, 12).replace(/(..)(?!$)/g, '$1:')} brd ff:ff:ff:ff:ff:ff`,
      `    inet ${ip}/${this.t.world.spec.networkPlugin === 'kubenet' ? '24' : '32'} scope global eth0`,
      '       valid_lft forever preferred_lft forever',
    ].join('\n') + '\n';
  }
}

/** A shell running in a container: the MiniShell, its prompt and its commands. */
export function containerShell(t: ExecTarget, program: string, tty: boolean): { shell: MiniShell; prompt: () => string; cmds: ContainerCommands } {
  const cmds = new ContainerCommands(t, tty);
  cmds.sessionStarted(program);
  const vars: Record<string, string> = Object.fromEntries(cmds.env);
  const shell = new MiniShell({ commands: cmds.commands(), notFound: notFoundText(t.img.base, program), vars: { ...vars, PWD: t.img.workdir }, cwd: t.img.workdir });
  return { shell, prompt: () => promptFor(t.img.base, program, cmds.hostname, shell.cwd), cmds };
}
