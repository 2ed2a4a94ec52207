// Nothing a user types breaks the engine: every parity command line, mangled in seeded ways (a
// word dropped, replaced or inserted, junk appended), runs against a live cluster and must answer
// as kubectl would answer bad input (an error, a usage message) rather than with an engine crash
// ("internal error") or an exception.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultPool } from '../../sim/aks/spec';
import { Cluster } from '../../sim/cluster';
import { Random } from '../../sim/random';
import { Kubectl } from './index';
import { splitWords } from './shellwords';

const PARITY_FILES = ['parity.test.ts', 'describe.parity.test.ts', 'workloads.parity.test.ts'];
const JUNK = ['-', '--', '-o', '=', '', '/', 'pods/', '-n', '--all', '-A', '-l', '%', 'x=y', '-1', '999999999999', '{', '}', "''", '--timeout=-1s', '--replicas=-3', 'a/b/c', 'node/', 'deploy/web', '--dry-run=server', '-f', 'kube-system'];

function commandLines(): string[][] {
  const out: string[][] = [];
  for (const f of PARITY_FILES) {
    for (const line of readFileSync(new URL(f, import.meta.url), 'utf8').split('\n')) {
      if (!line.startsWith('kubectl ')) continue;
      try {
        out.push(splitWords(line).slice(1));
      } catch {
        // a line the shell cannot split is tested as such in the parity files
      }
    }
  }
  return out;
}

function mangle(words: string[], r: Random): string[] {
  const w = [...words];
  const junk = () => JUNK[r.int(JUNK.length)];
  switch (r.int(4)) {
    case 0:
      if (w.length > 1) w.splice(1 + r.int(w.length - 1), 1);
      break;
    case 1:
      w.splice(r.int(w.length + 1), 0, junk());
      break;
    case 2:
      if (w.length > 1) w[1 + r.int(w.length - 1)] = junk();
      break;
    default:
      w.push(junk(), junk());
  }
  return w;
}

describe('kubectl engine robustness', () => {
  it('answers thousands of mangled command lines without crashing', () => {
    const lines = commandLines();
    expect(lines.length).toBeGreaterThan(500);
    const cluster = new Cluster({ seed: 2, spec: { pools: [defaultPool({ count: 3 })] } });
    const kubectl = new Kubectl({ cluster });
    const random = new Random(9);
    const crashes: string[] = [];
    for (let round = 0; round < 3; round++) {
      for (const words of lines) {
        const args = mangle(words, random);
        const r = kubectl.exec(args);
        if (r.stderr.includes('internal error')) crashes.push(`${JSON.stringify(args)}: ${r.stderr.trim()}`);
        cluster.advance(1);
      }
    }
    expect(crashes).toEqual([]);
  });

  it('container and node shells answer junk as a shell would, and stay open', () => {
    const cluster = new Cluster({ seed: 4, spec: { pools: [defaultPool({ count: 2 })] } });
    const kubectl = new Kubectl({ cluster });
    kubectl.run('create deployment web --image=nginx');
    cluster.advance(60);
    const pod = kubectl.run('get pods -l app=web -o jsonpath={.items[0].metadata.name}').stdout;
    const node = kubectl.run('get nodes -o jsonpath={.items[0].metadata.name}').stdout;
    const inputs = ['ls', 'ls /nope', 'cat', 'cat /etc/resolv.conf /x', 'env | grep', '|', '&&', 'curl', 'curl http://', 'curl web:99999', 'nslookup', 'nslookup ...', 'cd ..', 'echo "unterminated', "'", 'ps aux | | wc', '$(', 'crictl', 'crictl logs nope', 'iptables -t', 'systemctl status', 'journalctl -u', 'ip', 'chroot', 'chroot /nope', '', 'exit abc'];
    for (const open of [`exec -it ${pod} -- sh`, `debug node/${node} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0`]) {
      const started = kubectl.run(open);
      expect(started.session, started.stderr).toBeDefined();
      const id = started.session!.id;
      for (const line of inputs) {
        const r = kubectl.input(id, line);
        expect(r.stderr, line).not.toContain('internal error');
      }
    }
  });
});
