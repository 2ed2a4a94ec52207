// The events timeline (bottom tab): the cluster's Events, newest first, filterable by type, text
// and namespace, with ages against the virtual clock. Clicking an event selects its object.
// Only the rows in view are rendered (fixed-height rows, windowed), so thousands of events stay
// cheap; rows are memoised and ages recomputed once per virtual second.

import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { CoreEvent } from '../../../sim/api/types';
import { useMirror, useResource } from '../../cluster/hooks';
import { namespaceVisible, useUi, type UiState } from '../../state/ui';
import { ageText, eventView, filterEvents, isSelected, selectionFor, sortNewestFirst, summaryText, visibleRange, type EventView } from './events';
import './timeline.css';

/** Row height in px (rows are one line; the full text is in each cell's tooltip). Matches timeline.css. */
const ROW_HEIGHT = 28;
/** Rows rendered beyond the viewport, each way. */
const OVERSCAN = 30;

const ALL = '';
const SEVERAL = '\u0000several';

export function Timeline() {
  const events = useResource<CoreEvent>('events');
  const namespaceObjects = useResource('namespaces');
  const filter = useUi((s) => s.eventFilter);
  const setEventFilter = useUi((s) => s.setEventFilter);
  const namespaces = useUi((s) => s.namespaces);
  const showKubeSystem = useUi((s) => s.showKubeSystem);
  const setNamespaces = useUi((s) => s.setNamespaces);
  const setShowKubeSystem = useUi((s) => s.setShowKubeSystem);
  const selection = useUi((s) => s.selection);
  const select = useUi((s) => s.select);
  const nowMs = useVirtualSecond();
  const [notice, setNotice] = useState<string>();

  // Sorting only when the events change; filtering when they or the filters do.
  const sorted = useMemo(() => sortNewestFirst(events.map(eventView)), [events]);
  const matching = useMemo(
    () => filterEvents(sorted, { ...filter, namespaceVisible: (ns) => namespaceVisible({ namespaces, showKubeSystem }, ns) }),
    [sorted, filter, namespaces, showKubeSystem],
  );

  // Windowing: which rows are in view. The viewport height follows the panel's size.
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewportHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // New filters show their newest matches.
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [filter, namespaces, showKubeSystem]);
  const [start, end] = visibleRange(scrollTop, viewportHeight, ROW_HEIGHT, matching.length, OVERSCAN);
  const namespaceNames = useMemo(() => namespaceObjects.map((n) => n.metadata.name as string).sort(), [namespaceObjects]);

  const activate = useCallback(
    (v: EventView) => {
      const s = selectionFor(v);
      if (s) {
        select(s);
        setNotice(undefined);
      } else {
        setNotice(`${v.objectRef} is a ${v.kind || 'object'}, which the diagram does not show.`);
      }
    },
    [select],
  );

  const nsValue = namespaces.length === 0 ? ALL : namespaces.length === 1 ? namespaces[0] : SEVERAL;
  const onNamespace = (value: string) => {
    if (value === SEVERAL) return;
    setNamespaces(value === ALL ? [] : [value]);
    if (value === 'kube-system') setShowKubeSystem(true); // picking it must show it
  };

  return (
    <div className="tl" data-testid="timeline">
      <div className="tl-toolbar" role="group" aria-label="Event filters">
        <label>
          Type{' '}
          <select data-testid="timeline-filter-type" value={filter.type} onChange={(e) => setEventFilter({ type: e.target.value as UiState['eventFilter']['type'] })}>
            <option value="all">All</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label>
          Search{' '}
          <input
            type="search"
            data-testid="timeline-filter-text"
            placeholder="reason, object or message"
            value={filter.text}
            onChange={(e) => setEventFilter({ text: e.target.value })}
          />
        </label>
        <label title="Shared with the diagram's namespace filter">
          Namespace{' '}
          <select data-testid="timeline-filter-namespace" value={nsValue} onChange={(e) => onNamespace(e.target.value)}>
            <option value={ALL}>All namespaces</option>
            {nsValue === SEVERAL && <option value={SEVERAL}>{namespaces.join(', ')}</option>}
            {namespaceNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="tl-check" title="Shared with the diagram">
          <input type="checkbox" data-testid="timeline-show-kube-system" checked={showKubeSystem} onChange={(e) => setShowKubeSystem(e.target.checked)} />
          kube-system
        </label>
        <span className="tl-summary" data-testid="timeline-count">
          {summaryText(events.length, matching.length, matching.length)}
        </span>
        <span className="tl-notice" role="status" data-testid="timeline-notice">
          {notice}
        </span>
      </div>
      <div className="tl-scroll" ref={scrollRef} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div role="table" className="tl-table" aria-label="Cluster events, newest first" aria-rowcount={matching.length + 1}>
          <div role="rowgroup" className="tl-head">
            <div role="row" className="tl-grid" aria-rowindex={1}>
              <span role="columnheader">Last seen</span>
              <span role="columnheader">Type</span>
              <span role="columnheader">Reason</span>
              <span role="columnheader">Namespace</span>
              <span role="columnheader">Object</span>
              <span role="columnheader">Message</span>
              <span role="columnheader" className="tl-count">Count</span>
            </div>
          </div>
          <div role="rowgroup" className="tl-body" style={{ height: matching.length * ROW_HEIGHT }}>
            {matching.slice(start, end).map((v, i) => (
              <EventRow
                key={v.id}
                index={start + i}
                view={v}
                age={ageText(v.lastMs, nowMs)}
                selected={isSelected(v, selection)}
                onActivate={activate}
              />
            ))}
          </div>
        </div>
        {matching.length === 0 && <p className="tl-empty">{summaryText(events.length, 0, 0)}</p>}
      </div>
    </div>
  );
}

const EventRow = memo(function EventRow(props: { index: number; view: EventView; age: string; selected: boolean; onActivate(v: EventView): void }) {
  const { index, view: v, age, selected, onActivate } = props;
  const selectable = selectionFor(v) !== undefined;
  const kindName = `${v.kind.toLowerCase()}/${v.name}`;
  const warning = v.type === 'Warning';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-testid="event-row"
      data-reason={v.reason}
      data-type={v.type}
      data-object={v.objectRef}
      data-selected={selected || undefined}
      className={`tl-grid tl-row${warning ? ' tl-row-warning' : ''}${selected ? ' tl-row-selected' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      onClick={() => onActivate(v)}
    >
      <span role="cell" title={v.firstMs !== undefined && v.count > 1 ? `First seen ${new Date(v.firstMs).toISOString()}` : undefined}>
        {age}
      </span>
      <span role="cell">
        <span className={warning ? 'tl-badge tl-badge-warning' : 'tl-badge'}>{v.type}</span>
      </span>
      <span role="cell" className="tl-reason" title={v.reason}>
        {v.reason}
      </span>
      <span role="cell" title={v.namespace}>
        {v.namespace ?? ''}
      </span>
      <span role="cell">
        {selectable ? (
          <button type="button" className="tl-link" title={`Select ${v.objectRef} on the diagram`}>
            {kindName}
          </button>
        ) : (
          <span className="tl-unlinked" title={`${v.objectRef} (not shown on the diagram)`}>
            {kindName}
          </span>
        )}
      </span>
      <span role="cell" title={v.message}>
        {v.message}
      </span>
      <span role="cell" className="tl-count">
        {v.count}
      </span>
    </div>
  );
});

/** The virtual clock in whole seconds: ages change only then, so render only then. */
function useVirtualSecond(): number {
  const m = useMirror();
  return useSyncExternalStore(m.subscribe, () => Math.floor((m.clock?.nowMs ?? 0) / 1000) * 1000);
}
