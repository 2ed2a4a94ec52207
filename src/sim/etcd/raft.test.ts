import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/errors';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { ETCD_ELECTION_TIMEOUT_MS, ETCD_HEARTBEAT_MS, EtcdCluster } from './raft';

function etcd(members: 3 | 5 = 3, seed = 1) {
  const clock = new Clock({});
  const random = new Random(seed);
  return { clock, random, etcd: new EtcdCluster({ clock, random, trace: new Trace(), members }) };
}

describe('etcd Raft membership', () => {
  it('starts with a leader, term 2, a quorum of 2 of 3 (3 of 5), and draws no random number', () => {
    const { etcd: e, random } = etcd();
    const before = JSON.stringify(new Random(1).state);
    expect(JSON.stringify(random.state)).toBe(before);
    expect(e.leader).toBe('etcd-0');
    expect(e.term).toBe(2);
    expect(e.quorum).toBe(2);
    expect(e.status().members.map((m) => m.role)).toEqual(['leader', 'follower', 'follower']);
    expect(etcd(5).etcd.quorum).toBe(3);
  });

  it('a failed follower changes nothing but the quorum math', () => {
    const { etcd: e, clock } = etcd();
    e.stop('etcd-2');
    clock.advance(10_000);
    expect(e.leader).toBe('etcd-0');
    expect(e.term).toBe(2);
    expect(e.status()).toMatchObject({ up: 2, quorum: 2, hasQuorum: true });
    expect(() => e.checkWrite()).not.toThrow();
  });

  it('a failed leader is replaced by an election after the randomized election timeout', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { etcd: e, clock } = etcd(3, seed);
      clock.advance(12_345);
      e.stop('etcd-0');
      expect(e.leader).toBeUndefined();
      const t0 = clock.now();
      let elapsed = 0;
      while (!e.leader) {
        clock.advance(10);
        elapsed = clock.now() - t0;
        expect(elapsed).toBeLessThan(2 * ETCD_ELECTION_TIMEOUT_MS + 100);
      }
      // The followers' timers ran from the last heartbeat (<= 100 ms before the failure):
      // [1000, 2000) ms after it, plus a vote round trip.
      expect(elapsed).toBeGreaterThanOrEqual(ETCD_ELECTION_TIMEOUT_MS - ETCD_HEARTBEAT_MS);
      expect(['etcd-1', 'etcd-2']).toContain(e.leader);
      expect(e.term).toBe(3);
      expect(e.status().elections.at(-1)).toMatchObject({ term: 3, leader: e.leader });
    }
  });

  it('elections differ by seed but repeat exactly for the same seed', () => {
    const run = (seed: number) => {
      const { etcd: e, clock } = etcd(5, seed);
      e.stop('etcd-0');
      clock.advance(5000);
      return `${e.leader}@${e.status().elections.at(-1)!.at}`;
    };
    expect(run(7)).toBe(run(7));
    const outcomes = new Set([1, 2, 3, 4, 5, 6, 7, 8].map(run));
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('without a majority, writes fail, the leader steps down, the term does not grow (pre-vote); quorum back: a new leader', () => {
    const { etcd: e, clock } = etcd();
    e.stop('etcd-1');
    e.stop('etcd-2');
    let err: unknown;
    try {
      e.checkWrite();
    } catch (x) {
      err = x;
    }
    expect(isApiError(err)).toBe(true);
    expect((err as Error).message).toBe('etcdserver: request timed out');
    expect(e.leader).toBe('etcd-0');
    clock.advance(ETCD_ELECTION_TIMEOUT_MS + 1);
    expect(e.leader).toBeUndefined();
    clock.advance(30_000);
    expect(e.leader).toBeUndefined();
    expect(e.term).toBe(2);
    expect(e.role('etcd-0')).toBe('preCandidate');
    e.start('etcd-1');
    expect(() => e.checkWrite()).not.toThrow();
    clock.advance(2 * ETCD_ELECTION_TIMEOUT_MS + 10);
    expect(e.leader).toBeDefined();
    expect(e.term).toBe(3);
  });

  it('rejects unknown members', () => {
    expect(() => etcd().etcd.stop('etcd-9')).toThrow(/etcd member "etcd-9" not found/);
  });
});
