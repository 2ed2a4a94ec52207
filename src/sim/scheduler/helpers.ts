// Matching helpers the plugins share: tolerations against taints (v1helper), node selector terms
// and a pod's required node affinity (component-helpers/scheduling/corev1/nodeaffinity).

import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from '../api/types';
import type { NodeInfo } from './nodeinfo';

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** v1helper.FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined, filter: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const has = value !== undefined;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const n = Number(value);
      const bound = Number(values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A node selector term: its expressions and fields all hold; an empty term matches nothing. */
export function termMatches(term: NodeSelectorTerm, labels: Record<string, string>, nodeName: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  for (const r of exprs) if (!requirementMatches(r, labels[r.key])) return false;
  for (const r of fields) {
    // Only metadata.name is a supported node field.
    if (r.key !== 'metadata.name') return false;
    if (!requirementMatches(r, nodeName)) return false;
  }
  return true;
}

/** NodeSelectorTerms are ORed. */
export function termsMatch(terms: readonly NodeSelectorTerm[], labels: Record<string, string>, nodeName: string): boolean {
  for (const t of terms) if (termMatches(t, labels, nodeName)) return true;
  return false;
}

/** nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND the required node affinity terms. */
export class RequiredNodeAffinity {
  readonly nodeSelector?: Record<string, string>;
  readonly terms?: readonly NodeSelectorTerm[];

  constructor(pod: Pod) {
    const sel = pod.spec.nodeSelector;
    if (sel && Object.keys(sel).length) this.nodeSelector = sel;
    const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) this.terms = req.nodeSelectorTerms ?? [];
  }

  get empty(): boolean {
    return !this.nodeSelector && !this.terms;
  }

  match(node: NodeInfo): boolean {
    if (this.nodeSelector) {
      for (const k in this.nodeSelector) if (node.labels[k] !== this.nodeSelector[k]) return false;
    }
    if (this.terms && !termsMatch(this.terms, node.labels, node.name)) return false;
    return true;
  }
}

/** Stable string order (Go's sort.Strings: byte order). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
