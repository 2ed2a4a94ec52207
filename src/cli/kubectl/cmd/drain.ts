// `kubectl drain NODE` (kubectl/pkg/cmd/drain and pkg/drain): cordon the node, sort its pods
// through kubectl's filters (DaemonSet-managed, mirror, local storage, unreplicated), then evict
// each through the Eviction subresource (the API server honours PodDisruptionBudgets with 429)
// and wait for it to be gone: `node/x cordoned`, `evicting pod ns/name`, `pod/name evicted`,
// `node/x drained`.
//
// While kubectl waits for evicted pods to terminate, virtual time runs (Env.waitFor), so pods
// print `evicted` as they go. On a paused clock nothing can change: whatever kubectl would still
// wait for (a pod inside its termination grace period) ends the way kubectl's drain ends when its
// --timeout expires (0s when none was given). An eviction a disruption budget refuses (kubectl
// retries every 5 s) is not retried on the clock: it ends the same way. Real kubectl evicts in parallel goroutines, so its line order varies; the engine
// prints in the API's list order (kubectl's order with --dry-run=client).

import { isApiError } from '../../../sim/api/errors';
import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, SilentExit, standardErrorMessage } from '../errors';
import { parseDuration, type FlagDef } from '../flags';
import { build } from '../resources';
import { cordonNodes } from './cordon';
import { dryRunStrategy, dryRunSuffix } from './generated';

interface Pod {
  metadata: { name: string; namespace: string; uid?: string; deletionTimestamp?: string; annotations?: Record<string, string>; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
  spec?: { volumes?: { emptyDir?: unknown }[] };
  status?: { phase?: string };
}

const FLAGS: FlagDef[] = [
  { name: 'force', type: 'bool', usage: 'Continue even if there are pods that do not declare a controller.' },
  { name: 'ignore-daemonsets', type: 'bool', usage: 'Ignore DaemonSet-managed pods.' },
  { name: 'delete-emptydir-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
  { name: 'delete-local-data', type: 'bool', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully.' },
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on' },
  { name: 'pod-selector', type: 'string', usage: 'Label selector to filter pods on the node' },
  { name: 'disable-eviction', type: 'bool', usage: 'Force drain to use delete, even if eviction is supported.' },
  { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.' },
  { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
];

export function drainCommand(env: Env): Command {
  return {
    name: 'drain',
    short: 'Drain node in preparation for maintenance',
    use: 'NODE',
    flags: FLAGS,
    run: (ctx) => runDrain(env, ctx),
  };
}

interface Status {
  delete: boolean;
  warning?: string;
  error?: string;
}

const TERMINAL = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** GetPodsForDeletion's filters, in kubectl's order; the last status wins. */
function podStatus(env: Env, p: Pod, o: { ignoreDaemonSets: boolean; deleteEmptyDir: boolean; force: boolean; skipDeletedAfter: number }): Status {
  let status: Status = { delete: true };
  if (o.skipDeletedAfter > 0 && p.metadata.deletionTimestamp && env.now() - Date.parse(p.metadata.deletionTimestamp) > o.skipDeletedAfter * 1000) return { delete: false };
  const controller = (p.metadata.ownerReferences ?? []).find((r) => r.controller);
  if (controller?.kind === 'DaemonSet' && env.api.tryGet('daemonsets', p.metadata.namespace, controller.name)) {
    if (!o.ignoreDaemonSets) return { delete: false, error: 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    return { delete: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { delete: false };
  if ((p.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined) && !TERMINAL(p)) {
    if (!o.deleteEmptyDir) return { delete: false, error: 'Pods with local storage (use --delete-emptydir-data to override)' };
    status = { delete: true, warning: 'deleting Pods with local storage' };
  }
  if (!controller && !TERMINAL(p)) {
    if (!o.force) return { delete: false, error: 'cannot delete Pods that declare no controller (use --force to override)' };
    status = { delete: true, warning: 'deleting Pods that declare no controller' };
  }
  return status;
}

/** Messages grouped as PodDeleteList.errors/warnings do: `message: ns/a, ns/b`. */
function grouped(items: { pod: Pod; msg: string }[]): [string, string][] {
  const by = new Map<string, string[]>();
  for (const { pod, msg } of items) by.set(msg, [...(by.get(msg) ?? []), `${pod.metadata.namespace}/${pod.metadata.name}`]);
  return [...by].map(([m, pods]) => [m, pods.join(', ')]);
}

function runDrain(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const selector = f.string('selector');
  if (ctx.args.length === 0 && !selector) throw new KubectlError("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples");
  const timeoutText = f.string('timeout');
  const result = build(env, { namespace: '', allNamespaces: false, labelSelector: selector || undefined, args: ['nodes', ...ctx.args] });
  if (result.errors.length) throw result.errors[0];
  const nodes = result.infos.flatMap((i) => (i.object ? [i.object] : i.list?.items ?? []));
  const opts = {
    ignoreDaemonSets: f.bool('ignore-daemonsets'),
    deleteEmptyDir: f.bool('delete-emptydir-data') || f.bool('delete-local-data'),
    force: f.bool('force'),
    skipDeletedAfter: f.int('skip-wait-for-delete-timeout'),
  };
  const suffix = dryRunSuffix(dryRun);
  const remaining: string[] = [];
  let fatal: string[] | undefined;
  for (const node of nodes) {
    const nodeName = node.metadata.name!;
    cordonNodes(env, [node], true, dryRun);
    const errs = drainNode(env, nodeName, opts, dryRun, f.int('grace-period'), f.bool('disable-eviction'), timeoutText, f.string('pod-selector'));
    if (errs.length === 0) {
      env.out(`node/${nodeName} drained${suffix}\n`);
      continue;
    }
    const joined = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    env.err(`error: unable to drain node ${JSON.stringify(nodeName)} due to error: ${joined}, continuing command...\n`);
    remaining.push(nodeName);
    fatal = errs;
  }
  if (remaining.length) env.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  if (fatal) {
    // An Aggregate: CheckErr prints each error on its own line, with no `error: ` prefix.
    env.err(fatal.map((e) => `${e}\n`).join(''));
    throw new SilentExit(1);
  }
}

/** Drain one node's pods; returns the errors (as kubectl words them). */
function drainNode(env: Env, nodeName: string, opts: Parameters<typeof podStatus>[2], dryRun: 'none' | 'client' | 'server', grace: number, disableEviction: boolean, timeout: string, podSelector: string): string[] {
  const pods = env.api.list('pods', { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: podSelector || undefined }).items as unknown as Pod[];
  const statuses = pods.map((pod) => ({ pod, status: podStatus(env, pod, opts) }));
  const errors = grouped(statuses.flatMap(({ pod, status }) => (status.error ? [{ pod, msg: status.error }] : [])));
  if (errors.length) return errors.map(([m, p]) => `cannot delete ${m}: ${p}`);
  const warnings = grouped(statuses.flatMap(({ pod, status }) => (status.warning ? [{ pod, msg: status.warning }] : [])));
  if (warnings.length) env.err(`Warning: ${warnings.map(([m, p]) => `${m}: ${p}`).join('; ')}\n`);
  const toEvict = statuses.filter((s) => s.status.delete).map((s) => s.pod);
  if (dryRun === 'client') {
    for (const p of toEvict) env.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
    return [];
  }
  const verb = disableEviction ? 'deleting' : 'evicting';
  const failures: string[] = [];
  const waiting: Pod[] = [];
  const deleteOptions = grace >= 0 ? { gracePeriodSeconds: grace } : {};
  for (const p of toEvict) {
    env.out(`${verb} pod ${p.metadata.namespace}/${p.metadata.name}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    try {
      if (disableEviction) env.api.delete('pods', p.metadata.namespace, p.metadata.name, { ...deleteOptions, dryRun: dryRun === 'server' ? ['All'] : undefined } as never, { actor: 'kubectl' });
      else if (dryRun === 'server') env.api.get('pods', p.metadata.namespace, p.metadata.name);
      else env.api.evict(p.metadata.namespace, p.metadata.name, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: p.metadata.name, namespace: p.metadata.namespace }, deleteOptions } as unknown as KubeObject, { actor: 'kubectl' });
      env.settle();
    } catch (e) {
      if (isApiError(e, 'NotFound')) continue;
      const msg = standardErrorMessage(e)?.replace(/^Error from server \([^)]*\): |^Error from server: /, '') ?? (e as Error).message;
      if (isApiError(e, 'TooManyRequests')) {
        // kubectl retries every 5 s, announcing each attempt, and sees its timeout only after a
        // retry's sleep; the cluster cannot change meanwhile, so every retry fails the same way.
        const timeoutMs = parseDuration(timeout);
        const retries = timeoutMs > 0 ? Math.ceil(timeoutMs / 5000) : 1;
        for (let i = 0; i < retries; i++) {
          env.err(`error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)} (will retry after 5s): ${msg}\n`);
          if (timeoutMs > 0) env.out(`${verb} pod ${p.metadata.namespace}/${p.metadata.name}\n`);
        }
        failures.push(`error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: global timeout reached: ${timeout === '0s' ? '0s' : timeout}`);
        continue;
      }
      failures.push(`error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: ${msg}`);
      continue;
    }
    if (dryRun !== 'server') waiting.push(p);
  }
  const pending: Pod[] = [];
  const isGone = (p: Pod) => env.api.tryGet('pods', p.metadata.namespace, p.metadata.name)?.metadata.uid !== p.metadata.uid;
  // kubectl waits for each evicted pod to be gone: on a running clock, its graceful termination.
  const reported = new Set<Pod>();
  const report = () => {
    for (const p of waiting) {
      if (reported.has(p) || !isGone(p)) continue;
      reported.add(p);
      env.out(`pod/${p.metadata.name} ${disableEviction ? 'deleted' : 'evicted'}\n`);
    }
  };
  env.waitFor(() => waiting.every(isGone), parseDuration(timeout), report);
  report();
  for (const p of waiting) {
    if (!reported.has(p)) {
      pending.push(p);
      failures.push(`error when waiting for pod ${JSON.stringify(p.metadata.name)} in namespace ${JSON.stringify(p.metadata.namespace)} to terminate: context deadline exceeded`);
    }
  }
  if (failures.length) {
    const stillThere = env.api.list('pods', { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: podSelector || undefined }).items as unknown as Pod[];
    const left = stillThere.filter((p) => podStatus(env, p, opts).delete);
    if (left.length) {
      const err = failures.length === 1 ? failures[0] : `[${failures.join(', ')}]`;
      env.err(`There are pending pods in node ${JSON.stringify(nodeName)} when an error occurred: ${err}\n${left.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
    }
  }
  return failures;
}
