// The metrics.k8s.io/v1beta1 API (NodeMetrics, PodMetrics) that metrics-server adds to the API
// server through an APIService. It answers from the usage model (../node/usage.ts), and only
// while a metrics-server pod in kube-system is Ready: otherwise the aggregated group is
// unavailable and discovery leaves it out (kubectl top then says "Metrics API not available").
// Objects are computed on read, never stored: reading them changes nothing in the cluster.

import { ApiError } from '../api/errors';
import { matches, parseSelector, SelectorParseError } from '../api/labels';
import type { Node, Pod } from '../api/types';
import { nodeUsage, podUsage, scrapeTime, SCRAPE_INTERVAL_MS, type Usage } from '../node/usage';
import type { ApiServer } from './apiserver';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';

type Json = Record<string, any>;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Usage as metrics-server writes it: CPU in nanocores, memory in Ki. */
function usageJSON(u: Usage): Json {
  return { cpu: `${u.cpuMilli * 1_000_000}n`, memory: `${Math.round(u.memoryBytes / 1024)}Ki` };
}

function selectorOf(labelSelector: string | undefined): ReturnType<typeof parseSelector> | null {
  if (!labelSelector) return null;
  try {
    return parseSelector(labelSelector);
  } catch (e) {
    if (e instanceof SelectorParseError) throw new ApiError({ reason: 'BadRequest', code: 400, message: `unable to parse requirement: ${e.message}` });
    throw e;
  }
}

export class MetricsApi {
  constructor(private readonly api: ApiServer) {}

  /** Whether the metrics.k8s.io APIService is available: a metrics-server pod is Ready. */
  available(): boolean {
    const pods = this.api.list<Pod>('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=metrics-server' }).items;
    return pods.some((p) => !p.metadata.deletionTimestamp && (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'));
  }

  private requireAvailable(): void {
    if (!this.available()) {
      throw new ApiError({ reason: 'ServiceUnavailable', code: 503, message: 'the server is currently unable to handle the request' });
    }
  }

  private nodeMetrics(node: Node, pods: readonly Pod[], now: number): Json {
    const t = scrapeTime(now);
    return {
      kind: 'NodeMetrics',
      apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
      metadata: { name: node.metadata.name, creationTimestamp: iso(now), labels: { ...(node.metadata.labels ?? {}) } },
      timestamp: iso(t),
      window: `${SCRAPE_INTERVAL_MS / 1000}s`,
      usage: usageJSON(nodeUsage(node.metadata.name!, pods, now)),
    };
  }

  private podMetrics(pod: Pod, now: number): Json | undefined {
    const containers = podUsage(pod, now);
    if (containers.length === 0) return undefined;
    const t = scrapeTime(now);
    return {
      kind: 'PodMetrics',
      apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`,
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: iso(now), labels: { ...(pod.metadata.labels ?? {}) } },
      timestamp: iso(t),
      window: `${SCRAPE_INTERVAL_MS / 1000}s`,
      containers: containers.map((c) => ({ name: c.name, usage: usageJSON(c.usage) })),
    };
  }

  /** GET .../nodes: NodeMetricsList of the nodes that match. */
  listNodes(opts: { labelSelector?: string } = {}): Json {
    this.requireAvailable();
    const now = this.api.clock.now();
    const sel = selectorOf(opts.labelSelector);
    // Group pods by node once: large clusters have thousands of both.
    const byNode = new Map<string, Pod[]>();
    for (const p of this.api.list<Pod>('pods').items) {
      const n = p.spec?.nodeName;
      if (!n) continue;
      let list = byNode.get(n);
      if (!list) byNode.set(n, (list = []));
      list.push(p);
    }
    const items = this.api
      .list<Node>('nodes')
      .items.filter((n) => !sel || matches(sel, n.metadata.labels))
      .map((n) => this.nodeMetrics(n, byNode.get(n.metadata.name!) ?? [], now));
    return { kind: 'NodeMetricsList', apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`, metadata: {}, items };
  }

  /** GET .../nodes/NAME. */
  getNode(name: string): Json {
    this.requireAvailable();
    const node = this.api.tryGet<Node>('nodes', undefined, name);
    if (!node) throw new ApiError({ reason: 'NotFound', code: 404, message: `nodemetrics.metrics.k8s.io ${JSON.stringify(name)} not found`, details: { name, group: METRICS_GROUP, kind: 'nodemetrics' } });
    return this.nodeMetrics(node, this.api.list<Pod>('pods', { fieldSelector: `spec.nodeName=${name}` }).items, this.api.clock.now());
  }

  /** GET .../pods or .../namespaces/NS/pods: PodMetricsList of running pods that match. */
  listPods(opts: { namespace?: string; labelSelector?: string } = {}): Json {
    this.requireAvailable();
    const now = this.api.clock.now();
    const sel = selectorOf(opts.labelSelector);
    const items: Json[] = [];
    for (const p of this.api.list<Pod>('pods', { namespace: opts.namespace || undefined }).items) {
      if (sel && !matches(sel, p.metadata.labels)) continue;
      const m = this.podMetrics(p, now);
      if (m) items.push(m);
    }
    return { kind: 'PodMetricsList', apiVersion: `${METRICS_GROUP}/${METRICS_VERSION}`, metadata: {}, items };
  }

  /** GET .../namespaces/NS/pods/NAME. */
  getPod(namespace: string, name: string): Json {
    this.requireAvailable();
    const pod = this.api.tryGet<Pod>('pods', namespace, name);
    const m = pod && this.podMetrics(pod, this.api.clock.now());
    if (!m) throw new ApiError({ reason: 'NotFound', code: 404, message: `podmetrics.metrics.k8s.io ${JSON.stringify(`${namespace}/${name}`)} not found`, details: { name: `${namespace}/${name}`, group: METRICS_GROUP, kind: 'podmetrics' } });
    return m;
  }
}
