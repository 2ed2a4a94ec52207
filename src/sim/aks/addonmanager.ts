// AKS's addon manager, which runs in the managed control plane: every 60 s it re-applies the
// add-on manifests. Objects labelled addonmanager.kubernetes.io/mode=Reconcile are kept as the
// manifest says (edits reverted, deleted objects recreated); EnsureExists ones are only recreated.
// It also runs the coredns-autoscaler's ladder while that add-on's pod is available.

import { isApiError } from '../api/errors';
import { resourceForKind } from '../api/registry';
import type { KubeObject } from '../api/types';
import type { ApiClient } from '../apiserver/apiserver';
import type { Clock } from '../clock';
import { deepClone } from '../util/json';
import { ADDON_LABEL } from './addons';

export const ADDON_CHECK_INTERVAL_MS = 60_000;
/** cluster-proportional-autoscaler's default poll period. */
export const AUTOSCALER_POLL_MS = 10_000;

/** Overlay what the manifest declares onto the live object: maps merge, everything else replaces. */
function overlay(live: any, manifest: any): any {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return deepClone(manifest);
  const out: any = live && typeof live === 'object' && !Array.isArray(live) ? { ...live } : {};
  for (const [k, v] of Object.entries(manifest)) out[k] = overlay(out[k], v);
  return out;
}

export class AddonManager {
  private timer?: number;
  private autoscalerTimer?: number;

  constructor(private readonly client: ApiClient, private readonly clock: Clock, private readonly manifests: () => KubeObject[]) {}

  start(): void {
    this.reconcile();
    this.timer = this.clock.schedule(() => this.loop(), ADDON_CHECK_INTERVAL_MS, 'addon-manager');
    this.autoscalerTimer = this.clock.schedule(() => this.autoscaleLoop(), AUTOSCALER_POLL_MS, 'coredns-autoscaler');
  }

  stop(): void {
    this.clock.cancel(this.timer);
    this.clock.cancel(this.autoscalerTimer);
  }

  private loop(): void {
    this.reconcile();
    this.timer = this.clock.schedule(() => this.loop(), ADDON_CHECK_INTERVAL_MS, 'addon-manager');
  }

  private autoscaleLoop(): void {
    this.autoscaleCoreDNS();
    this.autoscalerTimer = this.clock.schedule(() => this.autoscaleLoop(), AUTOSCALER_POLL_MS, 'coredns-autoscaler');
  }

  /** One pass: create what is missing, revert what was changed. */
  reconcile(): void {
    for (const m of this.manifests()) {
      const info = resourceForKind(m.apiVersion, m.kind);
      if (!info) continue;
      const mode = m.metadata.labels?.[ADDON_LABEL];
      const live = this.client.tryGet(info.resource, m.metadata.namespace, m.metadata.name!);
      try {
        if (!live) {
          this.client.create(info.resource, m);
        } else if (mode === 'Reconcile' && !live.metadata.deletionTimestamp) {
          const desired = overlay(live, { metadata: { labels: m.metadata.labels }, spec: m.spec, data: m.data });
          // The coredns-autoscaler owns coredns' replica count.
          if (m.kind === 'Deployment' && m.metadata.name === 'coredns') desired.spec.replicas = live.spec.replicas;
          this.client.update(info.resource, desired);
        }
      } catch (e) {
        if (!isApiError(e)) throw e; // retried on the next pass, as the real addon manager does
      }
    }
  }

  /** cluster-proportional-autoscaler in ladder mode: replicas from cores and nodes. */
  private autoscaleCoreDNS(): void {
    const scaler = this.client.tryGet('deployments', 'kube-system', 'coredns-autoscaler');
    if (!scaler || !(scaler.status?.availableReplicas > 0)) return;
    const cm = this.client.tryGet('configmaps', 'kube-system', 'coredns-autoscaler');
    let ladder: { coresToReplicas?: number[][]; nodesToReplicas?: number[][] };
    try {
      ladder = JSON.parse(cm?.data?.ladder ?? '{}');
    } catch {
      return; // the real autoscaler logs the parse error and keeps the current size
    }
    const nodes = this.client.list('nodes').items.filter((n) => !n.spec?.unschedulable);
    const cores = nodes.reduce((s, n) => s + Number(n.status?.capacity?.cpu ?? 0), 0);
    const step = (table: number[][] | undefined, x: number) => {
      let r = 0;
      for (const [threshold, replicas] of table ?? []) if (x >= threshold) r = replicas;
      return r;
    };
    const want = Math.max(step(ladder.coresToReplicas, cores), step(ladder.nodesToReplicas, nodes.length), 1);
    const coredns = this.client.tryGet('deployments', 'kube-system', 'coredns');
    if (coredns && coredns.spec.replicas !== want) {
      try {
        this.client.api.updateScale('deployments', 'kube-system', 'coredns', { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'coredns' }, spec: { replicas: want } }, { actor: 'coredns-autoscaler' });
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
  }
}
