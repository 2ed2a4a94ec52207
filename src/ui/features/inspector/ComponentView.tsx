// The inspector for a control-plane or node component. Where the simulation runs a statechart for
// it (scheduler, controllers, kubelets, etcd) the live state is that statechart's current state;
// where it does not (API server, containerd, kube-proxy, konnectivity, kubectl) it shows facts
// read from the cluster instead, and says so. Nothing here is made up.

import { useMemo } from 'react';
import type { CoreEvent, KubeObject, Node, Pod, Service } from '../../../sim/api/types';
import type { ApiTrace, ScheduleTrace, TraceEvent } from '../../../sim/trace';
import type { ComponentState } from '../../../worker/protocol';
import { useClock, useMirror, useMirrorVersion, useObject, useResource } from '../../cluster/hooks';
import { WATCHED } from '../../cluster/mirror';
import type { ComponentName } from '../../state/ui';
import { addonOf, explainersForComponent } from './explainers';
import { useComponentStates, useRecentTrace } from './hooks';
import {
  componentStateIds,
  containersOnNode,
  countStates,
  endpointCounts,
  eventSourcesFor,
  eventsForComponent,
  RUNTIME_REASONS,
  kubeletStateText,
  nodeStatusText,
  nodeTone,
  podStatusText,
  podTone,
  podsByNode,
} from './inspect';
import { NodeActions } from './NodeActions';
import { PodList } from './ObjectView';
import { Badge, EventsSection, Explainers, Facts, Section, SelectLink } from './parts';
import { ControlPlaneFaults } from '../faults/FaultControls';
import { OpenStepMode } from '../explainer/ExplainerPanel';

/** Components the simulation runs a statechart for (the rest show other live facts). */
const WITH_STATECHART: ComponentName[] = ['kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'kubelet', 'etcd'];
/** Components whose live facts come from the trace stream. */
const WITH_TRACE: ComponentName[] = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kubectl'];

export function ComponentView({ component, node }: { component: ComponentName; node?: string }) {
  const { states, refresh } = useComponentStates(WITH_STATECHART.includes(component) || component === 'kube-apiserver');
  const trace = useRecentTrace(WITH_TRACE.includes(component));
  const allEvents = useResource<CoreEvent>('events');
  const controllerNames = useMemo(() => (states ?? []).filter((s) => s.id.startsWith('controller/')).map((s) => s.id.slice('controller/'.length)), [states]);
  const sources = useMemo(() => eventSourcesFor(component, controllerNames), [component, controllerNames]);
  const events = useMemo(() => {
    // containerd writes no Events: the kubelet reports its work (pulls, creates, starts, kills).
    if (component === 'containerd' && node) return eventsForComponent(allEvents, ['kubelet'], node, 20, RUNTIME_REASONS);
    return eventsForComponent(allEvents, sources, node);
  }, [allEvents, sources, node, component]);
  const mine = states ? componentStateIds(component, node, states) : undefined;

  return (
    <>
      <Explainers explainers={explainersForComponent(component)} />
      {component === 'kubelet' && node && <NodeActions node={node} kubeletState={mine?.[0]?.state} onDone={refresh} />}
      <ControlPlaneFaults component={component} />
      <Section id="live" title="Live state" testId="live-state">
        <LiveState component={component} node={node} states={mine} allStates={states} trace={trace} />
      </Section>
      {component === 'containerd' && node ? (
        <EventsSection events={events} showObject title="Container events reported by the kubelet" empty="No container events on this node (events expire after one hour)." />
      ) : sources.length > 0 ? (
        <EventsSection events={events} showObject />
      ) : (
        <EventsSection events={[]} empty={`${component} does not write Kubernetes Events; what it does shows up in the events of the objects it touches.`} />
      )}
    </>
  );
}

function StateBadge({ state }: { state: string | undefined }) {
  if (state === undefined) return <span className="insp-muted">asking the simulation…</span>;
  const tone = state === 'idle' || state === 'serving' || state === 'running.ready' ? 'ok' : state === 'stopped' || state === 'poweredOff' ? 'bad' : 'progress';
  return (
    <Badge tone={tone}>
      <span className="insp-mono" data-testid="component-state">
        {state}
      </span>
    </Badge>
  );
}

interface LiveProps {
  component: ComponentName;
  node?: string;
  states: ComponentState[] | undefined;
  allStates: ComponentState[] | undefined;
  trace: TraceEvent[];
}

function LiveState(p: LiveProps) {
  switch (p.component) {
    case 'kube-apiserver':
      return <ApiServerLive {...p} />;
    case 'etcd':
      return <EtcdLive {...p} />;
    case 'kube-scheduler':
      return <SchedulerLive {...p} />;
    case 'kube-controller-manager':
      return <ControllersLive {...p} />;
    case 'cloud-controller-manager':
      return <CloudControllerLive {...p} />;
    case 'konnectivity':
      return <AddonPodsLive addon="konnectivity-agent" note="No statechart for konnectivity in this simulation; these are its agent pods, live." />;
    case 'kubelet':
      return p.node ? <KubeletLive {...p} node={p.node} /> : <PerNode component="kubelet" states={p.states} />;
    case 'kube-proxy':
      return p.node ? <KubeProxyLive node={p.node} /> : <PerNode component="kube-proxy" states={undefined} />;
    case 'containerd':
      return p.node ? <ContainerdLive node={p.node} /> : <PerNode component="containerd" states={undefined} />;
    case 'kubectl':
      return <KubectlLive trace={p.trace} />;
  }
}

// ------------------------------------------------------------------ control plane

function useObjectCounts(): [string, number][] {
  const mirror = useMirror();
  const version = useMirrorVersion();
  return useMemo(() => WATCHED.map((r) => [r, mirror.list(r).length] as [string, number]), [mirror, version]);
}

function apiWrites(trace: TraceEvent[], keep: (t: ApiTrace) => boolean, n: number): ApiTrace[] {
  const out: ApiTrace[] = [];
  for (let i = trace.length - 1; i >= 0 && out.length < n; i--) {
    const t = trace[i];
    if (t.type === 'api' && keep(t)) out.push(t);
  }
  return out;
}

function ApiWrites({ writes, caption, showRevision = false }: { writes: ApiTrace[]; caption: string; showRevision?: boolean }) {
  const nowMs = useClock()?.nowMs;
  if (writes.length === 0) return <p className="insp-muted">{caption}: none seen since the page opened.</p>;
  return (
    <table className="insp-table">
      <caption className="insp-caption">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Request</th>
          <th scope="col">{showRevision ? 'Revision' : 'Code'}</th>
        </tr>
      </thead>
      <tbody>
        {writes.map((w, i) => (
          <tr key={`${w.at}-${i}`}>
            <td className="insp-nowrap">{nowMs !== undefined ? `${Math.max(0, Math.round((nowMs - w.at) / 1000))}s ago` : ''}</td>
            <td className="insp-nowrap">{w.actor}</td>
            <td className="insp-break">
              {w.verb} {w.resource}
              {w.name ? `/${w.namespace ? `${w.namespace}/` : ''}${w.name}` : ''}
            </td>
            <td>{showRevision ? (w.revision ?? '') : w.code}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ApiServerLive({ allStates, trace }: LiveProps) {
  const counts = useObjectCounts();
  const kubernetesEp = useObject('endpoints', 'default/kubernetes');
  const revision = allStates?.find((s) => s.id === 'etcd')?.detail?.revision;
  const writes = useMemo(() => apiWrites(trace, () => true, 10), [trace]);
  const address = kubernetesEp?.subsets?.[0]?.addresses?.[0]?.ip;
  return (
    <>
      <p className="insp-muted insp-small">The simulation does not run a statechart for the API server; these are live facts about what it serves.</p>
      <Facts
        facts={[
          ['Address (kubernetes Service endpoint)', address ? `${address}:443` : 'unknown'],
          ['Store revision', revision !== undefined ? String(revision) : '…'],
          ...counts.map(([r, n]): [string, string] => [`${r}`, `${n} objects`]),
        ]}
        label="Objects per resource"
      />
      <ApiWrites writes={writes} caption="Latest API writes" />
    </>
  );
}

function EtcdLive({ states, trace }: LiveProps) {
  const s = states?.[0];
  const counts = useObjectCounts();
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const writes = useMemo(() => apiWrites(trace, (t) => t.code < 300 && t.revision !== undefined, 8), [trace]);
  return (
    <>
      <p>
        Statechart state: <StateBadge state={s?.state} />
      </p>
      <Facts
        facts={[
          ['Revision', s?.detail?.revision !== undefined ? String(s.detail.revision) : '…'],
          ['Objects of the kinds shown here', String(total)],
        ]}
      />
      <ApiWrites writes={writes} caption="Latest writes and the revision they produced" showRevision />
    </>
  );
}

function SchedulerLive({ states, trace }: LiveProps) {
  const s = states?.[0];
  const pods = useResource<Pod>('pods');
  const pending = useMemo(() => pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp && p.status?.phase === 'Pending'), [pods]);
  const decisions = useMemo(() => {
    const out: ScheduleTrace[] = [];
    for (let i = trace.length - 1; i >= 0 && out.length < 8; i--) {
      const t = trace[i];
      if (t.type === 'schedule') out.push(t);
    }
    return out;
  }, [trace]);
  return (
    <>
      <p>
        Statechart state: <StateBadge state={s?.state} />
      </p>
      <p className="insp-muted insp-small">idle → pop → filter → (postFilter) → score → reserve → bind, one pod per cycle.</p>
      <OpenStepMode />
      <Facts
        facts={[
          ['activeQ (ready to try)', String(s?.detail?.activeQ ?? '…')],
          ['backoffQ (waiting to retry)', String(s?.detail?.backoffQ ?? '…')],
          ['unschedulable (until something changes)', String(s?.detail?.unschedulablePods ?? '…')],
        ]}
      />
      <h4>Pods waiting for a node ({pending.length})</h4>
      <PodList pods={pending} />
      <h4>Latest decisions</h4>
      {decisions.length === 0 ? (
        <p className="insp-muted">None seen since the page opened.</p>
      ) : (
        <ul className="insp-list">
          {decisions.map((d, i) => {
            const [ns, name] = d.pod.split('/');
            return (
              <li key={`${d.at}-${i}`}>
                <SelectLink selection={{ kind: 'object', resource: 'pods', key: d.pod }}>{name}</SelectLink>
                <span className="insp-muted"> ({ns})</span>{' '}
                {d.result === 'scheduled' ? (
                  <>→ {d.node}</>
                ) : (
                  <Badge tone="bad">unschedulable</Badge>
                )}
                {d.message && d.result !== 'scheduled' && <div className="insp-small">{d.message}</div>}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

function ControllersLive({ states }: LiveProps) {
  if (!states) return <StateBadge state={undefined} />;
  const busy = states.filter((s) => s.state !== 'idle');
  return (
    <>
      <p>
        {states.length} controllers, {states.length - busy.length} idle
        {busy.length > 0 && <>, {busy.length} busy</>}.
      </p>
      <table className="insp-table">
        <caption className="insp-caption">Each controller's statechart (idle, reconciling, stopped)</caption>
        <thead>
          <tr>
            <th scope="col">Controller</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {states.map((s) => (
            <tr key={s.id}>
              <th scope="row" className="insp-mono">
                {s.id.slice('controller/'.length)}
              </th>
              <td>
                <StateBadge state={s.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CloudControllerLive({ states }: LiveProps) {
  const services = useResource<Service>('services');
  const lbs = services.filter((s) => s.spec.type === 'LoadBalancer');
  return (
    <>
      <p>
        service-controller statechart: <StateBadge state={states?.[0]?.state} />
      </p>
      <p className="insp-muted insp-small">In this simulation the service controller is the cloud-controller-manager's only loop.</p>
      <h4>LoadBalancer Services ({lbs.length})</h4>
      {lbs.length === 0 ? (
        <p className="insp-muted">None. Create a Service with type: LoadBalancer to see it get an external IP.</p>
      ) : (
        <ul className="insp-list">
          {lbs.map((s) => (
            <li key={s.metadata.uid}>
              <SelectLink selection={{ kind: 'object', resource: 'services', key: `${s.metadata.namespace}/${s.metadata.name}` }}>
                {s.metadata.namespace}/{s.metadata.name}
              </SelectLink>{' '}
              {(s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).join(', ') || <Badge tone="progress">&lt;pending&gt;</Badge>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AddonPodsLive({ addon, note }: { addon: string; note: string }) {
  const pods = useResource<Pod>('pods');
  const mine = useMemo(() => pods.filter((p) => addonOf(p) === addon), [pods, addon]);
  return (
    <>
      <p className="insp-muted insp-small">{note}</p>
      <h4>
        {addon} pods ({mine.length})
      </h4>
      <PodList pods={mine} showNode />
    </>
  );
}

// ------------------------------------------------------------------ node components

function KubeletLive({ states, node }: LiveProps & { node: string }) {
  const nodeObj = useObject<Node>('nodes', node);
  const nowMs = useClock()?.nowMs;
  const s = states?.[0];
  const ready = nodeObj?.status?.conditions?.find((c) => c.type === 'Ready');
  const hb = ready?.lastHeartbeatTime ? Date.parse(ready.lastHeartbeatTime) : undefined;
  return (
    <>
      <p>
        Statechart state: <StateBadge state={s?.state} />
      </p>
      <p>{kubeletStateText(s?.state)}</p>
      <Facts
        facts={[
          ['Pods it is running', s?.detail?.pods !== undefined ? String(s.detail.pods) : '…'],
          ['Node status', nodeObj ? nodeStatusText(nodeObj) : 'no Node object'],
          ['Node status last posted', hb !== undefined && nowMs !== undefined ? `${Math.round((nowMs - hb) / 1000)} s ago` : '—'],
          ['Version', nodeObj?.status?.nodeInfo?.kubeletVersion ?? ''],
        ]}
      />
      <p className="insp-muted insp-small">The kubelet re-posts an unchanged node status every 5 min; its 10 s heartbeat is the Lease in kube-node-lease.</p>
      <p>
        <SelectLink selection={{ kind: 'object', resource: 'nodes', key: node }}>Node {node}</SelectLink>
      </p>
    </>
  );
}

function KubeProxyLive({ node }: { node: string }) {
  const pods = useResource<Pod>('pods');
  const services = useResource<Service>('services');
  const endpoints = useResource<KubeObject>('endpoints');
  const mine = useMemo(() => pods.filter((p) => p.spec.nodeName === node && addonOf(p) === 'kube-proxy'), [pods, node]);
  const ready = useMemo(() => endpoints.reduce((n, e) => n + endpointCounts(e).ready, 0), [endpoints]);
  return (
    <>
      <p className="insp-muted insp-small">No statechart for kube-proxy in this simulation; these are live facts. Every kube-proxy programs rules for every Service.</p>
      <h4>kube-proxy pod on this node</h4>
      <PodList pods={mine} />
      <Facts
        facts={[
          ['Services in the cluster', String(services.length)],
          ['Ready endpoints behind them', String(ready)],
        ]}
      />
    </>
  );
}

function ContainerdLive({ node }: { node: string }) {
  const pods = useResource<Pod>('pods');
  const nodeObj = useObject<Node>('nodes', node);
  const rows = useMemo(() => containersOnNode(pods, node), [pods, node]);
  const counts = countStates(rows);
  return (
    <>
      <p className="insp-muted insp-small">No statechart for containerd in this simulation; these are the containers the kubelet reports for this node, live.</p>
      <Facts
        facts={[
          ['Runtime', nodeObj?.status?.nodeInfo?.containerRuntimeVersion ?? 'unknown'],
          ['Containers', String(rows.length)],
          ...counts.map(([state, n]): [string, string] => [state, String(n)]),
        ]}
      />
      <table className="insp-table">
        <caption className="insp-caption">Containers on {node}</caption>
        <thead>
          <tr>
            <th scope="col">Pod / container</th>
            <th scope="col">State</th>
            <th scope="col">Restarts</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 300).map((r) => (
            <tr key={`${r.namespace}/${r.pod}/${r.container}`}>
              <td className="insp-break">
                <SelectLink selection={{ kind: 'object', resource: 'pods', key: `${r.namespace}/${r.pod}` }}>{r.pod}</SelectLink>
                <span className="insp-muted"> / {r.container}</span>
              </td>
              <td>
                <Badge tone={r.tone}>{r.state}</Badge>
              </td>
              <td>{r.restarts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A node component chosen without a node: one row per node, each selecting that node's component. */
function PerNode({ component, states }: { component: 'kubelet' | 'kube-proxy' | 'containerd'; states: ComponentState[] | undefined }) {
  const nodes = useResource<Node>('nodes');
  const pods = useResource<Pod>('pods');
  const byNode = useMemo(() => podsByNode(pods), [pods]);
  return (
    <table className="insp-table">
      <caption className="insp-caption">One {component} per node: pick one</caption>
      <thead>
        <tr>
          <th scope="col">Node</th>
          <th scope="col">{component === 'kubelet' ? 'Statechart' : component === 'containerd' ? 'Containers' : 'kube-proxy pod'}</th>
          <th scope="col">Node status</th>
        </tr>
      </thead>
      <tbody>
        {[...nodes]
          .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))
          .map((n) => {
            const name = n.metadata.name!;
            const onNode = byNode.get(name) ?? [];
            const proxy = onNode.find((p) => addonOf(p) === 'kube-proxy');
            return (
              <tr key={name}>
                <th scope="row" className="insp-break">
                  <SelectLink selection={{ kind: 'component', component, node: name }}>{name}</SelectLink>
                </th>
                <td>
                  {component === 'kubelet' ? (
                    <StateBadge state={states?.find((s) => s.id === `kubelet/${name}`)?.state} />
                  ) : component === 'containerd' ? (
                    onNode.reduce((k, p) => k + (p.status?.containerStatuses?.length ?? 0), 0)
                  ) : proxy ? (
                    <Badge tone={podTone(proxy)}>{podStatusText(proxy)}</Badge>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <Badge tone={nodeTone(n)}>{nodeStatusText(n)}</Badge>
                </td>
              </tr>
            );
          })}
      </tbody>
    </table>
  );
}

// ------------------------------------------------------------------ kubectl

/** The cluster's own components, by the actor name they write as; anything else is a client like kubectl. */
const CLUSTER_ACTORS = new Set(['kubelet', 'kube-controller-manager', 'default-scheduler', 'kube-proxy', 'addon-manager', 'kube-apiserver']);

function KubectlLive({ trace }: { trace: TraceEvent[] }) {
  const writes = useMemo(() => apiWrites(trace, (t) => !CLUSTER_ACTORS.has(t.actor), 10), [trace]);
  return (
    <>
      <p className="insp-muted insp-small">kubectl is not a cluster component, so there is no state to show. Below are the latest requests from clients outside the cluster: the editor, the node buttons, kubectl.</p>
      <ApiWrites writes={writes} caption="Latest requests from clients" />
    </>
  );
}
