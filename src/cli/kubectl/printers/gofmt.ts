// Go's fmt.Sprint of decoded JSON (map[string]interface{}, []interface{}, int64, float64,
// string, bool, nil): what kubectl prints for custom-columns cells and jsonpath scalars.

import { goFormatFloatG } from './goyaml';

/** fmt.Sprint(v) for a value of unstructured JSON. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumberText(v);
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
}

/** An int64 prints as digits, a float64 with %v (shortest 'g'). */
export function goNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  return goFormatFloatG(n).replace(/^\.inf$/, '+Inf').replace(/^-\.inf$/, '-Inf').replace(/^\.nan$/, 'NaN');
}

/** Go's %#v of decoded JSON, as kubectl's jsonpath error messages print the object. */
export function goSharpV(v: unknown, top = true): string {
  if (v === null || v === undefined) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumberText(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, false)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `map[string]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goSharpV(o[k], false)}`).join(', ')}}`;
}
