// The admission plugins of kube-apiserver that change or reject what a fresh AKS cluster stores:
// NamespaceLifecycle, ServiceAccount, Priority, DefaultTolerationSeconds and TaintNodesByCondition.
// Each runs on create (and some on update), after defaulting, before validation.

import { forbidden, notFound } from '../api/errors';
import type { Node, Pod, Toleration } from '../api/types';
import type { Random } from '../random';
import { NAME_SUFFIX_ALPHABET } from '../random';
import type { Store } from '../store/store';
import { deepFreeze } from '../util/json';

/** Namespaces the API server refuses to delete. */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** NamespaceLifecycle: content only in existing namespaces that are not being deleted. */
export function admitNamespaceLifecycle(store: Store, resource: string, group: string, namespace: string, name: string, verb: 'create' | 'other'): void {
  const ns = store.get('namespaces', undefined, namespace);
  if (!ns) throw notFound('namespaces', '', namespace);
  if (verb === 'create' && ns.metadata.deletionTimestamp) {
    throw forbidden(resource, group, name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

/**
 * The projected sources of the API access volume, the same in every pod: one frozen object that
 * all stored pods share (stored objects are never changed in place; a copy is a fresh object).
 */
const API_ACCESS_SOURCES = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

/** ServiceAccount: default the account, require it to exist, mount its API token volume. */
export function admitServiceAccount(store: Store, random: Random, pod: Pod): void {
  const spec = pod.spec;
  const ns = pod.metadata.namespace!;
  if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa = store.get('serviceaccounts', ns, spec.serviceAccountName);
  if (!sa) {
    throw forbidden('pods', '', pod.metadata.name ?? '', `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
  }
  const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
  if (!automount) return;
  const mountPath = '/var/run/secrets/kubernetes.io/serviceaccount';
  const containers = [...(spec.initContainers ?? []), ...spec.containers];
  if (containers.some((c) => (c.volumeMounts as any[] | undefined)?.some((m) => m.mountPath === mountPath))) return;
  const volName = `kube-api-access-${random.chars(5, NAME_SUFFIX_ALPHABET)}`;
  spec.volumes = [...(spec.volumes ?? []), { name: volName, projected: API_ACCESS_SOURCES }];
  for (const c of containers) {
    c.volumeMounts = [...((c.volumeMounts as any[]) ?? []), { name: volName, readOnly: true, mountPath }];
  }
}

/** The built-in priority classes every cluster has. */
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** Priority: resolve priorityClassName to a priority (or the global default, 0). */
export function admitPriority(store: Store, pod: Pod): void {
  const spec = pod.spec;
  const name = spec.priorityClassName;
  if (!name) {
    const global = store.list('priorityclasses').find((pc) => pc.globalDefault === true);
    spec.priority = (global?.value as number | undefined) ?? 0;
    if (global) spec.priorityClassName = global.metadata.name;
    if (global?.preemptionPolicy) spec.preemptionPolicy = global.preemptionPolicy;
    return;
  }
  const builtin = SYSTEM_PRIORITY_CLASSES[name];
  const pc = store.get('priorityclasses', undefined, name);
  if (builtin === undefined && !pc) {
    throw forbidden('pods', '', pod.metadata.name ?? '', `no PriorityClass with name ${name} was found`);
  }
  spec.priority = builtin ?? (pc!.value as number);
  if (pc?.preemptionPolicy) spec.preemptionPolicy = pc.preemptionPolicy;
}

export const DEFAULT_TOLERATION_SECONDS = 300;

/** The tolerations DefaultTolerationSeconds adds: frozen and shared by the pods (as above). */
const DEFAULT_TOLERATIONS: readonly Toleration[] = deepFreeze(
  ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS })),
);
/** Most pods set no toleration of their own and get exactly these two. */
const DEFAULT_TOLERATION_LIST = DEFAULT_TOLERATIONS as Toleration[];

/** DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300 s, unless set. */
export function admitDefaultTolerationSeconds(pod: Pod): void {
  const tolerations: Toleration[] = pod.spec.tolerations ?? [];
  const has = (key: string) =>
    tolerations.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'));
  const add: Toleration[] = [];
  for (const t of DEFAULT_TOLERATIONS) if (!has(t.key!)) add.push(t);
  if (add.length) pod.spec.tolerations = add.length === 2 && tolerations.length === 0 ? DEFAULT_TOLERATION_LIST : [...tolerations, ...add];
}

/** TaintNodesByCondition: a new node is not-ready until its kubelet and the node controller say so. */
export function admitNodeTaint(node: Node): void {
  const taints = node.spec.taints ?? [];
  if (!taints.some((t) => t.key === 'node.kubernetes.io/not-ready')) {
    node.spec.taints = [...taints, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }];
  }
}
