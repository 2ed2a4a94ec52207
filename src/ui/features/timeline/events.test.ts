import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../sim/api/types';
import { namespaceVisible } from '../../state/ui';
import { visibleRange, ageText, eventView, filterEvents, isSelected, lastSeenMs, resourceForKind, selectionFor, sortNewestFirst, summaryText } from './events';

let rv = 100;
function ev(p: {
  name?: string; namespace?: string; kind?: string; objNamespace?: string | null; objName?: string;
  reason?: string; message?: string; type?: 'Normal' | 'Warning'; first?: string; last?: string | null; count?: number;
  eventTime?: string | null; series?: { count: number; lastObservedTime: string };
}): CoreEvent {
  const objNamespace = p.objNamespace === null ? undefined : (p.objNamespace ?? 'default');
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: p.name ?? `e${rv}`, namespace: p.namespace ?? objNamespace ?? 'default', resourceVersion: String(rv++) },
    involvedObject: { kind: p.kind ?? 'Pod', namespace: objNamespace, name: p.objName ?? 'web-1' },
    reason: p.reason ?? 'Scheduled',
    message: p.message ?? 'Successfully assigned default/web-1 to aks-nodepool1-1',
    type: p.type ?? 'Normal',
    firstTimestamp: p.first ?? '2025-01-01T00:00:10Z',
    lastTimestamp: p.last === undefined ? (p.first ?? '2025-01-01T00:00:10Z') : p.last,
    count: p.count ?? 1,
    eventTime: p.eventTime ?? null,
    ...(p.series ? { series: p.series } : {}),
  };
}

const T0 = Date.UTC(2025, 0, 1);

describe('eventView', () => {
  it('derives the row fields', () => {
    const v = eventView(ev({ reason: 'Pulled', message: '  Container image "nginx" already present  ', count: 3, first: '2025-01-01T00:00:05Z', last: '2025-01-01T00:01:00Z' }));
    expect(v).toMatchObject({
      type: 'Normal', reason: 'Pulled', message: 'Container image "nginx" already present', count: 3,
      firstMs: T0 + 5000, lastMs: T0 + 60_000, kind: 'Pod', namespace: 'default', name: 'web-1', objectRef: 'Pod/default/web-1',
    });
  });

  it('names cluster-scoped objects without a namespace', () => {
    const v = eventView(ev({ kind: 'Node', objNamespace: null, objName: 'aks-nodepool1-1', reason: 'NodeReady' }));
    expect(v.namespace).toBeUndefined();
    expect(v.objectRef).toBe('Node/aks-nodepool1-1');
  });

  it('caches the view per event object', () => {
    const e = ev({});
    expect(eventView(e)).toBe(eventView(e));
  });

  it('takes count and last seen from a series, and counts a singleton as 1', () => {
    const s = eventView(ev({ last: null, count: 0, eventTime: '2025-01-01T00:00:01.000000Z', series: { count: 7, lastObservedTime: '2025-01-01T00:02:00.123456Z' } }));
    expect(s.count).toBe(7);
    expect(s.lastMs).toBe(T0 + 120_123);
    expect(eventView(ev({ count: 0 })).count).toBe(1);
  });
});

describe('lastSeenMs', () => {
  it('falls back from lastTimestamp to eventTime', () => {
    expect(lastSeenMs(ev({ last: '2025-01-01T00:00:30Z' }))).toBe(T0 + 30_000);
    expect(lastSeenMs({ ...ev({}), firstTimestamp: null, lastTimestamp: null, eventTime: '2025-01-01T00:00:02.500000Z' })).toBe(T0 + 2500);
  });
});

describe('sortNewestFirst', () => {
  it('orders by last seen, then by write order within one second', () => {
    const old = eventView(ev({ reason: 'Old', first: '2025-01-01T00:00:01Z' }));
    const a = eventView(ev({ reason: 'A', first: '2025-01-01T00:00:09Z' }));
    const b = eventView(ev({ reason: 'B', first: '2025-01-01T00:00:09Z' })); // written after A
    const repeated = eventView(ev({ reason: 'Repeated', first: '2025-01-01T00:00:00Z', last: '2025-01-01T00:00:20Z', count: 4 }));
    const input = [old, a, repeated, b];
    expect(sortNewestFirst(input).map((v) => v.reason)).toEqual(['Repeated', 'B', 'A', 'Old']);
    expect(input.map((v) => v.reason)).toEqual(['Old', 'A', 'Repeated', 'B']); // not sorted in place
  });
});

describe('filterEvents', () => {
  const all = [
    eventView(ev({ reason: 'Scheduled', objName: 'web-1' })),
    eventView(ev({ reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container', objName: 'api-1', objNamespace: 'shop' })),
    eventView(ev({ reason: 'NodeNotReady', kind: 'Node', objNamespace: null, objName: 'aks-nodepool1-2', message: 'Node status is now: NodeNotReady' })),
    eventView(ev({ reason: 'Pulled', objNamespace: 'kube-system', objName: 'coredns-1' })),
  ];
  const anyNs = () => true;

  it('filters by type', () => {
    expect(filterEvents(all, { type: 'Warning', text: '', namespaceVisible: anyNs }).map((v) => v.reason)).toEqual(['BackOff']);
    expect(filterEvents(all, { type: 'all', text: '', namespaceVisible: anyNs })).toHaveLength(4);
  });

  it('matches text in reason, object and message, case-insensitively, every word', () => {
    const f = (text: string) => filterEvents(all, { type: 'all', text, namespaceVisible: anyNs }).map((v) => v.reason);
    expect(f('backoff')).toEqual(['BackOff']);
    expect(f('Node/aks')).toEqual(['NodeNotReady']);
    expect(f('shop/api')).toEqual(['BackOff']);
    expect(f('restarting container')).toEqual(['BackOff']);
    expect(f('restarting web')).toEqual([]);
  });

  it('applies the namespace filter, keeping cluster-scoped objects', () => {
    const visible = (ns: string | undefined) => namespaceVisible({ namespaces: ['shop'], showKubeSystem: true }, ns);
    expect(filterEvents(all, { type: 'all', text: '', namespaceVisible: visible }).map((v) => v.reason)).toEqual(['BackOff', 'NodeNotReady']);
    const noSystem = (ns: string | undefined) => namespaceVisible({ namespaces: [], showKubeSystem: false }, ns);
    expect(filterEvents(all, { type: 'all', text: '', namespaceVisible: noSystem }).map((v) => v.reason)).toEqual(['Scheduled', 'BackOff', 'NodeNotReady']);
  });
});

describe('selection', () => {
  it('maps kinds to the watched resources', () => {
    expect(resourceForKind('Pod')).toBe('pods');
    expect(resourceForKind('Node')).toBe('nodes');
    expect(resourceForKind('Deployment')).toBe('deployments');
    expect(resourceForKind('ReplicaSet')).toBe('replicasets');
    expect(resourceForKind('Endpoints')).toBe('endpoints');
    expect(resourceForKind('HorizontalPodAutoscaler')).toBeUndefined();
    expect(resourceForKind('toString')).toBeUndefined();
  });

  it('selects namespaced objects by namespace/name and cluster-scoped ones by name', () => {
    expect(selectionFor(eventView(ev({ objName: 'web-1' })))).toEqual({ kind: 'object', resource: 'pods', key: 'default/web-1' });
    expect(selectionFor(eventView(ev({ kind: 'Node', objNamespace: null, objName: 'n1' })))).toEqual({ kind: 'object', resource: 'nodes', key: 'n1' });
    expect(selectionFor(eventView(ev({ kind: 'PersistentVolumeClaim', objName: 'data' })))).toBeUndefined();
  });

  it('knows whether a row is the selected object', () => {
    const v = eventView(ev({ objName: 'web-1' }));
    expect(isSelected(v, { kind: 'object', resource: 'pods', key: 'default/web-1' })).toBe(true);
    expect(isSelected(v, { kind: 'object', resource: 'pods', key: 'default/web-2' })).toBe(false);
    expect(isSelected(v, { kind: 'component', component: 'etcd' })).toBe(false);
    expect(isSelected(v, undefined)).toBe(false);
  });
});

describe('text', () => {
  it('prints ages as kubectl does, against the virtual clock', () => {
    expect(ageText(T0, T0 + 45_000)).toBe('45s');
    expect(ageText(T0, T0 + 192_000)).toBe('3m12s');
    expect(ageText(T0, T0 + 3 * 3600_000)).toBe('3h');
    expect(ageText(undefined, T0)).toBe('<unknown>');
  });

  it('summarises the count and the cap', () => {
    expect(summaryText(0, 0, 0)).toBe('No events yet.');
    expect(summaryText(1, 1, 1)).toBe('1 event.');
    expect(summaryText(12, 0, 0)).toBe('No events match the filters (12 in all).');
    expect(summaryText(3000, 3000, 500)).toBe('3,000 events; showing the newest 500.');
    expect(summaryText(3000, 40, 40)).toBe('40 of 3,000 events match.');
  });
});

describe('visibleRange', () => {
  it('renders the rows in view plus some overscan, within the list', () => {
    expect(visibleRange(0, 200, 28, 1000, 10)).toEqual([0, 18]);
    expect(visibleRange(2800, 200, 28, 1000, 10)).toEqual([90, 118]);
    expect(visibleRange(27_900, 200, 28, 1000, 10)).toEqual([986, 1000]);
    expect(visibleRange(0, 200, 28, 5, 10)).toEqual([0, 5]);
    expect(visibleRange(0, 0, 28, 0, 10)).toEqual([0, 0]);
  });
});
