// The input journal of a session: every request that changes the cluster, with the virtual
// instant it was handled at. The simulation is deterministic, so seed + spec + journal rebuild
// the exact state (same hash) at any instant: that is what rewind, branches, export and the
// scenario catalog stand on. Time passing needs no entry: the clock is event driven, so
// advance(a) then advance(b) equals advance(a + b), and an entry's `at` says where inputs fall.
//
// HOW TO JOURNAL A NEW HOST OP (fault injection, scheduler step mode...): add its `op` to
// JOURNALED below (`true`, or a predicate when only some forms change state). That is all: the
// host records it before running it, and replay sends the same request through the same
// `SimHost.run` code path at the same instant. The request must be plain JSON data and must
// carry everything it needs (no ids that only exist in one run, no wall-clock values).

import { parseAllDocuments } from 'yaml';
import type { Request } from '../worker/protocol';

/** Virtual milliseconds since the cluster was created (`az aks create` is t = 0). */
export type SessionMs = number;

export interface JournalEntry {
  at: SessionMs;
  req: Request;
}

type Op = Request['op'];

/** Which host ops are inputs. Reads (get, list, watch, hash, components...) are not. */
export const JOURNALED: Partial<{ [K in Op]: true | ((req: Extract<Request, { op: K }>) => boolean) }> = {
  apply: true, // dry runs too: they can still draw from the seeded random (generateName)
  'delete-manifest': true,
  delete: true,
  node: true,
  fault: true, // fault injection (src/sim/faults): plain { kind, target, on }
  kubectl: true, // reads included: kubectl's own config (contexts, namespace) shapes later commands
  shell: true, // a line typed into `kubectl exec -it`: it can change the container
  // Step modes: turning one on/off and each step are inputs; reading the cycle is not.
  scheduler: (req) => req.control !== undefined,
  controller: (req) => req.control !== undefined,
  // Advancing needs no entry (time is implicit); a step runs one timer, which `advance` cannot say.
  clock: (req) => !!req.control && 'action' in req.control && req.control.action === 'step',
};

/**
 * Inputs made while a branch still has planned inputs (after a rewind, or in a scenario) either
 * change history, which starts a new branch without the plan, or only look and pace, which are
 * journaled into the branch and leave the plan running: stepping the clock, the scheduler or a
 * controller, and kubectl or shell lines that wrote nothing (`get`, `describe`, `config`...).
 */
export function changesHistory(req: Request, wroteState: boolean): boolean {
  switch (req.op) {
    case 'clock':
    case 'scheduler':
    case 'controller':
      return false;
    case 'kubectl':
    case 'shell':
      return wroteState;
    default:
      return true;
  }
}

export function isJournaled(req: Request): boolean {
  const rule = (JOURNALED as Record<string, true | ((r: Request) => boolean) | undefined>)[req.op];
  return rule === true || (typeof rule === 'function' && rule(req));
}

/** A short label for a timeline mark: what the input did. */
export function describeInput(req: Request): string {
  switch (req.op) {
    case 'apply':
    case 'delete-manifest': {
      const names = manifestNames(req.yaml);
      const verb = req.op === 'apply' ? (req.dryRun ? 'apply --dry-run' : 'apply') : 'delete';
      return `${verb} ${names.length ? names.join(', ') : 'manifest'}`;
    }
    case 'delete':
      return `delete ${req.resource}/${req.name}`;
    case 'node':
      return req.node.action === 'add' ? `add node to ${req.node.pool ?? 'nodepool1'}` : `${req.node.action} ${req.node.node}`;
    case 'kubectl':
      return req.line.trim();
    case 'fault':
      return `fault ${req.fault.kind}${req.fault.target ? ` ${req.fault.target}` : ''} ${req.fault.on ? 'on' : 'off'}`;
    case 'clock':
      return 'step';
    case 'scheduler':
      return req.control && 'stepping' in req.control ? `scheduler step mode ${req.control.stepping ? 'on' : 'off'}` : 'scheduler step';
    case 'controller':
      return req.control && 'stepping' in req.control ? `${req.name} step mode ${req.control.stepping ? 'on' : 'off'}` : `${req.name} step`;
    default: {
      const rest = { ...(req as unknown as Record<string, unknown>) };
      delete rest.op;
      return `${req.op} ${JSON.stringify(rest)}`.slice(0, 120);
    }
  }
}

function manifestNames(yaml: string): string[] {
  try {
    return parseAllDocuments(yaml).flatMap((d) => {
      const o = d.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      return o && typeof o.kind === 'string' && typeof o.metadata?.name === 'string' ? [`${o.kind.toLowerCase()}/${o.metadata.name}`] : [];
    });
  } catch {
    return [];
  }
}

/** One line of history: a journal (inputs) and how far time went on it. */
export interface Branch {
  id: number;
  entries: JournalEntry[];
  /** The latest instant this branch reached. */
  horizon: SessionMs;
  /** The branch it was forked from, and where. */
  parent?: number;
  forkedAt?: SessionMs;
}
