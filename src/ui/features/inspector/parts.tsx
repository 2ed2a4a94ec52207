// Building blocks of the inspector: explainer cards, fact tables, the events list, the YAML block
// and links that select another object.

import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CoreEvent, KubeObject } from '../../../sim/api/types';
import { useClock } from '../../cluster/hooks';
import { useUi, type Selection } from '../../state/ui';
import { MANAGED_BY_LABEL, type Explainer } from './explainers';
import { age, selectionFor, splitCode, type Fact, type Tone } from './inspect';

export function Section(props: { id: string; title: string; testId?: string; children: ReactNode; actions?: ReactNode }) {
  const headingId = `insp-h-${props.id}`;
  return (
    <section className="insp-section" aria-labelledby={headingId} data-testid={props.testId}>
      <div className="insp-section-head">
        <h3 id={headingId}>{props.title}</h3>
        {props.actions}
      </div>
      {props.children}
    </section>
  );
}

/** The explainers for a selection: the first (most specific) open, the more general ones folded; a Service's type stays open. */
export function Explainers({ explainers }: { explainers: Explainer[] }) {
  return (
    <section className="insp-section" aria-labelledby="insp-h-explainer" data-testid="explainer">
      <h3 id="insp-h-explainer" className="insp-visually-hidden">
        What it is
      </h3>
      {explainers.map((e, i) => (
        <ExplainerCard key={e.id} explainer={e} open={i === 0 || e.category === 'Service type'} />
      ))}
    </section>
  );
}

function ExplainerCard({ explainer: e, open }: { explainer: Explainer; open: boolean }) {
  const body = (
    <>
      <p className={`insp-managed insp-managed-${e.managedBy}`}>{MANAGED_BY_LABEL[e.managedBy]}</p>
      <p className="insp-summary">
        <Rich text={e.summary} />
      </p>
      <h4>What it does</h4>
      <ul>
        {e.does.map((d) => (
          <li key={d}>
            <Rich text={d} />
          </li>
        ))}
      </ul>
      <h4>On AKS</h4>
      <ul>
        {e.aks.map((d) => (
          <li key={d}>
            <Rich text={d} />
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <details className="insp-explainer" open={open} data-explainer={e.id}>
      <summary>
        <span className="insp-category">{e.category}</span> <strong>{e.title}</strong>
      </summary>
      {body}
    </details>
  );
}

/** Explainer text: `backticks` mark commands and names, shown as code. */
export function Rich({ text }: { text: string }) {
  return (
    <>
      {splitCode(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : <span key={i}>{part.text}</span>))}
    </>
  );
}

export function Facts({ facts, label }: { facts: Fact[]; label?: string }) {
  if (facts.length === 0) return null;
  return (
    <dl className="insp-facts" aria-label={label}>
      {facts.map(([k, v]) => (
        <div key={k} className="insp-fact">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`insp-badge insp-tone-${tone}`}>{children}</span>;
}

/** A button that selects another object (owner, node, event subject...). */
export function SelectLink({ selection, children, title }: { selection: Selection | undefined; children: ReactNode; title?: string }) {
  const select = useUi((s) => s.select);
  if (!selection) return <span>{children}</span>;
  return (
    <button type="button" className="insp-link" title={title} onClick={() => select(selection)}>
      {children}
    </button>
  );
}

/** The events about a selection, newest first (the caller filters). */
export function EventsSection({ events, showObject = false, empty, title = 'Recent events' }: { events: CoreEvent[]; showObject?: boolean; empty?: string; title?: string }) {
  const nowMs = useClock()?.nowMs;
  return (
    <Section id="events" title={`${title} (${events.length})`} testId="inspector-events">
      {events.length === 0 ? (
        <p className="insp-muted">{empty ?? 'No events recorded (events expire after one hour).'}</p>
      ) : (
        <ol className="insp-events">
          {events.map((e) => (
            <li key={e.metadata.name} className={e.type === 'Warning' ? 'insp-event insp-event-warning' : 'insp-event'}>
              <div className="insp-event-head">
                <Badge tone={e.type === 'Warning' ? 'bad' : 'muted'}>{e.type ?? 'Normal'}</Badge>
                <strong>{e.reason}</strong>
                {(e.count ?? 1) > 1 && <span className="insp-muted">x{e.count}</span>}
                <span className="insp-muted insp-event-age" title={e.lastTimestamp ?? undefined}>
                  {age(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp, nowMs)} ago
                </span>
              </div>
              {showObject && (
                <div>
                  <SelectLink selection={selectionFor(e.involvedObject.kind, e.involvedObject.namespace, e.involvedObject.name)}>
                    {e.involvedObject.kind?.toLowerCase()}/{e.involvedObject.name}
                  </SelectLink>
                </div>
              )}
              <div className="insp-event-message">{e.message}</div>
              <div className="insp-muted insp-event-source">from {[e.source?.component, e.source?.host].filter(Boolean).join(' on ')}</div>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** The live object as YAML (kubectl get -o yaml, without managedFields), with a copy button. */
type YamlModule = typeof import('./yamltext');
let yamlModule: YamlModule | undefined;
// The yaml library is fetched the first time an object's YAML is shown, not with the first screen.
const loadYaml = () => import('./yamltext').then((m) => (yamlModule = m));

export function YamlSection({ obj }: { obj: KubeObject }) {
  const [mod, setMod] = useState(() => yamlModule);
  useEffect(() => {
    if (!mod) void loadYaml().then(setMod);
  }, [mod]);
  const yaml = useMemo(() => mod?.objectYaml(obj) ?? '', [mod, obj]);
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState<string>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(yaml);
      setCopied('Copied');
    } catch {
      // No clipboard permission: select the text so Ctrl+C works.
      const sel = window.getSelection();
      if (pre.current && sel) {
        sel.selectAllChildren(pre.current);
        setCopied('Selected: press Ctrl+C');
      }
    }
    setTimeout(() => setCopied(undefined), 2000);
  };
  return (
    <Section
      id="yaml"
      title="YAML"
      actions={
        <span className="insp-yaml-actions">
          <span role="status" className="insp-muted">
            {copied}
          </span>
          <button type="button" className="insp-button" onClick={copy} data-testid="copy-yaml" disabled={!mod}>
            Copy YAML
          </button>
        </span>
      }
    >
      <p className="insp-muted insp-small">
        As <code>kubectl get -o yaml</code> prints it (managedFields left out), live.
      </p>
      <pre ref={pre} className="insp-yaml" data-testid="object-yaml" tabIndex={0} aria-label={`YAML of ${obj.kind} ${obj.metadata.name}`}>
        {mod ? yaml : 'Loading…'}
      </pre>
    </Section>
  );
}
