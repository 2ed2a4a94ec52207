import { describe, expect, it } from 'vitest';
import { resourceForKind } from '../registry';
import { base64ErrorOffset, decodeObject, FieldValidation, quantityError, timeError } from './decode';

const info = (apiVersion: string, kind: string) => {
  const r = resourceForKind(apiVersion, kind);
  if (!r) throw new Error(`not served: ${apiVersion} ${kind}`);
  return r;
};

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'a/b': 'c' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    revisionHistoryLimit: 10,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        initContainers: [{ name: 'init', image: 'busybox', command: ['sh', '-c', 'true'], restartPolicy: 'Always' }],
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
            env: [
              { name: 'A', value: '1' },
              { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
              { name: 'S', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } },
            ],
            envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'X_', secretRef: { name: 's' } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: 1, memory: '1Gi', 'nvidia.com/gpu': 1 } },
            livenessProbe: { httpGet: { path: '/healthz', port: 'http', httpHeaders: [{ name: 'X', value: 'y' }] }, initialDelaySeconds: 3 },
            readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 },
            startupProbe: { exec: { command: ['cat', '/tmp/ok'] }, failureThreshold: 30 },
            lifecycle: { preStop: { sleep: { seconds: 5 } }, postStart: { exec: { command: ['true'] } } },
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 1000,
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
              seccompProfile: { type: 'RuntimeDefault' },
            },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.conf', mode: 0o644 }], defaultMode: 420 } },
          { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
          { name: 'sec', secret: { secretName: 's', defaultMode: 256 } },
          { name: 'proj', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600 } }, { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } },
          { name: 'csi', csi: { driver: 'file.csi.azure.com', volumeAttributes: { shareName: 'x' } } },
        ],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }],
          },
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } } }],
          },
        },
        tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 300 }],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        securityContext: { fsGroup: 2000, supplementalGroups: [3000], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
        imagePullSecrets: [{ name: 'acr' }],
        serviceAccountName: 'web',
        terminationGracePeriodSeconds: 30,
        dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
        hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local'] }],
        priorityClassName: 'high',
        readinessGates: [{ conditionType: 'example.com/ready' }],
      },
    },
  },
  status: {
    observedGeneration: 1,
    replicas: 3,
    conditions: [{ type: 'Available', status: 'True', lastUpdateTime: '2024-05-01T10:00:00Z', lastTransitionTime: '2024-05-01T10:00:00Z', reason: 'MinimumReplicasAvailable', message: 'ok' }],
  },
});

// Valid objects of many kinds: each must decode to a deep-equal copy with no warnings.
const GOOD: [string, string, () => unknown][] = [
  ['apps/v1', 'Deployment', deployment],
  ['v1', 'Pod', () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }], managedFields: [{ manager: 'kubectl', operation: 'Apply', apiVersion: 'v1', time: '2024-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:containers': {} } } }] }, spec: { containers: [{ name: 'c', image: 'i', stdin: true, tty: true }], os: { name: 'linux' }, schedulingGates: [{ name: 'g' }] }, status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], startTime: '2024-01-01T00:00:00.123Z', qosClass: 'BestEffort', containerStatuses: [{ name: 'c', ready: true, restartCount: 2, image: 'i', imageID: 'sha', started: true, state: { running: { startedAt: '2024-01-01T00:00:01Z' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2024-01-01T00:00:00+01:00' } } }] } })],
  ['v1', 'Service', () => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { port: 443, targetPort: 8443, nodePort: 30443 }], externalTrafficPolicy: 'Local', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'], sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } }, status: { loadBalancer: { ingress: [{ ip: '20.1.2.3', ipMode: 'VIP' }] } } })],
  ['v1', 'ConfigMap', () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.conf': 'x=1', b: '' }, binaryData: { bin: 'AAEC' }, immutable: false })],
  ['v1', 'Secret', () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { password: 'MWYyZDFlMmU2N2Rm', user: 'YWRtaW4=' }, stringData: { plain: 'x' } })],
  ['v1', 'Namespace', () => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } })],
  ['v1', 'Node', () => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { podCIDR: '10.244.0.0/24', taints: [{ key: 'k', effect: 'NoSchedule', timeAdded: '2024-01-01T00:00:00Z' }], providerID: 'azure:///x' }, status: { capacity: { cpu: '2', memory: '7110656Ki', pods: '110' }, allocatable: { cpu: '1900m' }, conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-01-01T00:00:00Z', reason: 'KubeletReady', message: 'kubelet is posting ready status' }], addresses: [{ type: 'InternalIP', address: '10.224.0.4' }], daemonEndpoints: { kubeletEndpoint: { Port: 10250 } }, nodeInfo: { machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: 'k', osImage: 'Ubuntu 22.04', containerRuntimeVersion: 'containerd://1.7', kubeletVersion: 'v1.32.0', kubeProxyVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64' }, images: [{ names: ['nginx'], sizeBytes: 1000 }] } })],
  ['v1', 'Event', () => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u', apiVersion: 'v1', fieldPath: 'spec.containers{c}' }, reason: 'Pulled', message: 'ok', source: { component: 'kubelet', host: 'n' }, firstTimestamp: '2024-01-01T00:00:00Z', lastTimestamp: '2024-01-01T00:00:00Z', count: 1, type: 'Normal', eventTime: '2024-01-01T00:00:00.000000Z', reportingComponent: 'kubelet', reportingInstance: 'n' })],
  ['v1', 'Endpoints', () => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 's' }, subsets: [{ addresses: [{ ip: '10.244.0.5', nodeName: 'n', targetRef: { kind: 'Pod', name: 'p' } }], ports: [{ port: 80, protocol: 'TCP', name: 'http' }] }] })],
  ['v1', 'ServiceAccount', () => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'acr' }] })],
  ['v1', 'PersistentVolumeClaim', () => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'managed-csi', resources: { requests: { storage: '10Gi' } } }, status: { phase: 'Bound', capacity: { storage: '10Gi' } } })],
  ['v1', 'PersistentVolume', () => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/data' }, claimRef: { name: 'c', namespace: 'default' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] }] } } } })],
  ['coordination.k8s.io/v1', 'Lease', () => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n', leaseDurationSeconds: 40, renewTime: '2024-01-01T00:00:10.000000Z' } })],
  ['apps/v1', 'StatefulSet', () => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', replicas: 3, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }], updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } } })],
  ['apps/v1', 'DaemonSet', () => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } } }, status: { currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3 } })],
  ['apps/v1', 'ReplicaSet', () => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { replicas: 2, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } }, status: { replicas: 2, readyReplicas: 2 } })],
  ['batch/v1', 'Job', () => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec: { backoffLimit: 4, completions: 5, parallelism: 2, completionMode: 'Indexed', ttlSecondsAfterFinished: 100, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [42] } }, { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] }, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'perl' }] } } }, status: { startTime: '2024-01-01T00:00:00Z', active: 1, uncountedTerminatedPods: { succeeded: ['u1'] } } })],
  ['batch/v1', 'CronJob', () => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' }, spec: { schedule: '* * * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } }, status: { active: [{ kind: 'Job', name: 'hello-1' }], lastScheduleTime: '2024-01-01T00:00:00Z' } })],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', () => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }, { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } }], behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } } } })],
  ['networking.k8s.io/v1', 'Ingress', () => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.com'], secretName: 'tls' }], rules: [{ host: 'a.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }], defaultBackend: { service: { name: 'd', port: { name: 'http' } } } } })],
  ['networking.k8s.io/v1', 'NetworkPolicy', () => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { p: 'x' } }, podSelector: { matchLabels: { r: 'fe' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 32000, endPort: 32768 }] }] } })],
  ['policy/v1', 'PodDisruptionBudget', () => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptedPods: { p: '2024-01-01T00:00:00Z' } } })],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', () => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }, { nonResourceURLs: ['/healthz'], verbs: ['get'] }] })],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', () => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'default' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } })],
  ['storage.k8s.io/v1', 'StorageClass', () => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'managed-csi' }, provisioner: 'disk.csi.azure.com', parameters: { skuname: 'StandardSSD_LRS' }, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true })],
  ['scheduling.k8s.io/v1', 'PriorityClass', () => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000000, globalDefault: false, description: 'x', preemptionPolicy: 'Never' })],
  ['discovery.k8s.io/v1', 'EndpointSlice', () => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's-abc' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'], conditions: { ready: true }, nodeName: 'n', zone: 'eastus-1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] })],
  ['events.k8s.io/v1', 'Event', () => ({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'e' }, eventTime: '2024-01-01T00:00:00.000000Z', reportingController: 'k', reportingInstance: 'i', action: 'a', reason: 'r', regarding: { kind: 'Pod', name: 'p' }, note: 'n', type: 'Normal' })],
];

describe('decodeObject: valid objects', () => {
  it.each(GOOD)('%s %s decodes unchanged', (apiVersion, kind, make) => {
    const r = decodeObject(info(apiVersion, kind), make(), 'Strict');
    expect(r.error?.message).toBeUndefined();
    expect(r.warnings).toEqual([]);
    expect(r.object).toEqual(make());
  });

  it('does not modify its input', () => {
    const obj = deployment();
    (obj.spec as Record<string, unknown>).replica = 1;
    const before = clone(obj);
    decodeObject(info('apps/v1', 'Deployment'), obj, 'Warn');
    expect(obj).toEqual(before);
  });

  it('drops null fields, as Go leaves them unset', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null, labels: null }, data: { a: 'x' }, binaryData: null };
    expect(decodeObject(info('v1', 'ConfigMap'), obj, 'Strict').object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'x' } });
  });

  it('keeps unknown fields of loosely described kinds', () => {
    const obj = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'w' }, webhooks: [{ name: 'a.b.c', anything: { x: 1 } }] };
    const r = decodeObject(info('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'), obj, 'Strict');
    expect(r.error).toBeUndefined();
    expect(r.object).toEqual(obj);
  });

  it('still checks metadata of loosely described kinds', () => {
    const obj = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x', labels: { a: 1 } }, spec: {} };
    expect(decodeObject(info('apiextensions.k8s.io/v1', 'CustomResourceDefinition'), obj, 'Strict').error?.message).toBe(
      'CustomResourceDefinition in version "v1" cannot be handled as a CustomResourceDefinition: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });
});

type Mutate = (o: any) => void;
const DEP = 'Deployment in version "v1" cannot be handled as a Deployment: ';
const POD = 'Pod in version "v1" cannot be handled as a Pod: ';
const pod = () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });

// Type mismatches: always a 400 BadRequest, whatever fieldValidation says.
const TYPE_ERRORS: [string, 'Deployment' | 'Pod', Mutate, string][] = [
  ['string into int32', 'Deployment', (o) => (o.spec.replicas = '3'), `${DEP}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`],
  ['fraction into int32', 'Deployment', (o) => (o.spec.replicas = 1.5), `${DEP}json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32`],
  ['int32 overflow', 'Deployment', (o) => (o.spec.replicas = 3000000000), `${DEP}json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32`],
  ['number into string in a list (no index in path)', 'Deployment', (o) => (o.spec.template.spec.containers[0].env[0].value = 80), `${DEP}json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string`],
  ['number in a []string', 'Deployment', (o) => (o.spec.template.spec.containers[0].command = ['sh', 10]), `${DEP}json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.command of type string`],
  ['map instead of list', 'Deployment', (o) => (o.spec.template.spec.containers = { name: 'x' }), `${DEP}json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container`],
  ['string instead of struct in a list', 'Deployment', (o) => (o.spec.template.spec.containers = ['nginx']), `${DEP}json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container`],
  ['string instead of struct', 'Deployment', (o) => (o.spec.template = 'x'), `${DEP}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.template of type v1.PodTemplateSpec`],
  ['bool into named string type', 'Deployment', (o) => (o.spec.template.spec.containers[0].imagePullPolicy = true), `${DEP}json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy`],
  ['string into bool', 'Deployment', (o) => (o.spec.paused = 'true'), `${DEP}json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool`],
  ['number label value', 'Deployment', (o) => (o.metadata.labels.version = 2), `${DEP}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`],
  ['list instead of map', 'Deployment', (o) => (o.metadata.annotations = ['a']), `${DEP}json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string`],
  ['string instead of ResourceList', 'Deployment', (o) => (o.spec.template.spec.containers[0].resources.limits = '1'), `${DEP}json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList`],
  ['bad quantity', 'Deployment', (o) => (o.spec.template.spec.containers[0].resources.limits.memory = '1GB'), `${DEP}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`],
  ['bad quantity suffix', 'Deployment', (o) => (o.spec.template.spec.containers[0].resources.requests.memory = '32MMi'), `${DEP}unable to parse quantity's suffix`],
  ['bool IntOrString', 'Deployment', (o) => (o.spec.strategy.rollingUpdate.maxSurge = true), `${DEP}json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32`],
  ['fraction IntOrString', 'Deployment', (o) => (o.spec.template.spec.containers[0].readinessProbe.tcpSocket.port = 80.5), `${DEP}json: cannot unmarshal number 80.5 into Go struct field TCPSocketAction.spec.template.spec.containers.readinessProbe.tcpSocket.port of type int32`],
  ['number timestamp', 'Deployment', (o) => (o.metadata.creationTimestamp = 5), `${DEP}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string`],
  ['bad timestamp', 'Deployment', (o) => (o.status.conditions[0].lastUpdateTime = 'yesterday'), `${DEP}parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"`],
  ['embedded struct fields belong to the outer struct', 'Pod', (o) => (o.spec.volumes = [{ name: 'v', hostPath: 'x' }]), `${POD}json: cannot unmarshal string into Go struct field Volume.spec.volumes.hostPath of type v1.HostPathVolumeSource`],
  ['int64 field', 'Pod', (o) => (o.spec.terminationGracePeriodSeconds = '30'), `${POD}json: cannot unmarshal string into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64`],
  ['first type error wins', 'Pod', (o) => { o.spec.hostNetwork = 'yes'; o.spec.containers[0].image = 1; }, `${POD}json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string`],
  ['a custom unmarshaler error stops decoding and wins', 'Pod', (o) => { o.spec.hostNetwork = 'yes'; o.spec.overhead = { cpu: 'lots' }; }, `${POD}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`],
  ['type error beats unknown fields', 'Pod', (o) => { o.spec.foo = 1; o.spec.priority = 'high'; }, `${POD}json: cannot unmarshal string into Go struct field PodSpec.spec.priority of type int32`],
];

describe('decodeObject: type mismatches', () => {
  it.each(TYPE_ERRORS)('%s', (_name, kind, mutate, message) => {
    const obj: any = kind === 'Deployment' ? deployment() : pod();
    mutate(obj);
    for (const fv of ['Strict', 'Warn', 'Ignore'] as FieldValidation[]) {
      const r = decodeObject(kind === 'Deployment' ? info('apps/v1', 'Deployment') : info('v1', 'Pod'), obj, fv);
      expect(r.object).toBeUndefined();
      expect(r.error?.status).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest', code: 400, message });
    }
  });

  it('reports invalid base64 in Secret data like Go', () => {
    const r = decodeObject(info('v1', 'Secret'), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'not base64!' } }, 'Strict');
    expect(r.error?.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
  });
});

describe('decodeObject: unknown fields', () => {
  const unknownDep = () => {
    const o: any = deployment();
    o.spec.replica = 3;
    o.spec.template.spec.containers[0].foo = 'x';
    o.spec.template.spec.volumes[2].emptyDir.mode = 1;
    o.metadata.clusterName = 'old';
    o.extra = true;
    return o;
  };
  const PATHS = [
    'unknown field "metadata.clusterName"',
    'unknown field "spec.template.spec.containers[0].foo"',
    'unknown field "spec.template.spec.volumes[2].emptyDir.mode"',
    'unknown field "spec.replica"',
    'unknown field "extra"',
  ];

  it('Strict: BadRequest listing every unknown field, comma-separated, in document order', () => {
    const r = decodeObject(info('apps/v1', 'Deployment'), unknownDep(), 'Strict');
    expect(r.object).toBeUndefined();
    expect(r.error?.code).toBe(400);
    expect(r.error?.reason).toBe('BadRequest');
    expect(r.error?.message).toBe(`${DEP}strict decoding error: ${PATHS.join(', ')}`);
  });

  it('Warn: one warning per unknown field; unknown fields dropped, known fields kept', () => {
    const r = decodeObject(info('apps/v1', 'Deployment'), unknownDep(), 'Warn');
    expect(r.error).toBeUndefined();
    expect(r.warnings).toEqual(PATHS);
    expect(r.object).toEqual(deployment());
  });

  it('Ignore: dropped silently', () => {
    const r = decodeObject(info('apps/v1', 'Deployment'), unknownDep(), 'Ignore');
    expect(r.warnings).toEqual([]);
    expect(r.object).toEqual(deployment());
  });

  it.each([
    ['unknown metadata field', (o: any) => (o.metadata.lables = { a: 'b' }), 'unknown field "metadata.lables"'],
    ['case matters (Go decoding is case-sensitive here)', (o: any) => (o.spec.Containers = []), 'unknown field "spec.Containers"'],
    ['nested lists', (o: any) => (o.spec.initContainers = [{ name: 'i', image: 'i', volumeMounts: [{ name: 'a', mountPath: '/a' }, { name: 'b', mountPath: '/b', hostPath: '/x' }] }]), 'unknown field "spec.initContainers[0].volumeMounts[1].hostPath"'],
    ['a field from a later Kubernetes version', (o: any) => (o.spec.containers[0].restartPolicyRules = []), 'unknown field "spec.containers[0].restartPolicyRules"'],
    ['removed field', (o: any) => (o.spec.serviceAccountToken = 'x'), 'unknown field "spec.serviceAccountToken"'],
  ])('%s', (_name, mutate, message) => {
    const obj: any = pod();
    mutate(obj);
    expect(decodeObject(info('v1', 'Pod'), obj, 'Strict').error?.message).toBe(`${POD}strict decoding error: ${message}`);
    expect(decodeObject(info('v1', 'Pod'), obj, 'Warn').warnings).toEqual([message]);
  });

  it('deduplicates and does not descend into unknown fields', () => {
    const obj: any = pod();
    obj.spec.extra = { deeper: { x: 1 } };
    expect(decodeObject(info('v1', 'Pod'), obj, 'Warn').warnings).toEqual(['unknown field "spec.extra"']);
  });
});

describe('special scalars', () => {
  it.each([
    ['0', undefined], ['100m', undefined], ['1.5Gi', undefined], ['2e3', undefined], ['1E-3', undefined], ['+1', undefined], ['.5', undefined], ['128974848', undefined],
    ['', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1GB', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1.2.3', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['abc', "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['1mi', "unable to parse quantity's suffix"],
    ['1kK', "unable to parse quantity's suffix"],
  ])('quantity %j', (q, err) => {
    expect(quantityError(q)).toBe(err);
  });

  it.each([
    ['2024-01-02T15:04:05Z', false, undefined],
    ['2024-01-02T15:04:05.123456789+02:00', false, undefined],
    ['2024-02-29T00:00:00Z', false, undefined],
    ['2023-02-29T00:00:00Z', false, 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-13-01T00:00:00Z', false, 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2024-01-02', false, 'parsing time "2024-01-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    ['2024-01-02 15:04:05Z', false, 'parsing time "2024-01-02 15:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 15:04:05Z" as "T"'],
    ['2024-01-02T15:04:05', false, 'parsing time "2024-01-02T15:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-01-02T15:04:05.000000Z', true, undefined],
    ['2024-01-02T15:04:05Z', true, 'parsing time "2024-01-02T15:04:05Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"'],
  ])('time %j (micro %s)', (t, micro, err) => {
    expect(timeError(t, micro)).toBe(err);
  });

  it.each([
    ['', undefined], ['YWRtaW4=', undefined], ['MWYyZDFlMmU2N2Rm', undefined], ['YW\nRt', undefined], ['YWRtaW4', 4], ['abc', 0],
    ['REPLACE_WITH_BASE64_CERT', 7], ['YQ=', 3], ['YQ==x', 4], ['a=', 1],
  ])('base64 %j', (s, offset) => {
    expect(base64ErrorOffset(s)).toBe(offset);
  });
});
