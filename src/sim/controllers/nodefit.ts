// Whether a pod fits a node by node name, node selector / required node affinity, and taints:
// the predicates the DaemonSet controller evaluates itself (daemon_controller.go `predicates`),
// with the semantics of component-helpers' nodeaffinity and v1helper's taint matching.

import { matches, type Requirement } from '../api/labels';
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from '../api/types';

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  // An empty key with Exists tolerates every taint.
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** v1helper.FindMatchingUntoleratedTaint: the first taint (passing `filter`) no toleration covers. */
export function findUntoleratedTaint(taints: Taint[] | undefined, tolerations: Toleration[] | undefined, filter: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!filter(taint)) continue;
    if (!(tolerations ?? []).some((t) => toleratesTaint(t, taint))) return taint;
  }
  return undefined;
}

function requirements(reqs: NodeSelectorRequirement[]): Requirement[] {
  return reqs.map((r) => ({ key: r.key, operator: r.operator, values: r.values ?? [] }));
}

/** A term matches when all its expressions (labels) and fields (metadata.name) match; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  if (exprs.length && !matches(requirements(exprs), node.metadata.labels)) return false;
  if (fields.length) {
    // Only metadata.name is a supported node field.
    const nodeFields: Record<string, string> = { 'metadata.name': node.metadata.name ?? '' };
    if (!matches(requirements(fields), nodeFields)) return false;
  }
  return true;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector and required node affinity. */
export function requiredNodeAffinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}
