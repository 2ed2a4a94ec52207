// An interactive shell session on a simulated container or node: a stack of shells (a busybox
// shell in the node-debugger pod, then `chroot /host` into the node's bash, then `exit` back).
// Lines go in, text comes out; the session ends when the outermost shell exits.

import { containerShell, type ExecTarget } from './containershell';
import type { MiniShell } from './minishell';
import { nodeShell } from './nodeshell';
import type { SimWorld } from './podnet';

interface Frame {
  shell: MiniShell;
  prompt: () => string;
  /** The host's root mounted here (kubectl debug node's /host): `chroot` to it enters the node. */
  hostRoot?: string;
  /** hostPID + privileged: `nsenter -t 1 ...` enters the node. */
  hostPID?: boolean;
  node?: string;
  /** Interactive bash says `exit` when it leaves; ash and dash do not. */
  bash?: boolean;
}

export interface SessionReply {
  /** What the terminal shows (a tty merges stdout and stderr). */
  output: string;
  /** Set when the session ended, with the exit code of its outermost shell. */
  exitCode?: number;
  prompt: string;
}

export class ShellSession {
  private readonly frames: Frame[] = [];

  private constructor(
    private readonly world: SimWorld,
    first: Frame,
  ) {
    this.frames.push(first);
  }

  /** A shell in a container (`kubectl exec -it POD -- sh`, `kubectl debug node/...`). */
  static inContainer(world: SimWorld, t: ExecTarget, program: string): ShellSession {
    const c = containerShell(t, program, true);
    return new ShellSession(world, { ...c, hostRoot: c.cmds.hostRoot(), hostPID: !!t.pod.spec.hostPID, node: t.node, bash: program.split('/').pop() === 'bash' });
  }

  /** A root shell on the node itself (the node-shell plugin's `nsenter ... bash -l`). */
  static onNode(world: SimWorld, node: string): ShellSession {
    return new ShellSession(world, { ...nodeShell(world, node), node, bash: true });
  }

  get prompt(): string {
    return this.frames[this.frames.length - 1].prompt();
  }

  get closed(): boolean {
    return this.frames.length === 0;
  }

  /** Command names the current shell knows (Tab completion). */
  commandNames(): string[] {
    const f = this.frames[this.frames.length - 1];
    const names = f ? f.shell.commandNames() : [];
    if (f?.hostRoot) names.push('chroot');
    if (f?.hostPID) names.push('nsenter');
    return [...new Set(names)].sort();
  }

  input(line: string): SessionReply {
    const f = this.frames[this.frames.length - 1];
    if (!f) return { output: '', exitCode: 0, prompt: '' };
    const words = line.trim().split(/\s+/);
    // Entering the node: `chroot /host [cmd...]` or `nsenter -t 1 -m -u -i -n -p -- [cmd...]`.
    if ((words[0] === 'chroot' && f.hostRoot !== undefined) || (words[0] === 'nsenter' && f.hostPID)) {
      const rest = words[0] === 'chroot' ? words.slice(2) : words.slice(words.indexOf('--') + 1 || words.length);
      if (words[0] === 'chroot' && (words[1] ?? '').replace(/\/$/, '') !== f.hostRoot) {
        return { output: `chroot: can't execute '/bin/sh': No such file or directory\n`, prompt: this.prompt };
      }
      const inner = nodeShell(this.world, f.node!);
      const cmd = rest.filter((w) => !(w === 'bash' || w === '-l' || w === 'sh' || w === '/bin/bash' || w === '/bin/sh'));
      if (cmd.length) {
        const r = inner.shell.run(cmd.join(' '));
        f.shell.lastCode = r.code;
        return { output: r.out + r.err, prompt: this.prompt };
      }
      this.frames.push({ ...inner, node: f.node, bash: true });
      return { output: '', prompt: this.prompt };
    }
    const r = f.shell.run(line);
    let output = r.out + r.err;
    if (r.exit === undefined) return { output, prompt: this.prompt };
    if (f.bash) output += 'exit\n';
    this.frames.pop();
    const outer = this.frames[this.frames.length - 1];
    if (!outer) return { output, exitCode: r.exit, prompt: '' };
    outer.shell.lastCode = r.exit;
    return { output, prompt: this.prompt };
  }
}
