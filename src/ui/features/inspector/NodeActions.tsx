// What you can do to a node: the kubectl verbs (cordon, uncordon, drain) go through the API like
// kubectl; the VM-level ones (stop/start kubelet, power off/on, delete the VM) act on the simulated
// machine, as `az` or an SSH session would. Each shows the message the simulation returns.

import { useState } from 'react';
import type { Node } from '../../../sim/api/types';
import { actions } from '../../actions';
import { useObject, useSession } from '../../cluster/hooks';
import { useUi } from '../../state/ui';
import { NODE_ACTIONS, nodeActionsEnabled, type NodeActionName } from './inspect';
import { Section } from './parts';
import { NodeFaults } from '../faults/FaultControls';

const ACTION: Record<NodeActionName, { action: (typeof actions)[keyof typeof actions]; help: string; danger?: boolean }> = {
  cordon: { action: actions.cordon, help: 'kubectl cordon: mark the node unschedulable. Running pods stay.' },
  uncordon: { action: actions.uncordon, help: 'kubectl uncordon: let the scheduler place pods here again.' },
  drain: { action: actions.drain, help: 'kubectl drain --ignore-daemonsets: cordon, then evict every pod except DaemonSet pods (PodDisruptionBudgets are honoured).' },
  'stop-kubelet': { action: actions.stopKubelet, help: 'systemctl stop kubelet on the VM: containers keep running, but no heartbeats; NotReady after 50 s.' },
  'start-kubelet': { action: actions.startKubelet, help: 'systemctl start kubelet: it re-registers and reports status again.' },
  'power-off': { action: actions.powerOff, help: 'Stop the VM: every container on it stops; the node goes NotReady after 50 s and its pods are evicted after 300 s.' },
  'power-on': { action: actions.powerOn, help: 'Start the VM again: the kubelet boots and restarts the pods still bound here.' },
  remove: { action: actions.removeNode, help: 'Delete the VM from the scale set: the cloud provider removes the Node and its pods are replaced elsewhere.', danger: true },
};

export function NodeActions({ node, kubeletState, onDone }: { node: string; kubeletState: string | undefined; /** Re-read component states after an action. */ onDone?: () => void }) {
  const session = useSession();
  const obj = useObject<Node>('nodes', node);
  const [busy, setBusy] = useState<NodeActionName>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const enabled = nodeActionsEnabled(obj, kubeletState);

  const run = async (name: NodeActionName) => {
    setBusy(name);
    setResult(undefined);
    try {
      const r = (await (ACTION[name].action.perform as (s: typeof session, n: string) => Promise<{ message: string }>)(session, node));
      setResult({ ok: true, text: r.message });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(undefined);
      onDone?.();
    }
  };

  return (
    <Section id="node-actions" title="Node actions">
      <div className="insp-actions" role="group" aria-label={`Actions on node ${node}`}>
        {NODE_ACTIONS.map((name) => (
          <button
            key={name}
            type="button"
            className={ACTION[name].danger ? 'insp-button insp-button-danger' : 'insp-button'}
            data-testid={`node-action-${name}`}
            title={ACTION[name].help}
            disabled={busy !== undefined || !enabled[name]}
            onClick={() => run(name)}
          >
            {ACTION[name].action.label}
          </button>
        ))}
      </div>
      <NodeFaults node={node} />
      <p className="insp-muted insp-small">Hover a button to see what it does. Cordon, uncordon and drain go through the API like kubectl; the others act on the VM (or, for a partition, its network).</p>
      {busy && <p role="status">{ACTION[busy].action.label}…</p>}
      {result &&
        (result.ok ? (
          <pre className="insp-result" role="status" data-testid="node-action-result">
            {result.text}
          </pre>
        ) : (
          <p className="insp-error" role="alert" data-testid="node-action-result">
            {result.text}
          </p>
        ))}
    </Section>
  );
}

/** "Add node": a new VM in the first pool (or `pool`); offers to select it once it exists. */
export function AddNodeButton({ pool }: { pool?: string }) {
  const session = useSession();
  const select = useUi((s) => s.select);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; node?: string }>();
  const add = async () => {
    setBusy(true);
    setResult(undefined);
    try {
      const r = await actions.addNode.perform(session, pool);
      setResult({ ok: true, text: r.message, node: r.node });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="insp-add-node">
      <button type="button" className="insp-button" data-testid="node-action-add" disabled={busy} onClick={add} title="az aks nodepool scale: add one VM to the pool's scale set">
        {actions.addNode.label}
      </button>
      {result &&
        (result.ok ? (
          <p role="status" data-testid="node-action-result">
            {result.text}.{' '}
            {result.node && (
              <button type="button" className="insp-link" onClick={() => select({ kind: 'object', resource: 'nodes', key: result.node! })}>
                Show {result.node}
              </button>
            )}
          </p>
        ) : (
          <p className="insp-error" role="alert" data-testid="node-action-result">
            {result.text}
          </p>
        ))}
    </div>
  );
}
