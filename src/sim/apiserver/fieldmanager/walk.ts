// Typed walks over objects, after structured-merge-diff's typed package: the field set a value
// sets (ToFieldSet), the difference between two values (Compare), merging an applied
// configuration into a live object (Merge) and removing fields a manager gave up (prune).
import { deepEqual } from '../../util/json';
import { FieldSet, fieldPE, keyPE, pathString, valuePE, type PathElement } from './fieldset';
import { fieldType, UNTYPED, type ListNode, type TypeNode } from './typeinfo';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const EMPTY = new FieldSet();

/** How a node is walked: as a whole (leaf), field by field, or element by element. */
function shape(v: unknown, t: TypeNode): 'leaf' | 'map' | 'list' {
  if (t.t === 'struct' || t.t === 'map') return !t.atomic && isObj(v) ? 'map' : 'leaf';
  if (t.t === 'list') return t.rel !== 'atomic' && Array.isArray(v) ? 'list' : 'leaf';
  if (t.t === 'untyped') return isObj(v) ? 'map' : 'leaf';
  return 'leaf';
}

const isStructField = (t: TypeNode, k: string) => t.t === 'struct' && t.fields.has(k);

// ---- list element identity ----

/** The path element of a list element: `k:{...}` for associative lists, `v:...` for sets. */
function itemPE(item: unknown, t: ListNode, i: number, path: string, errs?: string[]): PathElement | undefined {
  if (t.rel === 'set') return valuePE(item);
  const key: Record<string, unknown> = {};
  for (const k of t.keys) {
    const v = isObj(item) && item[k] !== undefined && item[k] !== null ? item[k] : t.keyDefaults[k];
    if (v === undefined) {
      errs?.push(`${path}: element ${i}: associative list with keys has an element that omits key field "${k}" (and doesn't have default value)`);
      return undefined;
    }
    key[k] = v;
  }
  return keyPE(key);
}

/** Elements of a granular list by path element (undefined when one cannot be identified). */
function indexList(list: unknown[], t: ListNode): Map<PathElement, unknown> | undefined {
  const m = new Map<PathElement, unknown>();
  for (let i = 0; i < list.length; i++) {
    const pe = itemPE(list[i], t, i, '');
    if (pe === undefined) return undefined;
    m.set(pe, list[i]);
  }
  return m;
}

// ---- ToFieldSet ----

/**
 * The fields `value` sets (SMD's ToFieldSet): every scalar and atomic value, every list element,
 * map entries that are not struct fields, and empty or null values. Undeclared fields and bad
 * list keys are reported in `errs`, with SMD's messages.
 */
export function toFieldSet(value: Obj, t: TypeNode, errs: string[] = []): FieldSet {
  const set = new FieldSet();
  visitMap(value, t, set, '', errs);
  return set;
}

function visitMap(m: Obj, t: TypeNode, node: FieldSet, path: string, errs: string[]): void {
  for (const k in m) {
    const v = m[k];
    if (v === undefined) continue;
    const ft = fieldType(t, k);
    const p = `${path}.${k}`;
    if (!ft) {
      errs.push(`${p}: field not declared in schema`);
      continue;
    }
    const pe = fieldPE(k);
    visitValue(v, ft, node, pe, p, errs);
    if (v === null || (isObj(v) && Object.keys(v).length === 0) || !isStructField(t, k)) node.members.add(pe);
  }
}

function visitValue(v: unknown, t: TypeNode, parent: FieldSet, pe: PathElement, path: string, errs: string[]): void {
  const s = shape(v, t);
  if (s === 'leaf') {
    parent.members.add(pe);
    return;
  }
  const child = new FieldSet();
  if (s === 'map') visitMap(v as Obj, t, child, path, errs);
  else {
    const lt = t as ListNode;
    const list = v as unknown[];
    for (let i = 0; i < list.length; i++) {
      const ipe = itemPE(list[i], lt, i, path, errs);
      if (ipe === undefined) continue;
      if (child.members.has(ipe)) {
        errs.push(`${path}: duplicate entries for key ${pathString([ipe])}`);
        continue;
      }
      visitValue(list[i], lt.items, child, ipe, path + pathString([ipe]), errs);
      child.members.add(ipe);
    }
  }
  if (!child.empty()) parent.children.set(pe, child);
}

// ---- Compare ----

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * What changed from `lhs` to `rhs` (SMD's Compare): paths only in rhs are added (with all their
 * descendants), only in lhs removed, leaves with different values modified. Subtrees under a
 * member of `ignore` are skipped (stripped metadata, reset fields such as status).
 */
export function compare(lhs: Obj, rhs: Obj, t: TypeNode, ignore: FieldSet = EMPTY): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareMap(lhs, rhs, t, [], ignore, c);
  return c;
}

function compareMap(l: Obj | undefined, r: Obj | undefined, t: TypeNode, path: PathElement[], ignore: FieldSet, c: Comparison): void {
  const keys = new Set<string>();
  if (l) for (const k in l) if (l[k] !== undefined) keys.add(k);
  if (r) for (const k in r) if (r[k] !== undefined) keys.add(k);
  for (const k of keys) {
    const pe = fieldPE(k);
    if (ignore.members.has(pe)) continue;
    path.push(pe);
    compareValue(l?.[k], r?.[k], fieldType(t, k) ?? UNTYPED, path, ignore.children.get(pe) ?? EMPTY, c);
    path.pop();
  }
}

function compareValue(l: unknown, r: unknown, t: TypeNode, path: PathElement[], ignore: FieldSet, c: Comparison): void {
  const sl = l === undefined ? undefined : shape(l, t);
  const sr = r === undefined ? undefined : shape(r, t);
  const empty = (v: unknown) => v == null || (Array.isArray(v) ? v.length === 0 : isObj(v) && Object.keys(v).length === 0);
  // Both empty or null: a leaf, so that {} vs null still shows. Null against a value is compared
  // as an empty one (Go's nil slice in an empty struct: `containers: null`).
  const leaf = (sl === 'leaf' && l !== null) || (sr === 'leaf' && r !== null) || (empty(l) && empty(r));
  if (leaf) {
    if (l !== undefined && r !== undefined && !deepEqual(l, r)) c.modified.insert(path);
  } else if ((l === null || l === undefined ? sr : sl) === 'map') {
    compareMap(l as Obj | undefined, r as Obj | undefined, t, path, ignore, c);
  } else {
    const lt = t as ListNode;
    const li = Array.isArray(l) ? indexList(l, lt) : new Map();
    const ri = Array.isArray(r) ? indexList(r, lt) : new Map();
    if (!li || !ri) {
      if (l !== undefined && r !== undefined && !deepEqual(l, r)) c.modified.insert(path);
    } else {
      for (const pe of new Set([...li.keys(), ...ri.keys()])) {
        path.push(pe);
        compareValue(li.get(pe), ri.get(pe), lt.items, path, EMPTY, c);
        path.pop();
      }
    }
  }
  if (l === undefined) c.added.insert(path);
  else if (r === undefined) c.removed.insert(path);
}

// ---- Merge ----

/**
 * The live object with the applied configuration merged in (SMD's Merge): structs and maps key by
 * key, associative lists and sets element by element (live order, new elements appended),
 * scalars and atomic values replaced. Untouched subtrees are shared with `lhs`, not copied.
 */
export function merge(lhs: unknown, rhs: unknown, t: TypeNode): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined || lhs === null) return rhs;
  const s = shape(rhs, t);
  if (s === 'map' && isObj(lhs)) {
    // Keys set to undefined (absent) are dropped: the decoder only knows JSON values.
    const out: Obj = {};
    for (const k in lhs) if (lhs[k] !== undefined) out[k] = lhs[k];
    for (const k in rhs as Obj) {
      const v = (rhs as Obj)[k];
      if (v !== undefined) out[k] = merge(lhs[k], v, fieldType(t, k) ?? UNTYPED);
    }
    return out;
  }
  if (s === 'list' && Array.isArray(lhs)) {
    const lt = t as ListNode;
    const li = indexList(lhs, lt);
    const ri = indexList(rhs as unknown[], lt);
    if (!li || !ri) return rhs;
    const out: unknown[] = [];
    for (const [pe, item] of li) out.push(ri.has(pe) ? merge(item, ri.get(pe), lt.items) : item);
    for (const [pe, item] of ri) if (!li.has(pe)) out.push(item);
    return out;
  }
  return rhs;
}

// ---- Prune ----

const GONE = Symbol('gone');

/**
 * Removes what the applier set last time (`last`) and no manager owns any more (`owned`, which
 * includes the applier's new set). A map or list emptied by the removals goes too, as SMD turns
 * it into null.
 */
export function prune(value: Obj, last: FieldSet, owned: FieldSet, t: TypeNode): Obj {
  const out = pruneValue(value, last, owned, t);
  return out === GONE ? {} : (out as Obj);
}

function pruneValue(v: unknown, last: FieldSet, owned: FieldSet, t: TypeNode): unknown {
  const s = shape(v, t);
  if (s === 'leaf') return v;
  const decide = (pe: PathElement, child: unknown, ct: TypeNode): unknown => {
    const ownedChild = owned.children.get(pe);
    const ownedMember = owned.members.has(pe);
    if (last.members.has(pe) && !ownedMember && (!ownedChild || ownedChild.empty())) return GONE;
    const lc = last.children.get(pe);
    if (!lc) return child;
    const nv = pruneValue(child, lc, ownedChild ?? EMPTY, ct);
    return nv === GONE && ownedMember ? (Array.isArray(child) ? [] : {}) : nv;
  };
  let changed = false;
  if (s === 'map') {
    const m = v as Obj;
    const out: Obj = {};
    let n = 0;
    for (const k in m) {
      if (m[k] === undefined) continue;
      const nv = decide(fieldPE(k), m[k], fieldType(t, k) ?? UNTYPED);
      if (nv !== m[k]) changed = true;
      if (nv !== GONE) {
        out[k] = nv;
        n++;
      }
    }
    if (!changed) return v;
    return n ? out : GONE;
  }
  const lt = t as ListNode;
  const list = v as unknown[];
  const out: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const pe = itemPE(list[i], lt, i, '');
    const nv = pe === undefined ? list[i] : decide(pe, list[i], lt.items);
    if (nv !== list[i]) changed = true;
    if (nv !== GONE) out.push(nv);
  }
  if (!changed) return v;
  return out.length ? out : GONE;
}
