// OpenAPI v3 as kube-apiserver serves it: an index at /openapi/v3 pointing at one document per
// group/version, each built from the schema module plus `paths`. kubectl only needs each kind's
// PATCH operation (x-kubernetes-group-version-kind + a fieldValidation parameter) to turn on
// server-side field validation, and the schemas to compute strategic merge patches for apply.

import { createHash } from 'node:crypto';
import { apiVersionOf, groupVersions, RESOURCES } from '../sim/api/registry';
import { toOpenAPIV3 } from '../sim/api/schema';

type Json = Record<string, unknown>;

/** `api/v1` or `apis/apps/v1`: the key of a group/version in the index. */
export function openAPIPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const QUERY_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'];

function patchPaths(group: string, version: string, schemas: Json): Json {
  const paths: Json = {};
  const prefix = `/${openAPIPath(group, version)}`;
  for (const r of RESOURCES) {
    if (r.group !== group || r.version !== version || !r.verbs.includes('patch')) continue;
    const path = r.namespaced ? `${prefix}/namespaces/{namespace}/${r.resource}/{name}` : `${prefix}/${r.resource}/{name}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const ref = { $ref: `#/components/schemas/${schemaName(schemas, r.kind)}` };
    paths[path] = {
      parameters: [
        { name: 'name', in: 'path', required: true, description: `name of the ${r.kind}`, schema: { type: 'string', uniqueItems: true } },
        ...(r.namespaced ? [{ name: 'namespace', in: 'path', required: true, description: 'object name and auth scope, such as for teams and projects', schema: { type: 'string', uniqueItems: true } }] : []),
      ],
      patch: {
        description: `partially update the specified ${r.kind}`,
        operationId: `patch${r.kind}`,
        tags: [apiVersionOf(r)],
        parameters: QUERY_PARAMS.map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } })),
        requestBody: {
          content: {
            'application/apply-patch+yaml': { schema: { type: 'object' } },
            'application/json-patch+json': { schema: { type: 'object' } },
            'application/merge-patch+json': { schema: { type: 'object' } },
            'application/strategic-merge-patch+json': { schema: { type: 'object' } },
          },
          required: true,
        },
        responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': gvk,
      },
    };
  }
  return paths;
}

/** The schema name of a kind in the document (io.k8s.api.apps.v1.Deployment), found by its GVK extension. */
function schemaName(schemas: Json, kind: string): string {
  for (const [name, sch] of Object.entries(schemas)) {
    const gvks = (sch as Json)['x-kubernetes-group-version-kind'] as { kind: string }[] | undefined;
    if (gvks?.some((g) => g.kind === kind)) return name;
  }
  return kind;
}

const docs = new Map<string, { body: string; hash: string }>();

/** The document for one group/version, serialised once (it never changes while the server runs). */
export function openAPIDocument(group: string, version: string): { body: string; hash: string } | undefined {
  const key = openAPIPath(group, version);
  const cached = docs.get(key);
  if (cached) return cached;
  if (!groupVersions().some((gv) => gv.group === group && gv.version === version)) return undefined;
  const doc = toOpenAPIV3(group, version);
  doc.paths = patchPaths(group, version, doc.components.schemas);
  const body = JSON.stringify(doc);
  const hash = createHash('sha512').update(body).digest('hex').slice(0, 128).toUpperCase();
  const out = { body, hash };
  docs.set(key, out);
  return out;
}

/** GET /openapi/v3. */
export function openAPIIndex(): Json {
  const paths: Json = {};
  for (const { group, version } of groupVersions()) {
    const doc = openAPIDocument(group, version)!;
    const key = openAPIPath(group, version);
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
  }
  return { paths };
}
