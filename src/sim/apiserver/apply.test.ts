import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { KubeObject } from '../api/types';
import { Clock } from '../clock';
import { Random } from '../random';
import { Trace } from '../trace';
import { ApiServer, type RequestContext } from './apiserver';
import { bootstrapApiServer } from './bootstrap';

let clock: Clock;
let api: ApiServer;

beforeEach(() => {
  clock = new Clock();
  api = new ApiServer({ clock, random: new Random(1), trace: new Trace(), freezeObjects: true });
  bootstrapApiServer(api, { kubernetesServiceIP: '10.0.0.1', apiServerIP: '20.1.2.3' });
});

const kubectl = (fieldManager: string, extra: Partial<RequestContext> & { force?: boolean } = {}) => ({
  decode: true,
  fieldValidation: 'Strict' as const,
  fieldManager,
  actor: 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9',
  warnings: [],
  ...extra,
});

/** The manifest of the Server-Side Apply docs' nginx example. */
const manifest = (replicas = 2, image = 'nginx:1.14.2', labels: Record<string, string> = { app: 'nginx' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image, ports: [{ containerPort: 80 }] }] },
    },
  },
});

const ssa = (body: unknown, manager = 'kubectl', force?: boolean) =>
  api.patch('deployments', 'default', 'nginx-deployment', 'apply', body, kubectl(manager, force === undefined ? {} : { force }));

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const fields = (o: KubeObject, manager: string) => o.metadata.managedFields!.find((e) => e.manager === manager)?.fieldsV1 as any;

describe('server-side apply', () => {
  it('creates a missing object with the managedFields a real cluster shows', () => {
    const d = ssa(manifest());
    expect(d.metadata.uid).toBeDefined();
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy.type).toBe('RollingUpdate'); // defaults still apply
    // kubectl apply --server-side of this manifest on a 1.32 cluster:
    expect(d.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2025-01-01T00:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('re-applies a changed field: new value, same single entry, newer time', () => {
    ssa(manifest(2));
    clock.advance(60_000);
    const d = ssa(manifest(3));
    expect(d.spec.replicas).toBe(3);
    expect(d.metadata.generation).toBe(2);
    expect(d.metadata.managedFields).toHaveLength(1);
    expect(d.metadata.managedFields![0].time).toBe('2025-01-01T00:01:00Z');
  });

  it('an unchanged re-apply writes nothing', () => {
    const a = ssa(manifest());
    const b = ssa(manifest());
    expect(b.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
  });

  it('removes a field the manager applied before and now omits', () => {
    ssa(manifest(2, 'nginx:1.14.2', { app: 'nginx', tier: 'web' }));
    const d = ssa(manifest(2, 'nginx:1.14.2', { app: 'nginx' }));
    expect(d.metadata.labels).toEqual({ app: 'nginx' });
    // replicas omitted: removed, then defaulted back to 1 (as on a real cluster)
    const m = manifest() as any;
    delete m.spec.replicas;
    expect(ssa(m).spec.replicas).toBe(1);
  });

  it('keeps an omitted field another manager also owns', () => {
    ssa(manifest(2, 'nginx:1.14.2', { app: 'nginx', tier: 'web' }));
    api.patch('deployments', 'default', 'nginx-deployment', 'apply', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment', labels: { tier: 'web' } } }, kubectl('other'));
    const d = ssa(manifest(2, 'nginx:1.14.2', { app: 'nginx' }));
    expect(d.metadata.labels).toEqual({ app: 'nginx', tier: 'web' });
  });

  it('conflicts with a field another manager changed, and force takes it over', () => {
    ssa(manifest(2));
    // kubectl scale-like update by another manager
    api.patch('deployments', 'default', 'nginx-deployment', 'merge', { spec: { replicas: 5 } }, kubectl('kubectl-client-side-apply'));
    const err = errorOf(() => ssa(manifest(3)));
    expect(err.code).toBe(409);
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
    // Applying the value it has now is no conflict: the field becomes shared.
    expect(ssa(manifest(5)).spec.replicas).toBe(5);
    const d = ssa(manifest(3), 'kubectl', true);
    expect(d.spec.replicas).toBe(3);
    expect(fields(d, 'kubectl-client-side-apply')).toBeUndefined();
    expect(fields(d, 'kubectl')['f:spec']['f:replicas']).toEqual({});
  });

  it('lists several conflicts by manager', () => {
    ssa(manifest(2));
    api.patch('deployments', 'default', 'nginx-deployment', 'strategic', { spec: { replicas: 5, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }, kubectl('kubectl-edit'));
    const err = errorOf(() => ssa(manifest(3, 'nginx:1.28')));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
  });

  it('merges a containers list by name with a container someone else owns', () => {
    ssa(manifest(2));
    const sidecar = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx-deployment' },
      spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox', command: ['sleep', 'infinity'] }] } } },
    };
    let d = api.patch('deployments', 'default', 'nginx-deployment', 'apply', sidecar, kubectl('sidecar-injector'));
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['nginx', 'sidecar']);
    expect(Object.keys(fields(d, 'sidecar-injector')['f:spec']['f:template']['f:spec']['f:containers'])).toEqual(['k:{"name":"sidecar"}']);
    // kubectl re-applies its manifest: the sidecar stays (not kubectl's to remove).
    d = ssa(manifest(2, 'nginx:1.15'));
    expect(d.spec.template.spec.containers.map((c: any) => `${c.name}=${c.image}`)).toEqual(['nginx=nginx:1.15', 'sidecar=busybox']);
    // kubectl may not change the sidecar's image without force.
    const m = manifest() as any;
    m.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:2' });
    expect(errorOf(() => ssa(m)).message).toBe(
      'Apply failed with 1 conflict: conflict with "sidecar-injector": .spec.template.spec.containers[name="sidecar"].image',
    );
    // The sidecar injector drops its container: it goes.
    d = api.patch('deployments', 'default', 'nginx-deployment', 'apply', { ...sidecar, spec: undefined }, kubectl('sidecar-injector'));
    expect(d.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['nginx']);
  });

  it('rejects bad requests like kube-apiserver', () => {
    expect(errorOf(() => api.patch('deployments', 'default', 'x', 'apply', manifest(), kubectl(''))).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const bad = manifest() as any;
    bad.spec.foo = 1;
    const e = errorOf(() => ssa(bad));
    expect(e.code).toBe(500);
    expect(e.message).toBe('failed to create typed patch object (default/nginx-deployment; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema');
    expect(errorOf(() => ssa({ ...manifest(), apiVersion: 'apps/v1beta1' })).message).toBe(
      'Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1',
    );
    expect(errorOf(() => ssa({ ...manifest(), metadata: { name: 'nginx-deployment', managedFields: [] } })).message).toBe('metadata.managedFields must be nil');
  });

  it('accepts a YAML body', () => {
    const d = ssa('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-deployment\ndata:\n  a: "1"\n'.replace('apiVersion: v1\nkind: ConfigMap', 'apiVersion: apps/v1\nkind: Deployment').replace('data:\n  a: "1"\n', 'spec:\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers: [{name: c, image: i}]\n'));
    expect(d.spec.template.spec.containers[0].name).toBe('c');
  });

  it('kubectl takes over fields from client-side apply whose value is still the last-applied one', () => {
    const last = manifest(2);
    const created = api.create('deployments', { ...last, metadata: { ...last.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(last) + '\n' } } }, kubectl('kubectl-client-side-apply'));
    expect(created.metadata.managedFields![0]).toMatchObject({ manager: 'kubectl-client-side-apply', operation: 'Update' });
    const d = ssa(manifest(4));
    expect(d.spec.replicas).toBe(4);
    expect(JSON.parse(d.metadata.annotations!['kubectl.kubernetes.io/last-applied-configuration']).spec.replicas).toBe(4);
  });
});

describe('managedFields on ordinary writes', () => {
  const createDeployment = () =>
    api.create(
      'deployments',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx', labels: { app: 'nginx' } },
        spec: { replicas: 1, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } }, strategy: {} },
      },
      kubectl('kubectl-create'),
    );

  it('kubectl create deployment records what a real cluster records', () => {
    const d = createDeployment();
    expect(d.metadata.managedFields).toHaveLength(1);
    expect(d.metadata.managedFields![0]).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1', time: '2025-01-01T00:00:00Z', fieldsType: 'FieldsV1' });
    const f = d.metadata.managedFields![0].fieldsV1 as any;
    expect(f['f:metadata']).toEqual({ 'f:labels': { '.': {}, 'f:app': {} } });
    expect(Object.keys(f['f:spec'])).toEqual(['f:progressDeadlineSeconds', 'f:replicas', 'f:revisionHistoryLimit', 'f:selector', 'f:strategy', 'f:template']);
    expect(f['f:spec']['f:strategy']).toEqual({ 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} });
    const c = f['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}'];
    expect(c).toMatchObject({ '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} });
    expect(f['f:status']).toBeUndefined();
  });

  it('a controller status write gets its own entry with subresource status', () => {
    const d = createDeployment();
    const c = api.client('kube-controller-manager');
    const s = c.updateStatus('deployments', { ...d, status: { observedGeneration: 1, replicas: 1 } });
    const e = s.metadata.managedFields!.find((x) => x.manager === 'kube-controller-manager')!;
    expect(e).toMatchObject({ operation: 'Update', subresource: 'status' });
    expect(e.fieldsV1).toEqual({ 'f:status': { 'f:observedGeneration': {}, 'f:replicas': {} } });
  });

  it('an update takes the fields it changes from their owner', () => {
    createDeployment();
    const d = api.patch('deployments', 'default', 'nginx', 'strategic', { spec: { replicas: 3 } }, kubectl('kubectl-scale'));
    expect(fields(d, 'kubectl-scale')).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(fields(d, 'kubectl-create')['f:spec']['f:replicas']).toBeUndefined();
  });

  it('objects only internal components wrote carry no managedFields (cheap path)', () => {
    const cm = api.client('kube-controller-manager').create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, data: { a: '1' } });
    expect(cm.metadata.managedFields).toBeUndefined();
  });

  it('a body without managedFields keeps the live ones; [{}] resets them', () => {
    const d = JSON.parse(JSON.stringify(createDeployment())) as KubeObject; // what a client sends back
    const { managedFields: _m, ...meta } = d.metadata;
    const u = api.update('deployments', { ...d, metadata: meta, spec: { ...d.spec, replicas: 2 } }, kubectl('kubectl-edit'));
    expect(u.metadata.managedFields!.map((e) => e.manager)).toEqual(['kubectl-create', 'kubectl-edit']);
    const back = JSON.parse(JSON.stringify(u)) as KubeObject;
    const r = api.update('deployments', { ...back, metadata: { ...back.metadata, managedFields: [{}] } }, kubectl('kubectl-edit'));
    expect(r.metadata.managedFields).toBeUndefined();
  });
});
