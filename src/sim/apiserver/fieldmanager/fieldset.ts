// A set of field paths, as sigs.k8s.io/structured-merge-diff's fieldpath.Set: a tree where each
// node lists its member path elements (fields owned as a whole, "leaves") and its children.
// Path elements are kept in their fieldsV1 spelling, which is also a cheap map key:
//   f:<field name>   k:<json object of the list-map keys>   v:<json value (sets)>   i:<index>
// fieldsV1 is the JSON form stored in metadata.managedFields: `{"f:spec":{"f:replicas":{}}}`,
// with `".": {}` marking a node that is both a member and has children.

export type PathElement = string;
export type Path = readonly PathElement[];

export class FieldSet {
  readonly members = new Set<PathElement>();
  readonly children = new Map<PathElement, FieldSet>();

  static fromPaths(paths: Iterable<Path>): FieldSet {
    const s = new FieldSet();
    for (const p of paths) s.insert(p);
    return s;
  }

  /** Adds a path (mutates; only while building a set). */
  insert(path: Path): this {
    let s: FieldSet = this;
    for (let i = 0; i < path.length - 1; i++) s = s.child(path[i]);
    if (path.length) s.members.add(path[path.length - 1]);
    return this;
  }

  /** The child node for `pe`, created when missing (building only). */
  child(pe: PathElement): FieldSet {
    let c = this.children.get(pe);
    if (!c) this.children.set(pe, (c = new FieldSet()));
    return c;
  }

  empty(): boolean {
    if (this.members.size) return false;
    for (const c of this.children.values()) if (!c.empty()) return false;
    return true;
  }

  has(path: Path): boolean {
    let s: FieldSet | undefined = this;
    for (let i = 0; i < path.length - 1 && s; i++) s = s.children.get(path[i]);
    return !!s && path.length > 0 && s.members.has(path[path.length - 1]);
  }

  union(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const m of o.members) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      out.children.set(pe, oc ? c.union(oc) : c);
    }
    for (const [pe, c] of o.children) if (!this.children.has(pe)) out.children.set(pe, c);
    return out;
  }

  /** Members not in `o`, children minus o's children (a member of `o` does not remove children). */
  difference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      const d = oc ? c.difference(oc) : c;
      if (!d.empty()) out.children.set(pe, d);
    }
    return out;
  }

  /** Like difference, but a member of `o` also removes everything below it (ignored fields). */
  recursiveDifference(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      if (o.members.has(pe)) continue;
      const oc = o.children.get(pe);
      const d = oc ? c.recursiveDifference(oc) : c;
      if (!d.empty()) out.children.set(pe, d);
    }
    return out;
  }

  intersection(o: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (o.members.has(m)) out.members.add(m);
    for (const [pe, c] of this.children) {
      const oc = o.children.get(pe);
      if (!oc) continue;
      const i = c.intersection(oc);
      if (!i.empty()) out.children.set(pe, i);
    }
    return out;
  }

  /** Every member path, in fieldsV1 order. */
  paths(prefix: PathElement[] = [], out: PathElement[][] = []): PathElement[][] {
    const keys = sortedElements([...new Set([...this.members, ...this.children.keys()])]);
    for (const pe of keys) {
      if (this.members.has(pe)) out.push([...prefix, pe]);
      const c = this.children.get(pe);
      if (c) c.paths([...prefix, pe], out);
    }
    return out;
  }

  /** The fieldsV1 JSON object. */
  toFieldsV1(): Record<string, unknown> {
    return this.emit(false);
  }

  private emit(self: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (self) out['.'] = {};
    const keys = sortedElements([...new Set([...this.members, ...this.children.keys()])]);
    for (const pe of keys) {
      const c = this.children.get(pe);
      out[pe] = c && !c.empty() ? c.emit(this.members.has(pe)) : {};
    }
    return out;
  }

  static fromFieldsV1(v: unknown): FieldSet {
    const s = new FieldSet();
    if (!v || typeof v !== 'object') return s;
    for (const [pe, sub] of Object.entries(v as Record<string, unknown>)) {
      if (pe === '.') continue;
      const entries = sub && typeof sub === 'object' ? Object.keys(sub) : [];
      if (entries.length === 0) {
        s.members.add(pe);
        continue;
      }
      if (entries.includes('.')) s.members.add(pe);
      const c = FieldSet.fromFieldsV1(sub);
      if (!c.empty()) s.children.set(pe, c);
    }
    return s;
  }
}

// ---- path elements ----

export const fieldPE = (name: string): PathElement => `f:${name}`;
export const indexPE = (i: number): PathElement => `i:${i}`;
export const valuePE = (v: unknown): PathElement => `v:${JSON.stringify(v)}`;
/** `k:{"containerPort":80,"protocol":"TCP"}`: key fields sorted by name, as SMD's FieldList. */
export function keyPE(fields: Record<string, unknown>): PathElement {
  const names = Object.keys(fields).sort();
  return `k:{${names.map((n) => `${JSON.stringify(n)}:${JSON.stringify(fields[n])}`).join(',')}}`;
}

const TYPE_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** PathElement.Compare: field names < keys < values < indices, then by content. */
function comparePE(a: PathElement, b: PathElement): number {
  const ta = TYPE_ORDER[a[0]] ?? 4;
  const tb = TYPE_ORDER[b[0]] ?? 4;
  if (ta !== tb) return ta - tb;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  if (a[0] === 'k') {
    const ka = Object.entries(JSON.parse(a.slice(2)) as Record<string, unknown>);
    const kb = Object.entries(JSON.parse(b.slice(2)) as Record<string, unknown>);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      if (ka[i][0] !== kb[i][0]) return ka[i][0] < kb[i][0] ? -1 : 1;
      const c = compareValue(ka[i][1], kb[i][1]);
      if (c) return c;
    }
    return ka.length - kb.length;
  }
  if (a[0] === 'v') return compareValue(JSON.parse(a.slice(2)), JSON.parse(b.slice(2)));
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareValue(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sortedElements(pes: PathElement[]): PathElement[] {
  return pes.sort(comparePE);
}

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="nginx"].image`. */
export function pathString(path: Path): string {
  let s = '';
  for (const pe of path) {
    const body = pe.slice(2);
    switch (pe[0]) {
      case 'f':
        s += `.${body}`;
        break;
      case 'k': {
        const fields = JSON.parse(body) as Record<string, unknown>;
        s += `[${Object.entries(fields).map(([k, v]) => `${k}=${goValueString(v)}`).join(',')}]`;
        break;
      }
      case 'v':
        s += `[=${goValueString(JSON.parse(body))}]`;
        break;
      case 'i':
        s += `[${body}]`;
        break;
    }
  }
  return s;
}

/** value.ToString: strings quoted (%q), everything else as JSON. */
function goValueString(v: unknown): string {
  return JSON.stringify(v);
}
