import { describe, expect, it } from 'vitest';
import { create, DNS1035_MSG, LABEL_MSG, pod, SUBDOMAIN_MSG, update } from './testutil';

const cm = (meta: Record<string, any>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { a: 'b' } });

describe('ObjectMeta', () => {
  it.each([
    ['valid subdomain name', cm({ name: 'app.config-1' }), []],
    ['uppercase name', cm({ name: 'Web' }), [`metadata.name: Invalid value: "Web": ${SUBDOMAIN_MSG}`]],
    ['missing name', cm({}), ['metadata.name: Required value: name or generateName is required']],
    ['generateName prefix may end with a dash', cm({ generateName: 'web-', name: 'web-x7k2p' }), []],
    ['bad generateName', cm({ generateName: 'Web-', name: 'web-x7k2p' }), [`metadata.generateName: Invalid value: "Web-": ${SUBDOMAIN_MSG}`]],
    [
      'too long name',
      cm({ name: 'a'.repeat(254) }),
      [`metadata.name: Invalid value: "${'a'.repeat(254)}": must be no more than 253 characters`],
    ],
    [
      'bad label key and value',
      cm({ name: 'x', labels: { 'app/x/y': 'ok', tier: 'bad value' } }),
      [
        "metadata.labels: Invalid value: \"app/x/y\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
        "metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    ['label value too long', cm({ name: 'x', labels: { a: 'v'.repeat(64) } }), [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`]],
    [
      'label prefix must be a subdomain',
      cm({ name: 'x', labels: { 'Example.com/a': 'b' } }),
      [`metadata.labels: Invalid value: "Example.com/a": prefix part ${SUBDOMAIN_MSG}`],
    ],
    ['annotation keys ignore case', cm({ name: 'x', annotations: { 'Example.com/Key': 'v' } }), []],
    ['annotations too big', cm({ name: 'x', annotations: { a: 'x'.repeat(256 * 1024) } }), ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    [
      'owner reference fields',
      cm({ name: 'x', ownerReferences: [{ apiVersion: '', kind: 'ReplicaSet', name: 'rs', uid: '' }] }),
      ['metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": must not be empty'],
    ],
    [
      'non-standard unqualified finalizer',
      cm({ name: 'x', finalizers: ['my-finalizer'] }),
      ['metadata.finalizers[0]: Invalid value: "my-finalizer": name is neither a standard finalizer name nor is it fully qualified'],
    ],
  ])('%s', (_, obj, want) => {
    expect(create(obj as any)).toEqual(want);
  });

  it('uses DNS-1123 labels for Namespace names and DNS-1035 labels for Service names', () => {
    expect(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).toEqual([
      'metadata.name: Invalid value: "team.a": must not contain dots',
    ]);
    expect(create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Team' } })).toEqual([`metadata.name: Invalid value: "Team": ${LABEL_MSG}`]);
    expect(create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } })).toEqual([
      `metadata.name: Invalid value: "1web": ${DNS1035_MSG}`,
    ]);
  });

  it('requires a namespace for namespaced kinds', () => {
    expect(create(pod({}, { namespace: '' }))).toEqual(['metadata.namespace: Required value']);
  });

  it('keeps identity fields immutable on update', () => {
    expect(update(cm({ name: 'x', uid: 'u2' }) as any, cm({ name: 'x', uid: 'u1' }) as any)).toEqual([
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });
});
