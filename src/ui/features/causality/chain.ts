// "How did this get here?": the chain of causes that made an object, from real data only. Each
// link names who acted and when (virtual time): ownerReferences give the chain's shape; the API
// trace (via ProvenanceIndex) gives who wrote what to the millisecond; Events name the specific
// controller, scheduler or kubelet (as `kubectl describe` shows them); pod conditions and
// EndpointSlices give readiness and Service membership. Pure functions, no DOM.

import { resourceForKind } from '../../../sim/api/registry';
import type { CoreEvent, KubeObject, Pod } from '../../../sim/api/types';
import { parseTime } from '../../../sim/printers/duration';
import type { SchedulingAttempt } from '../../../sim/scheduler/attempt';
import type { ApiTrace } from '../../../sim/trace';
import type { ProvenanceIndex } from './provenance';

/** What a link says happened. */
export type CauseKind = 'created' | 'pending' | 'scheduled' | 'started' | 'ready' | 'endpoint';

/** What a link points at: an API object, or a component (a node's kubelet). */
export type CauseTarget =
  | { resource: string; kind: string; namespace?: string; name: string }
  | { component: 'kubelet'; node: string };

export interface CauseLink {
  kind: CauseKind;
  target: CauseTarget;
  /** Who acted: kubectl, deployment-controller, default-scheduler, kubelet... */
  actor: string;
  /** Virtual ms since the epoch; undefined when no record of the moment survives. */
  at?: number;
  /** True when `at` comes from the trace (ms); false when from an API timestamp (whole seconds). */
  exact: boolean;
  summary: string;
  /** The records the link was read from (trace entries, events, fields). */
  evidence: string[];
}

export interface ChainSources {
  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of a namespaced resource (services, endpoints) in one namespace. */
  list(resource: string, namespace: string): KubeObject[];
  events: readonly CoreEvent[];
  history: ProvenanceIndex;
  /** The Service's EndpointSlices in the object's namespace, when fetched; otherwise Endpoints are read. */
  endpointSlices?: readonly KubeObject[];
  /** The scheduler's recorded attempts for the pod, when fetched. */
  attempts?: readonly SchedulingAttempt[];
}

/** The controller owners of a child kind, by the name its events carry when no event survives. */
const CONTROLLER_OF_KIND: Record<string, string> = {
  Deployment: 'deployment-controller',
  ReplicaSet: 'replicaset-controller',
  DaemonSet: 'daemonset-controller',
  StatefulSet: 'statefulset-controller',
  Job: 'job-controller',
  CronJob: 'cronjob-controller',
  ReplicationController: 'replicationcontroller',
};
/** Event reasons with which a controller reports creating a child. */
const CREATE_REASONS = new Set(['ScalingReplicaSet', 'SuccessfulCreate']);
const KUBELET_START_REASONS = ['Pulling', 'Pulled', 'Created', 'Started'];

/** The chain for one object, root cause first. Empty when the object is not (or no longer) there. */
export function causeChain(src: ChainSources, resource: string, namespace: string | undefined, name: string): CauseLink[] {
  const obj = src.get(resource, namespace, name);
  if (!obj) return [];
  const lineage = ancestry(src, resource, obj);
  // One pass over all events (there may be 100,000s), keeping those about the chain's objects.
  const involved = lineage.map((l) => l.obj).filter((o): o is KubeObject => o !== undefined);
  src = { ...src, events: src.events.filter((e) => involved.some((o) => about(e, o))) };
  const links: CauseLink[] = [];
  for (let i = 0; i < lineage.length; i++) links.push(createdLink(src, lineage[i], lineage[i - 1]));
  if (obj.kind === 'Pod') links.push(...podLinks(src, obj as Pod));
  else if (obj.kind === 'Service') links.push(...serviceEndpointLinks(src, obj));
  return links;
}

interface Lineage {
  resource: string;
  obj?: KubeObject;
  /** Set when the owner is gone: what the child's ownerReference says. */
  ref?: { kind: string; name: string; namespace?: string };
}

/** The object and its controller owners, root first (cycles and missing owners end the walk). */
function ancestry(src: ChainSources, resource: string, obj: KubeObject): Lineage[] {
  const out: Lineage[] = [{ resource, obj }];
  const seen = new Set([obj.metadata.uid]);
  let cur = obj;
  for (let depth = 0; depth < 8; depth++) {
    const owner = controllerRef(cur);
    if (!owner) break;
    const ownerResource = resourceForKind(owner.apiVersion, owner.kind)?.resource ?? `${owner.kind.toLowerCase()}s`;
    const found = src.get(ownerResource, cur.metadata.namespace, owner.name);
    if (!found || found.metadata.uid !== owner.uid || seen.has(found.metadata.uid)) {
      out.unshift({ resource: ownerResource, ref: { kind: owner.kind, name: owner.name, namespace: cur.metadata.namespace } });
      break;
    }
    seen.add(found.metadata.uid);
    out.unshift({ resource: ownerResource, obj: found });
    cur = found;
  }
  return out;
}

function controllerRef(o: KubeObject) {
  const refs = o.metadata.ownerReferences ?? [];
  return refs.find((r) => r.controller) ?? refs[0];
}

function targetOf(resource: string, o: { kind: string; metadata: { namespace?: string; name?: string } }): CauseTarget {
  return { resource, kind: o.kind, namespace: o.metadata.namespace || undefined, name: o.metadata.name ?? '' };
}

function createdLink(src: ChainSources, node: Lineage, parent: Lineage | undefined): CauseLink {
  if (!node.obj) {
    const { kind, name, namespace } = node.ref!;
    return {
      kind: 'created',
      target: { resource: node.resource, kind, namespace, name },
      actor: 'unknown',
      exact: false,
      summary: `${kind} ${name} (deleted since)`,
      evidence: ['ownerReference of its child; the object itself no longer exists'],
    };
  }
  const o = node.obj;
  const ns = o.metadata.namespace || undefined;
  const name = o.metadata.name ?? '';
  const create = createWrite(src.history.writes(node.resource, ns, name), o);
  const evidence: string[] = [];
  let actor: string | undefined;
  if (parent?.obj) {
    // The owner's controller reports each child it creates in an Event on the owner.
    const ev = src.events.find((e) => about(e, parent.obj!) && CREATE_REASONS.has(e.reason ?? '') && mentions(e.message, name));
    if (ev) {
      actor = ev.source?.component || ev.reportingComponent;
      evidence.push(`Event on ${parent.obj.kind} ${parent.obj.metadata.name}: ${ev.reason} "${ev.message}"`);
    } else {
      actor = CONTROLLER_OF_KIND[parent.obj.kind];
      evidence.push(`ownerReference: controlled by ${parent.obj.kind} ${parent.obj.metadata.name}`);
    }
  }
  if (create) {
    actor ??= create.actor;
    evidence.unshift(`API create ${create.resource} ${ns ? `${ns}/` : ''}${name} by ${create.actor}${create.revision ? ` (revision ${create.revision})` : ''}`);
  } else {
    // managedFields record who wrote, not who created: only a lone writer at creation time tells.
    const atCreation = (o.metadata.managedFields ?? []).filter((m) => !m.subresource && m.time === o.metadata.creationTimestamp).map((m) => m.manager);
    if (atCreation.length === 1 && !actor) actor = atCreation[0];
    if (atCreation.length) evidence.push(`managedFields: written at creation by ${atCreation.join(', ')}`);
  }
  // AKS add-ons carry the addon manager's label: it creates them (and recreates them if deleted).
  const addonMode = o.metadata.labels?.['addonmanager.kubernetes.io/mode'];
  if (!actor && addonMode) {
    actor = 'addon-manager';
    evidence.push(`label addonmanager.kubernetes.io/mode=${addonMode}`);
  }
  const at = create?.at ?? parseTime(o.metadata.creationTimestamp);
  if (!create && at !== undefined) evidence.push(`metadata.creationTimestamp ${o.metadata.creationTimestamp}`);
  return {
    kind: 'created',
    target: targetOf(node.resource, o),
    actor: actor ?? 'unknown',
    at,
    exact: create !== undefined,
    summary: `${o.kind} ${name} created by ${actor ?? 'an unknown client'}`,
    evidence,
  };
}

/** The create that made this incarnation of the object (a name can be reused after a delete). */
function createWrite(writes: readonly ApiTrace[], o: KubeObject): ApiTrace | undefined {
  const creates = writes.filter((w) => w.verb === 'create');
  const created = parseTime(o.metadata.creationTimestamp);
  if (created !== undefined) {
    const same = creates.filter((w) => Math.floor(w.at / 1000) * 1000 === created);
    if (same.length) return same[same.length - 1];
    return undefined;
  }
  return creates[creates.length - 1];
}

function about(e: CoreEvent, o: KubeObject): boolean {
  const io = e.involvedObject;
  if (io.uid && o.metadata.uid) return io.uid === o.metadata.uid;
  return io.kind === o.kind && io.name === o.metadata.name && (io.namespace || undefined) === (o.metadata.namespace || undefined);
}

function mentions(message: string | undefined, name: string): boolean {
  if (!message) return false;
  const i = message.indexOf(name);
  if (i < 0) return false;
  const after = message[i + name.length];
  const before = message[i - 1];
  // Whole names only: `web-5d` must not match `web-5d8f`.
  return (after === undefined || !/[a-z0-9-]/.test(after)) && (before === undefined || !/[a-z0-9-]/.test(before));
}

function eventTime(e: CoreEvent): number | undefined {
  return parseTime(e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp);
}

// ------------------------------------------------------------------ pods

function podLinks(src: ChainSources, pod: Pod): CauseLink[] {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const key = `${ns}/${name}`;
  const events = src.events.filter((e) => about(e, pod)).sort((a, b) => (eventTime(a) ?? 0) - (eventTime(b) ?? 0));
  const steps = src.history.podSteps(key);
  const links: CauseLink[] = [];
  const node = pod.spec.nodeName;

  if (!node) {
    const failed = [...events].reverse().find((e) => e.reason === 'FailedScheduling');
    const trace = [...steps].reverse().find((s) => s.type === 'schedule' && s.result === 'unschedulable');
    const attempts = src.attempts?.length;
    if (failed || trace || attempts) {
      const message = failed?.message ?? (trace?.type === 'schedule' ? trace.message : undefined) ?? 'no node fits yet';
      links.push({
        kind: 'pending',
        target: targetOf('pods', pod),
        actor: failed?.source?.component ?? 'default-scheduler',
        at: trace?.at ?? (failed ? eventTime(failed) : undefined),
        exact: trace !== undefined,
        summary: `Pending: ${message}`,
        evidence: [
          ...(failed ? [`Event FailedScheduling "${failed.message}"${(failed.count ?? 1) > 1 ? ` (x${failed.count})` : ''}`] : []),
          ...(attempts ? [`${attempts} scheduling attempt${attempts > 1 ? 's' : ''} recorded`] : []),
        ],
      });
    }
    return links;
  }

  // Scheduled: the bind (API trace), the scheduler's own record, and the Scheduled event.
  const bind = src.history.writes('pods', ns, name).filter((w) => w.verb === 'bind').pop();
  const scheduled = [...steps].reverse().find((s) => s.type === 'schedule' && s.result === 'scheduled' && s.node === node);
  const scheduledEvent = [...events].reverse().find((e) => e.reason === 'Scheduled');
  const nodeTarget: CauseTarget = { resource: 'nodes', kind: 'Node', name: node };
  if (bind || scheduled || scheduledEvent) {
    const tries = src.attempts?.length ?? 0;
    links.push({
      kind: 'scheduled',
      target: nodeTarget,
      actor: scheduledEvent?.source?.component ?? bind?.actor ?? 'default-scheduler',
      at: bind?.at ?? scheduled?.at ?? (scheduledEvent ? eventTime(scheduledEvent) : undefined),
      exact: bind !== undefined || scheduled !== undefined,
      summary: `scheduled to node ${node} by ${scheduledEvent?.source?.component ?? bind?.actor ?? 'default-scheduler'}${tries > 1 ? ` (attempt ${tries})` : ''}`,
      evidence: [
        ...(bind ? [`API bind pods/binding ${key} -> ${node} by ${bind.actor}`] : []),
        ...(scheduledEvent ? [`Event Scheduled "${scheduledEvent.message}"`] : []),
      ],
    });
  } else {
    links.push({
      kind: 'scheduled',
      target: nodeTarget,
      actor: 'unknown',
      exact: false,
      summary: `assigned to node ${node} (no bind or Scheduled event survives: set in spec.nodeName, or the event expired)`,
      evidence: [`spec.nodeName ${node}`],
    });
  }

  // Started: the kubelet's image pull and container start events, timed by its trace when kept.
  const kubeletEvents = events.filter((e) => KUBELET_START_REASONS.includes(e.reason ?? '') && (e.source?.component ?? '') === 'kubelet');
  const started = kubeletEvents.filter((e) => e.reason === 'Started');
  if (started.length) {
    const startSteps = steps.filter((s) => s.type === 'kubelet' && s.action === 'Started');
    const lastStep = startSteps[startSteps.length - 1];
    const lastEvent = started[started.length - 1];
    const host = lastEvent.source?.host ?? node;
    links.push({
      kind: 'started',
      target: { component: 'kubelet', node: host },
      actor: 'kubelet',
      at: lastStep?.at ?? eventTime(lastEvent),
      exact: lastStep !== undefined,
      summary: `started by kubelet on ${host}: ${started.length} container${started.length > 1 ? 's' : ''}`,
      evidence: kubeletEvents.map((e) => `Event ${e.reason} "${e.message}"`),
    });
  } else {
    const running = (pod.status?.containerStatuses ?? []).map((c) => c.state?.running?.startedAt).filter((t): t is string => !!t);
    if (running.length) {
      links.push({
        kind: 'started',
        target: { component: 'kubelet', node },
        actor: 'kubelet',
        at: Math.max(...running.map((t) => parseTime(t) ?? 0)),
        exact: false,
        summary: `started by kubelet on ${node}`,
        evidence: running.map((t) => `containerStatuses state.running.startedAt ${t}`),
      });
    }
  }

  // Ready: the condition the kubelet reports once every readiness probe passes.
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (ready) {
    links.push({
      kind: 'ready',
      target: targetOf('pods', pod),
      actor: 'kubelet',
      at: parseTime(ready.lastTransitionTime),
      exact: false,
      summary: `Ready (reported by kubelet on ${node})`,
      evidence: [`status.conditions Ready=True since ${ready.lastTransitionTime}`],
    });
  }

  links.push(...podEndpointLinks(src, pod, parseTime(ready?.lastTransitionTime)));
  return links;
}

function selects(svc: KubeObject, pod: KubeObject): boolean {
  const sel = svc.spec?.selector as Record<string, string> | undefined;
  if (!sel || Object.keys(sel).length === 0) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(sel).every(([k, v]) => labels[k] === v);
}

/** Which Services list the pod as an endpoint, from their EndpointSlices (or Endpoints). */
function podEndpointLinks(src: ChainSources, pod: Pod, readyAt: number | undefined): CauseLink[] {
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const links: CauseLink[] = [];
  for (const svc of src.list('services', ns)) {
    if (!selects(svc, pod)) continue;
    const svcName = svc.metadata.name ?? '';
    if (src.endpointSlices) {
      for (const slice of src.endpointSlices) {
        if (slice.metadata.namespace !== ns || slice.metadata.labels?.['kubernetes.io/service-name'] !== svcName) continue;
        const ep = ((slice as any).endpoints ?? []).find((e: any) => e.targetRef?.kind === 'Pod' && e.targetRef?.name === name);
        if (!ep) continue;
        const sliceName = slice.metadata.name ?? '';
        const write = firstWriteAfter(src.history, 'endpointslices', ns, sliceName, readyAt);
        const managedBy = slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'];
        const actor = managedBy ? managedBy.replace(/\.k8s\.io$/, '') : (write?.actor ?? 'unknown');
        const isReady = ep.conditions?.ready !== false;
        links.push({
          kind: 'endpoint',
          target: targetOf('services', svc),
          actor,
          at: write?.at,
          exact: write !== undefined,
          summary: `${isReady ? 'endpoint' : 'not-ready endpoint'} of Service ${svcName} (EndpointSlice ${sliceName}, by ${actor})`,
          evidence: [
            `EndpointSlice ${sliceName}: ${(ep.addresses ?? []).join(', ')} ready=${ep.conditions?.ready ?? 'unknown'}`,
            ...(write ? [`API ${write.verb} endpointslices ${ns}/${sliceName} by ${write.actor}`] : []),
          ],
        });
      }
      continue;
    }
    const eps = src.get('endpoints', ns, svcName);
    for (const subset of (eps as any)?.subsets ?? []) {
      const ready = (subset.addresses ?? []).find((a: any) => a.targetRef?.name === name);
      const notReady = (subset.notReadyAddresses ?? []).find((a: any) => a.targetRef?.name === name);
      const addr = ready ?? notReady;
      if (!addr) continue;
      const write = firstWriteAfter(src.history, 'endpoints', ns, svcName, readyAt);
      links.push({
        kind: 'endpoint',
        target: targetOf('services', svc),
        actor: 'endpoint-controller',
        at: write?.at,
        exact: write !== undefined,
        summary: `${ready ? 'endpoint' : 'not-ready endpoint'} of Service ${svcName} (Endpoints ${svcName})`,
        evidence: [`Endpoints ${svcName}: ${addr.ip}`],
      });
      break;
    }
  }
  return links;
}

/**
 * The first write at or after `after` (the one that took the pod in); undefined when that write
 * may have been dropped from the kept history, or when nothing is known of `after`.
 */
function firstWriteAfter(history: ProvenanceIndex, resource: string, ns: string, name: string, after: number | undefined): ApiTrace | undefined {
  if (after === undefined) return undefined;
  const writes = history.writes(resource, ns, name);
  const i = writes.findIndex((w) => w.at >= after);
  if (i < 0) return undefined;
  return i > 0 || history.complete(resource, ns, name) ? writes[i] : undefined;
}

function serviceEndpointLinks(src: ChainSources, svc: KubeObject): CauseLink[] {
  const ns = svc.metadata.namespace ?? 'default';
  const svcName = svc.metadata.name ?? '';
  const links: CauseLink[] = [];
  for (const slice of src.endpointSlices ?? []) {
    if (slice.metadata.namespace !== ns || slice.metadata.labels?.['kubernetes.io/service-name'] !== svcName) continue;
    const sliceName = slice.metadata.name ?? '';
    const writes = src.history.writes('endpointslices', ns, sliceName);
    const create = writes.find((w) => w.verb === 'create');
    const pods = ((slice as any).endpoints ?? []).map((e: any) => e.targetRef?.name).filter(Boolean) as string[];
    const managedBy = slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'];
    const actor = managedBy ? managedBy.replace(/\.k8s\.io$/, '') : (create?.actor ?? 'unknown');
    links.push({
      kind: 'endpoint',
      target: targetOf('services', svc),
      actor,
      at: create?.at ?? parseTime(slice.metadata.creationTimestamp),
      exact: create !== undefined,
      summary: `EndpointSlice ${sliceName} by ${actor}: ${pods.length ? pods.join(', ') : 'no endpoints'}`,
      evidence: [`EndpointSlice ${sliceName} (${pods.length} endpoint${pods.length === 1 ? '' : 's'})`],
    });
  }
  return links;
}

/** Offset of a link's time from the chain's first, `+0.012 s`. */
export function offsetText(at: number | undefined, first: number | undefined): string {
  if (at === undefined || first === undefined) return '';
  const s = (at - first) / 1000;
  return `+${s.toFixed(s < 10 ? 3 : 1)} s`;
}
