// `kubectl events` (kubectl/pkg/cmd/events): core/v1 Events of a namespace (or all), optionally
// only those about one object (`--for TYPE/NAME`) or of some types (`--types`), as a table
// LAST SEEN / TYPE / REASON / OBJECT / MESSAGE sorted by last time seen, or through -o printers.
// Ages come from the virtual clock. `--watch` is not available in the in-app terminal.

import { apiVersionOf } from '../../../sim/api/registry';
import type { KubeObject } from '../../../sim/api/types';
import { humanDuration, parseTime } from '../../../sim/printers/duration';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, SilentExit } from '../errors';
import type { FlagDef } from '../flags';
import { goSortArray } from '../gosort';
import { genericPrinter, noCompatiblePrinter } from '../printers';
import { mappingFor } from '../resources';
import { KUBECTL_TABWRITER, TabWriter } from '../tabwriter';
import { PRINT_FLAGS } from './get';

/** Events are read as plain JSON trees. */
type J = any;

const FLAGS: FlagDef[] = [
  ...PRINT_FLAGS,
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
  { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
  { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
  { name: 'types', type: 'stringSlice', usage: 'Output only events of given types.' },
  { name: 'watch', shorthand: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
];

const EVENT_OUTPUTS = ['go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'name', 'template', 'templatefile', 'yaml'];

export function eventsCommand(env: Env): Command {
  return {
    name: 'events',
    short: 'List events',
    use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
    flags: FLAGS,
    run: (ctx) => runEvents(env, ctx),
  };
}

/** The time an event was last seen (SortableEvents' key). */
function lastSeen(e: J): number {
  if (e.series) return parseTime(e.series.lastObservedTime) ?? 0;
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? 0;
}

function runEvents(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const allNamespaces = f.bool('all-namespaces');
  const types = f.strings('types');
  for (const t of types) {
    if (t.toLowerCase() !== 'warning' && t.toLowerCase() !== 'normal') throw new KubectlError('valid --types are Normal or Warning');
  }
  if (f.bool('watch')) throw new KubectlError('events --watch is not available in Clusterlab\'s terminal yet');
  let fieldSelector: string | undefined;
  const forObject = f.string('for');
  if (forObject) {
    const parts = forObject.split('/');
    if (parts.length === 1) throw new KubectlError('--for must be in resource/name form');
    if (parts.length > 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
    if (!parts[0] || !parts[1]) throw new KubectlError('arguments in resource/name form must have a single resource and name');
    let mapping;
    try {
      mapping = mappingFor(parts[0]).info;
    } catch (e) {
      if (!(e instanceof KubectlError)) throw e;
      // kubectl prints the mapper's error as is.
      env.err(`${e.message}\n`);
      throw new SilentExit(1);
    }
    fieldSelector = `involvedObject.kind=${mapping.kind},involvedObject.apiVersion=${apiVersionOf(mapping)},involvedObject.name=${parts[1]}`;
  }
  const list = env.api.list('events', { namespace: allNamespaces ? undefined : cfg.namespace, fieldSelector });
  let items = list.items as J[];
  if (types.length) items = items.filter((e) => types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase()));
  const output = f.string('output');
  if (output && !EVENT_OUTPUTS.includes(output)) throw noCompatiblePrinter(output, EVENT_OUTPUTS);
  if (items.length === 0) {
    env.err(allNamespaces ? 'No events found.\n' : `No events found in ${cfg.namespace} namespace.\n`);
    return;
  }
  if (output === '' && !f.string('template')) {
    // sort.Sort (not stable): equal times land where kubectl puts them.
    items = [...items];
    goSortArray(items, (a, b) => lastSeen(a) < lastSeen(b));
    const tw = new TabWriter({ ...KUBECTL_TABWRITER, rememberWidths: false });
    if (!f.bool('no-headers')) tw.write(`${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
    for (const e of items) {
      tw.write(`${allNamespaces ? `${e.metadata.namespace}\t` : ''}${interval(env, e)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}\t${String(e.message ?? '').trim()}\n`);
    }
    env.out(tw.flush());
    return;
  }
  // kubectl 1.32 prints nothing for -o name here (its EventList items carry no usable kind).
  if (output === 'name') return;
  const printer = genericPrinter(env, {
    output,
    template: f.string('template'),
    showManagedFields: f.bool('show-managed-fields'),
    allowMissingTemplateKeys: f.bool('allow-missing-template-keys'),
  })!;
  // kubectl prints the EventList it assembled: items as served (v1 Events), empty list metadata.
  const full = items.map((e: KubeObject) => ({ ...(e as J), apiVersion: 'v1', kind: 'Event' }));
  env.out(printer.print({ apiVersion: 'v1', items: full, kind: 'EventList', metadata: {} }));
}

function since(env: Env, ts: string | undefined | null): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(env.now() - t);
}

/** getInterval: "5s", or "3s (x4 over 2m)" for repeated events. */
function interval(env: Env, e: J): string {
  const first = e.eventTime ? since(env, e.eventTime) : since(env, e.firstTimestamp);
  if (e.series) return `${since(env, e.series.lastObservedTime)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(env, e.lastTimestamp)} (x${e.count} over ${first})`;
  return first;
}
