// `clusterlab fault ...` in the terminal: inject or heal a fault, or list the faults in force with
// the etcd members. Parsing and printing only; the worker does the work (the `fault` op).

import { FAULT_HELP, FAULT_KINDS, isFaultKind } from '../../../sim/faults/faults';
import type { ActiveFault, EtcdStatus, FaultResult, FaultSpec } from '../../../worker/protocol';

export interface FaultCommandDeps {
  fault(spec: FaultSpec): Promise<FaultResult>;
  faults(): Promise<{ active: ActiveFault[]; etcd: EtcdStatus }>;
}

export interface CommandResult {
  output: string;
  exitCode: number;
}

export function faultHelp(): string {
  const width = Math.max(...FAULT_KINDS.map((k) => `${k} ${FAULT_HELP[k].target}`.trim().length));
  const lines = FAULT_KINDS.map((k) => `  ${`${k} ${FAULT_HELP[k].target}`.trim().padEnd(width)}  ${FAULT_HELP[k].what}`);
  return [
    'Inject or heal faults in the simulated cluster.',
    '',
    'Usage:',
    '  clusterlab fault KIND [TARGET] [on|off]   inject (on, the default) or heal (off) a fault',
    '  clusterlab fault list                     the faults in force and the etcd members',
    '',
    'Kinds:',
    ...lines,
    '',
    'Examples:',
    '  clusterlab fault partition aks-nodepool1-12345678-vmss000001',
    '  clusterlab fault oom default/web-7d4b9c-abcde',
    '  clusterlab fault registry-unreachable docker.io',
    '  clusterlab fault etcd-member-down leader',
    '  clusterlab fault stop-scheduler off',
    '',
  ].join('\n');
}

/** Run `clusterlab ...` (argv without the leading `clusterlab`). */
export async function runClusterlabCommand(argv: string[], deps: FaultCommandDeps): Promise<CommandResult> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') {
    return { output: `Clusterlab commands:\n  clusterlab fault   inject or heal a fault (clusterlab fault --help)\n`, exitCode: 0 };
  }
  if (sub !== 'fault') return { output: `error: unknown command "${sub}" for "clusterlab"\nRun 'clusterlab --help' for usage.\n`, exitCode: 1 };
  if (rest.length === 0 || rest[0] === '--help' || rest[0] === '-h' || rest[0] === 'help') return { output: faultHelp(), exitCode: 0 };
  if (rest[0] === 'list') return { output: formatFaults(await deps.faults()), exitCode: 0 };
  const [kind, ...args] = rest;
  if (!isFaultKind(kind)) return { output: `error: unknown fault kind "${kind}"\nKinds: ${FAULT_KINDS.join(', ')}\n`, exitCode: 1 };
  let on = true;
  const last = args[args.length - 1];
  if (last === 'on' || last === 'off') {
    on = last === 'on';
    args.pop();
  }
  if (args.length > 1) return { output: `error: too many arguments: ${args.join(' ')}\nUsage: clusterlab fault ${kind} ${FAULT_HELP[kind].target} [on|off]\n`, exitCode: 1 };
  try {
    const r = await deps.fault({ kind, target: args[0], on });
    return { output: `${r.message}\n`, exitCode: 0 };
  } catch (e) {
    return { output: `error: ${(e as Error).message}\n`, exitCode: 1 };
  }
}

export function formatFaults(f: { active: ActiveFault[]; etcd: EtcdStatus }): string {
  const lines: string[] = [];
  if (f.active.length === 0) lines.push('No faults in force.');
  else {
    lines.push('FAULT                     TARGET');
    for (const a of f.active) lines.push(`${a.kind.padEnd(26)}${a.target ?? '-'}`);
  }
  const e = f.etcd;
  lines.push('', `etcd: ${e.up}/${e.size} members up, quorum ${e.quorum}${e.hasQuorum ? '' : ' (LOST: writes fail)'}, term ${e.term}, leader ${e.leader ?? 'none'}`);
  lines.push('MEMBER    ID                ROLE          TERM');
  for (const m of e.members) lines.push(`${m.name.padEnd(10)}${m.id.padEnd(18)}${m.role.padEnd(14)}${m.term}`);
  return `${lines.join('\n')}\n`;
}
