// apply -f from stdin (`-f -`), the three-way patch, and delete of what was applied.

import { describe, expect, it } from 'vitest';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { Kubectl } from '../index';
import { threeWayMergePatch } from '../threeway';

const CM = (value: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  a: "${value}"
${extra}`;

describe('kubectl apply', () => {
  it('creates, leaves unchanged, configures and deletes from stdin', () => {
    const cluster = new Cluster({ seed: 1, spec: { pools: [defaultPool({ count: 1 })] } });
    const k = new Kubectl({ cluster });
    expect(k.run('apply -f -', CM('1'))).toEqual({ stdout: 'configmap/c created\n', stderr: '', exitCode: 0 });
    expect(k.run('apply -f -', CM('1')).stdout).toBe('configmap/c unchanged\n');
    expect(k.run('apply -f -', CM('2', '  b: "x"\n')).stdout).toBe('configmap/c configured\n');
    const live = cluster.api.get('configmaps', 'default', 'c') as unknown as { data: Record<string, string>; metadata: { annotations: Record<string, string> } };
    expect(live.data).toEqual({ a: '2', b: 'x' });
    expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"v1","data":{"a":"2","b":"x"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"c","namespace":"default"}}\n',
    );
    // Dropping a key that the last apply set removes it.
    expect(k.run('apply -f -', CM('2')).stdout).toBe('configmap/c configured\n');
    expect((cluster.api.get('configmaps', 'default', 'c') as unknown as { data: Record<string, string> }).data).toEqual({ a: '2' });
    expect(k.run('delete -f -', CM('2'))).toEqual({ stdout: 'configmap "c" deleted\n', stderr: '', exitCode: 0 });
    expect(k.run('apply -f missing.yaml')).toEqual({ stdout: '', stderr: 'error: the path "missing.yaml" does not exist\n', exitCode: 1 });
  });
});

describe('threeWayMergePatch', () => {
  it('ignores server defaults and deletes what the last config had', () => {
    const original = { spec: { template: { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }] } } } };
    const modified = { spec: { template: { spec: { containers: [{ name: 'a', image: 'y' }] } } } };
    const current = { spec: { template: { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP' }], imagePullPolicy: 'Always' }] } } } };
    expect(threeWayMergePatch(original, modified, current, 'Deployment')).toEqual({
      spec: { template: { spec: { containers: [{ name: 'a', ports: null, image: 'y' }], '$setElementOrder/containers': [{ name: 'a' }] } } },
    });
    expect(threeWayMergePatch(modified, modified, { ...current, spec: { template: { spec: { containers: [{ name: 'a', image: 'y', imagePullPolicy: 'Always' }] } } } }, 'Deployment')).toEqual({});
  });
});

describe('kubectl auth can-i', () => {
  it('answers yes for the admin user', () => {
    const cluster = new Cluster({ seed: 1, spec: { pools: [defaultPool({ count: 1 })] } });
    const k = new Kubectl({ cluster });
    expect(k.run('auth can-i get pods')).toEqual({ stdout: 'yes\n', stderr: '', exitCode: 0 });
    expect(k.run('auth can-i create pods -q')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(k.run('auth can-i get').exitCode).toBe(1);
  });
});
