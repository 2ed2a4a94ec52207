import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../sim/cluster';
import { runLine } from '../terminal/shell';
import { runClusterlabCommand, type FaultCommandDeps } from './command';

// The real fault injector behind the command, as the worker runs it.
function deps(): { c: Cluster; d: FaultCommandDeps } {
  const c = new Cluster({ seed: 1, warmupSeconds: 30 });
  return {
    c,
    d: {
      fault: async (spec) => c.faults.apply(spec),
      faults: async () => ({ active: c.faults.active(), etcd: c.etcd.status() }),
    },
  };
}

describe('clusterlab fault', () => {
  it('injects and heals (on is the default), printing the simulation\'s message', async () => {
    const { c, d } = deps();
    const node = [...c.nodes.keys()][0];
    expect(await runClusterlabCommand(['fault', 'partition', node], d)).toEqual({ output: `${node} cut off from the control plane\n`, exitCode: 0 });
    expect(c.nodes.get(node)!.kubelet.partitioned).toBe(true);
    expect(await runClusterlabCommand(['fault', 'partition', node, 'off'], d)).toEqual({ output: `${node} reconnected to the control plane\n`, exitCode: 0 });
    expect((await runClusterlabCommand(['fault', 'stop-scheduler'], d)).output).toBe('kube-scheduler stopped\n');
    expect(c.scheduler.state).toBe('stopped');
  });

  it('lists the faults in force and the etcd members', async () => {
    const { d } = deps();
    await runClusterlabCommand(['fault', 'etcd-member-down', 'etcd-1'], d);
    const out = (await runClusterlabCommand(['fault', 'list'], d)).output;
    expect(out).toContain('etcd-member-down          etcd-1');
    expect(out).toContain('etcd: 2/3 members up, quorum 2, term 2, leader etcd-0');
    expect(out).toMatch(/etcd-1 +91bc3c398fb3c146 +down +2/);
  });

  it('explains usage and errors like a CLI', async () => {
    const { d } = deps();
    expect((await runClusterlabCommand(['fault', '--help'], d)).output).toContain('clusterlab fault KIND [TARGET] [on|off]');
    expect((await runClusterlabCommand(['fault', '--help'], d)).output).toContain('etcd-quorum-loss');
    expect(await runClusterlabCommand(['fault', 'meteor'], d)).toMatchObject({ exitCode: 1, output: expect.stringContaining('error: unknown fault kind "meteor"') });
    expect(await runClusterlabCommand(['fault', 'partition', 'nope'], d)).toEqual({ output: 'error: node "nope" has no VM in this cluster\n', exitCode: 1 });
    expect(await runClusterlabCommand(['fault', 'oom', 'a', 'b'], d)).toMatchObject({ exitCode: 1, output: expect.stringContaining('too many arguments') });
    expect(await runClusterlabCommand(['frobnicate'], d)).toMatchObject({ exitCode: 1, output: expect.stringContaining('unknown command "frobnicate"') });
  });

  it('is a terminal command', async () => {
    const { d } = deps();
    const r = await runLine('clusterlab fault registry-unreachable docker.io', { kubectl: async () => ({ stdout: '', stderr: '', exitCode: 0 }), history: () => [], faults: d });
    expect(r).toEqual({ output: 'docker.io unreachable from the nodes: image pulls time out\n', exitCode: 0 });
  });
});
