// Renders the type definitions as OpenAPI v3 (what `GET /openapi/v3/apis/<g>/<v>` serves, and what
// Monaco's YAML schema uses) and answers `kubectl explain` questions from the same data.
import { RESOURCES } from '../registry';
import { allDefs, getDef, rootDefFor } from './defs';
import { Schema, TypeDef } from './dsl';

type Json = Record<string, unknown>;

const REF = '#/components/schemas/';

// Named string types whose values are open-ended: their well-known values are suggestions only.
const OPEN_ENUMS = new Set([
  'v1.SecretType', 'v1.PodConditionType', 'v1.NodeConditionType', 'v1.Capability', 'v1.FinalizerName', 'v1.ResourceName',
  'types.UID', 'v1.UniqueVolumeName', 'v1.ResourceID',
]);

function schemaToOpenAPI(s: Schema): Json {
  const out: Json = {};
  switch (s.type) {
    case 'string':
      out.type = 'string';
      if (s.enum && !OPEN_ENUMS.has(s.goType ?? '')) out.enum = [...s.enum];
      break;
    case 'integer':
      out.type = 'integer';
      out.format = s.format;
      break;
    case 'number':
      out.type = 'number';
      out.format = 'double';
      break;
    case 'boolean':
      out.type = 'boolean';
      break;
    case 'bytes':
      out.type = 'string';
      out.format = 'byte';
      break;
    case 'any':
      out['x-kubernetes-preserve-unknown-fields'] = true;
      break;
    case 'ref':
      // As the real documents do: allOf wraps the $ref so the field can carry its own description.
      if (s.desc) out.allOf = [{ $ref: REF + s.ref }];
      else out.$ref = REF + s.ref;
      break;
    case 'array':
      out.type = 'array';
      out.items = schemaToOpenAPI(s.items);
      if (s.mergeKey) {
        out['x-kubernetes-patch-merge-key'] = s.mergeKey;
        out['x-kubernetes-patch-strategy'] = 'merge';
      }
      break;
    case 'map':
      out.type = 'object';
      out.additionalProperties = schemaToOpenAPI(s.values);
      break;
  }
  if (s.desc) out.description = s.desc;
  return out;
}

/** One components.schemas entry. */
export function defToOpenAPI(def: TypeDef): Json {
  const out: Json = {};
  if (def.desc) out.description = def.desc;
  switch (def.special) {
    case 'IntOrString':
      return { ...out, anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true };
    case 'Quantity':
      return {
        ...out,
        anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$' }],
        'x-kubernetes-int-or-string': true,
      };
    case 'Time':
    case 'MicroTime':
      return { ...out, type: 'string', format: 'date-time' };
    case 'FieldsV1':
    case 'RawExtension':
      return { ...out, type: 'object' };
  }
  out.type = 'object';
  const props: Json = {};
  for (const [name, s] of Object.entries(def.props)) props[name] = schemaToOpenAPI(s);
  out.properties = props;
  if (def.required?.length) out.required = [...def.required];
  if (def.preserveUnknown) out['x-kubernetes-preserve-unknown-fields'] = true;
  if (def.gvk) out['x-kubernetes-group-version-kind'] = [{ ...def.gvk }];
  return out;
}

function refsOf(s: Schema, into: string[]): void {
  if (s.type === 'ref') into.push(s.ref);
  else if (s.type === 'array') refsOf(s.items, into);
  else if (s.type === 'map') refsOf(s.values, into);
}

/**
 * The OpenAPI v3 document for one group/version (`''`/`v1` for core): every kind it serves and
 * every type they reach, under real names (`io.k8s.api.apps.v1.Deployment`). `paths` is left
 * for the HTTP layer to fill.
 */
export function toOpenAPIV3(group: string, version: string): { openapi: string; info: Json; paths: Json; components: { schemas: Json } } {
  const queue: string[] = [];
  for (const r of RESOURCES) {
    if (r.group !== group || r.version !== version) continue;
    const def = rootDefFor(r);
    if (def) queue.push(def.id);
  }
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const def = getDef(id);
    if (!def) continue;
    for (const s of Object.values(def.props)) refsOf(s, queue);
  }
  const schemas: Json = {};
  for (const id of [...seen].sort()) schemas[id] = defToOpenAPI(getDef(id)!);
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, components: { schemas } };
}

/** Every definition as components.schemas (for the editor's all-kinds schema). */
export function allSchemasOpenAPI(): Json {
  const schemas: Json = {};
  for (const def of allDefs()) schemas[def.id] = defToOpenAPI(def);
  return schemas;
}

// ---- kubectl explain ----

export interface ExplainField {
  name: string;
  type: string;
  required: boolean;
  description: string;
}

export interface Explanation {
  group: string;
  version: string;
  kind: string;
  /** The dotted path explained ('' for the kind itself). */
  field: string;
  /** kubectl explain's type label: `<string>`, `<[]Container>`, `<map[string]string>`, `<Object>`. */
  type: string;
  description: string;
  required: boolean;
  enum?: string[];
  /** The fields of the explained type, when it is a struct. */
  fields: ExplainField[];
}

/** The struct behind a schema, looking through lists and maps (explain descends into elements). */
function elementDef(s: Schema): TypeDef | undefined {
  if (s.type === 'array') return elementDef(s.items);
  if (s.type === 'map') return elementDef(s.values);
  if (s.type === 'ref') {
    const def = getDef(s.ref);
    return def && !def.special ? def : undefined;
  }
  return undefined;
}

function typeLabel(s: Schema): string {
  switch (s.type) {
    case 'string':
    case 'bytes':
      return 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'any':
      return 'Object';
    case 'array':
      return `[]${typeLabel(s.items)}`;
    case 'map':
      return `map[string]${typeLabel(s.values)}`;
    case 'ref': {
      const def = getDef(s.ref);
      if (!def) return 'Object';
      if (def.special === 'Time' || def.special === 'MicroTime') return 'string';
      return def.name;
    }
  }
}

function fieldsOf(def: TypeDef | undefined): ExplainField[] {
  if (!def) return [];
  const req = new Set(def.required ?? []);
  return Object.entries(def.props)
    .map(([name, s]) => ({ name, type: `<${typeLabel(s)}>`, required: req.has(name), description: s.desc ?? elementDef(s)?.desc ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * `kubectl explain <kind>[.<field>...]`: the type and description of a field path such as
 * `spec.template.spec.containers.ports` (list elements are entered implicitly). With no
 * apiVersion, the first served version of the kind is used (core before events.k8s.io).
 */
export function explainField(kind: string, path: string | string[], apiVersion?: string): Explanation | { error: string } {
  const info = RESOURCES.find((r) => r.kind === kind && (apiVersion === undefined || (r.group ? `${r.group}/${r.version}` : r.version) === apiVersion));
  const root = info && rootDefFor(info);
  if (!info || !root) return { error: `the server doesn't have a resource type "${kind}"` };
  const parts = (Array.isArray(path) ? path : path.split('.')).filter(Boolean);
  let def: TypeDef | undefined = root;
  let schema: Schema | undefined;
  let required = false;
  for (const part of parts) {
    const s: Schema | undefined = def?.props[part];
    if (!def || !s) return { error: `field "${part}" does not exist` };
    required = (def.required ?? []).includes(part);
    schema = s;
    def = elementDef(s);
  }
  const enumValues = schema?.type === 'string' ? schema.enum : schema?.type === 'array' && schema.items.type === 'string' ? schema.items.enum : undefined;
  return {
    group: info.group,
    version: info.version,
    kind: info.kind,
    field: parts.join('.'),
    type: schema ? `<${typeLabel(schema)}>` : `<${root.name}>`,
    description: (schema ? schema.desc ?? def?.desc : root.desc) ?? '',
    required,
    enum: enumValues ? [...enumValues] : undefined,
    fields: fieldsOf(def),
  };
}
