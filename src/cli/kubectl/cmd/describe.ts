// `kubectl describe` (kubectl/pkg/cmd/describe and kubectl/pkg/describe): the resource builder
// finds the objects, then each kind's describer writes its text through a PrefixWriter into Go's
// text/tabwriter (minwidth 0, tabwidth 8, padding 2). With `TYPE NAME` and no such object, every
// object whose name starts with NAME is described instead. Kinds without a describer of their own
// get the generic (unstructured) one. Event ages are computed on the virtual clock.

import type { ResourceInfo } from '../../../sim/api/registry';
import { isApiError } from '../../../sim/api/errors';
import type { KubeObject } from '../../../sim/api/types';
import { humanDuration, parseTime } from '../../../sim/printers/duration';
import { formatLabels, formatLabelSelector, selectorString } from '../../../sim/printers/format';
import { formatBytes, formatMilliCPU, milliValue, intValue } from '../../../sim/api/quantity';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { goSortArray } from '../gosort';
import { build, mappingFor } from '../resources';
import { TabWriter } from '../tabwriter';

// Objects here are read as plain JSON trees: every describer walks optional fields.
type J = any;

const FLAGS: FlagDef[] = [
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'chunk-size', type: 'int64', default: 500, usage: 'Return large lists in chunks rather than all at once.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files containing the resource to describe' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='." },
  { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
];

export function describeCommand(env: Env): Command {
  return {
    name: 'describe',
    short: 'Show details of a specific resource or group of resources',
    use: '(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
    flags: FLAGS,
    run: (ctx) => runDescribe(env, ctx),
  };
}

function runDescribe(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (f.strings('filename').length || f.string('kustomize')) throw new KubectlError('describe -f/-k is not available in Clusterlab\'s terminal yet');
  if (ctx.args.length === 0) {
    throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  }
  const allNamespaces = f.bool('all-namespaces');
  const showEvents = f.bool('show-events');
  const result = build(env, { namespace: cfg.namespace, allNamespaces, labelSelector: f.string('selector'), args: ctx.args });
  for (const w of result.warnings) env.err(`Warning: ${w}\n`);
  const targets: { mapping: ResourceInfo; obj: KubeObject }[] = [];
  for (const info of result.infos) {
    if (info.object) targets.push({ mapping: info.mapping, obj: info.object });
    for (const o of info.list?.items ?? []) targets.push({ mapping: info.mapping, obj: o });
  }
  const errors = [...result.errors];
  if (errors.length === 1 && isApiError(errors[0], 'NotFound') && ctx.args.length === 2 && targets.length === 0) {
    describeMatching(env, errors[0], ctx.args[0], ctx.args[1], cfg.namespace, showEvents);
    return;
  }
  let first = true;
  for (const t of targets) {
    const s = describeObject(env, t.mapping, t.obj, showEvents);
    env.out(first ? s : `\n\n${s}`);
    first = false;
  }
  if (targets.length === 0 && errors.length === 0) {
    env.err(allNamespaces ? 'No resources found\n' : `No resources found in ${cfg.namespace} namespace.\n`);
  }
  if (errors.length) throw new AggregateError(errors);
}

/** DescribeMatchingResources: every object of the type whose name starts with the prefix. */
function describeMatching(env: Env, original: unknown, type: string, prefix: string, namespace: string, showEvents: boolean): void {
  const mapping = mappingFor(type).info;
  const list = env.api.list(mapping, { namespace: mapping.namespaced ? namespace : undefined });
  let found = false;
  for (const o of list.items) {
    if (!(o.metadata.name ?? '').startsWith(prefix)) continue;
    found = true;
    env.out(`${describeObject(env, mapping, o, showEvents)}\n`);
  }
  if (!found) throw new AggregateError([original]);
}

// ------------------------------------------------------------------ the prefix writer


class Writer {
  private readonly tw = new TabWriter({ minWidth: 0, tabWidth: 8, padding: 2 });
  private out = '';
  /** PrefixWriter.Write: the text indented by `level` two-space steps. */
  w(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  /** WriteLine: the text and a newline, no indent. */
  line(text: string): void {
    this.tw.write(`${text}\n`);
  }
  flush(): void {
    this.out += this.tw.flush();
  }
  done(): string {
    this.flush();
    return this.out;
  }
}

// ------------------------------------------------------------------ dispatch

function describeObject(env: Env, mapping: ResourceInfo, obj: J, showEvents: boolean): string {
  const w = new Writer();
  const events = (o: J, kind = true) => (showEvents ? searchEvents(env, o, kind) : undefined);
  switch (`${mapping.group}/${mapping.kind}`) {
    case '/Pod':
      describePod(env, w, obj, events(obj, false));
      break;
    case '/Node':
      describeNode(env, w, obj, showEvents ? nodeEvents(env, obj) : undefined);
      break;
    case '/Service':
      describeService(env, w, obj, events(obj));
      break;
    case '/Endpoints':
      describeEndpoints(env, w, obj, events(obj));
      break;
    case '/ConfigMap':
      describeConfigMap(w, obj);
      if (showEvents) describeEvents(env, w, searchEvents(env, obj, true));
      break;
    case '/Secret':
      describeSecret(w, obj);
      break;
    case '/Namespace':
      describeNamespace(env, w, obj);
      break;
    case '/ServiceAccount':
      describeServiceAccount(env, w, obj, events(obj));
      break;
    case 'apps/Deployment':
      describeDeployment(env, w, obj, events(obj));
      break;
    case 'apps/ReplicaSet':
      describeReplicaSet(env, w, obj, events(obj));
      break;
    case 'apps/DaemonSet':
      describeDaemonSet(env, w, obj, events(obj));
      break;
    case 'apps/StatefulSet':
      describeStatefulSet(env, w, obj, events(obj));
      break;
    case 'batch/Job':
      describeJob(env, w, obj, events(obj));
      break;
    case 'batch/CronJob':
      describeCronJob(env, w, obj, events(obj));
      break;
    case '/ReplicationController':
      describeReplicationController(env, w, obj, events(obj));
      break;
    case '/LimitRange':
      describeLimitRange(w, obj);
      break;
    case '/ResourceQuota':
      describeQuota(w, obj);
      break;
    case '/PersistentVolumeClaim':
      describePVC(env, w, obj, events(obj));
      break;
    case '/PersistentVolume':
      describePV(env, w, obj, events(obj));
      break;
    case 'discovery.k8s.io/EndpointSlice':
      describeEndpointSlice(env, w, obj, events(obj));
      break;
    case 'autoscaling/HorizontalPodAutoscaler':
      describeHPA(env, w, obj, events(obj));
      break;
    case 'networking.k8s.io/Ingress':
      describeIngress(env, w, obj, events(obj));
      break;
    case 'networking.k8s.io/IngressClass':
      describeIngressClass(env, w, obj, events(obj));
      break;
    case 'networking.k8s.io/NetworkPolicy':
      describeNetworkPolicy(w, obj);
      break;
    case 'policy/PodDisruptionBudget':
      describePDB(env, w, obj, events(obj));
      break;
    case 'scheduling.k8s.io/PriorityClass':
      describePriorityClass(env, w, obj, events(obj));
      break;
    case 'storage.k8s.io/StorageClass':
      describeStorageClass(env, w, obj, events(obj));
      break;
    case 'storage.k8s.io/CSINode':
      describeCSINode(env, w, obj, events(obj));
      break;
    case 'rbac.authorization.k8s.io/Role':
    case 'rbac.authorization.k8s.io/ClusterRole':
      describeRole(w, obj);
      break;
    case 'rbac.authorization.k8s.io/RoleBinding':
    case 'rbac.authorization.k8s.io/ClusterRoleBinding':
      describeRoleBinding(w, obj);
      break;
    default:
      describeGeneric(env, w, obj, events(obj));
  }
  return w.done();
}

// ------------------------------------------------------------------ shared pieces

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** time.RFC1123Z in UTC, as kubectl prints timestamps with TZ=UTC. */
export function rfc1123z(ts: string | undefined | null): string {
  const t = parseTime(ts) ?? Date.UTC(1, 0, 1);
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${year} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function since(env: Env, ts: string | undefined | null): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(env.now() - t);
}

function printLabels(w: Writer, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.w(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(byKey);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.w(0, initialIndent);
      w.w(0, innerIndent);
    }
    w.w(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;

function printAnnotations(w: Writer, title: string, annotations: Record<string, string> | undefined): void {
  w.w(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort(byKey);
  if (keys.length === 0) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i !== 0) w.w(0, '\t');
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.w(0, `${k}:\n`);
      for (const s of value.split('\n')) w.w(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}\n`);
    } else {
      w.w(0, `${k}: ${value}\n`);
    }
  });
}

function printTolerations(w: Writer, title: string, tolerations: J[] | undefined, initialIndent = ''): void {
  w.w(0, `${initialIndent}${title}:\t`);
  const list = [...(tolerations ?? [])];
  if (list.length === 0) return w.line('<none>');
  // sort.Slice by key (not stable; keys rarely tie in practice)
  list.sort((a, b) => byKey(a.key ?? '', b.key ?? ''));
  list.forEach((t, i) => {
    if (i !== 0) {
      w.w(0, initialIndent);
      w.w(0, '\t');
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.w(0, `${s}\n`);
  });
}

function printController(o: J): string {
  const ref = (o.metadata?.ownerReferences ?? []).find((r: J) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

/** A Go *bool printed with %v: <nil> when unset (a set one would print its address; its value is the closest honest stand-in). */
function goPtr(v: boolean | undefined | null): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

function stringOrNone(s: string): string {
  return s.length > 0 ? s : '<none>';
}

function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

function intOrStr(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

// ------------------------------------------------------------------ quantities

function isBinary(q: string): boolean {
  return /i$/.test(q);
}

/** The sum of quantities printed as resource.Quantity.String() of the sum (format of the first). */
function sumQuantity(name: string, qs: string[]): string {
  if (qs.length === 0) return '0';
  if (name === 'cpu') return formatMilliCPU(qs.reduce((a, q) => a + milliValue(q), 0));
  if (qs.length === 1) return qs[0];
  const total = qs.reduce((a, q) => a + intValue(q), 0);
  if (isBinary(qs[0]) || /^\d+$/.test(qs[0])) return formatBytes(total);
  for (const [s, f] of [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (total % f === 0) return `${total / f}${s}`;
  }
  return String(total);
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a maximum. */
function podRequestsAndLimits(pod: J): { reqs: Record<string, string[]>; limits: Record<string, string[]> } {
  const collect = (kind: 'requests' | 'limits') => {
    const out: Record<string, string[]> = {};
    for (const c of pod.spec?.containers ?? []) for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) (out[k] ??= []).push(String(v));
    for (const c of pod.spec?.initContainers ?? []) {
      for (const [k, v] of Object.entries(c.resources?.[kind] ?? {})) {
        const cur = out[k] ?? [];
        const value = (q: string) => (k === 'cpu' ? milliValue(q) : intValue(q));
        const total = cur.reduce((a, q) => a + value(q), 0);
        if (value(String(v)) > total) out[k] = [String(v)];
      }
    }
    for (const [k, v] of Object.entries(pod.spec?.overhead ?? {})) if (out[k]) out[k].push(String(v));
    return out;
  };
  return { reqs: collect('requests'), limits: collect('limits') };
}

// ------------------------------------------------------------------ events

/** event.SortableEvents: by lastTimestamp, with Go's (unstable) sort.Sort. */
function sortEvents(events: J[]): J[] {
  const t = (e: J) => parseTime(e.lastTimestamp) ?? 0;
  const out = [...events];
  goSortArray(out, (a, b) => t(a) < t(b));
  return out;
}

/** searchEvents: events whose involvedObject is this object (name, namespace, kind, uid). */
function searchEvents(env: Env, obj: J, withKind: boolean): J[] {
  const sel = [`involvedObject.name=${obj.metadata.name}`, `involvedObject.namespace=${obj.metadata.namespace ?? ''}`];
  if (withKind && obj.kind) sel.push(`involvedObject.kind=${obj.kind}`);
  if (obj.metadata.uid) sel.push(`involvedObject.uid=${obj.metadata.uid}`);
  return env.api.list('events', { namespace: obj.metadata.namespace || undefined, fieldSelector: sel.join(',') }).items;
}

function nodeEvents(env: Env, node: J): J[] {
  const byUID = searchEvents(env, { kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.uid } }, true);
  const byName = searchEvents(env, { kind: 'Node', metadata: { name: node.metadata.name, uid: node.metadata.name } }, true);
  return [...byUID, ...byName];
}

function describeEvents(env: Env, w: Writer, events: J[] | undefined): void {
  if (!events) return;
  if (events.length === 0) return w.w(0, 'Events:\t<none>\n');
  w.flush();
  const sorted = sortEvents(events);
  w.w(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.w(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(env, e.eventTime) : since(env, e.firstTimestamp);
    let interval: string;
    if (e.series) interval = `${since(env, e.series.lastObservedTime)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${since(env, e.lastTimestamp)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.w(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

// ------------------------------------------------------------------ containers and templates

function describeResources(w: Writer, res: J, level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length) w.w(level, 'Limits:\n');
  for (const k of Object.keys(limits).sort(byKey)) w.w(level + 1, `${k}:\t${limits[k]}\n`);
  if (Object.keys(requests).length) w.w(level, 'Requests:\n');
  for (const k of Object.keys(requests).sort(byKey)) w.w(level + 1, `${k}:\t${requests[k]}\n`);
}

function describeProbe(p: J): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = intOrStr(p.httpGet.port);
    const host = p.httpGet.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${String(p.httpGet.scheme ?? '').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrStr(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: Writer, stateName: string, state: J): void {
  if (state?.running) {
    w.w(2, `${stateName}:\tRunning\n`);
    w.w(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.w(2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.w(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.w(2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.w(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.w(3, `Message:\t${t.message}\n`);
    w.w(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.w(3, `Signal:\t${t.signal}\n`);
    w.w(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.w(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.w(2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainers(w: Writer, label: string, containers: J[], statuses: J[] | undefined, pod: J | undefined, space: string): void {
  const byName = new Map<string, J>((statuses ?? []).map((s: J) => [s.name, s]));
  w.w(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    w.w(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.w(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.w(2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.w(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: J) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    w.w(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = (c.ports ?? []).map((p: J) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.w(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`);
    if (c.securityContext?.seccompProfile) {
      w.w(2, `SeccompProfile:\t${c.securityContext.seccompProfile.type}\n`);
      if (c.securityContext.seccompProfile.type === 'Localhost') w.w(3, `LocalhostProfile:\t${c.securityContext.seccompProfile.localhostProfile}\n`);
    }
    if (c.command?.length) {
      w.w(2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.w(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.w(2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.w(3, `${s}\n`);
    }
    if (status) {
      describeStatus(w, 'State', status.state);
      if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
      w.w(2, `Ready:\t${printBool(status.ready)}\n`);
      w.w(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.w(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.w(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.w(2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.w(2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : '';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const optional = ref.optional === true;
        w.w(3, e.prefix ? `${ref.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n` : `${ref.name ?? ''}\t${from}\tOptional: ${optional}\n`);
      }
    }
    w.w(2, `Environment:${(c.env ?? []).length === 0 ? '\t<none>' : ''}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        String(e.value ?? '').split('\n').forEach((s, i) => w.w(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
        continue;
      }
      const vf = e.valueFrom;
      if (vf.fieldRef) w.w(3, `${e.name}:\t${pod ? fieldRefValue(pod, vf.fieldRef.fieldPath) : ''} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
      else if (vf.resourceFieldRef) w.w(3, `${e.name}:\t${resourceFieldValue(c, vf.resourceFieldRef)} (${vf.resourceFieldRef.resource})\n`);
      else if (vf.secretKeyRef) w.w(3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
      else if (vf.configMapKeyRef) w.w(3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: J, b: J) => byKey(a.mountPath, b.mountPath));
    w.w(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.w(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function fieldRefValue(pod: J, path: string): string {
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (m) return pod.metadata?.[m[1]]?.[m[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata?.name ?? '';
    case 'metadata.namespace': return pod.metadata?.namespace ?? '';
    case 'metadata.uid': return pod.metadata?.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.podIP': return pod.status?.podIP ?? '';
    default: return '';
  }
}

function resourceFieldValue(c: J, ref: J): string {
  const [kind, name] = String(ref.resource).split('.');
  const q = c.resources?.[kind]?.[name];
  const divisor = ref.divisor ?? '1';
  if (!q) return kind === 'limits' && (name === 'cpu' || name === 'memory') ? 'node allocatable' : '0';
  if (name === 'cpu') return String(Math.ceil(milliValue(q) / milliValue(divisor)));
  return String(Math.ceil(intValue(q) / Math.max(1, intValue(divisor))));
}

function describeVolumes(w: Writer, volumes: J[] | undefined, space: string): void {
  if (!volumes?.length) return w.w(0, `${space}Volumes:\t<none>\n`);
  w.w(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.w(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) w.w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    else if (v.emptyDir) w.w(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit && intValue(v.emptyDir.sizeLimit) > 0 ? v.emptyDir.sizeLimit : '<unset>'}\n`);
    else if (v.secret) w.w(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
    else if (v.configMap) w.w(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
    else if (v.persistentVolumeClaim) w.w(2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    else if (v.projected) {
      w.w(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        // kubectl 1.32 prints the *bool with %v: <nil> when unset.
        if (s.secret) w.w(2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${goPtr(s.secret.optional)}\n`);
        else if (s.downwardAPI) w.w(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.w(2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${goPtr(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w.w(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds}\n`);
      }
    } else if (v.downwardAPI) {
      w.w(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const it of v.downwardAPI.items ?? []) {
        if (it.fieldRef) w.w(3, `${it.fieldRef.fieldPath} -> ${it.path}\n`);
        if (it.resourceFieldRef) w.w(3, `${it.resourceFieldRef.resource} -> ${it.path}\n`);
      }
    } else if (v.csi) {
      w.w(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
      w.w(2, 'VolumeAttributes:\t');
      const attrs = v.csi.volumeAttributes ?? {};
      const keys = Object.keys(attrs).sort(byKey);
      if (!keys.length) w.line('<none>');
      keys.forEach((k, i) => {
        if (i) {
          w.w(2, '');
          w.w(2, '\t');
        }
        const line = `${k}=${attrs[k]}`;
        w.w(2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
      });
    } else w.w(1, '<unknown>\n');
  }
}

function describeTopologySpread(w: Writer, tscs: J[] | undefined, space: string): void {
  if (!tscs?.length) return;
  const list = [...tscs].sort((a, b) => byKey(a.topologyKey, b.topologyKey));
  w.w(0, `${space}Topology Spread Constraints:\t`);
  list.forEach((t, i) => {
    if (i) {
      w.w(0, space);
      w.w(0, '\t');
    }
    let s = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.w(0, `${s}\n`);
  });
}

function describePodTemplate(w: Writer, template: J): void {
  w.w(0, 'Pod Template:\n');
  if (!template) return w.w(1, '<unset>');
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotations(w, '  Annotations', template.metadata.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.w(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpread(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.w(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations, '  ');
}

function podStatusCounts(env: Env, ns: string, selector: string, uid: string): { running: number; waiting: number; succeeded: number; failed: number } {
  const out = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const p of env.api.list('pods', { namespace: ns, labelSelector: selector || undefined }).items as J[]) {
    const ref = (p.metadata.ownerReferences ?? []).find((r: J) => r.controller);
    if (!ref || ref.uid !== uid) continue;
    switch (p.status?.phase) {
      case 'Running': out.running++; break;
      case 'Pending': out.waiting++; break;
      case 'Succeeded': out.succeeded++; break;
      case 'Failed': out.failed++; break;
    }
  }
  return out;
}

function podsStatusLine(c: { running: number; waiting: number; succeeded: number; failed: number }): string {
  return `${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed`;
}

// ------------------------------------------------------------------ describers

function describePod(env: Env, w: Writer, pod: J, events: J[] | undefined): void {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  w.w(0, `Name:\t${pod.metadata.name}\n`);
  w.w(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined && spec.priority !== null) w.w(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.w(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.w(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.w(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.w(0, spec.nodeName ? `Node:\t${spec.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.w(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  printLabels(w, 'Labels', pod.metadata.labels);
  printAnnotations(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.w(0, `Status:\tTerminating (lasts ${since(env, pod.metadata.deletionTimestamp)})\n`);
    w.w(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.w(0, `Status:\t${st.phase ?? ''}\n`);
  }
  if (st.reason) w.w(0, `Reason:\t${st.reason}\n`);
  if (st.message) w.w(0, `Message:\t${st.message}\n`);
  if (spec.securityContext?.seccompProfile) {
    w.w(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
    if (spec.securityContext.seccompProfile.type === 'Localhost') w.w(0, `LocalhostProfile:\t${spec.securityContext.seccompProfile.localhostProfile}\n`);
  }
  w.w(0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.w(0, 'IPs:\t<none>\n');
  else {
    w.w(0, 'IPs:\n');
    for (const ip of st.podIPs) w.w(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = printController(pod);
  if (controlledBy) w.w(0, `Controlled By:\t${controlledBy}\n`);
  if (st.nominatedNodeName) w.w(0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (spec.resources) {
    w.w(0, 'Resources:\n');
    describeResources(w, spec.resources, 1);
  }
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, st.initContainerStatuses, pod, '');
  describeContainers(w, 'Containers', spec.containers ?? [], st.containerStatuses, pod, '');
  if (spec.ephemeralContainers?.length) describeContainers(w, 'Ephemeral Containers', spec.ephemeralContainers, st.ephemeralContainerStatuses, pod, '');
  if (spec.readinessGates?.length) {
    w.w(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of spec.readinessGates) {
      const c = (st.conditions ?? []).find((x: J) => x.type === g.conditionType);
      w.w(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
    }
  }
  if (st.conditions?.length) {
    w.w(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.w(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, '');
  w.w(0, `QoS Class:\t${st.qosClass ?? qosClass(pod)}\n`);
  printLabels(w, 'Node-Selectors', spec.nodeSelector);
  printTolerations(w, 'Tolerations', spec.tolerations);
  describeTopologySpread(w, spec.topologySpreadConstraints, '');
  describeEvents(env, w, events);
}

/** qos.GetPodQOS, for pods whose status does not carry it yet. */
function qosClass(pod: J): string {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const r = c.resources ?? {};
    for (const k of ['cpu', 'memory']) {
      if (r.requests?.[k] || r.limits?.[k]) any = true;
      const req = r.requests?.[k] ?? r.limits?.[k];
      if (!r.limits?.[k] || req !== r.limits[k]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function describeNode(env: Env, w: Writer, node: J, events: J[] | undefined): void {
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  w.w(0, `Name:\t${node.metadata.name}\n`);
  const roles = new Set<string>();
  for (const [k, v] of Object.entries<string>(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  w.w(0, `Roles:\t${roles.size ? [...roles].sort(byKey).join(',') : '<none>'}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.w(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  w.w(0, 'Taints:\t');
  const taints = [...(spec.taints ?? [])].sort((a: J, b: J) => byKey(`${a.effect},${a.key}`, `${b.effect},${b.key}`));
  if (!taints.length) w.line('<none>');
  taints.forEach((t: J, i: number) => {
    if (i) w.w(0, '\t');
    w.w(0, `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`);
  });
  w.w(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  const lease: J = env.api.tryGet('leases', 'kube-node-lease', node.metadata.name);
  if (lease) {
    w.w(0, 'Lease:\n');
    w.w(1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
    w.w(1, `AcquireTime:\t${lease.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
    w.w(1, `RenewTime:\t${lease.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  } else {
    w.w(0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
  }
  if (st.conditions?.length) {
    w.w(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.w(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.w(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.w(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.w(1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const k of Object.keys(list).sort(byKey)) w.w(0, `  ${k}:\t${list[k]}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length) {
    w.w(0, 'Capacity:\n');
    printList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length) {
    w.w(0, 'Allocatable:\n');
    printList(st.allocatable);
  }
  const ni = st.nodeInfo ?? {};
  w.w(0, 'System Info:\n');
  w.w(0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
  w.w(0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.w(0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
  w.w(0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.w(0, `  OS Image:\t${ni.osImage ?? ''}\n`);
  w.w(0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
  w.w(0, `  Architecture:\t${ni.architecture ?? ''}\n`);
  w.w(0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.w(0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.w(0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.w(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.w(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.w(0, `ProviderID:\t${spec.providerID}\n`);
  const pods = (env.api.list('pods', { fieldSelector: `spec.nodeName=${node.metadata.name},status.phase!=Succeeded,status.phase!=Failed` }).items as J[]);
  describeNodeResource(env, w, pods, st);
  describeEvents(env, w, events);
}

function describeNodeResource(env: Env, w: Writer, pods: J[], st: J): void {
  w.w(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.w(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.w(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(st.allocatable ?? {}).length ? st.allocatable : st.capacity ?? {};
  const allocCPU = milliValue(alloc.cpu);
  const allocMem = intValue(alloc.memory);
  const pct = (v: number, of: number) => (of === 0 ? 0 : Math.trunc((v / of) * 100));
  const totals: { reqs: Record<string, string[]>; limits: Record<string, string[]> } = { reqs: {}, limits: {} };
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    for (const [k, v] of Object.entries(reqs)) (totals.reqs[k] ??= []).push(sumQuantity(k, v));
    for (const [k, v] of Object.entries(limits)) (totals.limits[k] ??= []).push(sumQuantity(k, v));
    const cpuReq = reqs.cpu ? sumQuantity('cpu', reqs.cpu) : '0';
    const cpuLim = limits.cpu ? sumQuantity('cpu', limits.cpu) : '0';
    const memReq = reqs.memory ? sumQuantity('memory', reqs.memory) : '0';
    const memLim = limits.memory ? sumQuantity('memory', limits.memory) : '0';
    w.w(1, `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cpuReq} (${pct(milliValue(cpuReq), allocCPU)}%)\t${cpuLim} (${pct(milliValue(cpuLim), allocCPU)}%)\t${memReq} (${pct(intValue(memReq), allocMem)}%)\t${memLim} (${pct(intValue(memLim), allocMem)}%)\t${since(env, pod.metadata.creationTimestamp)}\n`);
  }
  w.w(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.w(1, 'Resource\tRequests\tLimits\n');
  w.w(1, '--------\t--------\t------\n');
  const total = (m: Record<string, string[]>, k: string) => (m[k] ? sumQuantity(k, m[k]) : '0');
  const cpuR = total(totals.reqs, 'cpu');
  const cpuL = total(totals.limits, 'cpu');
  const memR = total(totals.reqs, 'memory');
  const memL = total(totals.limits, 'memory');
  const esR = total(totals.reqs, 'ephemeral-storage');
  const esL = total(totals.limits, 'ephemeral-storage');
  const allocES = intValue(alloc['ephemeral-storage']);
  w.w(1, `cpu\t${cpuR} (${pct(milliValue(cpuR), allocCPU)}%)\t${cpuL} (${pct(milliValue(cpuL), allocCPU)}%)\n`);
  w.w(1, `memory\t${memR} (${pct(intValue(memR), allocMem)}%)\t${memL} (${pct(intValue(memL), allocMem)}%)\n`);
  w.w(1, `ephemeral-storage\t${esR} (${pct(intValue(esR), allocES)}%)\t${esL} (${pct(intValue(esL), allocES)}%)\n`);
  const names = Object.keys(alloc);
  for (const r of names.filter((n) => n.startsWith('hugepages-')).sort(byKey)) {
    const rq = total(totals.reqs, r);
    const lm = total(totals.limits, r);
    const of = intValue(alloc[r]);
    w.w(1, `${r}\t${rq} (${pct(intValue(rq), of)}%)\t${lm} (${pct(intValue(lm), of)}%)\n`);
  }
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  for (const r of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n) && !n.startsWith('requests.') && !n.startsWith('limits.')).sort(byKey)) {
    w.w(1, `${r}\t${total(totals.reqs, r)}\t${total(totals.limits, r)}\n`);
  }
}

function describeService(env: Env, w: Writer, svc: J, events: J[] | undefined): void {
  const spec = svc.spec ?? {};
  const slices = env.api.list('endpointslices', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` }).items as J[];
  w.w(0, `Name:\t${svc.metadata.name}\n`);
  w.w(0, `Namespace:\t${svc.metadata.namespace}\n`);
  printLabels(w, 'Labels', svc.metadata.labels);
  printAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.w(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.w(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.w(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.w(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.w(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.w(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if (spec.externalIPs?.length) w.w(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.loadBalancerIP) w.w(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.w(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.w(0, `LoadBalancer Ingress:\t${ingress.map((i: J) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : i.hostname)).join(', ')}\n`);
  for (const sp of spec.ports ?? []) {
    const name = sp.name || '<unset>';
    w.w(0, `Port:\t${name}\t${sp.port}/${sp.protocol}\n`);
    w.w(0, `TargetPort:\t${intOrStr(sp.targetPort)}/${sp.protocol}\n`);
    if (sp.nodePort) w.w(0, `NodePort:\t${name}\t${sp.nodePort}/${sp.protocol}\n`);
    w.w(0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
  }
  w.w(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.w(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.w(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.w(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if (spec.loadBalancerSourceRanges?.length) w.w(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
  describeEvents(env, w, events);
}

/** formatEndpointSlices: up to three ready `ip:port` for the named port, then "+ N more...". */
function formatEndpointSlices(slices: J[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    if (!s.ports?.length) {
      for (const e of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const p of s.ports) {
      if ((p.name ?? '') !== portName) continue;
      for (const e of s.endpoints ?? []) {
        if (list.length === max) more = true;
        if (e.conditions?.ready === false) continue;
        const addr = e.addresses[0];
        if (!more) list.push(addr.includes(':') ? `[${addr}]:${p.port}` : `${addr}:${p.port}`);
        count++;
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function describeEndpoints(env: Env, w: Writer, ep: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${ep.metadata.name}\n`);
  w.w(0, `Namespace:\t${ep.metadata.namespace}\n`);
  printLabels(w, 'Labels', ep.metadata.labels);
  printAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.w(0, 'Subsets:\n');
  for (const s of ep.subsets ?? []) {
    w.w(1, `Addresses:\t${(s.addresses ?? []).map((a: J) => a.ip).join(',') || '<none>'}\n`);
    w.w(1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a: J) => a.ip).join(',') || '<none>'}\n`);
    if (s.ports?.length) {
      w.w(1, 'Ports:\n');
      w.w(2, 'Name\tPort\tProtocol\n');
      w.w(2, '----\t----\t--------\n');
      for (const p of s.ports) w.w(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
    }
    w.w(0, '\n');
  }
  describeEvents(env, w, events);
}

function describeConfigMap(w: Writer, cm: J): void {
  w.w(0, `Name:\t${cm.metadata.name}\n`);
  w.w(0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabels(w, 'Labels', cm.metadata.labels);
  printAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.w(0, '\nData\n====\n');
  // Go ranges over a map in random order; sorted keys are one of the orders it can print.
  for (const k of Object.keys(cm.data ?? {}).sort(byKey)) {
    w.w(0, `${k}:\n----\n`);
    w.w(0, `${cm.data[k]}\n`);
    w.w(0, '\n');
  }
  w.w(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort(byKey)) w.w(0, `${k}: ${base64Length(cm.binaryData[k])} bytes\n`);
  w.w(0, '\n');
}

function base64Length(s: string): number {
  const clean = String(s).replace(/=+$/, '');
  return Math.floor((clean.length * 3) / 4);
}

function describeSecret(w: Writer, secret: J): void {
  w.w(0, `Name:\t${secret.metadata.name}\n`);
  w.w(0, `Namespace:\t${secret.metadata.namespace}\n`);
  printLabels(w, 'Labels', secret.metadata.labels);
  printAnnotations(w, 'Annotations', secret.metadata.annotations);
  w.w(0, `\nType:\t${secret.type ?? ''}\n`);
  w.w(0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort(byKey)) {
    if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.w(0, `${k}:\t${decodeBase64(secret.data[k])}\n`);
    else w.w(0, `${k}:\t${base64Length(secret.data[k])} bytes\n`);
  }
}

function decodeBase64(s: string): string {
  try {
    return atob(s);
  } catch {
    return '';
  }
}

function describeNamespace(env: Env, w: Writer, ns: J): void {
  const name = ns.metadata.name;
  w.w(0, `Name:\t${name}\n`);
  printLabels(w, 'Labels', ns.metadata.labels);
  printAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.w(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  if (ns.status?.conditions?.length) {
    w.w(0, 'Conditions:\n');
    w.w(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.w(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of ns.status.conditions) w.w(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  const quotas = [...(env.api.list('resourcequotas', { namespace: name }).items as J[])].sort((a, b) => byKey(a.metadata.name, b.metadata.name));
  w.w(0, '\n');
  if (!quotas.length) w.w(0, 'No resource quota.\n');
  else {
    w.w(0, 'Resource Quotas\n');
    for (const q of quotas) {
      w.w(1, `Name:\t${q.metadata.name}\n`);
      w.w(1, 'Resource\tUsed\tHard\n');
      w.w(1, '--------\t---\t---\n');
      for (const r of Object.keys(q.status?.hard ?? {}).sort(byKey)) w.w(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status.hard[r]}\n`);
    }
  }
  const limits = env.api.list('limitranges', { namespace: name }).items as J[];
  w.w(0, '\n');
  if (!limits.length) w.w(0, 'No LimitRange resource.\n');
  else {
    w.w(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.w(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const lr of limits) {
      for (const item of lr.spec?.limits ?? []) {
        const keys = new Set<string>([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})]);
        for (const k of keys) {
          const v = (m: J) => m?.[k] ?? '-';
          w.w(0, ` ${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
        }
      }
    }
  }
}

function describeServiceAccount(env: Env, w: Writer, sa: J, events: J[] | undefined): void {
  const secrets = env.api.list('secrets', { namespace: sa.metadata.namespace }).items as J[];
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name && s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid);
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);
  w.w(0, `Name:\t${sa.metadata.name}\n`);
  w.w(0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabels(w, 'Labels', sa.metadata.labels);
  printAnnotations(w, 'Annotations', sa.metadata.annotations);
  const headers: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: J) => s.name)],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s: J) => s.name)],
    ['Tokens:            ', tokens.map((s) => s.metadata.name)],
  ];
  headers.sort((a, b) => byKey(a[0], b[0]));
  for (const [header, names] of headers) {
    if (!names.length) {
      w.w(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.w(0, missing.has(n) ? `${prefix}\t${n} (not found)\n` : `${prefix}\t${n}\n`);
      prefix = '                   ';
    }
  }
  describeEvents(env, w, events);
}

function describeDeployment(env: Env, w: Writer, d: J, events: J[] | undefined): void {
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.w(0, `Name:\t${d.metadata.name}\n`);
  w.w(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.w(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata.labels);
  printAnnotations(w, 'Annotations', d.metadata.annotations);
  w.w(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.w(0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.w(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.w(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.w(0, `RollingUpdateStrategy:\t${intOrStr(ru.maxUnavailable ?? 0)} max unavailable, ${intOrStr(ru.maxSurge ?? 0)} max surge\n`);
  describePodTemplate(w, spec.template);
  if (st.conditions?.length) {
    w.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.w(1, '----\t------\t------\n');
    for (const c of st.conditions) w.w(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { oldRSs, newRS } = replicaSetsOf(env, d);
  if (oldRSs.length || newRS) {
    const fmt = (list: J[]) => list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
    w.w(0, `OldReplicaSets:\t${fmt(oldRSs)}\n`);
    w.w(0, `NewReplicaSet:\t${fmt(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(env, w, events);
}

/** deploymentutil.GetAllReplicaSets: the ReplicaSets the deployment controls, new one by template. */
function replicaSetsOf(env: Env, d: J): { oldRSs: J[]; newRS: J | undefined } {
  const all = (env.api.list('replicasets.apps', { namespace: d.metadata.namespace }).items as J[]).filter((rs) => (rs.metadata.ownerReferences ?? []).some((r: J) => r.controller && r.uid === d.metadata.uid));
  const strip = (t: J) => {
    const c = JSON.parse(JSON.stringify(t ?? {}));
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return JSON.stringify(sortKeys(c));
  };
  const want = strip(d.spec?.template);
  const sorted = [...all].sort((a, b) => (parseTime(a.metadata.creationTimestamp) ?? 0) - (parseTime(b.metadata.creationTimestamp) ?? 0) || byKey(a.metadata.name, b.metadata.name));
  const newRS = sorted.find((rs) => strip(rs.spec?.template) === want);
  return { newRS, oldRSs: all.filter((rs) => rs !== newRS) };
}

function sortKeys(v: J): J {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

function describeReplicaSet(env: Env, w: Writer, rs: J, events: J[] | undefined): void {
  const counts = podStatusCounts(env, rs.metadata.namespace, selectorString(rs.spec?.selector), rs.metadata.uid);
  w.w(0, `Name:\t${rs.metadata.name}\n`);
  w.w(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.w(0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  printLabels(w, 'Labels', rs.metadata.labels);
  printAnnotations(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = printController(rs);
  if (controlledBy) w.w(0, `Controlled By:\t${controlledBy}\n`);
  w.w(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.w(0, 'Pods Status:\t');
  w.w(0, `${podsStatusLine(counts)}\n`);
  describePodTemplate(w, rs.spec?.template);
  if (rs.status?.conditions?.length) {
    w.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.w(1, '----\t------\t------\n');
    for (const c of rs.status.conditions) w.w(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(env, w, events);
}

function describeDaemonSet(env: Env, w: Writer, ds: J, events: J[] | undefined): void {
  const st = ds.status ?? {};
  const selector = selectorString(ds.spec?.selector);
  const counts = podStatusCounts(env, ds.metadata.namespace, selector, ds.metadata.uid);
  w.w(0, `Name:\t${ds.metadata.name}\n`);
  w.w(0, `Selector:\t${selector}\n`);
  const ns = formatLabels(ds.spec?.template?.spec?.nodeSelector);
  w.w(0, `Node-Selector:\t${ns}\n`);
  printLabels(w, 'Labels', ds.metadata.labels);
  printAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.w(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.w(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.w(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.w(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.w(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.w(0, `Pods Status:\t${podsStatusLine(counts)}\n`);
  describePodTemplate(w, ds.spec?.template);
  describeEvents(env, w, events);
}

function describeStatefulSet(env: Env, w: Writer, ss: J, events: J[] | undefined): void {
  const spec = ss.spec ?? {};
  const selector = selectorString(spec.selector);
  const counts = podStatusCounts(env, ss.metadata.namespace, selector, ss.metadata.uid);
  w.w(0, `Name:\t${ss.metadata.name}\n`);
  w.w(0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.w(0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.w(0, `Selector:\t${selector}\n`);
  printLabels(w, 'Labels', ss.metadata.labels);
  printAnnotations(w, 'Annotations', ss.metadata.annotations);
  w.w(0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.w(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.w(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.w(1, `MaxUnavailable:\t${intOrStr(ru.maxUnavailable)}\n`);
  }
  w.w(0, `Pods Status:\t${podsStatusLine(counts)}\n`);
  describePodTemplate(w, spec.template);
  const templates = spec.volumeClaimTemplates ?? [];
  if (!templates.length) w.w(0, 'Volume Claims:\t<none>\n');
  else {
    w.w(0, 'Volume Claims:\n');
    for (const pvc of templates) {
      w.w(1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
      w.w(1, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
      printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
      printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
      const cap = pvc.spec?.resources?.requests?.storage;
      w.w(1, `Capacity:\t${cap ?? '<default>'}\n`);
      w.w(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(env, w, events);
}

function describeJob(env: Env, w: Writer, job: J, events: J[] | undefined): void {
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  w.w(0, `Name:\t${job.metadata.name}\n`);
  w.w(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.w(0, `Selector:\t${selectorString(spec.selector)}\n`);
  printLabels(w, 'Labels', job.metadata.labels);
  printAnnotations(w, 'Annotations', job.metadata.annotations);
  const controlledBy = printController(job);
  if (controlledBy) w.w(0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined && spec.parallelism !== null) w.w(0, `Parallelism:\t${spec.parallelism}\n`);
  w.w(0, spec.completions !== undefined && spec.completions !== null ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
  if (spec.completionMode) w.w(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined && spec.suspend !== null) w.w(0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined && spec.backoffLimit !== null) w.w(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined && spec.ttlSecondsAfterFinished !== null) w.w(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.w(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.w(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.w(0, `Duration:\t${humanDuration((parseTime(st.completionTime) ?? 0) - (parseTime(st.startTime) ?? 0))}\n`);
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) w.w(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined || st.ready === null) w.w(0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.w(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  if (spec.completionMode === 'Indexed') w.w(0, `Completed Indexes:\t${capIndexes(st.completedIndexes ?? '', 50)}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(env, w, events);
}

function capIndexes(indexes: string, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

function describeCronJob(env: Env, w: Writer, cj: J, events: J[] | undefined): void {
  const spec = cj.spec ?? {};
  const set = (v: unknown) => v !== undefined && v !== null;
  w.w(0, `Name:\t${cj.metadata.name}\n`);
  w.w(0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabels(w, 'Labels', cj.metadata.labels);
  printAnnotations(w, 'Annotations', cj.metadata.annotations);
  w.w(0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.w(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.w(0, `Suspend:\t${set(spec.suspend) ? printBool(spec.suspend) : '<unset>'}\n`);
  w.w(0, set(spec.successfulJobsHistoryLimit) ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : 'Successful Job History Limit:\t<unset>\n');
  w.w(0, set(spec.failedJobsHistoryLimit) ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : 'Failed Job History Limit:\t<unset>\n');
  w.w(0, set(spec.startingDeadlineSeconds) ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
  const jt = spec.jobTemplate?.spec ?? {};
  w.w(0, jt.selector ? `Selector:\t${selectorString(jt.selector)}\n` : 'Selector:\t<unset>\n');
  w.w(0, set(jt.parallelism) ? `Parallelism:\t${jt.parallelism}\n` : 'Parallelism:\t<unset>\n');
  w.w(0, set(jt.completions) ? `Completions:\t${jt.completions}\n` : 'Completions:\t<unset>\n');
  if (set(jt.activeDeadlineSeconds)) w.w(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, jt.template);
  w.w(0, cj.status?.lastScheduleTime ? `Last Schedule Time:\t${rfc1123z(cj.status.lastScheduleTime)}\n` : 'Last Schedule Time:\t<unset>\n');
  w.w(0, 'Active Jobs:\t');
  const active = cj.status?.active ?? [];
  if (!active.length) w.line('<none>');
  else {
    active.forEach((j: J, i: number) => {
      if (i) w.w(0, ', ');
      w.w(0, j.name);
    });
    w.line('');
  }
  describeEvents(env, w, events);
}

// ------------------------------------------------------------------ the generic describer

function describeGeneric(env: Env, w: Writer, obj: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${obj.metadata.name}\n`);
  w.w(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
  const content = { ...obj };
  printUnstructured(w, 0, content, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
  describeEvents(env, w, events);
}

function printUnstructured(w: Writer, level: number, content: Record<string, J>, skipPrefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(byKey)) {
    const value = content[field];
    const expr = `${skipPrefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.w(level, `${smartLabel(field)}:\n`);
      printUnstructured(w, level + 1, value, expr, skip);
    } else if (Array.isArray(value)) {
      w.w(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructured(w, level + 1, child, expr, skip);
        else w.w(level + 1, `${goValue(child)}\n`);
      }
    } else {
      w.w(level, `${smartLabel(field)}:\t${goValue(value)}\n`);
    }
  }
}

function goValue(v: J): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  return String(v);
}

/** smartLabelFor: camelCase split into Title Case words, common acronyms upper-cased. */
function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  const parts = field.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|-|[A-Z]/g) ?? [field];
  return parts
    .filter((p) => p !== '_')
    .map((p) => (['API', 'URL', 'UID', 'OSB', 'GUID'].includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

// ------------------------------------------------------------------ more describers

function describeReplicationController(env: Env, w: Writer, rc: J, events: J[] | undefined): void {
  const sel = rc.spec?.selector ?? {};
  const counts = podStatusCounts(env, rc.metadata.namespace, Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(','), rc.metadata.uid);
  w.w(0, `Name:\t${rc.metadata.name}\n`);
  w.w(0, `Namespace:\t${rc.metadata.namespace}\n`);
  w.w(0, `Selector:\t${formatLabels(sel)}\n`);
  printLabels(w, 'Labels', rc.metadata.labels);
  printAnnotations(w, 'Annotations', rc.metadata.annotations);
  w.w(0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${rc.spec?.replicas ?? 0} desired\n`);
  w.w(0, `Pods Status:\t${podsStatusLine(counts)}\n`);
  describePodTemplate(w, rc.spec?.template);
  if (rc.status?.conditions?.length) {
    w.w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.w(1, '----\t------\t------\n');
    for (const c of rc.status.conditions) w.w(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  describeEvents(env, w, events);
}

/** describeLimitRangeSpec: one line per resource of each item (Go map order; sorted here). */
function limitRangeLines(w: Writer, spec: J, prefix: string): void {
  for (const item of spec?.limits ?? []) {
    const keys = [...new Set<string>([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})])].sort(byKey);
    for (const k of keys) {
      const v = (m: J) => m?.[k] ?? '-';
      w.w(0, `${prefix}${item.type}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

function describeLimitRange(w: Writer, lr: J): void {
  w.w(0, `Name:\t${lr.metadata.name}\n`);
  w.w(0, `Namespace:\t${lr.metadata.namespace}\n`);
  w.w(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.w(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeLines(w, lr.spec, '');
}

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function describeQuota(w: Writer, q: J): void {
  w.w(0, `Name:\t${q.metadata.name}\n`);
  w.w(0, `Namespace:\t${q.metadata.namespace}\n`);
  const scopes = [...(q.spec?.scopes ?? [])].sort(byKey);
  if (scopes.length) {
    w.w(0, `Scopes:\t${scopes.join(', ')}\n`);
    for (const sc of scopes) if (QUOTA_SCOPE_HELP[sc]) w.w(0, ` * ${QUOTA_SCOPE_HELP[sc]}\n`);
  }
  w.w(0, 'Resource\tUsed\tHard\n');
  w.w(0, '--------\t----\t----\n');
  for (const r of Object.keys(q.status?.hard ?? {}).sort(byKey)) w.w(0, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status.hard[r]}\n`);
}

function describePVC(env: Env, w: Writer, pvc: J, events: J[] | undefined): void {
  const pods = (env.api.list('pods', { namespace: pvc.metadata.namespace }).items as J[]).filter((p) => (p.spec?.volumes ?? []).some((v: J) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  w.w(0, `Name:\t${pvc.metadata.name}\n`);
  w.w(0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.w(0, `StorageClass:\t${pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
  w.w(0, pvc.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${since(env, pvc.metadata.deletionTimestamp)})\n` : `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.w(0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  printLabels(w, 'Labels', pvc.metadata.labels);
  printAnnotations(w, 'Annotations', pvc.metadata.annotations);
  w.w(0, `Finalizers:\t[${(pvc.metadata.finalizers ?? []).join(' ')}]\n`);
  const bound = !!pvc.spec?.volumeName;
  w.w(0, `Capacity:\t${bound ? pvc.status?.capacity?.storage ?? '0' : ''}\n`);
  w.w(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.w(0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  if (pvc.spec?.dataSource) {
    w.w(0, 'DataSource:\n');
    if (pvc.spec.dataSource.apiGroup) w.w(1, `APIGroup:\t${pvc.spec.dataSource.apiGroup}\n`);
    w.w(1, `Kind:\t${pvc.spec.dataSource.kind}\n`);
    w.w(1, `Name:\t${pvc.spec.dataSource.name}\n`);
  }
  w.w(0, 'Used By:\t');
  const names = pods.map((p) => p.metadata.name).sort(byKey);
  if (!names.length) w.line('<none>');
  names.forEach((n: string, i: number) => {
    if (i) w.w(0, '\t');
    w.w(0, `${n}\n`);
  });
  if (pvc.status?.conditions?.length) {
    w.w(0, 'Conditions:\n');
    w.w(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.w(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of pvc.status.conditions) w.w(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  describeEvents(env, w, events);
}

/** storageutil.GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order, each once. */
function accessModes(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function describePV(env: Env, w: Writer, pv: J, events: J[] | undefined): void {
  const spec = pv.spec ?? {};
  w.w(0, `Name:\t${pv.metadata.name}\n`);
  printLabels(w, 'Labels', pv.metadata.labels);
  printAnnotations(w, 'Annotations', pv.metadata.annotations);
  w.w(0, `Finalizers:\t[${(pv.metadata.finalizers ?? []).join(' ')}]\n`);
  w.w(0, `StorageClass:\t${spec.storageClassName ?? pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? ''}\n`);
  w.w(0, pv.metadata.deletionTimestamp ? `Status:\tTerminating (lasts ${since(env, pv.metadata.deletionTimestamp)})\n` : `Status:\t${pv.status?.phase ?? ''}\n`);
  w.w(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.w(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.w(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.w(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.w(0, `Capacity:\t${spec.capacity?.storage ?? '0'}\n`);
  w.w(0, 'Node Affinity:\t');
  const req = spec.nodeAffinity?.required;
  if (!req) w.line('<none>');
  else {
    w.line('');
    w.w(1, 'Required Terms:\t');
    if (!req.nodeSelectorTerms?.length) w.line('<none>');
    else {
      w.line('');
      req.nodeSelectorTerms.forEach((term: J, i: number) => {
        w.w(2, `Term ${i}:\t`);
        const exprs = term.matchExpressions ?? [];
        if (!exprs.length) w.line('<none>');
        exprs.forEach((e: J, j: number) => {
          if (j) w.w(2, '\t');
          let x = `${e.key} ${String(e.operator).toLowerCase()}`;
          if (e.values?.length) x += ` [${e.values.join(', ')}]`;
          w.w(0, `${x}\n`);
        });
      });
    }
  }
  w.w(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.w(0, 'Source:\n');
  if (spec.hostPath) w.w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  else if (spec.local) w.w(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  else if (spec.nfs) w.w(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  else if (spec.csi) {
    w.w(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    w.w(2, 'VolumeAttributes:\t');
    const attrs = spec.csi.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort(byKey);
    if (!keys.length) w.line('<none>');
    keys.forEach((k, i) => {
      if (i) {
        w.w(2, '');
        w.w(2, '\t');
      }
      const line = `${k}=${attrs[k]}`;
      w.w(2, line.length > MAX_ANNOTATION_LEN ? `${line.slice(0, MAX_ANNOTATION_LEN)}...\n` : `${line}\n`);
    });
  } else w.w(1, '<unknown>\n');
  describeEvents(env, w, events);
}

function describeEndpointSlice(env: Env, w: Writer, eps: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${eps.metadata.name}\n`);
  w.w(0, `Namespace:\t${eps.metadata.namespace}\n`);
  printLabels(w, 'Labels', eps.metadata.labels);
  printAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.w(0, `AddressType:\t${eps.addressType ?? ''}\n`);
  if (!eps.ports?.length) w.w(0, 'Ports: <unset>\n');
  else {
    w.w(0, 'Ports:\n');
    w.w(1, 'Name\tPort\tProtocol\n');
    w.w(1, '----\t----\t--------\n');
    for (const p of eps.ports) w.w(1, `${p.name ? p.name : '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
  }
  if (!eps.endpoints?.length) w.w(0, 'Endpoints: <none>\n');
  else {
    w.w(0, 'Endpoints:\n');
    for (const e of eps.endpoints) {
      w.w(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
      w.w(2, 'Conditions:\n');
      w.w(3, `Ready:\t${e.conditions?.ready === undefined || e.conditions?.ready === null ? '<unset>' : String(e.conditions.ready)}\n`);
      w.w(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.w(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.w(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.w(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(env, w, events);
}

function describeHPA(env: Env, w: Writer, hpa: J, events: J[] | undefined): void {
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  w.w(0, `Name:\t${hpa.metadata.name}\n`);
  w.w(0, `Namespace:\t${hpa.metadata.namespace}\n`);
  printLabels(w, 'Labels', hpa.metadata.labels);
  printAnnotations(w, 'Annotations', hpa.metadata.annotations);
  w.w(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.w(0, `Reference:\t${spec.scaleTargetRef?.kind}/${spec.scaleTargetRef?.name}\n`);
  w.w(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m: J, i: number) => {
    const cur = st.currentMetrics?.[i];
    switch (m.type) {
      case 'Resource': {
        w.w(1, `resource ${m.resource.name} on pods`);
        if (m.resource.target?.averageValue !== undefined) {
          w.w(0, `:\t${cur?.resource?.current?.averageValue ?? '<unknown>'} / ${m.resource.target.averageValue}\n`);
        } else {
          const c = cur?.resource?.current;
          const current = c?.averageUtilization !== undefined && c?.averageUtilization !== null ? `${c.averageUtilization}% (${c.averageValue ?? '0'})` : '<unknown>';
          const target = m.resource.target?.averageUtilization !== undefined ? `${m.resource.target.averageUtilization}%` : '<auto>';
          w.w(1, `(as a percentage of request):\t${current} / ${target}\n`);
        }
        break;
      }
      case 'Pods':
        w.w(1, `${JSON.stringify(m.pods.metric.name)} on pods:\t${cur?.pods?.current?.averageValue ?? '<unknown>'} / ${m.pods.target?.averageValue ?? '0'}\n`);
        break;
      default:
        w.w(1, `<unknown metric type ${JSON.stringify(m.type)}>\n`);
    }
  });
  w.w(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.w(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.w(0, 'Behavior:\n');
    for (const [label, rules] of [['Scale Up', spec.behavior.scaleUp], ['Scale Down', spec.behavior.scaleDown]] as const) {
      if (!rules) continue;
      w.w(1, `${label}:\n`);
      if (rules.stabilizationWindowSeconds !== undefined && rules.stabilizationWindowSeconds !== null) w.w(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
      if (rules.policies?.length) {
        w.w(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
        w.w(2, 'Policies:\n');
        for (const p of rules.policies) w.w(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
      }
    }
  }
  w.w(0, `${spec.scaleTargetRef?.kind} pods:\t`);
  w.w(0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if (st.conditions?.length) {
    w.w(0, 'Conditions:\n');
    w.w(1, 'Type\tStatus\tReason\tMessage\n');
    w.w(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.w(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(env, w, events);
}

function describeIngress(env: Env, w: Writer, ing: J, events: J[] | undefined): void {
  const ns = ing.metadata.namespace;
  const backend = (b: J): string => {
    if (b?.service) {
      const port = b.service.port?.number ? String(b.service.port.number) : b.service.port?.name ?? '';
      const sb = `${b.service.name}:${port}`;
      const svc: J = env.api.tryGet('services', ns, b.service.name);
      if (!svc) return `${sb} (<error: services ${JSON.stringify(b.service.name)} not found>)`;
      const slices = env.api.list('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${b.service.name}` }).items as J[];
      let spName = '';
      for (const sp of svc.spec?.ports ?? []) {
        if (b.service.port?.number && b.service.port.number === sp.port) spName = sp.name ?? '';
        else if (b.service.port?.name && b.service.port.name === sp.name) spName = sp.name;
      }
      return `${sb} (${formatEndpointSlices(slices, spName)})`;
    }
    if (b?.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
    return '';
  };
  w.w(0, `Name:\t${ing.metadata.name}\n`);
  printLabels(w, 'Labels', ing.metadata.labels);
  w.w(0, `Namespace:\t${ns}\n`);
  const addrs = [...new Set<string>((ing.status?.loadBalancer?.ingress ?? []).map((i: J) => i.ip || i.hostname).filter(Boolean))].sort(byKey);
  w.w(0, `Address:\t${addrs.join(',')}\n`);
  w.w(0, `Ingress Class:\t${ing.spec?.ingressClassName ?? '<none>'}\n`);
  const def = ing.spec?.defaultBackend ? backend(ing.spec.defaultBackend) : '<default>';
  w.w(0, `Default backend:\t${def}\n`);
  if (ing.spec?.tls?.length) {
    w.w(0, 'TLS:\n');
    for (const t of ing.spec.tls) w.w(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.w(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.w(1, '----\t----\t--------\n');
  let count = 0;
  for (const r of ing.spec?.rules ?? []) {
    if (!r.http) continue;
    count++;
    w.w(1, `${r.host || '*'}\t\n`);
    for (const p of r.http.paths ?? []) w.w(2, `\t${p.path ?? ''} \t${backend(p.backend)}\n`);
  }
  if (count === 0) w.w(1, `*\t*\t${def}\n`);
  printAnnotations(w, 'Annotations', ing.metadata.annotations);
  describeEvents(env, w, events);
}

function describeIngressClass(env: Env, w: Writer, ic: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${ic.metadata.name}\n`);
  printLabels(w, 'Labels', ic.metadata.labels);
  printAnnotations(w, 'Annotations', ic.metadata.annotations);
  w.w(0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
  if (ic.spec?.parameters) {
    w.w(0, 'Parameters:\n');
    if (ic.spec.parameters.apiGroup) w.w(1, `APIGroup:\t${ic.spec.parameters.apiGroup}\n`);
    w.w(1, `Kind:\t${ic.spec.parameters.kind}\n`);
    w.w(1, `Name:\t${ic.spec.parameters.name}\n`);
  }
  describeEvents(env, w, events);
}

function describeNetworkPolicy(w: Writer, np: J): void {
  const spec = np.spec ?? {};
  w.w(0, `Name:\t${np.metadata.name}\n`);
  w.w(0, `Namespace:\t${np.metadata.namespace}\n`);
  w.w(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', np.metadata.labels);
  printAnnotations(w, 'Annotations', np.metadata.annotations);
  w.w(0, 'Spec:\n');
  w.w(1, 'PodSelector: ');
  const ps = spec.podSelector ?? {};
  if (!Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length) w.w(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.w(2, `${formatLabelSelector(ps)}\n`);
  const types: string[] = spec.policyTypes ?? [];
  const peers = (rules: J[], dir: 'From' | 'To', isolated: string, notRestricted: string) => {
    const indent = '    ';
    if (!rules.length) return w.w(0, `${indent}${isolated}\n`);
    rules.forEach((rule: J, i: number) => {
      if (!rule.ports?.length) w.w(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
      for (const p of rule.ports ?? []) {
        const proto = p.protocol ?? 'TCP';
        const port = p.port === undefined || p.port === null ? '<nil>' : String(p.port);
        w.w(0, p.endPort === undefined || p.endPort === null ? `${indent}To Port: ${port}/${proto}\n` : `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
      }
      const list = rule[dir.toLowerCase()] ?? [];
      if (!list.length) w.w(0, `${indent}${dir}: ${notRestricted}\n`);
      for (const peer of list) {
        w.w(0, `${indent}${dir}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.w(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
          w.w(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) w.w(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        else if (peer.namespaceSelector) w.w(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        else if (peer.ipBlock) {
          w.w(1, `${indent}IPBlock:\n`);
          w.w(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
          w.w(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
        }
      }
      if (i !== rules.length - 1) w.w(0, `${indent}----------\n`);
    });
  };
  if (types.includes('Ingress')) {
    w.w(1, 'Allowing ingress traffic:\n');
    peers(spec.ingress ?? [], 'From', '<none> (Selected pods are isolated for ingress connectivity)', '<any> (traffic not restricted by source)');
  } else w.w(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.w(1, 'Allowing egress traffic:\n');
    peers(spec.egress ?? [], 'To', '<none> (Selected pods are isolated for egress connectivity)', '<any> (traffic not restricted by destination)');
  } else w.w(1, 'Not affecting egress traffic\n');
  w.w(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
}

/** metav1.Time printed with %s: Go's time.Time.String() in UTC. */
function goTimeString(ts: string | undefined): string {
  const t = parseTime(ts);
  if (t === undefined) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

function describePDB(env: Env, w: Writer, pdb: J, events: J[] | undefined): void {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  w.w(0, `Name:\t${pdb.metadata.name}\n`);
  w.w(0, `Namespace:\t${pdb.metadata.namespace}\n`);
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.w(0, `Min available:\t${intOrStr(spec.minAvailable)}\n`);
  else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.w(0, `Max unavailable:\t${intOrStr(spec.maxUnavailable)}\n`);
  w.w(0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
  w.w(0, 'Status:\n');
  w.w(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.w(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.w(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.w(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(env, w, events);
}

function describePriorityClass(env: Env, w: Writer, pc: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${pc.metadata.name}\n`);
  w.w(0, `Value:\t${pc.value ?? 0}\n`);
  w.w(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.w(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.w(0, `Description:\t${pc.description ?? ''}\n`);
  w.w(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(env, w, events);
}

function describeStorageClass(env: Env, w: Writer, sc: J, events: J[] | undefined): void {
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true' ? 'Yes' : 'No';
  const fmt = (m: J) => formatLabels(m);
  w.w(0, `Name:\t${sc.metadata.name}\n`);
  w.w(0, `IsDefaultClass:\t${isDefault}\n`);
  w.w(0, `Annotations:\t${fmt(sc.metadata.annotations)}\n`);
  w.w(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.w(0, `Parameters:\t${fmt(sc.parameters)}\n`);
  w.w(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined || sc.allowVolumeExpansion === null ? '<unset>' : printBool(sc.allowVolumeExpansion)}\n`);
  if (!sc.mountOptions?.length) w.w(0, 'MountOptions:\t<none>\n');
  else {
    w.w(0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.w(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.w(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.w(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.w(0, 'AllowedTopologies:\t');
    if (!sc.allowedTopologies.length) w.line('<none>');
    else {
      w.line('');
      sc.allowedTopologies.forEach((term: J, i: number) => {
        w.w(1, `Term ${i}:\t`);
        const reqs = term.matchLabelExpressions ?? [];
        if (!reqs.length) w.line('<none>');
        reqs.forEach((r: J, j: number) => {
          if (j) w.w(1, '\t');
          w.w(0, `${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  describeEvents(env, w, events);
}

function describeCSINode(env: Env, w: Writer, csi: J, events: J[] | undefined): void {
  w.w(0, `Name:\t${csi.metadata.name}\n`);
  printLabels(w, 'Labels', csi.metadata.labels);
  printAnnotations(w, 'Annotations', csi.metadata.annotations);
  w.w(0, `CreationTimestamp:\t${rfc1123z(csi.metadata.creationTimestamp)}\n`);
  w.w(0, 'Spec:\n');
  if (csi.spec?.drivers) {
    w.w(1, 'Drivers:\n');
    for (const d of csi.spec.drivers) {
      w.w(2, `${d.name}:\n`);
      w.w(3, `Node ID:\t${d.nodeID}\n`);
      if (d.allocatable?.count !== undefined && d.allocatable?.count !== null) {
        w.w(3, 'Allocatables:\n');
        w.w(4, `Count:\t${d.allocatable.count}\n`);
      }
      if (d.topologyKeys) w.w(3, `Topology Keys:\t[${d.topologyKeys.join(' ')}]\n`);
    }
  }
  describeEvents(env, w, events);
}

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** rbac.BreakdownRule: one verb, one group, one resource (and name) per rule. */
function breakdownRule(r: Rule): Rule[] {
  const out: Rule[] = [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      for (const v of r.verbs ?? []) {
        if (r.resourceNames?.length) for (const n of r.resourceNames) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const u of r.nonResourceURLs ?? []) for (const v of r.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

/** rbac.CompactRules: simple rules (one group, one resource, at most one name) merge their verbs. */
function compactRules(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !(r.nonResourceURLs?.length) && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** PolicyRule.String(), the key kubectl sorts the rules by. */
function ruleString(r: Rule): string {
  const l = (a: string[] | undefined) => `[${(a ?? []).join(' ')}]`;
  return `&PolicyRule{Verbs:${l(r.verbs)},APIGroups:${l(r.apiGroups)},Resources:${l(r.resources)},ResourceNames:${l(r.resourceNames)},NonResourceURLs:${l(r.nonResourceURLs)},}`;
}

function describeRole(w: Writer, role: J): void {
  const rules = compactRules((role.rules ?? []).flatMap((r: Rule) => breakdownRule(r)));
  // sort.Stable by the rule's String().
  const sorted = rules.map((r, i) => ({ r, i, s: ruleString(r) })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : a.i - b.i)).map((x) => x.r);
  w.w(0, `Name:\t${role.metadata.name}\n`);
  printLabels(w, 'Labels', role.metadata.labels);
  printAnnotations(w, 'Annotations', role.metadata.annotations);
  w.w(0, 'PolicyRule:\n');
  w.w(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.w(1, '---------\t-----------------\t--------------\t-----\n');
  for (const r of sorted) {
    let combined = '';
    if (r.resources?.length) {
      const [res, sub] = r.resources[0].split(/\/(.*)/s);
      combined = res;
      if (r.apiGroups?.length && r.apiGroups[0] !== '') combined += `.${r.apiGroups[0]}`;
      if (sub !== undefined) combined += `/${sub}`;
    }
    w.w(1, `${combined}\t[${(r.nonResourceURLs ?? []).join(' ')}]\t[${(r.resourceNames ?? []).join(' ')}]\t[${r.verbs.join(' ')}]\n`);
  }
}

function describeRoleBinding(w: Writer, b: J): void {
  w.w(0, `Name:\t${b.metadata.name}\n`);
  printLabels(w, 'Labels', b.metadata.labels);
  printAnnotations(w, 'Annotations', b.metadata.annotations);
  w.w(0, 'Role:\n');
  w.w(1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.w(1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.w(0, 'Subjects:\n');
  w.w(1, 'Kind\tName\tNamespace\n');
  w.w(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.w(1, `${s.kind}\t${s.name}\t${s.namespace ?? ''}\n`);
}
