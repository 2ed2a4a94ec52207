// metrics.k8s.io/v1beta1 over HTTP: discovery entries (only while metrics-server is Ready, as an
// aggregated APIService that is unavailable drops out of discovery) and the read-only routes
// kubectl top uses: nodes, nodes/NAME, pods (all namespaces), namespaces/NS/pods[/NAME].

import type { ServerResponse } from 'node:http';
import { ApiError } from '../sim/api/errors';
import { methodNotAllowed, notFoundPath, sendJSON } from './http';
import { METRICS_GROUP, METRICS_VERSION, type MetricsApi } from '../sim/apiserver/metrics';

type Json = Record<string, unknown>;

const GV = `${METRICS_GROUP}/${METRICS_VERSION}`;

function resources(): Json[] {
  return [
    { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
    { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
  ];
}

/** Add the metrics group to a discovery document of /apis (legacy or aggregated). */
export function withMetricsDiscovery(body: Json): Json {
  if (body.kind === 'APIGroupList') {
    const g = { name: METRICS_GROUP, versions: [{ groupVersion: GV, version: METRICS_VERSION }], preferredVersion: { groupVersion: GV, version: METRICS_VERSION } };
    return { ...body, groups: [...(body.groups as Json[]), g] };
  }
  if (body.kind === 'APIGroupDiscoveryList') {
    const item = {
      metadata: { name: METRICS_GROUP, creationTimestamp: null },
      versions: [
        {
          version: METRICS_VERSION,
          resources: [
            { resource: 'nodes', responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'NodeMetrics' }, scope: 'Cluster', singularResource: 'nodemetrics', verbs: ['get', 'list'] },
            { resource: 'pods', responseKind: { group: METRICS_GROUP, version: METRICS_VERSION, kind: 'PodMetrics' }, scope: 'Namespaced', singularResource: 'podmetrics', verbs: ['get', 'list'] },
          ],
          freshness: 'Current',
        },
      ],
    };
    return { ...body, items: [...(body.items as Json[]), item] };
  }
  return body;
}

/** Answer /apis/metrics.k8s.io[/v1beta1[/...]] (parts without the leading "apis"). */
export function handleMetrics(res: ServerResponse, method: string, parts: string[], q: URLSearchParams, metrics: MetricsApi): void {
  if (method !== 'GET') throw methodNotAllowed();
  // The APIService stays registered while metrics-server is down: the aggregator answers 503
  // (a client with an old discovery cache gets this; a fresh one no longer sees the group).
  if (!metrics.available()) throw new ApiError({ reason: 'ServiceUnavailable', code: 503, message: 'the server is currently unable to handle the request' });
  const [, version, ...rest] = parts;
  if (version === undefined) {
    return sendJSON(res, 200, { kind: 'APIGroup', apiVersion: 'v1', name: METRICS_GROUP, versions: [{ groupVersion: GV, version: METRICS_VERSION }], preferredVersion: { groupVersion: GV, version: METRICS_VERSION } });
  }
  if (version !== METRICS_VERSION) throw notFoundPath();
  if (rest.length === 0) return sendJSON(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: GV, resources: resources() });
  const labelSelector = q.get('labelSelector') ?? undefined;
  if (rest[0] === 'nodes' && rest.length === 1) return sendJSON(res, 200, metrics.listNodes({ labelSelector }));
  if (rest[0] === 'nodes' && rest.length === 2) return sendJSON(res, 200, metrics.getNode(rest[1]));
  if (rest[0] === 'pods' && rest.length === 1) return sendJSON(res, 200, metrics.listPods({ labelSelector }));
  if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest.length === 3) return sendJSON(res, 200, metrics.listPods({ namespace: rest[1], labelSelector }));
  if (rest[0] === 'namespaces' && rest[2] === 'pods' && rest.length === 4) return sendJSON(res, 200, metrics.getPod(rest[1], rest[3]));
  throw notFoundPath();
}
