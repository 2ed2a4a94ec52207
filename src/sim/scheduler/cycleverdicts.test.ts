// The in-progress cycle's Filter verdicts, which step mode shows on the diagram before the
// attempt is recorded.

import { describe, expect, it } from 'vitest';
import { addNode, addPod, settle, testEnv } from './testenv';

describe('Scheduler.cycleVerdicts', () => {
  it('exposes the filter verdicts from the Filter phase until the cycle ends', () => {
    const env = testEnv();
    addNode(env.api, { name: 'big', cpu: '1900m' });
    addNode(env.api, { name: 'small', cpu: '500m' });
    env.scheduler.setStepping(true);
    addPod(env.api, 'p', { cpu: '1' });
    settle(env);
    env.scheduler.step(); // pop
    expect(env.scheduler.state).toBe('pop');
    expect(env.scheduler.cycleVerdicts()).toBeUndefined(); // Filter has not run yet
    env.scheduler.step(); // filter
    const v = env.scheduler.cycleVerdicts()!;
    expect(v.feasible).toEqual(['big']);
    expect(v.rejected).toEqual([{ node: 'small', plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] }]);
    expect(env.scheduler.attempts('default', 'p')).toEqual([]); // not recorded yet
    env.scheduler.step(); // score
    env.scheduler.step(); // reserve
    env.scheduler.step(); // bind
    expect(env.scheduler.cycleVerdicts()?.feasible).toEqual(['big']);
    env.scheduler.step(); // idle
    expect(env.scheduler.cycleVerdicts()).toBeUndefined();
  });

  it('says when no node fits (postFilter)', () => {
    const env = testEnv();
    addNode(env.api, { name: 'n1', cpu: '500m' });
    env.scheduler.setStepping(true);
    addPod(env.api, 'huge', { cpu: '1' });
    settle(env);
    env.scheduler.step();
    env.scheduler.step();
    env.scheduler.step();
    expect(env.scheduler.state).toBe('postFilter');
    expect(env.scheduler.cycleVerdicts()).toMatchObject({ feasible: [], rejected: [{ node: 'n1', reasons: ['Insufficient cpu'] }] });
  });
});
