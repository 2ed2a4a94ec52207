// The inspector for one API object: explainers, live state (richest for pods and nodes), events
// about it, and its YAML. Everything is read from the mirror, so it changes as the cluster does.

import { useMemo } from 'react';
import type { CoreEvent, KubeObject, Node, Pod } from '../../../sim/api/types';
import { useClock, useObject, useResource } from '../../cluster/hooks';
import type { Watched } from '../../cluster/mirror';
import { explainersForObject } from './explainers';
import { useComponentStates } from './hooks';
import {
  KIND_BY_RESOURCE,
  age,
  containerRows,
  endpointAddresses,
  eventsForObject,
  kubeletStateText,
  nodeLabelFacts,
  nodeStatusText,
  nodeTone,
  objectFacts,
  podReadyText,
  podRestarts,
  podStatusText,
  podTone,
  selectionFor,
  splitKey,
  type Fact,
} from './inspect';
import { NodeActions } from './NodeActions';
import { ExplainButton } from '../explainer/ExplainerPanel';
import { CauseChainSection } from '../causality/CauseChain';
import { Badge, EventsSection, Explainers, Facts, Section, SelectLink, YamlSection } from './parts';
import { PodFaults } from '../faults/FaultControls';

export function ObjectView({ resource, objKey }: { resource: Watched; objKey: string }) {
  const obj = useObject(resource, objKey);
  const [namespace, name] = splitKey(objKey);
  const kind = obj?.kind ?? KIND_BY_RESOURCE[resource];
  const allEvents = useResource<CoreEvent>('events');
  const events = useMemo(() => (resource === 'events' ? [] : eventsForObject(allEvents, { kind, namespace, name })), [allEvents, resource, kind, namespace, name]);
  // Pods and nodes show their kubelet's statechart state.
  const { states, refresh } = useComponentStates(resource === 'nodes' || resource === 'pods');
  const nodeName = resource === 'nodes' ? name : resource === 'pods' ? (obj as Pod | undefined)?.spec.nodeName : undefined;
  const kubeletState = nodeName ? states?.find((s) => s.id === `kubelet/${nodeName}`)?.state : undefined;

  return (
    <>
      <Explainers explainers={explainersForObject(resource, obj)} />
      {resource === 'nodes' && <NodeActions node={name} kubeletState={kubeletState} onDone={refresh} />}
      <Section id="live" title="Live state" testId="live-state">
        {!obj ? (
          <p className="insp-muted" role="status">
            {kind.toLowerCase()}/{name} does not exist in the cluster {resource === 'nodes' ? '(not registered yet, or its VM was deleted).' : '(any more).'}
          </p>
        ) : resource === 'pods' ? (
          <PodLive pod={obj as Pod} kubeletState={kubeletState} />
        ) : resource === 'nodes' ? (
          <NodeLive node={obj as Node} kubeletState={kubeletState} />
        ) : (
          <GenericLive obj={obj} />
        )}
      </Section>
      {resource === 'pods' && obj && <PodFaults pod={obj as Pod} />}
      {resource !== 'events' && <CauseChainSection resource={resource} objKey={objKey} />}
      {resource !== 'events' && <EventsSection events={events} />}
      {obj && <YamlSection obj={obj} />}
    </>
  );
}

// ------------------------------------------------------------------ pods

function PodLive({ pod, kubeletState }: { pod: Pod; kubeletState: string | undefined }) {
  const nowMs = useClock()?.nowMs;
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  const rows = containerRows(pod);
  return (
    <>
      <div className="insp-status-line">
        <Badge tone={podTone(pod)}>{podStatusText(pod)}</Badge>
        <span>phase {pod.status?.phase ?? 'Pending'}</span>
        <span>ready {podReadyText(pod)}</span>
        <span>restarts {podRestarts(pod)}</span>
        <ExplainButton pod={pod} />
      </div>
      <dl className="insp-facts">
        <div className="insp-fact">
          <dt>Namespace</dt>
          <dd>{pod.metadata.namespace}</dd>
        </div>
        <div className="insp-fact">
          <dt>Node</dt>
          <dd>
            {pod.spec.nodeName ? (
              <SelectLink selection={{ kind: 'object', resource: 'nodes', key: pod.spec.nodeName }}>{pod.spec.nodeName}</SelectLink>
            ) : (
              <>
                not scheduled yet — waiting in the <SelectLink selection={{ kind: 'component', component: 'kube-scheduler' }}>scheduler</SelectLink>'s queue
              </>
            )}
          </dd>
        </div>
        {pod.spec.nodeName && (
          <div className="insp-fact">
            <dt>Its kubelet</dt>
            <dd>
              <SelectLink selection={{ kind: 'component', component: 'kubelet', node: pod.spec.nodeName }}>{kubeletStateText(kubeletState)}</SelectLink>
            </dd>
          </div>
        )}
        <div className="insp-fact">
          <dt>Pod IP</dt>
          <dd>{pod.status?.podIP ?? 'none yet'}</dd>
        </div>
        <div className="insp-fact">
          <dt>Host IP</dt>
          <dd>{pod.status?.hostIP ?? '—'}</dd>
        </div>
        {owner && (
          <div className="insp-fact">
            <dt>Controlled by</dt>
            <dd>
              <SelectLink selection={selectionFor(owner.kind, pod.metadata.namespace, owner.name)}>
                {owner.kind}/{owner.name}
              </SelectLink>
            </dd>
          </div>
        )}
        <div className="insp-fact">
          <dt>QoS class</dt>
          <dd>{pod.status?.qosClass ?? '—'}</dd>
        </div>
        <div className="insp-fact">
          <dt>Age</dt>
          <dd>{age(pod.metadata.creationTimestamp, nowMs)}</dd>
        </div>
        {pod.metadata.deletionTimestamp && (
          <div className="insp-fact">
            <dt>Deleting</dt>
            <dd>grace period {pod.metadata.deletionGracePeriodSeconds ?? 30} s, asked {age(pod.metadata.deletionTimestamp, nowMs)} ago</dd>
          </div>
        )}
        {pod.status?.message && (
          <div className="insp-fact">
            <dt>Message</dt>
            <dd>{pod.status.message}</dd>
          </div>
        )}
      </dl>
      <h4>Containers</h4>
      <table className="insp-table">
        <thead>
          <tr>
            <th scope="col" className="insp-wide">
              Name
            </th>
            <th scope="col">State</th>
            <th scope="col">Ready</th>
            <th scope="col">Restarts</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={`${c.init}-${c.name}`}>
              <th scope="row">
                {c.name}
                {c.init && <span className="insp-muted"> (init)</span>}
                <div className="insp-muted insp-small insp-break">{c.image}</div>
              </th>
              <td>
                <Badge tone={c.tone}>{c.state}</Badge>
                {c.lastState && <div className="insp-muted insp-small">last: {c.lastState}</div>}
              </td>
              <td>{c.ready ? 'yes' : 'no'}</td>
              <td>{c.restarts}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Conditions</h4>
      <ConditionTable conditions={pod.status?.conditions ?? []} />
    </>
  );
}

function ConditionTable({ conditions, heartbeat }: { conditions: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string; lastHeartbeatTime?: string }[]; heartbeat?: boolean }) {
  const nowMs = useClock()?.nowMs;
  if (conditions.length === 0) return <p className="insp-muted">None reported yet.</p>;
  return (
    <table className="insp-table">
      <thead>
        <tr>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col">Reason</th>
          <th scope="col">{heartbeat ? 'Last posted' : 'Changed'}</th>
        </tr>
      </thead>
      <tbody>
        {conditions.map((c) => (
          <tr key={c.type} title={c.message}>
            <th scope="row">{c.type}</th>
            <td>{c.status}</td>
            <td className="insp-break">{c.reason ?? ''}</td>
            <td>{age(heartbeat ? c.lastHeartbeatTime : c.lastTransitionTime, nowMs)} ago</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ------------------------------------------------------------------ nodes

function NodeLive({ node, kubeletState }: { node: Node; kubeletState: string | undefined }) {
  const pods = useResource<Pod>('pods');
  const name = node.metadata.name!;
  const onNode = useMemo(() => pods.filter((p) => p.spec.nodeName === name), [pods, name]);
  const active = onNode.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const st = node.status ?? {};
  const resources = (['cpu', 'memory', 'pods', 'ephemeral-storage'] as const).map((r): Fact => [r, `${st.allocatable?.[r] ?? '?'} allocatable of ${st.capacity?.[r] ?? '?'}`]);
  const info = st.nodeInfo ?? {};
  return (
    <>
      <div className="insp-status-line">
        <Badge tone={nodeTone(node)}>{nodeStatusText(node)}</Badge>
        <span>{active.length} pods</span>
      </div>
      <Facts
        facts={[
          ['Kubelet (statechart)', kubeletStateText(kubeletState)],
          ...nodeLabelFacts(node),
          ['Pod CIDR', node.spec.podCIDR ?? 'not assigned yet'],
          ...(st.addresses ?? []).map((a): Fact => [a.type, a.address]),
          ['Taints', (node.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ') || 'none'],
          ['Unschedulable', node.spec.unschedulable ? 'yes (cordoned)' : 'no'],
          ['OS image', info.osImage ?? ''],
          ['Container runtime', info.containerRuntimeVersion ?? ''],
          ['Kubelet version', info.kubeletVersion ?? ''],
        ]}
      />
      <p className="insp-small">
        <SelectLink selection={{ kind: 'component', component: 'kubelet', node: name }}>kubelet</SelectLink>
        {' · '}
        <SelectLink selection={{ kind: 'component', component: 'containerd', node: name }}>containerd</SelectLink>
        {' · '}
        <SelectLink selection={{ kind: 'component', component: 'kube-proxy', node: name }}>kube-proxy</SelectLink>
        {' on this node'}
      </p>
      <h4>Conditions</h4>
      <ConditionTable conditions={st.conditions ?? []} heartbeat />
      <h4>Resources</h4>
      <Facts facts={resources} label="Allocatable and capacity" />
      <details className="insp-more">
        <summary>
          Pods on this node ({onNode.length})
        </summary>
        <PodList pods={onNode} />
      </details>
      <details className="insp-more">
        <summary>All labels ({Object.keys(node.metadata.labels ?? {}).length})</summary>
        <Facts facts={Object.entries(node.metadata.labels ?? {})} label="Labels" />
      </details>
    </>
  );
}

export function PodList({ pods, showNode = false }: { pods: Pod[]; showNode?: boolean }) {
  if (pods.length === 0) return <p className="insp-muted">None.</p>;
  const sorted = [...pods].sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  return (
    <ul className="insp-list">
      {sorted.slice(0, 200).map((p) => (
        <li key={p.metadata.uid ?? p.metadata.name}>
          <Badge tone={podTone(p)}>{podStatusText(p)}</Badge>{' '}
          <SelectLink selection={{ kind: 'object', resource: 'pods', key: `${p.metadata.namespace}/${p.metadata.name}` }}>
            {p.metadata.namespace}/{p.metadata.name}
          </SelectLink>
          {showNode && <span className="insp-muted"> on {p.spec.nodeName ?? '(unscheduled)'}</span>}
        </li>
      ))}
      {sorted.length > 200 && <li className="insp-muted">… and {sorted.length - 200} more</li>}
    </ul>
  );
}

// ------------------------------------------------------------------ everything else

function GenericLive({ obj }: { obj: KubeObject }) {
  const ns = obj.metadata.namespace;
  // A Service's Endpoints share its name.
  const endpoints = useObject('endpoints', obj.kind === 'Service' ? `${ns}/${obj.metadata.name}` : undefined);
  const pods = useResource<Pod>('pods');
  const replicasets = useResource('replicasets');
  const owner = obj.metadata.ownerReferences?.find((o) => o.controller) ?? obj.metadata.ownerReferences?.[0];
  const uid = obj.metadata.uid;
  const ownedPods = useMemo(
    () => (['ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].includes(obj.kind) ? pods.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === uid)) : []),
    [pods, obj.kind, uid],
  );
  const ownedReplicaSets = useMemo(() => (obj.kind === 'Deployment' ? replicasets.filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === uid)) : []), [replicasets, obj.kind, uid]);
  const nsPods = useMemo(() => (obj.kind === 'Namespace' ? pods.filter((p) => p.metadata.namespace === obj.metadata.name) : []), [pods, obj]);

  const shownAddresses = obj.kind === 'Service' ? endpoints : obj.kind === 'Endpoints' ? obj : undefined;
  return (
    <>
      <Facts facts={objectFacts(obj, endpoints)} />
      {owner && (
        <p>
          Controlled by{' '}
          <SelectLink selection={selectionFor(owner.kind, ns, owner.name)}>
            {owner.kind}/{owner.name}
          </SelectLink>
        </p>
      )}
      {obj.kind === 'Event' && (
        <p>
          About{' '}
          <SelectLink selection={selectionFor(obj.involvedObject?.kind, obj.involvedObject?.namespace, obj.involvedObject?.name)}>
            {obj.involvedObject?.kind}/{obj.involvedObject?.name}
          </SelectLink>
        </p>
      )}
      {obj.kind === 'Service' && endpoints && (
        <p>
          <SelectLink selection={{ kind: 'object', resource: 'endpoints', key: `${ns}/${obj.metadata.name}` }}>Its Endpoints object</SelectLink>
        </p>
      )}
      {shownAddresses && <EndpointList ep={shownAddresses} />}
      {ownedReplicaSets.length > 0 && (
        <>
          <h4>ReplicaSets</h4>
          <ul className="insp-list">
            {ownedReplicaSets.map((r) => (
              <li key={r.metadata.uid}>
                <SelectLink selection={{ kind: 'object', resource: 'replicasets', key: `${ns}/${r.metadata.name}` }}>{r.metadata.name}</SelectLink>{' '}
                <span className="insp-muted">
                  {r.status?.readyReplicas ?? 0}/{r.spec?.replicas ?? 0} ready
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {['ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job'].includes(obj.kind) && (
        <>
          <h4>Pods ({ownedPods.length})</h4>
          <PodList pods={ownedPods} showNode />
        </>
      )}
      {obj.kind === 'Namespace' && <p>{nsPods.length} pods in this namespace.</p>}
    </>
  );
}

function EndpointList({ ep }: { ep: KubeObject }) {
  const rows = endpointAddresses(ep);
  if (rows.length === 0) return <p className="insp-muted">No endpoints: no ready pod matches the selector, so connections to this Service fail.</p>;
  return (
    <table className="insp-table">
      <caption className="insp-caption">Endpoints</caption>
      <thead>
        <tr>
          <th scope="col">Address</th>
          <th scope="col">Ready</th>
          <th scope="col">Pod</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.ip}-${r.ready}`}>
            <td>
              {r.ip} <span className="insp-muted insp-small">{r.ports}</span>
            </td>
            <td>{r.ready ? 'yes' : 'no'}</td>
            <td className="insp-break">
              {r.target ? <SelectLink selection={selectionFor('Pod', ep.metadata.namespace, r.target)}>{r.target}</SelectLink> : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

