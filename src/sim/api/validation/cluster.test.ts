import { describe, expect, it } from 'vitest';
import { create, SUBDOMAIN_MSG, update } from './testutil';

describe('Namespace, Node, ServiceAccount, Lease', () => {
  it.each<[string, any, string[]]>([
    ['namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }, []],
    [
      'namespace finalizer',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, spec: { finalizers: ['custom'] } },
      ['spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
    ],
    ['node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'aks-nodepool1-19366578-vmss000000' } }, []],
    [
      'node taint effect',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'a', value: 'b', effect: 'NoRun' }] } },
      ['metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      'node taint needs an effect',
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { taints: [{ key: 'a' }] } },
      ['metadata.taints[0].effect: Required value'],
    ],
    ['service account name', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'Builder' } }, [`metadata.name: Invalid value: "Builder": ${SUBDOMAIN_MSG}`]],
    ['lease', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1' }, spec: { leaseDurationSeconds: 40 } }, []],
    [
      'lease duration',
      { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1' }, spec: { leaseDurationSeconds: 0 } },
      ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ],
  ])('%s', (_, o, want) => {
    expect(create(o)).toEqual(want);
  });

  it('node podCIDRs are set once', () => {
    const n = (cidrs: string[]) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { podCIDRs: cidrs } });
    expect(update(n(['10.244.0.0/24']), n([]))).toEqual([]);
    expect(update(n(['10.244.1.0/24']), n(['10.244.0.0/24']))).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });
});

describe('Event', () => {
  const ev = (extra: Record<string, any>) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.17a', namespace: 'default' }, ...extra });
  it('involved object namespace must match', () => {
    expect(create(ev({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Scheduled' }))).toEqual([]);
    expect(create(ev({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'other' } }))).toEqual([
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]);
  });
  it('new-style events need the reporting fields', () => {
    expect(create(ev({ involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, eventTime: '2025-01-01T00:00:00.000000Z' }))).toEqual([
      'reportingComponent: Required value',
      "reportingComponent: Invalid value: \"\": name part must be non-empty",
      "reportingComponent: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value',
      'action: Required value',
    ]);
  });
});

describe('PersistentVolumeClaim', () => {
  const pvc = (spec: Record<string, any>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec });
  it.each<[string, Record<string, any>, string[]]>([
    ['valid', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, []],
    ['access modes required', { resources: { requests: { storage: '1Gi' } } }, ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['storage required', { accessModes: ['ReadWriteOnce'] }, ['spec.resources[storage]: Required value']],
    [
      'unknown access mode',
      { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '1Gi' } } },
      ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ],
    ['zero storage', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }, ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
  ])('%s', (_, spec, want) => {
    expect(create(pvc(spec))).toEqual(want);
  });
});

describe('RBAC', () => {
  it('roles need verbs, api groups and resources', () => {
    expect(create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] } as any)).toEqual([]);
    expect(create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ resources: ['pods'] }] } as any)).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    ]);
  });
  it('bindings', () => {
    const rb = (roleRef: Record<string, any>, subjects: unknown[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef, subjects }) as any;
    expect(create(rb({ kind: 'ClusterRole', name: 'view' }, [{ kind: 'ServiceAccount', name: 'sa', namespace: 'default' }]))).toEqual([]);
    expect(create(rb({ kind: 'Role', name: 'view' }, [{ kind: 'ServiceAccount', name: 'sa' }, { kind: 'Robot', name: 'r' }]))).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
    expect(create({ ...rb({ kind: 'ClusterRole', name: 'view' }, []), metadata: { name: 'a/b' } })).toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  });
});
