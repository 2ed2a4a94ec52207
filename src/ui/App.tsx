// The app shell: starts the simulation in its Web Worker, installs `window.clusterlab`, and lays
// out the diagram (centre), the inspector (right), the time controls (top) and the editor and
// events timeline (bottom).

import { useEffect, useState } from 'react';
import { SessionContext } from './cluster/hooks';
import { optionsFromURL, presentationFromURL, startSession, type Session } from './cluster/session';
import { Diagram } from './features/diagram/Diagram';
import { EditorPanel } from './features/editor/EditorPanel';
import { ExplainerDock } from './features/explainer/ExplainerPanel';
import { Inspector } from './features/inspector/Inspector';
import { PresentationButtons, PresentationLayer } from './features/presentation/Presentation';
import { TerminalPanel } from './features/terminal/Terminal';
import { TimeControls } from './features/timecontrols/TimeControls';
import { TimeTravel } from './features/timetravel/TimeTravel';
import { Timeline } from './features/timeline/Timeline';
import { useUi } from './state/ui';
import { createHook } from './testhook';

// One simulation per page, even when React's StrictMode runs effects twice.
let starting: Promise<Session> | undefined;

export function App() {
  const [session, setSession] = useState<Session>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    starting ??= startSession(optionsFromURL(window.location.search, window.location.hash));
    if (presentationFromURL(window.location.search)) useUi.getState().setPresentation(true);
    starting.then(
      (s) => {
        window.clusterlab = createHook(s);
        setSession(s);
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  if (error) return <p role="alert" className="boot-error">The simulation failed to start: {error}</p>;
  if (!session) {
    return (
      <main className="booting" data-testid="booting">
        <h1>Clusterlab</h1>
        <p>Creating your AKS cluster: control plane, 3 nodes, kube-system add-ons...</p>
      </main>
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Workspace />
    </SessionContext.Provider>
  );
}

function Workspace() {
  const bottomTab = useUi((s) => s.bottomTab);
  const setBottomTab = useUi((s) => s.setBottomTab);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const panelsHidden = useUi((s) => s.panelsHidden);
  return (
    <div className={panelsHidden ? 'app panels-hidden' : 'app'} data-testid="app">
      <header className="topbar">
        <h1 className="brand">Clusterlab</h1>
        <TimeControls />
        <PresentationButtons />
        <TimeTravel />
      </header>
      <PresentationLayer />
      <main className={inspectorOpen ? 'workspace with-inspector' : 'workspace'}>
        <section className="diagram-area" aria-label="Cluster diagram">
          <Diagram />
        </section>
        <ExplainerDock />
        {inspectorOpen && (
          <aside className="inspector" aria-label="Inspector">
            <Inspector />
          </aside>
        )}
      </main>
      <section className="bottom" aria-label="Editor, events and terminal">
        <div role="tablist" className="tabs">
          <button role="tab" aria-selected={bottomTab === 'editor'} data-testid="tab-editor" onClick={() => setBottomTab('editor')}>
            Manifest editor
          </button>
          <button role="tab" aria-selected={bottomTab === 'events'} data-testid="tab-events" onClick={() => setBottomTab('events')}>
            Events
          </button>
          <button role="tab" aria-selected={bottomTab === 'terminal'} data-testid="tab-terminal" onClick={() => setBottomTab('terminal')}>
            Terminal
          </button>
        </div>
        <div role="tabpanel" className="tab-body">
          {bottomTab === 'editor' ? <EditorPanel /> : bottomTab === 'terminal' ? <TerminalPanel /> : <Timeline />}
        </div>
      </section>
    </div>
  );
}
