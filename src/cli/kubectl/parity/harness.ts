// The parity harness: a list of command lines runs through this engine and through the real
// kubectl v1.32 (the `kubectl.1.32` client installed next to the `kubectl` dispatcher), and their
// stdout, stderr and exit codes must be identical byte for byte.
//
// Two identical seeded clusters with the clock paused: A is served over HTTP by ClusterServer to
// the real kubectl, B is driven by this engine in process. Every line runs on both, so writes
// happen on both; `@advance N` moves both clocks. At the end both clusters must hash the same:
// the engine wrote exactly what kubectl wrote. AGE columns come from the API server's printers on
// both sides (server-side tables), so a paused clock makes them equal.
//
// The real binary is called through a symlink named `kubectl`, because kubectl puts its own file
// name in some messages. Skipped, with a message, when kubectl 1.32 is not installed.
//
// Each *.parity.test.ts file calls parityTest() with its own lines on its own pair of clusters.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { writeKubeconfig } from '../../../server/kubeconfig';
import { ClusterServer } from '../../../server/server';
import { Kubectl, type KubectlResult } from '../index';
import { splitWords } from '../shellwords';
import { findKubectl } from '../../../server/realkubectl';

export interface ParitySuite {
  /**
   * One command line per line; blank lines and `#` comments are skipped; `@advance N` runs both
   * clusters N seconds. Lines cannot feed stdin: use files for `-f`.
   */
  lines: string;
  /** Files `-f` reads: written to the real kubectl's working directory and given to the engine. */
  files?: Record<string, string>;
  /** Lines whose output differs on purpose, with the reason. Only their exit codes are compared. */
  differences?: Record<string, string>;
  /** At least this many command lines (not counting @advance). */
  minLines?: number;
}

const KUBECTL = findKubectl();
if (!KUBECTL) console.warn('kubectl parity tests: SKIPPED: no kubectl.1.32 next to the `kubectl` dispatcher on PATH');

export function parseLines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
}

function seededCluster(): Cluster {
  const c = new Cluster({ seed: 7, spec: { pools: [defaultPool({ count: 3 })] } });
  c.clock.paused = true;
  return c;
}

export function parityTest(title: string, suite: ParitySuite): void {
  const LINES = parseLines(suite.lines);
  const FILES = suite.files ?? {};
  const DIFFERENCES = suite.differences ?? {};
  describe.skipIf(!KUBECTL)(`kubectl parity (${title}): the in-app engine against kubectl v1.32`, () => {
    let served: Cluster;
    let local: Cluster;
    let server: ClusterServer;
    let base: string;
    let dir: string;
    let bin: string;
    let env: NodeJS.ProcessEnv;
    let engine: Kubectl;

    beforeAll(async () => {
      served = seededCluster();
      local = seededCluster();
      server = new ClusterServer(served, { driveClock: false, onError: (e) => console.error('server error', e) });
      base = `http://127.0.0.1:${await server.listen(0)}`;
      dir = mkdtempSync(join(tmpdir(), 'clusterlab-parity-'));
      writeKubeconfig(join(dir, 'kubeconfig'), base);
      bin = join(dir, 'kubectl');
      symlinkSync(KUBECTL!, bin);
      for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
      env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
      engine = new Kubectl({ cluster: local, server: base, files: FILES });
    });

    afterAll(async () => {
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function real(args: string[]): Promise<KubectlResult> {
      return new Promise((done) => {
        execFile(bin, args, { env, cwd: dir, timeout: 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
          const code = error ? (error as { code?: number }).code : 0;
          done({ stdout: String(stdout), stderr: String(stderr), exitCode: typeof code === 'number' ? code : 1 });
        });
      });
    }

    it(`has at least ${suite.minLines ?? 1} command lines`, () => {
      expect(LINES.filter((l) => !l.startsWith('@')).length).toBeGreaterThanOrEqual(suite.minLines ?? 1);
    });

    for (const line of LINES) {
      if (line.startsWith('@advance ')) {
        const seconds = Number(line.split(' ')[1]);
        it(`advance both clocks ${seconds}s`, async () => {
          const r = await fetch(`${base}/clusterlab/v1/clock`, { method: 'POST', body: JSON.stringify({ action: 'advance', seconds }) });
          expect(r.status).toBe(200);
          local.advance(seconds);
          expect(local.clock.now()).toBe(served.clock.now());
        });
        continue;
      }
      it(line, async () => {
        const expected = await real(splitWords(line).slice(1));
        const actual = engine.run(line);
        if (DIFFERENCES[line]) {
          expect(actual.exitCode).toBe(expected.exitCode);
          return;
        }
        expect(actual).toEqual(expected);
      });
    }

    it('leaves both clusters in the same state (the engine wrote what kubectl wrote)', () => {
      expect(local.hash()).toBe(served.hash());
    });
  });
}
