// The editor's schema: its conversion from the simulator's OpenAPI, and what the real YAML
// language service (monaco-yaml's worker, run here in Node) makes of it: templates are clean,
// mistakes are flagged on the right line, completion and hover work, and on the shared corpus
// it flags nothing the simulated API server accepts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments } from 'yaml';
import { applyManifests } from '../../../cli/manifests';
import { base64ErrorOffset } from '../../../sim/api/schema/decode';
import { testCluster } from '../../../sim/testing/cluster';
import { appliableKinds, buildManifestSchema, convertSchema, manifestSchema, typeLabel, type JSONSchema } from './schema';
import { TEMPLATES } from './templates';
import { startYamlLanguageService, type Diagnostic, type YamlLanguageService } from './yamlls.testutil';

const schema = manifestSchema();
const defs = schema.definitions!;

function refs(x: unknown, into: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((v) => refs(v, into));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else refs(v, into);
    }
  }
  return into;
}

describe('convertSchema', () => {
  it('turns OpenAPI references and field docs into JSON schema', () => {
    expect(convertSchema({ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' })).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.PodSpec' });
    expect(convertSchema({ allOf: [{ $ref: '#/components/schemas/X' }], description: 'd' })).toEqual({ description: 'd', allOf: [{ $ref: '#/definitions/X' }] });
  });

  it('accepts null for any field (the decoder leaves it unset), except closed enums', () => {
    expect(convertSchema({ type: 'string' }).type).toEqual(['string', 'null']);
    expect(convertSchema({ type: 'integer', format: 'int32' })).toEqual({ type: ['integer', 'null'], minimum: -2147483648, maximum: 2147483647 });
    expect(convertSchema({ type: 'string', format: 'date-time' })).toEqual({ type: ['string', 'null'], format: 'date-time' });
    expect(convertSchema({ type: 'string', enum: ['TCP', 'UDP'] })).toEqual({ type: 'string', enum: ['TCP', 'UDP'] });
  });

  it('rejects unknown fields of structs, but not of maps or raw objects', () => {
    expect(convertSchema({ type: 'object', properties: { a: { type: 'string' } } }).additionalProperties).toBe(false);
    expect(convertSchema({ type: 'object', additionalProperties: { type: 'string' } }).additionalProperties).toEqual({ type: ['string', 'null'] });
    expect(convertSchema({ type: 'object', properties: {}, 'x-kubernetes-preserve-unknown-fields': true }).additionalProperties).toBeUndefined();
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].additionalProperties).toBe(false);
  });

  it('types IntOrString and Quantity as the decoder reads them', () => {
    const ios = defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'];
    expect(ios.type).toEqual(['integer', 'string', 'null']);
    const q = defs['io.k8s.apimachinery.pkg.api.resource.Quantity'];
    expect(q.type).toEqual(['number', 'string', 'null']);
    const re = new RegExp(q.pattern!, 'u');
    for (const ok of ['500m', '0.5', '128Mi', '2Gi', '1e3', '1']) expect(re.test(ok), ok).toBe(true);
    for (const bad of ['12x', 'lots', '1 Gi']) expect(re.test(bad), bad).toBe(false);
  });

  it('checks base64 ([]byte) exactly as the decoder does', () => {
    const pattern = new RegExp(convertSchema({ type: 'string', format: 'byte' }).pattern!, 'u');
    for (const s of ['', 'YQ==', 'YWI=', 'YWJj', 'YWJj\nZGVm\n', 'Y\r\nQ==', 'YQ', 'YQ=', 'Y===', 'a b', 'YWJj====', '!!!!', 'YQ==YQ==']) {
      expect(pattern.test(s), JSON.stringify(s)).toBe(base64ErrorOffset(s) === undefined);
    }
  });

  it('labels field types as kubectl explain does', () => {
    expect(typeLabel({ type: 'array', items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' } })).toBe('[]Container');
    expect(typeLabel({ type: 'object', additionalProperties: { type: 'string' } })).toBe('map[string]string');
    expect(typeLabel({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }] })).toBe('DeploymentSpec');
  });
});

describe('manifestSchema', () => {
  it('is self-contained', () => {
    for (const r of refs(schema)) expect(defs, r).toHaveProperty([r.replace('#/definitions/', '')]);
  });

  it('has one rule per appliable kind, keyed by apiVersion + kind', () => {
    const kinds = schema.properties!.kind.enum as string[];
    expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'Service', 'Pod', 'ConfigMap', 'Namespace', 'CronJob', 'StatefulSet']));
    // Create-only or read-only kinds cannot be applied.
    for (const k of ['Binding', 'TokenReview', 'ComponentStatus', 'SelfSubjectAccessReview']) expect(kinds).not.toContain(k);
    const rule = schema.allOf!.find((r) => r.if?.properties?.kind?.const === 'Deployment' && r.if.properties.apiVersion);
    expect(rule?.if?.properties?.apiVersion?.const).toBe('apps/v1');
    expect(rule?.then?.allOf?.[0]).toEqual({ $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' });
    // Event is served in two versions.
    expect(schema.allOf!.filter((r) => r.if?.properties?.kind?.const === 'Event' && r.if.properties.apiVersion)).toHaveLength(2);
  });

  it('documents fields with their type for hovers', () => {
    const replicas = defs['io.k8s.api.apps.v1.DeploymentSpec'].properties!.replicas;
    expect(replicas.markdownDescription).toMatch(/^`integer`\n\nNumber of desired pods/);
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties!.selector.markdownDescription).toMatch(/^`LabelSelector` · required/);
  });

  it('can be built from any set of OpenAPI schemas', () => {
    const openapi = {
      'x.v1.Thing': { type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, size: { type: 'integer', format: 'int32' } }, 'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }] },
    };
    const s: JSONSchema = buildManifestSchema(openapi, appliableKinds(openapi));
    expect(s.properties!.kind.enum).toEqual(['Deployment']);
    expect(s.definitions!['x.v1.Thing'].properties!.size.type).toEqual(['integer', 'null']);
  });
});

describe('with the YAML language service', () => {
  let ls: YamlLanguageService;
  beforeAll(async () => {
    ls = await startYamlLanguageService(schema);
  });
  /** Diagnostics as `line: message` (1-based lines, as the editor shows them). */
  const problems = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}: ${d.message}`);

  it.each(TEMPLATES.map((t) => [t.label, t.yaml]))('the %s template is clean', async (_label, yaml) => {
    expect(problems(await ls.validate(yaml))).toEqual([]);
  });

  it('flags mistakes on their line, in every document', async () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ok
data:
  a: "1"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: null
spec:
  replicas: "3"
  paused: nope
  selectorr: {}
---
apiVersion: v1
kind: Pod
metadata:
  labels: {app: x}
spec:
  containers:
    - name: c
      image: nginx
      resources:
        limits: {cpu: 0.5, memory: lots}
      ports:
        - containerPort: 80
          protocol: tcp
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: m
---
apiVersion: v1
kind: Deployment
metadata:
  name: wrong-group
`;
    const ps = problems(await ls.validate(text));
    expect(ps).toEqual(
      expect.arrayContaining([
        '14: Incorrect type. Expected one of integer, null.',
        '15: Incorrect type. Expected one of boolean, null.',
        '16: Property selectorr is not allowed.',
        '20: Missing property "name".',
        expect.stringMatching(/^27: A quantity/),
        '30: Value is not accepted. Valid values: "TCP", "UDP", "SCTP".',
        expect.stringMatching(/^32: Value is not accepted\. Valid values: "v1", /),
        expect.stringMatching(/^33: Value is not accepted\. Valid values: .*"Deployment"/),
        '37: Value is not accepted. Valid values: "apps/v1".',
      ]),
    );
    // Nothing in the ConfigMap, nor on `creationTimestamp: null` or `cpu: 0.5`.
    expect(ps.filter((p) => /^([1-6]|12):/.test(p))).toEqual([]);
    expect(ps.filter((p) => p.startsWith('27:'))).toHaveLength(1);
  });

  it('reports YAML syntax errors as errors, schema problems as warnings', async () => {
    const ds = await ls.validate('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: [unclosed\n');
    expect(ds.some((d) => d.severity === 1 && d.range.start.line >= 4)).toBe(true);
    const warn = await ls.validate('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nbogus: 1\n');
    expect(warn.map((d) => d.severity)).toEqual([2]);
  });

  it('completes kinds, fields and whole apiVersion + kind pairs', async () => {
    const kinds = (await ls.complete('apiVersion: apps/v1\nkind: \n', { line: 1, character: 6 })).items.map((i) => i.label);
    expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'StatefulSet', 'Service', 'ConfigMap']));
    const fields = (await ls.complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  \n', { line: 3, character: 2 })).items.map((i) => i.label);
    expect(fields).toEqual(expect.arrayContaining(['replicas', 'selector', 'template', 'strategy']));
    const empty = (await ls.complete('', { line: 0, character: 0 })).items.map((i) => i.label);
    expect(empty).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'Deployment (apps/v1)', 'Service (v1)']));
    expect(empty).not.toContain('object');
  });

  it('hovers with the field type and description', async () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n';
    const hover = await ls.hover(text, { line: 5, character: 4 });
    expect(hover?.contents.value).toMatch(/DeploymentSpec[\s\S]*`integer`[\s\S]*Number of desired pods/);
  });
});

// ---- agreement with the API server on real manifests ----

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe.skipIf(!existsSync(CORPUS))('on the shared corpus', () => {
  it('warns only where a server-side dry run fails, and on every document the decoder rejects', async () => {
    const ls = await startYamlLanguageService(schema);
    const cluster = testCluster();
    const files = yamlFiles(CORPUS).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
    // The namespaces the manifests name exist, so no dry run fails for want of one.
    const namespaces = new Set(files.flatMap((f) => [...f.text.matchAll(/^\s+namespace:\s*([a-z0-9-]+)\s*$/gm)].map((m) => m[1])));
    applyManifests(cluster.api, [...namespaces].map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}\n`).join('---\n'));

    let checked = 0;
    const falseAlarms: string[] = [];
    const missed: string[] = [];
    for (const { path, text } of files) {
      const lines = new LineCounter();
      const docs = parseAllDocuments(text, { lineCounter: lines, logLevel: 'silent' });
      if (!Array.isArray(docs) || docs.some((d) => d.errors.length)) continue; // not YAML: both reject it
      const diagnostics = await ls.validate(text);
      const results = applyManifests(cluster.api, text, { dryRun: true });
      docs.forEach((doc, i) => {
        const result = results.find((r) => r.doc === i);
        if (!result) return; // an empty document
        checked++;
        const first = lines.linePos(doc.range[0]).line - 1;
        const last = lines.linePos(doc.range[1]).line - 1;
        const mine = diagnostics.filter((d) => d.range.start.line >= first && d.range.start.line <= last);
        const where = `${relative(CORPUS, path)} doc ${i}`;
        if (mine.length && !result.error) falseAlarms.push(`${where}: ${mine[0].message}`);
        // Decoding errors (types, unknown fields, unknown kinds, missing names) are all the schema's to see.
        const decodeError = /cannot be handled as|no matches for kind|name may not be empty|not set\]/.test(result.error?.message ?? '');
        if (decodeError && !mine.length) missed.push(`${where}: ${result.error!.message}`);
      });
    }
    expect(checked).toBeGreaterThan(500);
    expect(falseAlarms).toEqual([]);
    expect(missed).toEqual([]);
  }, 120_000);
});
