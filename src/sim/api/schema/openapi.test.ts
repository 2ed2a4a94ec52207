import { describe, expect, it } from 'vitest';
import { groupVersions, RESOURCES } from '../registry';
import { allDefs, getDef, rootDefFor, schemaFor } from './defs';
import { explainField, toOpenAPIV3 } from './openapi';

function refs(x: unknown, into: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((v) => refs(v, into));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === '$ref' && typeof v === 'string') into.push(v.replace('#/components/schemas/', ''));
      else refs(v, into);
    }
  }
  return into;
}

describe('definitions', () => {
  it('every served kind has a top-level definition, and every reference resolves', () => {
    for (const r of RESOURCES) expect(rootDefFor(r), `${r.group}/${r.version} ${r.kind}`).toBeDefined();
    for (const def of allDefs()) {
      const stack = Object.values(def.props);
      while (stack.length) {
        const s = stack.pop()!;
        if (s.type === 'ref') expect(getDef(s.ref), `${def.id} -> ${s.ref}`).toBeDefined();
        if (s.type === 'array') stack.push(s.items);
        if (s.type === 'map') stack.push(s.values);
      }
    }
  });

  it('schemaFor finds kinds by apiVersion', () => {
    expect(schemaFor('Deployment', 'apps/v1')?.id).toBe('io.k8s.api.apps.v1.Deployment');
    expect(schemaFor('Event', 'v1')?.id).toBe('io.k8s.api.core.v1.Event');
    expect(schemaFor('Event', 'events.k8s.io/v1')?.id).toBe('io.k8s.api.events.v1.Event');
    expect(schemaFor('Deployment', 'extensions/v1beta1')).toBeUndefined();
  });
});

describe('toOpenAPIV3', () => {
  it.each(groupVersions().map((gv) => [gv.group || 'core', gv.group, gv.version]))('%s %s: self-contained', (_n, group, version) => {
    const doc = toOpenAPIV3(group as string, version as string);
    const schemas = doc.components.schemas;
    for (const ref of refs(schemas)) expect(schemas, ref).toHaveProperty([ref]);
  });

  it('apps/v1 has real names, group-version-kind and field docs', () => {
    const schemas = toOpenAPIV3('apps', 'v1').components.schemas as Record<string, any>;
    const dep = schemas['io.k8s.api.apps.v1.Deployment'];
    expect(dep['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(dep.properties.spec.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }]);
    const spec = schemas['io.k8s.api.apps.v1.DeploymentSpec'];
    expect(spec.required).toEqual(['selector', 'template']);
    expect(spec.properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
    const container = schemas['io.k8s.api.core.v1.Container'];
    expect(container.properties.imagePullPolicy.enum).toEqual(['Always', 'Never', 'IfNotPresent']);
    expect(container.properties.ports).toMatchObject({ type: 'array', 'x-kubernetes-patch-merge-key': 'containerPort' });
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']['x-kubernetes-int-or-string']).toBe(true);
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.labels).toMatchObject({ type: 'object', additionalProperties: { type: 'string' } });
    // Another group's kinds are not listed.
    expect(schemas['io.k8s.api.core.v1.Pod']).toBeUndefined();
  });
});

describe('explainField', () => {
  it.each([
    ['Deployment', 'spec.replicas', '<integer>', false],
    ['Deployment', 'spec.template', '<PodTemplateSpec>', true],
    ['Deployment', 'spec.template.spec.containers', '<[]Container>', true],
    ['Pod', 'spec.containers.resources.limits', '<map[string]Quantity>', false],
    ['Pod', 'spec.containers.ports.containerPort', '<integer>', true],
    ['Pod', 'metadata.labels', '<map[string]string>', false],
    ['Pod', 'metadata.creationTimestamp', '<string>', false],
    ['Service', 'spec.ports.targetPort', '<IntOrString>', false],
  ])('%s %s', (kind, path, type, required) => {
    const e = explainField(kind, path);
    expect(e).toMatchObject({ type, required });
  });

  it('lists fields and enums, like kubectl explain', () => {
    const e = explainField('Pod', 'spec.containers.imagePullPolicy');
    expect(e).toMatchObject({ enum: ['Always', 'Never', 'IfNotPresent'] });
    const c = explainField('Pod', 'spec.containers');
    if ('error' in c) throw new Error(c.error);
    expect(c.description).toMatch(/^List of containers/);
    expect(c.fields.find((f) => f.name === 'name')).toMatchObject({ type: '<string>', required: true });
    expect(c.fields.map((f) => f.name)).toContain('livenessProbe');
    const root = explainField('Deployment', '');
    expect(root).toMatchObject({ group: 'apps', version: 'v1', type: '<Deployment>' });
  });

  it('errors like kubectl for unknown fields and kinds', () => {
    expect(explainField('Pod', 'spec.foo')).toEqual({ error: 'field "foo" does not exist' });
    expect(explainField('Nope', '')).toEqual({ error: 'the server doesn\'t have a resource type "Nope"' });
  });
});
