// kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): text with `{...}` actions,
// fields `.a.b`, `['key']`, `[n]`, slices `[a:b:c]`, `[*]`, unions `[a,b]`, `..` recursion,
// filters `[?(@.x=="y")]`, `range`/`end`, quoted text `{"\n"}`. Parsed and evaluated as upstream
// does, including its printing rules: scalars with fmt.Sprint, maps and lists as compact JSON,
// results of one action separated by spaces.

import { goMarshal, goMarshalIndent } from './gojson';
import { goSprint } from './gofmt';

// ------------------------------------------------------------------ nodes

export type Node =
  | { type: 'list'; nodes: Node[] }
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'array'; params: ParamsEntry[] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export type ListNode = { type: 'list'; nodes: Node[] };

export interface ParamsEntry {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathError extends Error {}

// ------------------------------------------------------------------ parser (parser.go)

const EOF = '';

class Parser {
  root: ListNode = { type: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): ListNode {
    this.input = text;
    this.root = { type: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const cp = this.input.codePointAt(this.pos)!;
    const r = String.fromCodePoint(cp);
    this.width = r.length;
    this.pos += this.width;
    return r;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node: ListNode = { type: 'list', nodes: [] };
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  private parseInsideAction(cur: ListNode): void {
    // Iterative where upstream recurses: each step consumes input, so this terminates.
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith('}')) return this.parseRightDelim();
      if (rest.startsWith('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === '\r' || r === '\n') throw new JsonPathError('unclosed action');
      if (r === ' ') {
        this.consumeText();
      } else if (r === '@' || r === '$') {
        this.consumeText();
      } else if (r === '[') {
        this.parseArray(cur);
      } else if (r === '"' || r === "'") {
        this.parseQuote(cur, r);
      } else if (r === '.') {
        this.parseField(cur);
      } else if (r === '+' || r === '-' || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new JsonPathError(`unrecognized character in action: ${goRuneU(r)}`);
      }
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) {
      cur.nodes.push({ type: 'int', value: Number(value) });
      return;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const s of strs) union.push(parseAction(`[${s.trim()}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      for (const n of parseAction(`.${dict[1]}`).nodes) cur.nodes.push(n);
      return;
    }
    const m = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: ParamsEntry[] = [];
    for (let i = 0; i < 3; i++) {
      let v = value[i];
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ known: false, value: 0, derived: false });
        else {
          if (!/^-?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ known: true, value: Number(v), derived: false });
        }
      } else if (i === 1) {
        params.push({ known: true, value: params[0].value + 1, derived: true });
      } else {
        params.push({ known: false, value: 0, derived: false });
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new JsonPathError(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      /* scan to the next unescaped terminator */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replace(/\\/g, '') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === '\\') {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** parseAction: parse `{text}` and return the action's list. */
function parseAction(text: string): ListNode {
  const p = new Parser();
  const root = p.parse(`{${text}}`);
  return root.nodes[0] as ListNode;
}

function isTerminator(r: string): boolean {
  return r === ' ' || r === '\t' || r === '\r' || r === '\n' || r === EOF || '.,[]$@{}'.includes(r);
}

function isDigit(r: string): boolean {
  return r !== '' && /\p{Nd}/u.test(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === '_' || (r !== '' && /[\p{L}\p{Nd}]/u.test(r));
}

/** Go's %#U of a rune: U+0021 '!'. */
function goRuneU(r: string): string {
  const cp = r.codePointAt(0)!;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${r}'`;
}

/** UnquoteExtend: strconv.Unquote that also accepts single-quoted strings. */
function unquoteExtend(s: string): string {
  if (s.length < 2) throw new JsonPathError('invalid syntax');
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw new JsonPathError('invalid syntax');
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === quote) throw new JsonPathError('invalid syntax');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };
    if (e in simple) {
      if ((e === "'" || e === '"') && e !== quote) throw new JsonPathError('invalid syntax');
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new JsonPathError('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (e !== undefined && e >= '0' && e <= '7') {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new JsonPathError('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else {
      throw new JsonPathError('invalid syntax');
    }
  }
  return out;
}

// ------------------------------------------------------------------ evaluation (jsonpath.go)

/** A value of decoded JSON. */
type V = unknown;

/** Go's type name of a decoded JSON value, for error messages. */
function goTypeName(v: V): string {
  if (v === null || v === undefined) return 'interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

const isMap = (v: V): v is Record<string, V> => v !== null && typeof v === 'object' && !Array.isArray(v);

export class JsonPath {
  private root: ListNode | undefined;
  private nodes: Node[] = [];
  private stack: V[][] = [];
  private cur: V[] = [];
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  allowMissingKeys = false;
  outputJSON = false;

  constructor(readonly name: string) {}

  parse(text: string): this {
    this.root = new Parser().parse(text);
    return this;
  }

  /** Execute: the printed text, or throws JsonPathError. */
  execute(data: V): string {
    let out = '';
    for (const results of this.findResults(data)) out += this.printResults(results);
    return out;
  }

  findResults(data: V): V[][] {
    if (!this.root) throw new JsonPathError(`${this.name} is an incomplete jsonpath template`);
    this.nodes = this.root.nodes;
    this.stack = [];
    this.beginRange = this.inRange = this.endRange = 0;
    return this.find(data);
  }

  private find(data: V): V[][] {
    this.cur = [data];
    const nodes = this.nodes;
    const full: V[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(this.cur, nodes[i]);
      // An `end`: leave the current block.
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        break;
      }
      // A `range`: run the rest of the template once per result.
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        results.forEach((value, k) => {
          this.nodes = nodes.slice(i + 1);
          if (k === results.length - 1) this.inRange--;
          full.push(...this.find(value));
        });
        // With no results nothing after the range runs, as upstream.
        break;
      }
      full.push(results);
    }
    return full;
  }

  printResults(results: V[]): string {
    if (this.outputJSON) results = [results];
    let out = '';
    results.forEach((r, i) => {
      let text: string;
      const structured = Array.isArray(r) || isMap(r);
      if (this.outputJSON) text = goMarshalIndent(r, '    ') + '\n';
      else if (structured) text = goMarshal(r);
      else text = goSprint(r);
      if (i !== results.length - 1) text += ' ';
      out += text;
    });
    return out;
  }

  private walk(value: V[], node: Node): V[] {
    switch (node.type) {
      case 'list':
        return this.evalList(value, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(value, node.value);
      case 'array':
        return this.evalArray(value, node.params);
      case 'filter':
        return this.evalFilter(value, node);
      case 'int':
      case 'float':
        return value.map(() => node.value);
      case 'bool':
        return value.map(() => node.value);
      case 'wildcard':
        return this.evalWildcard(value);
      case 'recursive':
        return this.evalRecursive(value);
      case 'union':
        return node.nodes.flatMap((l) => this.evalList(value, l));
      case 'identifier':
        return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: V[], node: ListNode): V[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: V[], name: string): V[] {
    switch (name) {
      case 'range':
        this.stack.push(this.cur);
        this.beginRange++;
        return input;
      case 'end':
        if (this.endRange < this.inRange) {
          this.endRange++;
          return [];
        }
        if (this.stack.length > 0) {
          this.cur = this.stack.pop()!;
          return [];
        }
        throw new JsonPathError('not in range, nothing to end');
      default:
        throw new JsonPathError(`unrecognized identifier ${name}`);
    }
  }

  private evalArray(input: V[], node: ParamsEntry[]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (!Array.isArray(value)) throw new JsonPathError(`${goTypeName(value)} is not array or slice`);
      const params = node.map((p) => ({ ...p }));
      const len = value.length;
      if (!params[0].known) params[0].value = 0;
      if (params[0].value < 0) params[0].value += len;
      if (!params[1].known) params[1].value = len;
      if (params[1].value < 0 || (params[1].value === 0 && params[1].derived)) params[1].value += len;
      if (params[1].value !== params[0].value) {
        if (params[0].value >= len || params[0].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[0].value}, length ${len}`);
        if (params[1].value > len || params[1].value < 0) throw new JsonPathError(`array index out of bounds: index ${params[1].value - 1}, length ${len}`);
        if (params[0].value > params[1].value) throw new JsonPathError(`starting index ${params[0].value} is greater than ending index ${params[1].value}`);
      } else {
        return result;
      }
      const slice = value.slice(params[0].value, params[1].value);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalField(input: V[], field: string): V[] {
    const results: V[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (isMap(value) && Object.prototype.hasOwnProperty.call(value, field) && value[field] !== undefined) results.push(value[field]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${field} is not found`);
    return results;
  }

  private evalWildcard(input: V[]): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) results.push(...value);
      else if (isMap(value)) for (const k of Object.keys(value).sort()) results.push(value[k]);
    }
    return results;
  }

  private evalRecursive(input: V[]): V[] {
    const result: V[] = [];
    for (const value of input) {
      if (value === null || value === undefined) continue;
      let children: V[] = [];
      if (Array.isArray(value)) children = value;
      else if (isMap(value)) children = Object.keys(value).sort().map((k) => value[k]);
      if (children.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }

  private evalFilter(input: V[], node: Extract<Node, { type: 'filter' }>): V[] {
    const results: V[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) throw new JsonPathError(`${goSprint(value)} is not array or slice and cannot be filtered`);
      for (const item of value) {
        const temp = [item];
        let lefts: V[];
        try {
          lefts = this.evalList(temp, node.left);
        } catch (e) {
          if (node.operator === 'exists') continue;
          throw e;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(item);
      }
    }
    return results;
  }
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: V): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'string';
  return 'invalid';
}

/** text/template's eq/ne/lt/le/gt/ge on basic kinds (an int and a float do not compare). */
function compare(op: string, left: V, right: V): boolean {
  const lk = basicKind(left);
  const rk = basicKind(right);
  if (op === '==' || op === '!=') {
    if (lk === 'invalid' || rk === 'invalid') throw new JsonPathError('invalid type for comparison');
    if (lk !== rk) throw new JsonPathError('incompatible types for comparison');
    const eq = left === right;
    return op === '==' ? eq : !eq;
  }
  if (lk === 'invalid' || rk === 'invalid' || lk === 'bool' || rk === 'bool') throw new JsonPathError('invalid type for comparison');
  if (lk !== rk) throw new JsonPathError('incompatible types for comparison');
  const l = left as number | string;
  const r = right as number | string;
  switch (op) {
    case '<':
      return l < r;
    case '>':
      return l > r;
    case '<=':
      return l <= r;
    case '>=':
      return l >= r;
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

/** RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` all become `{.a.b}` (custom-columns, --sort-by). */
export function relaxedJsonPathExpression(expr: string): string {
  if (expr.length === 0) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}
