// Decodes a request body the way kube-apiserver does: Go's encoding/json (the sigs.k8s.io/json
// fork: case-sensitive, strict mode) into the typed struct. Reproduces its observable behaviour:
// - type mismatches fail with Go's UnmarshalTypeError text, e.g. `json: cannot unmarshal string
//   into Go struct field DeploymentSpec.spec.replicas of type int32` (the field path has no list
//   indices or map keys; the struct is the one owning the innermost field);
// - the first such error is reported, except that errors returned by custom unmarshalers
//   (IntOrString, Quantity, Time) stop decoding at once and win;
// - unknown fields are dropped; in strict mode they are collected as `unknown field "a.b[0].c"`
//   (deduplicated, at most 100), reported only when there is no type error;
// - JSON null leaves a field unset (dropped here, as omitempty re-encoding would).
// Schemas are compiled once per type into a node graph, so a decode is one walk of the body.
import { ApiError, badRequest } from '../errors';
import type { ResourceInfo } from '../registry';
import type { KubeObject } from '../types';
import { getDef, rootDefFor } from './defs';
import { goTypeOf, Schema, TypeDef } from './dsl';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeResult {
  object?: KubeObject;
  error?: ApiError;
  warnings: string[];
}

// ---- compiled nodes ----

const enum K { Str, Int, Num, Bool, Bytes, Any, IntOrString, Quantity, Time, Struct, Array, Map }

interface StructNode {
  k: K.Struct;
  name: string;
  goType: string;
  fields: Record<string, Node>;
  preserve: boolean;
}
type Node =
  | { k: K.Str; goType: string }
  | { k: K.Int; bits: 32 | 64; goType: string }
  | { k: K.Num | K.Bool | K.Bytes | K.Any | K.IntOrString | K.Quantity }
  | { k: K.Time; micro: boolean }
  | StructNode
  | { k: K.Array; items: Node; goType: string }
  | { k: K.Map; values: Node; goType: string };

const compiled = new Map<string, Node>();
const lookup = (id: string) => getDef(id);

function compileDef(def: TypeDef): Node {
  const hit = compiled.get(def.id);
  if (hit) return hit;
  let node: Node;
  switch (def.special) {
    case 'IntOrString':
      node = { k: K.IntOrString };
      break;
    case 'Quantity':
      node = { k: K.Quantity };
      break;
    case 'Time':
      node = { k: K.Time, micro: false };
      break;
    case 'MicroTime':
      node = { k: K.Time, micro: true };
      break;
    case 'FieldsV1':
    case 'RawExtension':
      node = { k: K.Any };
      break;
    default: {
      // Registered before its fields are compiled, so recursive types terminate.
      const s: StructNode = { k: K.Struct, name: def.name, goType: `${def.goPkg}.${def.name}`, fields: Object.create(null), preserve: !!def.preserveUnknown };
      compiled.set(def.id, s);
      for (const [name, schema] of Object.entries(def.props)) s.fields[name] = compileSchema(schema);
      return s;
    }
  }
  compiled.set(def.id, node);
  return node;
}

function compileSchema(s: Schema): Node {
  switch (s.type) {
    case 'string':
      return { k: K.Str, goType: s.goType ?? 'string' };
    case 'integer':
      return { k: K.Int, bits: s.format === 'int32' ? 32 : 64, goType: s.format };
    case 'number':
      return { k: K.Num };
    case 'boolean':
      return { k: K.Bool };
    case 'bytes':
      return { k: K.Bytes };
    case 'any':
      return { k: K.Any };
    case 'ref': {
      const def = getDef(s.ref);
      if (!def) throw new Error(`schema: unknown type ${s.ref}`);
      return compileDef(def);
    }
    case 'array':
      return { k: K.Array, items: compileSchema(s.items), goType: goTypeOf(s, lookup) };
    case 'map':
      return { k: K.Map, values: compileSchema(s.values), goType: goTypeOf(s, lookup) };
  }
}

// ---- decoding state ----

const SEG_FIELD = 0;
const SEG_INDEX = 1;
const SEG_KEY = 2;

/** Thrown for errors Go returns at once (from custom UnmarshalJSON methods). */
class Immediate {
  constructor(readonly message: string) {}
}

class Ctx {
  readonly segs: string[] = [];
  readonly kinds: number[] = [];
  /** Go struct owning the innermost field being decoded (errorContext.Struct). */
  struct = '';
  savedError: string | undefined;
  readonly unknown: string[] = [];
  private seen: Set<string> | undefined;
  constructor(readonly collectUnknown: boolean) {}

  push(kind: number, seg: string): void {
    this.kinds.push(kind);
    this.segs.push(seg);
  }
  pop(): void {
    this.kinds.pop();
    this.segs.pop();
  }

  /** Go's UnmarshalTypeError text, with errorContext added as addErrorContext does. */
  typeError(value: string, goType: string): string {
    const fields: string[] = [];
    for (let i = 0; i < this.segs.length; i++) if (this.kinds[i] === SEG_FIELD) fields.push(this.segs[i]);
    if (!this.struct && fields.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
    return `json: cannot unmarshal ${value} into Go struct field ${this.struct}.${fields.join('.')} of type ${goType}`;
  }
  save(message: string): void {
    if (this.savedError === undefined) this.savedError = message;
  }

  /** sigs.k8s.io/json strict path: `spec.template.spec.containers[0].foo`. */
  addUnknown(key: string): void {
    let path = '';
    for (let i = 0; i < this.segs.length; i++) {
      const seg = this.segs[i];
      if (this.kinds[i] === SEG_INDEX) path += `[${seg}]`;
      else path += path ? `.${seg}` : seg;
    }
    const msg = `unknown field ${JSON.stringify(path ? `${path}.${key}` : key)}`;
    this.seen ??= new Set();
    if (this.unknown.length >= 100 || this.seen.has(msg)) return;
    this.seen.add(msg);
    this.unknown.push(msg);
  }
}

/** How Go's decoder names a JSON value in errors. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function setKey(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_LIMIT = 9223372036854775808; // 2^63

function intOk(v: number, bits: 32 | 64): boolean {
  if (!Number.isInteger(v)) return false;
  return bits === 32 ? v >= INT32_MIN && v <= INT32_MAX : v >= -INT64_LIMIT && v < INT64_LIMIT;
}

/** The decoded value, or undefined when the field is to be left unset (null, or a type error). */
function decode(node: Node, v: unknown, ctx: Ctx): unknown {
  if (v === null) return undefined;
  switch (node.k) {
    case K.Str:
      if (typeof v === 'string') return v;
      ctx.save(ctx.typeError(jsonKind(v), node.goType));
      return undefined;
    case K.Int:
      if (typeof v === 'number') {
        if (intOk(v, node.bits)) return v;
        ctx.save(ctx.typeError(`number ${String(v)}`, node.goType));
        return undefined;
      }
      ctx.save(ctx.typeError(jsonKind(v), node.goType));
      return undefined;
    case K.Num:
      if (typeof v === 'number') return v;
      ctx.save(ctx.typeError(jsonKind(v), 'float64'));
      return undefined;
    case K.Bool:
      if (typeof v === 'boolean') return v;
      ctx.save(ctx.typeError(jsonKind(v), 'bool'));
      return undefined;
    case K.Any:
      return v;
    case K.Bytes:
      if (typeof v === 'string') {
        const bad = base64ErrorOffset(v);
        if (bad !== undefined) ctx.save(`illegal base64 data at input byte ${bad}`);
        return v;
      }
      if (Array.isArray(v)) return v; // Go decodes a JSON array of numbers into []byte too
      ctx.save(ctx.typeError(jsonKind(v), '[]uint8'));
      return undefined;
    case K.IntOrString:
      // intstr.IntOrString.UnmarshalJSON: a quoted string, else json.Unmarshal into an int32.
      if (typeof v === 'string') return v;
      if (typeof v === 'number') {
        if (intOk(v, 32)) return v;
        throw new Immediate(ctx.typeError(`number ${String(v)}`, 'int32'));
      }
      throw new Immediate(ctx.typeError(jsonKind(v), 'int32'));
    case K.Quantity: {
      // resource.Quantity.UnmarshalJSON parses the raw JSON text, quotes stripped.
      const text = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : JSON.stringify(v);
      const err = quantityError(text);
      if (err) throw new Immediate(err);
      return v;
    }
    case K.Time:
      // metav1.Time/MicroTime.UnmarshalJSON: json.Unmarshal into a string, then time.Parse.
      if (typeof v !== 'string') throw new Immediate(ctx.typeError(jsonKind(v), 'string'));
      {
        const err = timeError(v, node.micro);
        if (err) throw new Immediate(err);
      }
      return v;
    case K.Struct:
      return decodeStruct(node, v, ctx);
    case K.Array: {
      if (!Array.isArray(v)) {
        ctx.save(ctx.typeError(jsonKind(v), node.goType));
        return undefined;
      }
      const out = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        ctx.push(SEG_INDEX, String(i));
        const item = v[i];
        // A null element keeps its place as the element type's zero value.
        out[i] = item === null ? zeroValue(node.items) : decode(node.items, item, ctx);
        ctx.pop();
        if (out[i] === undefined) out[i] = zeroValue(node.items);
      }
      return out;
    }
    case K.Map: {
      if (typeof v !== 'object' || Array.isArray(v)) {
        ctx.save(ctx.typeError(jsonKind(v), node.goType));
        return undefined;
      }
      const out: Record<string, unknown> = {};
      const src = v as Record<string, unknown>;
      for (const key of Object.keys(src)) {
        ctx.push(SEG_KEY, key);
        const r = src[key] === null ? zeroValue(node.values) : decode(node.values, src[key], ctx);
        ctx.pop();
        setKey(out, key, r === undefined ? zeroValue(node.values) : r);
      }
      return out;
    }
  }
}

function decodeStruct(node: StructNode, v: unknown, ctx: Ctx): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.save(ctx.typeError(jsonKind(v), node.goType));
    return undefined;
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const outerStruct = ctx.struct;
  for (const key of Object.keys(src)) {
    const field = node.fields[key];
    if (field === undefined) {
      if (node.preserve) setKey(out, key, src[key]);
      else if (ctx.collectUnknown) ctx.addUnknown(key);
      continue;
    }
    ctx.push(SEG_FIELD, key);
    ctx.struct = node.name;
    const r = decode(field, src[key], ctx);
    ctx.struct = outerStruct;
    ctx.pop();
    if (r !== undefined) out[key] = r;
  }
  return out;
}

/** What a null list element or map value becomes in Go: the element type's zero value. */
function zeroValue(node: Node): unknown {
  switch (node.k) {
    case K.Str:
      return '';
    case K.Int:
    case K.Num:
      return 0;
    case K.Bool:
      return false;
    case K.Struct:
      return {};
    default:
      return null;
  }
}

// ---- special scalars ----

const QUANTITY_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const QUANTITY_SUFFIX = "unable to parse quantity's suffix";
const SUFFIXES = new Set(['', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei']);

/** resource.ParseQuantity's error for `s`, or undefined when it parses. */
export function quantityError(s: string): string | undefined {
  if (s === '') return QUANTITY_FORMAT;
  let i = 0;
  if (s[i] === '+' || s[i] === '-') i++;
  const digitsStart = i;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i < s.length && s[i] === '.') {
    i++;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  }
  if (i === digitsStart || (i === digitsStart + 1 && s[digitsStart] === '.')) return QUANTITY_FORMAT;
  // Suffix: letters from the suffix alphabet, an optional sign, then digits, then the end.
  const suffixStart = i;
  while (i < s.length && 'eEinumkKMGTP'.includes(s[i])) i++;
  if (i < s.length && (s[i] === '+' || s[i] === '-')) i++;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i !== s.length) return QUANTITY_FORMAT;
  const suffix = s.slice(suffixStart);
  if (SUFFIXES.has(suffix)) return undefined;
  if (/^[eE][-+]?[0-9]+$/.test(suffix)) return undefined;
  return QUANTITY_SUFFIX;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** time.Parse(RFC3339 or RFC3339Micro)'s error for `value`, or undefined when it parses. */
const TIME_FAST = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MICRO_FAST = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}(Z|[+-]\d{2}:\d{2})$/;

export function timeError(value: string, micro: boolean): string | undefined {
  // Fast path for the common well-formed case (days 01-28 are valid in every month).
  if ((micro ? MICRO_FAST : TIME_FAST).test(value)) return undefined;
  const layout = micro ? RFC3339_MICRO : RFC3339;
  const q = JSON.stringify;
  const cannot = (rest: string, elem: string) => `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  const range = (what: string) => `parsing time ${q(value)}: ${what} out of range`;
  let i = 0;
  const num = (n: number, elem: string): number | string => {
    const part = value.slice(i, i + n);
    if (part.length !== n || !/^[0-9]+$/.test(part)) return cannot(value.slice(i), elem);
    i += n;
    return Number(part);
  };
  const lit = (ch: string): string | undefined => {
    if (value[i] !== ch) return cannot(value.slice(i), ch);
    i++;
    return undefined;
  };
  const year = num(4, '2006');
  if (typeof year === 'string') return year;
  let e = lit('-');
  if (e) return e;
  const month = num(2, '01');
  if (typeof month === 'string') return month;
  if (month < 1 || month > 12) return range('month');
  if ((e = lit('-'))) return e;
  const day = num(2, '02');
  if (typeof day === 'string') return day;
  if ((e = lit('T'))) return e;
  const hour = num(2, '15');
  if (typeof hour === 'string') return hour;
  if (hour > 23) return range('hour');
  if ((e = lit(':'))) return e;
  const minute = num(2, '04');
  if (typeof minute === 'string') return minute;
  if (minute > 59) return range('minute');
  if ((e = lit(':'))) return e;
  const second = num(2, '05');
  if (typeof second === 'string') return second;
  if (second > 59) return range('second');
  if (micro) {
    if (value[i] !== '.' || !/^[0-9]{6}$/.test(value.slice(i + 1, i + 7))) return cannot(value.slice(i), '.000000');
    i += 7;
  } else if (value[i] === '.' || value[i] === ',') {
    // A fractional second is accepted after seconds even when the layout has none.
    let j = i + 1;
    while (j < value.length && value[j] >= '0' && value[j] <= '9') j++;
    if (j === i + 1) return cannot(value.slice(i), 'Z07:00');
    i = j;
  }
  if (value[i] === 'Z') i++;
  else if (/^[+-][0-9]{2}:[0-9]{2}/.test(value.slice(i))) i += 6;
  else return cannot(value.slice(i), 'Z07:00');
  if (i !== value.length) return `parsing time ${q(value)}: extra text: ${q(value.slice(i))}`;
  const daysIn = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > daysIn) return range('day');
  return undefined;
}

function isB64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
}

/** base64.StdEncoding.Decode's CorruptInputError offset for `s`, or undefined when valid. */
export function base64ErrorOffset(s: string): number | undefined {
  const n = s.length;
  const nl = (c: number) => c === 10 || c === 13;
  let si = 0;
  for (;;) {
    let j = 0;
    while (j < 4) {
      if (si === n) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = s.charCodeAt(si++);
      if (isB64(c)) {
        j++;
        continue;
      }
      if (nl(c)) continue;
      if (c !== 61 /* = */) return si - 1; // earlier characters were ASCII: char index = byte offset
      if (j < 2) return si - 1;
      if (j === 2) {
        while (si < n && nl(s.charCodeAt(si))) si++;
        if (si === n) return n;
        if (s.charCodeAt(si) !== 61) return si - 1;
        si++;
      }
      while (si < n && nl(s.charCodeAt(si))) si++;
      return si < n ? si : undefined;
    }
  }
}

// ---- entry point ----

/**
 * Decode a request body for `info` as kube-apiserver would. The body must be a parsed JSON
 * object; its apiVersion/kind are assumed to have been matched to `info` already.
 */
export function decodeObject(info: ResourceInfo, obj: unknown, fieldValidation: FieldValidation): DecodeResult {
  const def = rootDefFor(info);
  if (!def) return { object: obj as KubeObject, warnings: [] };
  const root = compileDef(def);
  const ctx = new Ctx(fieldValidation !== 'Ignore');
  let out: unknown;
  let failure: string | undefined;
  try {
    out = decode(root, obj, ctx);
    failure = ctx.savedError;
  } catch (e) {
    if (!(e instanceof Immediate)) throw e;
    failure = e.message;
  }
  // transformDecodeError: `<Kind> in version "<v>" cannot be handled as a <Kind>: <err>`.
  const prefix = `${info.kind} in version ${JSON.stringify(info.version)} cannot be handled as a ${info.kind}: `;
  if (failure !== undefined) return { error: badRequest(prefix + failure), warnings: [] };
  if (ctx.unknown.length > 0 && fieldValidation === 'Strict') {
    return { error: badRequest(`${prefix}strict decoding error: ${ctx.unknown.join(', ')}`), warnings: [] };
  }
  return { object: out as KubeObject, warnings: fieldValidation === 'Warn' ? ctx.unknown : [] };
}
