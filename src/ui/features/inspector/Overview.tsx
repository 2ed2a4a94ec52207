// What the inspector shows with nothing selected: the cluster at a glance (pools, nodes, pods by
// phase, namespaces) and the "Add node" action.

import { useMemo } from 'react';
import type { Node, Pod } from '../../../sim/api/types';
import { useClock, useResource } from '../../cluster/hooks';
import { useUi } from '../../state/ui';
import { CONCEPT_EXPLAINERS } from './explainers';
import { POD_PHASES, nodePools, nodeStatusText, nodeTone, podsByNode, podsByPhase } from './inspect';
import { AddNodeButton } from './NodeActions';
import { Badge, Explainers, Section, SelectLink } from './parts';

export function Overview() {
  const nodes = useResource<Node>('nodes');
  const pods = useResource<Pod>('pods');
  const namespaces = useResource('namespaces');
  const clock = useClock();
  const select = useUi((s) => s.select);
  const phases = useMemo(() => podsByPhase(pods), [pods]);
  const pools = useMemo(() => nodePools(nodes), [nodes]);
  const byNode = useMemo(() => podsByNode(pods), [pods]);
  const podsPerNamespace = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of pods) m.set(p.metadata.namespace!, (m.get(p.metadata.namespace!) ?? 0) + 1);
    return m;
  }, [pods]);
  const sortedNodes = useMemo(() => [...nodes].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!)), [nodes]);

  return (
    <>
      <p className="insp-hint">Select a component, node, pod or Service on the diagram to see what it is, its live state, its events and its YAML.</p>
      <Section id="live" title="Cluster at a glance" testId="live-state">
        <p className="insp-muted insp-small">Virtual time {clock ? clock.now.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '…'}{clock?.paused ? ' (paused)' : ''}</p>
        <h4>Control plane</h4>
        <p className="insp-small">
          {(['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'konnectivity'] as const).map((c, i) => (
            <span key={c}>
              {i > 0 && ' · '}
              <SelectLink selection={{ kind: 'component', component: c }}>{c}</SelectLink>
            </span>
          ))}
        </p>
        <h4>Node pools</h4>
        <table className="insp-table">
          <thead>
            <tr>
              <th scope="col">Pool</th>
              <th scope="col">Mode</th>
              <th scope="col">VM size</th>
              <th scope="col">Ready</th>
            </tr>
          </thead>
          <tbody>
            {pools.map((p) => (
              <tr key={p.name}>
                <th scope="row">{p.name}</th>
                <td>{p.mode ?? ''}</td>
                <td>{p.vmSize ?? ''}</td>
                <td>
                  {p.ready}/{p.nodes}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <AddNodeButton />
        <h4>Nodes ({nodes.length})</h4>
        <ul className="insp-list">
          {sortedNodes.slice(0, 100).map((n) => (
            <li key={n.metadata.name}>
              <Badge tone={nodeTone(n)}>{nodeStatusText(n)}</Badge>{' '}
              <SelectLink selection={{ kind: 'object', resource: 'nodes', key: n.metadata.name! }}>{n.metadata.name}</SelectLink>
              <span className="insp-muted"> {(byNode.get(n.metadata.name!) ?? []).length} pods</span>
            </li>
          ))}
          {sortedNodes.length > 100 && <li className="insp-muted">… and {sortedNodes.length - 100} more</li>}
        </ul>
        <h4>Pods ({pods.length})</h4>
        <ul className="insp-phases" aria-label="Pods by phase">
          {POD_PHASES.map((ph) => (
            <li key={ph}>
              <Badge tone={ph === 'Running' ? 'ok' : ph === 'Pending' ? 'progress' : ph === 'Failed' || ph === 'Unknown' ? 'bad' : 'muted'}>{ph}</Badge> {phases[ph]}
            </li>
          ))}
        </ul>
        {(byNode.get('')?.length ?? 0) > 0 && (
          <p>
            <button type="button" className="insp-link" onClick={() => select({ kind: 'component', component: 'kube-scheduler' })}>
              {byNode.get('')!.length} waiting for the scheduler
            </button>
          </p>
        )}
        <h4>Namespaces ({namespaces.length})</h4>
        <ul className="insp-list">
          {namespaces.map((ns) => (
            <li key={ns.metadata.name}>
              <SelectLink selection={{ kind: 'object', resource: 'namespaces', key: ns.metadata.name! }}>{ns.metadata.name}</SelectLink>
              <span className="insp-muted"> {podsPerNamespace.get(ns.metadata.name!) ?? 0} pods</span>
            </li>
          ))}
        </ul>
      </Section>
      <Explainers explainers={[CONCEPT_EXPLAINERS.cluster, CONCEPT_EXPLAINERS.nodePool]} />
    </>
  );
}
