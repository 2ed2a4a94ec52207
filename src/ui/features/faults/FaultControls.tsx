// Fault menus: for a node (partition from the control plane), a pod's containers (kill, exceed the
// memory limit) and its image registry, the control-plane processes (scheduler,
// controller-manager) and etcd's members. Each button injects or heals through the worker's
// `fault` op (journaled like every input) and shows the message the simulation returns.
// Test ids: fault-<kind> (fault-<kind>-<member> for etcd members); aria-pressed says "in force".

import { useState } from 'react';
import type { Pod } from '../../../sim/api/types';
import { FAULT_HELP } from '../../../sim/faults/faults';
import { registryName } from '../../../sim/faults/registry';
import { parseImageRef } from '../../../sim/node/images';
import type { FaultSpec } from '../../../worker/protocol';
import { isActive, useFaults, useInjectFault, type FaultState } from './state';
import './faults.css';

function useRunner() {
  const inject = useInjectFault();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const run = async (spec: FaultSpec) => {
    setBusy(true);
    setResult(undefined);
    try {
      setResult({ ok: true, text: (await inject(spec)).message });
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return { busy, result, run };
}

function Result({ result }: { result: { ok: boolean; text: string } | undefined }) {
  if (!result) return null;
  return result.ok ? (
    <p className="insp-result fault-result" role="status" data-testid="fault-result">
      {result.text}
    </p>
  ) : (
    <p className="insp-error" role="alert" data-testid="fault-result">
      {result.text}
    </p>
  );
}

/** A button that toggles a fault: pressed while in force. */
function Toggle(p: { spec: Omit<FaultSpec, 'on'>; state: FaultState | undefined; label: string; healLabel: string; busy: boolean; run: (s: FaultSpec) => void; testId?: string; disabled?: boolean }) {
  const on = isActive(p.state, p.spec.kind, p.spec.target);
  return (
    <button
      type="button"
      className={on ? 'insp-button fault-on' : 'insp-button insp-button-danger'}
      data-testid={p.testId ?? `fault-${p.spec.kind}`}
      aria-pressed={on}
      title={FAULT_HELP[p.spec.kind].what}
      disabled={p.busy || p.disabled || p.state === undefined}
      onClick={() => p.run({ ...p.spec, on: !on })}
    >
      {on ? p.healLabel : p.label}
    </button>
  );
}

/** Node faults beyond the VM actions: a network partition from the control plane. */
export function NodeFaults({ node }: { node: string }) {
  const state = useFaults();
  const { busy, result, run } = useRunner();
  return (
    <div className="fault-menu" role="group" aria-label={`Faults on node ${node}`}>
      <Toggle spec={{ kind: 'partition', target: node }} state={state} label="Partition from control plane" healLabel="Heal partition" busy={busy} run={run} />
      <Result result={result} />
    </div>
  );
}

/** A pod's container faults, and its image registry's reachability. */
export function PodFaults({ pod }: { pod: Pod }) {
  const state = useFaults();
  const { busy, result, run } = useRunner();
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const running = new Set((pod.status?.containerStatuses ?? []).filter((c) => c.state?.running).map((c) => c.name));
  const registries = [...new Set(pod.spec.containers.map((c) => registryName(parseImageRef(c.image ?? '').repository.split('/')[0])))];
  return (
    <section className="insp-section" aria-labelledby="pod-faults-title" data-testid="pod-faults">
      <h3 id="pod-faults-title" className="insp-section-title">
        Faults
      </h3>
      {pod.spec.containers.map((c) => (
        <div key={c.name} className="fault-menu" role="group" aria-label={`Faults on container ${c.name}`}>
          <span className="insp-mono fault-target">{c.name}</span>
          <button
            type="button"
            className="insp-button insp-button-danger"
            data-testid="fault-kill-container"
            title={FAULT_HELP['kill-container'].what}
            disabled={busy || !running.has(c.name)}
            onClick={() => run({ kind: 'kill-container', target: `${key}/${c.name}`, on: true })}
          >
            Kill container
          </button>
          <Toggle
            spec={{ kind: 'oom', target: `${key}/${c.name}` }}
            state={state}
            label={`Exceed memory limit${c.resources?.limits?.memory ? ` (${c.resources.limits.memory})` : ''}`}
            healLabel="Stop exceeding memory"
            busy={busy}
            run={run}
            disabled={!pod.spec.nodeName}
          />
        </div>
      ))}
      {registries.map((r) => (
        <div key={r} className="fault-menu" role="group" aria-label={`Registry ${r}`}>
          <span className="insp-mono fault-target">{r}</span>
          <Toggle spec={{ kind: 'registry-unreachable', target: r }} state={state} label="Make registry unreachable" healLabel="Restore registry" busy={busy} run={run} />
        </div>
      ))}
      <Result result={result} />
    </section>
  );
}

/** Stop/start a control-plane process, or fail etcd members. */
export function ControlPlaneFaults({ component }: { component: string }) {
  const state = useFaults();
  const { busy, result, run } = useRunner();
  if (component === 'kube-scheduler' || component === 'kube-controller-manager') {
    const kind = component === 'kube-scheduler' ? 'stop-scheduler' : 'stop-controller-manager';
    return (
      <section className="insp-section" aria-labelledby="cp-faults-title">
        <h3 id="cp-faults-title" className="insp-section-title">
          Faults
        </h3>
        <div className="fault-menu">
          <Toggle spec={{ kind }} state={state} label={`Stop ${component}`} healLabel={`Start ${component}`} busy={busy} run={run} />
        </div>
        <p className="insp-muted insp-small">{FAULT_HELP[kind].what}.</p>
        <Result result={result} />
      </section>
    );
  }
  if (component !== 'etcd') return null;
  const etcd = state?.etcd;
  return (
    <section className="insp-section" aria-labelledby="cp-faults-title">
      <h3 id="cp-faults-title" className="insp-section-title">
        Raft members and faults
      </h3>
      {etcd && (
        <p data-testid="etcd-quorum">
          {etcd.up}/{etcd.size} members up, quorum {etcd.quorum}: {etcd.hasQuorum ? 'writes commit' : 'quorum lost, writes fail (etcdserver: request timed out)'}. Term {etcd.term}, leader {etcd.leader ?? 'none (election under way)'}.
        </p>
      )}
      <table className="insp-table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Term</th>
            <th scope="col">Fault</th>
          </tr>
        </thead>
        <tbody>
          {(etcd?.members ?? []).map((m) => (
            <tr key={m.name}>
              <td className="insp-mono">{m.name}</td>
              <td>{m.role}</td>
              <td>{m.term}</td>
              <td>
                <button
                  type="button"
                  className={m.role === 'down' ? 'insp-button fault-on' : 'insp-button insp-button-danger'}
                  data-testid={`fault-etcd-member-down-${m.name}`}
                  aria-pressed={m.role === 'down'}
                  title={FAULT_HELP['etcd-member-down'].what}
                  disabled={busy || isActive(state, 'etcd-quorum-loss')}
                  onClick={() => run({ kind: 'etcd-member-down', target: m.name, on: m.role !== 'down' })}
                >
                  {m.role === 'down' ? 'Start' : 'Stop'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="fault-menu">
        <Toggle spec={{ kind: 'etcd-quorum-loss' }} state={state} label="Lose quorum" healLabel="Restore quorum" busy={busy} run={run} />
      </div>
      <p className="insp-muted insp-small">Heartbeat 100 ms, election timeout 1000 ms (randomized up to 2000 ms per member). Pre-vote and check-quorum are on, as in etcd 3.5+.</p>
      <Result result={result} />
    </section>
  );
}

/** On the diagram: etcd's members, the leader marked, and the quorum. */
export function EtcdMembersBadge() {
  const etcd = useFaults()?.etcd;
  if (!etcd) return null;
  return (
    <span className="fault-etcd" data-testid="etcd-members" data-quorum={etcd.hasQuorum ? 'ok' : 'lost'} aria-label={`etcd: ${etcd.up} of ${etcd.size} members up, leader ${etcd.leader ?? 'none'}`}>
      {etcd.members.map((m) => (
        <span key={m.name} className={`fault-etcd-member fault-role-${m.role}`} data-testid={`etcd-member-${m.name}`} data-role={m.role} title={`${m.name}: ${m.role}, term ${m.term}`}>
          {m.role === 'leader' ? '★' : m.role === 'down' ? '✕' : '●'}
        </span>
      ))}
      <span className="fault-etcd-quorum">{etcd.hasQuorum ? `quorum ${etcd.up}/${etcd.size}` : 'NO QUORUM'}</span>
    </span>
  );
}

/** On the diagram: a stopped control-plane process. */
export function StoppedBadge({ component }: { component: string }) {
  const state = useFaults();
  const kind = component === 'kube-scheduler' ? 'stop-scheduler' : component === 'kube-controller-manager' ? 'stop-controller-manager' : undefined;
  if (!kind || !isActive(state, kind)) return null;
  return (
    <span className="fault-stopped" data-testid={`stopped-${component}`}>
      stopped
    </span>
  );
}

const NODE_FAULT_MARK: Partial<Record<FaultSpec['kind'], string>> = { 'power-off': '⏻ off', 'stop-kubelet': 'kubelet ✕', partition: '✂ cut off' };

/** On the diagram: a fault in force on a node, visible at once (its NotReady comes 50 s later). */
export function NodeFaultBadge({ node }: { node: string }) {
  const state = useFaults();
  const faults = (state?.active ?? []).filter((a) => a.target === node && NODE_FAULT_MARK[a.kind]);
  if (!faults.length) return null;
  return (
    <span className="fault-stopped" data-testid={`node-fault-${node}`} data-faults={faults.map((f) => f.kind).join(' ')} title={faults.map((f) => `${f.kind}: ${FAULT_HELP[f.kind].what}`).join('\n')}>
      {faults.map((f) => NODE_FAULT_MARK[f.kind]).join(' ')}
    </span>
  );
}
