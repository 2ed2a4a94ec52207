import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  patchTypeFromContentType,
  unsupportedPatchMediaType,
  type PatchType,
} from './patch';
import { patchMetaFor } from './patchmeta';
import { deepClone, deepFreeze } from '../util/json';

/** Runs fn and returns the ApiError it throws. */
function apiErr(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

// ---- fixtures ----

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'front' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: 'x' },
            ],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        volumes: [{ name: 'data', emptyDir: {} }],
        tolerations: [{ key: 'a', operator: 'Exists' }],
        nodeSelector: { disk: 'ssd', zone: '1' },
        securityContext: { runAsUser: 1000 },
      },
    },
  },
});

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    finalizers: ['a', 'b'],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1', uid: 'u1' }],
  },
  spec: {
    containers: [{ name: 'c', image: 'nginx' }],
    imagePullSecrets: [{ name: 'reg1' }],
    hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }],
  },
  status: {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'False' },
      { type: 'PodScheduled', status: 'True' },
    ],
  },
});

const containers = (o: unknown) => (o as ReturnType<typeof deployment>).spec.template.spec.containers;

// ---- merge patch ----

describe('applyMergePatch (RFC 7386)', () => {
  const cases: { name: string; target: unknown; patch: unknown; want: unknown }[] = [
    {
      name: 'null deletes, values replace, objects merge',
      target: { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { replicas: 1 } },
      patch: { metadata: { labels: { tier: null, env: 'prod' } }, spec: { replicas: 2 } },
      want: { metadata: { labels: { app: 'web', env: 'prod' } }, spec: { replicas: 2 } },
    },
    {
      name: 'arrays replace whole',
      target: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      patch: { spec: { containers: [{ name: 'c' }] } },
      want: { spec: { containers: [{ name: 'c' }] } },
    },
    {
      name: 'nulls inside an added value are pruned',
      target: { metadata: {} },
      patch: { metadata: { annotations: { a: 'x', b: null } } },
      want: { metadata: { annotations: { a: 'x' } } },
    },
    {
      name: 'deleting a missing key is a no-op',
      target: { a: 1 },
      patch: { b: null },
      want: { a: 1 },
    },
    {
      name: 'an object replaces a scalar',
      target: { a: 'x' },
      patch: { a: { b: 1, c: null } },
      want: { a: { b: 1 } },
    },
  ];
  it.each(cases)('$name', ({ target, patch, want }) => {
    expect(applyMergePatch(deepFreeze(target), deepFreeze(patch))).toEqual(want);
  });

  it('rejects a null or scalar body with 400 Invalid JSON Patch', () => {
    for (const body of [null, 'x', 3]) {
      const e = apiErr(() => applyMergePatch({}, body));
      expect(e.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
    }
  });
});

// ---- JSON patch ----

describe('applyJsonPatch (RFC 6902)', () => {
  const cases: { name: string; ops: unknown[]; check: (o: ReturnType<typeof deployment>) => void }[] = [
    {
      name: 'add with ~1 escape',
      ops: [{ op: 'add', path: '/metadata/labels/app.kubernetes.io~1name', value: 'web' }],
      check: (o) => expect(o.metadata.labels).toEqual({ app: 'web', tier: 'front', 'app.kubernetes.io/name': 'web' }),
    },
    {
      name: 'add with ~0 escape',
      ops: [{ op: 'add', path: '/metadata/labels/a~0b', value: '1' }],
      check: (o) => expect((o.metadata.labels as Record<string, string>)['a~b']).toBe('1'),
    },
    {
      name: 'replace a scalar',
      ops: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
      check: (o) => expect(o.spec.replicas).toBe(5),
    },
    {
      name: 'remove an array element',
      ops: [{ op: 'remove', path: '/spec/template/spec/containers/0/env/0' }],
      check: (o) => expect(containers(o)[0].env).toEqual([{ name: 'B', value: 'x' }]),
    },
    {
      name: '"-" appends',
      ops: [{ op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'C', value: 'c' } }],
      check: (o) => expect(containers(o)[0].env!.map((e) => e.name)).toEqual(['A', 'B', 'C']),
    },
    {
      name: 'add at an index inserts',
      ops: [{ op: 'add', path: '/spec/template/spec/containers/0/env/0', value: { name: 'Z' } }],
      check: (o) => expect(containers(o)[0].env!.map((e) => e.name)).toEqual(['Z', 'A', 'B']),
    },
    {
      name: 'negative indices count from the end (library extension)',
      ops: [{ op: 'remove', path: '/spec/template/spec/containers/-1' }],
      check: (o) => expect(containers(o).map((c) => c.name)).toEqual(['nginx']),
    },
    {
      name: 'move and copy',
      ops: [
        { op: 'copy', from: '/metadata/labels/app', path: '/metadata/labels/copied' },
        { op: 'move', from: '/metadata/labels/tier', path: '/metadata/labels/moved' },
      ],
      check: (o) => expect(o.metadata.labels).toEqual({ app: 'web', copied: 'web', moved: 'front' }),
    },
    {
      name: 'test then replace',
      ops: [
        { op: 'test', path: '/spec/replicas', value: 3 },
        { op: 'test', path: '/spec/selector', value: { matchLabels: { app: 'web' } } },
        { op: 'replace', path: '/spec/replicas', value: 4 },
      ],
      check: (o) => expect(o.spec.replicas).toBe(4),
    },
    {
      name: 'replace of a missing object member adds it (library quirk)',
      ops: [{ op: 'replace', path: '/metadata/annotations', value: { a: 'b' } }],
      check: (o) => expect((o.metadata as Record<string, unknown>).annotations).toEqual({ a: 'b' }),
    },
    {
      name: 'test of a missing member against null passes',
      ops: [{ op: 'test', path: '/metadata/annotations', value: null }],
      check: (o) => expect(o.metadata.name).toBe('web'),
    },
  ];
  it.each(cases)('$name', ({ ops, check }) => {
    const before = deployment();
    const target = deepFreeze(deployment());
    const out = applyJsonPatch(target, deepFreeze(ops)) as ReturnType<typeof deployment>;
    check(out);
    expect(target).toEqual(before);
  });

  const failures: { name: string; ops: unknown[]; cause: string }[] = [
    {
      name: 'failed test',
      ops: [{ op: 'test', path: '/spec/replicas', value: 4 }],
      cause: 'testing value /spec/replicas failed: test failed',
    },
    {
      name: 'remove of a missing key',
      ops: [{ op: 'remove', path: '/metadata/labels/x' }],
      cause: "error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value",
    },
    {
      name: 'add under a missing parent',
      ops: [{ op: 'add', path: '/spec/foo/bar', value: 1 }],
      cause: 'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value',
    },
    {
      name: 'index out of range',
      ops: [{ op: 'replace', path: '/spec/template/spec/containers/5', value: {} }],
      cause: 'replace operation does not apply: doc is missing key: /spec/template/spec/containers/5: missing value',
    },
    {
      name: 'non-numeric array index',
      ops: [{ op: 'add', path: '/spec/template/spec/containers/x', value: {} }],
      cause: `error in add for path: '/spec/template/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    },
    {
      name: 'unknown op',
      ops: [{ op: 'frob', path: '/a' }],
      cause: 'Unexpected kind: frob',
    },
    {
      name: 'missing path',
      ops: [{ op: 'add', value: 1 }],
      cause: 'add operation failed to decode path: missing value',
    },
  ];
  it.each(failures)('$name: bare 422 as kube-apiserver answers', ({ ops, cause }) => {
    const e = apiErr(() => applyJsonPatch(deployment(), ops));
    expect(e.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      reason: 'Invalid',
      code: 422,
      message: 'the server rejected our request due to an error in our request',
      details: {},
    });
    expect(e.cause).toBe(cause);
  });

  it('rejects a body that is not a list of operations with 400', () => {
    expect(apiErr(() => applyJsonPatch({}, { op: 'add' })).status).toMatchObject({
      code: 400,
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    });
    expect(apiErr(() => applyJsonPatch({}, ['add'])).status.message).toBe(
      'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
    );
  });

  it('caps a patch at 10000 operations with 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a' }));
    expect(apiErr(() => applyJsonPatch({}, ops)).status).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });
});

// ---- strategic merge patch ----

interface SmpCase {
  name: string;
  kind: string;
  target: unknown;
  patch: unknown;
  /** Checks the result (given a deep copy of it). */
  check: (o: any) => void;
}

const smpCases: SmpCase[] = [
  {
    name: 'kubectl 1.32 apply: replicas and one env var change',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1"}\n' } },
      spec: {
        replicas: 5,
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [{ env: [{ name: 'A', value: '2' }], name: 'nginx' }],
          },
        },
      },
    },
    check: (o) => {
      expect(o.spec.replicas).toBe(5);
      expect(o.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('apps/v1');
      expect(o.spec.template.spec.containers).toEqual([
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          env: [
            { name: 'A', value: '2' },
            { name: 'B', value: 'x' },
          ],
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
        { name: 'sidecar', image: 'busybox' },
      ]);
    },
  },
  {
    name: 'kubectl apply: container removed ($patch: delete element)',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }],
            containers: [{ $patch: 'delete', name: 'sidecar' }],
          },
        },
      },
    },
    check: (o) => expect(o.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx']),
  },
  {
    name: 'kubectl apply: containerPort 80 -> 8080 (ports merge by containerPort)',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [
              {
                '$setElementOrder/ports': [{ containerPort: 8080 }],
                name: 'nginx',
                ports: [{ containerPort: 8080 }, { $patch: 'delete', containerPort: 80 }],
              },
            ],
          },
        },
      },
    },
    check: (o) => expect(o.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080 }]),
  },
  {
    name: 'kubectl apply: env var removed with $setElementOrder/env',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], name: 'nginx' }],
          },
        },
      },
    },
    check: (o) => expect(o.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]),
  },
  {
    name: 'kubectl apply: new container placed by $setElementOrder',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'metrics' }, { name: 'sidecar' }],
            containers: [{ name: 'metrics', image: 'exporter' }],
          },
        },
      },
    },
    check: (o) =>
      expect(o.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx', 'metrics', 'sidecar']),
  },
  {
    name: 'kubectl patch without order directive: new list items go first (as in the kubectl patch docs)',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] } } } },
    check: (o) =>
      expect(o.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual([
        'patch-demo-ctr-2',
        'nginx',
        'sidecar',
      ]),
  },
  {
    name: 'label removed with null, label added',
    kind: 'Deployment',
    target: deployment(),
    patch: { metadata: { labels: { tier: null, env: 'prod' } } },
    check: (o) => expect(o.metadata.labels).toEqual({ app: 'web', env: 'prod' }),
  },
  {
    name: 'null for a missing key is ignored',
    kind: 'Deployment',
    target: deployment(),
    patch: { metadata: { annotations: null } },
    check: (o) => expect('annotations' in o.metadata).toBe(false),
  },
  {
    name: 'tolerations have no strategy: replaced whole',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } },
    check: (o) => expect(o.spec.template.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]),
  },
  {
    name: 'strategy Recreate with $retainKeys drops rollingUpdate',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    check: (o) => expect(o.spec.strategy).toEqual({ type: 'Recreate' }),
  },
  {
    name: 'kubectl apply: volume source changed (volumes merge,retainKeys)',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'data' }],
            volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, emptyDir: null, name: 'data' }],
          },
        },
      },
    },
    check: (o) => expect(o.spec.template.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cfg' } }]),
  },
  {
    name: '$patch: replace on a map',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { nodeSelector: { $patch: 'replace', pool: 'gpu' } } } } },
    check: (o) => expect(o.spec.template.spec.nodeSelector).toEqual({ pool: 'gpu' }),
  },
  {
    name: '$patch: delete on a map empties it',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { securityContext: { $patch: 'delete' } } } } },
    check: (o) => expect(o.spec.template.spec.securityContext).toEqual({}),
  },
  {
    name: '$patch: replace element replaces a merging list',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
    check: (o) => expect(o.spec.template.spec.containers).toEqual([{ name: 'only', image: 'x' }]),
  },
  {
    name: 'finalizers: union, $setElementOrder and $deleteFromPrimitiveList',
    kind: 'Pod',
    target: pod(),
    patch: {
      metadata: {
        '$deleteFromPrimitiveList/finalizers': ['a'],
        '$setElementOrder/finalizers': ['b', 'c'],
        finalizers: ['c'],
      },
    },
    check: (o) => expect(o.metadata.finalizers).toEqual(['b', 'c']),
  },
  {
    name: 'finalizers: merge strategy on a primitive list unions',
    kind: 'Pod',
    target: pod(),
    patch: { metadata: { finalizers: ['b', 'z'] } },
    check: (o) => expect([...o.metadata.finalizers].sort()).toEqual(['a', 'b', 'z']),
  },
  {
    name: '$deleteFromPrimitiveList is idempotent: an absent list stays absent',
    kind: 'Pod',
    target: { metadata: { name: 'p' } },
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } },
    check: (o) => expect(o.metadata).toEqual({ name: 'p' }),
  },
  {
    name: '$deleteFromPrimitiveList deletes even from a list without merge strategy',
    kind: 'Node',
    target: { metadata: { name: 'n' }, status: { volumesInUse: ['a', 'b'] } },
    patch: { status: { '$deleteFromPrimitiveList/volumesInUse': ['a'] } },
    check: (o) => expect(o.status.volumesInUse).toEqual(['b']),
  },
  {
    name: 'added values lose maps carrying $patch (removeDirectives)',
    kind: 'Pod',
    target: { metadata: { name: 'p' }, spec: {} },
    patch: {
      spec: {
        securityContext: { $patch: 'delete' },
        tolerations: [{ key: 'a' }, { key: 'b', $patch: 'delete' }],
      },
    },
    check: (o) => expect(o.spec).toEqual({ tolerations: [{ key: 'a' }] }),
  },
  {
    name: 'ownerReferences merge by uid',
    kind: 'Pod',
    target: pod(),
    patch: { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs2', uid: 'u2' }] } },
    check: (o) => expect(o.metadata.ownerReferences.map((r: { uid: string }) => r.uid)).toEqual(['u2', 'u1']),
  },
  {
    name: 'status conditions merge by type (kubelet-style status patch)',
    kind: 'Pod',
    target: pod(),
    patch: {
      status: {
        '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodScheduled' }],
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    },
    check: (o) =>
      expect(o.status.conditions).toEqual([
        { type: 'Ready', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ]),
  },
  {
    name: 'imagePullSecrets by name, hostAliases by ip',
    kind: 'Pod',
    target: pod(),
    patch: {
      spec: {
        imagePullSecrets: [{ name: 'reg2' }],
        hostAliases: [{ ip: '10.0.0.1', hostnames: ['b'] }],
      },
    },
    check: (o) => {
      expect(o.spec.imagePullSecrets.map((s: { name: string }) => s.name)).toEqual(['reg2', 'reg1']);
      expect(o.spec.hostAliases).toEqual([{ ip: '10.0.0.1', hostnames: ['b'] }]);
    },
  },
  {
    name: 'volumeMounts merge by mountPath',
    kind: 'Deployment',
    target: deployment(),
    patch: {
      spec: {
        template: { spec: { containers: [{ name: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true }] }] } },
      },
    },
    check: (o) => expect(o.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]),
  },
  {
    name: 'Service ports merge by port',
    kind: 'Service',
    target: {
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
      },
    },
    patch: { spec: { '$setElementOrder/ports': [{ port: 80 }, { port: 443 }], ports: [{ port: 80, targetPort: 9090 }] } },
    check: (o) =>
      expect(o.spec.ports).toEqual([
        { name: 'http', port: 80, targetPort: 9090 },
        { name: 'https', port: 443, targetPort: 8443 },
      ]),
  },
  {
    name: 'Node taints carry no strategy: replaced whole',
    kind: 'Node',
    target: { metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] } },
    patch: { spec: { taints: [{ key: 'b', effect: 'NoExecute' }] } },
    check: (o) => expect(o.spec.taints).toEqual([{ key: 'b', effect: 'NoExecute' }]),
  },
  {
    name: 'Endpoints subsets replaced whole',
    kind: 'Endpoints',
    target: { metadata: { name: 'e' }, subsets: [{ addresses: [{ ip: '10.244.0.5' }], ports: [{ port: 80 }] }] },
    patch: { subsets: [{ addresses: [{ ip: '10.244.1.7' }], ports: [{ port: 80 }] }] },
    check: (o) => expect(o.subsets).toEqual([{ addresses: [{ ip: '10.244.1.7' }], ports: [{ port: 80 }] }]),
  },
  {
    name: 'ConfigMap data merges key by key',
    kind: 'ConfigMap',
    target: { metadata: { name: 'c' }, data: { a: '1', b: '2' } },
    patch: { data: { b: null, c: '3' } },
    check: (o) => expect(o.data).toEqual({ a: '1', c: '3' }),
  },
  {
    name: 'unknown kind: ObjectMeta still merges finalizers, other lists replace',
    kind: 'Widget',
    target: { metadata: { finalizers: ['a'] }, spec: { items: [1, 2] } },
    patch: { metadata: { finalizers: ['b'] }, spec: { items: [3] } },
    check: (o) => {
      expect(o.metadata.finalizers).toEqual(['b', 'a']);
      expect(o.spec.items).toEqual([3]);
    },
  },
  {
    name: 'a value of another type replaces',
    kind: 'Deployment',
    target: deployment(),
    patch: { spec: { template: { spec: { nodeSelector: 'oops' } } } },
    check: (o) => expect(o.spec.template.spec.nodeSelector).toBe('oops'),
  },
  {
    name: 'directives and nulls inside an added value do not reach the object',
    kind: 'Pod',
    target: { metadata: { name: 'p' }, spec: {} },
    patch: { spec: { affinity: { nodeAffinity: null, podAffinity: { '$setElementOrder/x': [], x: 1 } } } },
    check: (o) => expect(o.spec.affinity).toEqual({ podAffinity: { x: 1 } }),
  },
  {
    name: 'CronJob pod template containers merge by name',
    kind: 'CronJob',
    target: {
      metadata: { name: 'cj' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: 'a', args: ['x'] }] } } } } },
    },
    patch: { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: 'b' }] } } } } } },
    check: (o) => expect(o.spec.jobTemplate.spec.template.spec.containers).toEqual([{ name: 'job', image: 'b', args: ['x'] }]),
  },
  {
    name: 'a null body is a no-op',
    kind: 'Pod',
    target: pod(),
    patch: null,
    check: (o) => expect(o).toEqual(pod()),
  },
];

describe('applyStrategicMergePatch', () => {
  it.each(smpCases)('$name', ({ kind, target, patch, check }) => {
    const before = deepClone(target);
    const out = applyStrategicMergePatch(deepFreeze(target), deepFreeze(deepClone(patch)), kind);
    check(out);
    expect(target).toEqual(before);
  });

  const errors: { name: string; kind: string; target: unknown; patch: unknown; status: object }[] = [
    {
      name: 'body not an object',
      kind: 'Pod',
      target: pod(),
      patch: ['x'],
      status: { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
    },
    {
      name: '$patch: merge in a map is not supported',
      kind: 'Deployment',
      target: deployment(),
      patch: { metadata: { labels: { $patch: 'merge', x: 'y' } } },
      status: { code: 500, reason: '', message: 'unknown patch type: merge in map: map[$patch:merge x:y]' },
    },
    {
      name: '$patch: merge in a list is not supported',
      kind: 'Pod',
      target: pod(),
      patch: { spec: { containers: [{ $patch: 'merge' }] } },
      status: { code: 500, reason: '', message: 'merging lists cannot yet be specified in the patch' },
    },
    {
      name: 'list element without its merge key',
      kind: 'Pod',
      target: pod(),
      patch: { spec: { containers: [{ image: 'nginx' }] } },
      status: { code: 500, reason: '', message: 'map: map[image:nginx] does not contain declared merge key: name' },
    },
    {
      name: 'list of lists',
      kind: 'Pod',
      target: { metadata: { finalizers: [] } },
      patch: { metadata: { finalizers: [['a']] } },
      status: { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' },
    },
    {
      name: 'patch key missing from $retainKeys',
      kind: 'Deployment',
      target: deployment(),
      patch: { spec: { strategy: { $retainKeys: ['type'], type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      status: { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    },
    {
      name: '$retainKeys not a list',
      kind: 'Deployment',
      target: deployment(),
      patch: { spec: { strategy: { $retainKeys: 'type' } } },
      status: { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' },
    },
    {
      name: 'malformed $deleteFromPrimitiveList key',
      kind: 'Pod',
      target: pod(),
      patch: { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } },
      status: { code: 400, reason: 'BadRequest', message: 'invalid patch format of primitive list' },
    },
    {
      name: 'patch list out of $setElementOrder order',
      kind: 'Pod',
      target: pod(),
      patch: { spec: { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }], containers: [{ name: 'b' }, { name: 'a' }] } },
      status: {
        code: 500,
        message: "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n",
      },
    },
  ];
  it.each(errors)('error: $name', ({ kind, target, patch, status }) => {
    expect(apiErr(() => applyStrategicMergePatch(target, patch, kind)).status).toMatchObject(status);
  });
});

// ---- content types and metadata ----

describe('patchTypeFromContentType', () => {
  const cases: [string, PatchType | undefined][] = [
    ['application/json-patch+json', 'json'],
    ['application/merge-patch+json', 'merge'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/strategic-merge-patch+json; charset=utf-8', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
    ['application/json', undefined],
    ['', undefined],
  ];
  it.each(cases)('%s -> %s', (ct, want) => expect(patchTypeFromContentType(ct)).toBe(want));

  it('415 lists the accepted types', () => {
    expect(unsupportedPatchMediaType().status).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });
});

describe('patchMetaFor', () => {
  const cases: [string, string[], object][] = [
    ['Deployment', ['spec', 'template', 'spec', 'containers'], { strategy: 'merge', mergeKey: 'name' }],
    ['Deployment', ['spec', 'template', 'spec', 'containers', 'env'], { strategy: 'merge', mergeKey: 'name' }],
    ['StatefulSet', ['spec', 'template', 'spec', 'initContainers', 'ports'], { strategy: 'merge', mergeKey: 'containerPort' }],
    ['Pod', ['spec', 'containers', 'volumeDevices'], { strategy: 'merge', mergeKey: 'devicePath' }],
    ['Pod', ['spec', 'volumes'], { strategy: 'merge,retainKeys', mergeKey: 'name' }],
    ['Pod', ['spec', 'topologySpreadConstraints'], { strategy: 'merge', mergeKey: 'topologyKey' }],
    ['Pod', ['spec', 'tolerations'], {}],
    ['Deployment', ['spec', 'strategy'], { strategy: 'retainKeys' }],
    ['DaemonSet', ['spec', 'updateStrategy'], {}],
    ['Service', ['spec', 'ports'], { strategy: 'merge', mergeKey: 'port' }],
    ['Node', ['spec', 'taints'], {}],
    ['Node', ['status', 'addresses'], { strategy: 'merge', mergeKey: 'type' }],
    ['Job', ['status', 'conditions'], { strategy: 'merge', mergeKey: 'type' }],
    ['Lease', ['metadata', 'ownerReferences'], { strategy: 'merge', mergeKey: 'uid' }],
    ['Secret', ['metadata', 'finalizers'], { strategy: 'merge' }],
    ['ServiceAccount', ['secrets'], { strategy: 'merge', mergeKey: 'name' }],
  ];
  it.each(cases)('%s %j', (kind, path, want) => {
    const { strategy, mergeKey } = patchMetaFor(kind, path);
    expect(JSON.parse(JSON.stringify({ strategy, mergeKey }))).toEqual(want);
  });
});
