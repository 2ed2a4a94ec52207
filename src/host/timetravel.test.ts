import { describe, expect, it } from 'vitest';
import { Cluster } from '../sim/cluster';
import { isJournaled } from './journal';
import { testHost } from './testhost';

const WEB = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: '${image}', resources: {requests: {cpu: 300m}}}]
`;

describe('determinism the journal relies on', () => {
  it('advance(a) then advance(b) gives the same state as advance(a + b): the clock is event driven', () => {
    const one = new Cluster({ seed: 5 });
    const two = new Cluster({ seed: 5 });
    one.advance(37.25);
    one.advance(62.75);
    two.advance(100);
    expect(one.hash()).toBe(two.hash());
    // and in many small real-time-like ticks
    const three = new Cluster({ seed: 5 });
    for (let i = 0; i < 2000; i++) three.clock.advance(50);
    expect(three.hash()).toBe(two.hash());
  });

  it('watchers (the app) do not change the state: a watched session and its replay hash alike', () => {
    const live = testHost();
    live.call({ op: 'init', options: { seed: 9, paused: true } });
    for (const [i, r] of ['pods', 'nodes', 'events', 'deployments', 'replicasets'].entries()) live.call({ op: 'watch', watchId: 100 + i, resource: r });
    live.advance(3.5);
    live.call({ op: 'apply', yaml: WEB(4) });
    live.advance(40);
    const file = live.call({ op: 'session' });
    const replay = testHost();
    replay.call({ op: 'init', options: { session: file, paused: true } });
    expect(replay.hash()).toBe(live.hash());
  });
});

describe('the journal', () => {
  it('records inputs (with their instant) and not reads or time', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 2, paused: true } });
    const t0 = h.now();
    h.advance(10);
    h.call({ op: 'apply', yaml: WEB(2) });
    h.call({ op: 'list', resource: 'pods' });
    h.call({ op: 'hash' });
    h.advance(5);
    h.call({ op: 'kubectl', line: 'kubectl scale deployment web --replicas=3' });
    h.call({ op: 'clock', control: { action: 'step' } });
    const s = h.call({ op: 'session' });
    expect(s.journal.map((e) => [e.at - t0, e.req.op])).toEqual([
      [10_000, 'apply'],
      [15_000, 'kubectl'],
      [15_000, 'clock'],
    ]);
    expect(s.applied).toBe(3);
    expect(isJournaled({ op: 'clock', control: { action: 'advance', seconds: 1 } })).toBe(false);
    expect(isJournaled({ op: 'node', node: { action: 'cordon', node: 'x' } })).toBe(true);
  });

  it('an input at any instant replays identically (apply, kubectl, node actions, steps, failed inputs)', () => {
    const live = testHost();
    live.call({ op: 'init', options: { seed: 4, paused: true } });
    const node = live.call({ op: 'list', resource: 'nodes' }).items[1].metadata.name!;
    live.advance(0.001);
    live.call({ op: 'apply', yaml: WEB(5) });
    live.advance(1.234);
    live.call({ op: 'clock', control: { action: 'step' } });
    live.call({ op: 'clock', control: { action: 'step' } });
    live.call({ op: 'node', node: { action: 'cordon', node } });
    expect(() => live.call({ op: 'delete', resource: 'pods', namespace: 'default', name: 'nope' })).toThrow(/not found/);
    live.advance(17);
    live.call({ op: 'kubectl', line: 'kubectl set image deployment/web nginx=nginx:1.28' });
    live.call({ op: 'node', node: { action: 'add' } });
    live.advance(90);
    live.call({ op: 'node', node: { action: 'power-off', node } });
    live.advance(70);
    const file = live.call({ op: 'session' });
    const replay = testHost();
    replay.call({ op: 'init', options: { session: JSON.parse(JSON.stringify(file)), paused: true } });
    expect(replay.now()).toBe(live.now());
    expect(replay.hash()).toBe(live.hash());
  });
});

describe('time travel', () => {
  it('rewinds to T with the hash recorded at T, keeps the later inputs as the plan, and playing on reproduces them', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 3, paused: true } });
    h.advance(20);
    h.call({ op: 'apply', yaml: WEB(3) });
    h.advance(30);
    const tAt = h.now();
    const hashAtT = h.hash();
    h.advance(15);
    h.call({ op: 'apply', yaml: WEB(6) });
    h.advance(60);
    const endHash = h.hash();
    const endAt = h.now();

    const tl = h.call({ op: 'rewind', at: tAt });
    expect(tl.now).toBe(tAt);
    expect(h.hash()).toBe(hashAtT);
    expect(tl.marks.map((m) => m.done)).toEqual([true, false]);
    expect(tl.branch).toBe(1);
    // Running forward follows the plan: the same history, the same hash.
    h.advance((endAt - tAt) / 1000);
    expect(h.hash()).toBe(endHash);
    expect(h.call({ op: 'timeline' }).branches).toHaveLength(1);
  });

  it('a different input after a rewind forks a new branch; the old one can be switched back to', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 3, paused: true } });
    const nodes = h.call({ op: 'list', resource: 'nodes' }).items.map((n) => n.metadata.name!);
    h.call({ op: 'apply', yaml: WEB(3) });
    h.advance(30);
    const t = h.now();
    h.call({ op: 'node', node: { action: 'power-off', node: nodes[0] } });
    h.advance(120);
    const branch1Hash = h.hash();
    h.call({ op: 'rewind', at: t });
    h.call({ op: 'node', node: { action: 'cordon', node: nodes[0] } });
    h.advance(10);
    const tl = h.call({ op: 'timeline' });
    expect(tl.branch).toBe(2);
    expect(tl.branches.map((b) => [b.id, b.parent, b.inputs])).toEqual([
      [1, undefined, 2],
      [2, 1, 2],
    ]);
    expect(tl.marks.map((m) => m.label)).toEqual(['apply deployment/web', `cordon ${nodes[0]}`]);
    const node = h.call({ op: 'get', resource: 'nodes', name: nodes[0] });
    expect(node.spec?.unschedulable).toBe(true);
    const branch2Hash = h.hash();
    h.call({ op: 'branch', id: 1 });
    expect(h.hash()).toBe(branch1Hash);
    h.call({ op: 'branch', id: 2 });
    expect(h.hash()).toBe(branch2Hash);
  });

  it('resets what the app watches: one reset batch with the whole new list per watch', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 3, paused: true } });
    const t = h.now();
    h.call({ op: 'watch', watchId: 1, resource: 'pods', namespace: 'default' });
    h.call({ op: 'apply', yaml: WEB(2) });
    h.advance(30);
    h.messages.length = 0;
    h.call({ op: 'rewind', at: t });
    const resets = h.messages.filter((m) => m.type === 'watch');
    expect(resets).toEqual([{ type: 'watch', watchId: 1, reset: true, events: [] }]);
    expect(h.messages.some((m) => m.type === 'timeline' && m.timeline.epoch === 1)).toBe(true);
    // The watch goes on, on the rebuilt cluster.
    h.messages.length = 0;
    h.advance(30);
    const later = h.messages.filter((m) => m.type === 'watch');
    expect(later.length).toBeGreaterThan(0);
  });

  it('a stepped session rewinds and replays exactly', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 11, paused: true } });
    h.call({ op: 'apply', yaml: WEB(2) });
    for (let i = 0; i < 25; i++) h.call({ op: 'clock', control: { action: 'step' } });
    const t = h.now();
    const atT = h.hash();
    h.advance(45);
    h.call({ op: 'rewind', at: t, inclusive: true });
    expect(h.hash()).toBe(atT);
  });
});

describe("other helpers' inputs replay like the rest", () => {
  it('faults and scheduler step mode: rewinding to T by replay gives the hash recorded at T', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 13, paused: true } });
    const nodes = h.call({ op: 'list', resource: 'nodes' }).items.map((n) => n.metadata.name!);
    h.call({ op: 'apply', yaml: WEB(3) });
    h.advance(30);
    h.call({ op: 'fault', fault: { kind: 'partition', target: nodes[1], on: true } });
    h.advance(70);
    h.call({ op: 'scheduler', control: { stepping: true } });
    h.call({ op: 'kubectl', line: 'kubectl scale deployment web --replicas=5' });
    for (let i = 0; i < 6; i++) h.call({ op: 'scheduler', control: { action: 'step' } });
    h.advance(3);
    h.call({ op: 'fault', fault: { kind: 'stop-scheduler', on: true } });
    h.advance(20);
    const t = h.now();
    const atT = h.hash();
    h.call({ op: 'fault', fault: { kind: 'partition', target: nodes[1], on: false } });
    h.advance(60);
    const labels = h.call({ op: 'timeline' }).marks.map((m) => m.label);
    expect(labels).toContain(`fault partition ${nodes[1]} on`);
    expect(labels).toContain('scheduler step');
    h.call({ op: 'rewind', at: t });
    expect(h.hash()).toBe(atT);
  });
});

describe('what forks a branch', () => {
  it('looking and pacing (kubectl reads, clock and scheduler steps) keep the plan; a write forks without it', () => {
    const h = testHost();
    h.call({ op: 'init', options: { scenario: 'bin-packing', paused: true } });
    const planned = () => h.call({ op: 'timeline' }).marks.filter((m) => !m.done).map((m) => m.label);
    expect(planned()).toEqual(['apply deployment/web', 'apply deployment/web']);
    h.call({ op: 'kubectl', line: 'kubectl get pods -A' });
    h.call({ op: 'clock', control: { action: 'step' } }); // the plan's input is next: stepping applies it
    h.call({ op: 'clock', control: { action: 'step' } }); // then one timer
    h.call({ op: 'scheduler', control: { stepping: true } });
    h.call({ op: 'scheduler', control: { stepping: false } });
    let tl = h.call({ op: 'timeline' });
    expect(tl.branches).toHaveLength(1);
    expect(tl.marks.filter((m) => m.done).map((m) => m.label)).toEqual(['kubectl get pods -A', 'apply deployment/web', 'step', 'scheduler step mode on', 'scheduler step mode off']);
    expect(planned()).toEqual(['apply deployment/web']);
    h.advance(30);
    expect(h.call({ op: 'list', resource: 'pods', namespace: 'default' }).items).toHaveLength(3);
    h.call({ op: 'kubectl', line: 'kubectl scale deployment web --replicas=1' });
    tl = h.call({ op: 'timeline' });
    expect(tl.branch).toBe(2);
    expect(planned()).toEqual([]);
    // and each branch still replays exactly
    const hash2 = h.hash();
    h.call({ op: 'branch', id: 1 });
    h.call({ op: 'branch', id: 2 });
    expect(h.hash()).toBe(hash2);
  });
});
