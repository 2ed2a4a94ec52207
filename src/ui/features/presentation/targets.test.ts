import { describe, expect, it } from 'vitest';
import type { CauseLink } from '../causality/chain';
import { chainTestIds, highlightCss, testIdForSelection } from './targets';

const link = (l: Partial<CauseLink> & Pick<CauseLink, 'target' | 'actor'>): CauseLink => ({ kind: 'created', exact: true, summary: '', evidence: [], ...l });

describe('diagram targets', () => {
  it('maps selections to the diagram testids', () => {
    expect(testIdForSelection({ kind: 'object', resource: 'nodes', key: 'aks-n-0' })).toBe('node-aks-n-0');
    expect(testIdForSelection({ kind: 'object', resource: 'pods', key: 'default/web-1' })).toBe('pod-default-web-1');
    expect(testIdForSelection({ kind: 'object', resource: 'services', key: 'default/web' })).toBe('svc-default-web');
    expect(testIdForSelection({ kind: 'component', component: 'kube-scheduler' })).toBe('cp-kube-scheduler');
    expect(testIdForSelection({ kind: 'component', component: 'kubelet', node: 'n1' })).toBe('component-kubelet-n1');
    expect(testIdForSelection({ kind: 'object', resource: 'deployments', key: 'default/web' })).toBeUndefined();
    expect(testIdForSelection(undefined)).toBeUndefined();
  });

  it('lights the chain objects and the components that acted', () => {
    const ids = chainTestIds([
      link({ target: { resource: 'deployments', kind: 'Deployment', namespace: 'default', name: 'web' }, actor: 'kubectl' }),
      link({ target: { resource: 'replicasets', kind: 'ReplicaSet', namespace: 'default', name: 'web-1' }, actor: 'deployment-controller' }),
      link({ target: { resource: 'pods', kind: 'Pod', namespace: 'default', name: 'web-1-a' }, actor: 'replicaset-controller' }),
      link({ kind: 'scheduled', target: { resource: 'nodes', kind: 'Node', name: 'n1' }, actor: 'default-scheduler' }),
      link({ kind: 'started', target: { component: 'kubelet', node: 'n1' }, actor: 'kubelet' }),
    ]);
    expect(ids).toEqual(['cp-kubectl', 'cp-kube-controller-manager', 'pod-default-web-1-a', 'node-n1', 'cp-kube-scheduler', 'component-kubelet-n1']);
    expect(highlightCss(['a', 'b'], 'outline: 1px solid')).toBe('[data-testid="a"],\n[data-testid="b"] { outline: 1px solid }');
    expect(highlightCss([], 'x')).toBe('');
  });
});
