import { describe, expect, it } from 'vitest';
import { parseScript, runScript, scriptFor } from './shell';

function run(argv: string[], limit = 50) {
  const out: string[] = [];
  for (const e of runScript(scriptFor(argv), 0, { hostname: 'pod-1', env: { GREETING: 'hi' } })) {
    if (e.kind === 'line') out.push(`${e.at / 1000}:${e.text}`);
    if (e.kind === 'exit') out.push(`${e.at / 1000}:exit ${e.code}`);
    if (e.kind === 'forever') out.push(`${e.at / 1000}:forever`);
    if (e.kind === 'file') out.push(`${e.at / 1000}:${e.exists ? '+' : '-'}${e.path}`);
    if (out.length >= limit || e.kind === 'exit' || e.kind === 'forever') break;
  }
  return out;
}

describe('busybox sh', () => {
  it.each([
    [['sleep', '3600'], ['3600:exit 0']],
    [['sh', '-c', 'echo hello; sleep 10'], ['0:hello', '10:exit 0']],
    [['sh', '-c', 'echo $GREETING $HOSTNAME && exit 3'], ['0:hi pod-1', '0:exit 3']],
    [['sh', '-c', 'false || echo recovered'], ['0:recovered', '0:exit 0']],
    [['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], ['0:+/tmp/healthy', '30:-/tmp/healthy', '630:exit 0']],
    [['sh', '-c', 'for i in 1 2 3; do echo $i; done'], ['0:1', '0:2', '0:3', '0:exit 0']],
    [['sh', '-c', 'nosuchcmd'], ['0:sh: nosuchcmd: not found', '0:exit 127']],
    [['sh'], ['0:exit 0']],
    [['sh', '-c', 'sleep infinity'], ['0:forever']],
  ])('%j', (argv, want) => expect(run(argv)).toEqual(want));

  it('runs while loops lazily', () => {
    expect(run(['sh', '-c', 'while true; do date; sleep 5; done'], 3)).toEqual(['0:Thu Jan  1 00:00:00 UTC 1970', '5:Thu Jan  1 00:00:05 UTC 1970', '10:Thu Jan  1 00:00:10 UTC 1970']);
  });

  it('parses if/else', () => {
    expect(parseScript('if true; then echo a; else echo b; fi')).toHaveLength(1);
  });
});
