import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Clock } from '../clock';
import { numFeasibleNodesToFind } from './algorithm';
import { fitErrorMessage } from './fiterror';
import { status } from './framework';
import { backoffDuration, SchedulingQueue } from './queue';

function pod(name: string, priority = 0, labels?: Record<string, string>): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name, labels }, spec: { containers: [{ name: 'c' }], priority } };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by the time queued', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    q.add(pod('low-1', 0));
    clock.advance(10);
    q.add(pod('high', 1000));
    q.add(pod('low-2', 0));
    clock.advance(10);
    q.add(pod('mid', 10));
    const order: string[] = [];
    for (let x = q.pop(); x; x = q.pop()) order.push(x.pod.metadata.name!);
    expect(order).toEqual(['high', 'mid', 'low-1', 'low-2']);
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [5, 10_000],
    [12, 10_000],
  ])('backoff after attempt %i is %i ms', (attempts, ms) => {
    expect(backoffDuration(attempts)).toBe(ms);
  });

  it('keeps a failed pod in backoffQ for 1 s, then 2 s, on the virtual clock', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    q.add(pod('p'));
    let qpi = q.pop()!;
    // A move request during the cycle sends it to backoffQ rather than the unschedulable pods.
    q.onEvent('NodeAdd');
    q.addUnschedulable(qpi, new Set(['NodeResourcesFit']), q.cycle);
    expect(q.where('default/p')).toBe('backoffQ');
    clock.advance(999);
    expect(q.where('default/p')).toBe('backoffQ');
    clock.advance(1);
    expect(q.where('default/p')).toBe('activeQ');
    qpi = q.pop()!;
    expect(qpi.attempts).toBe(2);
    q.addUnschedulable(qpi, new Set(), q.cycle); // no rejecting plugin (an error): backoff too
    clock.advance(1999);
    expect(q.where('default/p')).toBe('backoffQ');
    clock.advance(1);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('parks unschedulable pods until an event one of their plugins cares about', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    q.add(pod('p'));
    const qpi = q.pop()!;
    q.addUnschedulable(qpi, new Set(['TaintToleration']), q.cycle);
    expect(q.where('default/p')).toBe('unschedulablePods');
    q.onEvent('AssignedPodDelete'); // TaintToleration does not care
    expect(q.where('default/p')).toBe('unschedulablePods');
    clock.advance(500);
    q.onEvent('NodeUpdate'); // it does; still within its 1 s backoff
    expect(q.where('default/p')).toBe('backoffQ');
    clock.advance(500);
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('flushes pods unschedulable for more than 5 minutes', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    q.add(pod('p'));
    q.addUnschedulable(q.pop()!, new Set(['NodeAffinity']), q.cycle);
    clock.advance(5 * 60_000);
    expect(q.where('default/p')).toBe('unschedulablePods');
    clock.advance(30_000); // the next 30 s flush after 5 min
    expect(q.where('default/p')).toBe('activeQ');
  });

  it('moves an unschedulable pod whose spec or labels change, not on status changes', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    const p = pod('p');
    q.add(p);
    q.addUnschedulable(q.pop()!, new Set(['TaintToleration']), q.cycle);
    clock.advance(2000);
    q.update({ ...p, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } });
    expect(q.where('default/p')).toBe('unschedulablePods');
    q.update({ ...p, spec: { ...p.spec, tolerations: [{ operator: 'Exists' }] } });
    expect(q.where('default/p')).toBe('activeQ');
  });
});

describe('numFeasibleNodesToFind', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [500, 230], // 50 - 4 = 46 %
    [1000, 420], // 42 %
    [5000, 500], // 10 %
    [6000, 300], // 50 - 48 = 2 % -> 5 %
  ])('%i nodes -> %i', (nodes, want) => {
    expect(numFeasibleNodesToFind(undefined, nodes)).toBe(want);
  });
  it('honours a configured percentage, with the minimum of 100', () => {
    expect(numFeasibleNodesToFind(50, 1000)).toBe(500);
    expect(numFeasibleNodesToFind(1, 1000)).toBe(100);
  });
});

describe('FitError message', () => {
  it('sorts the "<count> <reason>" strings as strings', () => {
    const statuses = [
      ...Array.from({ length: 10 }, () => status('Unschedulable', 'Insufficient cpu')),
      ...Array.from({ length: 2 }, () => status('UnschedulableAndUnresolvable', 'node(s) had untolerated taint {CriticalAddonsOnly: true}')),
      status('Unschedulable', 'Insufficient cpu', 'Insufficient memory'),
    ];
    expect(fitErrorMessage(13, { nodeStatuses: statuses, explicitCount: 13, postFilterMsg: 'preemption: x.' })).toBe(
      '0/13 nodes are available: 1 Insufficient memory, 11 Insufficient cpu, 2 node(s) had untolerated taint {CriticalAddonsOnly: true}. preemption: x.',
    );
  });
  it('uses the PreFilter message alone when a PreFilter rejected the pod', () => {
    const s = status('UnschedulableAndUnresolvable', 'persistentvolumeclaim "data" not found');
    expect(fitErrorMessage(3, { nodeStatuses: [], explicitCount: 0, absent: s, preFilterMsg: s.reasons[0] })).toBe('0/3 nodes are available: persistentvolumeclaim "data" not found.');
  });
});

describe('scheduling gates', () => {
  it('keeps a gated pod out of activeQ until its gates are removed', () => {
    const clock = new Clock();
    const q = new SchedulingQueue(clock);
    const p = { ...pod('gated'), spec: { ...pod('gated').spec, schedulingGates: [{ name: 'example.com/wait' }] } };
    q.add(p);
    expect(q.where('default/gated')).toBe('unschedulablePods');
    q.onEvent('NodeAdd');
    clock.advance(6 * 60_000);
    expect(q.where('default/gated')).toBe('unschedulablePods');
    q.update({ ...p, spec: { ...p.spec, schedulingGates: [] } });
    expect(q.where('default/gated')).toBe('activeQ');
  });
});
