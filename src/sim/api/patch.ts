// PATCH bodies, applied the way kube-apiserver applies them (apiserver/pkg/endpoints/handlers/patch.go):
// - application/json-patch+json: RFC 6902 via gopkg.in/evanphx/json-patch.v4, quirks included;
// - application/merge-patch+json: RFC 7386 via the same library's MergePatch;
// - application/strategic-merge-patch+json: a port of apimachinery/pkg/util/strategicpatch
//   (StrategicMergeMapPatch, the server side), driven by the struct tags in patchmeta.ts.
// Server-side apply (application/apply-patch+yaml) needs managed fields and is not handled here.
// All functions are pure: inputs are never mutated. Errors carry the real server's status and message.

import { ApiError, badRequest } from './errors';
import { fieldPatchStruct, kindPatchStruct, lookupPatchMeta, type FieldPatchMeta, type PatchStruct } from './patchmeta';
import { deepClone, deepEqual } from '../util/json';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

/** The patch type of a Content-Type header; `; charset=...` is ignored, as the server does. */
export function patchTypeFromContentType(ct: string): PatchType | undefined {
  const i = ct.indexOf(';');
  const base = i > 0 ? ct.slice(0, i) : ct;
  for (const t of Object.keys(PATCH_CONTENT_TYPES) as PatchType[]) {
    if (PATCH_CONTENT_TYPES[t] === base) return t;
  }
  return undefined;
}

/** Content types a built-in resource accepts for PATCH, in the server's order. CRDs lack strategic. */
export const BUILTIN_PATCH_CONTENT_TYPES = [
  PATCH_CONTENT_TYPES.json,
  PATCH_CONTENT_TYPES.merge,
  PATCH_CONTENT_TYPES.strategic,
  PATCH_CONTENT_TYPES.apply,
];

/** 415 for a PATCH with a Content-Type the resource does not accept (negotiation.NewUnsupportedMediaTypeError). */
export function unsupportedPatchMediaType(accepted: readonly string[] = BUILTIN_PATCH_CONTENT_TYPES): ApiError {
  return new ApiError({
    reason: 'UnsupportedMediaType',
    code: 415,
    message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  });
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

type JSONMap = Record<string, unknown>;

const isMap = (v: unknown): v is JSONMap => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** obj[k] = v, without `__proto__` turning into a prototype change. */
function setKey(o: JSONMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

/** The name encoding/json uses for a JSON value's type in "cannot unmarshal X" errors. */
function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // string, number
}

/** Go's fmt %v of a decoded JSON value: map[k:v ...] (keys sorted), [a b], <nil>. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as JSONMap;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goV(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's reflect type of a decoded JSON value, as mergepatch.ErrBadArgType prints it. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

// ---------------------------------------------------------------------------------------------
// JSON merge patch (RFC 7386) as evanphx/json-patch v4 MergePatch does it

/**
 * RFC 7386 merge patch: null deletes a key, objects merge recursively, everything else (arrays
 * included) replaces. Like the library the server uses, nulls are pruned from values that are
 * added rather than merged.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) {
    // A top-level array becomes the document (and then fails to decode as an object); anything else is rejected.
    if (Array.isArray(patch)) return pruneNulls(deepClone(patch));
    throw badRequest('Invalid JSON Patch');
  }
  if (!isMap(target)) return pruneNulls(deepClone(patch));
  const doc = deepClone(target);
  mergeDocs(doc, deepClone(patch));
  return doc;
}

function mergeDocs(doc: JSONMap, patch: JSONMap): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete doc[k];
    else if (!hasOwn(doc, k)) setKey(doc, k, pruneNulls(v));
    else setKey(doc, k, mergeNode(doc[k], v));
  }
}

function mergeNode(cur: unknown, patch: unknown): unknown {
  if (!isMap(cur)) return pruneNulls(patch);
  if (!isMap(patch)) return patch;
  mergeDocs(cur, patch);
  return cur;
}

/** Drops null members of objects and null elements of arrays, recursively (in place). */
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(pruneNulls);
  if (isMap(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else setKey(v, k, pruneNulls(v[k]));
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// JSON patch (RFC 6902) as evanphx/json-patch v4 Patch.Apply does it

/** kube-apiserver's cap on operations in one JSON patch. */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** A failed operation: the library's message, which the server does not show (see jsonPatchFailed). */
class JsonPatchError extends Error {}

/**
 * The server turns any failure while applying a JSON patch into a bare 422 (NewGenericServerResponse
 * without causes): the library's message is not returned. We keep it as `cause` for debugging.
 */
function jsonPatchFailed(e: JsonPatchError): ApiError {
  const err = new ApiError({
    reason: 'Invalid',
    code: 422,
    message: 'the server rejected our request due to an error in our request',
    details: {},
  });
  (err as Error).cause = e.message;
  return err;
}

type Op = Record<string, unknown>;
type Container = JSONMap | unknown[];

/**
 * Applies an RFC 6902 patch. Quirks of the library the server uses are kept: negative array
 * indices count from the end; `replace` of a missing object member adds it; `copy` from a missing
 * member copies null; `add` at the root ("") fails; a `test` of a missing member against null passes.
 */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (ops === null) return deepClone(target);
  if (!Array.isArray(ops)) throw badRequest(`json: cannot unmarshal ${jsonTypeName(ops)} into Go value of type jsonpatch.Patch`);
  for (const op of ops) {
    if (op !== null && !isMap(op)) {
      throw badRequest(`json: cannot unmarshal ${jsonTypeName(op)} into Go value of type jsonpatch.Operation`);
    }
  }
  if (ops.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new ApiError({
      reason: 'RequestEntityTooLarge',
      code: 413,
      message: `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${ops.length}`,
    });
  }
  const doc = { root: deepClone(target) as Container };
  try {
    for (const raw of ops as (Op | null)[]) {
      const op = raw ?? {};
      const kind = typeof op.op === 'string' ? op.op : 'unknown';
      switch (kind) {
        case 'add': opAdd(doc.root, op); break;
        case 'remove': opRemove(doc.root, op); break;
        case 'replace': opReplace(doc, op); break;
        case 'move': opMove(doc.root, op); break;
        case 'test': opTest(doc.root, op); break;
        case 'copy': opCopy(doc.root, op); break;
        default: throw new JsonPatchError(`Unexpected kind: ${kind}`);
      }
    }
  } catch (e) {
    if (e instanceof JsonPatchError) throw jsonPatchFailed(e);
    throw e;
  }
  return doc.root;
}

const ERR_MISSING = 'missing value';
const ERR_INDEX = 'invalid index referenced';
const ERR_TEST = 'test failed';

/** Operation.Path() / From(): the string, or the library's error text. */
function opString(op: Op, field: 'path' | 'from'): { value?: string; err?: string } {
  const v = op[field];
  if (v === undefined || v === null) {
    return { err: field === 'path' ? `operation missing path field: ${ERR_MISSING}` : `operation, missing from field: ${ERR_MISSING}` };
  }
  if (typeof v !== 'string') return { err: `json: cannot unmarshal ${jsonTypeName(v)} into Go value of type string` };
  return { value: v };
}

/** The op's value; undefined when the op has none (the library's nil node, which adds as null). */
function opValue(op: Op): unknown {
  return hasOwn(op, 'value') ? op.value : undefined;
}

const decodeKey = (k: string): string => k.replace(/~1|~0/g, (m) => (m === '~1' ? '/' : '~'));

/** strconv.Atoi */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  return Number(s);
}

/** Resolves all but the last token of `path`; undefined when any of them is missing or not a container. */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc: Container = root;
  for (const part of split.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(doc, decodeKey(part));
    } catch {
      return undefined;
    }
    if (Array.isArray(next) || isMap(next)) doc = next;
    else return undefined;
  }
  return [doc, decodeKey(split[split.length - 1])];
}

/** container.get: undefined/null for a missing or null member; throws for a bad array index. */
function get(con: Container, key: string): unknown {
  if (!Array.isArray(con)) return hasOwn(con, key) ? con[key] : undefined;
  let idx = atoi(key);
  if (typeof idx === 'string') throw new JsonPatchError(idx);
  if (idx < 0) {
    if (idx < -con.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
    idx += con.length;
  }
  if (idx >= con.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
  return con[idx];
}

function add(con: Container, key: string, val: unknown): void {
  const v = val === undefined ? null : val;
  if (!Array.isArray(con)) {
    setKey(con, key, v);
    return;
  }
  if (key === '-') {
    con.push(v);
    return;
  }
  let idx = atoi(key);
  if (typeof idx === 'string') throw new JsonPatchError(`value was not a proper array index: '${key}': ${idx}`);
  const size = con.length + 1;
  if (idx >= size) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
  if (idx < 0) {
    if (idx < -size) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
    idx += size;
  }
  con.splice(idx, 0, v);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!hasOwn(con, key)) throw new JsonPatchError(`Unable to remove nonexistent key: ${key}: ${ERR_MISSING}`);
    delete con[key];
    return;
  }
  let idx = atoi(key);
  if (typeof idx === 'string') throw new JsonPatchError(idx);
  if (idx >= con.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
  if (idx < 0) {
    if (idx < -con.length) throw new JsonPatchError(`Unable to access invalid index: ${idx}: ${ERR_INDEX}`);
    idx += con.length;
  }
  con.splice(idx, 1);
}

/** Rethrows a container error with the operation's prefix, as the library wraps it. */
function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof JsonPatchError) throw new JsonPatchError(`${prefix}: ${e.message}`);
    throw e;
  }
}

function opAdd(root: Container, op: Op): void {
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`add operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path.value!);
  if (!found) throw new JsonPatchError(`add operation does not apply: doc is missing path: "${path.value}": ${ERR_MISSING}`);
  wrap(`error in add for path: '${path.value}'`, () => add(found[0], found[1], opValue(op)));
}

function opRemove(root: Container, op: Op): void {
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`remove operation failed to decode path: ${ERR_MISSING}`);
  const found = findObject(root, path.value!);
  if (!found) throw new JsonPatchError(`remove operation does not apply: doc is missing path: "${path.value}": ${ERR_MISSING}`);
  wrap(`error in remove for path: '${path.value}'`, () => remove(found[0], found[1]));
}

function opReplace(doc: { root: Container }, op: Op): void {
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`replace operation failed to decode path: ${path.err}`);
  if (path.value === '') {
    const v = opValue(op);
    if (!isMap(v) && !Array.isArray(v)) throw new JsonPatchError('replace operation value must be object or array: %!w(<nil>)');
    doc.root = v;
    return;
  }
  const found = findObject(doc.root, path.value!);
  if (!found) throw new JsonPatchError(`replace operation does not apply: doc is missing path: ${path.value}: ${ERR_MISSING}`);
  const [con, key] = found;
  try {
    get(con, key);
  } catch {
    throw new JsonPatchError(`replace operation does not apply: doc is missing key: ${path.value}: ${ERR_MISSING}`);
  }
  // An object member is set whether or not it existed; an array index was checked by get.
  const v = opValue(op) === undefined ? null : opValue(op);
  if (Array.isArray(con)) {
    const i = Number(key);
    con[i < 0 ? i + con.length : i] = v;
  } else setKey(con, key, v);
}

function opMove(root: Container, op: Op): void {
  const from = opString(op, 'from');
  if (from.err !== undefined) throw new JsonPatchError(`move operation failed to decode from: ${from.err}`);
  const src = findObject(root, from.value!);
  if (!src) throw new JsonPatchError(`move operation does not apply: doc is missing from path: ${from.value}: ${ERR_MISSING}`);
  const val = wrap(`error in move for path: '${src[1]}'`, () => get(src[0], src[1]));
  wrap(`error in move for path: '${src[1]}'`, () => remove(src[0], src[1]));
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`move operation failed to decode path: ${path.err}`);
  const dst = findObject(root, path.value!);
  if (!dst) throw new JsonPatchError(`move operation does not apply: doc is missing destination path: ${path.value}: ${ERR_MISSING}`);
  wrap(`error in move for path: '${path.value}'`, () => add(dst[0], dst[1], val));
}

function opTest(root: Container, op: Op): void {
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`test operation failed to decode path: ${path.err}`);
  const failed = new JsonPatchError(`testing value ${path.value} failed: ${ERR_TEST}`);
  const want = opValue(op);
  if (path.value === '') {
    if (want === undefined || !deepEqual(root, want)) throw failed;
    return;
  }
  const found = findObject(root, path.value!);
  if (!found) throw new JsonPatchError(`test operation does not apply: is missing path: ${path.value}: ${ERR_MISSING}`);
  const val = wrap(`error in test for path: '${path.value}'`, () => get(found[0], found[1]));
  if (val === undefined || val === null) {
    // A missing or null member passes against a missing or null value.
    if (want === undefined || want === null) return;
    throw failed;
  }
  if (want === undefined || !deepEqual(val, want)) throw failed;
}

function opCopy(root: Container, op: Op): void {
  const from = opString(op, 'from');
  if (from.err !== undefined) throw new JsonPatchError(`copy operation failed to decode from: ${from.err}`);
  const src = findObject(root, from.value!);
  if (!src) throw new JsonPatchError(`copy operation does not apply: doc is missing from path: ${from.value}: ${ERR_MISSING}`);
  const val = wrap(`error in copy for from: '${from.value}'`, () => get(src[0], src[1]));
  const path = opString(op, 'path');
  if (path.err !== undefined) throw new JsonPatchError(`copy operation failed to decode path: ${ERR_MISSING}`);
  const dst = findObject(root, path.value!);
  if (!dst) throw new JsonPatchError(`copy operation does not apply: doc is missing destination path: ${path.value}: ${ERR_MISSING}`);
  wrap('error while adding value during copy', () => add(dst[0], dst[1], deepClone(val)));
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch: a port of strategicpatch.StrategicMergeMapPatch as in current apimachinery
// (MergeParallelList and IgnoreUnmatchedNulls on, as on the server), including the idempotent
// $deleteFromPrimitiveList (kubernetes#105146, #110472) and removeDirectives on added values.
// Go iterates maps in random order; we follow the patch's key order. Unlike Go we never fail on a
// field the struct lacks ("unable to find api field"): our tables list only tagged fields.

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

// mergepatch sentinel errors the server answers with 400 (interpretStrategicMergePatchError).
const BAD_PRIMITIVE_LIST = 'invalid patch format of primitive list';
const BAD_RETAIN_KEYS = 'invalid patch format of retainKeys';
const BAD_SET_ELEMENT_ORDER = 'invalid patch format of setElementOrder list';

/** ErrNoListOfLists: one of the two sentinels answered with a bare 422. */
function noListOfLists(): ApiError {
  return new ApiError({
    reason: 'Invalid',
    code: 422,
    message: 'the server rejected our request due to an error in our request',
    details: {},
  });
}

/** Any other strategicpatch error is not a Status: the server answers 500 with reason "" and the raw text. */
function smpError(message: string): ApiError {
  return new ApiError({ reason: '', code: 500, message });
}

const errBadArgType = (expected: 'map' | 'slice', actual: unknown): ApiError =>
  smpError(`expected a ${expected === 'map' ? 'map[string]interface {}' : '[]interface {}'}, but received a ${goType(actual)}`);
const errNoMergeKey = (m: JSONMap, k: string): ApiError => smpError(`map: ${goV(m)} does not contain declared merge key: ${k}`);
const errBadPatchType = (t: unknown, m: JSONMap): ApiError => smpError(`unknown patch type: ${goV(t)} in map: ${goV(m)}`);

/**
 * Applies a strategic merge patch to an object of `kind`. Lists whose field is tagged
 * patchStrategy=merge merge by their patchMergeKey (primitive lists: union); other lists are
 * replaced; maps merge; null deletes. Directives: `$patch: replace|delete` (maps and list
 * elements), `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
 * Kinds without metadata behave as their ObjectMeta plus untagged fields.
 */
export function applyStrategicMergePatch(target: unknown, patch: unknown, kind: string): unknown {
  // The body is decoded into a map: JSON null leaves it nil (a no-op), anything but an object is a 400.
  if (patch === null) return deepClone(target);
  if (!isMap(patch)) {
    throw badRequest(`json: cannot unmarshal ${jsonTypeName(patch)} into Go value of type map[string]interface {}`);
  }
  const original = isMap(target) ? deepClone(target) : {};
  return mergeMap(original, deepClone(patch), kindPatchStruct(kind));
}

/**
 * A patch value the server keeps as is (replaced lists and maps, appended list elements). The real
 * server then decodes the result into a typed object, which drops the unknown `$` keys and turns
 * nulls into zero values; having no typed decoder, we drop both here.
 */
function verbatim(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== null).map(verbatim);
  if (!isMap(v)) return v;
  const out: JSONMap = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || isDirectiveKey(k)) continue;
    setKey(out, k, verbatim(x));
  }
  return out;
}

/**
 * A patch value for a key the object lacks (discardNullValuesFromPatch + removeDirectives):
 * nulls are discarded and any map carrying `$patch` is dropped, with its key or list slot.
 * Returns undefined when the value itself is such a map.
 */
function adopt(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(adopt).filter((x) => x !== undefined && x !== null);
  if (isMap(v) && hasOwn(v, DIRECTIVE)) return undefined;
  if (!isMap(v)) return v;
  const out: JSONMap = {};
  for (const [k, x] of Object.entries(v)) {
    const a = adopt(x);
    if (a !== undefined) setKey(out, k, a);
  }
  return verbatim(out);
}

const isDirectiveKey = (k: string): boolean =>
  k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(`${SET_ELEMENT_ORDER}/`) || k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);

type Kind = 'map' | 'slice' | 'scalar';
const kindOf = (v: unknown): Kind => (Array.isArray(v) ? 'slice' : isMap(v) ? 'map' : 'scalar');
/** Same Go type in the unstructured form (string, number, bool, map, slice). */
const sameType = (a: unknown, b: unknown): boolean =>
  kindOf(a) === kindOf(b) && (kindOf(a) !== 'scalar' || typeof a === typeof b);

function mergeMap(original: JSONMap, patch: JSONMap, t: PatchStruct): JSONMap {
  if (hasOwn(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  applyRetainKeysDirective(original, patch);
  mergePatchIntoOriginal(original, patch, t);

  for (const [key, patchV] of Object.entries(patch)) {
    let k = key;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const stripped = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      if (stripped) k = stripped;
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      continue; // IgnoreUnmatchedNulls
    }
    // A new key (or one of another type) takes the patch value; a deletion list has nothing to delete from.
    if (!hasOwn(original, k) || !sameType(original[k], patchV)) {
      if (isDeleteList) continue;
      const v = adopt(patchV);
      if (v === undefined) delete original[k];
      else setKey(original, k, v);
      continue;
    }
    const m = lookupPatchMeta(t, k);
    const strategy = patchStrategyOf(m.strategy);
    const cur = original[k];
    if (isMap(cur)) {
      setKey(original, k, strategy === 'replace' ? verbatim(patchV) : mergeMap(cur, patchV as JSONMap, fieldPatchStruct(m)));
    } else if (Array.isArray(cur)) {
      setKey(original, k, mergeSliceHandler(cur, patchV as unknown[], m, isDeleteList));
    } else {
      setKey(original, k, patchV);
    }
  }
  return original;
}

/** The strategy other than retainKeys (extractRetainKeysPatchStrategy); retainKeys only guides the client's diff. */
function patchStrategyOf(s: string | undefined): string {
  return (s ?? '').split(',').filter((x) => x !== 'retainKeys')[0] ?? '';
}

function handleDirectiveInMergeMap(directive: unknown, patch: JSONMap): JSONMap {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return verbatim(patch) as JSONMap;
  }
  // $patch: delete empties the map; the key itself stays.
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

/** Text after "<prefix>/"; a malformed directive key is a 400. */
function extractKey(s: string, prefix: string): string {
  const i = s.indexOf('/');
  if (i < 0 || s.slice(0, i) !== prefix) {
    throw badRequest(prefix === DELETE_FROM_PRIMITIVE_LIST ? BAD_PRIMITIVE_LIST : BAD_SET_ELEMENT_ORDER);
  }
  return s.slice(i + 1);
}

/** $retainKeys: clear the original's keys missing from the list; every non-null patch key must be in it. */
function applyRetainKeysDirective(original: JSONMap, patch: JSONMap): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const list = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw badRequest(BAD_RETAIN_KEYS);
  const keep = new Set(list);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRequest(BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * $setElementOrder/<list>: merge the list with the patch's list (if any), then order the result:
 * the directive's order first, then the patch's, then the live object's.
 */
function mergePatchIntoOriginal(original: JSONMap, patch: JSONMap, t: PatchStruct): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType('slice', order);
    const listKey = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = hasOwn(original, listKey);
    const foundPatch = hasOwn(patch, listKey);
    const originalList = original[listKey];
    const patchList = patch[listKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType('slice', originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType('slice', patchList);
    const origValue = (foundOriginal ? originalList : []) as unknown[];
    const patchValue = (foundPatch ? patchList : []) as unknown[];
    const m = lookupPatchMeta(t, listKey);
    const mergeKey = m.mergeKey ?? '';
    validatePatchWithSetOrderList(patchValue, order, mergeKey);

    let merged: unknown[];
    if (foundOriginal && foundPatch) merged = mergeSliceHandler(origValue, patchValue, m, false);
    else if (foundOriginal) merged = origValue;
    else if (foundPatch) merged = adopt(patchValue) as unknown[];
    else continue;

    const [patchItems, serverOnly] =
      mergeKey === '' ? partitionPrimitives(merged, order) : partitionMaps(merged, order, mergeKey);
    const kind = sliceElementKind(origValue, patchValue);
    const both = normalizeElementOrder(patchItems, serverOnly, order, origValue, mergeKey, kind);
    setKey(original, listKey, both);
    delete patch[listKey];
  }
}

/** The patch list, minus deletions, must follow the relative order of the $setElementOrder list. */
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < order.length) {
    if (isMap(nonDelete[pi]) && hasOwn(nonDelete[pi] as JSONMap, DIRECTIVE)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], order[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= order.length) {
    throw smpError(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goV(order)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isMap(left)) throw errBadArgType('map', left);
  if (!isMap(right)) throw errBadArgType('map', right);
  if (!hasOwn(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasOwn(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

function mergeSliceHandler(original: unknown[], patch: unknown[], m: FieldPatchMeta, isDeleteList: boolean): unknown[] {
  // A deletion list deletes whatever the field's strategy.
  if (patchStrategyOf(m.strategy) !== 'merge' && !isDeleteList) return verbatim(patch) as unknown[];
  return mergeSlice(original, patch, fieldPatchStruct(m), m.mergeKey ?? '', isDeleteList);
}

function mergeSlice(original: unknown[], patch: unknown[], elemType: PatchStruct, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw smpError(`cannot merge lists without merge key for ${elemType ? 'struct' : 'string'}`);
    [original, patch] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements([...original], patch, mergeKey, elemType);
  }
  const [patchItems, serverOnly] =
    mergeKey === '' ? partitionPrimitives(merged, patch) : partitionMaps(merged, patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
}

/** Applies `$patch: delete|replace` list elements; returns the original and the remaining patch elements. */
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JSONMap;
    if (!hasOwn(m, DIRECTIVE)) {
      rest.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!hasOwn(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      original = deleteMatchingEntries(original, mergeKey, m[mergeKey]);
    } else if (directive === 'replace') {
      replace = true; // keep scanning to drop the other directive elements
    } else if (directive === 'merge') {
      throw smpError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  return replace ? [verbatim(rest) as unknown[], []] : [original, rest];
}

function deleteMatchingEntries(original: unknown[], mergeKey: string, value: unknown): unknown[] {
  findMapInSlice(original, mergeKey, value); // validates the elements, as the Go loop does
  return original.filter((v) => !(hasOwn(v as JSONMap, mergeKey) && (v as JSONMap)[mergeKey] === value));
}

function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, elemType: PatchStruct): unknown[] {
  for (const v of patch) {
    const pm = v as JSONMap;
    if (!hasOwn(pm, mergeKey)) throw errNoMergeKey(pm, mergeKey);
    const i = findMapInSlice(original, mergeKey, pm[mergeKey]);
    if (i >= 0) original[i] = mergeMap(original[i] as JSONMap, pm, elemType);
    else original.push(verbatim(v));
  }
  return original;
}

/** Index of the first map whose mergeKey equals value, or -1; every element must be a map. */
function findMapInSlice(list: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (!isMap(m)) throw smpError(`value for key ${i} is not a map.`);
    if (hasOwn(m, key) && m[key] === value) return i;
  }
  return -1;
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** Go's in-place dedup (it moves the last element into each duplicate's slot). */
function deduplicateScalars(s: unknown[]): unknown[] {
  s = [...s];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s = s.slice(0, length);
        length--;
        j--;
      }
    }
  }
  return s;
}

/** sliceElementType: all elements share one type, which is not a list. */
function sliceElementKind(...slices: unknown[][]): 'map' | 'scalar' {
  let prev: unknown = undefined;
  let seen = false;
  for (const s of slices) {
    for (const v of s) {
      if (!seen) {
        if (Array.isArray(v)) throw noListOfLists();
        if (v === null) throw smpError('runtime error: invalid memory address or nil pointer dereference');
        prev = v;
        seen = true;
      } else if (!sameType(prev, v)) {
        throw smpError(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (!seen) throw smpError('no elements in any of the given slices');
  return isMap(prev) ? 'map' : 'scalar';
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(by);
  return [list.filter((v) => inPatch.has(v)), list.filter((v) => !inPatch.has(v))];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map', v);
    if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]) >= 0 ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** Position of an item in `list`, by merge key for maps. */
function indexOf(list: unknown[], item: unknown, mergeKey: string, kind: 'map' | 'scalar'): number {
  const val = (x: unknown): unknown => (kind === 'map' ? (isMap(x) ? x[mergeKey] : undefined) : x);
  const want = val(item);
  return list.findIndex((x) => val(x) === want);
}

function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isMap(v)) throw errBadArgType('map', v);
    (v[DIRECTIVE] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

/** Sorts `toSort` by the positions in `order` (stable; `$patch: delete` items go last). */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: 'map' | 'scalar'): unknown[] {
  let del: unknown[] = [];
  if (kind === 'map') {
    for (const l of [toSort, order]) {
      for (const v of l) {
        if (!isMap(v)) throw errBadArgType('map', v);
        if (!hasOwn(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      }
    }
    [toSort, del] = extractToDeleteItems(toSort);
  }
  const sorted = [...toSort].sort((a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    const ib = indexOf(order, b, mergeKey, kind);
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
  return [...sorted, ...del];
}

/**
 * Orders patch items by `patchOrder` and server-only items by `serverOrder`, then interleaves them:
 * a server-only item goes before a patch item only when the live list had it before that item.
 */
function normalizeElementOrder(
  patch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: 'map' | 'scalar',
): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}
