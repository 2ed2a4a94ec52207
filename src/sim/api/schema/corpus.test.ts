// Every manifest of the shared corpus, decoded in Strict mode as `kubectl apply` would send it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { resourceForKind } from '../registry';
import { decodeObject } from './decode';

const ROOT = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

interface Outcome {
  file: string;
  kind: string;
  error?: string;
}

function decodeCorpus(): Outcome[] {
  const out: Outcome[] = [];
  for (const path of yamlFiles(ROOT)) {
    const file = relative(ROOT, path);
    let docs;
    try {
      docs = parseAllDocuments(readFileSync(path, 'utf8'), { logLevel: 'silent' });
    } catch {
      continue;
    }
    if (!Array.isArray(docs)) continue;
    for (const doc of docs) {
      if (doc.errors.length) continue; // not YAML: kubectl fails before any request
      const obj = doc.toJS({ maxAliasCount: 100 });
      if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
      const info = resourceForKind(String(obj.apiVersion), String(obj.kind));
      if (!info) continue; // kubectl: no matches for kind ... in version ...
      // kubectl sends JSON: round-trip so the body is exactly what the server would parse.
      const r = decodeObject(info, JSON.parse(JSON.stringify(obj)), 'Strict');
      out.push({ file, kind: info.kind, error: r.error?.message });
    }
  }
  return out;
}

const outcomes = decodeCorpus();

describe('shared corpus, Strict field validation', () => {
  it('decodes hundreds of served documents without throwing', () => {
    expect(outcomes.length).toBeGreaterThan(500);
  });

  it('decodes the large majority of the kubernetes.io examples cleanly', () => {
    const site = outcomes.filter((o) => o.file.startsWith('k8s-website-examples/'));
    const clean = site.filter((o) => !o.error);
    expect(site.length).toBeGreaterThan(250);
    expect(clean.length / site.length).toBeGreaterThan(0.95);
  });

  // Documents that a real 1.32 API server rejects, with the message it gives.
  it.each([
    ['k8s-website-examples/secret/serviceaccount/mysecretname.yaml', 'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string'],
    ['k8s-website-examples/service/networking/dual-stack-ipv6-svc.yaml', 'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.ipFamily"'],
    ['k8s-website-examples/pods/pod-with-node-affinity.yaml', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector'],
    ['k8s-website-examples/secret/tls-auth-secret.yaml', 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7'],
    // Fields added after 1.32 are unknown to a 1.32 server.
    ['k8s-website-examples/pods/storage/projected-podcertificate.yaml', 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.volumes[0].projected.sources[0].podCertificate"'],
    ['kubernetes-examples/_archived/volumes/scaleio/pod.yaml', 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.volumes[0].scaleIO.protectionDoamin"'],
    ['kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field FCVolumeSource.spec.volumes.fc.lun of type int32'],
  ])('%s is rejected', (file, message) => {
    expect(outcomes.filter((o) => o.file === file).map((o) => o.error)).toContain(message);
  });

  it('every rejection is a BadRequest-style decode message', () => {
    for (const o of outcomes.filter((x) => x.error)) {
      expect(o.error).toMatch(new RegExp(`^${o.kind} in version "v\\d\\w*" cannot be handled as a ${o.kind}: `));
    }
  });
});
