// Helpers for plain JSON values (API objects): copy, compare, hash.

/** A deep copy of a JSON value (faster than structuredClone for plain objects). */
export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = deepClone(v[i]);
    return out as T;
  }
  // Spread first: the copy gets the original's shape with its fields in the object itself (a
  // copy built key by key keeps most of them in a separate, larger backing store); then the
  // nested values are replaced by their copies. Undefined members are dropped, as JSON would.
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = { ...src };
  let hasUndefined = false;
  for (const k in out) {
    const x = out[k];
    if (x === undefined) hasUndefined = true;
    else if (x !== null && typeof x === 'object') out[k] = deepClone(x);
  }
  if (!hasUndefined) return out as T;
  const compact: Record<string, unknown> = {};
  for (const k in out) if (out[k] !== undefined) compact[k] = out[k];
  return compact as T;
}

/**
 * The value without `undefined` members anywhere (what a deep copy would leave out), changing it
 * in place: an object that has some is replaced by a copy without them (deleting would turn it
 * into a slower, larger dictionary-mode object); one that has none is kept as it is.
 */
export function dropUndefined<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === null || typeof x !== 'object') continue;
      const y = dropUndefined(x);
      if (y !== x) v[i] = y;
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  let hasUndefined = false;
  for (const k in o) {
    const x = o[k];
    if (x === undefined) hasUndefined = true;
    else if (x !== null && typeof x === 'object') {
      const y = dropUndefined(x);
      if (y !== x) o[k] = y; // parts shared with stored (frozen) objects have none: never written
    }
  }
  if (!hasUndefined) return v;
  const compact: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) compact[k] = o[k];
  return compact as T;
}

/** Structural equality of JSON values; `undefined` members count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}

/** Freeze a value and everything in it: used in tests to catch callers mutating stored objects. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k in v as Record<string, unknown>) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

/** JSON with object keys sorted: a canonical text for hashing. */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

/** 64-bit FNV-1a over a string, as 16 hex digits. */
export class Hasher {
  private h1 = 0x84222325;
  private h2 = 0xcbf29ce4;
  update(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 ^= c & 0xff;
      h2 ^= c >>> 8;
      // multiply the 64-bit (h2:h1) by the FNV prime 0x100000001b3
      const lo = h1 * 0x1b3;
      const hi = h2 * 0x1b3 + ((h1 << 8) >>> 0) + Math.floor(lo / 4294967296);
      h1 = lo >>> 0;
      h2 = hi >>> 0;
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }
  digest(): string {
    return (this.h2 >>> 0).toString(16).padStart(8, '0') + (this.h1 >>> 0).toString(16).padStart(8, '0');
  }
}
