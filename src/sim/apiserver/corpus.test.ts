// Every manifest of ../shared/corpus (577 real files, good and broken) goes through the API
// server's create path on a fresh cluster, as `kubectl create -f <file> -n <ns>` would send it:
// each document is accepted or rejected with the error a real API server gives. Nothing may
// crash or hang. The outcome of every document is kept in a snapshot so a change is visible.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { isApiError, noKindMatch } from '../api/errors';
import { resourceForKind } from '../api/registry';
import type { KubeObject } from '../api/types';
import { Cluster } from '../cluster';

const CORPUS = resolve(__dirname, '../../../../shared/corpus');

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return files(p);
      return /\.(ya?ml|json)$/.test(f) ? [p] : [];
    });
}

type Outcome = string;

function createDocument(cluster: Cluster, obj: unknown, namespace: string): Outcome {
  if (obj === null || obj === undefined) return 'empty document';
  if (typeof obj !== 'object' || Array.isArray(obj)) return 'error: not an object';
  const o = obj as KubeObject;
  if (!o.apiVersion || !o.kind) return `error: Object 'Kind' is missing or apiVersion is not set`;
  if (o.kind === 'List' && Array.isArray(o.items)) return o.items.map((i: unknown) => createDocument(cluster, i, namespace)).join('; ');
  const info = resourceForKind(o.apiVersion, o.kind);
  try {
    if (!info) throw noKindMatch(o.kind, o.apiVersion);
    const ns = info.namespaced ? (o.metadata?.namespace ?? namespace) : undefined;
    const created = cluster.api.create(info, o, { namespace: ns, decode: true, fieldValidation: 'Strict', actor: 'kubectl' });
    cluster.clock.runUntilIdle();
    return `created ${info.resource}/${created.metadata.name}`;
  } catch (e) {
    if (isApiError(e)) return `${e.code} ${e.reason}: ${e.message}`;
    throw e;
  }
}

describe('the corpus through the API server create path', () => {
  const outcomes: Record<string, Outcome[]> = {};
  let cluster: Cluster;

  beforeAll(() => {
    cluster = new Cluster({ seed: 3, warmupSeconds: 0, freezeObjects: true });
  });

  it('accepts or rejects every document without crashing', () => {
    const all = files(CORPUS);
    expect(all.length).toBeGreaterThan(570);
    all.forEach((file, i) => {
      const name = relative(CORPUS, file);
      const ns = `corpus-${i}`;
      cluster.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      cluster.clock.runUntilIdle();
      const text = readFileSync(file, 'utf8');
      const docs = name.endsWith('.json') ? [{ toJS: () => JSON.parse(text), errors: [] as { message: string }[] }] : parseAllDocuments(text);
      const results: Outcome[] = [];
      for (const doc of docs) {
        if (doc.errors.length) {
          results.push(`yaml error: ${doc.errors[0].message.split('\n')[0]}`);
          continue;
        }
        let obj: unknown;
        try {
          obj = doc.toJS();
        } catch (e) {
          results.push(`yaml error: ${(e as Error).message.split('\n')[0]}`);
          continue;
        }
        results.push(createDocument(cluster, obj, ns));
      }
      outcomes[name] = results;
    });
    const flat = Object.values(outcomes).flat();
    const created = flat.filter((o) => o.startsWith('created')).length;
    // Most of the corpus is valid Kubernetes for a 1.32 cluster.
    expect(created).toBeGreaterThan(flat.length * 0.6);
    expect(outcomes).toMatchSnapshot();
  });

  it('gives the real answers for kinds and versions a 1.32 AKS cluster does not serve', () => {
    const flat = Object.entries(outcomes).flatMap(([f, os]) => os.map((o) => [f, o] as const));
    const ext = flat.find(([, o]) => o.includes('"extensions/v1beta1"'));
    expect(ext?.[1]).toMatch(/^404 NotFound: no matches for kind "\w+" in version "extensions\/v1beta1"$/);
    const crd = flat.find(([, o]) => o.includes('kind "ServiceMonitor"'));
    expect(crd?.[1]).toBe('404 NotFound: no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"');
  });

  it('creates the classic examples', () => {
    expect(outcomes['k8s-website-examples/controllers/nginx-deployment.yaml']).toEqual(['created deployments/nginx-deployment']);
    expect(outcomes['k8s-website-examples/pods/simple-pod.yaml']).toEqual(['created pods/nginx']);
  });
});
