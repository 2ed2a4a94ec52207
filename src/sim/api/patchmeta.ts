// Strategic-merge-patch metadata of the built-in types: the `patchStrategy` and `patchMergeKey`
// struct tags of k8s.io/api (core/v1, apps/v1, batch/v1, ...), which
// k8s.io/apimachinery/pkg/util/strategicpatch reads by reflection. We cannot reflect, so the tags
// are written down here as data, one entry per Go struct, listing only the fields that carry a tag
// or lead to a struct that does. Every other field is untagged: maps merge key by key, lists are
// replaced whole. Tags were checked against kubernetes/kubernetes staging/src/k8s.io/api.

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldPatchMeta {
  /** The `patchStrategy` tag; absent means none (maps merge, lists replace). */
  strategy?: PatchStrategy;
  /** The `patchMergeKey` tag: how elements of a merging list of objects are matched. */
  mergeKey?: string;
  /** The Go struct the field holds (for a list, the struct of its elements), to look further down. */
  type?: string;
}

type Struct = Record<string, FieldPatchMeta>;

const merge = (mergeKey?: string, type?: string): FieldPatchMeta => ({ strategy: 'merge', mergeKey, type });
const conditions = merge('type');
const meta: FieldPatchMeta = { type: 'ObjectMeta' };
const template: FieldPatchMeta = { type: 'PodTemplateSpec' };

/** Go struct name -> JSON field name -> tags. */
export const PATCH_STRUCTS: Record<string, Struct> = {
  // k8s.io/apimachinery/pkg/apis/meta/v1
  ObjectMeta: {
    finalizers: { strategy: 'merge' },
    ownerReferences: merge('uid'),
  },

  // core/v1 pods and their templates
  PodTemplateSpec: { metadata: meta, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: merge('name', 'Container'),
    containers: merge('name', 'Container'),
    // EphemeralContainerCommon repeats Container's tags.
    ephemeralContainers: merge('name', 'Container'),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // tolerations and readinessGates have no tags: a patch replaces the whole list.
  },
  Container: {
    ports: merge('containerPort'),
    env: merge('name'),
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
    // envFrom and resizePolicy have no tags.
  },
  PodStatus: {
    conditions,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    // containerStatuses & co. have no tags.
  },

  // core/v1 other kinds
  ServiceSpec: { ports: merge('port') },
  ServiceStatus: { conditions },
  NodeSpec: {
    podCIDRs: { strategy: 'merge' },
    // NodeSpec.Taints carries no patch tags (only Taint.Key does, to no effect): taints are replaced whole.
  },
  NodeStatus: { conditions, addresses: merge('type') },
  NamespaceStatus: { conditions },
  PersistentVolumeClaimStatus: { conditions },
  ReplicationControllerSpec: { template },
  ReplicationControllerStatus: { conditions },
  // Endpoints.subsets has no tags: replaced whole.

  // apps/v1
  DeploymentSpec: { template, strategy: { strategy: 'retainKeys' } },
  DeploymentStatus: { conditions },
  ReplicaSetSpec: { template },
  ReplicaSetStatus: { conditions },
  // DaemonSetSpec.updateStrategy and StatefulSetSpec.updateStrategy have no retainKeys tag (unlike Deployment's).
  DaemonSetSpec: { template },
  DaemonSetStatus: { conditions },
  StatefulSetSpec: { template },
  StatefulSetStatus: { conditions },

  // batch/v1
  JobSpec: { template },
  JobStatus: { conditions },
  JobTemplateSpec: { metadata: meta, spec: { type: 'JobSpec' } },
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },

  // autoscaling/v2, policy/v1
  HorizontalPodAutoscalerStatus: { conditions },
  PodDisruptionBudgetStatus: { conditions },
};

/** Root struct of an object: metadata plus the given spec/status structs and extra fields. */
function root(spec?: string, status?: string, extra: Struct = {}): Struct {
  const s: Struct = { metadata: meta, ...extra };
  if (spec) s.spec = { type: spec };
  if (status) s.status = { type: status };
  return s;
}

/** Kind -> its top-level struct. Kinds not listed only have ObjectMeta's tags. */
export const KIND_STRUCTS: Record<string, Struct> = {
  Pod: root('PodSpec', 'PodStatus'),
  PodTemplate: root(undefined, undefined, { template }),
  ReplicationController: root('ReplicationControllerSpec', 'ReplicationControllerStatus'),
  Service: root('ServiceSpec', 'ServiceStatus'),
  Node: root('NodeSpec', 'NodeStatus'),
  Namespace: root(undefined, 'NamespaceStatus'),
  PersistentVolumeClaim: root(undefined, 'PersistentVolumeClaimStatus'),
  ServiceAccount: root(undefined, undefined, { secrets: merge('name') }),
  ComponentStatus: root(undefined, undefined, { conditions }),
  Deployment: root('DeploymentSpec', 'DeploymentStatus'),
  ReplicaSet: root('ReplicaSetSpec', 'ReplicaSetStatus'),
  DaemonSet: root('DaemonSetSpec', 'DaemonSetStatus'),
  StatefulSet: root('StatefulSetSpec', 'StatefulSetStatus'),
  Job: root('JobSpec', 'JobStatus'),
  CronJob: root('CronJobSpec'),
  HorizontalPodAutoscaler: root(undefined, 'HorizontalPodAutoscalerStatus'),
  PodDisruptionBudget: root(undefined, 'PodDisruptionBudgetStatus'),
  // ConfigMap, Secret, Endpoints, Event, Lease, Scale, ...: ObjectMeta only.
};

const OBJECT_ONLY: Struct = { metadata: meta };

/** A position in the type tree: a struct's field table, or undefined for untyped/free-form data. */
export type PatchStruct = Struct | undefined;

/** The top-level struct of `kind`. */
export function kindPatchStruct(kind: string): Struct {
  return KIND_STRUCTS[kind] ?? OBJECT_ONLY;
}

/** Tags of `field` within `t` (LookupPatchMetadata): untagged fields get `{}`. */
export function lookupPatchMeta(t: PatchStruct, field: string): FieldPatchMeta {
  return t?.[field] ?? {};
}

/** The struct a field holds (its element struct for lists). */
export function fieldPatchStruct(m: FieldPatchMeta): PatchStruct {
  return m.type ? PATCH_STRUCTS[m.type] : undefined;
}

/**
 * Tags of the field at `path` (JSON field names, list elements are transparent) in `kind`,
 * e.g. patchMetaFor('Deployment', ['spec', 'template', 'spec', 'containers', 'env']).
 */
export function patchMetaFor(kind: string, path: readonly string[]): FieldPatchMeta {
  let t: PatchStruct = kindPatchStruct(kind);
  let m: FieldPatchMeta = {};
  for (const f of path) {
    m = lookupPatchMeta(t, f);
    t = fieldPatchStruct(m);
  }
  return m;
}
