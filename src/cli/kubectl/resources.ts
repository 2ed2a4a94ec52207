// Turning `get` arguments into API requests, as cli-runtime's resource.Builder does: resource
// names as kubectl accepts them (plural, singular, short name, Kind, `type.group`,
// `type.version.group`), `type/name` tuples, `a,b` lists, the `all` category, names or
// selectors, namespaces. Each request's result or error is kept (kubectl continues on error).

import { ApiError, isApiError } from '../../sim/api/errors';
import { RESOURCES, type ResourceInfo } from '../../sim/api/registry';
import type { KubeList, KubeObject } from '../../sim/api/types';
import type { Env } from './env';
import { KubectlError } from './errors';

// ------------------------------------------------------------------ resource names (RESTMapper)

/** Discovery order: core first, then groups in the order the server lists them. */
const DISCOVERY: readonly ResourceInfo[] = RESOURCES;

function matchesName(r: ResourceInfo, name: string): 'plural' | 'singular' | 'short' | 'kind' | undefined {
  const n = name.toLowerCase();
  if (r.resource === n) return 'plural';
  if (r.singular === n) return 'singular';
  if (r.shortNames.includes(n)) return 'short';
  if (r.kind.toLowerCase() === n) return 'kind';
  return undefined;
}

export interface Mapping {
  info: ResourceInfo;
  /** Warnings kubectl prints while resolving (ambiguous short names). */
  warnings: string[];
}

/** b.mappingFor: the resource behind a type argument, or kubectl's "doesn't have a resource type". */
export function mappingFor(arg: string): Mapping {
  const warnings: string[] = [];
  const pick = (candidates: readonly ResourceInfo[], name: string): ResourceInfo | undefined => {
    // Exact resource names win over short names, which win over kinds (the shortcut expander
    // rewrites short names first; the priority mapper prefers the core group).
    for (const kind of ['plural', 'singular', 'short', 'kind'] as const) {
      const hits = candidates.filter((r) => matchesName(r, name) === kind);
      if (hits.length) {
        if (kind === 'short' && hits.length > 1) {
          for (const other of hits.slice(1)) warnings.push(`short name ${JSON.stringify(name.toLowerCase())} could also match lower priority resource ${other.resource}${other.group ? '.' + other.group : ''}`);
        }
        return hits[0];
      }
    }
    return undefined;
  };
  // resource.version.group (at least two dots): the fully specified form.
  if ((arg.match(/\./g) ?? []).length >= 2) {
    const [resource, version, group] = splitN(arg, '.', 3);
    const hit = pick(DISCOVERY.filter((r) => r.group === group && r.version === version), resource);
    if (hit) return { info: hit, warnings };
  }
  // resource.group or resource.
  const dot = arg.indexOf('.');
  const resource = dot < 0 ? arg : arg.slice(0, dot);
  const group = dot < 0 ? undefined : arg.slice(dot + 1);
  const candidates = group === undefined ? DISCOVERY : DISCOVERY.filter((r) => r.group === group);
  const hit = pick(candidates, resource);
  if (hit) return { info: hit, warnings };
  throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(resource)}`);
}

function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** ReplaceAliases: `all` (a category) becomes the resources that belong to it. */
export function expandCategories(arg: string): string {
  return arg
    .split(',')
    .map((a) => {
      const members = DISCOVERY.filter((r) => r.categories.includes(a));
      if (!members.length) return a;
      return members.map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)).join(',');
    })
    .join(',');
}

/** SplitResourceArgument: `a,b,a` -> [a, b] (empty entries kept, as kubectl does). */
export function splitResourceArgument(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(',')) if (!out.includes(s)) out.push(s);
  return out;
}

// ------------------------------------------------------------------ the builder

export interface BuilderOptions {
  namespace: string;
  allNamespaces: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** Positional arguments: `TYPE [NAME...]` or `TYPE/NAME...`. */
  args: string[];
  /** The binary name for kubectl's "no need to specify a resource type" message. */
  binary?: string;
}

/** One thing fetched: an object (by name) or a list (by type and selector). */
export interface Info {
  mapping: ResourceInfo;
  namespace: string;
  name?: string;
  object?: KubeObject;
  list?: KubeList;
}

export interface BuildResult {
  infos: Info[];
  /** Errors of individual requests (kubectl prints them after the output). */
  errors: unknown[];
  /** One named object was asked for: print it alone, not in a List. */
  singleItemImplied: boolean;
  warnings: string[];
}

interface Tuple {
  resource: string;
  name: string;
}

/** normalizeMultipleResourcesArgs: `pod,svc a b` -> pod/a pod/b svc/a svc/b. */
function normalizeArgs(args: string[]): string[] {
  if (args.length >= 2) {
    const resources = splitResourceArgument(args[0]);
    if (resources.length > 1) return resources.flatMap((r) => args.slice(1).map((n) => `${r}/${n}`));
  }
  return args;
}

function splitTuple(s: string): Tuple {
  const seg = s.split('/');
  if (seg.length !== 2) throw new KubectlError('arguments in resource/name form may not have more than one slash');
  const [resource, name] = seg;
  if (!resource || !name || splitResourceArgument(resource).length !== 1) throw new KubectlError('arguments in resource/name form must have a single resource and name');
  return { resource, name };
}

/** Plan and run the requests for `opts` (builder errors throw; request errors are collected). */
export function build(env: Env, opts: BuilderOptions): BuildResult {
  const warnings: string[] = [];
  const resolve = (arg: string): ResourceInfo => {
    const m = mappingFor(arg);
    for (const w of m.warnings) if (!warnings.includes(w)) warnings.push(w);
    return m.info;
  };
  let args = normalizeArgs(opts.args);
  const tuples: Tuple[] = [];
  let types: string[] = [];
  const names: string[] = [];
  let labelSelector = opts.labelSelector?.trim() || undefined;
  const fieldSelector = opts.fieldSelector?.trim() || undefined;

  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes > 0) {
    if (slashes !== args.length) {
      const b = opts.binary ?? 'kubectl';
      throw new KubectlError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${b} get resource/<resource_name>' instead of '${b} get resource resource/<resource_name>'`,
      );
    }
    for (const a of args) tuples.push(splitTuple(a));
  } else if (args.length > 0) {
    args = [expandCategories(args[0]), ...args.slice(1)];
    types = splitResourceArgument(args[0]);
    names.push(...args.slice(1));
    if (args.length === 1 && labelSelector === undefined) labelSelector = '';
  }

  const namespace = opts.allNamespaces ? '' : opts.namespace;
  const infos: Info[] = [];
  const errors: unknown[] = [];
  const fetch = (mapping: ResourceInfo, name: string) => {
    const ns = mapping.namespaced ? namespace : '';
    if (mapping.namespaced && !ns) {
      throw new KubectlError(opts.allNamespaces ? 'a resource cannot be retrieved by name across all namespaces' : 'namespace may not be empty when retrieving a resource by name');
    }
    return { mapping, ns, name };
  };
  const get = (p: { mapping: ResourceInfo; ns: string; name: string }) => {
    try {
      env.cluster.etcd?.checkConsistentRead();
      infos.push({ mapping: p.mapping, namespace: p.ns, name: p.name, object: env.api.get(p.mapping, p.ns || undefined, p.name) });
    } catch (e) {
      errors.push(namespaceAwareNotFound(env, e, p.ns));
    }
  };

  if (labelSelector !== undefined || fieldSelector !== undefined) {
    // visitBySelector
    if (names.length) throw new KubectlError('name cannot be provided when a selector is specified');
    if (tuples.length) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments');
    if (!types.length) throw new KubectlError('at least one resource must be specified to use a selector');
    const mappings = types.map(resolve);
    for (const mapping of mappings) {
      const ns = mapping.namespaced ? namespace : '';
      try {
        env.cluster.etcd?.checkConsistentRead();
        const list = env.api.list(mapping, { namespace: ns || undefined, labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined });
        infos.push({ mapping, namespace: ns, list });
      } catch (e) {
        errors.push(enhanceListError(e, mapping, labelSelector ?? '', fieldSelector ?? ''));
      }
    }
    return { infos, errors, singleItemImplied: false, warnings };
  }
  if (tuples.length) {
    // visitByResource: every type resolves before any request is made.
    const mapped = tuples.map((t) => fetch(resolve(t.resource), t.name));
    for (const p of mapped) get(p);
    return { infos, errors, singleItemImplied: tuples.length === 1, warnings };
  }
  if (names.length) {
    // visitByName
    if (types.length > 1) throw new KubectlError('you must specify only one resource');
    const mapping = resolve(types[0]);
    const planned = names.map((n) => fetch(mapping, n));
    for (const p of planned) get(p);
    return { infos, errors, singleItemImplied: names.length === 1, warnings };
  }
  if (types.length) {
    for (const t of types) resolve(t);
    throw new KubectlError('resource(s) were provided, but no name was specified');
  }
  throw new KubectlError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
}

/** Info.Get: a missing object in a missing namespace is reported as the namespace missing. */
function namespaceAwareNotFound(env: Env, e: unknown, ns: string): unknown {
  if (isApiError(e, 'NotFound') && ns && ns !== 'default') {
    if (!env.api.tryGet('namespaces', undefined, ns)) {
      try {
        env.api.get('namespaces', undefined, ns);
      } catch (nsErr) {
        return nsErr;
      }
    }
  }
  return e;
}

/** resource.EnhanceListError: say which list and selectors failed, keeping the API status. */
function enhanceListError(e: unknown, mapping: ResourceInfo, labelSelector: string, fieldSelector: string): unknown {
  if (!(e instanceof ApiError) || (e.reason !== 'BadRequest' && e.reason !== 'NotFound')) return e;
  const subj = `${mapping.group}/${mapping.version}, Resource=${mapping.resource}`;
  const message =
    !labelSelector && !fieldSelector
      ? `Unable to list ${JSON.stringify(subj)}: ${e.status.message}`
      : `Unable to find ${JSON.stringify(subj)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${e.status.message}`;
  return new ApiError({ ...e.status, message });
}
