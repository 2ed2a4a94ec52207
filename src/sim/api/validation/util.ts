// Building blocks shared by the per-kind validators: field paths, defensive accessors for
// decoded JSON, and the string checks of k8s.io/apimachinery/pkg/util/validation with their
// exact messages (RegexError puts a double space before each " or " example, as Go does).

import { fieldErr, goValue, type FieldError } from '../errors';

export type Errs = FieldError[];

// ---- field paths (field.Path.Child / Index / Key) ----
export const child = (path: string, ...names: string[]): string =>
  names.reduce((p, n) => (p ? `${p}.${n}` : n), path);
export const index = (path: string, i: number): string => `${path}[${i}]`;
export const key = (path: string, k: string): string => `${path}[${k}]`;

// ---- defensive accessors: decoded manifests may hold anything ----
export type Obj = Record<string, any>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
/** A map[string]string as Go would decode it (non-string values stringified, non-maps empty). */
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) out[k] = str(x);
  return out;
};
const ENCODER = new TextEncoder();
/** UTF-8 size, as Go's len(string). */
export const byteLength = (s: string): number => ENCODER.encode(s).length;
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

// ---- messages (validation.go) ----
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;
export const EMPTY_ERROR = 'must be non-empty';
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((e, i) => {
    if (i > 0) s += ' or ';
    s += `'${e}', `;
  });
  return `${s}regex used for validation is '${fmt}')`;
}
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;
export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';
export const NOT_POSITIVE_ERROR = 'must be greater than zero';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const CONFIGMAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const PERCENT_FMT = '[0-9]+%';

const re = (fmt: string) => new RegExp(`^${fmt}$`);
const DNS1123_LABEL_RE = re(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = re(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = re(DNS1035_LABEL_FMT);
const LABEL_KEY_RE = re(LABEL_KEY_FMT);
const LABEL_VALUE_RE = re(LABEL_VALUE_FMT);
const CONFIGMAP_KEY_RE = re(CONFIGMAP_KEY_FMT);
const PERCENT_RE = re(PERCENT_FMT);

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(v)) {
    if (DNS1123_SUBDOMAIN_RE.test(v)) errs.push('must not contain dots');
    else
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(v))
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(v))
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  return errs;
}

const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** IsQualifiedName: an optional DNS subdomain prefix and '/', then a 63-char name. */
export function isQualifiedName(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${EMPTY_ERROR}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push(`name part ${EMPTY_ERROR}`);
  else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(v))
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  return errs;
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!CONFIGMAP_KEY_RE.test(v))
    errs.push(
      regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIGMAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'),
    );
  if (v === '.') errs.push(`must not be '.'`);
  else if (v === '..') errs.push(`must not be '..'`);
  else if (v.startsWith('..')) errs.push(`must not start with '..'`);
  return errs;
}

export function isValidPortName(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(v)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(v)) errs.push('must contain at least one letter (a-z)');
  if (v.includes('--')) errs.push('must not contain consecutive hyphens');
  if (v.length > 0 && (v[0] === '-' || v[v.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export const isValidPortNum = (p: number): string[] => (p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)]);

export const isValidPercent = (v: string): string[] =>
  PERCENT_RE.test(v) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];

/** RelaxedEnvironmentVariableValidation is on by default (beta) in 1.32. */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push(`environment variable name ${EMPTY_ERROR}`);
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c > 0x7e || c < 0x20 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** netutils.ParseIPSloppy: IPv4 (leading zeros tolerated) or IPv6. */
export function parseIP(v: string): { v4: boolean; bytes: number[] } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (m) {
    const bytes = m.slice(1).map(Number);
    return bytes.every((b) => b <= 255) ? { v4: true, bytes } : null;
  }
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return null;
  const halves = v.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s ? s.split(':') : []);
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const expand = (gs: string[]): number[] | null => {
    const out: number[] = [];
    for (const g of gs) {
      if (g.includes('.')) {
        const v4 = parseIP(g);
        if (!v4 || !v4.v4) return null;
        out.push((v4.bytes[0] << 8) | v4.bytes[1], (v4.bytes[2] << 8) | v4.bytes[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return null;
    }
    return out;
  };
  const h = expand(head);
  const t = expand(tail);
  if (!h || !t) return null;
  const total = h.length + t.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return null;
  const words = [...h, ...Array(8 - total).fill(0), ...t];
  return { v4: false, bytes: words.flatMap((w) => [w >> 8, w & 255]) };
}

export function validateIP(path: string, v: string): Errs {
  return parseIP(v) ? [] : [fieldErr.invalid(path, v, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

// ---- field-level helpers ----
export function nonNegative(path: string, v: unknown): Errs {
  const n = num(v);
  return n !== undefined && n < 0 ? [fieldErr.invalid(path, n, IS_NEGATIVE_ERROR)] : [];
}

export function labelsErrs(labels: unknown, path: string): Errs {
  const out: Errs = [];
  for (const [k, v] of Object.entries(strMap(labels))) {
    for (const m of isQualifiedName(k)) out.push(fieldErr.invalid(path, k, m));
    for (const m of isValidLabelValue(v)) out.push(fieldErr.invalid(path, v, m));
  }
  return out;
}

export function labelNameErrs(name: string, path: string): Errs {
  return isQualifiedName(name).map((m) => fieldErr.invalid(path, name, m));
}

export function dns1123LabelErrs(v: string, path: string): Errs {
  return isDNS1123Label(v).map((m) => fieldErr.invalid(path, v, m));
}

export function dns1123SubdomainErrs(v: string, path: string): Errs {
  return isDNS1123Subdomain(v).map((m) => fieldErr.invalid(path, v, m));
}

/** metav1 ValidateLabelSelector. */
export function labelSelectorErrs(sel: unknown, path: string): Errs {
  if (!isObj(sel)) return [];
  const out = labelsErrs(sel.matchLabels, child(path, 'matchLabels'));
  arr(sel.matchExpressions).forEach((e, i) => {
    const p = index(child(path, 'matchExpressions'), i);
    const r = obj(e);
    const values = arr(r.values);
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.push(fieldErr.required(child(p, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) out.push(fieldErr.forbidden(child(p, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        out.push(fieldErr.invalid(child(p, 'operator'), str(r.operator), 'not a valid selector operator'));
    }
    out.push(...labelNameErrs(str(r.key), child(p, 'key')));
    values.forEach((v, vi) => {
      for (const m of isValidLabelValue(str(v))) out.push(fieldErr.invalid(index(child(p, 'values'), vi), str(v), m));
    });
  });
  return out;
}

/** A field.Invalid whose value Go prints with %#v of a struct: we pass the rendered text. */
export function invalidRaw(field: string, rendered: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${rendered}${detail ? `: ${detail}` : ''}` };
}

export function notSupportedRaw(field: string, rendered: string, supported: string[]): FieldError {
  return {
    type: 'FieldValueNotSupported',
    field,
    body: `Unsupported value: ${rendered}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  };
}

/** %#v of a map[string]string, including Go's `(nil)` for an absent map. */
export function goStringMap(m: unknown): string {
  if (!isObj(m)) return 'map[string]string(nil)';
  return goValue(strMap(m)).replace(/^map\[string\]string\{\}$/, 'map[string]string{}');
}

/** %#v of a metav1.LabelSelector, as `field is immutable` and `empty selector` errors print it. */
export function goLabelSelector(sel: unknown): string {
  const s = obj(sel);
  const exprs = arr(s.matchExpressions);
  const ml = isObj(s.matchLabels) ? goValue(strMap(s.matchLabels)) : 'map[string]string(nil)';
  const me =
    exprs.length === 0
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => {
            const r = obj(e);
            const vals = Array.isArray(r.values) ? `[]string{${r.values.map((v: unknown) => JSON.stringify(str(v))).join(', ')}}` : '[]string(nil)';
            return `v1.LabelSelectorRequirement{Key:${JSON.stringify(str(r.key))}, Operator:${JSON.stringify(str(r.operator))}, Values:${vals}}`;
          })
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`;
}

/** %#v of an intstr.IntOrString (its String() has a pointer receiver, so Go prints the struct). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${num(v) ?? 0}, StrVal:""}`;
}

/** Structural equality of decoded JSON (apiequality.Semantic.DeepEqual, roughly). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Does a structured selector match a label set? (invalid operators never match). */
export function selectorMatches(sel: unknown, labels: Record<string, string>): boolean {
  const s = obj(sel);
  for (const [k, v] of Object.entries(strMap(s.matchLabels))) if (labels[k] !== v) return false;
  for (const e of arr(s.matchExpressions)) {
    const r = obj(e);
    const k = str(r.key);
    const has = Object.prototype.hasOwnProperty.call(labels, k);
    const vals = arr(r.values).map(str);
    switch (r.operator) {
      case 'In':
        if (!has || !vals.includes(labels[k])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(labels[k])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export const selectorIsEmpty = (sel: unknown): boolean =>
  Object.keys(obj(obj(sel).matchLabels)).length + arr(obj(sel).matchExpressions).length === 0;
