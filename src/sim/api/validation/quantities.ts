// resource.Quantity as the API server sees it: parsing with Go's two error messages, and the
// canonical form a stored quantity is printed in ("0.5" -> "500m", "1024Mi" -> "1Gi"), after the
// round-up to milli scale that SetDefaults_ResourceList applies.

import { QUANTITY_REGEX_TEXT } from '../quantity';

export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX_TEXT}'`;
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

interface Parsed {
  /** value = mantissa * 10^scale */
  mantissa: bigint;
  scale: number;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

/** The error Go's ParseQuantity gives for this value, or '' if it parses. */
export function quantityError(q: unknown): string {
  return typeof parse(q) === 'string' ? (parse(q) as string) : '';
}

function parse(q: unknown): Parsed | string {
  let s: string;
  if (typeof q === 'number' && Number.isFinite(q)) s = String(q);
  else if (typeof q === 'string') s = q;
  else return ERR_FORMAT_WRONG;
  if (!new RegExp(QUANTITY_REGEX_TEXT).test(s)) return ERR_FORMAT_WRONG;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return ERR_FORMAT_WRONG;
  const [, sign, whole, frac = '', suffix] = m;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  if (sign === '-') mantissa = -mantissa;
  let scale = -frac.length;
  let format: Parsed['format'] = 'DecimalSI';
  if (suffix in DECIMAL_SUFFIX) scale += DECIMAL_SUFFIX[suffix];
  else if (suffix in BINARY_SUFFIX) {
    mantissa *= 2n ** BigInt(BINARY_SUFFIX[suffix]);
    format = 'BinarySI';
  } else if (/^[eE][-+]?\d+$/.test(suffix)) {
    scale += Number(suffix.slice(1));
    format = 'DecimalExponent';
  } else return ERR_SUFFIX;
  return { mantissa, scale, format };
}

const abs = (b: bigint) => (b < 0n ? -b : b);

/** The canonical string of a valid quantity (rounded up to milli), or undefined if invalid. */
export function canonicalQuantity(q: unknown): string | undefined {
  const p = parse(q);
  if (typeof p === 'string') return undefined;
  let { mantissa, scale } = p;
  // Round up (away from zero) to milli scale, as SetDefaults_ResourceList does.
  if (scale < -3) {
    const div = 10n ** BigInt(-3 - scale);
    const r = abs(mantissa) % div;
    let m = abs(mantissa) / div + (r === 0n ? 0n : 1n);
    if (mantissa < 0n) m = -m;
    mantissa = m;
    scale = -3;
  }
  if (mantissa === 0n) return '0';
  if (p.format === 'BinarySI') {
    const integer = scale >= 0 ? mantissa * 10n ** BigInt(scale) : mantissa % 10n ** BigInt(-scale) === 0n ? mantissa / 10n ** BigInt(-scale) : undefined;
    // Small or fractional binary values print in decimal form, as Go does.
    if (integer !== undefined && abs(integer) >= 1024n) {
      let v = integer;
      let exp = 0;
      while (v % 1024n === 0n && exp < 60) {
        v /= 1024n;
        exp += 10;
      }
      const suffix = Object.entries(BINARY_SUFFIX).find(([, e]) => e === exp)?.[0] ?? '';
      return `${v}${suffix}`;
    }
  }
  // Decimal: strip factors of ten, then move the exponent down to a multiple of three.
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale += 1;
  }
  const r = ((scale % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(r);
  scale -= r;
  if (p.format === 'DecimalExponent') return scale === 0 ? `${mantissa}` : `${mantissa}e${scale}`;
  const suffix = Object.entries(DECIMAL_SUFFIX).find(([, e]) => e === scale)?.[0];
  return suffix !== undefined ? `${mantissa}${suffix}` : `${mantissa}e${scale}`;
}

/** Compare two valid quantities exactly: -1, 0, 1. */
export function compareQuantities(a: unknown, b: unknown): number {
  const pa = parse(a);
  const pb = parse(b);
  if (typeof pa === 'string' || typeof pb === 'string') return 0;
  const s = Math.min(pa.scale, pb.scale);
  const va = pa.mantissa * 10n ** BigInt(pa.scale - s);
  const vb = pb.mantissa * 10n ** BigInt(pb.scale - s);
  return va < vb ? -1 : va > vb ? 1 : 0;
}

export const isNegativeQuantity = (q: unknown): boolean => {
  const p = parse(q);
  return typeof p !== 'string' && p.mantissa < 0n;
};

/** Whole number of base units (MilliValue() % 1000 == 0). */
export const isIntegerQuantity = (q: unknown): boolean => {
  const p = parse(q);
  if (typeof p === 'string') return false;
  if (p.scale >= 0) return true;
  return p.mantissa % 10n ** BigInt(-p.scale) === 0n;
};
