// Label selectors: the string form (`app=web,tier!=db,env in (a,b),!legacy`) of list/watch
// requests and the structured LabelSelector of workloads (k8s.io/apimachinery/pkg/labels).

import type { LabelSelector } from './types';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

/** A parsed selector: all requirements must hold. `null` selects nothing (an invalid selector). */
export type Selector = Requirement[];

export function matches(sel: Selector | null, labels: Record<string, string> | undefined): boolean {
  if (sel === null) return false;
  for (const r of sel) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      case 'Gt':
      case 'Lt': {
        if (!has) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
        if (r.operator === 'Gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

/**
 * metav1.LabelSelectorAsSelector: an empty selector `{}` selects everything, a missing one
 * (undefined) selects nothing.
 */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector | null {
  if (!ls) return null;
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) out.push({ key, operator: 'In', values: [value] });
  for (const e of ls.matchExpressions ?? []) out.push({ key: e.key, operator: e.operator, values: e.values ?? [] });
  return out;
}

export function matchesLabelSelector(ls: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  return matches(fromLabelSelector(ls), labels);
}

/** A map selector such as a Service's spec.selector: every pair must match. */
export function fromSet(set: Record<string, string>): Selector {
  return Object.entries(set).map(([key, value]) => ({ key, operator: 'In' as const, values: [value] }));
}

export class SelectorParseError extends Error {}

/** Parse the string form used in `?labelSelector=` and `kubectl -l`. */
export function parseSelector(input: string | undefined): Selector {
  const s = (input ?? '').trim();
  if (!s) return [];
  const out: Requirement[] = [];
  let i = 0;
  const ws = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const ident = () => {
    ws();
    const start = i;
    while (i < s.length && !' ,=!()'.includes(s[i])) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    ws();
    if (s[i] === '!') {
      i++;
      const key = ident();
      if (!key) throw new SelectorParseError(`found '${s[i] ?? ''}', expected: identifier`);
      out.push({ key, operator: 'DoesNotExist', values: [] });
    } else {
      const key = ident();
      if (!key) throw new SelectorParseError(`found '${s[i] ?? ''}', expected: !, identifier, or 'end of string'`);
      ws();
      if (s.startsWith('==', i)) {
        i += 2;
        out.push({ key, operator: 'In', values: [ident()] });
      } else if (s.startsWith('!=', i)) {
        i += 2;
        out.push({ key, operator: 'NotIn', values: [ident()] });
      } else if (s[i] === '=') {
        i += 1;
        out.push({ key, operator: 'In', values: [ident()] });
      } else if (s.startsWith('in', i) || s.startsWith('notin', i)) {
        const op = s.startsWith('notin', i) ? 'NotIn' : 'In';
        i += op === 'In' ? 2 : 5;
        ws();
        if (s[i] !== '(') throw new SelectorParseError(`found '${s[i] ?? ''}', expected: '('`);
        i++;
        const values: string[] = [];
        for (;;) {
          const v = ident();
          values.push(v);
          ws();
          if (s[i] === ',') {
            i++;
            continue;
          }
          if (s[i] === ')') {
            i++;
            break;
          }
          throw new SelectorParseError(`found '${s[i] ?? ''}', expected: ',' or ')'`);
        }
        out.push({ key, operator: op, values });
      } else if (s.startsWith('>', i) || s.startsWith('<', i)) {
        const op = s[i] === '>' ? 'Gt' : 'Lt';
        i++;
        out.push({ key, operator: op, values: [ident()] });
      } else {
        out.push({ key, operator: 'Exists', values: [] });
      }
    }
    ws();
    if (i < s.length) {
      if (s[i] !== ',') throw new SelectorParseError(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;
}

/** The string form of a structured selector, as `kubectl describe` and Scale.status.selector print it. */
export function formatLabelSelector(ls: LabelSelector | undefined | null): string {
  if (!ls) return '<none>';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) parts.push(`${k}=${v}`);
  for (const e of ls.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    if (e.operator === 'In') parts.push(`${e.key} in (${vals.join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals.join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
