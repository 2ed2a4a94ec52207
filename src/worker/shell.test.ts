// The worker's `shell` op: a kubectl line opens an interactive session (`debug node/... -it`),
// later lines go to it by id, and the journal replays them (rewind lands on the same state).

import { describe, expect, it } from 'vitest';
import { testHost } from '../host/testhost';


describe('SimHost shell sessions', () => {
  it('runs kubectl debug node/... -it, then node commands by session id, until exit', () => {
    const { call } = testHost();
    call({ op: 'init', options: { seed: 2, nodes: 1, paused: true } });
    call({ op: 'clock', control: { action: 'advance', seconds: 120 } });
    const node = call({ op: 'kubectl', line: 'kubectl get nodes -o name' }).stdout.trim().replace('node/', '');
    const open = call({ op: 'kubectl', line: `kubectl debug node/${node} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0` });
    expect(open.stdout).toContain(`with container debugger on node ${node}.`);
    expect(open.session?.prompt).toBe('/ # ');
    const id = open.session!.id;
    expect(call({ op: 'shell-commands', session: id })).toEqual(expect.arrayContaining(['chroot', 'ps', 'wget']));
    expect(call({ op: 'shell', session: id, line: 'chroot /host' }).session?.prompt).toBe(`root@${node}:/# `);
    expect(call({ op: 'shell-commands', session: id })).toEqual(expect.arrayContaining(['crictl', 'iptables', 'journalctl', 'systemctl']));
    expect(call({ op: 'shell', session: id, line: 'crictl ps --name debugger' }).stdout).toMatch(/Running\s+debugger\s+0/);
    expect(call({ op: 'shell', session: id, line: 'exit' }).session?.prompt).toBe('/ # ');
    expect(call({ op: 'shell', session: id, line: 'exit' })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(call({ op: 'shell', session: id, line: 'ls' })).toEqual({ stdout: '', stderr: `error: session ${id} has ended\n`, exitCode: 1 });
    expect(call({ op: 'kubectl', line: 'kubectl get pods --no-headers' }).stdout).toMatch(/^node-debugger-\S+\s+0\/1\s+Completed\s+0/);
    // The journal holds the session's lines: rebuilding from it gives the same cluster.
    const hash = call({ op: 'hash' });
    const before = call({ op: 'timeline' });
    const after = call({ op: 'rewind', at: before.start });
    expect(after.epoch).toBeGreaterThan(before.epoch);
    expect(call({ op: 'hash' })).not.toBe(hash);
    call({ op: 'clock', control: { action: 'advance', seconds: (before.now - before.start) / 1000 } });
    expect(call({ op: 'hash' })).toBe(hash);
  });
});
