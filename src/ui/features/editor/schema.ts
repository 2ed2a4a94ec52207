// The editor's JSON schema, generated from the simulator's own OpenAPI v3 documents (the ones
// `GET /openapi/v3/...` serves), so the editor flags what the API server would reject and
// documents what it accepts. monaco-yaml validates each document of a multi-document file
// against this one schema; `if`/`then` rules pick the kind's definition by apiVersion + kind.
//
// How the schema mirrors the sim's decoder (src/sim/api/schema/decode.ts, fieldValidation Strict):
// - unknown fields are errors: every struct is `additionalProperties: false`, unless the type
//   keeps unknown fields (x-kubernetes-preserve-unknown-fields);
// - `null` leaves a field unset, so every field accepts null (`creationTimestamp: null` as
//   `kubectl create --dry-run -o yaml` writes it) — except closed enums, where a null branch
//   would hide the values from completion;
// - IntOrString is an int32 or a string; Quantity a number or a string shaped like one;
// - apply needs apiVersion, kind and metadata.name, and only kinds that can be patched.
// Pure: no Monaco, no DOM; run lazily inside the editor chunk.

import { apiVersionOf, groupVersions, RESOURCES, resourceForKind } from '../../../sim/api/registry';
import { toOpenAPIV3 } from '../../../sim/api/schema/openapi';

/** The JSON schema subset this module writes (draft-07, as yaml-language-server reads it). */
export interface JSONSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  /** What hovers and completion details show: the field's type, then its description. */
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  enumDescriptions?: string[];
  properties?: Record<string, JSONSchema>;
  additionalProperties?: boolean | JSONSchema;
  required?: string[];
  items?: JSONSchema;
  allOf?: JSONSchema[];
  if?: JSONSchema;
  then?: JSONSchema;
  const?: unknown;
  format?: string;
  pattern?: string;
  patternErrorMessage?: string;
  doNotSuggest?: boolean;
  minimum?: number;
  maximum?: number;
  definitions?: Record<string, JSONSchema>;
}

/** An OpenAPI v3 schema as src/sim/api/schema/openapi.ts writes it. */
type OpenAPISchema = Record<string, any>;

/** A kind the editor validates: its apiVersion, kind and the definition id of its schema. */
export interface KindEntry {
  apiVersion: string;
  kind: string;
  id: string;
}

const OPENAPI_REF = '#/components/schemas/';
const JSON_REF = '#/definitions/';
const INT32 = { minimum: -2147483648, maximum: 2147483647 };
// Go's StdEncoding as the decoder checks it: whole quads, `=` padding, line breaks ignored.
const B64 = '[A-Za-z0-9+/][\\r\\n]*';
const BASE64 = `^[\\r\\n]*(?:(?:${B64}){4})*(?:(?:${B64}){2}=[\\r\\n]*=|(?:${B64}){3}=)?[\\r\\n]*$`;

const nullable = (type: string): string[] => [type, 'null'];

/** `io.k8s.api.apps.v1.DeploymentSpec` -> `DeploymentSpec`. */
const shortName = (id: string) => id.slice(id.lastIndexOf('.') + 1);

/** The type as `kubectl explain` prints it: `string`, `[]Container`, `map[string]string`, `Quantity`. */
export function typeLabel(s: OpenAPISchema): string {
  if (typeof s.$ref === 'string') return shortName(s.$ref);
  if (Array.isArray(s.allOf) && s.allOf.length === 1) return typeLabel(s.allOf[0]);
  switch (s.type) {
    case 'array':
      return `[]${typeLabel(s.items ?? {})}`;
    case 'object':
      return s.additionalProperties && typeof s.additionalProperties === 'object' ? `map[string]${typeLabel(s.additionalProperties)}` : 'Object';
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return s.type;
  }
  return 'Object';
}

/** Markdown for a field: its type (and whether it is required) above its description. */
function fieldDoc(s: OpenAPISchema, required: boolean): string {
  const head = `\`${typeLabel(s)}\`${required ? ' · required' : ''}`;
  return typeof s.description === 'string' && s.description ? `${head}\n\n${s.description}` : head;
}

/** One OpenAPI v3 schema (a definition or a property) as JSON schema. */
export function convertSchema(s: OpenAPISchema): JSONSchema {
  const out: JSONSchema = {};
  if (typeof s.description === 'string') out.description = s.description;
  if (typeof s.$ref === 'string') return { ...out, $ref: JSON_REF + s.$ref.slice(OPENAPI_REF.length) };
  if (Array.isArray(s.allOf)) return { ...out, allOf: s.allOf.map(convertSchema) };
  if (s['x-kubernetes-int-or-string']) {
    // Quantity's string branch carries a pattern; IntOrString's does not.
    const str = (s.anyOf ?? []).find((a: OpenAPISchema) => a.type === 'string');
    if (str?.pattern) {
      return { ...out, type: ['number', 'string', 'null'], pattern: str.pattern, patternErrorMessage: 'A quantity: a number with an optional suffix, such as 500m, 0.5, 128Mi or 2Gi.' };
    }
    return { ...out, type: ['integer', 'string', 'null'], ...INT32 };
  }
  switch (s.type) {
    case 'string':
      if (Array.isArray(s.enum)) return { ...out, type: 'string', enum: [...s.enum] };
      if (s.format === 'date-time') return { ...out, type: nullable('string'), format: 'date-time' };
      if (s.format === 'byte') return { ...out, type: nullable('string'), pattern: BASE64, patternErrorMessage: 'Base64-encoded data (illegal base64 character).' };
      return { ...out, type: nullable('string') };
    case 'integer':
      return { ...out, type: nullable('integer'), ...(s.format === 'int32' ? INT32 : {}) };
    case 'number':
    case 'boolean':
      return { ...out, type: nullable(s.type) };
    case 'array':
      return { ...out, type: nullable('array'), items: convertSchema(s.items ?? {}) };
    case 'object': {
      out.type = nullable('object');
      if (s.properties) {
        out.properties = {};
        const required: string[] = Array.isArray(s.required) ? s.required : [];
        for (const [name, p] of Object.entries(s.properties as Record<string, OpenAPISchema>)) {
          out.properties[name] = { ...convertSchema(p), markdownDescription: fieldDoc(p, required.includes(name)) };
        }
        if (required.length) out.required = [...required];
      }
      if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = convertSchema(s.additionalProperties);
      // A struct rejects unknown fields (Strict field validation); raw objects keep anything.
      else if (s.properties && !s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
      return out;
    }
  }
  // No type: x-kubernetes-preserve-unknown-fields (raw JSON), anything goes.
  return out;
}

/**
 * The manifest schema: `definitions` converted from OpenAPI `components.schemas`, and one rule
 * per kind keyed by apiVersion + kind. Top-level `apiVersion` and `kind` list every value (for
 * completion), a kind's rule narrows apiVersion to the versions that serve it.
 */
export function buildManifestSchema(schemas: Record<string, OpenAPISchema>, kinds: KindEntry[]): JSONSchema {
  const definitions: Record<string, JSONSchema> = {};
  // The title names the type in completion items that insert a whole object.
  for (const [id, s] of Object.entries(schemas)) definitions[id] = { title: shortName(id), ...convertSchema(s) };

  const rules: JSONSchema[] = [];
  const versionsOf = new Map<string, string[]>();
  for (const k of kinds) {
    if (!versionsOf.has(k.kind)) versionsOf.set(k.kind, []);
    versionsOf.get(k.kind)!.push(k.apiVersion);
    rules.push({
      // Titled: in an empty document, completion offers "Deployment (apps/v1)", which writes both lines.
      if: { title: `${k.kind} (${k.apiVersion})`, type: 'object', properties: { apiVersion: { const: k.apiVersion }, kind: { const: k.kind } }, required: ['apiVersion', 'kind'] },
      then: {
        allOf: [
          { $ref: JSON_REF + k.id },
          // Apply names the object it writes (`resource name may not be empty`).
          { required: ['metadata'], properties: { metadata: { type: 'object', required: ['name'], doNotSuggest: true } } },
        ],
      },
    });
  }
  for (const [kind, versions] of versionsOf) {
    rules.push({
      // doNotSuggest: rules that only check add nothing to completion.
      if: { type: 'object', properties: { kind: { const: kind, doNotSuggest: true } }, required: ['kind'] },
      then: { properties: { apiVersion: { enum: versions, doNotSuggest: true } } },
    });
  }

  const apiVersions = [...new Set(kinds.map((k) => k.apiVersion))];
  const kindNames = [...versionsOf.keys()].sort();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    description: 'One object of a kind the Clusterlab API server serves (Kubernetes 1.32 on AKS).',
    type: ['object', 'null'],
    properties: {
      apiVersion: {
        type: 'string',
        enum: apiVersions,
        description: 'APIVersion defines the versioned schema of this representation of an object: `group/version`, or `v1` for the core group.',
      },
      kind: {
        type: 'string',
        enum: kindNames,
        enumDescriptions: kindNames.map((k) => versionsOf.get(k)!.join(', ')),
        description: 'Kind is a string value representing the REST resource this object represents.',
      },
    },
    required: ['apiVersion', 'kind'],
    allOf: rules,
    definitions,
  };
}

/** Kinds `kubectl apply` can write: served, with a patch verb (not Binding, TokenReview...). */
export function appliableKinds(schemas: Record<string, OpenAPISchema>): KindEntry[] {
  const out: KindEntry[] = [];
  for (const [id, s] of Object.entries(schemas)) {
    for (const gvk of (s['x-kubernetes-group-version-kind'] ?? []) as { group: string; version: string; kind: string }[]) {
      const apiVersion = apiVersionOf(gvk);
      const info = resourceForKind(apiVersion, gvk.kind);
      if (info?.verbs.includes('patch')) out.push({ apiVersion, kind: gvk.kind, id });
    }
  }
  // Registry order (kubectl api-resources order): core first, stable across runs.
  const rank = (k: KindEntry) => RESOURCES.findIndex((r) => r.kind === k.kind && apiVersionOf(r) === k.apiVersion);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** The schema for the simulator's API, from every group/version's OpenAPI v3 document. */
export function manifestSchema(): JSONSchema {
  const schemas: Record<string, OpenAPISchema> = {};
  for (const { group, version } of groupVersions()) Object.assign(schemas, toOpenAPIV3(group, version).components.schemas);
  return buildManifestSchema(schemas, appliableKinds(schemas));
}
