// The inspector's "How did this get here?" section: the cause chain of the selected object, each
// link clickable to select what it names, and the chain outlined on the diagram while shown.
// EndpointSlices (not mirrored) and the scheduler's attempts are fetched when they change.

import { useEffect, useMemo, useState } from 'react';
import type { CoreEvent, KubeObject } from '../../../sim/api/types';
import type { SchedulingAttempt } from '../../../sim/scheduler/attempt';
import { useObject, useResource, useSession } from '../../cluster/hooks';
import { WATCHED, type Watched } from '../../cluster/mirror';
import { useUi, type Selection } from '../../state/ui';
import { Section, SelectLink } from '../inspector/parts';
import { splitKey } from '../inspector/inspect';
import { chainTestIds } from '../presentation/targets';
import { millisPart, timeOfDay } from '../timecontrols/clock';
import { causeChain, offsetText, type CauseLink, type CauseTarget } from './chain';
import { useProvenance } from './history';
import './causality.css';

/** Wall ms between refetches of a namespace's EndpointSlices while they change. */
const REFETCH_MS = 250;

export function CauseChainSection({ resource, objKey }: { resource: Watched; objKey: string }) {
  const session = useSession();
  const history = useProvenance();
  const [namespace, name] = splitKey(objKey);
  const obj = useObject(resource, objKey);
  const events = useResource<CoreEvent>('events');
  const services = useResource('services');
  const endpoints = useResource('endpoints');
  const needsSlices = (resource === 'pods' || resource === 'services') && !!namespace;
  const slices = useEndpointSlices(needsSlices ? namespace : undefined);
  const [attempts, setAttempts] = useState<SchedulingAttempt[]>();
  const podVersion = resource === 'pods' ? obj?.metadata.resourceVersion : undefined;
  useEffect(() => {
    if (!podVersion || !namespace) return;
    let live = true;
    session.client.request({ op: 'attempts', namespace, name }).then(
      (a) => live && setAttempts(a),
      () => live && setAttempts(undefined),
    );
    return () => {
      live = false;
    };
  }, [session, podVersion, namespace, name]);

  const chain = useMemo(
    () =>
      obj
        ? causeChain(
            {
              get: (r, ns, n) => (isWatched(r) ? session.mirror.get(r, ns ? `${ns}/${n}` : n) : undefined),
              list: (r, ns) => (isWatched(r) ? session.mirror.list(r).filter((o) => o.metadata.namespace === ns) : []),
              events,
              history,
              endpointSlices: slices,
              attempts,
            },
            resource,
            namespace,
            name,
          )
        : [],
    // services and endpoints: the chain reads them through the mirror.
    [obj, events, services, endpoints, slices, attempts, history, session, resource, namespace, name],
  );

  const highlight = chainTestIds(chain).join(' ');
  useEffect(() => {
    useUi.getState().setCauseHighlight(highlight ? highlight.split(' ') : []);
  }, [highlight]);
  useEffect(() => () => useUi.getState().setCauseHighlight([]), []);

  if (!obj) return null;
  const first = chain.find((l) => l.at !== undefined)?.at;
  return (
    <Section id="cause" title="How did this get here?" testId="cause-chain">
      {chain.length === 0 ? (
        <p className="insp-muted">No record of what made it.</p>
      ) : (
        <ol className="cause-list">
          {chain.map((l, i) => (
            <li
              key={i}
              className="cause-link"
              data-testid="cause-link"
              data-kind={l.kind}
              data-target-kind={'component' in l.target ? 'kubelet' : l.target.kind}
              data-target={'component' in l.target ? l.target.node : l.target.name}
              data-actor={l.actor}
              data-at={l.at}
            >
              <div className="cause-head">
                <SelectLink selection={selectionOf(l.target)} title="Select it">
                  {targetText(l.target)}
                </SelectLink>
                {l.at !== undefined && (
                  <span className="cause-time" title={l.exact ? 'From the trace (ms)' : 'From an API timestamp (whole seconds)'}>
                    {timeOfDay(l.at)}
                    {l.exact ? millisPart(l.at) : ''}
                    {i > 0 && first !== undefined && <span className="cause-offset"> {offsetText(l.at, first)}</span>}
                  </span>
                )}
              </div>
              <p className="cause-summary">{linkText(l)}</p>
              {l.evidence.length > 0 && (
                <details className="cause-evidence">
                  <summary>Evidence</summary>
                  <ul>
                    {l.evidence.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function isWatched(r: string): r is Watched {
  return (WATCHED as readonly string[]).includes(r);
}

function selectionOf(t: CauseTarget): Selection | undefined {
  if ('component' in t) return { kind: 'component', component: t.component, node: t.node };
  if (!isWatched(t.resource)) return undefined;
  return { kind: 'object', resource: t.resource, key: t.namespace ? `${t.namespace}/${t.name}` : t.name };
}

function targetText(t: CauseTarget): string {
  return 'component' in t ? `kubelet on ${t.node}` : `${t.kind} ${t.name}`;
}

function linkText(l: CauseLink): string {
  switch (l.kind) {
    case 'created':
      return l.actor === 'unknown' ? 'created (no record of by whom survives)' : `created by ${l.actor}`;
    default:
      return l.summary;
  }
}

/**
 * The EndpointSlices of a namespace, fetched again whenever the trace shows a write to one there
 * (the mirror does not watch them).
 */
function useEndpointSlices(namespace: string | undefined): KubeObject[] | undefined {
  const session = useSession();
  const [slices, setSlices] = useState<KubeObject[]>();
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!namespace) return;
    // At most one refetch per REFETCH_MS, however busy the endpointslice controller is.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = session.mirror.onTrace((events) => {
      if (timer || !events.some((e) => e.type === 'api' && e.resource === 'endpointslices' && e.namespace === namespace)) return;
      timer = setTimeout(() => {
        timer = undefined;
        setGeneration((g) => g + 1);
      }, REFETCH_MS);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [session, namespace]);
  useEffect(() => {
    if (!namespace) return setSlices(undefined);
    let live = true;
    session.client.request({ op: 'list', resource: 'endpointslices', namespace }).then(
      (r) => live && setSlices(r.items),
      () => live && setSlices(undefined),
    );
    return () => {
      live = false;
    };
  }, [session, namespace, generation]);
  return slices;
}
