// The inspector (right panel): for the selected component or object, what it is and does (with
// AKS specifics), its live state, its recent events and its YAML; for nodes, the node actions.
// With nothing selected, a cluster overview. Selection lives in zustand as ids; the objects are
// read live from the mirror.

import { useEffect, useRef } from 'react';
import { useUi } from '../../state/ui';
import { ComponentView } from './ComponentView';
import { selectionTitle } from './inspect';
import { ObjectView } from './ObjectView';
import { Overview } from './Overview';
import './inspector.css';

export function Inspector() {
  const selection = useUi((s) => s.selection);
  const select = useUi((s) => s.select);
  // A new key per selection resets per-view state (action results, scroll position).
  const viewKey = !selection ? 'overview' : selection.kind === 'component' ? `c/${selection.component}/${selection.node ?? ''}` : `o/${selection.resource}/${selection.key}`;
  const root = useRef<HTMLDivElement>(null);
  // A new selection starts at the top of the panel (the scrolling element is the shell's aside).
  useEffect(() => {
    const scroller = root.current?.parentElement;
    if (scroller && scroller.scrollTop > 0) scroller.scrollTop = 0;
  }, [viewKey]);

  return (
    <div className="insp" data-testid="inspector" ref={root}>
      <header className="insp-header">
        <h2 data-testid="inspector-title" title={selectionTitle(selection)}>
          {selectionTitle(selection)}
        </h2>
        <div className="insp-header-buttons">
          {selection && (
            <button type="button" className="insp-button" onClick={() => select(undefined)} data-testid="inspector-overview">
              Overview
            </button>
          )}
        </div>
      </header>
      <div className="insp-body" key={viewKey}>
        {!selection ? (
          <Overview />
        ) : selection.kind === 'component' ? (
          <ComponentView component={selection.component} node={selection.node} />
        ) : (
          <ObjectView resource={selection.resource} objKey={selection.key} />
        )}
      </div>
    </div>
  );
}
