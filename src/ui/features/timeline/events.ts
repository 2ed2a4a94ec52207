// The events timeline's pure logic: what a row shows, the order (newest first, as `kubectl
// events` sorts), the filters, and which mirror resource an event's object lives in (so a click
// can select it on the diagram). No React here, so it is tested in Node.

import type { CoreEvent } from '../../../sim/api/types';
import { humanDuration, parseTime } from '../../../sim/printers/duration';
import type { Watched } from '../../cluster/mirror';
import type { Selection, UiState } from '../../state/ui';

/** One event as the timeline shows it: derived once per event object (see eventView). */
export interface EventView {
  /** Stable React key: namespace/name of the Event. */
  id: string;
  type: string;
  reason: string;
  message: string;
  count: number;
  /** When it was last seen (ms since the epoch), or undefined when the event has no time. */
  lastMs: number | undefined;
  firstMs: number | undefined;
  /** Write order, to break ties within one (second-precision) timestamp. */
  rv: number;
  kind: string;
  /** The involved object's namespace; undefined for cluster-scoped objects (nodes). */
  namespace: string | undefined;
  name: string;
  /** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects. */
  objectRef: string;
  /** What the text filter searches: reason, object and message, lower case. */
  haystack: string;
  source: string;
}

interface SeriesFields {
  series?: { count?: number; lastObservedTime?: string } | null;
}

// Mirror objects are replaced (never mutated) when they change, so a view can be cached per
// object: re-sorting thousands of events each frame then costs no re-parsing.
const views = new WeakMap<CoreEvent, EventView>();

export function eventView(e: CoreEvent): EventView {
  let v = views.get(e);
  if (!v) {
    v = buildView(e);
    views.set(e, v);
  }
  return v;
}

function buildView(e: CoreEvent & SeriesFields): EventView {
  const io = e.involvedObject ?? {};
  const kind = io.kind ?? '';
  const name = io.name ?? '';
  const namespace = io.namespace || undefined;
  const objectRef = namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
  const reason = e.reason ?? '';
  const message = (e.message ?? '').trim();
  const firstMs = parseTime(e.firstTimestamp) ?? parseTime(e.eventTime);
  // As the event printer: a series counts and dates its own occurrences; a singleton of the new
  // API carries no count (it happened once).
  const count = e.series ? (e.series.count ?? 0) : e.count || 1;
  return {
    id: `${e.metadata.namespace ?? ''}/${e.metadata.name ?? ''}`,
    type: e.type ?? '',
    reason,
    message,
    count,
    lastMs: lastSeenMs(e),
    firstMs,
    rv: Number(e.metadata.resourceVersion) || 0,
    kind,
    namespace,
    name,
    objectRef,
    haystack: `${reason}\n${kind}/${namespace ? namespace + '/' : ''}${name}\n${message}`.toLowerCase(),
    source: e.source?.component || e.reportingComponent || '',
  };
}

/** kubectl events' eventTime(): the series' last observation, else lastTimestamp, else eventTime. */
export function lastSeenMs(e: CoreEvent & SeriesFields): number | undefined {
  if (e.series) return parseTime(e.series.lastObservedTime);
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? parseTime(e.firstTimestamp);
}

/** Newest first; ties (same second) by write order, newest write first. Returns a new array. */
export function sortNewestFirst(list: readonly EventView[]): EventView[] {
  return [...list].sort((a, b) => (b.lastMs ?? -Infinity) - (a.lastMs ?? -Infinity) || b.rv - a.rv || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface EventFilter {
  type: UiState['eventFilter']['type'];
  text: string;
  /** Whether an object in this namespace is shown (the diagram's namespace filter). */
  namespaceVisible(namespace: string | undefined): boolean;
}

/** The events matching the filters, order kept. Text matches reason, object or message, any case. */
export function filterEvents(list: readonly EventView[], f: EventFilter): EventView[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter(
    (v) =>
      (f.type === 'all' || v.type === f.type) &&
      f.namespaceVisible(v.namespace) &&
      words.every((w) => v.haystack.includes(w)),
  );
}

/** The mirror's resource for an involved object's kind, or undefined when the app does not watch it. */
const RESOURCE_BY_KIND: Record<string, Watched> = {
  Namespace: 'namespaces',
  Node: 'nodes',
  Pod: 'pods',
  Service: 'services',
  Endpoints: 'endpoints',
  Event: 'events',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  DaemonSet: 'daemonsets',
  StatefulSet: 'statefulsets',
  Job: 'jobs',
  CronJob: 'cronjobs',
  ConfigMap: 'configmaps',
};

export function resourceForKind(kind: string): Watched | undefined {
  return Object.hasOwn(RESOURCE_BY_KIND, kind) ? RESOURCE_BY_KIND[kind] : undefined;
}

/** What clicking the event selects, or undefined when its object's kind is not on the diagram. */
export function selectionFor(v: EventView): Selection | undefined {
  const resource = resourceForKind(v.kind);
  if (!resource || !v.name) return undefined;
  return { kind: 'object', resource, key: v.namespace ? `${v.namespace}/${v.name}` : v.name };
}

/** Whether `selection` is this event's object (its rows are highlighted). */
export function isSelected(v: EventView, selection: Selection | undefined): boolean {
  if (!selection || selection.kind !== 'object') return false;
  const own = selectionFor(v);
  return !!own && own.kind === 'object' && own.resource === selection.resource && own.key === selection.key;
}

/** The "Last seen" age as kubectl prints it, relative to the virtual clock. */
export function ageText(ms: number | undefined, nowMs: number): string {
  return ms === undefined ? '<unknown>' : humanDuration(nowMs - ms);
}

/** The count line under the table: how many match, and whether the list was capped. */
export function summaryText(total: number, matching: number, shown: number): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const noun = (x: number) => (x === 1 ? 'event' : 'events');
  if (total === 0) return 'No events yet.';
  if (matching === 0) return `No events match the filters (${n(total)} in all).`;
  const base = matching === total ? `${n(total)} ${noun(total)}` : `${n(matching)} of ${n(total)} ${noun(total)} match`;
  return shown < matching ? `${base}; showing the newest ${n(shown)}.` : `${base}.`;
}

/**
 * The rows to render of a fixed-height list scrolled to `scrollTop`: [start, end). Rows a little
 * beyond the viewport are included so scrolling does not flash blank rows.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 20): [number, number] {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return [Math.max(0, Math.min(count, first - overscan)), Math.min(count, last + overscan)];
}
