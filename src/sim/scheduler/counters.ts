// Counts of pods matching a (namespaces, label selector) pair, per node and per topology value,
// kept up to date as pods come and go. Upstream PodTopologySpread and InterPodAffinity recount by
// walking every pod of every node for each pod they schedule; with thousands of nodes that is the
// hot spot, so the cache keeps a few counters (one per ReplicaSet, typically) incrementally. The
// numbers are the same as the walk would give.

import { matches, type Selector } from '../api/labels';
import type { NodeInfo } from './nodeinfo';
import type { PodInfo } from './podinfo';

export class PodCounter {
  /** Matching pods per node (only nodes with at least one); keyed by object for fast lookups. */
  readonly byNode = new Map<NodeInfo, number>();
  /** topologyKey -> value -> matching pods on nodes with that label value. */
  readonly byTopology = new Map<string, Map<string, number>>();

  constructor(
    readonly key: string,
    readonly namespaces: Set<string> | null,
    readonly selector: Selector | null,
    /** countPodsMatchSelector skips terminating pods; inter-pod affinity counts them. */
    readonly includeTerminating: boolean,
  ) {}

  matches(pi: PodInfo): boolean {
    if (!this.includeTerminating && pi.terminating) return false;
    if (this.namespaces !== null && !this.namespaces.has(pi.namespace)) return false;
    // labels.Selector.Empty() selects nothing for spreading: callers pass null then.
    return matches(this.selector, pi.labels);
  }

  add(node: NodeInfo, sign: 1 | -1): void {
    const n = (this.byNode.get(node) ?? 0) + sign;
    if (n > 0) this.byNode.set(node, n);
    else this.byNode.delete(node);
    for (const [key, values] of this.byTopology) {
      const v = node.node ? node.labels[key] : undefined;
      if (v === undefined) continue;
      const c = (values.get(v) ?? 0) + sign;
      if (c > 0) values.set(v, c);
      else values.delete(v);
    }
  }

  onNode(node: NodeInfo): number {
    return this.byNode.get(node) ?? 0;
  }

  /** Counts per value of a topology key, built on first use from the per-node counts. */
  topology(key: string): Map<string, number> {
    let values = this.byTopology.get(key);
    if (values) return values;
    values = new Map();
    for (const [node, n] of this.byNode) {
      // Placeholder NodeInfos (pods of a deleted node) are not in the snapshot.
      const v = node.node ? node.labels[key] : undefined;
      if (v !== undefined) values.set(v, (values.get(v) ?? 0) + n);
    }
    this.byTopology.set(key, values);
    return values;
  }

  /** Node labels changed somewhere: topology sums are rebuilt on next use. */
  invalidateTopology(): void {
    this.byTopology.clear();
  }
}

/** A canonical key for a counter. */
export function counterKey(namespaces: Set<string> | null, selector: Selector | null, includeTerminating: boolean): string {
  const ns = namespaces === null ? '*' : [...namespaces].sort().join(',');
  return `${includeTerminating ? 'T' : 'L'}|${ns}|${JSON.stringify(selector)}`;
}
