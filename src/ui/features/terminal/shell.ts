// The terminal's shell: what a line typed at the prompt does. `kubectl`/`k` lines go to the
// kubectl engine in the simulation worker; a few shell builtins run here; anything else answers
// as bash would. The test hook uses the same function, so it returns exactly what is printed.

import { runClusterlabCommand, type FaultCommandDeps } from '../faults/command';

export interface KubectlRun {
  stdout: string;
  stderr: string;
  /** Both interleaved as written, when the engine knows the order. */
  output?: string;
  exitCode: number;
  /** The interactive session the command opened (`exec -it`, `debug node/... -it`), while open. */
  session?: { id: number; prompt: string };
  /** `kubectl edit`: the text kubectl would open in $EDITOR (the app opens the manifest editor). */
  edit?: { text: string };
}

export interface ShellResult {
  /** The text printed, `\n`-terminated lines (stdout and stderr interleaved as written). */
  output: string;
  exitCode: number;
  /** `clear`: wipe the screen before printing. */
  clear?: boolean;
  /** Set while an interactive session (exec -it, debug -it) is open: its id and prompt. */
  session?: { id: number; prompt: string };
  /** `kubectl edit`: the text for the manifest editor. */
  edit?: { text: string };
}

export interface ShellDeps {
  kubectl(line: string): Promise<KubectlRun>;
  history(): readonly string[];
  /** `clusterlab fault ...` (fault injection); absent: the command is not available. */
  faults?: FaultCommandDeps;
}

export async function runLine(line: string, deps: ShellDeps): Promise<ShellResult> {
  const cmd = splitCommandWord(line);
  if (cmd === '') return { output: '', exitCode: 0 };
  if (cmd === 'kubectl' || cmd === 'k') {
    const r = await deps.kubectl(line);
    const out: ShellResult = { output: r.output ?? r.stdout + r.stderr, exitCode: r.exitCode, session: r.session };
    if (r.edit) out.edit = { text: r.edit.text };
    return out;
  }
  if (cmd === 'clusterlab' && deps.faults) return runClusterlabCommand(line.trim().split(/\s+/).slice(1), deps.faults);
  if (cmd === 'clear') return { output: '', exitCode: 0, clear: true };
  if (cmd === 'history') {
    const h = deps.history();
    return { output: h.map((l, i) => `${String(i + 1).padStart(5)}  ${l}\n`).join(''), exitCode: 0 };
  }
  return { output: `bash: ${cmd}: command not found\n`, exitCode: 127 };
}

/** The terminal's line breaks: xterm needs `\r\n`. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The command word of a line (its first word, without surrounding quotes). */
function splitCommandWord(line: string): string {
  const m = /^\s*(\S+)/.exec(line);
  return m ? m[1].replace(/^['"]|['"]$/g, '') : '';
}
