// Table-driven checks of tableFor for every printer, with expected rows taken from upstream
// printers_test.go where it has them and from what `kubectl get` shows on a 1.32 cluster.
import { describe, expect, it } from 'vitest';
import { RESOURCES, resourceFor, type ResourceInfo } from '../api/registry';
import type { KubeObject } from '../api/types';
import { hasPrinter, orderForTable, tableFor } from './index';

const NOW = Date.parse('2025-01-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

function info(group: string, resource: string): ResourceInfo {
  const r = RESOURCES.find((x) => x.group === group && x.resource === resource);
  if (!r) throw new Error(`no resource ${group}/${resource}`);
  return r;
}
function obj(kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, creationTimestamp: ago(5 * H), ...meta }, ...rest };
}
const cells = (group: string, resource: string, o: KubeObject) => tableFor(info(group, resource), [o], { now: NOW }).rows[0].cells;
const names = (group: string, resource: string) =>
  tableFor(info(group, resource), [], { now: NOW }).columnDefinitions.map((c) => (c.priority ? `${c.name}*` : c.name));

describe('column definitions (name, `*` = -o wide only)', () => {
  it.each([
    ['', 'nodes', ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*']],
    ['', 'services', ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*']],
    ['', 'events', ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']],
    ['events.k8s.io', 'events', ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', 'Name*']],
    ['apps', 'deployments', ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*']],
    ['apps', 'replicasets', ['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*']],
    ['apps', 'daemonsets', ['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers*', 'Images*', 'Selector*']],
    ['apps', 'statefulsets', ['Name', 'Ready', 'Age', 'Containers*', 'Images*']],
    ['batch', 'jobs', ['Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*']],
    ['batch', 'cronjobs', ['Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers*', 'Images*', 'Selector*']],
    ['', 'persistentvolumes', ['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode*']],
    ['', 'persistentvolumeclaims', ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode*']],
    ['rbac.authorization.k8s.io', 'rolebindings', ['Name', 'Role', 'Age', 'Users*', 'Groups*', 'ServiceAccounts*']],
    ['rbac.authorization.k8s.io', 'roles', ['Name', 'Created At']],
    ['', 'limitranges', ['Name', 'Created At']],
    ['apiextensions.k8s.io', 'customresourcedefinitions', ['Name', 'Created At']],
    ['apiregistration.k8s.io', 'apiservices', ['Name', 'Service', 'Available', 'Age']],
  ])('%s/%s', (group, resource, want) => {
    expect(names(group, resource)).toEqual(want);
  });

  it('types integer and boolean columns as upstream', () => {
    const types = (g: string, r: string) => tableFor(info(g, r), [], { now: NOW }).columnDefinitions.map((c) => c.type);
    expect(types('apps', 'replicasets').slice(1, 4)).toEqual(['integer', 'integer', 'integer']);
    expect(types('batch', 'cronjobs')[3]).toBe('boolean');
    expect(types('', 'limitranges')).toEqual(['string', 'date']);
  });

  it('every served resource prints a minimal object without throwing, Name column first', () => {
    for (const r of RESOURCES) {
      const t = tableFor(r, [{ apiVersion: 'v1', kind: r.kind, metadata: { name: 'x' } }], { now: NOW });
      expect(t.rows[0].cells.length).toBe(t.columnDefinitions.length);
      const nameIdx = t.columnDefinitions.findIndex((c) => c.format === 'name');
      expect(nameIdx, r.resource).toBeGreaterThanOrEqual(0);
    }
    expect(hasPrinter(resourceFor('', 'v1', 'pods')!)).toBe(true);
    expect(hasPrinter(resourceFor('rbac.authorization.k8s.io', 'v1', 'clusterroles')!)).toBe(false);
  });
});

describe('rows', () => {
  const cases: [string, string, string, KubeObject, unknown[]][] = [
    // nodes
    ['node ready, control plane role', '', 'nodes',
      obj('Node', 'aks-nodepool1-19366578-vmss000000', {
        spec: {},
        status: {
          conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
          addresses: [{ type: 'InternalIP', address: '10.224.0.4' }, { type: 'Hostname', address: 'aks-nodepool1-19366578-vmss000000' }],
          nodeInfo: { kubeletVersion: 'v1.32.6', osImage: 'Ubuntu 22.04.5 LTS', kernelVersion: '5.15.0-1089-azure', containerRuntimeVersion: 'containerd://1.7.27-1' },
        },
      }, { labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'agent', 'node-role.kubernetes.io/': 'x' } }),
      ['aks-nodepool1-19366578-vmss000000', 'Ready', 'agent,control-plane', '5h', 'v1.32.6', '10.224.0.4', '<none>', 'Ubuntu 22.04.5 LTS', '5.15.0-1089-azure', 'containerd://1.7.27-1']],
    ['node cordoned and not ready', '', 'nodes',
      obj('Node', 'n', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }),
      ['n', 'NotReady,SchedulingDisabled', '<none>', '5h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    ['node without conditions', '', 'nodes',
      obj('Node', 'n', { spec: { unschedulable: true }, status: {} }),
      ['n', 'Unknown,SchedulingDisabled', '<none>', '5h', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    // services (TestPrintServiceLoadBalancer and friends)
    ['LoadBalancer with two IPs', '', 'services',
      obj('Service', 'service1', { spec: { clusterIPs: ['1.2.3.4'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }] }, status: { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }] } } }),
      ['service1', 'LoadBalancer', '1.2.3.4', '2.3.4.5,3.4.5.6', '80/TCP', '5h', '<none>']],
    ['LoadBalancer pending', '', 'services',
      obj('Service', 'service2', { spec: { clusterIPs: ['1.3.4.5'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }, { port: 8090, protocol: 'UDP' }, { port: 8000, protocol: 'TCP' }, { port: 7777, protocol: 'SCTP' }] } }),
      ['service2', 'LoadBalancer', '1.3.4.5', '<pending>', '80/TCP,8090/UDP,8000/TCP,7777/SCTP', '5h', '<none>']],
    ['LoadBalancer wide list is not elided on the server', '', 'services',
      obj('Service', 'service4', { spec: { clusterIPs: ['1.5.6.7'], type: 'LoadBalancer', ports: [{ port: 80, protocol: 'TCP' }], selector: { foo: 'bar' } }, status: { loadBalancer: { ingress: [{ ip: '2.3.4.5' }, { ip: '3.4.5.6' }, { ip: '5.6.7.8', hostname: 'host5678' }] } } }),
      ['service4', 'LoadBalancer', '1.5.6.7', '2.3.4.5,3.4.5.6,5.6.7.8', '80/TCP', '5h', 'foo=bar']],
    ['NodePort', '', 'services',
      obj('Service', 'web', { spec: { type: 'NodePort', clusterIP: '10.0.12.7', ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }], selector: { app: 'web', tier: 'fe' } } }),
      ['web', 'NodePort', '10.0.12.7', '<none>', '80:31234/TCP', '5h', 'app=web,tier=fe']],
    ['headless ClusterIP without ports', '', 'services',
      obj('Service', 'db', { spec: { type: 'ClusterIP', clusterIPs: ['None'], externalIPs: ['1.1.1.1', '2.2.2.2'] } }),
      ['db', 'ClusterIP', 'None', '1.1.1.1,2.2.2.2', '<none>', '5h', '<none>']],
    ['ExternalName', '', 'services',
      obj('Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }),
      ['ext', 'ExternalName', '<none>', 'example.com', '<none>', '5h', '<none>']],
    // endpoints
    ['endpoints + N more', '', 'endpoints',
      obj('Endpoints', 'web', { subsets: [{ addresses: [{ ip: '10.244.0.5' }, { ip: '10.244.1.4' }, { ip: '10.244.2.3' }, { ip: '10.244.2.9' }], ports: [{ port: 80 }] }] }),
      ['web', '10.244.0.5:80,10.244.1.4:80,10.244.2.3:80 + 1 more...', '5h']],
    ['endpoints, two ports, IPv6', '', 'endpoints',
      obj('Endpoints', 'dns', { subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 53, name: 'dns' }, { port: 9153, name: 'metrics' }] }] }),
      ['dns', '[fd00::1]:53,[fd00::1]:9153', '5h']],
    ['endpoints headless without ports', '', 'endpoints',
      obj('Endpoints', 'h', { subsets: [{ addresses: [{ ip: '10.0.0.1' }] }] }), ['h', '10.0.0.1', '5h']],
    ['endpoints empty', '', 'endpoints', obj('Endpoints', 'e', {}), ['e', '<none>', '5h']],
    // endpointslices
    ['endpointslice', 'discovery.k8s.io', 'endpointslices',
      obj('EndpointSlice', 'web-abc12', { addressType: 'IPv4', ports: [{ port: 80 }, { name: 'x' }, {}, { port: 9 }], endpoints: [{ addresses: ['10.244.0.5'] }, { addresses: ['10.244.1.4'] }] }),
      ['web-abc12', 'IPv4', '80,x,* + 1 more...', '10.244.0.5,10.244.1.4', '5h']],
    ['endpointslice empty', 'discovery.k8s.io', 'endpointslices',
      obj('EndpointSlice', 'e', { addressType: 'IPv4' }), ['e', 'IPv4', '<unset>', '<unset>', '5h']],
    // workloads
    ['deployment', 'apps', 'deployments',
      obj('Deployment', 'web', { spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }, { name: 'side', image: 'busybox' }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } }),
      ['web', '2/3', 3, 2, '5h', 'nginx,side', 'nginx,busybox', 'app=web']],
    ['deployment selector with expressions sorted by key', 'apps', 'deployments',
      obj('Deployment', 'd', { spec: { replicas: 1, selector: { matchLabels: { z: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }, { key: 'm', operator: 'DoesNotExist' }] }, template: { spec: { containers: [] } } } }),
      ['d', '0/1', 0, 0, '5h', '', '', 'a in (x,y),!m,z=1']],
    ['replicaset', 'apps', 'replicasets',
      obj('ReplicaSet', 'web-5d8f', { spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5d8f' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } }, status: { replicas: 3, readyReplicas: 1 } }),
      ['web-5d8f', 3, 3, 1, '5h', 'nginx', 'nginx:1.27', 'app=web,pod-template-hash=5d8f']],
    ['daemonset', 'apps', 'daemonsets',
      obj('DaemonSet', 'kube-proxy', { spec: { selector: { matchLabels: { component: 'kube-proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.32.6' }] } } }, status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 } }),
      ['kube-proxy', 3, 3, 3, 3, 3, 'kubernetes.io/os=linux', '5h', 'kube-proxy', 'mcr.microsoft.com/oss/kubernetes/kube-proxy:v1.32.6', 'component=kube-proxy']],
    ['statefulset', 'apps', 'statefulsets',
      obj('StatefulSet', 'db', { spec: { replicas: 3, template: { spec: { containers: [{ name: 'pg', image: 'postgres' }] } } }, status: { readyReplicas: 2 } }),
      ['db', '2/3', '5h', 'pg', 'postgres']],
    ['controllerrevision', 'apps', 'controllerrevisions',
      obj('ControllerRevision', 'kube-proxy-7c9b', { revision: 2 }, { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u', controller: true }] }),
      ['kube-proxy-7c9b', 'daemonset.apps/kube-proxy', 2, '5h']],
    ['replicationcontroller', '', 'replicationcontrollers',
      obj('ReplicationController', 'rc', { spec: { replicas: 2, selector: { a: 'b' }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } }, status: { replicas: 2, readyReplicas: 2 } }),
      ['rc', 2, 2, 2, '5h', 'c', 'i', 'a=b']],
    // jobs (TestPrintJob shapes)
    ['job running with completions', 'batch', 'jobs',
      obj('Job', 'job1', { spec: { completions: 2, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u' } }, template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } }, status: { succeeded: 1, startTime: ago(3 * M + 12 * S) } }),
      ['job1', 'Running', '1/2', '3m12s', '5h', 'pi', 'perl', 'batch.kubernetes.io/controller-uid=u']],
    ['job complete: duration start -> completion', 'batch', 'jobs',
      obj('Job', 'job2', { spec: { template: { spec: { containers: [] } } }, status: { succeeded: 1, startTime: ago(2 * H), completionTime: ago(2 * H - 45 * S), conditions: [{ type: 'Complete', status: 'True' }] } }),
      ['job2', 'Complete', '1/1', '45s', '5h', '', '', '<none>']],
    ['job parallel without completions, not started', 'batch', 'jobs',
      obj('Job', 'job3', { spec: { parallelism: 2, template: { spec: { containers: [] } } }, status: {} }),
      ['job3', 'Running', '0/1 of 2', '', '5h', '', '', '<none>']],
    ['job failed', 'batch', 'jobs',
      obj('Job', 'j', { spec: { completions: 1, template: { spec: { containers: [] } } }, status: { failed: 6, conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] } }),
      ['j', 'Failed', '0/1', '', '5h', '', '', '<none>']],
    ['job suspended', 'batch', 'jobs',
      obj('Job', 'j', { spec: { completions: 1, template: { spec: { containers: [] } } }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }),
      ['j', 'Suspended', '0/1', '', '5h', '', '', '<none>']],
    ['job being deleted', 'batch', 'jobs',
      obj('Job', 'j', { spec: { template: { spec: { containers: [] } } }, status: {} }, { deletionTimestamp: ago(S) }),
      ['j', 'Terminating', '0/1', '', '5h', '', '', '<none>']],
    ['job FailureTarget', 'batch', 'jobs',
      obj('Job', 'j', { spec: { template: { spec: { containers: [] } } }, status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }),
      ['j', 'FailureTarget', '0/1', '', '5h', '', '', '<none>']],
    ['cronjob', 'batch', 'cronjobs',
      obj('CronJob', 'hello', { spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }] } } } } }, status: { active: [{ name: 'x' }], lastScheduleTime: ago(30 * S) } }),
      ['hello', '*/1 * * * *', '<none>', 'False', 1, '30s', '5h', 'hello', 'busybox', '<none>']],
    ['cronjob never scheduled, timezone', 'batch', 'cronjobs',
      obj('CronJob', 'c', { spec: { schedule: '0 0 * * *', timeZone: 'Etc/UTC', jobTemplate: { spec: { template: { spec: { containers: [] } } } } }, status: {} }),
      ['c', '0 0 * * *', 'Etc/UTC', '<unset>', 0, '<none>', '5h', '', '', '<none>']],
    // events
    ['core event', '', 'events',
      obj('Event', 'web-1.17f', { involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{nginx}' }, reason: 'Pulled', message: ' Successfully pulled image "nginx" \n', type: 'Normal', source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: ago(10 * M), lastTimestamp: ago(2 * M), count: 3 }),
      ['2m', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{nginx}', 'kubelet, node-1', 'Successfully pulled image "nginx"', '10m', 3, 'web-1.17f']],
    ['core event from the new API (eventTime, no count)', '', 'events',
      obj('Event', 'e', { involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Scheduled', message: 'Successfully assigned default/p to n1', type: 'Normal', source: {}, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-abc', eventTime: '2025-01-01T11:59:15.123456Z', firstTimestamp: null, lastTimestamp: null }),
      // 44.877 s truncates to 44s, as Go's int(d.Seconds()) does.
      ['44s', 'Normal', 'Scheduled', 'pod/p', '', 'default-scheduler, default-scheduler-abc', 'Successfully assigned default/p to n1', '44s', 1, 'e']],
    ['event series', '', 'events',
      obj('Event', 'e', { involvedObject: { kind: 'Node' }, reason: 'R', message: 'm', type: 'Warning', eventTime: ago(H), series: { count: 7, lastObservedTime: ago(10 * S) } }),
      ['10s', 'Warning', 'R', 'node', '', '', 'm', '60m', 7, 'e']],
    ['events.k8s.io event', 'events.k8s.io', 'events',
      { ...obj('Event', 'e2', { regarding: { kind: 'Deployment', name: 'web' }, reason: 'ScalingReplicaSet', note: 'Scaled up replica set web-5d8f to 3', type: 'Normal', reportingController: 'deployment-controller', deprecatedFirstTimestamp: ago(90 * S), deprecatedLastTimestamp: ago(90 * S), deprecatedCount: 1 }), apiVersion: 'events.k8s.io/v1' },
      ['90s', 'Normal', 'ScalingReplicaSet', 'deployment/web', '', 'deployment-controller', 'Scaled up replica set web-5d8f to 3', '90s', 1, 'e2']],
    // config and identity
    ['namespace', '', 'namespaces', obj('Namespace', 'default', { status: { phase: 'Active' } }), ['default', 'Active', '5h']],
    ['configmap counts data and binaryData', '', 'configmaps', obj('ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' }, binaryData: { b: 'eA==' } }), ['kube-root-ca.crt', 2, '5h']],
    ['secret', '', 'secrets', obj('Secret', 's', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'a', 'tls.key': 'b' } }), ['s', 'kubernetes.io/tls', 2, '5h']],
    ['serviceaccount', '', 'serviceaccounts', obj('ServiceAccount', 'default', {}), ['default', 0, '5h']],
    ['lease', 'coordination.k8s.io', 'leases', obj('Lease', 'kube-scheduler', { spec: { holderIdentity: 'kube-scheduler-0_abc' } }), ['kube-scheduler', 'kube-scheduler-0_abc', '5h']],
    // storage
    ['pvc pending', '', 'persistentvolumeclaims',
      obj('PersistentVolumeClaim', 'data', { spec: { storageClassName: 'managed-csi', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } }),
      ['data', 'Pending', '', '', '', 'managed-csi', '<unset>', '5h', '<unset>']],
    ['pvc bound', '', 'persistentvolumeclaims',
      obj('PersistentVolumeClaim', 'data', { spec: { volumeName: 'pvc-123', storageClassName: 'managed-csi', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '8Gi' }, accessModes: ['ReadWriteOnce'] } }),
      ['data', 'Bound', 'pvc-123', '8Gi', 'RWO', 'managed-csi', '<unset>', '5h', 'Filesystem']],
    ['pv bound, terminating', '', 'persistentvolumes',
      obj('PersistentVolume', 'pvc-123', { spec: { capacity: { storage: '8Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'data' }, storageClassName: 'managed-csi' }, status: { phase: 'Bound' } }, { deletionTimestamp: ago(S) }),
      ['pvc-123', '8Gi', 'RWO,RWX', 'Delete', 'Terminating', 'default/data', 'managed-csi', '<unset>', '', '5h', '<unset>']],
    ['default storageclass', 'storage.k8s.io', 'storageclasses',
      obj('StorageClass', 'managed-csi', { provisioner: 'disk.csi.azure.com', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
      ['managed-csi (default)', 'disk.csi.azure.com', 'Delete', 'WaitForFirstConsumer', true, '5h']],
    ['csidriver defaults', 'storage.k8s.io', 'csidrivers', obj('CSIDriver', 'disk.csi.azure.com', { spec: {} }), ['disk.csi.azure.com', true, false, false, '<unset>', false, '<none>', '5h']],
    // networking
    ['ingress', 'networking.k8s.io', 'ingresses',
      obj('Ingress', 'web', { spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, {}, { host: 'b.example.com' }, { host: 'c.example.com' }, { host: 'd.example.com' }], tls: [{}] }, status: { loadBalancer: { ingress: [{ ip: '20.1.2.3' }] } } }),
      ['web', 'nginx', 'a.example.com,b.example.com,c.example.com + 2 more...', '20.1.2.3', '80, 443', '5h']],
    ['ingress without hosts', 'networking.k8s.io', 'ingresses', obj('Ingress', 'i', { spec: {} }), ['i', '<none>', '*', '', '80', '5h']],
    ['ingressclass with parameters', 'networking.k8s.io', 'ingressclasses',
      obj('IngressClass', 'test1', { spec: { controller: 'example.com/controller', parameters: { apiGroup: 'example.com', kind: 'customgroup', name: 'example' } } }),
      ['test1', 'example.com/controller', 'customgroup.example.com/example', '5h']],
    ['networkpolicy selecting all pods', 'networking.k8s.io', 'networkpolicies', obj('NetworkPolicy', 'deny-all', { spec: { podSelector: {} } }), ['deny-all', '<none>', '5h']],
    // autoscaling, policy
    ['hpa with cpu target', 'autoscaling', 'horizontalpodautoscalers',
      obj('HorizontalPodAutoscaler', 'web', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, status: { currentReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 23 } } }] } }),
      ['web', 'Deployment/web', 'cpu: 23%/50%', '1', 10, 3, '5h']],
    ['hpa without metrics yet, three specs', 'autoscaling', 'horizontalpodautoscalers',
      obj('HorizontalPodAutoscaler', 'h', { spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 5, metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { averageUtilization: 80 } } },
        { type: 'Resource', resource: { name: 'memory', target: { averageValue: '100Mi' } } },
        { type: 'Pods', pods: { target: { averageValue: '1k' } } },
      ] }, status: {} }),
      ['h', 'Deployment/d', 'cpu: <unknown>/80%, memory: <unknown>/100Mi + 1 more...', '<unset>', 5, 0, '5h']],
    ['pdb', 'policy', 'poddisruptionbudgets', obj('PodDisruptionBudget', 'coredns-pdb', { spec: { maxUnavailable: 1 }, status: { disruptionsAllowed: 1 } }), ['coredns-pdb', 'N/A', '1', 1, '5h']],
    ['pdb percent', 'policy', 'poddisruptionbudgets', obj('PodDisruptionBudget', 'p', { spec: { minAvailable: '50%' }, status: {} }), ['p', '50%', 'N/A', 0, '5h']],
    // rbac, scheduling, certificates, quota
    ['rolebinding', 'rbac.authorization.k8s.io', 'rolebindings',
      obj('RoleBinding', 'rb', { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'alice' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', namespace: 'default', name: 'sa1' }, { kind: 'User', name: 'bob' }] }),
      ['rb', 'ClusterRole/view', '5h', 'alice, bob', 'devs', 'default/sa1']],
    ['priorityclass', 'scheduling.k8s.io', 'priorityclasses', obj('PriorityClass', 'system-node-critical', { value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' }), ['system-node-critical', 2000001000, false, '5h', 'PreemptLowerPriority']],
    ['csr approved and issued', 'certificates.k8s.io', 'certificatesigningrequests',
      obj('CertificateSigningRequest', 'csr-1', { spec: { signerName: 'kubernetes.io/kube-apiserver-client', username: 'alice', expirationSeconds: 86400 }, status: { conditions: [{ type: 'Approved', status: 'True' }], certificate: 'LS0t' } }),
      ['csr-1', '5h', 'kubernetes.io/kube-apiserver-client', 'alice', '24h', 'Approved,Issued']],
    ['resourcequota', '', 'resourcequotas',
      obj('ResourceQuota', 'q', { status: { hard: { pods: '10', 'requests.cpu': '2', 'limits.memory': '2Gi', 'limits.cpu': '4' }, used: { pods: '3', 'requests.cpu': '500m', 'limits.cpu': '1' } } }),
      ['q', 'pods: 3/10, requests.cpu: 500m/2', 'limits.cpu: 1/4, limits.memory: 0/2Gi', '5h']],
    ['componentstatus', '', 'componentstatuses',
      obj('ComponentStatus', 'etcd-0', { conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }] }), ['etcd-0', 'Healthy', 'ok', '']],
    ['apiservice local', 'apiregistration.k8s.io', 'apiservices',
      obj('APIService', 'v1.apps', { spec: {}, status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] } }), ['v1.apps', 'Local', 'True', '5h']],
    ['apiservice unavailable', 'apiregistration.k8s.io', 'apiservices',
      obj('APIService', 'v1beta1.metrics.k8s.io', { spec: { service: { namespace: 'kube-system', name: 'metrics-server' } }, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } }),
      ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)', '5h']],
    // default table
    ['clusterrole uses the default table', 'rbac.authorization.k8s.io', 'clusterroles', obj('ClusterRole', 'admin', {}, { creationTimestamp: '2025-01-01T07:00:00Z' }), ['admin', '2025-01-01T07:00:00Z']],
    ['default table without creation time', '', 'limitranges', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' } }, ['l', '0001-01-01T00:00:00Z']],
  ];
  it.each(cases)('%s', (_name, group, resource, o, want) => {
    expect(cells(group, resource, o)).toEqual(want);
  });
});

describe('list order', () => {
  it('keeps rows 1:1 with objects, and orders FlowSchemas by matching precedence', () => {
    const fs = (name: string, p: number): KubeObject => obj('FlowSchema', name, { spec: { matchingPrecedence: p, priorityLevelConfiguration: { name: 'global-default' } } });
    const r = info('flowcontrol.apiserver.k8s.io', 'flowschemas');
    const list = [fs('b', 1000), fs('exempt', 1), fs('a', 1000)];
    expect(tableFor(r, list, { now: NOW }).rows.map((x) => x.cells[0])).toEqual(['b', 'exempt', 'a']);
    expect(orderForTable(r, list).map((o) => o.metadata.name)).toEqual(['exempt', 'a', 'b']);
    expect(tableFor(r, [fs('x', 500)], { now: NOW }).rows[0].cells).toEqual(['x', 'global-default', 500, '<none>', '5h', '?']);
  });
  it('ages follow the virtual clock', () => {
    const o = obj('Namespace', 'n', { status: { phase: 'Active' } }, { creationTimestamp: ago(0) });
    const ns = info('', 'namespaces');
    expect(tableFor(ns, [o], { now: NOW + 45 * S }).rows[0].cells[2]).toBe('45s');
    expect(tableFor(ns, [o], { now: NOW + 2 * D + 3 * H }).rows[0].cells[2]).toBe('2d3h');
  });
});
