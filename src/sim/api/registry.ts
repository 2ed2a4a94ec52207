// The resources this API server serves: the built-in groups and versions of Kubernetes 1.32 that
// a fresh AKS cluster answers for. Kinds not listed here (CRDs such as ServiceMonitor, removed
// versions such as extensions/v1beta1) get `no matches for kind "X" in version "Y"`, as on AKS.

export interface ResourceInfo {
  group: string; // '' for the core group
  version: string;
  kind: string;
  resource: string; // plural, as in the URL
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
  /** Has spec/status with a status subresource (status is ignored on create/update of the main resource). */
  hasStatus: boolean;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

type Row = [group: string, version: string, kind: string, resource: string, namespaced: boolean, shortNames: string[], opts?: {
  all?: boolean;
  sub?: string[];
  status?: boolean;
  verbs?: string[];
  categories?: string[];
}];

// Order follows `kubectl api-resources` on a 1.32 cluster.
const ROWS: Row[] = [
  ['', 'v1', 'Binding', 'bindings', true, [], { verbs: ['create'] }],
  ['', 'v1', 'ComponentStatus', 'componentstatuses', false, ['cs'], { verbs: ['get', 'list'] }],
  ['', 'v1', 'ConfigMap', 'configmaps', true, ['cm']],
  ['', 'v1', 'Endpoints', 'endpoints', true, ['ep']],
  ['', 'v1', 'Event', 'events', true, ['ev']],
  ['', 'v1', 'LimitRange', 'limitranges', true, ['limits']],
  ['', 'v1', 'Namespace', 'namespaces', false, ['ns'], { sub: ['status', 'finalize'], status: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }],
  ['', 'v1', 'Node', 'nodes', false, ['no'], { sub: ['status', 'proxy'], status: true }],
  ['', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc'], { sub: ['status'], status: true }],
  ['', 'v1', 'PersistentVolume', 'persistentvolumes', false, ['pv'], { sub: ['status'], status: true }],
  ['', 'v1', 'Pod', 'pods', true, ['po'], { all: true, sub: ['status', 'binding', 'eviction', 'log', 'exec', 'portforward', 'proxy', 'attach', 'ephemeralcontainers', 'resize'], status: true }],
  ['', 'v1', 'PodTemplate', 'podtemplates', true, []],
  ['', 'v1', 'ReplicationController', 'replicationcontrollers', true, ['rc'], { all: true, sub: ['status', 'scale'], status: true }],
  ['', 'v1', 'ResourceQuota', 'resourcequotas', true, ['quota'], { sub: ['status'], status: true }],
  ['', 'v1', 'Secret', 'secrets', true, []],
  ['', 'v1', 'ServiceAccount', 'serviceaccounts', true, ['sa'], { sub: ['token'] }],
  ['', 'v1', 'Service', 'services', true, ['svc'], { all: true, sub: ['status', 'proxy'], status: true, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] }],
  ['admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false, []],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false, [], { sub: ['status'], status: true }],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false, []],
  ['admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false, []],
  ['apiextensions.k8s.io', 'v1', 'CustomResourceDefinition', 'customresourcedefinitions', false, ['crd', 'crds'], { sub: ['status'], status: true }],
  ['apiregistration.k8s.io', 'v1', 'APIService', 'apiservices', false, [], { sub: ['status'], status: true }],
  ['apps', 'v1', 'ControllerRevision', 'controllerrevisions', true, []],
  ['apps', 'v1', 'DaemonSet', 'daemonsets', true, ['ds'], { all: true, sub: ['status'], status: true }],
  ['apps', 'v1', 'Deployment', 'deployments', true, ['deploy'], { all: true, sub: ['status', 'scale'], status: true }],
  ['apps', 'v1', 'ReplicaSet', 'replicasets', true, ['rs'], { all: true, sub: ['status', 'scale'], status: true }],
  ['apps', 'v1', 'StatefulSet', 'statefulsets', true, ['sts'], { all: true, sub: ['status', 'scale'], status: true }],
  ['authentication.k8s.io', 'v1', 'SelfSubjectReview', 'selfsubjectreviews', false, [], { verbs: ['create'] }],
  ['authentication.k8s.io', 'v1', 'TokenReview', 'tokenreviews', false, [], { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true, [], { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews', false, [], { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews', false, [], { verbs: ['create'] }],
  ['authorization.k8s.io', 'v1', 'SubjectAccessReview', 'subjectaccessreviews', false, [], { verbs: ['create'] }],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', true, ['hpa'], { all: true, sub: ['status'], status: true }],
  ['batch', 'v1', 'CronJob', 'cronjobs', true, ['cj'], { all: true, sub: ['status'], status: true }],
  ['batch', 'v1', 'Job', 'jobs', true, [], { all: true, sub: ['status'], status: true }],
  ['certificates.k8s.io', 'v1', 'CertificateSigningRequest', 'certificatesigningrequests', false, ['csr'], { sub: ['status', 'approval'], status: true }],
  ['coordination.k8s.io', 'v1', 'Lease', 'leases', true, []],
  ['discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', true, []],
  ['events.k8s.io', 'v1', 'Event', 'events', true, ['ev']],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema', 'flowschemas', false, [], { sub: ['status'], status: true }],
  ['flowcontrol.apiserver.k8s.io', 'v1', 'PriorityLevelConfiguration', 'prioritylevelconfigurations', false, [], { sub: ['status'], status: true }],
  ['networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', false, []],
  ['networking.k8s.io', 'v1', 'Ingress', 'ingresses', true, ['ing'], { sub: ['status'], status: true }],
  ['networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', true, ['netpol']],
  ['node.k8s.io', 'v1', 'RuntimeClass', 'runtimeclasses', false, []],
  ['policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', true, ['pdb'], { sub: ['status'], status: true }],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', false, []],
  ['rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', false, []],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', true, []],
  ['rbac.authorization.k8s.io', 'v1', 'Role', 'roles', true, []],
  ['scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', false, ['pc']],
  ['storage.k8s.io', 'v1', 'CSIDriver', 'csidrivers', false, []],
  ['storage.k8s.io', 'v1', 'CSINode', 'csinodes', false, []],
  ['storage.k8s.io', 'v1', 'CSIStorageCapacity', 'csistoragecapacities', true, []],
  ['storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', false, ['sc']],
  ['storage.k8s.io', 'v1', 'VolumeAttachment', 'volumeattachments', false, [], { sub: ['status'], status: true }],
];

export const RESOURCES: readonly ResourceInfo[] = ROWS.map(([group, version, kind, resource, namespaced, shortNames, o = {}]) => ({
  group,
  version,
  kind,
  resource,
  singular: kind.toLowerCase(),
  namespaced,
  shortNames,
  categories: o.categories ?? (o.all ? ['all'] : []),
  verbs: o.verbs ?? ALL_VERBS,
  subresources: o.sub ?? [],
  hasStatus: o.status ?? false,
}));

/**
 * metrics.k8s.io/v1beta1 (NodeMetrics, PodMetrics): served by metrics-server through the
 * aggregator, computed on read and never stored, and present in discovery only while a
 * metrics-server pod is Ready (see apiserver/metrics.ts). Kept out of RESOURCES for that reason
 * (and because the store keys objects by plural name: `pods` would collide).
 */
export const METRICS_RESOURCES: readonly ResourceInfo[] = [
  { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'NodeMetrics', resource: 'nodes', singular: '', namespaced: false, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: [], hasStatus: false },
  { group: 'metrics.k8s.io', version: 'v1beta1', kind: 'PodMetrics', resource: 'pods', singular: '', namespaced: true, shortNames: [], categories: [], verbs: ['get', 'list'], subresources: [], hasStatus: false },
];

export function apiVersionOf(r: Pick<ResourceInfo, 'group' | 'version'>): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

const byGVR = new Map<string, ResourceInfo>();
const byGVK = new Map<string, ResourceInfo>();
const byName = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  byGVR.set(`${r.group}/${r.version}/${r.resource}`, r);
  byGVK.set(`${apiVersionOf(r)}/${r.kind}`, r);
  // Core first: `events` and `pods` resolve to core/v1 when named alone, as kubectl does.
  for (const n of [r.resource, r.singular, ...r.shortNames, `${r.resource}.${r.group}`]) {
    if (!byName.has(n)) byName.set(n, r);
  }
}

/** The resource behind `apiVersion` + `kind` in a manifest, if this server serves it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return byGVK.get(`${apiVersion}/${kind}`);
}

export function resourceFor(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGVR.get(`${group}/${version}/${resource}`);
}

/** Resolve a name as kubectl accepts it: plural, singular, short name, or `resource.group`. */
export function resolveResource(name: string): ResourceInfo | undefined {
  return byName.get(name.toLowerCase());
}

/** Every group/version served, core first, in discovery order. */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Set<string>();
  const out: { group: string; version: string }[] = [];
  for (const r of RESOURCES) {
    const k = `${r.group}/${r.version}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ group: r.group, version: r.version });
    }
  }
  return out;
}
