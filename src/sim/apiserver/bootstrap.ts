// What kube-apiserver creates for itself when it first starts: the system namespaces, the
// built-in priority classes, and the `default/kubernetes` Service whose endpoints are the API
// server's own address (on AKS, the managed control plane's public IP).

import type { KubeObject } from '../api/types';
import type { ApiServer } from './apiserver';
import { SYSTEM_PRIORITY_CLASSES } from './admission';

export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export interface BootstrapOptions {
  /** The first address of the service CIDR: 10.0.0.1 on AKS. */
  kubernetesServiceIP: string;
  /** Where clients reach the API server (endpoints of `default/kubernetes`). */
  apiServerIP: string;
}

export function bootstrapApiServer(api: ApiServer, opts: BootstrapOptions): void {
  const ctx = { actor: 'kube-apiserver' };
  for (const name of SYSTEM_NAMESPACES) api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, ctx);
  for (const [name, value] of Object.entries(SYSTEM_PRIORITY_CLASSES)) {
    api.create('priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      preemptionPolicy: 'PreemptLowerPriority',
      description: name === 'system-node-critical' ? 'Used for system critical pods that must not be moved from their current node.' : 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    } as KubeObject, ctx);
  }
  api.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: opts.kubernetesServiceIP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  }, ctx);
  api.create('endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: opts.apiServerIP }], ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }],
  }, ctx);
  api.create('endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [opts.apiServerIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
  }, ctx);
}
