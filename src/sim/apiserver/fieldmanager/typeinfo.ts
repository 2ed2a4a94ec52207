// The structured-merge-diff view of the API schema: for every node, whether it is a scalar, a
// struct (fields), a granular map, or a list that is atomic, a set, or an associative list with
// keys. Compiled once per type from src/sim/api/schema, the way kube-openapi's schemaconv turns
// OpenAPI into an SMD schema: a list is associative when it has x-kubernetes-list-type map (or a
// patch merge key), a set for list-type set, atomic otherwise.
import { getDef, rootDefFor } from '../../api/schema';
import type { Schema, TypeDef } from '../../api/schema';
import type { ResourceInfo } from '../../api/registry';

export type TypeNode =
  | { t: 'scalar' }
  /** Unknown shape (RawExtension, preserve-unknown-fields): maps are granular, lists atomic (SMD's deduced type). */
  | { t: 'untyped' }
  | StructNode
  | { t: 'map'; values: TypeNode; atomic: boolean }
  | ListNode;

export interface StructNode {
  t: 'struct';
  name: string;
  fields: Map<string, TypeNode>;
  /** x-kubernetes-preserve-unknown-fields: undeclared fields are kept (untyped). */
  preserve: boolean;
  /** x-kubernetes-map-type: atomic (`+structType=atomic`): owned and replaced as a whole. */
  atomic: boolean;
}

export interface ListNode {
  t: 'list';
  rel: 'atomic' | 'set' | 'map';
  keys: string[];
  /** Defaults of key fields (protocol: TCP), used when an element omits them. */
  keyDefaults: Record<string, unknown>;
  items: TypeNode;
}

export const SCALAR: TypeNode = { t: 'scalar' };
export const UNTYPED: TypeNode = { t: 'untyped' };

/** Go structs marked `+structType=atomic` (x-kubernetes-map-type: atomic) in k8s.io/api 1.32. */
const ATOMIC_STRUCTS = new Set([
  'LabelSelector', 'OwnerReference', 'ObjectReference', 'LocalObjectReference', 'TypedLocalObjectReference',
  'NodeSelector', 'TopologySelectorTerm', 'ConfigMapKeySelector', 'SecretKeySelector', 'ObjectFieldSelector',
  'ResourceFieldSelector', 'ConfigMapEnvSource', 'SecretEnvSource', 'SecretReference',
]);

/**
 * x-kubernetes-list-type / list-map-keys that the schema's single merge key does not express
 * (multi-key maps, sets), by `Struct.field`.
 */
const LIST_OVERRIDES: Record<string, Pick<ListNode, 'rel' | 'keys'> & { keyDefaults?: Record<string, unknown> }> = {
  'Container.ports': { rel: 'map', keys: ['containerPort', 'protocol'], keyDefaults: { protocol: 'TCP' } },
  'EphemeralContainer.ports': { rel: 'map', keys: ['containerPort', 'protocol'], keyDefaults: { protocol: 'TCP' } },
  'ServiceSpec.ports': { rel: 'map', keys: ['port', 'protocol'], keyDefaults: { protocol: 'TCP' } },
  'PodSpec.topologySpreadConstraints': { rel: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] },
  'ObjectMeta.finalizers': { rel: 'set', keys: [] },
  'NodeSpec.podCIDRs': { rel: 'set', keys: [] },
};

const compiled = new Map<string, TypeNode>();

function compileDef(def: TypeDef): TypeNode {
  const hit = compiled.get(def.id);
  if (hit) return hit;
  if (def.special) {
    const node = def.special === 'RawExtension' || def.special === 'FieldsV1' ? UNTYPED : SCALAR;
    compiled.set(def.id, node);
    return node;
  }
  const s: StructNode = { t: 'struct', name: def.name, fields: new Map(), preserve: !!def.preserveUnknown, atomic: ATOMIC_STRUCTS.has(def.name) };
  // Registered before its fields, so recursive types terminate.
  compiled.set(def.id, s);
  for (const [name, schema] of Object.entries(def.props)) s.fields.set(name, compileSchema(schema, `${def.name}.${name}`));
  return s;
}

function compileSchema(s: Schema, where: string): TypeNode {
  switch (s.type) {
    case 'ref': {
      const def = getDef(s.ref);
      return def ? compileDef(def) : UNTYPED;
    }
    case 'map':
      return { t: 'map', values: compileSchema(s.values, where), atomic: false };
    case 'array': {
      const items = compileSchema(s.items, where);
      const o = LIST_OVERRIDES[where];
      if (o) return { t: 'list', rel: o.rel, keys: o.keys, keyDefaults: o.keyDefaults ?? {}, items };
      if (s.mergeKey) return { t: 'list', rel: 'map', keys: [s.mergeKey], keyDefaults: {}, items };
      return { t: 'list', rel: 'atomic', keys: [], keyDefaults: {}, items };
    }
    case 'any':
      return UNTYPED;
    default:
      return SCALAR;
  }
}

/** The SMD type of a served resource's objects (untyped when the schema does not know it). */
export function rootType(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): TypeNode {
  const def = rootDefFor(info);
  return def ? compileDef(def) : UNTYPED;
}

/** The type of field `name` in a struct or map node (undefined: not declared). */
export function fieldType(t: TypeNode, name: string): TypeNode | undefined {
  if (t.t === 'struct') return t.fields.get(name) ?? (t.preserve ? UNTYPED : undefined);
  if (t.t === 'map') return t.values;
  if (t.t === 'untyped') return UNTYPED;
  return undefined;
}
