// The HTTP layer without kubectl: discovery, OpenAPI, Tables, watch, warnings, protobuf, the clock endpoint.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../sim/aks/spec';
import { Cluster } from '../sim/cluster';
import { ClusterServer } from './server';

let server: ClusterServer;
let cluster: Cluster;
let base: string;

beforeAll(async () => {
  cluster = new Cluster({ seed: 3, spec: { pools: [defaultPool({ count: 2 })] } });
  server = new ClusterServer(cluster, { driveClock: false });
  base = `http://127.0.0.1:${await server.listen(0)}`;
});
afterAll(() => server.close());

const AGG = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** Protobuf varint-length-delimited field. */
function ld(no: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const len: number[] = [];
  let n = body.length;
  do {
    len.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n >>>= 7;
  } while (n > 0);
  return Buffer.concat([Buffer.from([(no << 3) | 2, ...len]), body]);
}
function unknown(apiVersion: string, kind: string, raw: Buffer): Buffer {
  return Buffer.concat([Buffer.from('k8s\0', 'binary'), ld(1, Buffer.concat([ld(1, apiVersion), ld(2, kind)])), ld(2, raw)]);
}

describe('discovery', () => {
  it('/version reports the cluster version', async () => {
    const v = await (await fetch(`${base}/version`)).json();
    expect(v).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.7', platform: 'linux/amd64' });
  });

  it('aggregated discovery echoes the Content-Type and lists shortNames, categories, subresources', async () => {
    const r = await fetch(`${base}/api`, { headers: { Accept: AGG } });
    expect(r.headers.get('content-type')).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body = await r.json();
    const pods = body.items[0].versions[0].resources.find((x: { resource: string }) => x.resource === 'pods');
    expect(pods).toMatchObject({ scope: 'Namespaced', shortNames: ['po'], categories: ['all'], responseKind: { kind: 'Pod' } });
    expect(pods.subresources).toContainEqual({ subresource: 'eviction', responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] });
    const apis = await (await fetch(`${base}/apis`, { headers: { Accept: AGG } })).json();
    expect(apis.items.map((g: { metadata: { name: string } }) => g.metadata.name)).toContain('apps');
  });

  it('legacy discovery', async () => {
    expect(await (await fetch(`${base}/api`)).json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = await (await fetch(`${base}/apis`)).json();
    expect(groups.groups.find((g: { name: string }) => g.name === 'apps')).toMatchObject({ preferredVersion: { groupVersion: 'apps/v1' } });
    const list = await (await fetch(`${base}/apis/apps/v1`)).json();
    expect(list.resources).toContainEqual({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  });

  it('OpenAPI v3: index, and PATCH operations with GVK and fieldValidation', async () => {
    const index = await (await fetch(`${base}/openapi/v3`)).json();
    const url = index.paths['apis/apps/v1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]+$/);
    const doc = await (await fetch(base + url)).json();
    const op = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(op['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(op.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    expect(doc.components.schemas['io.k8s.api.apps.v1.Deployment']).toBeDefined();
    expect((await fetch(`${base}/openapi/v3/api/v1`)).status).toBe(200);
  });
});

describe('reads', () => {
  it('answers a Table when asked, with PartialObjectMetadata rows', async () => {
    const r = await fetch(`${base}/api/v1/nodes`, { headers: { Accept: TABLE } });
    const t = await r.json();
    expect(t).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(t.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(t.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect(t.rows[0].object.kind).toBe('PartialObjectMetadata');
    const full = await (await fetch(`${base}/api/v1/nodes?includeObject=Object`, { headers: { Accept: TABLE } })).json();
    expect(full.rows[0].object.kind).toBe('Node');
  });

  it('watch replays after a resourceVersion and streams new events', async () => {
    const rv = (await (await fetch(`${base}/api/v1/namespaces/default/configmaps`)).json()).metadata.resourceVersion;
    const ctl = new AbortController();
    const r = await fetch(`${base}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, { signal: ctl.signal });
    expect(r.status).toBe(200);
    await fetch(`${base}/api/v1/namespaces/default/configmaps`, { method: 'POST', body: JSON.stringify({ metadata: { name: 'w1' } }), headers: { 'Content-Type': 'application/json' } });
    const reader = r.body!.getReader();
    const { value } = await reader.read();
    const ev = JSON.parse(new TextDecoder().decode(value).split('\n')[0]);
    expect(ev).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'w1' } } });
    ctl.abort();
  });

  it('watch from a compacted resourceVersion gets a 410 ERROR event', async () => {
    // Churn past the store's kept history (10,000 changes), straight through the store for speed.
    for (let i = 0; i < 5100; i++) {
      cluster.api.store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `churn-${i}`, namespace: 'default' } });
      cluster.api.store.delete('configmaps', 'default', `churn-${i}`);
    }
    const text = await (await fetch(`${base}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1`)).text();
    expect(JSON.parse(text.trim())).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });
});

describe('writes', () => {
  it('fieldValidation=Warn sends Warning headers', async () => {
    const r = await fetch(`${base}/api/v1/namespaces/default/configmaps?fieldValidation=Warn`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ metadata: { name: 'warn' }, bogus: 1 }) });
    expect(r.status).toBe(201);
    expect(r.headers.get('warning')).toBe('299 - "unknown field \\"bogus\\""');
  });

  it('decodes protobuf bodies; unknown protobuf kinds get 415', async () => {
    const meta = ld(1, ld(1, 'pb'));
    const data = ld(2, Buffer.concat([ld(1, 'k'), ld(2, 'v')]));
    const r = await fetch(`${base}/api/v1/namespaces/default/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: new Uint8Array(unknown('v1', 'ConfigMap', Buffer.concat([meta, data]))) });
    expect(r.status).toBe(201);
    expect(await r.json()).toMatchObject({ metadata: { name: 'pb', namespace: 'default' }, data: { k: 'v' } });
    const bad = await fetch(`${base}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: new Uint8Array(unknown('v1', 'Pod', meta)) });
    expect(bad.status).toBe(415);
    expect((await bad.json()).message).toContain('accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');
  });

  it('scale subresource answers an autoscaling/v1 Scale', async () => {
    const s = await (await fetch(`${base}/apis/apps/v1/namespaces/kube-system/deployments/coredns/scale`)).json();
    expect(s).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 } });
    expect(s.status.selector).toContain('k8s-app=kube-dns');
  });
});

describe('clock endpoint', () => {
  it('reads, pauses, advances, sets speed, resumes', async () => {
    const post = (body: unknown) => fetch(`${base}/clusterlab/v1/clock`, { method: 'POST', body: JSON.stringify(body) }).then(async (r) => ({ code: r.status, body: await r.json() }));
    const now = (await (await fetch(`${base}/clusterlab/v1/clock`)).json()).nowMs;
    expect((await post({ action: 'pause' })).body.paused).toBe(true);
    expect((await post({ action: 'advance', seconds: 30 })).body.nowMs).toBe(now + 30_000);
    expect((await post({ speed: 10 })).body.speed).toBe(10);
    expect((await post({ action: 'resume' })).body.paused).toBe(false);
    expect((await post({ action: 'rewind' })).code).toBe(400);
  });
});

describe('etcd quorum loss', () => {
  it('fails quorum reads and writes with etcd\'s timeout; resourceVersion=0 reads come from the cache', async () => {
    cluster.faults.apply({ kind: 'etcd-quorum-loss', on: true });
    cluster.advance(5);
    try {
      const list = await fetch(`${base}/api/v1/namespaces/kube-system/pods`);
      expect(list.status).toBe(500);
      expect((await list.json()).message).toBe('etcdserver: request timed out');
      expect((await fetch(`${base}/api/v1/namespaces/default`)).status).toBe(500);
      const cached = await fetch(`${base}/api/v1/namespaces/kube-system/pods?resourceVersion=0`);
      expect(cached.status).toBe(200);
      expect((await cached.json()).items.length).toBeGreaterThan(0);
    } finally {
      cluster.faults.apply({ kind: 'etcd-quorum-loss', on: false });
      cluster.advance(5);
    }
    expect((await fetch(`${base}/api/v1/namespaces/default`)).status).toBe(200);
  });
});
