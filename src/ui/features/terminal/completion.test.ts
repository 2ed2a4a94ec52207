import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../../cli/kubectl';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { complete, completeCommandWord, type CompletionSource } from './completion';

// The command tree comes from the engine itself, as the terminal asks the worker for it.
const tree = new Kubectl({ cluster: new Cluster({ seed: 1, spec: { pools: [defaultPool({ count: 1 })] }, warmupSeconds: 0 }) }).commandTree();

const src: CompletionSource = {
  tree,
  names: (resource, ns) => {
    const all: Record<string, string[]> = {
      'pods/default': ['web-1', 'web-2', 'api-1'],
      'pods/kube-system': ['coredns-1'],
      'nodes/': ['aks-nodepool1-1', 'aks-nodepool1-2'],
      'deployments/default': ['web'],
    };
    if (ns === undefined) return Object.entries(all).filter(([k]) => k.startsWith(resource + '/')).flatMap(([, v]) => v);
    return all[`${resource}/${ns}`] ?? [];
  },
  namespaces: () => ['default', 'kube-system'],
};

const at = (line: string) => complete(line, line.length, src);

describe('complete', () => {
  it('completes the shell command word and kubectl commands', () => {
    expect(at('kub')).toMatchObject({ from: 0, candidates: ['kubectl'], insert: 'kubectl ' });
    expect(at('k ge').insert).toBe('get ');
    expect(at('kubectl de').candidates).toEqual(['debug', 'delete', 'describe']);
    expect(at('kubectl de').insert).toBe('de');
    expect(at('kubectl rollout st').insert).toBe('status ');
    expect(at('foo ba').candidates).toEqual([]);
  });

  it('completes resource types, then live names in the namespace asked for', () => {
    expect(at('kubectl get deploy').candidates).toEqual(['deploy', 'deployments']);
    expect(at('kubectl get pods w').candidates).toEqual(['web-1', 'web-2']);
    expect(at('kubectl get pods w').insert).toBe('web-');
    expect(at('kubectl -n kube-system get po c').insert).toBe('coredns-1 ');
    expect(at('kubectl get deploy/w').insert).toBe('deploy/web ');
    expect(at('kubectl drain aks').candidates).toEqual(['aks-nodepool1-1', 'aks-nodepool1-2']);
    expect(at('kubectl logs a').insert).toBe('api-1 ');
  });

  it('completes flags, namespaces and output formats', () => {
    expect(at('kubectl get pods --sh').candidates).toEqual(['--show-kind', '--show-labels', '--show-managed-fields']);
    expect(at('kubectl get pods --show-l').insert).toBe('--show-labels ');
    // Every flag of the command, its global flags included, per subcommand.
    expect(at('kubectl rollout undo --to').candidates).toEqual(['--to-revision', '--token']);
    expect(at('kubectl create deployment web --rep').insert).toBe('--replicas ');
    expect(at('kubectl drain x --namesp').insert).toBe('--namespace ');
    expect(at('kubectl get pods -n ').candidates).toEqual(['default', 'kube-system']);
    expect(at('kubectl get pods -o y').insert).toBe('yaml ');
  });

  it('completes debug node/ targets, and command names inside an exec or node shell', () => {
    expect(at('kubectl debug node/aks-nodepool1-').candidates).toEqual(['node/aks-nodepool1-1', 'node/aks-nodepool1-2']);
    const names = ['cat', 'crictl', 'curl', 'exit', 'iptables'];
    expect(completeCommandWord('cr', 2, names)).toMatchObject({ from: 0, candidates: ['crictl'], insert: 'crictl ' });
    expect(completeCommandWord('c', 1, names)).toMatchObject({ candidates: ['cat', 'crictl', 'curl'], insert: 'c' });
    expect(completeCommandWord('ps aux | gr', 11, [...names, 'grep'])).toMatchObject({ from: 9, insert: 'grep ' });
    expect(completeCommandWord('cat cr', 6, names).candidates).toEqual([]);
  });

  it('offers no kubectl words until the engine has sent its command tree', () => {
    const noTree = { ...src, tree: undefined };
    expect(complete('kubectl ge', 10, noTree).candidates).toEqual([]);
    expect(complete('kub', 3, noTree).insert).toBe('kubectl ');
  });

  it('completes the word at the cursor, not the end of the line', () => {
    const line = 'kubectl ge pods';
    expect(complete(line, 10, src)).toMatchObject({ from: 8, insert: 'get ' });
  });
});
