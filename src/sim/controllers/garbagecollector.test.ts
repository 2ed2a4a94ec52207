import { describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../api/types';
import { FOREGROUND_FINALIZER, GarbageCollector, garbageCollectedResources } from './garbagecollector';
import { testEnv, type TestEnv } from './testenv';

const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });

function ref(o: KubeObject, block = true): OwnerReference {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name!, uid: o.metadata.uid!, controller: true, blockOwnerDeletion: block };
}

function deployment(env: TestEnv, name: string): KubeObject {
  return env.api.create('deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: template(name) } });
}

function replicaSet(env: TestEnv, name: string, owner?: KubeObject): KubeObject {
  return env.api.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ownerReferences: owner ? [ref(owner)] : undefined },
    spec: { replicas: 2, selector: { matchLabels: { app: name.split('-')[0] } }, template: template(name.split('-')[0]) },
  });
}

function setup() {
  const env = testEnv();
  env.node('node-a');
  const gc = new GarbageCollector(env.ctx);
  env.start(gc);
  const exists = (resource: string, name: string) => env.api.tryGet(resource, 'default', name) !== undefined;
  return { env, gc, exists };
}

describe('GarbageCollector', () => {
  it('watches every deletable resource but events', () => {
    const names = garbageCollectedResources().map((r) => r.resource);
    expect(names).toEqual(expect.arrayContaining(['pods', 'replicasets', 'controllerrevisions', 'endpointslices', 'jobs', 'persistentvolumeclaims', 'nodes']));
    expect(names).not.toContain('events');
    expect(names).not.toContain('bindings');
  });

  it('Background: deleting a Deployment removes its ReplicaSet and their pods', () => {
    const { env, exists } = setup();
    const d = deployment(env, 'web');
    const rs = replicaSet(env, 'web-5d4f8c7b9', d);
    env.pod('web-5d4f8c7b9-abcde', { labels: { app: 'web' }, ownerReferences: [ref(rs)] });
    env.pod('web-5d4f8c7b9-fghij', { labels: { app: 'web' }, ownerReferences: [ref(rs)] });
    env.pod('bystander', { labels: { app: 'web' } });
    env.settle();
    env.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Background' });
    expect(exists('deployments', 'web')).toBe(false); // the owner goes first
    env.settle();
    expect(exists('replicasets', 'web-5d4f8c7b9')).toBe(false);
    expect(env.api.list('pods', { namespace: 'default' }).items.map((p) => p.metadata.name)).toEqual(['bystander']);
  });

  it('Background: keeps dependents that still have another owner, dropping the reference to the gone one', () => {
    const { env, exists } = setup();
    const a = replicaSet(env, 'a-1');
    const b = replicaSet(env, 'b-1');
    env.pod('shared', { ownerReferences: [ref(a), { ...ref(b), controller: false }] });
    env.settle();
    env.api.delete('replicasets', 'default', 'a-1');
    env.settle();
    expect(exists('pods', 'shared')).toBe(true);
    expect(env.api.get('pods', 'default', 'shared').metadata.ownerReferences!.map((r) => r.name)).toEqual(['b-1']);
  });

  it('an owner of the same name but another uid counts as gone', () => {
    const { env, exists } = setup();
    const old = replicaSet(env, 'web-1');
    env.settle();
    const oldRef = ref(old);
    env.api.delete('replicasets', 'default', 'web-1');
    replicaSet(env, 'web-1'); // a new object with the old name
    env.pod('orphan', { ownerReferences: [oldRef] });
    env.settle();
    expect(exists('pods', 'orphan')).toBe(false);
  });

  it('verifies an owner it has not seen with a live GET before deleting anything', () => {
    const { env, gc, exists } = setup();
    // The dependent reaches the collector before its owner does (the owner's watch lags).
    const rsInformer = env.ctx.informers.for('replicasets');
    rsInformer.stop();
    const rs = replicaSet(env, 'web-1');
    const pod = env.pod('early', { ownerReferences: [ref(rs)] });
    env.settle(3);
    expect(exists('pods', 'early')).toBe(true);
    rsInformer.start();
    env.settle(2);
    expect(gc.dependentsOf(rs.metadata.uid!)).toEqual([pod.metadata.uid]);
    // A dependent naming an owner that does not exist is collected.
    env.pod('dangling', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'ghost', uid: '00000000-0000-4000-8000-000000000000', controller: true }] });
    env.settle();
    expect(exists('pods', 'dangling')).toBe(false);
  });

  it('Foreground: the owner waits (with its finalizer) until blocking dependents are gone', () => {
    const { env, exists } = setup();
    const d = deployment(env, 'web');
    const rs = replicaSet(env, 'web-1', d);
    env.pod('web-1-a', { labels: { app: 'web' }, ownerReferences: [ref(rs)], node: 'node-a', ip: '10.244.0.5' });
    env.settle();
    env.api.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    env.settle();
    // The ReplicaSet is deleted in the foreground too (it has a dependent), its pod gracefully.
    const dep = env.api.get('deployments', 'default', 'web');
    expect(dep.metadata.deletionTimestamp).toBeTruthy();
    expect(dep.metadata.finalizers).toEqual([FOREGROUND_FINALIZER]);
    expect(env.api.get('replicasets', 'default', 'web-1').metadata.finalizers).toEqual([FOREGROUND_FINALIZER]);
    expect(env.api.get('pods', 'default', 'web-1-a').metadata.deletionTimestamp).toBeTruthy();
    // The kubelet finishes the pod: then the ReplicaSet, then the Deployment go.
    env.api.delete('pods', 'default', 'web-1-a', { gracePeriodSeconds: 0 });
    env.settle();
    expect(exists('replicasets', 'web-1')).toBe(false);
    expect(exists('deployments', 'web')).toBe(false);
  });

  it('Orphan: dependents lose the ownerReference and stay; the owner goes', () => {
    const { env, exists } = setup();
    const rs = replicaSet(env, 'web-1');
    env.pod('web-1-a', { labels: { app: 'web' }, ownerReferences: [ref(rs)] });
    env.pod('web-1-b', { labels: { app: 'web' }, ownerReferences: [ref(rs)] });
    env.settle();
    env.api.delete('replicasets', 'default', 'web-1', { propagationPolicy: 'Orphan' });
    expect(env.api.get('replicasets', 'default', 'web-1').metadata.finalizers).toEqual(['orphan']);
    env.settle();
    expect(exists('replicasets', 'web-1')).toBe(false);
    for (const n of ['web-1-a', 'web-1-b']) expect(env.api.get('pods', 'default', n).metadata.ownerReferences).toBeUndefined();
  });
});
