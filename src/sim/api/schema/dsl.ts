// A compact, data-only description of the Kubernetes API types (the Go structs behind each
// kind), in the shape of OpenAPI: one TypeDef per Go struct, named by its OpenAPI id
// (`io.k8s.api.core.v1.PodSpec`). The decoder (decode.ts), the OpenAPI v3 generator and
// `kubectl explain` (openapi.ts) all read these. Go type names matter: decode errors print them.

export type Schema =
  | StringSchema
  | { type: 'integer'; format: 'int32' | 'int64'; desc?: string }
  | { type: 'number'; desc?: string } // float64
  | { type: 'boolean'; desc?: string }
  | { type: 'bytes'; desc?: string } // []byte: a base64 string in JSON
  | { type: 'any'; desc?: string } // raw JSON kept as is (RawExtension, FieldsV1, JSON)
  | { type: 'ref'; ref: string; desc?: string }
  | ArraySchema
  | { type: 'map'; values: Schema; goType?: string; desc?: string };

export interface StringSchema {
  type: 'string';
  /** Named Go string type (`v1.Protocol`), printed in type errors; plain `string` when absent. */
  goType?: string;
  /** Well-known values, for completion and docs; the decoder does not enforce them (validation does). */
  enum?: readonly string[];
  desc?: string;
}

export interface ArraySchema {
  type: 'array';
  items: Schema;
  desc?: string;
  /** Strategic merge patch key (x-kubernetes-patch-merge-key / list-map-keys). */
  mergeKey?: string;
}

export type SpecialType = 'IntOrString' | 'Quantity' | 'Time' | 'MicroTime' | 'FieldsV1' | 'RawExtension';

export interface TypeDef {
  /** OpenAPI name: io.k8s.api.core.v1.PodSpec */
  id: string;
  /** Go struct name: PodSpec */
  name: string;
  /** Go package name as reflect prints it: v1, v2, intstr, resource */
  goPkg: string;
  desc?: string;
  /** Non-struct types with their own JSON (un)marshalling. */
  special?: SpecialType;
  props: Record<string, Schema>;
  required?: string[];
  /** Unknown fields are kept, not reported (x-kubernetes-preserve-unknown-fields). */
  preserveUnknown?: boolean;
  /** Top-level kinds: x-kubernetes-group-version-kind. */
  gvk?: { group: string; version: string; kind: string };
}

// ---- builders ----

export const str = (desc?: string): Schema => ({ type: 'string', desc });
/** A named Go string type such as v1.Protocol, with its well-known values. */
export const named = (goType: string, values: readonly string[] = [], desc?: string): Schema => ({
  type: 'string',
  goType,
  enum: values.length ? values : undefined,
  desc,
});
export const i32 = (desc?: string): Schema => ({ type: 'integer', format: 'int32', desc });
export const i64 = (desc?: string): Schema => ({ type: 'integer', format: 'int64', desc });
export const bool = (desc?: string): Schema => ({ type: 'boolean', desc });
export const num = (desc?: string): Schema => ({ type: 'number', desc });
export const bytes = (desc?: string): Schema => ({ type: 'bytes', desc });
export const any = (desc?: string): Schema => ({ type: 'any', desc });
export const ref = (id: string, desc?: string): Schema => ({ type: 'ref', ref: id, desc });
export const arr = (items: Schema, desc?: string, mergeKey?: string): Schema => ({ type: 'array', items, desc, mergeKey });
export const map = (values: Schema, desc?: string, goType?: string): Schema => ({ type: 'map', values, desc, goType });
export const strs = (desc?: string): Schema => arr(str(), desc);
export const strMap = (desc?: string): Schema => map(str(), desc);

// Packages (OpenAPI id prefixes) and their Go package names.
export const PKG = {
  core: 'io.k8s.api.core.v1.',
  apps: 'io.k8s.api.apps.v1.',
  batch: 'io.k8s.api.batch.v1.',
  coordination: 'io.k8s.api.coordination.v1.',
  networking: 'io.k8s.api.networking.v1.',
  policy: 'io.k8s.api.policy.v1.',
  autoscaling: 'io.k8s.api.autoscaling.v2.',
  rbac: 'io.k8s.api.rbac.v1.',
  storage: 'io.k8s.api.storage.v1.',
  scheduling: 'io.k8s.api.scheduling.v1.',
  discovery: 'io.k8s.api.discovery.v1.',
  events: 'io.k8s.api.events.v1.',
  node: 'io.k8s.api.node.v1.',
  meta: 'io.k8s.apimachinery.pkg.apis.meta.v1.',
  intstr: 'io.k8s.apimachinery.pkg.util.intstr.',
  resource: 'io.k8s.apimachinery.pkg.api.resource.',
  runtime: 'io.k8s.apimachinery.pkg.runtime.',
} as const;

/** Go package name from an OpenAPI id prefix: `io.k8s.api.core.v1.` -> `v1`. */
function goPkgOf(prefix: string): string {
  const parts = prefix.split('.').filter(Boolean);
  return parts[parts.length - 1];
}

/**
 * A definer bound to one package: `d('PodSpec', 'desc', {...props}, { required: [...] })`.
 * Also returns `r(name, desc)` to reference types of the same package.
 */
export function pkg(prefix: string) {
  const goPkg = goPkgOf(prefix);
  const defs: TypeDef[] = [];
  const d = (
    name: string,
    desc: string | undefined,
    props: Record<string, Schema>,
    opts: Partial<Pick<TypeDef, 'required' | 'preserveUnknown' | 'gvk' | 'special'>> = {},
  ): TypeDef => {
    const def: TypeDef = { id: prefix + name, name, goPkg, desc, props, ...opts };
    defs.push(def);
    return def;
  };
  const r = (name: string, desc?: string): Schema => ref(prefix + name, desc);
  return { d, r, defs };
}

/** Cross-package references used everywhere. */
export const meta = (name: string, desc?: string): Schema => ref(PKG.meta + name, desc);
export const core = (name: string, desc?: string): Schema => ref(PKG.core + name, desc);
export const intOrString = (desc?: string): Schema => ref(PKG.intstr + 'IntOrString', desc);
export const quantity = (desc?: string): Schema => ref(PKG.resource + 'Quantity', desc);
export const time = (desc?: string): Schema => ref(PKG.meta + 'Time', desc);
export const microTime = (desc?: string): Schema => ref(PKG.meta + 'MicroTime', desc);
/** v1.ResourceList: map[v1.ResourceName]resource.Quantity */
export const resourceList = (desc?: string): Schema => map(quantity(), desc, 'v1.ResourceList');
export const objectMeta = (desc = "Standard object's metadata."): Schema => meta('ObjectMeta', desc);
export const labelSelector = (desc?: string): Schema => meta('LabelSelector', desc);

/** The Go type name as reflect prints it in `of type ...`: `v1.PodSpec`, `[]v1.Container`, `map[string]string`. */
export function goTypeOf(s: Schema, lookup: (id: string) => TypeDef | undefined): string {
  switch (s.type) {
    case 'string':
      return s.goType ?? 'string';
    case 'integer':
      return s.format;
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'bytes':
      return '[]uint8';
    case 'any':
      return 'interface {}';
    case 'ref': {
      const def = lookup(s.ref);
      return def ? `${def.goPkg}.${def.name}` : s.ref;
    }
    case 'array':
      return `[]${goTypeOf(s.items, lookup)}`;
    case 'map':
      return s.goType ?? `map[string]${goTypeOf(s.values, lookup)}`;
  }
}

/** apiVersion, kind and metadata: the fields every top-level kind starts with. */
export function kindProps(): Record<string, Schema> {
  return {
    apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
    kind: str('Kind is a string value representing the REST resource this object represents.'),
    metadata: objectMeta(),
  };
}
