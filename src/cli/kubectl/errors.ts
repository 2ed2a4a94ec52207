// How kubectl reports a failed command (cmdutil.CheckErr): API errors as
// `Error from server (Reason): message`, validation errors as `The Kind "name" is invalid: ...`,
// several errors one per line, anything else prefixed with `error: `. All exit with code 1.

import { ApiError } from '../../sim/api/errors';

/** An error whose message kubectl prints as is (after `error: ` unless it already has it). */
export class KubectlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** clientcmd's invalid configuration (a missing context or cluster). */
export class ConfigurationError extends KubectlError {}

/** cmdutil.UsageErrorf: the message, then where to find help. */
export class UsageError extends KubectlError {
  constructor(commandPath: string, message: string) {
    super(`${message}\nSee '${commandPath} -h' for help and examples`);
  }
}

/** utilerrors.Aggregate: several errors reported together. */
export class AggregateError extends Error {
  constructor(readonly errors: unknown[]) {
    super(errors.map((e) => (e as Error).message).join(', '));
  }
}

/** Exit with a code and print nothing more (the command already wrote its output). */
export class SilentExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** StandardErrorMessage: the text for an API Status, or undefined for other errors. */
export function standardErrorMessage(e: unknown): string | undefined {
  if (e instanceof ConfigurationError) return `Error in configuration: ${e.message}`;
  if (!(e instanceof ApiError)) return undefined;
  const s = e.status;
  if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
  if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
  return `Error from server: ${s.message}`;
}

function messageForError(e: unknown): string {
  return standardErrorMessage(e) ?? (e instanceof Error ? e.message : String(e));
}

/** The stderr text and exit code kubectl's CheckErr produces for an error. */
export function checkErr(e: unknown): { stderr: string; exitCode: number } {
  if (e instanceof SilentExit) return { stderr: '', exitCode: e.exitCode };
  // Unwrap aggregates of one.
  while (e instanceof AggregateError && e.errors.length === 1) e = e.errors[0];
  let msg: string;
  if (e instanceof ApiError && e.status.reason === 'Invalid') {
    msg = invalidMessage(e);
  } else if (e instanceof AggregateError) {
    msg = flatten(e.errors).map((x) => `${messageForError(x)}\n`).join('');
  } else {
    const std = standardErrorMessage(e);
    if (std !== undefined) {
      msg = std;
    } else {
      msg = e instanceof Error ? e.message : String(e);
      if (!msg.startsWith('error: ')) msg = `error: ${msg}`;
    }
  }
  if (msg.length > 0 && !msg.endsWith('\n')) msg += '\n';
  return { stderr: msg, exitCode: e instanceof KubectlError ? e.exitCode : 1 };
}

function flatten(errors: unknown[]): unknown[] {
  return errors.flatMap((e) => (e instanceof AggregateError ? flatten(e.errors) : [e]));
}

/** The IsInvalid branch of CheckErr. */
function invalidMessage(e: ApiError): string {
  const details = e.status.details;
  let s = 'The request is invalid';
  if (!details) {
    if (e.status.message) s += ': ' + e.status.message;
    return s;
  }
  if (details.kind || details.name) s = `The ${details.kind ?? ''} ${JSON.stringify(details.name ?? '')} is invalid`;
  const causes = details.causes ?? [];
  if (causes.length === 0) return s;
  const errs = causes.map((c) => `${c.field}: ${c.message}`);
  if (errs.length === 1) return `${s}: ${errs[0]}\n`;
  return `${s}: \n${errs.map((x) => `* ${x}\n`).join('')}`;
}
