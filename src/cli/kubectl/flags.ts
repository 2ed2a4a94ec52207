// Flags as spf13/pflag parses them for kubectl: `--name=value`, `--name value`, `-n value`,
// `-nvalue`, `-n=value`, combined short booleans (`-Aw`), `--` ending the flags, flags anywhere
// among the arguments, `_` read as `-` in names, and pflag's error messages word for word.

export type FlagType = 'bool' | 'string' | 'int' | 'int32' | 'int64' | 'stringSlice' | 'stringArray' | 'duration';

export interface FlagDef {
  name: string;
  shorthand?: string;
  type: FlagType;
  default?: string | number | boolean | string[];
  /** The value when the flag is given without one (pflag NoOptDefVal); bools use "true". */
  noOptDefVal?: string;
  usage?: string;
}

export type FlagValue = string | number | boolean | string[];

export class FlagError extends Error {}

const NORMALIZE = (name: string) => name.replace(/_/g, '-');

/** The value a flag takes when given without one (`--all-namespaces`). */
function noOptDefVal(f: FlagDef): string {
  return f.noOptDefVal ?? (f.type === 'bool' ? 'true' : '');
}

export function defaultValue(f: FlagDef): FlagValue {
  if (f.default !== undefined) return Array.isArray(f.default) ? [...f.default] : f.default;
  switch (f.type) {
    case 'bool':
      return false;
    case 'int':
    case 'int32':
    case 'int64':
      return 0;
    case 'stringSlice':
    case 'stringArray':
      return [];
    default:
      return '';
  }
}

/** strconv.ParseBool. */
function parseBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQ(s)}: invalid syntax`);
}

/** strconv.ParseInt(s, 0, bits). */
function parseInt0(s: string, bits: number): number {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*|0)$/.exec(s);
  if (!m || /__|_$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${goQ(s)}: invalid syntax`);
  const digits = m[2].replace(/_/g, '');
  let n: bigint;
  if (/^0[xX]/.test(digits)) n = BigInt(digits);
  else if (/^0[bB]/.test(digits)) n = BigInt(digits);
  else if (/^0[oO]/.test(digits)) n = BigInt('0o' + digits.slice(2));
  else if (/^0[0-7]+$/.test(digits)) n = BigInt('0o' + digits.slice(1));
  else n = BigInt(digits);
  if (m[1] === '-') n = -n;
  const max = (1n << BigInt(bits - 1)) - 1n;
  if (n > max || n < -max - 1n) throw new Error(`strconv.ParseInt: parsing ${goQ(s)}: value out of range`);
  return Number(n);
}

/** time.ParseDuration, to milliseconds. */
export function parseDuration(s: string): number {
  const orig = s;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration ${goQ(orig)}`);
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*(?:\.[0-9]*)?)([a-zµμ]*)/.exec(s)!;
    if (m[1] === '' || m[1] === '.') throw new Error(`time: invalid duration ${goQ(orig)}`);
    if (m[2] === '') throw new Error(`time: missing unit in duration ${goQ(orig)}`);
    if (!(m[2] in units)) throw new Error(`time: unknown unit ${goQ(m[2])} in duration ${goQ(orig)}`);
    total += Number(m[1]) * units[m[2]];
    s = s.slice(m[0].length);
  }
  return neg ? -total : total;
}

/** Go's %q of a string. */
export function goQ(s: string): string {
  return JSON.stringify(s);
}

/** encoding/csv of one line, as pflag's stringSlice reads `a,b,"c,d"`. */
function readCSV(s: string): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (i >= s.length) throw new Error(`parse error on line 1, column ${s.length + 1}: extraneous or missing " in quoted-field`);
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += s[i++];
      }
      if (i < s.length && s[i] !== ',') throw new Error(`parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`);
    } else {
      const end = s.indexOf(',', i);
      field = end < 0 ? s.slice(i) : s.slice(i, end);
      if (field.includes('"')) throw new Error(`parse error on line 1, column ${i + field.indexOf('"') + 1}: bare " in non-quoted-field`);
      i = end < 0 ? s.length : end;
    }
    out.push(field);
    if (i >= s.length) break;
    i++; // the comma
    if (i >= s.length) {
      out.push('');
      break;
    }
  }
  return out;
}

export class ParsedFlags {
  private readonly values = new Map<string, FlagValue>();
  private readonly changed = new Set<string>();

  constructor(readonly defs: Map<string, FlagDef>) {
    for (const [name, def] of defs) this.values.set(name, defaultValue(def));
  }

  /** Set a flag from its text, as pflag's Value.Set does. */
  set(def: FlagDef, text: string): void {
    let v: FlagValue;
    try {
      switch (def.type) {
        case 'bool':
          v = parseBool(text);
          break;
        case 'int':
        case 'int64':
          v = parseInt0(text, 64);
          break;
        case 'int32':
          v = parseInt0(text, 32);
          break;
        case 'duration':
          parseDuration(text);
          v = text;
          break;
        case 'stringSlice': {
          const parts = readCSV(text);
          v = this.changed.has(def.name) ? [...(this.values.get(def.name) as string[]), ...parts] : parts;
          break;
        }
        case 'stringArray':
          v = this.changed.has(def.name) ? [...(this.values.get(def.name) as string[]), text] : [text];
          break;
        default:
          v = text;
      }
    } catch (e) {
      const flagName = def.shorthand ? `-${def.shorthand}, --${def.name}` : `--${def.name}`;
      throw new FlagError(`invalid argument ${goQ(text)} for ${goQ(flagName)} flag: ${(e as Error).message}`);
    }
    this.values.set(def.name, v);
    this.changed.add(def.name);
  }

  get(name: string): FlagValue {
    if (!this.values.has(name)) throw new Error(`flag accessed but not defined: ${name}`);
    return this.values.get(name)!;
  }
  string(name: string): string {
    return String(this.get(name));
  }
  bool(name: string): boolean {
    return this.get(name) === true;
  }
  int(name: string): number {
    return Number(this.get(name));
  }
  strings(name: string): string[] {
    return this.get(name) as string[];
  }
  has(name: string): boolean {
    return this.values.has(name);
  }
  /** Whether the flag was given on the command line. */
  isChanged(name: string): boolean {
    return this.changed.has(name);
  }
}

export interface ParseResult {
  flags: ParsedFlags;
  args: string[];
  /** Index in args where `--` was seen, or -1. */
  argsLenAtDash: number;
  help: boolean;
}

/** pflag FlagSet.Parse with interspersed flags. */
export function parseFlags(defs: FlagDef[], argv: string[]): ParseResult {
  const byName = new Map<string, FlagDef>();
  const byShort = new Map<string, FlagDef>();
  for (const d of defs) {
    byName.set(d.name, d);
    if (d.shorthand) byShort.set(d.shorthand, d);
  }
  const flags = new ParsedFlags(byName);
  const args: string[] = [];
  let argsLenAtDash = -1;
  let help = false;
  let rest = [...argv];
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s.length === 0 || s[0] !== '-' || s.length === 1) {
      args.push(s);
      continue;
    }
    if (s[1] === '-') {
      if (s.length === 2) {
        argsLenAtDash = args.length;
        args.push(...rest);
        break;
      }
      let name = s.slice(2);
      if (name.length === 0 || name[0] === '-' || name[0] === '=') throw new FlagError(`bad flag syntax: ${s}`);
      const eq = name.indexOf('=');
      const value = eq >= 0 ? name.slice(eq + 1) : undefined;
      name = eq >= 0 ? name.slice(0, eq) : name;
      const def = byName.get(NORMALIZE(name));
      if (!def) {
        if (name === 'help') {
          help = true;
          continue;
        }
        throw new FlagError(`unknown flag: --${name}`);
      }
      if (value !== undefined) flags.set(def, value);
      else if (noOptDefVal(def) !== '') flags.set(def, noOptDefVal(def));
      else if (rest.length > 0) flags.set(def, rest.shift()!);
      else throw new FlagError(`flag needs an argument: ${s}`);
      continue;
    }
    // Short flags: each letter in turn; the first that takes a value takes the rest or the next word.
    let shorthands = s.slice(1);
    while (shorthands.length > 0) {
      const c = shorthands[0];
      const def = byShort.get(c);
      if (!def) {
        if (c === 'h') {
          help = true;
          shorthands = shorthands.slice(1);
          continue;
        }
        throw new FlagError(`unknown shorthand flag: '${c}' in -${shorthands}`);
      }
      if (shorthands.length > 2 && shorthands[1] === '=') {
        flags.set(def, shorthands.slice(2));
        shorthands = '';
      } else if (noOptDefVal(def) !== '') {
        flags.set(def, noOptDefVal(def));
        shorthands = shorthands.slice(1);
      } else if (shorthands.length > 1) {
        flags.set(def, shorthands.slice(1));
        shorthands = '';
      } else if (rest.length > 0) {
        flags.set(def, rest.shift()!);
        shorthands = '';
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${shorthands}`);
      }
    }
  }
  return { flags, args, argsLenAtDash, help };
}

/** Whether `--name` / `-n` (no value attached) takes no argument: cobra's stripFlags needs this. */
export function takesNoValue(defs: FlagDef[], arg: string): boolean {
  if (arg.startsWith('--')) {
    const d = defs.find((f) => f.name === NORMALIZE(arg.slice(2)));
    return !!d && noOptDefVal(d) !== '';
  }
  const d = defs.find((f) => f.shorthand === arg.slice(1));
  return !!d && noOptDefVal(d) !== '';
}
