import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { KubeObject, Pod } from '../api/types';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { ApiServer, type WatchEvent } from './apiserver';
import { bootstrapApiServer } from './bootstrap';

let clock: Clock;
let api: ApiServer;

beforeEach(() => {
  clock = new Clock();
  api = new ApiServer({ clock, random: new Random(1), trace: new Trace(), freezeObjects: true });
  bootstrapApiServer(api, { kubernetesServiceIP: '10.0.0.1', apiServerIP: '20.1.2.3' });
  api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
});

const nginx = (name = 'web'): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('ApiServer create', () => {
  it('sets server-owned metadata and applies defaults and admission', () => {
    const pod = api.create<Pod>('pods', nginx());
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pod.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(Number(pod.metadata.resourceVersion)).toBe(api.store.revision);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.spec.restartPolicy).toBe('Always');
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    expect(pod.spec.volumes?.[0].name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(pod.spec.tolerations?.map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:300',
      'node.kubernetes.io/unreachable:NoExecute:300',
    ]);
    expect(Object.isFrozen(pod)).toBe(true);
  });

  it('names objects from generateName', () => {
    const pod = api.create('pods', { ...nginx(), metadata: { generateName: 'web-' } });
    expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('answers with the real errors', () => {
    api.create('pods', nginx());
    expect(errorOf(() => api.create('pods', nginx())).status).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'pods "web" already exists' });
    expect(errorOf(() => api.create('pods', nginx(), { namespace: 'nope' })).message).toBe('namespaces "nope" not found');
    const bad = errorOf(() => api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    }));
    expect(bad.code).toBe(422);
    expect(bad.message).toBe('Deployment.apps "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`');
    expect(bad.status.details?.causes?.[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels' });
    const strict = errorOf(() => api.create('pods', { ...nginx('x'), spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolcy: 'Always' }] } }, { decode: true, fieldValidation: 'Strict' }));
    expect(strict.code).toBe(400);
    expect(strict.message).toContain('strict decoding error: unknown field "spec.containers[0].imagePullPolcy"');
    expect(errorOf(() => api.create('pods', { ...nginx('y'), spec: { ...nginx().spec, serviceAccountName: 'robot' } })).message).toBe(
      'pods "y" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });

  it('allocates Service cluster IPs and node ports', () => {
    const svc = api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(svc.spec.clusterIP).toMatch(/^10\.0\.\d+\.\d+$/);
    expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 80, protocol: 'TCP' });
    expect(svc.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    const taken = errorOf(() => api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 't' }, spec: { clusterIP: '10.0.0.1', ports: [{ port: 80 }] } }));
    expect(taken.message).toContain('failed to allocate IP 10.0.0.1: provided IP is already allocated');
  });
});

describe('ApiServer update, patch and delete', () => {
  it('rejects stale writes with 409 Conflict and skips no-op writes', () => {
    const cm = api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
    const v2 = api.update('configmaps', { ...cm, data: { a: '2' } });
    expect(v2.metadata.resourceVersion).not.toBe(cm.metadata.resourceVersion);
    const stale = errorOf(() => api.update('configmaps', { ...cm, data: { a: '3' } }));
    expect(stale.status).toMatchObject({ code: 409, reason: 'Conflict' });
    expect(stale.message).toBe('Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again');
    const rev = api.store.revision;
    expect(api.update('configmaps', { ...v2 })).toBe(v2);
    expect(api.store.revision).toBe(rev);
  });

  it('bumps generation on spec changes only, and keeps status on the main resource', () => {
    const d = api.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    expect(d.metadata.generation).toBe(1);
    const withStatus = api.updateStatus('deployments', { ...d, status: { replicas: 1 } });
    expect(withStatus.metadata.generation).toBe(1);
    const scaled = api.patch('deployments', 'default', 'd', 'merge', { spec: { replicas: 3 }, status: { replicas: 99 } });
    expect(scaled.metadata.generation).toBe(2);
    expect(scaled.status.replicas).toBe(1);
    const scale = api.getScale('deployments', 'default', 'd');
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 3 }, status: { replicas: 1, selector: 'app=a' } });
    const strategic = api.patch('deployments', 'default', 'd', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } });
    expect(strategic.spec.template.spec.containers[0]).toMatchObject({ name: 'c', image: 'nginx:1.27', terminationMessagePath: '/dev/termination-log' });
  });

  it('deletes scheduled pods gracefully and unscheduled ones at once', () => {
    api.create('pods', nginx('a'));
    api.create('pods', nginx('b'));
    api.bind('default', 'b', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b' }, target: { kind: 'Node', name: 'n1' } });
    expect(api.get<Pod>('pods', 'default', 'b').status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'True' });
    expect(errorOf(() => api.bind('default', 'b', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b' }, target: { name: 'n2' } })).message).toBe(
      'Operation cannot be fulfilled on pods/binding "b": pod b is already assigned to node "n1"',
    );
    api.delete('pods', 'default', 'a');
    expect(api.tryGet('pods', 'default', 'a')).toBeUndefined();
    const b = api.delete('pods', 'default', 'b');
    expect(b.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(b.metadata.deletionTimestamp).toBe('2025-01-01T00:00:30Z');
    api.delete('pods', 'default', 'b', { gracePeriodSeconds: 0, preconditions: { uid: b.metadata.uid } });
    expect(api.tryGet('pods', 'default', 'b')).toBeUndefined();
  });

  it('keeps objects with finalizers until they are removed, and protects system namespaces', () => {
    api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f', finalizers: ['example.com/hold'] } });
    const deleting = api.delete('configmaps', 'default', 'f');
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    api.patch('configmaps', 'default', 'f', 'merge', { metadata: { finalizers: null } });
    expect(api.tryGet('configmaps', 'default', 'f')).toBeUndefined();
    expect(errorOf(() => api.delete('namespaces', undefined, 'kube-system')).message).toBe('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });

  it('terminates namespaces until the namespace controller finalizes them', () => {
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const ns = api.delete('namespaces', undefined, 'team');
    expect(ns.status.phase).toBe('Terminating');
    expect(errorOf(() => api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { namespace: 'team' })).message).toBe(
      'configmaps "x" is forbidden: unable to create new content in namespace team because it is being terminated',
    );
    api.finalizeNamespace('team', []);
    expect(api.tryGet('namespaces', undefined, 'team')).toBeUndefined();
  });
});

describe('ApiServer list and watch', () => {
  it('filters by label and field selectors', () => {
    api.create('pods', nginx('a'));
    api.create('pods', { ...nginx('b'), metadata: { name: 'b', labels: { app: 'db' } } });
    expect(api.list('pods', { namespace: 'default', labelSelector: 'app=web' }).items.map((p) => p.metadata.name)).toEqual(['a']);
    expect(api.list('pods', { fieldSelector: 'metadata.name=b' }).items.map((p) => p.metadata.name)).toEqual(['b']);
    expect(errorOf(() => api.list('pods', { fieldSelector: 'spec.bogus=1' })).message).toBe('field label not supported: spec.bogus');
  });

  it('watches from now with initial ADDED events, from a revision with replay, and expires old revisions', () => {
    api.create('pods', nginx('a'));
    const fromNow: string[] = [];
    api.watch('pods', { namespace: 'default' }, (e) => fromNow.push(`${e.type} ${e.object.metadata.name}`));
    const rv = api.store.revision;
    api.create('pods', nginx('b'));
    const fromRv: string[] = [];
    api.watch('pods', { resourceVersion: String(rv) }, (e) => fromRv.push(`${e.type} ${e.object.metadata.name}`));
    clock.runUntilIdle();
    expect(fromNow).toEqual(['ADDED a', 'ADDED b']);
    expect(fromRv).toEqual(['ADDED b']);

    // A label change moves an object in and out of a selected watch.
    const selected: string[] = [];
    api.watch('pods', { labelSelector: 'tier=front', resourceVersion: String(api.store.revision) }, (e) => selected.push(`${e.type} ${e.object.metadata.name}`));
    api.patch('pods', 'default', 'a', 'merge', { metadata: { labels: { tier: 'front' } } });
    api.patch('pods', 'default', 'a', 'merge', { metadata: { labels: { tier: null } } });
    clock.runUntilIdle();
    expect(selected).toEqual(['ADDED a', 'DELETED a']);

    const small = new ApiServer({ clock, random: new Random(2), trace: new Trace(), historySize: 3 });
    bootstrapApiServer(small, { kubernetesServiceIP: '10.0.0.1', apiServerIP: '20.1.2.3' });
    const errors: WatchEvent[] = [];
    small.watch('namespaces', { resourceVersion: '1' }, (e) => errors.push(e));
    clock.runUntilIdle();
    expect(errors[0].type).toBe('ERROR');
    expect(errors[0].object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
  });
});
