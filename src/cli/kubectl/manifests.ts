// Reading objects from `-f` (cli-runtime's FileVisitor + StreamVisitor): files come from the
// engine's file map (the editor's saved files), `-` is stdin. YAML is decoded as YAML 1.1, as
// sigs.k8s.io/yaml does, and a `kind: List` is expanded into its items.

import { parseAllDocuments } from 'yaml';
import { resourceForKind, type ResourceInfo } from '../../sim/api/registry';
import type { Env } from './env';
import { KubectlError } from './errors';

type Obj = Record<string, unknown>;

export interface ManifestObject {
  /** Where it came from, as kubectl names it in errors (the path, or STDIN). */
  source: string;
  object: Obj;
  mapping: ResourceInfo;
  namespace: string;
  name: string;
}

function parseDocuments(text: string, source: string): Obj[] {
  const out: Obj[] = [];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      out.push(JSON.parse(text) as Obj);
      return out;
    } catch {
      // fall through to YAML, which reads JSON too
    }
  }
  for (const doc of parseAllDocuments(text, { version: '1.1', intAsBigInt: false })) {
    if (doc.errors.length) throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`);
    const v = doc.toJS() as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new KubectlError(`error parsing ${source}: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`);
    out.push(v as Obj);
  }
  return out;
}

/**
 * The objects of every `-f`, with their mapping and namespace (the default one filled in for
 * namespaced kinds; an explicit --namespace that disagrees with the file is an error).
 */
export function readManifests(env: Env, filenames: string[], namespace: string, enforceNamespace: boolean): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const f of filenames) {
    let text: string | undefined;
    let source = f;
    if (f === '-') {
      text = env.stdin ?? '';
      source = 'STDIN';
    } else {
      text = env.files.get(f) ?? env.files.get(f.replace(/^\.\//, ''));
      if (text === undefined) throw new KubectlError(`the path ${JSON.stringify(f)} does not exist`);
    }
    const docs = parseDocuments(text, source).flatMap((d) => (d.kind === 'List' && Array.isArray(d.items) ? (d.items as Obj[]) : [d]));
    for (const object of docs) {
      const metadata = (object.metadata ?? {}) as Obj;
      const name = typeof metadata.name === 'string' ? metadata.name : '';
      if (!object.kind) throw new KubectlError(`error validating data: failed to read object kind from ${source}; if you choose to ignore these errors, turn validation off with --validate=false`);
      if (!object.apiVersion) throw new KubectlError(`error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
      const mapping = resourceForKind(String(object.apiVersion), String(object.kind));
      const ns = typeof metadata.namespace === 'string' ? metadata.namespace : '';
      if (!mapping) {
        const [g, v] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : ['', String(object.apiVersion)];
        throw new KubectlError(`resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(ns)} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(object.kind)} in version ${JSON.stringify(g ? `${g}/${v}` : v)}\nensure CRDs are installed first`);
      }
      let objNs = '';
      if (mapping.namespaced) {
        if (ns && enforceNamespace && ns !== namespace) {
          throw new KubectlError(`the namespace from the provided object ${JSON.stringify(ns)} does not match the namespace ${JSON.stringify(namespace)}. You must pass '--namespace=${ns}' to perform this operation.`);
        }
        objNs = ns || namespace;
        object.metadata = { ...metadata, namespace: objNs };
      }
      out.push({ source, object, mapping, namespace: objNs, name });
    }
  }
  return out;
}
