// Small formatting helpers shared by the printers, each a port of the upstream function named in
// its comment, so cells read exactly as the real API server writes them.

import type { LabelSelector } from '../api/types';

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** labels.FormatLabels: `k=v,k2=v2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(byKey);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/**
 * metav1.LabelSelectorAsSelector(...).String(): every requirement (matchLabels and
 * matchExpressions alike) sorted by key; values of set operators sorted. A nil selector matches
 * nothing and an empty one everything; both print as "".
 */
export function selectorString(ls: LabelSelector | undefined | null): string {
  if (!ls) return '';
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of ls.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort(byKey).join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${vals})`
      : e.operator === 'NotIn' ? `${e.key} notin (${vals})`
      : e.operator === 'Exists' ? e.key
      : `!${e.key}`;
    reqs.push({ key: e.key, text });
  }
  // Go's sort.Sort is not stable, but equal keys with different operators are rare enough.
  return reqs.sort((a, b) => byKey(a.key, b.key)).map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: selectorString, or `<none>` when it is empty. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  return selectorString(ls) || '<none>';
}

/** layoutContainerCells: container names and images, comma-joined. */
export function layoutContainerCells(containers: { name?: string; image?: string }[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** net.JoinHostPort: IPv6 addresses are bracketed. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** listWithMoreString: at most `max` items, then ` + N more...`; `<unset>` when empty. */
export function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** helper.GetAccessModesAsString: in the fixed order RWO, ROX, RWX, RWOP. */
export function accessModesString(modes: string[] | undefined): string {
  const set = new Set(modes ?? []);
  const out: string[] = [];
  if (set.has('ReadWriteOnce')) out.push('RWO');
  if (set.has('ReadOnlyMany')) out.push('ROX');
  if (set.has('ReadWriteMany')) out.push('RWX');
  if (set.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** printBoolPtr: "True" / "False", "<unset>" when nil. */
export function boolPtr(v: boolean | undefined | null): string {
  if (v === undefined || v === null) return '<unset>';
  return v ? 'True' : 'False';
}

/** intstr.IntOrString.String(). */
export function intOrString(v: number | string): string {
  return typeof v === 'number' ? String(v) : v;
}

/** A resource.Quantity as stored (already canonical on the way in); Go's zero Quantity is "0". */
export function quantity(q: string | number | undefined | null): string {
  if (q === undefined || q === null || q === '') return '0';
  return String(q);
}

/** A sorted, de-duplicated comma list (sets.NewString(...).List() joined). */
export function sortedSetJoin(items: string[]): string {
  return [...new Set(items)].sort(byKey).join(',');
}

export function lowerKindName(kind: string | undefined, name: string | undefined): string {
  const k = (kind ?? '').toLowerCase();
  return name ? `${k}/${name}` : k;
}
