// The client side of `kubectl apply`: strategicpatch.CreateThreeWayMergePatch, simplified.
// The patch is (a) what changed from the live object to the new config, ignoring fields the
// config does not mention (server defaults), plus (b) nulls / `$patch: delete` entries for what
// the last applied config had and the new one drops. An empty patch means "unchanged".
//
// Deliberately simpler than apimachinery: $retainKeys is not produced, and when a merging list
// both loses and gains elements the two halves are concatenated (the server's result is the same).

import { fieldPatchStruct, kindPatchStruct, lookupPatchMeta, type PatchStruct } from '../../sim/api/patchmeta';
import { deepEqual } from '../../sim/util/json';

type Obj = Record<string, unknown>;

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface DiffOptions {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
}

function diffMaps(from: Obj, to: Obj, t: PatchStruct, o: DiffOptions): Obj {
  const patch: Obj = {};
  for (const key of Object.keys(to)) {
    const m = to[key];
    if (!(key in from)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = m;
      continue;
    }
    const f = from[key];
    const meta = lookupPatchMeta(t, key);
    if (isMap(f) && isMap(m) && meta.strategy !== 'replace') {
      const sub = diffMaps(f, m, fieldPatchStruct(meta), o);
      if (Object.keys(sub).length) patch[key] = sub;
      continue;
    }
    if (Array.isArray(f) && Array.isArray(m) && meta.strategy?.startsWith('merge')) {
      diffMergingLists(key, f, m, meta.mergeKey, fieldPatchStruct(meta), patch, o);
      continue;
    }
    if (!deepEqual(f, m) && !o.ignoreChangesAndAdditions) patch[key] = m;
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  }
  return patch;
}

function diffMergingLists(key: string, from: unknown[], to: unknown[], mergeKey: string | undefined, t: PatchStruct, patch: Obj, o: DiffOptions): void {
  const maps = to.every(isMap) && from.every(isMap) && mergeKey !== undefined;
  if (!maps) {
    // Primitive lists: additions in the list, removals in $deleteFromPrimitiveList.
    const added = o.ignoreChangesAndAdditions ? [] : to.filter((v) => !from.some((f) => deepEqual(f, v)));
    const removed = o.ignoreDeletions ? [] : from.filter((v) => !to.some((m) => deepEqual(m, v)));
    if (added.length) patch[key] = added;
    if (removed.length) patch[`$deleteFromPrimitiveList/${key}`] = removed;
    if (added.length || removed.length) patch[`$setElementOrder/${key}`] = to;
    return;
  }
  const k = mergeKey!;
  const items: unknown[] = [];
  for (const m of to as Obj[]) {
    const f = (from as Obj[]).find((x) => deepEqual(x[k], m[k]));
    if (!f) {
      if (!o.ignoreChangesAndAdditions) items.push(m);
      continue;
    }
    const sub = diffMaps(f, m, t, o);
    if (Object.keys(sub).length) items.push({ [k]: m[k], ...sub });
  }
  if (!o.ignoreDeletions) {
    for (const f of from as Obj[]) if (!(to as Obj[]).some((m) => deepEqual(m[k], f[k]))) items.push({ $patch: 'delete', [k]: f[k] });
  }
  if (items.length) {
    patch[key] = items;
    patch[`$setElementOrder/${key}`] = (to as Obj[]).map((m) => ({ [k]: m[k] }));
  }
}

/** Merge the deletions patch with the changes patch (changes win; list items meet by merge key). */
function mergePatches(a: Obj, b: Obj, t: PatchStruct): Obj {
  const out: Obj = { ...a };
  for (const [key, v] of Object.entries(b)) {
    const cur = out[key];
    const meta = lookupPatchMeta(t, key);
    if (isMap(cur) && isMap(v)) out[key] = mergePatches(cur, v, fieldPatchStruct(meta));
    else if (Array.isArray(cur) && Array.isArray(v) && !key.startsWith('$setElementOrder/')) {
      const k = meta.mergeKey;
      const items = [...cur];
      for (const item of v) {
        const i = k && isMap(item) ? items.findIndex((x) => isMap(x) && x.$patch === undefined && deepEqual(x[k], item[k])) : -1;
        if (i >= 0) items[i] = mergePatches(items[i] as Obj, item as Obj, fieldPatchStruct(meta));
        else if (!items.some((x) => deepEqual(x, item))) items.push(item);
      }
      out[key] = items;
    } else out[key] = v;
  }
  return out;
}

/** The strategic merge patch `kubectl apply` sends, or `{}` when nothing changes. */
export function threeWayMergePatch(original: Obj | undefined, modified: Obj, current: Obj, kind: string): Obj {
  const t = kindPatchStruct(kind);
  const delta = diffMaps(current, modified, t, { ignoreDeletions: true, ignoreChangesAndAdditions: false });
  const deletions = original ? diffMaps(original, modified, t, { ignoreDeletions: false, ignoreChangesAndAdditions: true }) : {};
  return mergePatches(deletions, delta, t);
}
