// The scheduler explainer, docked beside the diagram: for one pod, every scheduling attempt (each
// node's Filter verdicts with the real reasons, each Score plugin's raw and weighted score, the
// nodes considered, the winner and the bind, and a plain-language summary), and the scheduler's
// step mode with its statechart. While open, the diagram dims rejected nodes and highlights the
// winner (store.ts marks, drawn by the diagram's node cards).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Node, Pod } from '../../../sim/api/types';
import type { Explanation } from '../../../sim/scheduler/explain';
import type { ControllerCycle, SchedulerCycle } from '../../../worker/protocol';
import { useMirrorVersion, useObject, useResource, useSession } from '../../cluster/hooks';
import { actions } from '../../actions';
import { consideredText, CONTROLLER_PHASE_HELP, controllerPhases, filterRows, nextPhase, pickAttempt, PHASE_HELP, PHASES, scoreRows } from './logic';
import { useExplainer } from './store';
import './explainer.css';

/** The panel when open, else a small button to open it (the step mode needs no pod). */
export function ExplainerDock() {
  const open = useExplainer((s) => s.open);
  const openFor = useExplainer((s) => s.openFor);
  const pod = useExplainer((s) => s.pod);
  useNodeNames();
  if (!open) {
    return (
      <button type="button" className="xp-open" data-testid="explainer-open" onClick={() => openFor(pod)}>
        Scheduler explainer
      </button>
    );
  }
  return <ExplainerPanel />;
}

/** Keeps the store's node list current (the marks cover every node). */
function useNodeNames() {
  const nodes = useResource<Node>('nodes');
  const setNodes = useExplainer((s) => s.setNodes);
  useEffect(() => setNodes(nodes.map((n) => n.metadata.name!)), [nodes, setNodes]);
}

/** "Why here?" / "Why Pending?" for a pod (the inspector shows it). */
export function ExplainButton({ pod }: { pod: Pod }) {
  const openFor = useExplainer((s) => s.openFor);
  const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  return (
    <button type="button" className="xp-why" data-testid="explain-pod" onClick={() => openFor(key)}>
      {pod.spec.nodeName ? 'Why here?' : 'Why Pending?'}
    </button>
  );
}

/** From the kube-scheduler's inspector: the explainer, whose step mode runs the cycle phase by phase. */
export function OpenStepMode() {
  const openFor = useExplainer((s) => s.openFor);
  return (
    <button type="button" className="xp-why" data-testid="open-step-mode" onClick={() => openFor(useExplainer.getState().pod)}>
      Step mode and explainer…
    </button>
  );
}

function ExplainerPanel() {
  const s = useSession();
  const podKey = useExplainer((st) => st.pod);
  const list = useExplainer((st) => st.explanations);
  const attempt = useExplainer((st) => st.attempt);
  const { close, pickAttempt: pick, setExplanations, openFor, setCycle: setDiagramCycle } = useExplainer.getState();
  const pod = useObject<Pod>('pods', podKey);
  const version = useMirrorVersion();
  const [cycle, setCycle] = useState<SchedulerCycle>();
  const [wantStepping, setWantStepping] = useState<boolean>();
  const [error, setError] = useState<string>();

  // Refetch when the cluster changes, one request in flight at a time (the panel is open on a live cluster).
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const refresh = useCallback(async () => {
    if (inFlight.current) {
      dirty.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        dirty.current = false;
        const c = await s.client.request({ op: 'scheduler' });
        setCycle(c);
        setDiagramCycle(c);
        const key = useExplainer.getState().pod;
        if (key) {
          const [namespace, name] = splitKey(key);
          setExplanations(key, await s.client.request({ op: 'explain', namespace, name }));
        }
      } while (dirty.current);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      inFlight.current = false;
    }
  }, [s, setExplanations, setDiagramCycle]);
  useEffect(() => {
    void refresh();
  }, [refresh, version, podKey]);

  // In step mode the panel follows the pod the cycle is on.
  useEffect(() => {
    if (cycle?.stepping && cycle.pod && cycle.pod !== useExplainer.getState().pod) openFor(cycle.pod);
  }, [cycle?.stepping, cycle?.pod, openFor]);

  const run = async (p: Promise<SchedulerCycle>) => {
    setError(undefined);
    try {
      const c = await p;
      setCycle(c);
      setDiagramCycle(c);
    } catch (e) {
      setError((e as Error).message);
    }
    void refresh();
  };

  const shown = pickAttempt(list, attempt);
  return (
    <aside className="xp-panel" aria-label="Scheduler explainer" data-testid="explainer-panel" data-pod={podKey ?? ''}>
      <header className="xp-head">
        <h2>Scheduler explainer</h2>
        <button type="button" className="xp-close" aria-label="Close the scheduler explainer" data-testid="explainer-close" onClick={close}>
          ×
        </button>
      </header>
      <StepMode
        cycle={cycle}
        wantStepping={wantStepping}
        onStepping={(on) => {
          setWantStepping(on); // shown at once; refreshes answered before the toggle do not undo it
          void run(actions.schedulerStepping.perform(s, on)).finally(() => setWantStepping(undefined));
        }}
        onStep={() => run(actions.schedulerStep.perform(s))}
      />
      <ControllerStepMode version={version} onError={setError} />
      {error && (
        <p className="xp-error" role="alert">
          {error}
        </p>
      )}
      {!podKey ? (
        <p className="xp-muted">Pick a pod (the inspector's "Why Pending?" / "Why here?") to see how the scheduler placed it.</p>
      ) : (
        <section className="xp-pod" aria-label={`Scheduling of ${podKey}`}>
          <h3>
            pod/{podKey} {pod ? (pod.spec.nodeName ? `on ${pod.spec.nodeName}` : 'Pending') : '(deleted)'}
          </h3>
          {list.length === 0 ? (
            <p className="xp-muted" data-testid="explainer-summary" data-result="none">
              {pod?.spec.nodeName && !list.length
                ? `No scheduling attempt recorded: the pod was created with spec.nodeName ${pod.spec.nodeName} (or bound before the attempt was kept).`
                : 'No scheduling attempt yet: the pod is waiting in the scheduler queue.'}
            </p>
          ) : (
            <>
              <AttemptPicker list={list} shown={shown!} onPick={(n) => pick(n === list[list.length - 1].attempt ? undefined : n)} />
              <AttemptView e={shown!} />
            </>
          )}
        </section>
      )}
    </aside>
  );
}

function AttemptPicker({ list, shown, onPick }: { list: Explanation[]; shown: Explanation; onPick: (n: number) => void }) {
  return (
    <div className="xp-attempts" role="tablist" aria-label="Attempts">
      {list.map((e) => (
        <button
          key={e.attempt}
          type="button"
          role="tab"
          aria-selected={e.attempt === shown.attempt}
          className={`xp-attempt xp-result-${e.result}`}
          data-testid={`explainer-attempt-${e.attempt}`}
          data-result={e.result}
          title={`attempt ${e.attempt} at ${clockText(e.at)}: ${e.result}`}
          onClick={() => onPick(e.attempt)}
        >
          #{e.attempt} {e.result === 'Scheduled' ? '✓' : e.result === 'Error' ? '!' : '✗'}
        </button>
      ))}
    </div>
  );
}

function AttemptView({ e }: { e: Explanation }) {
  const filters = filterRows(e);
  const scores = scoreRows(e);
  const scorePlugins = scores[0]?.cells.map((c) => c.plugin) ?? [];
  const weight = (p: string) => e.scorePlugins.find((x) => x.name === p)?.weight ?? 1;
  return (
    <div className="xp-attempt-view">
      <p className="xp-summary" data-testid="explainer-summary" data-result={e.result}>
        {e.summary}
      </p>
      <p className="xp-meta">
        Attempt {e.attempt} at {clockText(e.at)} (cycle {e.cycle}): {consideredText(e)}.
      </p>
      {e.detailDropped && <p className="xp-muted">The per-node detail of this old attempt was not kept (memory bound); the summary and message were.</p>}
      {filters.length > 0 && (
        <div className="xp-table-wrap" tabIndex={0} role="region" aria-label="Filter verdicts (scrolls sideways)">
          <table className="xp-table" aria-label="Filter plugins per node">
            <caption>Filter: each plugin's verdict (plugins stop at the first failure)</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                {e.filterPlugins.map((p) => (
                  <th key={p} scope="col" title={p}>
                    {shortPlugin(p)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {filters.map((r) => (
                <tr key={r.node} data-testid={`explainer-node-${r.node}`} data-verdict={r.verdict} className={`xp-row-${r.verdict}`}>
                  <th scope="row" title={r.node}>
                    {shortNode(r.node)}
                  </th>
                  {r.cells.map((c) => (
                    <td key={c.plugin} className={`xp-cell-${c.verdict.replace(' ', '-')}`} title={`${c.plugin}: ${c.text}`}>
                      {c.verdict === 'pass' ? '✓' : c.verdict === 'fail' ? c.text : c.verdict === 'skipped' ? 'skip' : '·'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {scores.length > 0 && (
        <div className="xp-table-wrap" tabIndex={0} role="region" aria-label="Scores (scrolls sideways)">
          <table className="xp-table" aria-label="Score plugins per node">
            <caption>Score: raw → normalized × weight = weighted; the highest total wins</caption>
            <thead>
              <tr>
                <th scope="col">Node</th>
                {scorePlugins.map((p) => (
                  <th key={p} scope="col" title={`${p} (weight ${weight(p)})`}>
                    {shortPlugin(p)} ×{weight(p)}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {scores.map((r) => (
                <tr key={r.node} data-testid={`explainer-score-${r.node}`} className={r.winner ? 'xp-row-winner' : undefined}>
                  <th scope="row" title={r.node}>
                    {shortNode(r.node)}
                    {r.winner ? ' ★' : ''}
                  </th>
                  {r.cells.map((c) => (
                    <td key={c.plugin} title={`${c.plugin}: raw ${c.raw}, normalized ${c.normalized}, × ${weight(c.plugin)} = ${c.weighted}`}>
                      <span className="xp-raw">{fmt(c.raw)}</span> <span className="xp-weighted">{fmt(c.weighted)}</span>
                    </td>
                  ))}
                  <td className="xp-total">{fmt(r.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {e.skippedScorePlugins.length > 0 && <p className="xp-muted">Skipped (nothing to score for this pod): {e.skippedScorePlugins.join(', ')}.</p>}
        </div>
      )}
      {e.result === 'Scheduled' ? (
        <p className="xp-bind" data-testid="explainer-bind">
          Winner <strong>{e.winner}</strong>; reserve, then bind: <q>{e.message}</q>
        </p>
      ) : (
        e.message && (
          <p className="xp-bind xp-failed" data-testid="explainer-message">
            FailedScheduling: <q>{e.message}</q>
          </p>
        )
      )}
    </div>
  );
}

function StepMode({ cycle, wantStepping, onStepping, onStep }: { cycle: SchedulerCycle | undefined; wantStepping: boolean | undefined; onStepping: (on: boolean) => void; onStep: () => void }) {
  const phase = cycle?.phase ?? 'idle';
  const next = cycle ? nextPhase(phase, { pod: cycle.pod, feasible: cycle.feasible, activeQ: cycle.queue.activeQ }) : undefined;
  return (
    <section className="xp-step" aria-label="Scheduler step mode">
      <div className="xp-step-controls">
        <label>
          <input type="checkbox" data-testid="scheduler-stepping" checked={wantStepping ?? !!cycle?.stepping} disabled={!cycle || phase === 'stopped'} onChange={(ev) => onStepping(ev.target.checked)} /> Step mode
        </label>
        <button type="button" data-testid="scheduler-step" disabled={!cycle?.stepping || phase === 'stopped'} onClick={onStep} title={next ? `Next: ${next}` : undefined}>
          Step{next ? ` → ${next}` : ''}
        </button>
        {cycle && (
          <span className="xp-queue" title="The scheduling queue">
            activeQ {cycle.queue.activeQ} · backoffQ {cycle.queue.backoffQ} · unschedulable {cycle.queue.unschedulablePods}
          </span>
        )}
      </div>
      <ol className="xp-chart" data-testid="scheduler-phase" data-phase={phase} data-pod={cycle?.pod ?? ''} data-node={cycle?.node ?? ''} aria-label={`kube-scheduler cycle, now ${phase}`}>
        {PHASES.map((p) => (
          <li key={p} className={p === phase ? 'xp-phase is-current' : 'xp-phase'} aria-current={p === phase ? 'step' : undefined} title={PHASE_HELP[p]}>
            {p}
          </li>
        ))}
      </ol>
      <p className="xp-cycle" data-testid="scheduler-cycle">
        {phase === 'stopped'
          ? 'The scheduler is stopped: pods stay Pending.'
          : cycle?.pod
            ? `${phase}: pod ${cycle.pod}${cycle.node ? ` → node ${cycle.node}` : phase === 'filter' || phase === 'postFilter' ? ` (${cycle.feasible} feasible)` : ''} — ${PHASE_HELP[phase as keyof typeof PHASE_HELP] ?? ''}`
            : cycle?.stepping
              ? `${phase}: ${PHASE_HELP[phase as keyof typeof PHASE_HELP] ?? ''}. Step to pop the next pod.`
              : `Running: ${cycle?.cycles ?? 0} cycles, ${cycle?.scheduled ?? 0} scheduled, ${cycle?.failed ?? 0} failed. Turn on step mode to watch one phase at a time.`}
      </p>
    </section>
  );
}

/** The same for one controller's reconcile (the ReplicaSet controller by default). */
function ControllerStepMode({ version, onError }: { version: number; onError: (message: string | undefined) => void }) {
  const s = useSession();
  const [name, setName] = useState('replicaset-controller');
  const [names, setNames] = useState<string[]>([]);
  const [cycle, setCycle] = useState<ControllerCycle>();
  const [wantStepping, setWantStepping] = useState<boolean>();
  // Folded, it asks the worker nothing.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    s.client.request({ op: 'components' }).then(
      (list) => live && setNames(list.filter((c) => c.id.startsWith('controller/')).map((c) => c.id.slice('controller/'.length))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [s]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    s.client.request({ op: 'controller', name }).then(
      (c) => live && setCycle(c),
      (e: Error) => live && onError(e.message),
    );
    return () => {
      live = false;
    };
  }, [s, name, version, onError, open]);
  const run = async (p: Promise<ControllerCycle>) => {
    onError(undefined);
    try {
      setCycle(await p);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  const phases = controllerPhases(name);
  const phase = cycle?.phase;
  return (
    <details className="xp-step xp-ctl" data-testid="controller-step-mode" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Controller step mode: one reconcile, phase by phase</summary>
      <div className="xp-step-controls">
        <select aria-label="Controller" data-testid="controller-name" value={name} onChange={(e) => setName(e.target.value)}>
          {(names.length ? names : [name]).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            data-testid="controller-stepping"
            checked={wantStepping ?? !!cycle?.stepping}
            disabled={!cycle}
            onChange={(ev) => {
              const stepping = ev.target.checked;
              setWantStepping(stepping); // shown at once; refreshes answered before the toggle do not undo it
              void run(actions.controllerStepping.perform(s, { name, stepping })).finally(() => setWantStepping(undefined));
            }}
          />{' '}
          Step mode
        </label>
        <button type="button" data-testid="controller-step" disabled={!cycle?.stepping || cycle.state === 'stopped'} onClick={() => run(actions.controllerStep.perform(s, name))}>
          Step
        </button>
        {cycle && <span className="xp-queue">work queue {cycle.queue}</span>}
      </div>
      <ol className="xp-chart" data-testid="controller-phase" data-phase={phase ?? ''} data-key={cycle?.key ?? ''} aria-label={`${name} reconcile, now ${phase ?? 'waiting'}`}>
        {(phase === 'error' ? [...phases.slice(0, -1), 'error'] : phases).map((p) => (
          <li key={p} className={p === phase ? 'xp-phase is-current' : 'xp-phase'} aria-current={p === phase ? 'step' : undefined} title={CONTROLLER_PHASE_HELP[p]}>
            {p}
          </li>
        ))}
      </ol>
      <p className="xp-cycle" data-testid="controller-cycle">
        {cycle?.state === 'stopped'
          ? `${name} is stopped: keys wait in its queue.`
          : phase && cycle?.key
            ? `${phase}: ${cycle.key}${cycle.detail ? ` — ${cycle.detail}` : ''}`
            : cycle?.stepping
              ? 'Waiting: step to take the next key from the work queue.'
              : `${name} is ${cycle?.state ?? '...'}. Turn on step mode to watch one reconcile phase by phase.`}
      </p>
    </details>
  );
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Plugin names without their common words, to fit a column. */
function shortPlugin(p: string): string {
  return p.replace('NodeResources', '').replace('BalancedAllocation', 'Balanced').replace(/^Node(?=[A-Z])/, '').replace('Volume', 'Vol') || p;
}

/** An AKS node name's unique end (aks-nodepool1-12345678-vmss000001 -> vmss000001). */
function shortNode(n: string): string {
  const m = /-(vmss[0-9a-z]+)$/.exec(n);
  return m ? m[1] : n;
}

function clockText(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
