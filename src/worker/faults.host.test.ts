// Fault injection through the worker host: the `fault` op, its errors as replies, the `faults`
// read, and the journal: a session with faults rewinds and replays to the same hash.

import { describe, expect, it } from 'vitest';
import { testHost } from '../host/testhost';

describe('SimHost fault ops', () => {
  it('injects and heals faults, reports them with the etcd members, and rejects bad ones with a clear error', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 2, paused: true } });
    const node = h.call({ op: 'list', resource: 'nodes' }).items[0].metadata.name!;
    const r = h.call({ op: 'fault', fault: { kind: 'partition', target: node, on: true } });
    expect(r.message).toBe(`${node} cut off from the control plane`);
    const f = h.call({ op: 'faults' });
    expect(f.active).toEqual([{ kind: 'partition', target: node }]);
    expect(f.etcd).toMatchObject({ size: 3, quorum: 2, up: 3, hasQuorum: true, leader: 'etcd-0' });
    const comps = h.call({ op: 'components' });
    expect(comps.find((x) => x.id === 'etcd/etcd-0')?.state).toBe('leader');
    expect(comps.find((x) => x.id === `kubelet/${node}`)?.detail?.partitioned).toBe(true);
    expect(() => h.call({ op: 'fault', fault: { kind: 'etcd-member-down', target: 'etcd-9', on: true } })).toThrow('etcd member "etcd-9" not found (members: etcd-0, etcd-1, etcd-2)');
    h.call({ op: 'fault', fault: { kind: 'etcd-quorum-loss', on: true } });
    expect(() => h.call({ op: 'apply', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' })).not.toThrow(); // per-document errors
    const applied = h.call({ op: 'apply', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
    expect(applied[0].error?.message).toBe('etcdserver: request timed out');
    // Consistent reads (no resourceVersion, as kubectl get sends) need a quorum read too.
    expect(() => h.call({ op: 'list', resource: 'nodes' })).toThrow('etcdserver: request timed out');
    h.call({ op: 'fault', fault: { kind: 'etcd-quorum-loss', on: false } });
    expect(h.call({ op: 'list', resource: 'nodes' }).items).toHaveLength(3);
  });

  it('journals faults: rewinding and replaying a session with faults gives the same hashes', () => {
    const h = testHost();
    h.call({ op: 'init', options: { seed: 4, paused: true } });
    h.advance(5);
    h.call({ op: 'fault', fault: { kind: 'etcd-member-down', target: 'leader', on: true } });
    h.advance(3);
    const tAt = h.now();
    const hashAtT = h.hash();
    const node = h.call({ op: 'list', resource: 'nodes' }).items[1].metadata.name!;
    h.call({ op: 'fault', fault: { kind: 'power-off', target: node, on: true } });
    h.advance(90);
    const end = h.hash();
    const endAt = h.now();
    const tl = h.call({ op: 'rewind', at: tAt });
    expect(tl.marks.map((m) => m.label)).toEqual(['fault etcd-member-down leader on', `fault power-off ${node} on`]);
    expect(h.hash()).toBe(hashAtT);
    h.advance((endAt - tAt) / 1000);
    expect(h.hash()).toBe(end);
  });
});
