// An interactive session a kubectl command leaves open (`kubectl exec -it POD -- sh`,
// `kubectl debug node/... -it`): the terminal sends it the following lines until it closes.

export interface SessionOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The prompt to show next; absent once the session has closed. */
  prompt?: string;
}

export interface InteractiveSession {
  readonly prompt: string;
  input(line: string): SessionOutput;
  /** Command names the shell knows, for Tab completion. */
  commandNames(): string[];
}
