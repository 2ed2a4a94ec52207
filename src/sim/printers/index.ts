// Server-side table printing: the columns and cells a Kubernetes 1.32 API server returns for
// `Accept: application/json;as=Table`, shared by the HTTP server and the in-browser kubectl.
// Like the real server (pkg/printers/storage), rows are always generated "wide": kubectl hides
// priority-1 columns itself unless `-o wide`. Kinds without a printer upstream (Role, ClusterRole,
// LimitRange, CRDs...) get the API server's default table: Name and Created At.

import type { ResourceInfo } from '../api/registry';
import type { KubeObject } from '../api/types';
import { apiServicePrinter, clusterRoleBindingPrinter, csiDriverPrinter, csiNodePrinter, csiStorageCapacityPrinter, csrPrinter, endpointSlicePrinter, flowSchemaPrinter, ingressClassPrinter, ingressPrinter, leasePrinter, mutatingWebhookPrinter, networkPolicyPrinter, priorityClassPrinter, priorityLevelPrinter, roleBindingPrinter, runtimeClassPrinter, storageClassPrinter, validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter, validatingWebhookPrinter, volumeAttachmentPrinter } from './cluster';
import { componentStatusPrinter, configMapPrinter, endpointsPrinter, eventPrinter, namespacePrinter, nodePrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, replicationControllerPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core';
import { controllerRevisionPrinter, cronJobPrinter, daemonSetPrinter, deploymentPrinter, hpaPrinter, jobPrinter, podDisruptionBudgetPrinter, replicaSetPrinter, statefulSetPrinter } from './apps';
import { podPrinter, podTemplatePrinter } from './pod';
import { CREATION_DESC, NAME_DESC, col, type Printer, type TableColumn, type TableRow } from './table';

export type { Printer, TableColumn, TableRow, TableRowCondition } from './table';
export { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';

/** Printers by `group/Kind` (group '' for core). */
const PRINTERS: Record<string, Printer> = {
  '/Pod': podPrinter,
  '/PodTemplate': podTemplatePrinter,
  '/Node': nodePrinter,
  '/Namespace': namespacePrinter,
  '/Service': servicePrinter,
  '/Endpoints': endpointsPrinter,
  '/ConfigMap': configMapPrinter,
  '/Secret': secretPrinter,
  '/ServiceAccount': serviceAccountPrinter,
  '/PersistentVolume': persistentVolumePrinter,
  '/PersistentVolumeClaim': persistentVolumeClaimPrinter,
  '/Event': eventPrinter,
  '/ReplicationController': replicationControllerPrinter,
  '/ResourceQuota': resourceQuotaPrinter,
  '/ComponentStatus': componentStatusPrinter,
  'apps/Deployment': deploymentPrinter,
  'apps/ReplicaSet': replicaSetPrinter,
  'apps/DaemonSet': daemonSetPrinter,
  'apps/StatefulSet': statefulSetPrinter,
  'apps/ControllerRevision': controllerRevisionPrinter,
  'batch/Job': jobPrinter,
  'batch/CronJob': cronJobPrinter,
  'autoscaling/HorizontalPodAutoscaler': hpaPrinter,
  'policy/PodDisruptionBudget': podDisruptionBudgetPrinter,
  'events.k8s.io/Event': eventPrinter,
  'discovery.k8s.io/EndpointSlice': endpointSlicePrinter,
  'networking.k8s.io/Ingress': ingressPrinter,
  'networking.k8s.io/IngressClass': ingressClassPrinter,
  'networking.k8s.io/NetworkPolicy': networkPolicyPrinter,
  'rbac.authorization.k8s.io/RoleBinding': roleBindingPrinter,
  'rbac.authorization.k8s.io/ClusterRoleBinding': clusterRoleBindingPrinter,
  'storage.k8s.io/StorageClass': storageClassPrinter,
  'storage.k8s.io/CSIDriver': csiDriverPrinter,
  'storage.k8s.io/CSINode': csiNodePrinter,
  'storage.k8s.io/CSIStorageCapacity': csiStorageCapacityPrinter,
  'storage.k8s.io/VolumeAttachment': volumeAttachmentPrinter,
  'scheduling.k8s.io/PriorityClass': priorityClassPrinter,
  'node.k8s.io/RuntimeClass': runtimeClassPrinter,
  'coordination.k8s.io/Lease': leasePrinter,
  'certificates.k8s.io/CertificateSigningRequest': csrPrinter,
  'flowcontrol.apiserver.k8s.io/FlowSchema': flowSchemaPrinter,
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration': priorityLevelPrinter,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': mutatingWebhookPrinter,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': validatingWebhookPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy': validatingAdmissionPolicyPrinter,
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding': validatingAdmissionPolicyBindingPrinter,
  'apiregistration.k8s.io/APIService': apiServicePrinter,
};

/** rest.DefaultTableConvertor: name and the RFC 3339 creation time (Go's zero time when unset). */
const defaultPrinter: Printer = {
  columns: [col('Name', 'string', NAME_DESC, { format: 'name' }), col('Created At', 'date', CREATION_DESC)],
  row: (o) => {
    const t = Date.parse(o.metadata?.creationTimestamp ?? '');
    const created = Number.isNaN(t) ? '0001-01-01T00:00:00Z' : new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    return { cells: [o.metadata?.name ?? '', created] };
  },
};

/** The printer the API server uses for a resource (its own, or the default table). */
export function printerFor(info: Pick<ResourceInfo, 'group' | 'kind'>): Printer {
  return PRINTERS[`${info.group}/${info.kind}`] ?? defaultPrinter;
}

/** Whether upstream has a dedicated printer for this resource (false: Name + Created At). */
export function hasPrinter(info: Pick<ResourceInfo, 'group' | 'kind'>): boolean {
  return `${info.group}/${info.kind}` in PRINTERS;
}

/**
 * The order the API server prints a list in. Only FlowSchemas are reordered (by matching
 * precedence); everything else keeps list order. Call before tableFor when printing a list.
 */
export function orderForTable(info: Pick<ResourceInfo, 'group' | 'kind'>, objects: KubeObject[]): KubeObject[] {
  const printer = printerFor(info);
  return printer.sort ? printer.sort(objects) : objects;
}

/**
 * The Table the API server returns for these objects: column definitions (with `-o wide` ones at
 * priority 1) and one row per object, cells typed as upstream (strings, integers, booleans).
 * rows[i] always prints objects[i], so callers can attach row objects by index.
 * `now` is the virtual clock in ms, for AGE and similar columns.
 */
export function tableFor(info: ResourceInfo, objects: KubeObject[], opts: { now: number }): { columnDefinitions: TableColumn[]; rows: TableRow[] } {
  const printer = printerFor(info);
  return {
    columnDefinitions: printer.columns.map((c) => ({ ...c })),
    rows: objects.map((o) => printer.row(o, opts.now)),
  };
}
