import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../../sim/scheduler/explain';
import { consideredText, diagramMarks, filterRows, nextPhase, pickAttempt, scoreRows } from './logic';
import { useExplainer } from './store';

const base: Explanation = {
  pod: 'default/web', attempt: 1, at: 0, cycle: 1, result: 'Scheduled', summary: 's', numAllNodes: 3, evaluatedNodes: 3, feasibleNodes: 2, numNodesToFind: 3, scoredNodes: 2,
  filterPlugins: ['NodeUnschedulable', 'TaintToleration', 'NodeResourcesFit', 'VolumeBinding'], skippedFilterPlugins: ['VolumeBinding'],
  scorePlugins: [{ name: 'TaintToleration', weight: 3 }, { name: 'NodeResourcesFit', weight: 1 }], skippedScorePlugins: [],
  winner: 'n2',
  nodes: [
    { node: 'n1', verdict: 'rejected', plugin: 'TaintToleration', reason: 'node(s) had untolerated taint {gpu: true}', filters: { NodeUnschedulable: 'pass', TaintToleration: 'node(s) had untolerated taint {gpu: true}', NodeResourcesFit: 'not run', VolumeBinding: 'skipped' } },
    { node: 'n2', verdict: 'winner', filters: { NodeUnschedulable: 'pass', TaintToleration: 'pass', NodeResourcesFit: 'pass', VolumeBinding: 'skipped' }, total: 394, scores: [{ plugin: 'TaintToleration', raw: 0, normalized: 100, weighted: 300 }, { plugin: 'NodeResourcesFit', raw: 94, normalized: 94, weighted: 94 }] },
    { node: 'n3', verdict: 'feasible', filters: { NodeUnschedulable: 'pass', TaintToleration: 'pass', NodeResourcesFit: 'pass', VolumeBinding: 'skipped' }, total: 359, scores: [{ plugin: 'TaintToleration', raw: 0, normalized: 100, weighted: 300 }, { plugin: 'NodeResourcesFit', raw: 59, normalized: 59, weighted: 59 }] },
  ],
};

describe('explainer logic', () => {
  it('picks the attempt asked for, else the latest', () => {
    const list = [base, { ...base, attempt: 2 }, { ...base, attempt: 3 }];
    expect(pickAttempt(list, 2)?.attempt).toBe(2);
    expect(pickAttempt(list, undefined)?.attempt).toBe(3);
    expect(pickAttempt(list, 9)?.attempt).toBe(3);
    expect(pickAttempt([], 1)).toBeUndefined();
  });

  it('marks every node: rejected with its reason, the winner, feasible ones, and nodes not in the attempt', () => {
    const marks = diagramMarks(base, ['n1', 'n2', 'n3', 'n4']);
    expect(marks.n1).toEqual({ state: 'rejected', label: 'TaintToleration: node(s) had untolerated taint {gpu: true}', plugin: 'TaintToleration' });
    expect(marks.n2).toEqual({ state: 'winner', label: 'chosen: highest score 394' });
    expect(marks.n3).toEqual({ state: 'feasible', label: 'feasible, score 359 (n2 scored higher)' });
    expect(marks.n4.state).toBe('not-evaluated');
    expect(diagramMarks(undefined, ['n1'])).toEqual({});
  });

  it('a big cluster: nodes past the search are "not evaluated" with the percentage rule', () => {
    const e: Explanation = { ...base, numAllNodes: 200, evaluatedNodes: 120, numNodesToFind: 100 };
    expect(diagramMarks(e, ['far']).far.label).toBe('not evaluated: the search stopped after 120 of 200 nodes (percentageOfNodesToScore)');
    expect(consideredText(e)).toBe('120 of 200 nodes evaluated, 2 feasible, 2 scored; it stops after finding 100 feasible nodes (percentageOfNodesToScore: 50%)');
    expect(consideredText(base)).toBe('3 of 3 nodes evaluated, 2 feasible, 2 scored; every node is considered in clusters under 100 nodes');
  });

  it('a pod rejected before any node (PreFilter) dims every node with the message', () => {
    const e: Explanation = { ...base, result: 'Unschedulable', winner: undefined, nodes: [], message: '0/3 nodes are available: persistentvolumeclaim "data" not found.' };
    expect(diagramMarks(e, ['n1'])).toEqual({ n1: { state: 'rejected', label: '0/3 nodes are available: persistentvolumeclaim "data" not found.' } });
  });

  it('filter table: pass, fail with the reason, skipped, not run', () => {
    const rows = filterRows(base);
    expect(rows[0].cells.map((c) => c.verdict)).toEqual(['pass', 'fail', 'not run', 'skipped']);
    expect(rows[0].cells[1].text).toBe('node(s) had untolerated taint {gpu: true}');
  });

  it('score table: best first, with raw and weighted scores', () => {
    expect(scoreRows(base).map((r) => [r.node, r.winner, r.total])).toEqual([
      ['n2', true, 394],
      ['n3', false, 359],
    ]);
  });

  it('the next phase of the statechart', () => {
    expect(nextPhase('idle', { feasible: 0, activeQ: 1 })).toBe('pop');
    expect(nextPhase('pop', { feasible: 0, activeQ: 0 })).toBe('idle');
    expect(nextPhase('pop', { pod: 'default/p', feasible: 0, activeQ: 0 })).toBe('filter');
    expect(nextPhase('filter', { pod: 'default/p', feasible: 0, activeQ: 0 })).toBe('postFilter');
    expect(nextPhase('filter', { pod: 'default/p', feasible: 2, activeQ: 0 })).toBe('score');
    expect(nextPhase('bind', { pod: 'default/p', feasible: 2, activeQ: 0 })).toBe('idle');
    expect(nextPhase('stopped', { feasible: 0, activeQ: 0 })).toBeUndefined();
  });

  it('the store marks the diagram only while open, for the picked attempt', () => {
    const st = useExplainer.getState();
    st.setNodes(['n1', 'n2', 'n3']);
    st.openFor('default/web');
    st.setExplanations('default/web', [{ ...base, nodes: [] , detailDropped: true }, { ...base, attempt: 2 }]);
    expect(useExplainer.getState().marks.n1.state).toBe('rejected');
    useExplainer.getState().pickAttempt(1);
    expect(useExplainer.getState().marks.n1.state).toBe('not-evaluated');
    // A late answer about another pod is ignored.
    useExplainer.getState().setExplanations('default/other', []);
    expect(useExplainer.getState().explanations).toHaveLength(2);
    useExplainer.getState().close();
    expect(useExplainer.getState().marks).toEqual({});
  });
});
