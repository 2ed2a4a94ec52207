// Defaulting as kube-apiserver 1.32 applies it when it decodes an object: the SetDefaults_*
// functions of pkg/apis/*/v1/defaults.go (pod templates inside workloads get the PodSpec
// defaults, not the Pod-only ones), the canonical form of resource quantities, plus the
// conversions and admission defaults every served object goes through (Secret stringData,
// Service clusterIPs, Pod priority). Create-only strategy steps are in `prepareForCreate`,
// and the Job selector, which needs the uid, is in `applyJobSelectorDefaults`.

import { milliValue } from './quantity';
import type { ResourceInfo } from './registry';
import type { KubeObject } from './types';
import { canonicalQuantity } from './validation/quantities';
import {
  CONTROLLER_UID_LABEL,
  JOB_NAME_LABEL,
  LEGACY_CONTROLLER_UID_LABEL,
  LEGACY_JOB_NAME_LABEL,
} from './validation/batch';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
/** The object at o[k], created if absent (only when o is an object). */
const sub = (o: Obj, k: string): Obj => {
  if (!isObj(o[k])) o[k] = {};
  return o[k];
};
const unset = (v: unknown) => v === undefined || v === null;
const setIfUnset = (o: Obj, k: string, v: unknown) => {
  if (unset(o[k]) || o[k] === '') o[k] = v;
};

// ---------------------------------------------------------------- quantities

/** SetDefaults_ResourceList: round up to milli scale and store the canonical string. */
function canonicalizeResourceList(list: unknown): void {
  if (!isObj(list)) return;
  for (const [k, v] of Object.entries(list)) {
    const c = canonicalQuantity(v);
    if (c !== undefined) list[k] = c;
  }
}

// ---------------------------------------------------------------- pod spec

/** The tag parsers.ParseImageName finds: "latest" when neither a tag nor a digest is given. */
export function imageTag(image: string): string {
  const noDigest = image.split('@')[0];
  const hasDigest = image.includes('@');
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  if (colon >= 0) return noDigest.slice(colon + 1);
  return hasDigest ? '' : 'latest';
}

function defaultProbe(p: unknown): void {
  if (!isObj(p)) return;
  for (const [k, v] of [
    ['timeoutSeconds', 1],
    ['periodSeconds', 10],
    ['successThreshold', 1],
    ['failureThreshold', 3],
  ] as const)
    if (unset(p[k]) || p[k] === 0) p[k] = v;
  defaultHTTPGet(p.httpGet);
}

function defaultHTTPGet(h: unknown): void {
  if (!isObj(h)) return;
  setIfUnset(h, 'path', '/');
  setIfUnset(h, 'scheme', 'HTTP');
}

/** SetDefaults_Container (+ the nested ports, probes, env field selectors, resource lists). */
function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (unset(c.imagePullPolicy) || c.imagePullPolicy === '')
    c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  setIfUnset(c, 'terminationMessagePath', '/dev/termination-log');
  setIfUnset(c, 'terminationMessagePolicy', 'File');
  for (const p of arr(c.ports)) if (isObj(p)) setIfUnset(p, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[probe]);
  if (isObj(c.lifecycle)) for (const hook of ['postStart', 'preStop']) if (isObj(c.lifecycle[hook])) defaultHTTPGet(c.lifecycle[hook].httpGet);
  for (const e of arr(c.env)) if (isObj(e) && isObj(e.valueFrom) && isObj(e.valueFrom.fieldRef)) setIfUnset(e.valueFrom.fieldRef, 'apiVersion', 'v1');
  // ResourceRequirements is a struct, so it always serializes (as `resources: {}` when empty).
  const res = sub(c, 'resources');
  canonicalizeResourceList(res.limits);
  canonicalizeResourceList(res.requests);
}

const DEFAULT_MODE = 420; // 0644

/** SetDefaults_Volume and the volume source defaults. */
function defaultVolume(v: unknown): void {
  if (!isObj(v)) return;
  const sources = Object.keys(v).filter((k) => k !== 'name' && !unset(v[k]));
  if (sources.length === 0) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) if (isObj(v[k])) setIfUnset(v[k], 'defaultMode', DEFAULT_MODE);
  if (isObj(v.hostPath) && unset(v.hostPath.type)) v.hostPath.type = '';
  if (isObj(v.projected))
    for (const s of arr(v.projected.sources)) if (isObj(s) && isObj(s.serviceAccountToken)) setIfUnset(s.serviceAccountToken, 'expirationSeconds', 3600);
  if (isObj(v.downwardAPI))
    for (const item of arr(v.downwardAPI.items)) if (isObj(item) && isObj(item.fieldRef)) setIfUnset(item.fieldRef, 'apiVersion', 'v1');
  if (isObj(v.ephemeral) && isObj(v.ephemeral.volumeClaimTemplate)) defaultPVCSpec(sub(v.ephemeral.volumeClaimTemplate, 'spec'));
  if (isObj(v.emptyDir) && !unset(v.emptyDir.sizeLimit)) {
    const c = canonicalQuantity(v.emptyDir.sizeLimit);
    if (c !== undefined) v.emptyDir.sizeLimit = c;
  }
}

/** SetDefaults_PodSpec plus the nested container and volume defaults. */
function defaultPodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  setIfUnset(spec, 'dnsPolicy', 'ClusterFirst');
  setIfUnset(spec, 'restartPolicy', 'Always');
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (unset(spec.terminationGracePeriodSeconds)) spec.terminationGracePeriodSeconds = 30;
  setIfUnset(spec, 'schedulerName', 'default-scheduler');
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) for (const c of arr(spec[list])) defaultContainer(c);
  for (const v of arr(spec.volumes)) defaultVolume(v);
  if (isObj(spec.overhead)) canonicalizeResourceList(spec.overhead);
}

function defaultPodTemplate(tmpl: unknown): void {
  if (isObj(tmpl)) defaultPodSpec(tmpl.spec);
}

const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** SetDefaults_Pod (Pods only, not templates) and the Priority admission plugin's defaults. */
function defaultPod(pod: Obj): void {
  const spec = sub(pod, 'spec');
  // Requests default to limits, before the container-level canonicalization.
  for (const list of ['containers', 'initContainers'])
    for (const c of arr(spec[list])) {
      if (!isObj(c) || !isObj(c.resources) || !isObj(c.resources.limits)) continue;
      const req = sub(c.resources, 'requests');
      for (const [k, v] of Object.entries(c.resources.limits)) if (!(k in req)) req[k] = v;
    }
  if (unset(spec.enableServiceLinks)) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true)
    for (const list of ['containers', 'initContainers'])
      for (const c of arr(spec[list])) for (const p of arr(isObj(c) ? c.ports : undefined)) if (isObj(p) && !p.hostPort) p.hostPort = p.containerPort;
  defaultPodSpec(spec);
  // Priority admission: no class means the default priority 0 (AKS has no globalDefault class).
  // Other named classes are resolved by the API server's admission, which can read the store.
  const pcName = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  if (!pcName) {
    if (unset(spec.priority)) spec.priority = 0;
    setIfUnset(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  } else if (pcName in SYSTEM_PRIORITY_CLASSES) {
    if (unset(spec.priority)) spec.priority = SYSTEM_PRIORITY_CLASSES[pcName];
    setIfUnset(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}

// ---------------------------------------------------------------- workloads

function defaultPVCSpec(spec: Obj): void {
  setIfUnset(spec, 'volumeMode', 'Filesystem');
  if (isObj(spec.resources)) {
    canonicalizeResourceList(spec.resources.requests);
    canonicalizeResourceList(spec.resources.limits);
  }
}

function defaultDeployment(d: Obj): void {
  const spec = sub(d, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  const strategy = sub(spec, 'strategy');
  setIfUnset(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = sub(strategy, 'rollingUpdate');
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = '25%';
    if (unset(ru.maxSurge)) ru.maxSurge = '25%';
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  if (unset(spec.progressDeadlineSeconds)) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
}

function defaultReplicaSet(rs: Obj): void {
  const spec = sub(rs, 'spec');
  if (unset(spec.replicas)) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

function defaultDaemonSet(ds: Obj): void {
  const spec = sub(ds, 'spec');
  const us = sub(spec, 'updateStrategy');
  setIfUnset(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = sub(us, 'rollingUpdate');
    if (unset(ru.maxUnavailable)) ru.maxUnavailable = 1;
    if (unset(ru.maxSurge)) ru.maxSurge = 0;
  }
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
}

function defaultStatefulSet(sts: Obj): void {
  const spec = sub(sts, 'spec');
  setIfUnset(spec, 'podManagementPolicy', 'OrderedReady');
  const us = sub(spec, 'updateStrategy');
  if (unset(us.type) || us.type === '') {
    us.type = 'RollingUpdate';
    if (!isObj(us.rollingUpdate)) us.rollingUpdate = {};
  }
  if (us.type === 'RollingUpdate' && isObj(us.rollingUpdate) && unset(us.rollingUpdate.partition)) us.rollingUpdate.partition = 0;
  const policy = sub(spec, 'persistentVolumeClaimRetentionPolicy');
  setIfUnset(policy, 'whenDeleted', 'Retain');
  setIfUnset(policy, 'whenScaled', 'Retain');
  if (unset(spec.replicas)) spec.replicas = 1;
  if (unset(spec.revisionHistoryLimit)) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  for (const t of arr(spec.volumeClaimTemplates)) {
    if (!isObj(t)) continue;
    defaultPVCSpec(sub(t, 'spec'));
    setIfUnset(sub(t, 'status'), 'phase', 'Pending');
  }
}

function defaultReplicationController(rc: Obj): void {
  const spec = sub(rc, 'spec');
  const labels = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  if (isObj(labels)) {
    if (!isObj(spec.selector) || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = sub(rc, 'metadata');
    if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  if (unset(spec.replicas)) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

function defaultJob(job: Obj): void {
  const spec = sub(job, 'spec');
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = 6;
  const tmplLabels = isObj(spec.template) && isObj(spec.template.metadata) ? spec.template.metadata.labels : undefined;
  const meta = sub(job, 'metadata');
  if (isObj(tmplLabels) && (!isObj(meta.labels) || Object.keys(meta.labels).length === 0)) meta.labels = { ...tmplLabels };
  setIfUnset(spec, 'completionMode', 'NonIndexed');
  if (unset(spec.suspend)) spec.suspend = false;
  // JobPodReplacementPolicy is beta (on) in 1.32; a podFailurePolicy only allows Failed.
  if (unset(spec.podReplacementPolicy)) spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  if (unset(spec.manualSelector)) spec.manualSelector = false;
  defaultPodTemplate(spec.template);
}

function defaultCronJob(cj: Obj): void {
  const spec = sub(cj, 'spec');
  setIfUnset(spec, 'concurrencyPolicy', 'Allow');
  if (unset(spec.suspend)) spec.suspend = false;
  if (unset(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
  if (unset(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
  // SetDefaults_Job takes a Job, so a job template only gets the pod template defaults.
  if (isObj(spec.jobTemplate) && isObj(spec.jobTemplate.spec)) defaultPodTemplate(spec.jobTemplate.spec.template);
}

// ---------------------------------------------------------------- services and networking

function defaultService(svc: Obj): void {
  const spec = sub(svc, 'spec');
  setIfUnset(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const t = isObj(spec.sessionAffinityConfig) && isObj(spec.sessionAffinityConfig.clientIP) ? spec.sessionAffinityConfig.clientIP.timeoutSeconds : undefined;
    if (unset(t)) spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  }
  setIfUnset(spec, 'type', 'ClusterIP');
  for (const p of arr(spec.ports)) {
    if (!isObj(p)) continue;
    setIfUnset(p, 'protocol', 'TCP');
    if (unset(p.targetPort) || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const external = spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  if (external) setIfUnset(spec, 'externalTrafficPolicy', 'Cluster');
  if (unset(spec.internalTrafficPolicy) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && unset(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type !== 'ExternalName') {
    // The strategy mirrors clusterIP into clusterIPs; the allocator picks the (single) family.
    if (typeof spec.clusterIP === 'string' && spec.clusterIP && arr(spec.clusterIPs).length === 0) spec.clusterIPs = [spec.clusterIP];
    if (arr(spec.ipFamilies).length === 0) spec.ipFamilies = ['IPv4'];
    setIfUnset(spec, 'ipFamilyPolicy', 'SingleStack');
  }
}

function defaultEndpoints(ep: Obj): void {
  for (const s of arr(ep.subsets)) for (const p of arr(isObj(s) ? s.ports : undefined)) if (isObj(p)) setIfUnset(p, 'protocol', 'TCP');
}

function defaultNetworkPolicy(np: Obj): void {
  const spec = sub(np, 'spec');
  for (const dir of ['ingress', 'egress'])
    for (const rule of arr(spec[dir])) for (const p of arr(isObj(rule) ? rule.ports : undefined)) if (isObj(p)) setIfUnset(p, 'protocol', 'TCP');
  if (arr(spec.policyTypes).length === 0) {
    const types = ['Ingress'];
    if (arr(spec.egress).length > 0) types.push('Egress');
    spec.policyTypes = types;
  }
}

// ---------------------------------------------------------------- config, storage, cluster

/** UTF-8 text to standard base64 (no Buffer: this also runs in the browser). */
function toBase64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

function defaultSecret(s: Obj): void {
  setIfUnset(s, 'type', 'Opaque');
  // v1 -> internal conversion: stringData overwrites data and is never stored.
  if (isObj(s.stringData)) {
    const data = sub(s, 'data');
    for (const [k, v] of Object.entries(s.stringData)) data[k] = toBase64(typeof v === 'string' ? v : String(v));
    delete s.stringData;
  }
}

function defaultNamespace(ns: Obj): void {
  const meta = sub(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name) sub(meta, 'labels')['kubernetes.io/metadata.name'] = meta.name;
  setIfUnset(sub(ns, 'status'), 'phase', 'Active');
}

function defaultNode(node: Obj): void {
  const status = isObj(node.status) ? node.status : undefined;
  if (!status) return;
  canonicalizeResourceList(status.capacity);
  canonicalizeResourceList(status.allocatable);
  if (unset(status.allocatable) && isObj(status.capacity)) status.allocatable = { ...status.capacity };
}

function defaultPVC(pvc: Obj): void {
  defaultPVCSpec(sub(pvc, 'spec'));
  setIfUnset(sub(pvc, 'status'), 'phase', 'Pending');
}

function defaultPV(pv: Obj): void {
  const spec = sub(pv, 'spec');
  setIfUnset(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  setIfUnset(spec, 'volumeMode', 'Filesystem');
  canonicalizeResourceList(spec.capacity);
  setIfUnset(sub(pv, 'status'), 'phase', 'Pending');
}

function defaultLimitRange(lr: Obj): void {
  for (const item of arr(isObj(lr.spec) ? lr.spec.limits : undefined)) {
    if (!isObj(item)) continue;
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) canonicalizeResourceList(item[f]);
    if (item.type !== 'Container') continue;
    const def = sub(item, 'default');
    const defReq = sub(item, 'defaultRequest');
    for (const [k, v] of Object.entries(isObj(item.max) ? item.max : {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
    for (const [k, v] of Object.entries(isObj(item.min) ? item.min : {})) if (!(k in defReq)) defReq[k] = v;
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function defaultRoleBinding(b: Obj): void {
  if (isObj(b.roleRef)) setIfUnset(b.roleRef, 'apiGroup', RBAC_GROUP);
  for (const s of arr(b.subjects)) {
    if (!isObj(s) || !unset(s.apiGroup)) continue;
    if (s.kind === 'ServiceAccount') s.apiGroup = '';
    else if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
  }
}

function defaultHPA(h: Obj): void {
  const spec = sub(h, 'spec');
  if (unset(spec.minReplicas)) spec.minReplicas = 1;
  if (arr(spec.metrics).length === 0)
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
}

const BY_KIND: Record<string, (o: Obj) => void> = {
  Pod: defaultPod,
  PodTemplate: (o) => defaultPodTemplate(o.template),
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  DaemonSet: defaultDaemonSet,
  StatefulSet: defaultStatefulSet,
  ReplicationController: defaultReplicationController,
  Job: defaultJob,
  CronJob: defaultCronJob,
  Service: defaultService,
  Endpoints: defaultEndpoints,
  NetworkPolicy: defaultNetworkPolicy,
  Secret: defaultSecret,
  Namespace: defaultNamespace,
  Node: defaultNode,
  PersistentVolumeClaim: defaultPVC,
  PersistentVolume: defaultPV,
  LimitRange: defaultLimitRange,
  ResourceQuota: (o) => canonicalizeResourceList(isObj(o.spec) ? o.spec.hard : undefined),
  RoleBinding: defaultRoleBinding,
  ClusterRoleBinding: defaultRoleBinding,
  HorizontalPodAutoscaler: defaultHPA,
  PriorityClass: (o) => setIfUnset(o, 'preemptionPolicy', 'PreemptLowerPriority'),
  StorageClass: (o) => {
    setIfUnset(o, 'reclaimPolicy', 'Delete');
    setIfUnset(o, 'volumeBindingMode', 'Immediate');
  },
};

/** Fill in what the API server defaults on every create and update of `obj` (mutates it). */
export function applyDefaults(info: ResourceInfo, obj: KubeObject): void {
  const o = obj as Obj;
  if (!isObj(o.metadata)) o.metadata = {};
  // Cluster-scoped objects never carry a namespace (rest.BeforeCreate clears it).
  if (!info.namespaced) delete o.metadata.namespace;
  BY_KIND[info.kind]?.(o);
}

// ---------------------------------------------------------------- create-only steps

/** GetPodQOS: Guaranteed, Burstable or BestEffort from the containers' cpu/memory resources. */
export function podQOSClass(pod: KubeObject): string {
  const spec = isObj(pod.spec) ? pod.spec : {};
  const requests: Record<string, number> = {};
  const limits: Record<string, number> = {};
  let guaranteed = true;
  for (const c of [...arr(spec.containers), ...arr(spec.initContainers)]) {
    const res = isObj(c) && isObj(c.resources) ? c.resources : {};
    for (const [k, v] of Object.entries(isObj(res.requests) ? res.requests : {})) {
      if (k !== 'cpu' && k !== 'memory') continue;
      const m = milliValue(v as string);
      if (m > 0) requests[k] = (requests[k] ?? 0) + m;
    }
    const found = new Set<string>();
    for (const [k, v] of Object.entries(isObj(res.limits) ? res.limits : {})) {
      if (k !== 'cpu' && k !== 'memory') continue;
      const m = milliValue(v as string);
      if (m > 0) {
        found.add(k);
        limits[k] = (limits[k] ?? 0) + m;
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return 'BestEffort';
  if (guaranteed) for (const [k, v] of Object.entries(requests)) if (limits[k] !== v) guaranteed = false;
  return guaranteed && Object.keys(requests).length === Object.keys(limits).length ? 'Guaranteed' : 'Burstable';
}

// Kinds whose REST strategy starts metadata.generation at 1 on create.
const GENERATION_KINDS = new Set([
  'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController', 'Job', 'CronJob',
  'PodDisruptionBudget', 'NetworkPolicy', 'Ingress',
]);

/**
 * The REST strategies' PrepareForCreate steps that only apply to a new object: generation 1,
 * a Pod's initial status (Pending + QoS class), a Namespace's `kubernetes` finalizer and Active
 * phase, a DaemonSet's template-generation annotation. Call after applyDefaults, on create only.
 */
export function prepareForCreate(info: ResourceInfo, obj: KubeObject): void {
  const o = obj as Obj;
  const meta = sub(o, 'metadata');
  if (GENERATION_KINDS.has(info.kind)) meta.generation = 1;
  switch (info.kind) {
    case 'Pod':
      o.status = { phase: 'Pending', qosClass: podQOSClass(obj) };
      break;
    case 'Namespace': {
      const spec = sub(o, 'spec');
      const fins = arr(spec.finalizers);
      if (!fins.includes('kubernetes')) spec.finalizers = [...fins, 'kubernetes'];
      o.status = { phase: 'Active' };
      break;
    }
    case 'DaemonSet':
      sub(meta, 'annotations')['deprecated.daemonset.template.generation'] = '1';
      break;
  }
}

/**
 * The Job strategy's generateSelector, which needs metadata.uid: unless spec.manualSelector is
 * true, label the pod template with batch.kubernetes.io/job-name, batch.kubernetes.io/controller-uid
 * and their legacy forms, and select on the controller-uid label. Call after the uid is set and
 * before validateCreate (which rejects a Job without them).
 */
export function applyJobSelectorDefaults(job: KubeObject): void {
  const o = job as Obj;
  const spec = sub(o, 'spec');
  if (spec.manualSelector === true) return;
  const meta = sub(o, 'metadata');
  const name = typeof meta.name === 'string' ? meta.name : '';
  const uid = typeof meta.uid === 'string' ? meta.uid : '';
  const labels = sub(sub(sub(spec, 'template'), 'metadata'), 'labels');
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  const selector = sub(spec, 'selector');
  const matchLabels = sub(selector, 'matchLabels');
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  // Defaulting runs again when the stored Job is read: an unlabeled Job takes its template's labels.
  if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
}
