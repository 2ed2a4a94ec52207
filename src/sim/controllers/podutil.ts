// Small pod and ownership helpers the workload controllers share (k8s.io/kubernetes/pkg/api/v1/pod
// and pkg/controller's controller_utils): readiness, availability, active/terminating pods, and the
// controllerRef every controller-created object carries.

import type { KubeObject, OwnerReference, Pod, PodTemplateSpec } from '../api/types';
import { parseRFC3339 } from '../clock';
import { deepClone } from '../util/json';

export function isPodReady(pod: Pod): boolean {
  return readyCondition(pod) !== undefined;
}

/** The pod's Ready=True condition (a plain loop: controllers ask this of thousands of pods per sync). */
function readyCondition(pod: Pod) {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === 'Ready' && c.status === 'True') return c;
  return undefined;
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const ready = readyCondition(pod);
  if (!ready) return false;
  if (!minReadySeconds) return true;
  const since = parseRFC3339(ready.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

export function isPodTerminal(pod: Pod): boolean {
  const p = pod.status?.phase;
  return p === 'Succeeded' || p === 'Failed';
}

/** controller.FilterActivePods: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return !isPodTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** controller.CountTerminatingPods counts these: being deleted but not finished yet. */
export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp && !isPodTerminal(pod);
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r;
  return undefined;
}

/**
 * controller.GetPodFromTemplate: a pod body from a template, owned by `owner`. Labels,
 * annotations and finalizers come from the template; the name is generated from `prefix` unless
 * the caller sets one.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, prefix: string): Pod {
  const t = deepClone(template);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: prefix,
      namespace: owner.metadata.namespace,
      labels: t.metadata?.labels ? { ...t.metadata.labels } : undefined,
      annotations: t.metadata?.annotations ? { ...t.metadata.annotations } : undefined,
      finalizers: t.metadata?.finalizers ? [...(t.metadata.finalizers as string[])] : undefined,
      ownerReferences: [controllerRef(owner)],
    },
    spec: t.spec,
  };
}

/** Oldest first, ties broken by name: a deterministic order for "the oldest pod". */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
