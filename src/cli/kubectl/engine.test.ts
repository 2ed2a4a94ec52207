// The engine on its own (no real kubectl needed): the command line, the `k` alias, the in-memory
// kubeconfig shared across commands, writes reaching the simulated API server.

import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../../sim/aks/spec';
import { Cluster } from '../../sim/cluster';
import { Kubectl } from './index';

describe('headless kubectl engine', () => {
  let cluster: Cluster;
  let kubectl: Kubectl;

  beforeAll(() => {
    cluster = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 2 })] } });
    kubectl = new Kubectl({ cluster, server: 'https://clusterlab.example:443' });
  });

  it('accepts `kubectl`, the `k` alias, or bare arguments', () => {
    const a = kubectl.run('kubectl get nodes -o name');
    expect(a.exitCode).toBe(0);
    expect(a.stdout.trim().split('\n')).toHaveLength(2);
    expect(kubectl.run('k get nodes -o name')).toEqual(a);
    expect(kubectl.run('get nodes -o name')).toEqual(a);
    expect(kubectl.exec(['get', 'nodes', '-o', 'name'])).toEqual(a);
  });

  it('reports unknown commands and flags as kubectl does', () => {
    expect(kubectl.run('k gte pods')).toEqual({ stdout: '', stderr: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n', exitCode: 1 });
    expect(kubectl.run('k get pods --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n");
    expect(kubectl.run("k get 'pods").stderr).toBe("bash: unexpected EOF while looking for matching `''\n");
  });

  it('prints "No resources found" on stderr with exit code 0', () => {
    expect(kubectl.run('k get deploy')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('keeps the kubeconfig between commands (set-context --current --namespace)', () => {
    expect(kubectl.run('k config set-context --current --namespace=kube-system').stdout).toBe('Context "clusterlab" modified.\n');
    expect(kubectl.run('k get deploy -o name').stdout).toContain('deployment.apps/coredns\n');
    expect(kubectl.run('k config view --minify -o jsonpath={.contexts[0].context.namespace}').stdout).toBe('kube-system');
    kubectl.run('k config set-context --current --namespace=default');
    expect(kubectl.run('k cluster-info').stdout).toMatch(/^Kubernetes control plane is running at https:\/\/clusterlab\.example:443\n/);
  });

  it('creates through the API server, and the controllers react', () => {
    expect(kubectl.run('k create deployment web --image=nginx --replicas=2')).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', exitCode: 0 });
    cluster.advance(30);
    const pods = kubectl.run('k get pods -l app=web -o jsonpath={.items[*].status.phase}');
    expect(pods.stdout).toBe('Running Running');
    expect(kubectl.run('k get deploy web')).toMatchObject({ stdout: expect.stringMatching(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+30s\n$/), exitCode: 0 });
  });

  it('prints kubectl help pages', () => {
    expect(kubectl.run('k get -h').stdout).toMatch(/^Display one or many resources\./);
    expect(kubectl.run('k describe --help').stdout).toMatch(/^Show details of a specific resource/);
  });
});

describe('runInTerminal', () => {
  it('interleaves stdout and stderr in the order kubectl wrote them', () => {
    const cluster = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 2 })] } });
    cluster.clock.paused = true;
    const k = new Kubectl({ cluster });
    const node = k.run('get nodes -o jsonpath={.items[0].metadata.name}').stdout;
    const r = k.runInTerminal(`drain ${node} --ignore-daemonsets --dry-run=client`);
    expect(r.exitCode).toBe(0);
    // kubectl writes the DaemonSet warning (stderr) before the eviction lines (stdout).
    expect(r.output.indexOf('Warning: ignoring DaemonSet-managed Pods')).toBeGreaterThan(r.output.indexOf('cordoned'));
    expect(r.output.indexOf('Warning: ignoring DaemonSet-managed Pods')).toBeLessThan(r.output.indexOf('evicting pod'));
    expect(r.output.length).toBe(r.stdout.length + r.stderr.length);
    expect(k.runInTerminal("get pods 'oops").output).toBe('bash: unexpected EOF while looking for matching `\'\'\n');
  });
});

describe('reads while etcd has lost quorum', () => {
  it('kubectl get fails as kube-apiserver answers a quorum read, and works again once quorum is back', () => {
    const cluster = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 2 })] } });
    const k = new Kubectl({ cluster });
    cluster.faults.apply({ kind: 'etcd-quorum-loss', on: true });
    cluster.advance(5);
    expect(k.run('get pods -n kube-system')).toEqual({ stdout: '', stderr: 'Error from server: etcdserver: request timed out\n', exitCode: 1 });
    expect(k.run('get ns default').stderr).toBe('Error from server: etcdserver: request timed out\n');
    cluster.faults.apply({ kind: 'etcd-quorum-loss', on: false });
    cluster.advance(5);
    expect(k.run('get ns default -o name')).toEqual({ stdout: 'namespace/default\n', stderr: '', exitCode: 0 });
  });
});
