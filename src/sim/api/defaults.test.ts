import { describe, expect, it } from 'vitest';
import { applyDefaults, applyJobSelectorDefaults, imageTag, podQOSClass, prepareForCreate } from './defaults';
import { resourceForKind } from './registry';
import type { KubeObject } from './types';
import { canonicalQuantity } from './validation/quantities';

function defaulted(o: KubeObject): KubeObject {
  const c = structuredClone(o);
  applyDefaults(resourceForKind(o.apiVersion, o.kind)!, c);
  return c;
}

const DEFAULTED_CONTAINER = {
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  resources: {},
};
const DEFAULTED_TEMPLATE_SPEC = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};

describe('applyDefaults', () => {
  it('Pod', () => {
    const out = defaulted({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx',
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: '0.5', memory: '1024Mi' } },
            readinessProbe: { httpGet: { port: 80 } },
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'web' } }, { name: 'scratch' }],
      },
    });
    expect(out.spec).toEqual({
      ...DEFAULTED_TEMPLATE_SPEC,
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
          readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        },
      ],
      volumes: [
        { name: 'cfg', configMap: { name: 'web', defaultMode: 420 } },
        { name: 'scratch', emptyDir: {} },
      ],
    });
  });

  it('Pod priority comes from the system priority classes', () => {
    const out = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { priorityClassName: 'system-node-critical', containers: [] } });
    expect(out.spec.priority).toBe(2000001000);
    const custom = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { priorityClassName: 'high', containers: [] } });
    expect(custom.spec.priority).toBeUndefined();
  });

  it('Deployment (template gets PodSpec defaults, not Pod-only ones)', () => {
    const out = defaulted({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { limits: { cpu: '1' } } }] } },
      },
    });
    expect(out.spec).toEqual({
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { ...DEFAULTED_TEMPLATE_SPEC, containers: [{ name: 'web', image: 'nginx:1.27', ...DEFAULTED_CONTAINER, resources: { limits: { cpu: '1' } } }] },
      },
    });
  });

  it('ReplicaSet, DaemonSet and StatefulSet', () => {
    const t = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'a', image: 'a:1' }] } };
    expect(defaulted({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'a' }, spec: { template: t } }).spec.replicas).toBe(1);
    const ds = defaulted({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'a' }, spec: { template: t } });
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    const sts = defaulted({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'a' },
      spec: { template: t, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } }] },
    });
    expect(sts.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
      ],
    });
  });

  it('Job, then its generated selector', () => {
    const job = defaulted({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } } },
    });
    expect(job.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      manualSelector: false,
    });
    job.metadata.uid = 'a1b2';
    applyJobSelectorDefaults(job);
    const labels = { 'batch.kubernetes.io/controller-uid': 'a1b2', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'a1b2', 'job-name': 'pi' };
    expect(job.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': 'a1b2' } });
    expect(job.spec.template.metadata.labels).toEqual(labels);
    expect(job.metadata.labels).toEqual(labels);
  });

  it('CronJob', () => {
    const cj = defaulted({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(cj.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Always');
  });

  it('Service', () => {
    const svc = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(svc.spec).toEqual({
      type: 'NodePort',
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const headless = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ port: 5432, targetPort: 'pg' }] } });
    expect(headless.spec).toMatchObject({ type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 5432, targetPort: 'pg', protocol: 'TCP' }] });
    expect(headless.spec.externalTrafficPolicy).toBeUndefined();
    const ext = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(ext.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
    const lb = defaulted({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } });
    expect(lb.spec.allocateLoadBalancerNodePorts).toBe(true);
  });

  it('Secret', () => {
    const s = defaulted({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { user: 'admin', note: 'héllo' }, data: { user: 'eA==' } });
    expect(s).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { user: 'YWRtaW4=', note: 'aMOpbGxv' } });
  });

  it('Namespace, plus its create-time finalizer', () => {
    const ns = defaulted({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', namespace: 'oops' } });
    expect(ns).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, status: { phase: 'Active' } });
    prepareForCreate(resourceForKind('v1', 'Namespace')!, ns);
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('PVC, Endpoints, RoleBinding', () => {
    const pvc = defaulted({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5G' } } } });
    expect(pvc.spec.volumeMode).toBe('Filesystem');
    expect(pvc.status).toEqual({ phase: 'Pending' });
    const ep = defaulted({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] });
    expect(ep.subsets[0].ports[0].protocol).toBe('TCP');
    const rb = defaulted({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'User', name: 'alice' }] });
    expect(rb.roleRef.apiGroup).toBe('rbac.authorization.k8s.io');
    expect(rb.subjects[0].apiGroup).toBe('rbac.authorization.k8s.io');
  });
});

describe('prepareForCreate', () => {
  it('Pod status and QoS', () => {
    const info = resourceForKind('v1', 'Pod')!;
    const p = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }] } });
    prepareForCreate(info, p);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });

  it.each([
    [{}, 'BestEffort'],
    [{ requests: { cpu: '100m' } }, 'Burstable'],
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }, 'Burstable'],
    [{ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, 'Guaranteed'],
  ])('qos %j', (resources, want) => {
    expect(podQOSClass({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [{ name: 'c', resources }] } })).toBe(want);
  });

  it('generation and the DaemonSet template generation', () => {
    const ds: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: {} };
    prepareForCreate(resourceForKind('apps/v1', 'DaemonSet')!, ds);
    expect(ds.metadata).toEqual({ name: 'd', generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } });
  });
});

describe('quantities and images', () => {
  it.each([
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1.5', '1500m'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['512', '512'],
    ['1000M', '1G'],
    ['128974848', '128974848'],
    ['1e3', '1e3'],
    ['1n', '1m'],
    [2, '2'],
    [0.25, '250m'],
    ['1x', undefined],
  ])('%s -> %s', (q, want) => {
    expect(canonicalQuantity(q)).toBe(want);
  });

  it.each([
    ['nginx', 'latest'],
    ['nginx:1.27', '1.27'],
    ['localhost:5000/nginx', 'latest'],
    ['registry.io:443/team/app:v2', 'v2'],
    ['nginx@sha256:abc', ''],
  ])('tag of %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});
