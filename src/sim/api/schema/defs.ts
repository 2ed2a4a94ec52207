// The registry of every type definition, and the top-level definition of each served kind.
// Served kinds that have no detailed definition get a loose one: typed apiVersion/kind/metadata,
// every other field kept as sent (x-kubernetes-preserve-unknown-fields), so nothing is lost.
import { apiVersionOf, RESOURCES, resourceForKind, ResourceInfo } from '../registry';
import { CORE_DEFS } from './core';
import { kindProps, PKG, ref, TypeDef } from './dsl';
import { META_DEFS } from './meta';
import { OTHER_DEFS } from './other';
import { WORKLOAD_DEFS } from './workloads';

const DEFS = new Map<string, TypeDef>();
for (const def of [...META_DEFS, ...CORE_DEFS, ...WORKLOAD_DEFS, ...OTHER_DEFS]) {
  if (DEFS.has(def.id)) throw new Error(`schema: duplicate definition ${def.id}`);
  DEFS.set(def.id, def);
}

// core/v1 Binding: what the scheduler POSTs to pods/binding.
DEFS.set(PKG.core + 'Binding', {
  id: PKG.core + 'Binding',
  name: 'Binding',
  goPkg: 'v1',
  desc: 'Binding ties one object to another; for example, a pod is bound to a node by a scheduler.',
  props: { ...kindProps(), target: ref(PKG.core + 'ObjectReference', 'The target object that you want to bind to the standard object.') },
  required: ['target'],
  gvk: { group: '', version: 'v1', kind: 'Binding' },
});

/** The OpenAPI id prefix real Kubernetes uses for a group's types. */
function idPrefix(group: string, version: string): string {
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.`;
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.`;
  return `io.k8s.api.${group ? group.split('.')[0] : 'core'}.${version}.`;
}

const byGVK = new Map<string, TypeDef>();
for (const def of DEFS.values()) {
  if (def.gvk) byGVK.set(`${def.gvk.group}/${def.gvk.version}/${def.gvk.kind}`, def);
}
for (const r of RESOURCES) {
  const key = `${r.group}/${r.version}/${r.kind}`;
  if (byGVK.has(key)) continue;
  const id = idPrefix(r.group, r.version) + r.kind;
  const def: TypeDef = {
    id,
    name: r.kind,
    goPkg: r.version,
    desc: `${r.kind} (${apiVersionOf(r)}). Only apiVersion, kind and metadata are described; other fields are kept as sent.`,
    props: kindProps(),
    preserveUnknown: true,
    gvk: { group: r.group, version: r.version, kind: r.kind },
  };
  DEFS.set(id, def);
  byGVK.set(key, def);
}

/** A type definition by OpenAPI id (`io.k8s.api.core.v1.PodSpec`). */
export function getDef(id: string): TypeDef | undefined {
  return DEFS.get(id);
}

/** Every definition, for OpenAPI generation. */
export function allDefs(): IterableIterator<TypeDef> {
  return DEFS.values();
}

/** The top-level definition of a served resource. */
export function rootDefFor(info: Pick<ResourceInfo, 'group' | 'version' | 'kind'>): TypeDef | undefined {
  return byGVK.get(`${info.group}/${info.version}/${info.kind}`);
}

/** The top-level definition for `kind` in `apiVersion` (e.g. "Deployment", "apps/v1"), if served. */
export function schemaFor(kind: string, apiVersion: string): TypeDef | undefined {
  const info = resourceForKind(apiVersion, kind);
  return info ? rootDefFor(info) : undefined;
}
