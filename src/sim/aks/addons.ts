// The kube-system add-ons a fresh AKS cluster runs (Kubernetes 1.32, Azure CNI Overlay), as real
// Deployments, DaemonSets, Services, ServiceAccounts and ConfigMaps. The managed control plane's
// addon manager owns them (label addonmanager.kubernetes.io/mode=Reconcile): edits are reverted
// and deleted objects come back. Resource requests follow AKS's manifests (approx. where AKS does
// not publish them).

import type { Container, KubeObject } from '../api/types';
import type { AksClusterSpec } from './spec';

export const ADDON_LABEL = 'addonmanager.kubernetes.io/mode';

export const ADDON_IMAGES = {
  coredns: 'mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-8',
  corednsAutoscaler: 'mcr.microsoft.com/oss/v2/kubernetes/autoscaler/cluster-proportional-autoscaler:v1.9.0-1',
  konnectivityAgent: 'mcr.microsoft.com/oss/v2/kubernetes/apiserver-network-proxy/agent:v0.31.2-2',
  metricsServer: 'mcr.microsoft.com/oss/v2/kubernetes/metrics-server:v0.7.2-4',
  kubeProxy: (version: string) => `mcr.microsoft.com/oss/kubernetes/kube-proxy:v${version}`,
  ipMasqAgent: 'mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.15-2',
  cloudNodeManager: 'mcr.microsoft.com/oss/kubernetes/azure-cloud-node-manager:v1.32.6',
  livenessProbe: 'mcr.microsoft.com/oss/v2/kubernetes-csi/livenessprobe:v2.15.0',
  nodeDriverRegistrar: 'mcr.microsoft.com/oss/v2/kubernetes-csi/csi-node-driver-registrar:v2.13.0',
  azureDisk: 'mcr.microsoft.com/oss/v2/kubernetes-csi/azuredisk-csi:v1.31.11',
  azureFile: 'mcr.microsoft.com/oss/v2/kubernetes-csi/azurefile-csi:v1.31.7',
  azureCns: 'mcr.microsoft.com/containernetworking/azure-cns:v1.6.30',
};

/** Every add-on image, for the image catalog and node image caches. */
export function addonImages(version: string): string[] {
  return Object.values(ADDON_IMAGES).map((v) => (typeof v === 'function' ? v(version) : v));
}

const addonMeta = (name: string, labels: Record<string, string> = {}) => ({
  name,
  namespace: 'kube-system',
  labels: { [ADDON_LABEL]: 'Reconcile', 'kubernetes.azure.com/managedby': 'aks', ...labels },
});

const LINUX = { 'kubernetes.io/os': 'linux' };
const CRITICAL_ADDONS_ONLY = { key: 'CriticalAddonsOnly', operator: 'Exists' };
const TOLERATE_ALL = [{ operator: 'Exists' }];
/** AKS schedules cluster add-ons onto System pools when it can. */
const PREFER_SYSTEM_POOL = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.azure.com/cluster', operator: 'Exists' }, { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }, { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
    },
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 100, preference: { matchExpressions: [{ key: 'kubernetes.azure.com/mode', operator: 'In', values: ['system'] }] } },
    ],
  },
};

function res(cpu: string, memory: string, limits?: { cpu?: string; memory?: string }): Container['resources'] {
  return { requests: { cpu, memory }, ...(limits ? { limits } : {}) };
}

function serviceAccount(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: addonMeta(name) };
}

function deployment(name: string, replicas: number, labels: Record<string, string>, podSpec: Record<string, unknown>, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: addonMeta(name, labels),
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
      template: { metadata: { labels: { ...labels, 'kubernetes.azure.com/managedby': 'aks' } }, spec: { nodeSelector: LINUX, ...podSpec } },
      ...extra,
    },
  };
}

function daemonSet(name: string, labels: Record<string, string>, podSpec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: addonMeta(name, labels),
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
      template: {
        metadata: { labels: { ...labels, 'kubernetes.azure.com/managedby': 'aks' } },
        spec: { nodeSelector: LINUX, tolerations: TOLERATE_ALL, priorityClassName: 'system-node-critical', ...podSpec },
      },
    },
  };
}

const COREFILE = `.:53 {
    errors
    ready
    health {
      lameduck 5s
    }
    kubernetes cluster.local in-addr.arpa ip6.arpa {
      pods insecure
      fallthrough in-addr.arpa ip6.arpa
      ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
    import custom/*.override
}
import custom/*.server
`;

/** The add-on objects, in the order the addon manager applies them. */
export function addonManifests(spec: AksClusterSpec): KubeObject[] {
  const v = spec.kubernetesVersion;
  return [
    ...['coredns', 'coredns-autoscaler', 'konnectivity-agent', 'metrics-server', 'kube-proxy', 'azure-ip-masq-agent', 'cloud-node-manager', 'csi-azuredisk-node-sa', 'csi-azurefile-node-sa', 'azure-cns'].map(serviceAccount),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: addonMeta('coredns', { 'k8s-app': 'kube-dns' }), data: { Corefile: COREFILE } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns-custom', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists', 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true' } }, data: {} },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: addonMeta('coredns-autoscaler', { 'k8s-app': 'coredns-autoscaler' }),
      data: { ladder: '{"coresToReplicas":[[1,2],[512,3],[1024,4],[2048,5]],"nodesToReplicas":[[1,2],[8,3],[16,4],[32,5]]}' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: addonMeta('kube-dns', { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }),
      spec: {
        selector: { 'k8s-app': 'kube-dns' },
        clusterIP: spec.dnsServiceIP,
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: addonMeta('metrics-server', { 'k8s-app': 'metrics-server', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'Metrics-server' }),
      spec: { selector: { 'k8s-app': 'metrics-server' }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
    deployment('coredns', 2, { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', version: 'v20' }, {
      serviceAccountName: 'coredns',
      priorityClassName: 'system-node-critical',
      dnsPolicy: 'Default',
      tolerations: [CRITICAL_ADDONS_ONLY],
      affinity: {
        ...PREFER_SYSTEM_POOL,
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' } },
          ],
        },
      },
      containers: [{
        name: 'coredns',
        image: ADDON_IMAGES.coredns,
        args: ['-conf', '/etc/coredns/Corefile'],
        resources: res('100m', '70Mi', { cpu: '3', memory: '500Mi' }),
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
        ],
        livenessProbe: { httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5 },
        readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10 },
        volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }, { name: 'custom-config-volume', mountPath: '/etc/coredns/custom', readOnly: true }],
      }],
      volumes: [
        { name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } },
        { name: 'custom-config-volume', configMap: { name: 'coredns-custom', optional: true } },
      ],
    }),
    deployment('coredns-autoscaler', 1, { 'k8s-app': 'coredns-autoscaler' }, {
      serviceAccountName: 'coredns-autoscaler',
      priorityClassName: 'system-cluster-critical',
      tolerations: [CRITICAL_ADDONS_ONLY],
      affinity: PREFER_SYSTEM_POOL,
      containers: [{
        name: 'autoscaler',
        image: ADDON_IMAGES.corednsAutoscaler,
        command: ['/cluster-proportional-autoscaler', '--namespace=kube-system', '--configmap=coredns-autoscaler', '--target=deployment/coredns', '--default-params={"ladder":{"coresToReplicas":[[1,2],[512,3],[1024,4],[2048,5]],"nodesToReplicas":[[1,2],[8,3],[16,4],[32,5]]}}', '--logtostderr=true', '--v=2'],
        resources: res('20m', '10Mi', { cpu: '200m', memory: '500Mi' }),
      }],
    }),
    deployment('konnectivity-agent', 2, { app: 'konnectivity-agent' }, {
      serviceAccountName: 'konnectivity-agent',
      priorityClassName: 'system-cluster-critical',
      tolerations: [CRITICAL_ADDONS_ONLY],
      affinity: PREFER_SYSTEM_POOL,
      containers: [{
        name: 'konnectivity-agent',
        image: ADDON_IMAGES.konnectivityAgent,
        resources: res('20m', '20Mi', { cpu: '1', memory: '1Gi' }),
        livenessProbe: { httpGet: { path: '/healthz', port: 8082 }, initialDelaySeconds: 15, timeoutSeconds: 15 },
        readinessProbe: { httpGet: { path: '/readyz', port: 8082 }, periodSeconds: 10 },
      }],
    }),
    deployment('metrics-server', 2, { 'k8s-app': 'metrics-server' }, {
      serviceAccountName: 'metrics-server',
      priorityClassName: 'system-cluster-critical',
      tolerations: [CRITICAL_ADDONS_ONLY],
      affinity: PREFER_SYSTEM_POOL,
      containers: [{
        name: 'metrics-server',
        image: ADDON_IMAGES.metricsServer,
        args: ['--kubelet-insecure-tls', '--kubelet-preferred-address-types=InternalIP', '--cert-dir=/tmp', '--secure-port=4443'],
        ports: [{ name: 'https', containerPort: 4443, protocol: 'TCP' }],
        resources: res('150m', '100Mi', { cpu: '1', memory: '400Mi' }),
        readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
        livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
      }],
    }),
    daemonSet('kube-proxy', { component: 'kube-proxy', tier: 'node' }, {
      serviceAccountName: 'kube-proxy',
      hostNetwork: true,
      containers: [{
        name: 'kube-proxy',
        image: ADDON_IMAGES.kubeProxy(v),
        command: ['kube-proxy', '--conntrack-max-per-core=0', '--metrics-bind-address=0.0.0.0:10249', `--cluster-cidr=${spec.podCidr}`, '--detect-local-mode=ClusterCIDR', '--pod-interface-name-prefix=', '--v=3'],
        resources: res('100m', '0'),
        securityContext: { privileged: true },
      }],
    }),
    daemonSet('azure-ip-masq-agent', { 'k8s-app': 'azure-ip-masq-agent', tier: 'node' }, {
      serviceAccountName: 'azure-ip-masq-agent',
      hostNetwork: true,
      containers: [{ name: 'azure-ip-masq-agent', image: ADDON_IMAGES.ipMasqAgent, resources: res('100m', '50Mi', { cpu: '500m', memory: '250Mi' }), securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } }],
    }),
    daemonSet('cloud-node-manager', { 'k8s-app': 'cloud-node-manager' }, {
      serviceAccountName: 'cloud-node-manager',
      hostNetwork: true,
      containers: [{ name: 'cloud-node-manager', image: ADDON_IMAGES.cloudNodeManager, command: ['cloud-node-manager', '--node-name=$(NODE_NAME)', '--wait-routes=false'], resources: res('50m', '50Mi', { cpu: '2', memory: '512Mi' }) }],
    }),
    daemonSet('csi-azuredisk-node', { app: 'csi-azuredisk-node' }, {
      serviceAccountName: 'csi-azuredisk-node-sa',
      hostNetwork: true,
      containers: [
        { name: 'liveness-probe', image: ADDON_IMAGES.livenessProbe, args: ['--csi-address=/csi/csi.sock', '--probe-timeout=3s', '--http-endpoint=localhost:29603', '--v=2'], resources: res('10m', '20Mi', { memory: '100Mi' }) },
        { name: 'node-driver-registrar', image: ADDON_IMAGES.nodeDriverRegistrar, args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--v=2'], resources: res('10m', '20Mi', { memory: '100Mi' }) },
        { name: 'azuredisk', image: ADDON_IMAGES.azureDisk, args: ['--v=5', '--endpoint=$(CSI_ENDPOINT)', '--nodeid=$(KUBE_NODE_NAME)'], resources: res('10m', '20Mi', { memory: '1000Mi' }), securityContext: { privileged: true } },
      ],
    }),
    daemonSet('csi-azurefile-node', { app: 'csi-azurefile-node' }, {
      serviceAccountName: 'csi-azurefile-node-sa',
      hostNetwork: true,
      containers: [
        { name: 'liveness-probe', image: ADDON_IMAGES.livenessProbe, args: ['--csi-address=/csi/csi.sock', '--probe-timeout=3s', '--http-endpoint=localhost:29613', '--v=2'], resources: res('10m', '20Mi', { memory: '100Mi' }) },
        { name: 'node-driver-registrar', image: ADDON_IMAGES.nodeDriverRegistrar, args: ['--csi-address=$(ADDRESS)', '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)', '--v=2'], resources: res('10m', '20Mi', { memory: '100Mi' }) },
        { name: 'azurefile', image: ADDON_IMAGES.azureFile, args: ['--v=5', '--endpoint=$(CSI_ENDPOINT)', '--nodeid=$(KUBE_NODE_NAME)'], resources: res('10m', '20Mi', { memory: '600Mi' }), securityContext: { privileged: true } },
      ],
    }),
    ...(spec.networkPlugin === 'kubenet'
      ? []
      : [daemonSet('azure-cns', { 'k8s-app': 'azure-cns' }, {
          serviceAccountName: 'azure-cns',
          hostNetwork: true,
          containers: [{ name: 'cns-container', image: ADDON_IMAGES.azureCns, args: ['-c', 'tcp://$(CNSIpAddress):$(CNSPort)', '-t', '$(CNSLogTarget)', '-o', '$(CNSLogDir)'], ports: [{ containerPort: 10090, hostPort: 10090, name: 'api', protocol: 'TCP' }], resources: res('40m', '250Mi', { cpu: '40m', memory: '250Mi' }), securityContext: { capabilities: { add: ['NET_ADMIN'] } } }],
        })]),
  ];
}

/** dns labels exported for tests and explanations */
export const KUBE_DNS_SELECTOR = { 'k8s-app': 'kube-dns' };
