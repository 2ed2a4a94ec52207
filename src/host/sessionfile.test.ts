import { describe, expect, it } from 'vitest';
import { checkSession, decodeSessionHash, encodeSessionHash, formatSession, LINK_PREFIX, parseSession, SessionFormatError, type SessionFile } from './sessionfile';
import { testHost } from './testhost';

function recorded(): { file: SessionFile; hash: string; h: ReturnType<typeof testHost> } {
  const h = testHost();
  h.call({ op: 'init', options: { seed: 21, paused: true } });
  h.advance(12);
  h.call({ op: 'kubectl', line: 'kubectl create deployment web --image=nginx:1.27 --replicas=2' });
  h.advance(40);
  return { file: h.call({ op: 'session' }), hash: h.hash(), h };
}

describe('session files', () => {
  it('round-trip through the file text and reproduce the session exactly', () => {
    const { file, hash } = recorded();
    const text = formatSession(file);
    expect(text.split('\n').filter((l) => l.includes('"req"'))).toHaveLength(1); // one line per input
    const again = parseSession(text);
    expect(again).toEqual(file);
    const h = testHost();
    h.call({ op: 'init', options: { session: again, paused: true } });
    expect(h.hash()).toBe(hash);
    expect(h.call({ op: 'timeline' }).marks.map((m) => m.label)).toEqual(['kubectl create deployment web --image=nginx:1.27 --replicas=2']);
  });

  it('round-trip through a link (deflate-raw + base64url in the hash)', async () => {
    const { file } = recorded();
    const hash = await encodeSessionHash(file);
    expect(hash.startsWith(LINK_PREFIX)).toBe(true);
    expect(hash).toMatch(/^#session=[A-Za-z0-9_-]+$/);
    expect(await decodeSessionHash(hash)).toEqual(file);
  });

  it.each([
    ['not JSON', '{"format": "clusterlab-session", ', /^invalid session file: not JSON/],
    ['not an object', '[1,2]', 'invalid session file: expected a JSON object'],
    ['another format', '{"format":"x"}', 'invalid session file: "format" must be "clusterlab-session"'],
  ])('refuses %s with a clear message', (_what, text, message) => {
    expect(() => parseSession(text)).toThrow(message);
  });

  it('refuses what would replay wrongly: bad versions, specs, instants, ops and requests', () => {
    const { file } = recorded();
    const bad = (patch: (f: Record<string, unknown>) => void) => {
      const f = JSON.parse(JSON.stringify(file));
      patch(f);
      try {
        checkSession(f);
      } catch (e) {
        expect(e).toBeInstanceOf(SessionFormatError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(bad((f) => (f.version = 2))).toBe('invalid session file: unsupported version 2 (this Clusterlab reads version 1)');
    expect(bad((f) => (f.seed = 'x'))).toBe('invalid session file: "seed" must be an integer');
    expect(bad((f) => ((f.spec as { pools: unknown[] }).pools = []))).toBe('invalid session file: "spec.pools" must list at least one node pool');
    expect(bad((f) => ((f.spec as { pools: { vmSize: string }[] }).pools[0].vmSize = 'Standard_X'))).toBe('invalid session file: spec.pools[0].vmSize "Standard_X" is not a known VM size');
    expect(bad((f) => ((f.journal as { at: number }[])[0].at = -5))).toMatch(/journal\[0\]\.at must be whole milliseconds/);
    expect(bad((f) => (f.journal as unknown[]).push({ at: 1, req: { op: 'apply', yaml: '' } }))).toMatch(/journal\[1\]\.at goes back in time/);
    expect(bad((f) => (f.journal as unknown[]).push({ at: 10 ** 7, req: { op: 'init', options: {} } }))).toBe('invalid session file: journal[1]: "init" is not an input that can be replayed');
    expect(bad((f) => (f.journal as unknown[]).push({ at: 10 ** 7, req: { op: 'apply' } }))).toBe('invalid session file: journal[1].req.yaml must be a string');
    expect(bad((f) => (f.now = 5))).toMatch(/"applied" counts an input after "now"/);
  });

  it('refuses a damaged link', async () => {
    await expect(decodeSessionHash('#session=not*base64')).rejects.toThrow('invalid session file: the link is damaged (not base64url)');
    await expect(decodeSessionHash('#session=AAAA')).rejects.toThrow(/the link is damaged|not JSON/);
  });

  it('loading a bad session is refused whole: the open session, its journal and state stay', () => {
    const { h, hash } = recorded();
    const before = h.call({ op: 'timeline' });
    expect(() => h.call({ op: 'load-session', session: { format: 'clusterlab-session', version: 1, seed: 1 } })).toThrow('invalid session file: "spec" must be an object');
    expect(h.hash()).toBe(hash);
    expect(h.call({ op: 'timeline' })).toEqual(before);
    const unbuildable = recorded().file;
    unbuildable.spec.serviceCidr = 'ten.zero/16';
    expect(() => h.call({ op: 'load-session', session: unbuildable })).toThrow('invalid session file: "spec.serviceCidr" must be an IPv4 CIDR such as 10.0.0.0/16');
    expect(h.hash()).toBe(hash);
    expect(h.call({ op: 'timeline' })).toEqual(before);
    // and a good one replaces it
    const other = recorded().file;
    other.seed = 22;
    h.call({ op: 'load-session', session: other });
    expect(h.hash()).not.toBe(hash);
  });
});
