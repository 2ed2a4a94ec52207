// Cases ported from pkg/printers/internalversion/printers_test.go (TestPrintPod,
// TestPrintPodWithRestartableInitContainer, TestPrintPodwide), with time.Now() replaced by NOW.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { printPod, podPrinter } from './pod';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const S = 1000;
const D = 24 * 3600 * S;
const running = { running: {} };
const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
const terminated = (t: Record<string, unknown> = {}) => ({ terminated: { exitCode: 0, ...t } });
const lastTerminated = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: ago(ms) } });
const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}` }));
const cs = (o: Record<string, unknown>) => ({ name: 'c', ready: false, restartCount: 0, state: {}, lastState: {}, ...o });

function pod(name: string, spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec, status };
}

const deleted = { deletionTimestamp: ago(10 * S) };
const sidecar = (name: string) => ({ name, restartPolicy: 'Always' });

describe('printPod (non-wide cells)', () => {
  const cases: [string, KubeObject, unknown[]][] = [
    ['name, containers, restarts, ready',
      pod('test1', { containers: containers(2) }, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }),
      ['test1', '1/2', 'podPhase', '6', '<unknown>']],
    ['container waiting reason overrides phase',
      pod('test2', { containers: containers(2) }, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3, state: waiting('ContainerWaitingReason') })] }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>']],
    ['first container wins over the rest',
      pod('test3', { containers: containers(2) }, { phase: 'podPhase', containerStatuses: [cs({ restartCount: 3, state: waiting('ContainerWaitingReason') }), cs({ restartCount: 3, state: terminated({ reason: 'ContainerTerminatedReason' }) })] }),
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>']],
    ['ready is not enough for running',
      pod('test4', { containers: containers(2) }, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
      ['test4', '1/2', 'podPhase', '6', '<unknown>']],
    ['pod reason overrides phase',
      pod('test5', { containers: containers(2) }, { reason: 'podReason', phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
      ['test5', '1/2', 'podReason', '6', '<unknown>']],
    ['one completed one running, no Ready condition',
      pod('test6', { containers: containers(2) }, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }), cs({ ready: true, restartCount: 3, state: running })] }),
      ['test6', '1/2', 'NotReady', '6', '<unknown>']],
    ['one completed one running, Ready condition',
      pod('test6', { containers: containers(2) }, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [cs({ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }), cs({ ready: true, restartCount: 3, state: running })] }),
      ['test6', '1/2', 'Running', '6', '<unknown>']],
    ['init container restarting',
      pod('test7', { initContainers: containers(1), containers: containers(1) }, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: waiting() })] }),
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>']],
    ['two init containers, first restarting',
      pod('test8', { initContainers: containers(2), containers: containers(1) }, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) }), cs({ state: waiting() })], containerStatuses: [cs({ state: waiting() })] }),
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>']],
    ['first init done, second restarting',
      pod('test9', { initContainers: containers(2), containers: containers(1) }, { phase: 'podPhase', initContainerStatuses: [cs({ state: terminated() }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: waiting() })] }),
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>']],
    ['init restarts add up, latest restart shown',
      pod('test10', { initContainers: containers(2), containers: containers(1) }, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 2, state: terminated(), lastState: lastTerminated(120 * S) }), cs({ restartCount: 3, state: running, lastState: lastTerminated(10 * S) })], containerStatuses: [cs({ state: waiting() })] }),
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>']],
    ['initialized pod counts only app container restarts',
      pod('test11', { initContainers: containers(1), containers: containers(1) }, { phase: 'Running', initContainerStatuses: [cs({ restartCount: 2, state: terminated(), lastState: lastTerminated(120 * S) })], containerStatuses: [cs({ restartCount: 4, state: running, lastState: lastTerminated(20 * S) })] }),
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>']],
    ['restarted 5d ago',
      pod('test12', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(5 * D) })] }),
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>']],
    ['one never restarted, one 10d ago',
      pod('test13', { containers: containers(2) }, { phase: 'Running', containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(10 * D) })] }),
      ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>']],
    ['most recent restart of two',
      pod('test14', { containers: containers(2) }, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: lastTerminated(5 * D) }), cs({ ready: true, restartCount: 3, state: running, lastState: lastTerminated(20 * D) })] }),
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>']],
    ['scheduling gated',
      pod('test15', { containers: containers(2) }, { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>']],
    ['succeeded',
      pod('test16', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })] }),
      ['test16', '0/1', 'Completed', '0', '<unknown>']],
    ['failed',
      pod('test17', { containers: containers(1) }, { phase: 'Failed', containerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })] }),
      ['test17', '0/1', 'Error', '0', '<unknown>']],
    ['succeeded and deleted stays Completed',
      pod('test18', { containers: containers(1) }, { phase: 'Succeeded', containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })] }, deleted),
      ['test18', '0/1', 'Completed', '0', '<unknown>']],
    ['running and deleted is Terminating',
      pod('test19', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: running })] }, deleted),
      ['test19', '0/1', 'Terminating', '0', '<unknown>']],
    ['pending and deleted is Terminating',
      pod('test20', { containers: containers(1) }, { phase: 'Pending' }, deleted),
      ['test20', '0/1', 'Terminating', '0', '<unknown>']],
    // TestPrintPodWithRestartableInitContainer
    ['sidecar running but not started',
      pod('test1', { initContainers: [sidecar('r1'), sidecar('r2')], containers: containers(1) }, {
        phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [cs({ name: 'r1', restartCount: 3, state: running, started: false, lastState: lastTerminated(10 * S) }), cs({ name: 'r2', state: waiting(), started: false })],
        containerStatuses: [cs({ state: waiting() })] }),
      ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']],
    ['first sidecar started, second not',
      pod('test1', { initContainers: [sidecar('r1'), sidecar('r2')], containers: containers(1) }, {
        phase: 'Pending', conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [cs({ name: 'r1', restartCount: 3, state: running, started: true, lastState: lastTerminated(10 * S) }), cs({ name: 'r2', state: running, started: false })],
        containerStatuses: [cs({ state: waiting() })] }),
      ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>']],
    ['sidecars started, app running',
      pod('test2', { initContainers: [sidecar('r1'), sidecar('r2')], containers: containers(1) }, {
        phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [cs({ name: 'r1', restartCount: 3, state: running, started: true, lastState: lastTerminated(10 * S) }), cs({ name: 'r2', state: running, started: true })],
        containerStatuses: [cs({ ready: true, restartCount: 4, state: running, lastState: lastTerminated(20 * S) })] }),
      ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>']],
    ['sidecars exited, app completed',
      pod('test3', { initContainers: [sidecar('r1'), sidecar('r2')], containers: containers(1) }, {
        phase: 'Succeeded', conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [cs({ name: 'r1', restartCount: 3, state: terminated({ reason: 'Error', exitCode: 137 }), started: false, lastState: lastTerminated(10 * S) }), cs({ name: 'r2', state: terminated({ reason: 'Error', exitCode: 137 }), started: false })],
        containerStatuses: [cs({ restartCount: 4, state: terminated({ reason: 'Completed' }), lastState: lastTerminated(20 * S) })] }),
      ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>']],
    ['statuses for containers not in the spec',
      pod('test4', { initContainers: [{ name: 'init1', image: 'initimage' }, sidecar('sidecar1')], containers: [{ name: 'container1' }] }, {
        phase: 'Running',
        initContainerStatuses: [{ name: 'initinvalid' }, { name: 'init1' }, { name: 'sidecar1' }],
        containerStatuses: [{ name: 'containerinvalid' }, { name: 'container1' }] }),
      ['test4', '0/2', 'Init:0/2', '0', '<unknown>']],
    // Statuses a learner meets on a real cluster.
    ['CrashLoopBackOff',
      pod('web', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ restartCount: 5, state: waiting('CrashLoopBackOff'), lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(300 * S) } } })] }, { creationTimestamp: ago(10 * 60 * S) }),
      ['web', '0/1', 'CrashLoopBackOff', '5 (5m ago)', '10m']],
    ['ContainerCreating',
      pod('web', { containers: containers(1), nodeName: 'n1' }, { phase: 'Pending', containerStatuses: [cs({ state: waiting('ContainerCreating') })] }),
      ['web', '0/1', 'ContainerCreating', '0', '<unknown>']],
    ['ErrImagePull',
      pod('web', { containers: containers(1) }, { phase: 'Pending', containerStatuses: [cs({ state: waiting('ErrImagePull') })] }),
      ['web', '0/1', 'ErrImagePull', '0', '<unknown>']],
    ['OOMKilled',
      pod('web', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ restartCount: 1, state: terminated({ reason: 'OOMKilled', exitCode: 137 }), lastState: lastTerminated(30 * S) })] }),
      ['web', '0/1', 'OOMKilled', '1 (30s ago)', '<unknown>']],
    ['terminated without reason prints the exit code',
      pod('web', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: terminated({ exitCode: 2 }) })] }),
      ['web', '0/1', 'ExitCode:2', '0', '<unknown>']],
    ['terminated by signal',
      pod('web', { containers: containers(1) }, { phase: 'Running', containerStatuses: [cs({ state: terminated({ exitCode: 0, signal: 9 }) })] }),
      ['web', '0/1', 'Signal:9', '0', '<unknown>']],
    ['init container failed',
      pod('web', { initContainers: containers(1), containers: containers(1) }, { phase: 'Pending', initContainerStatuses: [cs({ state: terminated({ exitCode: 1, reason: 'Error' }) })] }),
      ['web', '0/1', 'Init:Error', '0', '<unknown>']],
    ['init container failed without reason',
      pod('web', { initContainers: containers(1), containers: containers(1) }, { phase: 'Pending', initContainerStatuses: [cs({ state: terminated({ exitCode: 3 }) })] }),
      ['web', '0/1', 'Init:ExitCode:3', '0', '<unknown>']],
    ['init container crash looping',
      pod('web', { initContainers: containers(1), containers: containers(1) }, { phase: 'Pending', initContainerStatuses: [cs({ restartCount: 2, state: waiting('CrashLoopBackOff'), lastState: lastTerminated(40 * S) })] }),
      ['web', '0/1', 'Init:CrashLoopBackOff', '2 (40s ago)', '<unknown>']],
    ['app waiting on PodInitializing after init',
      pod('web', { initContainers: containers(1), containers: containers(1) }, { phase: 'Pending', initContainerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })], containerStatuses: [cs({ state: waiting('PodInitializing') })] }),
      ['web', '0/1', 'PodInitializing', '0', '<unknown>']],
    ['pod on a lost node being deleted',
      pod('web', { containers: containers(1) }, { phase: 'Running', reason: 'NodeLost', containerStatuses: [cs({ ready: true, state: running })] }, deleted),
      ['web', '1/1', 'Unknown', '0', '<unknown>']],
    ['evicted',
      pod('web', { containers: containers(1) }, { phase: 'Failed', reason: 'Evicted' }),
      ['web', '0/1', 'Evicted', '0', '<unknown>']],
  ];
  it.each(cases)('%s', (_name, p, want) => {
    expect(printPod(p, NOW).cells.slice(0, 5)).toEqual(want);
  });
});

describe('printPod wide cells and row conditions', () => {
  it('prints IP, node, nominated node and readiness gates (TestPrintPodwide)', () => {
    const p = pod('test1', { containers: containers(2), nodeName: 'test1', readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }] }, {
      phase: 'podPhase',
      conditions: [{ type: 'condition1', status: 'True' }, { type: 'condition2', status: 'True' }, { type: 'condition3', status: 'False' }],
      containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
      podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
      nominatedNodeName: 'node1',
    });
    expect(printPod(p, NOW).cells).toEqual(['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '2/3']);
  });
  it('prints <none> for unset wide fields', () => {
    const p = pod('test3', { containers: containers(2) }, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running })] });
    expect(printPod(p, NOW).cells.slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });
  it('falls back to podIP when podIPs is missing', () => {
    expect(printPod(pod('a', { containers: containers(1) }, { podIP: '10.244.0.5' }), NOW).cells[5]).toBe('10.244.0.5');
  });
  it('marks finished pods with a Completed row condition', () => {
    expect(printPod(pod('a', { containers: containers(1) }, { phase: 'Succeeded' }), NOW).conditions).toEqual([
      { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
    ]);
    expect(printPod(pod('a', { containers: containers(1) }, { phase: 'Failed' }), NOW).conditions?.[0].reason).toBe('Failed');
    expect(printPod(pod('a', { containers: containers(1) }, { phase: 'Running' }), NOW).conditions).toBeUndefined();
  });
  it('has the 1.32 pod columns', () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0], ['Ready', 'string', 0], ['Status', 'string', 0], ['Restarts', 'string', 0], ['Age', 'string', 0],
      ['IP', 'string', 1], ['Node', 'string', 1], ['Nominated Node', 'string', 1], ['Readiness Gates', 'string', 1],
    ]);
    expect(podPrinter.columns[0].format).toBe('name');
  });
});
