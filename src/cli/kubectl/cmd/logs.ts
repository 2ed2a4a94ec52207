// `kubectl logs` (kubectl/pkg/cmd/logs) for pods: -c, --previous, --tail, --timestamps,
// --since, --limit-bytes; `-f` prints what is there now and returns (the terminal UI may poll).
// TYPE/NAME of a workload picks one of its pods by label selector (kubectl's choice among
// several pods follows its ActivePods order; here: the first by name), with the same stderr note.

import type { LogOptions } from '../../../sim/apiserver/apiserver';
import type { Pod } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { parseDuration } from '../flags';
import { mappingFor } from '../resources';

const FLAGS: FlagDef[] = [
  { name: 'all-containers', type: 'bool', usage: 'Get all containers\' logs in the pod(s).' },
  { name: 'container', shorthand: 'c', type: 'string', usage: 'Print the logs of this container' },
  { name: 'follow', shorthand: 'f', type: 'bool', usage: 'Specify if the logs should be streamed.' },
  { name: 'ignore-errors', type: 'bool', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
  { name: 'limit-bytes', type: 'int64', default: 0, usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
  { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector.' },
  { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time to wait until at least one pod is running' },
  { name: 'prefix', type: 'bool', usage: 'Prefix each log line with the log source (pod name and container name)' },
  { name: 'previous', shorthand: 'p', type: 'bool', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.' },
  { name: 'since-time', type: 'string', usage: 'Only return logs after a specific date (RFC3339).' },
  { name: 'tail', type: 'int64', default: -1, usage: 'Lines of recent log file to display.' },
  { name: 'timestamps', type: 'bool', usage: 'Include timestamps on each line in the log output' },
];

export function logsCommand(env: Env): Command {
  return {
    name: 'logs',
    short: 'Print the logs for a container in a pod',
    use: '[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    flags: FLAGS,
    run: (ctx) => runLogs(env, ctx),
  };
}

function runLogs(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const ns = cfg.namespace;
  if (f.string('selector') || f.bool('all-containers') || f.bool('prefix')) throw new KubectlError('this form of "kubectl logs" is not available in Clusterlab\'s terminal yet');
  if (ctx.args.length === 0) throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  if (ctx.args.length > 2) throw new KubectlError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  let container = f.string('container');
  if (ctx.args.length === 2) {
    if (container) throw new KubectlError("only one of -c or an inline [CONTAINER] arg is allowed\nSee 'kubectl logs -h' for help and examples");
    container = ctx.args[1];
  }
  let podName = ctx.args[0];
  if (podName.includes('/')) {
    const [type, name] = podName.split('/');
    const mapping = mappingFor(type).info;
    if (mapping.resource === 'pods') podName = name;
    else {
      const owner = env.api.get(mapping, ns, name) as unknown as { spec?: { selector?: { matchLabels?: Record<string, string> } | Record<string, string> } };
      const sel = owner.spec?.selector as { matchLabels?: Record<string, string> } | undefined;
      const labels = sel?.matchLabels ?? (sel as Record<string, string> | undefined) ?? {};
      const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
      const pods = env.api.list<Pod>('pods', { namespace: ns, labelSelector: selector }).items.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      if (pods.length === 0) throw new KubectlError(`timed out waiting for the condition`);
      if (pods.length > 1) env.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
      podName = pods[0].metadata.name!;
    }
  }
  const pod = env.api.tryGet<Pod>('pods', ns, podName);
  // kubectl's polymorphic helper words a missing pod this way (lower-case "error from server").
  if (!pod) throw new KubectlError(`error from server (NotFound): pods ${JSON.stringify(podName)} not found in namespace ${JSON.stringify(ns)}`);
  if (container) {
    const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].map((c) => c.name);
    if (!all.includes(container)) throw new KubectlError(`container ${container} is not valid for pod ${podName}`);
  }
  if (!container) {
    const names = pod.spec.containers.map((c) => c.name);
    const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = preferred && names.includes(preferred) ? preferred : names[0];
    if (names.length > 1) env.err(`Defaulted container ${JSON.stringify(container)} out of: ${names.join(', ')}\n`);
  }
  const opts: LogOptions = { container, previous: f.bool('previous'), timestamps: f.bool('timestamps') };
  const tail = f.int('tail');
  if (tail >= 0) opts.tailLines = tail;
  const limit = f.int('limit-bytes');
  if (limit > 0) opts.limitBytes = limit;
  const since = f.string('since');
  if (since && since !== '0s') opts.sinceSeconds = Math.ceil(parseDuration(since) / 1000);
  env.out(env.api.logs(ns, podName, opts));
}
