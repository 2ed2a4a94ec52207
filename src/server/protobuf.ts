// Protobuf request bodies (`Content-Type: application/vnd.kubernetes.protobuf`), which kubectl
// 1.32+ sends for `kubectl create deployment|namespace|configmap|secret|service|job|...`.
// Body = magic "k8s\0" + runtime.Unknown{typeMeta{apiVersion, kind}, raw}; raw is the object in
// its protobuf encoding. We decode it to the JSON the same object would have been sent as, from
// field-number tables taken from k8s.io/api's generated.proto files (only the types and fields
// kubectl's create generators fill in; unknown fields are skipped).

import { ApiError, badRequest } from '../sim/api/errors';
import type { ResourceInfo } from '../sim/api/registry';
import { unsupportedMediaType } from './http';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

// ---------------------------------------------------------------- wire format

interface RawField {
  no: number;
  wire: number;
  /** varint value (wire 0), or fixed64/fixed32 as a bigint */
  int?: bigint;
  bytes?: Buffer;
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  get done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new Error('unexpected EOF');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('proto: integer overflow');
    }
  }
  field(): RawField {
    const key = Number(this.varint());
    const no = key >>> 3;
    const wire = key & 7;
    if (no === 0) throw new Error('proto: illegal tag 0');
    switch (wire) {
      case 0:
        return { no, wire, int: this.varint() };
      case 1:
        return { no, wire, int: this.take(8).readBigUInt64LE() };
      case 2: {
        const len = Number(this.varint());
        return { no, wire, bytes: this.take(len) };
      }
      case 5:
        return { no, wire, int: BigInt(this.take(4).readUInt32LE()) };
      default:
        throw new Error(`proto: illegal wireType ${wire}`);
    }
  }
  private take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.buf.length) throw new Error('unexpected EOF');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function fields(buf: Buffer): RawField[] {
  const r = new Reader(buf);
  const out: RawField[] = [];
  while (!r.done) out.push(r.field());
  return out;
}

// ---------------------------------------------------------------- type tables

type FieldType = 'string' | 'int' | 'bool' | 'bytes' | 'time' | 'intstr' | 'quantity' | 'msg' | 'map';

interface FieldDef {
  name: string;
  type: FieldType;
  /** Message name for 'msg', and for 'map' values that are messages. */
  msg?: string;
  /** Map value type ('string', 'bytes', 'quantity'). */
  value?: FieldType;
  repeated?: boolean;
  /** A Go pointer field: present means set, even to 0/false/"". */
  ptr?: boolean;
  /** An embedded struct whose fields JSON inlines into the parent (IngressRule.ingressRuleValue). */
  inline?: boolean;
}

const s = (name: string, o: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'string', ...o });
const i = (name: string, o: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'int', ...o });
const b = (name: string, o: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'bool', ...o });
const m = (name: string, msg: string, o: Partial<FieldDef> = {}): FieldDef => ({ name, type: 'msg', msg, ...o });
const rs = (name: string): FieldDef => ({ name, type: 'string', repeated: true });
const rm = (name: string, msg: string): FieldDef => ({ name, type: 'msg', msg, repeated: true });
const map = (name: string, value: FieldType = 'string'): FieldDef => ({ name, type: 'map', value });

/** Field numbers from k8s.io/api (1.32) and apimachinery generated.proto. */
const MESSAGES: Record<string, Record<number, FieldDef>> = {
  // meta/v1
  ObjectMeta: {
    1: s('name'), 2: s('generateName'), 3: s('namespace'), 5: s('uid'), 6: s('resourceVersion'), 7: i('generation'),
    8: { name: 'creationTimestamp', type: 'time' }, 11: map('labels'), 12: map('annotations'), 13: rm('ownerReferences', 'OwnerReference'), 14: rs('finalizers'),
  },
  OwnerReference: { 1: s('kind'), 3: s('name'), 4: s('uid'), 5: s('apiVersion'), 6: b('controller', { ptr: true }), 7: b('blockOwnerDeletion', { ptr: true }) },
  LabelSelector: { 1: map('matchLabels'), 2: rm('matchExpressions', 'LabelSelectorRequirement') },
  LabelSelectorRequirement: { 1: s('key'), 2: s('operator'), 3: rs('values') },
  // core/v1
  Namespace: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'NamespaceSpec'), 3: m('status', 'Empty') },
  NamespaceSpec: { 1: rs('finalizers') },
  ConfigMap: { 1: m('metadata', 'ObjectMeta'), 2: map('data'), 3: map('binaryData', 'bytes'), 4: b('immutable', { ptr: true }) },
  Secret: { 1: m('metadata', 'ObjectMeta'), 2: map('data', 'bytes'), 3: s('type'), 4: map('stringData'), 5: b('immutable', { ptr: true }) },
  ServiceAccount: { 1: m('metadata', 'ObjectMeta'), 2: rm('secrets', 'ObjectReference'), 3: rm('imagePullSecrets', 'LocalObjectReference'), 4: b('automountServiceAccountToken', { ptr: true }) },
  ObjectReference: { 1: s('kind'), 2: s('namespace'), 3: s('name'), 4: s('uid'), 5: s('apiVersion'), 6: s('resourceVersion'), 7: s('fieldPath') },
  LocalObjectReference: { 1: s('name') },
  Service: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'ServiceSpec'), 3: m('status', 'Empty') },
  ServiceSpec: {
    1: rm('ports', 'ServicePort'), 2: map('selector'), 3: s('clusterIP'), 4: s('type'), 5: rs('externalIPs'), 7: s('sessionAffinity'), 8: s('loadBalancerIP'),
    9: rs('loadBalancerSourceRanges'), 10: s('externalName'), 11: s('externalTrafficPolicy'), 12: i('healthCheckNodePort'), 13: b('publishNotReadyAddresses'),
    17: s('ipFamilyPolicy', { ptr: true }), 18: rs('clusterIPs'), 19: rs('ipFamilies'), 20: b('allocateLoadBalancerNodePorts', { ptr: true }),
    21: s('loadBalancerClass', { ptr: true }), 22: s('internalTrafficPolicy', { ptr: true }), 23: s('trafficDistribution', { ptr: true }),
  },
  ServicePort: { 1: s('name'), 2: s('protocol'), 3: i('port'), 4: { name: 'targetPort', type: 'intstr' }, 5: i('nodePort'), 6: s('appProtocol', { ptr: true }) },
  ResourceQuota: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'ResourceQuotaSpec'), 3: m('status', 'Empty') },
  ResourceQuotaSpec: { 1: map('hard', 'quantity'), 2: rs('scopes'), 3: m('scopeSelector', 'ScopeSelector') },
  ScopeSelector: { 1: rm('matchExpressions', 'ScopedResourceSelectorRequirement') },
  ScopedResourceSelectorRequirement: { 1: s('scopeName'), 2: s('operator'), 3: rs('values') },
  PodTemplateSpec: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'PodSpec') },
  PodSpec: {
    2: rm('containers', 'Container'), 3: s('restartPolicy'), 4: i('terminationGracePeriodSeconds', { ptr: true }), 5: i('activeDeadlineSeconds', { ptr: true }),
    6: s('dnsPolicy'), 7: map('nodeSelector'), 8: s('serviceAccountName'), 9: s('serviceAccount'), 10: s('nodeName'), 11: b('hostNetwork'),
    15: rm('imagePullSecrets', 'LocalObjectReference'), 16: s('hostname'), 17: s('subdomain'), 19: s('schedulerName'), 20: rm('initContainers', 'Container'),
    21: b('automountServiceAccountToken', { ptr: true }), 24: s('priorityClassName'), 25: i('priority', { ptr: true }), 30: b('enableServiceLinks', { ptr: true }),
  },
  Container: {
    1: s('name'), 2: s('image'), 3: rs('command'), 4: rs('args'), 5: s('workingDir'), 6: rm('ports', 'ContainerPort'), 7: rm('env', 'EnvVar'),
    8: m('resources', 'ResourceRequirements'), 13: s('terminationMessagePath'), 14: s('imagePullPolicy'), 16: b('stdin'), 17: b('stdinOnce'), 18: b('tty'),
    20: s('terminationMessagePolicy'), 24: s('restartPolicy', { ptr: true }),
  },
  ContainerPort: { 1: s('name'), 2: i('hostPort'), 3: i('containerPort'), 4: s('protocol'), 5: s('hostIP') },
  EnvVar: { 1: s('name'), 2: s('value') },
  ResourceRequirements: { 1: map('limits', 'quantity'), 2: map('requests', 'quantity') },
  // apps/v1
  Deployment: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'DeploymentSpec'), 3: m('status', 'Empty') },
  DeploymentSpec: {
    1: i('replicas', { ptr: true }), 2: m('selector', 'LabelSelector'), 3: m('template', 'PodTemplateSpec'), 4: m('strategy', 'DeploymentStrategy'),
    5: i('minReadySeconds'), 6: i('revisionHistoryLimit', { ptr: true }), 7: b('paused'), 9: i('progressDeadlineSeconds', { ptr: true }),
  },
  DeploymentStrategy: { 1: s('type'), 2: m('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: { name: 'maxUnavailable', type: 'intstr', ptr: true }, 2: { name: 'maxSurge', type: 'intstr', ptr: true } },
  // batch/v1
  Job: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'JobSpec'), 3: m('status', 'Empty') },
  JobSpec: {
    1: i('parallelism', { ptr: true }), 2: i('completions', { ptr: true }), 3: i('activeDeadlineSeconds', { ptr: true }), 4: m('selector', 'LabelSelector'),
    5: b('manualSelector', { ptr: true }), 6: m('template', 'PodTemplateSpec'), 7: i('backoffLimit', { ptr: true }), 8: i('ttlSecondsAfterFinished', { ptr: true }),
    9: s('completionMode', { ptr: true }), 10: b('suspend', { ptr: true }),
  },
  CronJob: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'CronJobSpec'), 3: m('status', 'Empty') },
  CronJobSpec: {
    1: s('schedule'), 2: i('startingDeadlineSeconds', { ptr: true }), 3: s('concurrencyPolicy'), 4: b('suspend', { ptr: true }), 5: m('jobTemplate', 'JobTemplateSpec'),
    6: i('successfulJobsHistoryLimit', { ptr: true }), 7: i('failedJobsHistoryLimit', { ptr: true }), 8: s('timeZone', { ptr: true }),
  },
  JobTemplateSpec: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'JobSpec') },
  // rbac.authorization.k8s.io/v1
  Role: { 1: m('metadata', 'ObjectMeta'), 2: rm('rules', 'PolicyRule') },
  ClusterRole: { 1: m('metadata', 'ObjectMeta'), 2: rm('rules', 'PolicyRule'), 3: m('aggregationRule', 'AggregationRule') },
  PolicyRule: { 1: rs('verbs'), 2: rs('apiGroups'), 3: rs('resources'), 4: rs('resourceNames'), 5: rs('nonResourceURLs') },
  AggregationRule: { 1: rm('clusterRoleSelectors', 'LabelSelector') },
  RoleBinding: { 1: m('metadata', 'ObjectMeta'), 2: rm('subjects', 'Subject'), 3: m('roleRef', 'RoleRef') },
  ClusterRoleBinding: { 1: m('metadata', 'ObjectMeta'), 2: rm('subjects', 'Subject'), 3: m('roleRef', 'RoleRef') },
  Subject: { 1: s('kind'), 2: s('apiGroup'), 3: s('name'), 4: s('namespace') },
  RoleRef: { 1: s('apiGroup'), 2: s('kind'), 3: s('name') },
  // networking.k8s.io/v1
  Ingress: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'IngressSpec'), 3: m('status', 'Empty') },
  IngressSpec: { 1: m('defaultBackend', 'IngressBackend'), 2: rm('tls', 'IngressTLS'), 3: rm('rules', 'IngressRule'), 4: s('ingressClassName', { ptr: true }) },
  IngressTLS: { 1: rs('hosts'), 2: s('secretName') },
  IngressRule: { 1: s('host'), 2: m('ingressRuleValue', 'IngressRuleValue', { inline: true }) },
  IngressRuleValue: { 1: m('http', 'HTTPIngressRuleValue') },
  HTTPIngressRuleValue: { 1: rm('paths', 'HTTPIngressPath') },
  HTTPIngressPath: { 1: s('path'), 2: m('backend', 'IngressBackend'), 3: s('pathType', { ptr: true }) },
  IngressBackend: { 3: m('resource', 'TypedLocalObjectReference'), 4: m('service', 'IngressServiceBackend') },
  TypedLocalObjectReference: { 1: s('apiGroup', { ptr: true }), 2: s('kind'), 3: s('name') },
  IngressServiceBackend: { 1: s('name'), 2: m('port', 'ServiceBackendPort') },
  ServiceBackendPort: { 1: s('name'), 2: i('number') },
  // policy/v1
  PodDisruptionBudget: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'PodDisruptionBudgetSpec'), 3: m('status', 'Empty') },
  PodDisruptionBudgetSpec: {
    1: { name: 'minAvailable', type: 'intstr', ptr: true }, 2: m('selector', 'LabelSelector'), 3: { name: 'maxUnavailable', type: 'intstr', ptr: true },
    4: s('unhealthyPodEvictionPolicy', { ptr: true }),
  },
  // scheduling.k8s.io/v1
  PriorityClass: { 1: m('metadata', 'ObjectMeta'), 2: i('value', { ptr: true }), 3: b('globalDefault'), 4: s('description'), 5: s('preemptionPolicy', { ptr: true }) },
  // Status is never taken from a create request: read nothing from it.
  // autoscaling/v1 (kubectl autoscale)
  HorizontalPodAutoscaler: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'HorizontalPodAutoscalerSpec'), 3: m('status', 'Empty') },
  HorizontalPodAutoscalerSpec: { 1: m('scaleTargetRef', 'CrossVersionObjectReference'), 2: i('minReplicas', { ptr: true }), 3: i('maxReplicas'), 4: i('targetCPUUtilizationPercentage', { ptr: true }) },
  CrossVersionObjectReference: { 1: s('kind'), 2: s('name'), 3: s('apiVersion') },
  // authorization.k8s.io/v1 (kubectl auth can-i [--list])
  SelfSubjectAccessReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'SelfSubjectAccessReviewSpec'), 3: m('status', 'Empty') },
  SelfSubjectAccessReviewSpec: { 1: m('resourceAttributes', 'ResourceAttributes'), 2: m('nonResourceAttributes', 'NonResourceAttributes') },
  ResourceAttributes: { 1: s('namespace'), 2: s('verb'), 3: s('group'), 4: s('version'), 5: s('resource'), 6: s('subresource'), 7: s('name') },
  NonResourceAttributes: { 1: s('path'), 2: s('verb') },
  SelfSubjectRulesReview: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'SelfSubjectRulesReviewSpec'), 3: m('status', 'Empty') },
  SelfSubjectRulesReviewSpec: { 1: s('namespace') },
  // authentication.k8s.io/v1 (kubectl auth whoami)
  SelfSubjectReview: { 1: m('metadata', 'ObjectMeta'), 2: m('status', 'Empty') },
  Empty: {},
};

/** apiVersion/kind -> root message. */
const ROOTS: Record<string, string> = {
  'v1/Namespace': 'Namespace',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/Service': 'Service',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/ResourceQuota': 'ResourceQuota',
  'apps/v1/Deployment': 'Deployment',
  'autoscaling/v1/HorizontalPodAutoscaler': 'HorizontalPodAutoscaler',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'SelfSubjectReview',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'Role',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'ClusterRoleBinding',
  'networking.k8s.io/v1/Ingress': 'Ingress',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
  'scheduling.k8s.io/v1/PriorityClass': 'PriorityClass',
};

// ---------------------------------------------------------------- decoding

function int64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

function scalar(type: FieldType, f: RawField, msgName: string): unknown {
  switch (type) {
    case 'string':
      return f.bytes!.toString('utf8');
    case 'bytes':
      return f.bytes!.toString('base64');
    case 'int':
      return int64(f.int!);
    case 'bool':
      return f.int! !== 0n;
    case 'quantity': {
      // resource.Quantity { string string = 1 }
      const q = fields(f.bytes!).find((x) => x.no === 1);
      return q?.bytes ? q.bytes.toString('utf8') : '0';
    }
    case 'intstr': {
      // intstr.IntOrString { type = 1 (0 int, 1 string); intVal = 2; strVal = 3 }
      let kind = 0n;
      let intVal = 0;
      let strVal = '';
      for (const x of fields(f.bytes!)) {
        if (x.no === 1) kind = x.int!;
        else if (x.no === 2) intVal = int64(x.int!);
        else if (x.no === 3) strVal = x.bytes!.toString('utf8');
      }
      return kind === 1n ? strVal : intVal;
    }
    case 'time': {
      // Timestamp { seconds = 1; nanos = 2 }; the zero time is encoded as an empty message.
      if (!f.bytes!.length) return null;
      const sec = fields(f.bytes!).find((x) => x.no === 1);
      return new Date(int64(sec?.int ?? 0n) * 1000).toISOString().replace('.000Z', 'Z');
    }
    default:
      throw new Error(`proto: unexpected scalar type ${type} in ${msgName}`);
  }
}

function expectWire(f: RawField, def: FieldDef, msgName: string): void {
  const wantBytes = def.type !== 'int' && def.type !== 'bool';
  if (wantBytes !== (f.wire === 2) && !(def.repeated && f.wire === 2)) {
    throw new Error(`proto: wrong wireType = ${f.wire} for field ${def.name[0].toUpperCase()}${def.name.slice(1)} of ${msgName}`);
  }
}

/** Decode one message as the JSON the Go type marshals to (omitempty: zero values of non-pointer fields left out). */
function decodeMessage(buf: Buffer, msgName: string): Record<string, unknown> {
  const table = MESSAGES[msgName];
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const def = table[f.no];
    if (!def) continue; // a field kubectl's generators do not set: skipped
    expectWire(f, def, msgName);
    if (def.type === 'map') {
      const entry: Record<string, unknown> = (out[def.name] as Record<string, unknown>) ?? {};
      let key = '';
      let value: unknown = def.value === 'bytes' ? '' : def.value === 'quantity' ? '0' : '';
      for (const x of fields(f.bytes!)) {
        if (x.no === 1) key = x.bytes!.toString('utf8');
        else if (x.no === 2) value = scalar(def.value ?? 'string', x, msgName);
      }
      entry[key] = value;
      out[def.name] = entry;
      continue;
    }
    if (def.repeated) {
      const list = (out[def.name] as unknown[]) ?? [];
      if (def.type === 'int' && f.wire === 2) {
        const r = new Reader(f.bytes!);
        while (!r.done) list.push(int64(r.varint()));
      } else {
        list.push(def.type === 'msg' ? decodeMessage(f.bytes!, def.msg!) : scalar(def.type, f, msgName));
      }
      out[def.name] = list;
      continue;
    }
    const value = def.type === 'msg' ? decodeMessage(f.bytes!, def.msg!) : scalar(def.type, f, msgName);
    if (def.inline) {
      Object.assign(out, value);
      continue;
    }
    if (!def.ptr && (value === '' || value === 0 || value === false || value === null)) continue;
    out[def.name] = value;
  }
  return out;
}

function protobufError(message: string): ApiError {
  return badRequest(`proto: ${message.replace(/^proto: /, '')}`);
}

/**
 * Decode a protobuf request body for a create or update of `info` into a JSON object. 415 for
 * kinds this server cannot read in protobuf (the client then learns which types are accepted).
 */
export function decodeProtobufObject(body: Buffer, _info: ResourceInfo): Record<string, unknown> {
  if (body.length < MAGIC.length || !body.subarray(0, 4).equals(MAGIC)) throw badRequest('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer | undefined;
  try {
    for (const f of fields(body.subarray(4))) {
      if (f.no === 1 && f.bytes) {
        for (const t of fields(f.bytes)) {
          if (t.no === 1) apiVersion = t.bytes!.toString('utf8');
          else if (t.no === 2) kind = t.bytes!.toString('utf8');
        }
      } else if (f.no === 2 && f.bytes) raw = f.bytes;
    }
  } catch (e) {
    throw protobufError((e as Error).message);
  }
  const root = ROOTS[`${apiVersion}/${kind}`];
  if (!root) throw unsupportedMediaType();
  let obj: Record<string, unknown>;
  try {
    obj = decodeMessage(raw ?? Buffer.alloc(0), root);
  } catch (e) {
    throw protobufError((e as Error).message);
  }
  delete obj.status;
  // The envelope's type names the object; the API server then checks it against the URL's resource.
  return { apiVersion, kind, ...obj };
}

/** The kinds this server reads in protobuf (for tests and docs). */
export function protobufKinds(): string[] {
  return Object.keys(ROOTS);
}
