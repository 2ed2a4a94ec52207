// Step mode's cycle on the diagram: phase + the scheduler's answer -> the pod and per-node marks.

import { beforeEach, describe, expect, it } from 'vitest';
import type { SchedulerCycle } from '../../../worker/protocol';
import { cycleMarks } from './logic';
import { useExplainer } from './store';

const NODES = ['n1', 'n2', 'n3'];
const verdicts = { rejected: [{ node: 'n1', plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] }], feasible: ['n2', 'n3'] };

function cycle(phase: string, more: Partial<SchedulerCycle> = {}): SchedulerCycle {
  return { phase, stepping: true, pod: 'default/p', feasible: 0, cycles: 0, scheduled: 0, failed: 0, queue: { activeQ: 0, backoffQ: 0, unschedulablePods: 0 }, ...more };
}

describe('cycleMarks', () => {
  it('shows nothing when not stepping or between cycles', () => {
    expect(cycleMarks(undefined, NODES)).toBeUndefined();
    expect(cycleMarks(cycle('filter', { stepping: false, verdicts }), NODES)).toBeUndefined();
    expect(cycleMarks(cycle('idle', { pod: undefined }), NODES)).toBeUndefined();
  });

  it('marks only the pod at pop (Filter has not run)', () => {
    expect(cycleMarks(cycle('pop'), NODES)).toEqual({ phase: 'pop', pod: 'default/p', nodes: {} });
  });

  it('marks the rejected nodes with their reason and the feasible ones at filter', () => {
    expect(cycleMarks(cycle('filter', { feasible: 2, verdicts }), NODES)!.nodes).toEqual({
      n1: { state: 'rejected', label: 'NodeResourcesFit: Insufficient cpu' },
      n2: { state: 'feasible', label: 'feasible: passed every filter' },
      n3: { state: 'feasible', label: 'feasible: passed every filter' },
    });
  });

  it('rejects every node on a PreFilter rejection (postFilter)', () => {
    const v = { rejected: [], feasible: [], preFilter: { plugin: 'VolumeBinding', message: 'persistentvolumeclaim "data" not found' } };
    const m = cycleMarks(cycle('postFilter', { verdicts: v }), NODES)!.nodes;
    expect(Object.keys(m)).toEqual(NODES);
    expect(m.n3).toEqual({ state: 'rejected', label: 'VolumeBinding: persistentvolumeclaim "data" not found' });
  });

  it('marks the best-scored node as the candidate at score, and chosen at reserve and bind', () => {
    const score = cycleMarks(cycle('score', { node: 'n3', feasible: 2, verdicts }), NODES)!.nodes;
    expect(score.n3).toEqual({ state: 'candidate', label: 'candidate: highest score' });
    expect(score.n2).toEqual({ state: 'feasible', label: 'feasible, not picked (n3 scored highest)' });
    expect(score.n1.state).toBe('rejected');
    expect(cycleMarks(cycle('reserve', { node: 'n3', verdicts }), NODES)!.nodes.n3).toEqual({ state: 'chosen', label: 'chosen: pod assumed here (reserve)' });
    expect(cycleMarks(cycle('bind', { node: 'n3', verdicts }), NODES)!.nodes.n3).toEqual({ state: 'chosen', label: 'chosen: pod bound here (bind)' });
  });

  it('says when the only feasible node needed no scoring', () => {
    const v = { rejected: [], feasible: ['n2'] };
    expect(cycleMarks(cycle('score', { node: 'n2', verdicts: v }), NODES)!.nodes.n2.label).toBe('candidate: the only feasible node (no scoring)');
  });
});

describe('the explainer store cycle', () => {
  beforeEach(() => {
    useExplainer.getState().close();
    useExplainer.getState().setNodes(NODES);
  });

  it('keeps unchanged node marks as the same objects and clears on close', () => {
    const st = useExplainer.getState();
    st.openFor('default/p');
    st.setCycle(cycle('filter', { verdicts }));
    const first = useExplainer.getState().cycle!;
    useExplainer.getState().setCycle(cycle('score', { node: 'n3', verdicts }));
    const second = useExplainer.getState().cycle!;
    expect(second.nodes.n1).toBe(first.nodes.n1); // still rejected: the card need not re-render
    expect(second.nodes.n3).not.toBe(first.nodes.n3);
    useExplainer.getState().close();
    expect(useExplainer.getState().cycle).toBeUndefined();
  });

  it('does nothing while closed or not stepping', () => {
    useExplainer.getState().setCycle(cycle('filter', { verdicts }));
    expect(useExplainer.getState().cycle).toBeUndefined(); // closed
    useExplainer.getState().openFor(undefined);
    const before = useExplainer.getState();
    useExplainer.getState().setCycle(cycle('idle', { stepping: false, pod: undefined }));
    expect(useExplainer.getState()).toBe(before); // no set at all
  });
});
