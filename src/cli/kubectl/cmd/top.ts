// `kubectl top node|pod` (kubectl/pkg/cmd/top and pkg/metricsutil): read metrics.k8s.io
// NodeMetrics / PodMetrics (the simulated metrics-server, see src/sim/apiserver/metrics.ts) and
// print them as kubectl's TopCmdPrinter does: every cell tab-terminated, CPU in millicores, memory
// in Mi, node percentages of allocatable. Without a Ready metrics-server: "Metrics API not available".

import { isApiError } from '../../../sim/api/errors';
import { parseSelector, SelectorParseError } from '../../../sim/api/labels';
import type { Node, Pod } from '../../../sim/api/types';
import { intValue, milliValue } from '../../../sim/api/quantity';
import { MetricsApi } from '../../../sim/apiserver/metrics';
import { parseTime } from '../../../sim/printers/duration';
import { defaultSubCommandRun, type Command, type RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { goSortArray } from '../gosort';
import { HELP } from '../helptext';
import { KUBECTL_TABWRITER, TabWriter } from '../tabwriter';
import { TOP_HELP } from './tophelp';

Object.assign(HELP, TOP_HELP);

/** Metrics objects are read as plain JSON trees. */
type J = any;

const NODE_FLAGS: FlagDef[] = [
  { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'show-capacity', type: 'bool', usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
  { name: 'sort-by', type: 'string', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
  { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
];

const POD_FLAGS: FlagDef[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'containers', type: 'bool', usage: 'If present, print usage of containers within a pod.' },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on.' },
  { name: 'no-headers', type: 'bool', usage: 'If present, print output without headers.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'sort-by', type: 'string', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
  { name: 'sum', type: 'bool', usage: 'Print the sum of the resource usage' },
  { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
];

export function topCommand(env: Env): Command {
  return {
    name: 'top',
    short: 'Display resource (CPU/memory) usage',
    commands: [
      { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', use: '[NAME | -l label]', flags: NODE_FLAGS, validateArgs: () => {}, run: (ctx) => runTopNode(env, ctx) },
      { name: 'pod', aliases: ['pods', 'po'], short: 'Display resource (CPU/memory) usage of pods', use: '[NAME | -l label]', flags: POD_FLAGS, validateArgs: () => {}, run: (ctx) => runTopPod(env, ctx) },
    ],
    validateArgs: () => {},
    run: defaultSubCommandRun((s) => env.err(s)),
  };
}

interface Row {
  cells: string[];
  cpu: number;
  memory: number;
}

/** printValue for each cell, then "\n": every cell ends in a tab. */
function printRows(env: Env, header: string[] | undefined, rows: Row[]): void {
  const tw = new TabWriter({ ...KUBECTL_TABWRITER, rememberWidths: false });
  if (header) tw.write(header.map((h) => `${h}\t`).join('') + '\n');
  for (const r of rows) tw.write(r.cells.map((c) => `${c}\t`).join('') + '\n');
  env.out(tw.flush());
}

function checkSelector(s: string): void {
  try {
    parseSelector(s);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new KubectlError(e.message);
    throw e;
  }
}

function validateSortBy(sortBy: string): void {
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
}

const cpuOf = (u: J) => milliValue(u?.cpu);
const memOf = (u: J) => intValue(u?.memory);
const cpuCell = (m: number) => `${m}m`;
const memCell = (b: number) => `${Math.trunc(b / (1024 * 1024))}Mi`;

/** The metricsutil sorters: descending by a metric, or by name; Go's sort.Sort (not stable), so ties land where kubectl puts them. */
function sortRows<T extends { cpu: number; memory: number; key: string; ns?: string }>(rows: T[], sortBy: string): T[] {
  const out = [...rows];
  if (sortBy === 'cpu') goSortArray(out, (a, b) => a.cpu > b.cpu);
  else if (sortBy === 'memory') goSortArray(out, (a, b) => a.memory > b.memory);
  else goSortArray(out, (a, b) => (a.ns !== b.ns ? (a.ns ?? '') < (b.ns ?? '') : a.key < b.key));
  return out;
}

function runTopNode(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  if (ctx.args.length > 1) throw new UsageError(ctx.path, 'node [NAME | -l label]');
  const name = ctx.args[0] ?? '';
  const selector = f.string('selector');
  if (name && selector) throw new KubectlError('only one of NAME or --selector can be provided');
  validateSortBy(f.string('sort-by'));
  if (selector) checkSelector(selector);
  const metrics = new MetricsApi(env.api);
  if (!metrics.available()) throw new KubectlError('Metrics API not available');
  const items: J[] = name ? [metrics.getNode(name)] : metrics.listNodes({ labelSelector: selector || undefined }).items;
  if (items.length === 0) throw new KubectlError('metrics not available yet');
  const nodes: Node[] = name ? [env.api.get<Node>('nodes', undefined, name)] : env.api.list<Node>('nodes', { labelSelector: selector || undefined }).items;
  const available = new Map<string, J>(nodes.map((n) => [n.metadata.name!, f.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable]));
  const rows = sortRows(
    items.map((m) => ({ key: m.metadata.name as string, cpu: cpuOf(m.usage), memory: memOf(m.usage) })),
    f.string('sort-by'),
  );
  const out: Row[] = rows.map((r) => {
    const avail = available.get(r.key);
    const cells = [r.key, cpuCell(r.cpu)];
    if (avail?.cpu !== undefined) cells.push(`${Math.trunc((r.cpu / milliValue(avail.cpu)) * 100)}%`);
    cells.push(memCell(r.memory));
    // MilliValue over MilliValue, as kubectl computes the memory fraction.
    if (avail?.memory !== undefined) cells.push(`${Math.trunc(((r.memory * 1000) / (intValue(avail.memory) * 1000)) * 100)}%`);
    available.delete(r.key);
    return { cells, cpu: r.cpu, memory: r.memory };
  });
  for (const missing of available.keys()) out.push({ cells: [missing, '<unknown>', '<unknown>', '<unknown>', '<unknown>'], cpu: 0, memory: 0 });
  printRows(env, f.bool('no-headers') ? undefined : ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], out);
}

function runTopPod(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (ctx.args.length > 1) throw new UsageError(ctx.path, 'pod [NAME | -l label]');
  const name = ctx.args[0] ?? '';
  const selector = f.string('selector');
  if (name && selector) throw new KubectlError('only one of NAME or selector can be provided');
  validateSortBy(f.string('sort-by'));
  if (selector) checkSelector(selector);
  const allNamespaces = f.bool('all-namespaces');
  const fieldSelector = f.string('field-selector');
  const metrics = new MetricsApi(env.api);
  if (!metrics.available()) throw new KubectlError('Metrics API not available');
  let items: J[];
  if (name) items = [metrics.getPod(cfg.namespace, name)];
  else {
    items = metrics.listPods({ namespace: allNamespaces ? undefined : cfg.namespace, labelSelector: selector || undefined }).items;
    if (fieldSelector) {
      const keep = new Set(env.api.list<Pod>('pods', { namespace: allNamespaces ? undefined : cfg.namespace, fieldSelector }).items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      items = items.filter((m) => keep.has(`${m.metadata.namespace}/${m.metadata.name}`));
    }
  }
  if (items.length === 0) {
    verifyEmptyMetrics(env, cfg.namespace, allNamespaces, selector, fieldSelector);
    env.err(allNamespaces ? 'No resources found\n' : `No resources found in ${cfg.namespace} namespace.\n`);
    return;
  }
  const sortBy = f.string('sort-by');
  const pods = items.map((m) => {
    const containers = (m.containers ?? []) as J[];
    return {
      m,
      key: m.metadata.name as string,
      ns: allNamespaces ? (m.metadata.namespace as string) : undefined,
      cpu: containers.reduce((a, c) => a + cpuOf(c.usage), 0),
      memory: containers.reduce((a, c) => a + memOf(c.usage), 0),
    };
  });
  const rows: Row[] = [];
  for (const p of sortRows(pods, sortBy)) {
    const ns = allNamespaces ? [p.m.metadata.namespace as string] : [];
    if (f.bool('containers')) {
      const cs = sortRows(((p.m.containers ?? []) as J[]).map((c) => ({ key: c.name as string, cpu: cpuOf(c.usage), memory: memOf(c.usage) })), sortBy);
      for (const c of cs) rows.push({ cells: [...ns, p.m.metadata.name, c.key, cpuCell(c.cpu), memCell(c.memory)], cpu: c.cpu, memory: c.memory });
    } else {
      rows.push({ cells: [...ns, p.m.metadata.name, cpuCell(p.cpu), memCell(p.memory)], cpu: p.cpu, memory: p.memory });
    }
  }
  if (f.bool('sum')) {
    const cpu = pods.reduce((a, p) => a + p.cpu, 0);
    const memory = pods.reduce((a, p) => a + p.memory, 0);
    const lead = (allNamespaces ? 1 : 0) + (f.bool('containers') ? 1 : 0);
    rows.push({ cells: [...new Array(lead + 1).fill(''), '________', '________'], cpu: 0, memory: 0 });
    rows.push({ cells: [...new Array(lead + 1).fill(''), cpuCell(cpu), memCell(memory)], cpu, memory });
  }
  const header = f.bool('no-headers') ? undefined : [...(allNamespaces ? ['NAMESPACE'] : []), ...(f.bool('containers') ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'];
  printRows(env, header, rows);
}

/** verifyEmptyMetrics: pods older than two minutes without metrics are an error. */
function verifyEmptyMetrics(env: Env, namespace: string, allNamespaces: boolean, selector: string, fieldSelector: string): void {
  let pods: Pod[];
  try {
    pods = env.api.list<Pod>('pods', { namespace: allNamespaces ? undefined : namespace, labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined }).items;
  } catch (e) {
    if (isApiError(e)) throw e;
    throw e;
  }
  if (pods.length === 0) return;
  for (const p of pods) {
    const age = env.now() - (parseTime(p.metadata.creationTimestamp) ?? env.now());
    if (age > 120_000) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`);
  }
  throw new KubectlError('metrics not available yet');
}

/** time.Duration.String() for whole milliseconds: 2m5.5s, 1h0m3s. */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}
