// Applying and deleting multi-document YAML manifests against the API server, document by
// document as kubectl does, and pointing each error at the line of the manifest it is about
// (the editor underlines it there).

import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import { ApiError, isApiError, noKindMatch, type Status } from '../sim/api/errors';
import { resourceForKind, type ResourceInfo } from '../sim/api/registry';
import type { KubeObject } from '../sim/api/types';
import type { ApiServer } from '../sim/apiserver/apiserver';
import type { ApplyResult } from '../worker/protocol';

export interface ManifestOptions {
  dryRun?: boolean;
  /** The field manager (server-side apply) and the actor on the trace stream. */
  fieldManager?: string;
  /** Namespace for namespaced objects that name none. */
  namespace?: string;
}

interface ParsedDoc {
  index: number;
  line: number;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** `deployment.apps/web`, as kubectl names an object in its output. */
export function objectRef(info: Pick<ResourceInfo, 'kind' | 'group'>, name: string): string {
  return `${info.kind.toLowerCase()}${info.group ? `.${info.group}` : ''}/${name}`;
}

/**
 * Server-side apply every document (`kubectl apply --server-side --force-conflicts`): the editor
 * is the source of truth for the fields it sets. Documents are independent: one failing does not
 * stop the others, as with kubectl.
 */
export function applyManifests(api: ApiServer, yaml: string, opts: ManifestOptions = {}): ApplyResult[] {
  const manager = opts.fieldManager ?? 'clusterlab-editor';
  return eachDocument(yaml, opts, (info, obj, ns) => {
    const name = obj.metadata.name as string;
    const before = api.tryGet(info, ns, name);
    const after = api.patch(info, ns, name, 'apply', obj, {
      actor: manager,
      fieldManager: manager,
      force: true,
      decode: true,
      fieldValidation: 'Strict',
      dryRun: opts.dryRun,
    });
    if (!before) return 'created';
    return after.metadata.resourceVersion === before.metadata.resourceVersion ? 'unchanged' : 'configured';
  });
}

/** Delete what every document names (`kubectl delete -f`). */
export function deleteManifests(api: ApiServer, yaml: string, opts: ManifestOptions = {}): ApplyResult[] {
  return eachDocument(yaml, opts, (info, obj, ns) => {
    api.delete(info, ns, obj.metadata.name as string, { propagationPolicy: 'Background' }, { actor: opts.fieldManager ?? 'clusterlab-editor', dryRun: opts.dryRun });
    return 'deleted';
  });
}

function eachDocument(
  yaml: string,
  opts: ManifestOptions,
  act: (info: ResourceInfo, obj: KubeObject, namespace: string | undefined) => string,
): ApplyResult[] {
  const results: ApplyResult[] = [];
  for (const d of parseDocuments(yaml)) {
    const result: ApplyResult = { doc: d.index, line: d.line };
    const fail = (message: string, status?: Status, line = d.line, column?: number) => {
      result.error = { message, status, line, column };
    };
    if (d.doc.errors.length > 0) {
      const e = d.doc.errors[0];
      const pos = e.linePos?.[0];
      fail(`error converting YAML to JSON: yaml: line ${pos?.line ?? d.line}: ${firstLine(e.message)}`, undefined, pos?.line ?? d.line, pos?.col);
      results.push(result);
      continue;
    }
    let obj: unknown;
    try {
      obj = d.doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      fail(`error converting YAML to JSON: ${(e as Error).message}`);
      results.push(result);
      continue;
    }
    if (obj === null || obj === undefined) continue; // an empty document (comments, a trailing ---)
    try {
      const { info, object, namespace } = resolve(obj, opts.namespace);
      result.ref = objectRef(info, object.metadata.name as string);
      result.outcome = act(info, object, namespace) + (opts.dryRun ? ' (server dry run)' : '');
    } catch (e) {
      const status = isApiError(e) ? e.status : undefined;
      const message = status ? status.message : (e as Error).message;
      const at = errorPosition(d, status);
      fail(message, status, at?.line ?? d.line, at?.col);
    }
    results.push(result);
  }
  return results;
}

function resolve(obj: unknown, defaultNamespace = 'default'): { info: ResourceInfo; object: KubeObject; namespace: string | undefined } {
  if (typeof obj !== 'object' || Array.isArray(obj) || obj === null) {
    throw new Error(`error validating data: the document is not an object (found ${Array.isArray(obj) ? 'a list' : typeof obj})`);
  }
  const o = obj as Partial<KubeObject>;
  if (!o.apiVersion || !o.kind) {
    const missing = [!o.apiVersion && 'apiVersion', !o.kind && 'kind'].filter(Boolean).join(', ');
    throw new Error(`error validating data: [${missing} not set]`);
  }
  const info = resourceForKind(String(o.apiVersion), String(o.kind));
  if (!info) throw noKindMatch(String(o.kind), String(o.apiVersion));
  const name = o.metadata?.name;
  if (!name) throw new ApiError({ reason: 'Invalid', code: 422, message: 'resource name may not be empty', details: { causes: [{ reason: 'FieldValueRequired', message: 'Required value: name is required', field: 'metadata.name' }] } });
  const namespace = info.namespaced ? (o.metadata?.namespace ?? defaultNamespace) : undefined;
  return { info, object: o as KubeObject, namespace };
}

function parseDocuments(yaml: string): ParsedDoc[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(yaml, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc, index) => ({ index, doc, lines, line: lines.linePos(doc.range[0]).line }));
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

/** The manifest position an API error is about: its first field cause, or a field named in the message. */
function errorPosition(d: ParsedDoc, status: Status | undefined): { line: number; col: number } | undefined {
  if (!status) return undefined;
  const fields = (status.details?.causes ?? []).map((c) => c.field).filter((f): f is string => !!f);
  const m =
    /unknown field "([^"]+)"/.exec(status.message) ??
    /Go struct field \w+\.(\S+) of type/.exec(status.message) ??
    /\): (\.\S+): field not declared in schema/.exec(status.message);
  if (m) fields.push(m[1]);
  if (/no matches for kind/.test(status.message)) fields.push('kind');
  for (const f of fields) {
    const node = nodeAt(d.doc, fieldPath(f));
    if (node?.range) return d.lines.linePos(node.range[0]);
  }
  return undefined;
}

/** A path segment: a map key, a list index, or a list item picked by a key (`[name="c"]`, as SSA prints). */
export type PathSegment = string | number | { key: string; value: string };

/** `spec.containers[0].image`, `.spec.containers[name="c"].bogus`, `metadata.labels[app]` -> segments. */
export function fieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  const s = field.replace(/^\./, '');
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[1] !== undefined) out.push(m[1]);
    else {
      const keyed = /^([^=]+)="?([^"]*)"?$/.exec(m[2]);
      if (/^\d+$/.test(m[2])) out.push(Number(m[2]));
      else if (keyed) out.push({ key: keyed[1], value: keyed[2] });
      else out.push(m[2]);
    }
  }
  return out;
}

/**
 * The deepest YAML node along `path` (the key node when the path ends at a map entry). A list met
 * by a name segment (Go's decode errors omit indices: `containers.ports.containerPort`) is searched
 * item by item for the one that goes deepest.
 */
function nodeAt(doc: Document.Parsed, path: PathSegment[]): YamlNode | undefined {
  return deepest(doc.contents, path, 0).node;
}

function deepest(node: unknown, path: PathSegment[], i: number): { node: YamlNode | undefined; depth: number } {
  const none = { node: undefined, depth: i };
  if (i >= path.length) return none;
  const seg = path[i];
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
    if (!pair) return none;
    const below = deepest(pair.value, path, i + 1);
    return below.node ? below : { node: pair.key as YamlNode, depth: i + 1 };
  }
  if (!isSeq(node)) return none;
  if (typeof seg === 'number' || typeof seg === 'object') {
    const item = typeof seg === 'number' ? node.items[seg] : node.items.find((it) => isMap(it) && String(it.get(seg.key)) === seg.value);
    if (!item) return none;
    const below = deepest(item, path, i + 1);
    return below.node ? below : { node: item as YamlNode, depth: i + 1 };
  }
  let best = none as { node: YamlNode | undefined; depth: number };
  for (const item of node.items) {
    const r = deepest(item, path, i);
    if (r.node && r.depth > best.depth) best = r;
  }
  return best;
}
