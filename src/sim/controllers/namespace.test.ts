import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types';
import { GarbageCollector } from './garbagecollector';
import { NAMESPACE_DELETION_GRACE_MS, NamespaceController } from './namespace';
import { testEnv } from './testenv';

function setup() {
  const env = testEnv();
  env.node('node-a');
  env.start(new NamespaceController(env.ctx), new GarbageCollector(env.ctx));
  env.namespace('shop');
  return env;
}

const condition = (ns: KubeObject, type: string) => (ns.status?.conditions ?? []).find((c: any) => c.type === type);

describe('NamespaceController', () => {
  it('empties a deleted namespace, then lets it go', () => {
    const env = setup();
    env.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { a: '1' } });
    env.service('cart', { selector: { app: 'cart' } }, 'shop');
    env.pod('loose', { namespace: 'shop' }); // never scheduled: goes at once
    env.api.delete('namespaces', undefined, 'shop');
    expect(env.api.get('namespaces', undefined, 'shop').status?.phase).toBe('Terminating');
    // The controller waits a little before acting on a deletion.
    env.settle(NAMESPACE_DELETION_GRACE_MS / 1000 - 1);
    expect(env.api.tryGet('configmaps', 'shop', 'settings')).toBeDefined();
    env.settle(2);
    for (const r of ['configmaps', 'services', 'pods', 'serviceaccounts']) expect(env.api.list(r, { namespace: 'shop' }).items).toEqual([]);
    expect(env.api.tryGet('namespaces', undefined, 'shop')).toBeUndefined();
  });

  it('waits for terminating pods, reporting what remains in the conditions', () => {
    const env = setup();
    env.pod('web-0', { namespace: 'shop', node: 'node-a', ip: '10.244.0.5' });
    env.pod('web-1', { namespace: 'shop', node: 'node-a', ip: '10.244.0.6' });
    env.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } });
    env.api.delete('namespaces', undefined, 'shop');
    env.settle(6);
    const ns = env.api.get('namespaces', undefined, 'shop');
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    expect(env.api.tryGet('configmaps', 'shop', 'settings')).toBeUndefined();
    expect(condition(ns, 'NamespaceContentRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods. has 2 resource instances',
    });
    expect(condition(ns, 'NamespaceDeletionDiscoveryFailure')).toMatchObject({ status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' });
    expect(condition(ns, 'NamespaceFinalizersRemaining')).toMatchObject({ status: 'False', reason: 'ContentHasNoFinalizers' });
    expect(ns.status.conditions.map((c: any) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
    // The kubelet finishes the pods.
    for (const p of ['web-0', 'web-1']) env.api.delete('pods', 'shop', p, { gracePeriodSeconds: 0 });
    env.settle(20);
    expect(env.api.tryGet('namespaces', undefined, 'shop')).toBeUndefined();
  });

  it('reports objects held by finalizers', () => {
    const env = setup();
    env.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'shop', finalizers: ['example.com/keep'] } });
    env.api.delete('namespaces', undefined, 'shop');
    env.settle(6);
    const ns = env.api.get('namespaces', undefined, 'shop');
    expect(condition(ns, 'NamespaceContentRemaining')?.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    expect(condition(ns, 'NamespaceFinalizersRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances',
    });
    const cm = env.api.get('configmaps', 'shop', 'held');
    env.api.update('configmaps', { ...cm, metadata: { ...cm.metadata, finalizers: [] } });
    env.settle(10);
    expect(env.api.tryGet('namespaces', undefined, 'shop')).toBeUndefined();
  });
});
