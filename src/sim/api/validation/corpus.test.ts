// Every manifest of ../shared/corpus (real examples from kubernetes.io and kubernetes/examples)
// goes through defaulting and create validation as the API server would run them. Nothing may
// throw or hang (some files are deliberately broken YAML); the known-invalid documents must be
// rejected, and every other served document accepted.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyDefaults, applyJobSelectorDefaults } from '../defaults';
import { resourceForKind } from '../registry';
import type { KubeObject } from '../types';
import { validateCreate } from './index';

// <repo>/../shared/corpus, from src/sim/api/validation/.
const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));

interface Result {
  file: string;
  doc: number;
  kind: string;
  errors: string[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ya?ml|json)$/.test(f)) out.push(p);
  }
  return out;
}

/** Run every served document through what the API server does before storing it. */
function runCorpus(): { results: Result[]; yamlErrors: string[]; unserved: number } {
  const results: Result[] = [];
  const yamlErrors: string[] = [];
  let unserved = 0;
  for (const path of walk(CORPUS)) {
    const file = relative(CORPUS, path);
    const docs = parseAllDocuments(readFileSync(path, 'utf8'), { logLevel: 'silent' });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((d, doc) => {
      if (d.errors.length) {
        yamlErrors.push(file);
        return;
      }
      const o = d.toJS({ maxAliasCount: 100 }) as KubeObject;
      if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return;
      const info = resourceForKind(o.apiVersion, o.kind);
      if (!info) {
        unserved++;
        return;
      }
      if (typeof o.metadata !== 'object' || o.metadata === null) o.metadata = {};
      // What the server fills in before validation: the request namespace, a generated name, the uid.
      if (info.namespaced && !o.metadata.namespace) o.metadata.namespace = 'default';
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = `${o.metadata.generateName}x7k2p`;
      applyDefaults(info, o);
      o.metadata.uid = '6f1c3b52-7a0e-4c1d-9a7b-2d3e4f5a6b7c';
      if (info.kind === 'Job') applyJobSelectorDefaults(o);
      const errors = validateCreate(info, o).map((e) => `${e.field}: ${e.body}`);
      results.push({ file, doc, kind: o.kind, errors });
    });
  }
  return { results, yamlErrors, unserved };
}

// file -> the first error line we expect (what kube-apiserver 1.32 answers).
const KNOWN_INVALID: Record<string, string> = {
  'k8s-website-examples/application/job/job-tmpl.yaml': 'metadata.name: Invalid value: "process-item-$ITEM": a lowercase RFC 1123 subdomain',
  'k8s-website-examples/controllers/job-success-policy-example.yaml': 'metadata.name: Required value: name or generateName is required',
  'k8s-website-examples/pods/image-volumes.yaml': 'spec.volumes[0]: Required value: must specify a volume type',
  'k8s-website-examples/pods/image-volumes-subpath.yaml': 'spec.volumes[0]: Required value: must specify a volume type',
  'k8s-website-examples/pods/pod-with-numeric-toleration.yaml': 'spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"',
  'k8s-website-examples/pods/security/seccomp/fields.yaml': 'spec.ephemeralContainers: Forbidden: cannot be set on create',
  // Its annotations are a list: a decode error on a real server, rejected here too.
  'k8s-website-examples/secret/serviceaccount/mysecretname.yaml': 'metadata.annotations[kubernetes.io/service-account.name]: Required value',
  'kubernetes-examples/_archived/storage/vitess/etcd-controller-template.yaml': 'metadata.name: Invalid value: "etcd-{{cell}}"',
  'kubernetes-examples/_archived/storage/vitess/etcd-service-template.yaml': 'metadata.name: Invalid value: "etcd-{{cell}}": a DNS-1035 label',
  'kubernetes-examples/_archived/storage/vitess/vttablet-pod-template.yaml': 'metadata.name: Invalid value: "vttablet-{{uid}}"',
  'kubernetes-examples/_archived/sysdig-cloud/sysdig-rc.yaml': 'spec.selector: Required value',
  'kubernetes-examples/_archived/volumes/aws_ebs/aws-ebs-web.yaml': 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
  'kubernetes-examples/_archived/volumes/cinder/cinder-web.yaml': 'spec.containers[0].ports[0].protocol: Unsupported value: "tcp"',
};

// A few the test names explicitly, so a vanished or renamed file fails loudly.
const KNOWN_VALID = [
  'k8s-website-examples/controllers/nginx-deployment.yaml',
  'k8s-website-examples/controllers/daemonset.yaml',
  'k8s-website-examples/controllers/statefulset.yaml',
  'k8s-website-examples/controllers/job.yaml',
  'k8s-website-examples/controllers/replication.yaml',
  'k8s-website-examples/pods/pod-nginx.yaml',
  'k8s-website-examples/pods/init-containers.yaml',
  'k8s-website-examples/service/nginx-service.yaml',
  'k8s-website-examples/configmap/configmaps.yaml',
  'k8s-website-examples/secret/tls-auth-secret.yaml',
];

describe('shared corpus', () => {
  const { results, yamlErrors, unserved } = runCorpus();
  const byFile = new Map<string, Result[]>();
  for (const r of results) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);

  it('parses and validates every file without throwing', () => {
    expect(results.length).toBeGreaterThan(500);
    expect(unserved).toBeGreaterThan(0); // CRDs, removed versions, kind: List...
    expect(yamlErrors).toContain('k8s-website-examples/pods/inject/envars-file-container.yaml');
  });

  it.each(Object.entries(KNOWN_INVALID))('rejects %s', (file, firstError) => {
    const errs = (byFile.get(file) ?? []).flatMap((r) => r.errors);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0].startsWith(firstError)).toBe(true);
  });

  it.each(KNOWN_VALID)('accepts %s', (file) => {
    const docs = byFile.get(file) ?? [];
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.flatMap((r) => r.errors)).toEqual([]);
  });

  it('accepts every other served document', () => {
    const rejected = results.filter((r) => r.errors.length && !(r.file in KNOWN_INVALID)).map((r) => `${r.file}#${r.doc} ${r.kind}: ${r.errors[0]}`);
    expect(rejected).toEqual([]);
  });
});
