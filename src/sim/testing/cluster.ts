// Helpers for scenario tests: a seeded cluster with frozen objects, manifests from YAML, and
// waiting by advancing the virtual clock (never by sleeping).

import { parseAllDocuments } from 'yaml';
import { resourceForKind } from '../api/registry';
import type { KubeObject, Pod } from '../api/types';
import { Cluster, type ClusterOptions } from '../cluster';

export function testCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster({ seed: 1, freezeObjects: true, ...opts });
}

/** Create every document of a YAML text, as `kubectl create -f` does. */
export function createFromYaml(cluster: Cluster, text: string, namespace = 'default'): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const obj = doc.toJS() as KubeObject | null;
    if (!obj) continue;
    const info = resourceForKind(obj.apiVersion, obj.kind);
    if (!info) throw new Error(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    out.push(cluster.api.create(info, obj, { namespace: info.namespaced ? obj.metadata?.namespace ?? namespace : undefined, actor: 'kubectl', decode: true }));
  }
  return out;
}

/**
 * Advance the clock one step at a time until `done()` holds; returns the virtual seconds it took.
 * Throws if it does not hold within `maxSeconds`.
 */
export function waitFor(cluster: Cluster, done: () => boolean, maxSeconds = 600, stepSeconds = 1): number {
  const start = cluster.clock.now();
  cluster.clock.runUntilIdle();
  while (!done()) {
    if (cluster.clock.now() - start >= maxSeconds * 1000) {
      throw new Error(`condition not met within ${maxSeconds}s of virtual time`);
    }
    cluster.advance(stepSeconds);
  }
  return (cluster.clock.now() - start) / 1000;
}

export function pods(cluster: Cluster, namespace = 'default', labelSelector?: string): Pod[] {
  return cluster.api.list<Pod>('pods', { namespace, labelSelector }).items;
}

export function isReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && (pod.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}
