import { describe, expect, it } from 'vitest';
import { testCluster } from '../sim/testing/cluster';
import { applyManifests, deleteManifests, fieldPath } from './manifests';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
`;

describe('fieldPath', () => {
  it.each([
    ['spec.replicas', ['spec', 'replicas']],
    ['spec.template.spec.containers[0].image', ['spec', 'template', 'spec', 'containers', 0, 'image']],
    ['.spec.ports[1]', ['spec', 'ports', 1]],
    ['metadata.labels[app.kubernetes.io/name]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ['.spec.containers[name="c"].bogus', ['spec', 'containers', { key: 'name', value: 'c' }, 'bogus']],
  ])('%s', (field, want) => expect(fieldPath(field)).toEqual(want));
});

describe('applyManifests', () => {
  it('creates, then reports unchanged and configured, like kubectl', () => {
    const c = testCluster();
    expect(applyManifests(c.api, DEPLOYMENT)).toEqual([{ doc: 0, line: 1, ref: 'deployment.apps/web', outcome: 'created' }]);
    expect(applyManifests(c.api, DEPLOYMENT)[0].outcome).toBe('unchanged');
    expect(applyManifests(c.api, DEPLOYMENT.replace('replicas: 2', 'replicas: 3'))[0].outcome).toBe('configured');
    expect(c.api.get('deployments', 'default', 'web').spec.replicas).toBe(3);
  });

  it('dry run changes nothing', () => {
    const c = testCluster();
    const [r] = applyManifests(c.api, DEPLOYMENT, { dryRun: true });
    expect(r.outcome).toBe('created (server dry run)');
    expect(c.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
  });

  it('points each failing document at the line of its error; the others still apply', () => {
    const c = testCluster();
    const yaml = `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    protocol: TCPX
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: "x"
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: nginx
    bogus: 1
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
    const r = applyManifests(c.api, yaml);
    expect(r.map((x) => x.outcome ?? 'error')).toEqual(['created', 'error', 'error', 'error', 'error']);
    const lines = yaml.split('\n');
    const at = (i: number) => lines[r[i].error!.line - 1];
    expect(r[1].error!.message).toContain('spec.ports[0].protocol: Unsupported value: "TCPX"');
    expect(at(1)).toContain('protocol: TCPX');
    expect(r[2].error!.message).toContain('cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(at(2)).toContain('replicas: "x"');
    // What kube-apiserver's server-side apply answers for an unknown field.
    expect(r[3].error!.message).toBe('failed to create typed patch object (default/p; /v1, Kind=Pod): .spec.containers[name="c"].bogus: field not declared in schema');
    expect(at(3)).toContain('bogus: 1');
    expect(r[4].error!.message).toBe('no matches for kind "Widget" in version "example.com/v1"');
    expect(at(4)).toContain('kind: Widget');
  });

  it('reports YAML syntax errors at their line and skips empty documents', () => {
    const c = testCluster();
    const r = applyManifests(c.api, '---\n# nothing\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n');
    expect(r).toHaveLength(1);
    expect(r[0].error!.message).toMatch(/^error converting YAML to JSON: yaml: line \d+/);
    expect(r[0].error!.line).toBeGreaterThanOrEqual(9);
  });

  it('rejects documents without kind or name', () => {
    const c = testCluster();
    const r = applyManifests(c.api, 'apiVersion: v1\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n');
    expect(r[0].error!.message).toBe('error validating data: [kind not set]');
    expect(r[1].error!.message).toBe('resource name may not be empty');
  });
});

it('finds fields that Go decode errors name without list indices', () => {
  const c = testCluster();
  const yaml = DEPLOYMENT.replace('      - name: nginx\n', '      - name: sidecar\n        image: busybox\n      - name: nginx\n        ports: [{containerPort: "eighty"}]\n');
  const [r] = applyManifests(c.api, yaml);
  expect(r.error!.message).toContain('Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32');
  expect(yaml.split('\n')[r.error!.line - 1]).toContain('eighty');
});

describe('deleteManifests', () => {
  it('deletes what the documents name and reports what is not there', () => {
    const c = testCluster();
    applyManifests(c.api, DEPLOYMENT);
    expect(deleteManifests(c.api, DEPLOYMENT)[0].outcome).toBe('deleted');
    c.advance(1);
    expect(c.api.tryGet('deployments', 'default', 'web')).toBeUndefined();
    expect(deleteManifests(c.api, DEPLOYMENT)[0].error!.message).toBe('deployments.apps "web" not found');
  });
});
