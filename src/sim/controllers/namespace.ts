// The namespace controller (pkg/controller/namespace): when a namespace is being deleted, delete
// every namespaced object in it, resource by resource, wait until nothing is left (pods take their
// grace period, objects with finalizers wait for whoever owns the finalizer), report progress in
// the namespace's status conditions, then remove the `kubernetes` finalizer so the API server can
// let the namespace go.

import { internalError, isApiError } from '../api/errors';
import { RESOURCES, type ResourceInfo } from '../api/registry';
import type { KubeObject, Pod } from '../api/types';
import { parseRFC3339 } from '../clock';
import { keyOf, type Informer } from '../client/informer';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';

/** Wait this long after seeing a deletion before acting (namespaceDeletionGracePeriod). */
export const NAMESPACE_DELETION_GRACE_MS = 5_000;
/** Estimate when what remains has finalizers (finalizerEstimateSeconds). */
const FINALIZER_ESTIMATE_SECONDS = 15;
export const KUBERNETES_FINALIZER = 'kubernetes';

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** The conditions the deleter maintains, in order, with their "all is well" reason and message. */
const CONDITION_TYPES: [type: string, okReason: string, okMessage: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

/** Namespaced resources the deleter can delete (discovery filtered on the `delete` verb). */
function deletableResources(): ResourceInfo[] {
  const seen = new Set<string>();
  return RESOURCES.filter((r) => {
    if (!r.namespaced || !r.verbs.includes('delete') || seen.has(r.resource)) return false;
    seen.add(r.resource);
    return true;
  });
}

export class NamespaceController extends Controller {
  readonly name = 'namespace-controller';
  private readonly nsInf: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx, 'namespace');
    this.nsInf = ctx.informers.for('namespaces');
  }

  register(): void {
    const maybe = (ns: KubeObject) => {
      if (ns.metadata.deletionTimestamp) this.queue.addAfter(keyOf(ns), NAMESPACE_DELETION_GRACE_MS);
    };
    this.nsInf.addHandlers({ add: maybe, update: (_, ns) => maybe(ns) });
  }

  reconcile(key: string): ReconcileResult {
    // Several controllers edit a terminating namespace: work from a live read.
    let ns = this.client.tryGet('namespaces', undefined, key);
    if (!ns || !ns.metadata.deletionTimestamp) return;
    if (ns.status?.phase !== 'Terminating') {
      const next = deepClone(ns);
      next.status = { ...next.status, phase: 'Terminating' };
      ns = this.client.updateStatus('namespaces', next);
    }
    const finalizers: string[] = ns.spec?.finalizers ?? [];
    if (finalizers.length === 0) return;

    const estimate = this.deleteAllContent(ns);
    if (estimate > 0) {
      // ResourcesRemainingError: look again in half the estimate.
      return { requeueAfterMs: (Math.floor(estimate / 2) + 1) * 1000 };
    }
    const rest = [...new Set(finalizers.filter((f) => f !== KUBERNETES_FINALIZER))].sort();
    try {
      this.client.api.finalizeNamespace(key, rest, { actor: this.client.actor });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  /** deleteAllContent: returns the estimated seconds until the rest is gone; throws on failures. */
  private deleteAllContent(ns: KubeObject): number {
    const name = ns.metadata.name!;
    const deletedAt = parseRFC3339(ns.metadata.deletionTimestamp) ?? this.clock.now();
    let estimate = 0;
    const errors: string[] = [];
    const remaining: string[] = [];
    const byFinalizer = new Map<string, number>();
    for (const info of deletableResources()) {
      const gvr = info.group ? `${info.group}/${info.version}, Resource=${info.resource}` : `/${info.version}, Resource=${info.resource}`;
      const r = this.deleteResource(info, name, deletedAt);
      if (r.error) errors.push(r.error.replace('%GVR%', gvr));
      estimate = Math.max(estimate, r.estimate);
      if (r.remaining > 0) {
        remaining.push(`${info.resource}.${info.group} has ${r.remaining} resource instances`);
        for (const [f, n] of r.finalizers) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + n);
      }
    }

    const failures = new Map<string, Omit<NamespaceCondition, 'lastTransitionTime' | 'type' | 'status'>>();
    if (errors.length) {
      failures.set('NamespaceDeletionContentFailure', {
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`,
      });
    }
    if (remaining.length) {
      failures.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.sort().join(', ')}` });
    }
    if (byFinalizer.size) {
      const parts = [...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`).sort();
      failures.set('NamespaceFinalizersRemaining', { reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${parts.join(', ')}` });
    }
    this.updateConditions(ns, failures);
    if (errors.length) throw internalError([...errors].sort().join(', '));
    return estimate;
  }

  /** deleteAllContentForGroupVersionResource. */
  private deleteResource(info: ResourceInfo, namespace: string, deletedAt: number): { estimate: number; remaining: number; finalizers: Map<string, number>; error?: string } {
    const finalizers = new Map<string, number>();
    let estimate = info.resource === 'pods' ? this.estimatePods(namespace) : 0;
    // Past the estimate since the namespace was deleted: nothing more is expected to finish on its own.
    if (this.clock.now() - deletedAt >= estimate * 1000) estimate = 0;
    if (!info.verbs.includes('list')) return { estimate, remaining: 0, finalizers };

    let items: KubeObject[];
    try {
      items = this.client.list(info.resource, { namespace }).items;
      for (const o of items) {
        if (o.metadata.deletionTimestamp) continue; // deleting again changes nothing
        try {
          // Background: the namespace controller does not want orphan finalizers added.
          this.client.delete(info.resource, namespace, o.metadata.name!, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isApiError(e, 'NotFound') && !isApiError(e, 'MethodNotAllowed')) throw e;
        }
      }
      items = this.client.list(info.resource, { namespace }).items;
    } catch (e) {
      if (!isApiError(e)) throw e;
      return { estimate, remaining: 0, finalizers, error: e.message };
    }
    if (items.length === 0) return { estimate: 0, remaining: 0, finalizers };
    for (const o of items) for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    if (estimate !== 0) return { estimate, remaining: items.length, finalizers };
    if (finalizers.size) return { estimate: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
    return { estimate, remaining: items.length, finalizers, error: `unexpected items still remain in namespace: ${namespace} for gvr: %GVR%` };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of the pods still running. */
  private estimatePods(namespace: string): number {
    let estimate = 0;
    for (const pod of this.client.list<Pod>('pods', { namespace }).items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = pod.spec.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    return estimate;
  }

  /** namespaceConditionUpdater.Update: every condition type present, "ok" unless failing. */
  private updateConditions(ns: KubeObject, failures: Map<string, { reason: string; message: string }>): void {
    const current = (ns.status?.conditions ?? []) as NamespaceCondition[];
    const next = current.map((c) => ({ ...c }));
    let changed = false;
    const now = this.clock.nowISO();
    for (const [type, okReason, okMessage] of CONDITION_TYPES) {
      const f = failures.get(type);
      const want = { type, status: (f ? 'True' : 'False') as 'True' | 'False', reason: f?.reason ?? okReason, message: f?.message ?? okMessage };
      const old = next.find((c) => c.type === type);
      if (!old) {
        next.push({ ...want, lastTransitionTime: now });
        changed = true;
      } else if (old.status !== want.status || old.reason !== want.reason || old.message !== want.message) {
        if (old.status !== want.status) old.lastTransitionTime = now;
        Object.assign(old, want);
        changed = true;
      }
    }
    if (!changed) return;
    const updated = deepClone(ns);
    updated.status = { ...updated.status, conditions: next };
    try {
      this.client.updateStatus('namespaces', updated);
    } catch (e) {
      // Best effort, as upstream: the next pass writes them again.
      if (!isApiError(e)) throw e;
    }
  }
}
