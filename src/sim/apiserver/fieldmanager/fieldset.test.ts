import { describe, expect, it } from 'vitest';
import { resolveResource } from '../../api/registry';
import { FieldSet, keyPE, pathString, valuePE } from './fieldset';
import { rootType } from './typeinfo';
import { compare, merge, toFieldSet } from './walk';

const deploy = rootType(resolveResource('deployments')!);

describe('fieldsV1 encoding', () => {
  const cases: { name: string; paths: string[][]; json: unknown }[] = [
    { name: 'a leaf', paths: [['f:spec', 'f:replicas']], json: { 'f:spec': { 'f:replicas': {} } } },
    {
      name: 'a member with children gets "."',
      paths: [['f:metadata', 'f:labels'], ['f:metadata', 'f:labels', 'f:app']],
      json: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
    },
    {
      name: 'associative list keys, sorted by field name',
      paths: [['f:ports', keyPE({ protocol: 'TCP', containerPort: 80 })]],
      json: { 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': {} } },
    },
    { name: 'set values and indices', paths: [['f:finalizers', valuePE('a')], ['f:args', 'i:0']], json: { 'f:args': { 'i:0': {} }, 'f:finalizers': { 'v:"a"': {} } } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const s = FieldSet.fromPaths(c.paths);
      expect(s.toFieldsV1()).toEqual(c.json);
      expect(JSON.stringify(FieldSet.fromFieldsV1(c.json).toFieldsV1())).toBe(JSON.stringify(s.toFieldsV1()));
    });
  }

  it('orders field names before keys, "." first, as the API server writes it', () => {
    const s = FieldSet.fromPaths([['f:c', 'k:{"name":"b"}'], ['f:c', 'k:{"name":"a"}'], ['f:c'], ['f:b'], ['f:a']]);
    expect(JSON.stringify(s.toFieldsV1())).toBe('{"f:a":{},"f:b":{},"f:c":{".":{},"k:{\\"name\\":\\"a\\"}":{},"k:{\\"name\\":\\"b\\"}":{}}}');
  });

  it.each([
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'], '.spec.containers[name="nginx"].image'],
    [['f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'], '.ports[containerPort=80,protocol="TCP"]'],
    [['f:finalizers', 'v:"x"'], '.finalizers[="x"]'],
    [['f:metadata', 'f:labels', 'f:app.kubernetes.io/name'], '.metadata.labels.app.kubernetes.io/name'],
  ])('path %j prints as %s', (p, s) => expect(pathString(p)).toBe(s));

  it('set algebra', () => {
    const a = FieldSet.fromPaths([['f:a'], ['f:b', 'f:c'], ['f:b', 'f:d']]);
    const b = FieldSet.fromPaths([['f:b', 'f:c'], ['f:e']]);
    expect(a.difference(b).paths()).toEqual([['f:a'], ['f:b', 'f:d']]);
    expect(a.intersection(b).paths()).toEqual([['f:b', 'f:c']]);
    expect(a.union(b).paths()).toHaveLength(4);
    expect(a.recursiveDifference(FieldSet.fromPaths([['f:b']])).paths()).toEqual([['f:a']]);
  });
});

describe('typed walks', () => {
  const config = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      },
    },
  };

  it('ToFieldSet: atomic selector, keyed containers, defaulted port key, no "." on labels', () => {
    const s = toFieldSet(config, deploy);
    const v1 = s.toFieldsV1() as any;
    expect(v1['f:spec']['f:selector']).toEqual({});
    expect(v1['f:metadata']['f:labels']).toEqual({ 'f:app': {} });
    expect(v1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['f:ports']).toEqual({
      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
    });
  });

  it('ToFieldSet reports undeclared fields and missing keys like SMD', () => {
    const errs: string[] = [];
    toFieldSet({ spec: { foo: 1, template: { spec: { containers: [{ image: 'x' }] } } } }, deploy, errs);
    expect(errs).toEqual([
      '.spec.foo: field not declared in schema',
      '.spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    ]);
  });

  it('Compare and Merge treat containers as a map keyed by name', () => {
    const live = { spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } } };
    const cfg = { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] } } } };
    const m = merge(live, cfg, deploy) as any;
    expect(m.spec.template.spec.containers).toEqual([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }]);
    const c = compare(live, m, deploy);
    expect(c.modified.paths().map(pathString)).toEqual(['.spec.template.spec.containers[name="b"].image']);
    expect(c.added.paths().map(pathString)).toEqual([
      '.spec.template.spec.containers[name="c"]',
      '.spec.template.spec.containers[name="c"].image',
      '.spec.template.spec.containers[name="c"].name',
    ]);
    expect(c.removed.empty()).toBe(true);
  });
});
