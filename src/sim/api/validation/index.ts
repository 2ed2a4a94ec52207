// Entry points the API server calls after decoding and defaulting an object, before storing it.
// Each returns the field errors that make up a 422 (`invalid(kind, group, name, errs)`), in the
// order kube-apiserver 1.32 reports them.

import type { FieldError } from '../errors';
import type { ResourceInfo } from '../registry';
import type { KubeObject } from '../types';
import { isWorkloadKind, workloadCreateErrs, workloadStatusUpdateErrs, workloadUpdateErrs } from './apps';
import { cronJobCreateErrs, cronJobUpdateErrs, jobCreateErrs, jobStatusUpdateErrs, jobUpdateErrs } from './batch';
import {
  eventErrs,
  leaseErrs,
  namespaceErrs,
  namespaceStatusUpdateErrs,
  nodeErrs,
  nodeUpdateErrs,
  pdbErrs,
  pvcErrs,
  pvcUpdateErrs,
  pvErrs,
  resourceQuotaErrs,
  roleBindingErrs,
  roleBindingUpdateErrs,
  roleErrs,
} from './cluster';
import { configMapErrs, configMapUpdateErrs, secretErrs, secretUpdateErrs } from './config';
import { metaCreateErrs, objectMetaUpdateErrs } from './meta';
import { podCreateErrs, podStatusUpdateErrs, podTemplateSpecErrs, podUpdateErrs } from './pod';
import { endpointsErrs, serviceCreateErrs, serviceStatusUpdateErrs, serviceUpdateErrs } from './service';
import type { Obj } from './util';

export { secretDataDecodeError } from './config';
export { quantityError, canonicalQuantity } from './quantities';

type CreateFn = (o: Obj, info: ResourceInfo) => FieldError[];

const CREATE: Record<string, CreateFn> = {
  Pod: podCreateErrs,
  Job: jobCreateErrs,
  CronJob: cronJobCreateErrs,
  Service: serviceCreateErrs,
  Endpoints: endpointsErrs,
  ConfigMap: configMapErrs,
  Secret: secretErrs,
  Namespace: namespaceErrs,
  Node: nodeErrs,
  Event: eventErrs,
  Lease: leaseErrs,
  PersistentVolumeClaim: pvcErrs,
  PersistentVolume: pvErrs,
  ResourceQuota: resourceQuotaErrs,
  Role: roleErrs,
  ClusterRole: roleErrs,
  RoleBinding: roleBindingErrs,
  ClusterRoleBinding: roleBindingErrs,
  PodDisruptionBudget: pdbErrs,
  PodTemplate: (o, info) => [...metaCreateErrs(info, o.metadata), ...podTemplateSpecErrs(o.template, 'template')],
};

/** Validation of a new object (ValidateX in pkg/apis/<group>/validation). */
export function validateCreate(info: ResourceInfo, obj: KubeObject): FieldError[] {
  const o = obj as Obj;
  if (isWorkloadKind(info.kind)) return workloadCreateErrs({ ...o, kind: info.kind });
  const fn = CREATE[info.kind];
  return fn ? fn(o, info) : metaCreateErrs(info, o.metadata);
}

type UpdateFn = (o: Obj, old: Obj) => FieldError[];

const UPDATE: Record<string, UpdateFn> = {
  Pod: podUpdateErrs,
  Job: jobUpdateErrs,
  CronJob: cronJobUpdateErrs,
  Service: serviceUpdateErrs,
  ConfigMap: configMapUpdateErrs,
  Secret: secretUpdateErrs,
  Node: nodeUpdateErrs,
  PersistentVolumeClaim: pvcUpdateErrs,
  RoleBinding: roleBindingUpdateErrs,
  ClusterRoleBinding: roleBindingUpdateErrs,
  // ValidateNamespaceUpdate only looks at metadata.
  Namespace: (o, old) => objectMetaUpdateErrs(o.metadata, old.metadata),
};

/**
 * Validation of an update (ValidateXUpdate plus the REST strategy's immutability checks). The
 * caller has already carried over what the registry copies from the old object (resourceVersion
 * for unconditional updates, uid, creationTimestamp, allocated clusterIPs/nodePorts, status).
 */
export function validateUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  const o = obj as Obj;
  if (isWorkloadKind(info.kind)) return workloadUpdateErrs({ ...o, kind: info.kind }, old as Obj);
  const fn = UPDATE[info.kind];
  if (fn) return fn(o, old as Obj);
  // Most kinds: metadata update rules, then the spec checks of create (without re-checking the name).
  const spec = validateCreate(info, obj).filter((e) => !e.field.startsWith('metadata.'));
  return [...objectMetaUpdateErrs(o.metadata, (old as Obj).metadata), ...spec];
}

/** Validation of a write to the status subresource (light: counters and a few invariants). */
export function validateStatusUpdate(info: ResourceInfo, obj: KubeObject, old: KubeObject): FieldError[] {
  const o = obj as Obj;
  const prev = old as Obj;
  switch (info.kind) {
    case 'Pod':
      return podStatusUpdateErrs(o, prev);
    case 'Namespace':
      return namespaceStatusUpdateErrs(o, prev);
    case 'Service':
      return serviceStatusUpdateErrs(o, prev);
    case 'Job':
      return jobStatusUpdateErrs(o, prev);
    default:
      if (isWorkloadKind(info.kind)) return workloadStatusUpdateErrs(o, prev);
      return objectMetaUpdateErrs(o.metadata, prev.metadata);
  }
}
