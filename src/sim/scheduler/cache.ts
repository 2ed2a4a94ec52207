// The scheduler cache (pkg/scheduler/backend/cache): a NodeInfo per node, updated incrementally
// from informer events and from the scheduler's own assumptions (a pod is "assumed" on its node
// from Reserve until the bound pod comes back through the watch). It also serves as the snapshot
// plugins read: the scheduler runs one cycle at a time, so no copy is needed between cycles.

import type { Selector } from '../api/labels';
import type { Node, Pod } from '../api/types';
import type { Snapshot } from './framework';
import { NodeInfo } from './nodeinfo';
import { PodCounter, counterKey } from './counters';
import { PodInfo } from './podinfo';

interface PodState {
  pi: PodInfo;
  node: string;
  assumed: boolean;
}

const MAX_COUNTERS = 256;

export class SchedulerCache implements Snapshot {
  /** Every NodeInfo, including placeholders for pods whose Node is gone or not seen yet. */
  private readonly infos = new Map<string, NodeInfo>();
  private list: NodeInfo[] = [];
  private listDirty = false;
  private readonly podStates = new Map<string, PodState>();
  /** image -> number of nodes that have it (ImageStateSummary.NumNodes). */
  readonly imageNodes = new Map<string, number>();
  /** Pods (by uid) with inter-pod affinity, and with required anti-affinity, cluster-wide. */
  readonly affinityPods = new Map<string, PodInfo>();
  readonly antiAffinityPods = new Map<string, PodInfo>();
  private readonly counters = new Map<string, PodCounter>();
  private readonly labelStats = new Map<string, { nodes: number; values: Map<string, number> }>();

  // ------------------------------------------------------------------ snapshot

  /** Nodes with a Node object, in the order they were added. */
  get nodes(): readonly NodeInfo[] {
    if (this.listDirty) {
      this.list = [];
      for (const ni of this.infos.values()) if (ni.node) this.list.push(ni);
      this.listDirty = false;
    }
    return this.list;
  }

  get(name: string): NodeInfo | undefined {
    const ni = this.infos.get(name);
    return ni?.node ? ni : undefined;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  // ------------------------------------------------------------------ nodes

  addNode(node: Node): void {
    const name = node.metadata.name!;
    let ni = this.infos.get(name);
    if (!ni) this.infos.set(name, (ni = new NodeInfo(name)));
    if (ni.node) this.removeImages(ni);
    ni.setNode(node);
    this.addImages(ni);
    this.listDirty = true;
    this.nodeLabelsChanged();
  }

  /**
   * A Node changed. Returns true when the change matters for scheduling (allocatable, labels,
   * taints, unschedulable, conditions, images), as nodeSchedulingPropertiesChange decides; a
   * heartbeat alone does not.
   */
  updateNode(oldNode: Node, node: Node): boolean {
    const ni = this.infos.get(node.metadata.name!);
    if (!ni?.node) {
      this.addNode(node);
      return true;
    }
    const labelsChanged = !sameRecord(oldNode.metadata.labels, node.metadata.labels);
    const relevant =
      labelsChanged ||
      !sameRecord(oldNode.status?.allocatable, node.status?.allocatable) ||
      JSON.stringify(oldNode.spec?.taints ?? []) !== JSON.stringify(node.spec?.taints ?? []) ||
      !!oldNode.spec?.unschedulable !== !!node.spec?.unschedulable ||
      conditionSummary(oldNode) !== conditionSummary(node) ||
      (oldNode.status?.images?.length ?? 0) !== (node.status?.images?.length ?? 0);
    if (relevant) {
      this.removeImages(ni);
      ni.setNode(node);
      this.addImages(ni);
      if (labelsChanged) this.nodeLabelsChanged();
    } else {
      ni.node = node;
    }
    return relevant;
  }

  removeNode(name: string): void {
    const ni = this.infos.get(name);
    if (!ni) return;
    if (ni.node) this.removeImages(ni);
    // Pods keep their placeholder until they are deleted too (RemoveNode keeps tracking info).
    ni.node = undefined;
    if (ni.pods.size === 0) this.infos.delete(name);
    this.listDirty = true;
    this.nodeLabelsChanged();
  }

  private addImages(ni: NodeInfo): void {
    for (const img of ni.images.keys()) this.imageNodes.set(img, (this.imageNodes.get(img) ?? 0) + 1);
  }

  private removeImages(ni: NodeInfo): void {
    for (const img of ni.images.keys()) {
      const n = (this.imageNodes.get(img) ?? 1) - 1;
      if (n > 0) this.imageNodes.set(img, n);
      else this.imageNodes.delete(img);
    }
  }

  private nodeLabelsChanged(): void {
    this.labelStats.clear();
    for (const c of this.counters.values()) c.invalidateTopology();
  }

  /** How many nodes carry a label key, and how many nodes have each of its values. */
  labelStatsOf(key: string): { nodes: number; values: Map<string, number> } {
    let s = this.labelStats.get(key);
    if (s) return s;
    s = { nodes: 0, values: new Map() };
    for (const ni of this.nodes) {
      const v = ni.labels[key];
      if (v === undefined) continue;
      s.nodes++;
      s.values.set(v, (s.values.get(v) ?? 0) + 1);
    }
    this.labelStats.set(key, s);
    return s;
  }

  // ------------------------------------------------------------------ pods

  /** An assigned pod seen by the informer (or a confirmation of an assumed one). */
  addPod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const st = this.podStates.get(uid);
    if (st) {
      if (st.node === pod.spec.nodeName) {
        st.assumed = false;
        this.refresh(st, pod);
        return;
      }
      this.removeState(uid, st); // assumed elsewhere: the API's answer wins
    }
    this.addState(new PodInfo(pod), pod.spec.nodeName!, false);
  }

  updatePod(oldPod: Pod, pod: Pod): void {
    const st = this.podStates.get(pod.metadata.uid!);
    if (!st) return this.addPod(pod);
    if (st.node !== pod.spec.nodeName) {
      this.removePod(oldPod);
      this.addPod(pod);
      return;
    }
    st.assumed = false;
    this.refresh(st, pod);
  }

  removePod(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const st = this.podStates.get(uid);
    if (st) this.removeState(uid, st);
  }

  /** Reserve: the pod counts on the node from now on, before the binding is confirmed. */
  assumePod(pi: PodInfo, nodeName: string): void {
    const st = this.podStates.get(pi.uid);
    if (st) this.removeState(pi.uid, st);
    this.addState(pi, nodeName, true);
  }

  /** A binding failed: the assumption is dropped. */
  forgetPod(uid: string): void {
    const st = this.podStates.get(uid);
    if (st?.assumed) this.removeState(uid, st);
  }

  isAssumed(uid: string): boolean {
    return this.podStates.get(uid)?.assumed ?? false;
  }

  nodeOf(uid: string): string | undefined {
    return this.podStates.get(uid)?.node;
  }

  /** Pod objects change often (status); only labels and deletion change what the cache counts. */
  private refresh(st: PodState, pod: Pod): void {
    const old = st.pi.pod;
    if (old === pod) return;
    if (sameRecord(old.metadata.labels, pod.metadata.labels) && !!old.metadata.deletionTimestamp === !!pod.metadata.deletionTimestamp && old.spec.priority === pod.spec.priority) {
      st.pi.pod = pod;
      return;
    }
    const node = st.node;
    const assumed = st.assumed;
    this.removeState(pod.metadata.uid!, st);
    this.addState(new PodInfo(pod), node, assumed);
  }

  private addState(pi: PodInfo, nodeName: string, assumed: boolean): void {
    this.podStates.set(pi.uid, { pi, node: nodeName, assumed });
    let ni = this.infos.get(nodeName);
    if (!ni) this.infos.set(nodeName, (ni = new NodeInfo(nodeName)));
    ni.addPod(pi);
    if (pi.hasAffinity) this.affinityPods.set(pi.uid, pi);
    if (pi.requiredAntiAffinityTerms.length) this.antiAffinityPods.set(pi.uid, pi);
    for (const c of this.counters.values()) if (c.matches(pi)) c.add(ni, 1);
  }

  private removeState(uid: string, st: PodState): void {
    this.podStates.delete(uid);
    const ni = this.infos.get(st.node);
    if (ni) {
      ni.removePod(st.pi);
      for (const c of this.counters.values()) if (c.matches(st.pi)) c.add(ni, -1);
      if (!ni.node && ni.pods.size === 0) this.infos.delete(st.node);
    }
    this.affinityPods.delete(uid);
    this.antiAffinityPods.delete(uid);
  }

  /** The node a cached pod is on (for inter-pod affinity over the cluster-wide pod sets). */
  nodeInfoOfPod(uid: string): NodeInfo | undefined {
    const st = this.podStates.get(uid);
    return st ? this.infos.get(st.node) : undefined;
  }

  // ------------------------------------------------------------------ counters

  /** A live counter of pods matching (namespaces, selector); created by one walk over the pods. */
  counter(namespaces: Set<string> | null, selector: Selector | null, includeTerminating: boolean): PodCounter {
    const key = counterKey(namespaces, selector, includeTerminating);
    let c = this.counters.get(key);
    if (c) {
      // Most recently used last, so the oldest is evicted first.
      this.counters.delete(key);
      this.counters.set(key, c);
      return c;
    }
    c = new PodCounter(key, namespaces, selector, includeTerminating);
    for (const st of this.podStates.values()) {
      if (!c.matches(st.pi)) continue;
      const ni = this.infos.get(st.node);
      if (ni) c.add(ni, 1);
    }
    this.counters.set(key, c);
    if (this.counters.size > MAX_COUNTERS) this.counters.delete(this.counters.keys().next().value!);
    return c;
  }
}

function sameRecord(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (a === b) return true;
  const ak = a ? Object.keys(a) : [];
  const bk = b ? Object.keys(b) : [];
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (a![k] !== b?.[k]) return false;
  return true;
}

function conditionSummary(n: Node): string {
  let s = '';
  for (const c of n.status?.conditions ?? []) s += `${c.type}=${c.status};`;
  return s;
}
