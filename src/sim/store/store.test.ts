import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import type { KubeObject } from '../api/types';
import { CompactedError, Store, type StoreEvent } from './store';

const pod = (name: string, nodeName?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName } });

function setup(historySize?: number) {
  const clock = new Clock();
  const store = new Store({ defer: (fn) => clock.defer(fn), historySize });
  return { clock, store };
}

describe('Store', () => {
  it('gives every write the next global revision as resourceVersion', () => {
    const { store } = setup();
    store.create('pods', pod('a'));
    store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } });
    const b = store.create('pods', pod('b'));
    expect(b.metadata.resourceVersion).toBe('3');
    expect(store.list('pods').map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(Store.key('pods', 'default', 'a')).toBe('/registry/pods/default/a');
  });

  it('delivers watch events after the writing task, in order, and replays from a revision', () => {
    const { clock, store } = setup();
    store.create('pods', pod('a'));
    const seen: string[] = [];
    store.watch({ resource: 'pods', afterRevision: 0 }, (e) => seen.push(`${e.type} ${e.object.metadata.name} ${e.revision}`));
    store.update('pods', pod('a', 'n1'));
    store.delete('pods', 'default', 'a');
    expect(seen).toEqual([]);
    clock.runUntilIdle();
    expect(seen).toEqual(['ADDED a 1', 'MODIFIED a 2', 'DELETED a 3']);
  });

  it('indexes pod watches by node name', () => {
    const { clock, store } = setup();
    const onNode: StoreEvent[] = [];
    store.watch({ resource: 'pods', afterRevision: 0, nodeName: 'n1' }, (e) => onNode.push(e));
    store.create('pods', pod('a'));
    store.update('pods', pod('a', 'n1'));
    store.create('pods', pod('b', 'n2'));
    store.update('pods', pod('a', 'n3'));
    clock.runUntilIdle();
    expect(onNode.map((e) => `${e.type} ${e.object.spec.nodeName}`)).toEqual(['MODIFIED n1', 'MODIFIED n3']);
  });

  it('refuses watches older than the kept history (410 Expired upstream)', () => {
    const { store } = setup(2);
    for (const n of ['a', 'b', 'c', 'd']) store.create('pods', pod(n));
    expect(() => store.watch({ resource: 'pods', afterRevision: 1 }, () => undefined)).toThrow(CompactedError);
    expect(() => store.watch({ resource: 'pods', afterRevision: 2 }, () => undefined)).not.toThrow();
  });
});
