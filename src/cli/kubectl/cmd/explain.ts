// `kubectl explain` (kubectl/pkg/cmd/explain, OpenAPI v3 + the "plaintext" template of
// kubectl/pkg/explain/v2): resolve TYPE[.field...] to a kind and version, walk the field path
// through the same OpenAPI v3 document the API server serves (src/sim/api/schema), and print
// GROUP/KIND/VERSION, FIELD, ENUM, DESCRIPTION and FIELDS (or the field tree with --recursive).
// Descriptions are word-wrapped at 80 columns as go-wordwrap does.

import { RESOURCES, type ResourceInfo } from '../../../sim/api/registry';
import { toOpenAPIV3 } from '../../../sim/api/schema';
import { ApiError } from '../../../sim/api/errors';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { KubectlError, SilentExit } from '../errors';
import type { FlagDef } from '../flags';
import { mappingFor } from '../resources';

/** An OpenAPI v3 schema object, read as plain JSON. */
type S = Record<string, any>;

const FLAGS: FlagDef[] = [
  { name: 'api-version', type: 'string', usage: 'Use given api-version (group/version) of the resource.' },
  { name: 'output', shorthand: 'o', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema.' },
  { name: 'recursive', type: 'bool', usage: 'When true, print the name of all the fields recursively.' },
];

export function explainCommand(env: Env): Command {
  return {
    name: 'explain',
    short: 'Get documentation for a resource',
    use: 'TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]',
    flags: FLAGS,
    run: (ctx) => runExplain(env, ctx),
  };
}

const REF_PREFIX = '#/components/schemas/';

/** One OpenAPI document per group/version, built once (the served documents are the same). */
const documents = new Map<string, S>();
function schemasFor(info: ResourceInfo): S {
  const key = `${info.group}/${info.version}`;
  let doc = documents.get(key);
  if (!doc) {
    doc = toOpenAPIV3(info.group, info.version).components.schemas as S;
    documents.set(key, doc);
  }
  return doc;
}

function runExplain(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  if (ctx.args.length === 0) throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  if (ctx.args.length > 1) throw new KubectlError(`We accept only this format: explain RESOURCE\n`);
  const output = f.string('output');
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') throw new KubectlError(`unrecognized format: ${output}`);
  // splitDotNotation: one trailing period is ignored, empty path elements are skipped.
  const [resourceArg, ...rawPath] = ctx.args[0].replace(/\.$/, '').split('.');
  const path = rawPath.filter((p) => p !== '');
  if (resourceArg === '') throw new KubectlError('invalid jsonpath syntax, first node must be field node');
  let info: ResourceInfo;
  try {
    info = mappingFor(resourceArg).info;
  } catch (e) {
    if (e instanceof KubectlError) {
      // kubectl prints this one without the "error: " prefix.
      env.err(`${e.message}\n`);
      throw new SilentExit(1);
    }
    throw e;
  }
  const apiVersion = f.string('api-version');
  if (apiVersion) {
    const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const hit = RESOURCES.find((r) => r.resource === info.resource && r.group === g && r.version === v);
    if (!hit) {
      // A served group/version without the resource fails at the schema lookup, anything else at the mapper.
      if (RESOURCES.some((r) => r.group === g && r.version === v)) throw new KubectlError(`GVR (${g}/${v}, Resource=${info.resource}) not found in OpenAPI schema`);
      throw new KubectlError(`couldn't find resource for "${g}/${v}, Resource=${info.resource}"`);
    }
    info = hit;
  }
  // The v2 explainer reads /openapi/v2, which this API server does not serve (only v3).
  if (output === 'plaintext-openapiv2') throw new ApiError({ reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
  const schemas = schemasFor(info);
  const rootName = Object.keys(schemas).find((n) => (schemas[n]['x-kubernetes-group-version-kind'] ?? []).some((g: S) => g.kind === info.kind && g.group === info.group && g.version === info.version));
  if (!rootName) throw new KubectlError(`couldn't find resource for "${info.group}/${info.version}, Resource=${info.resource}"`);
  let header = '';
  if (info.group) header += `GROUP:      ${info.group}\n`;
  header += `KIND:       ${info.kind}\nVERSION:    ${info.version}\n\n`;

  // Walk the field path; arrays and maps are entered implicitly.
  let field: { name: string; prop: S } | undefined;
  let current: S = schemas[rootName];
  for (const part of path) {
    const target = elementSchema(schemas, current);
    const prop = target?.properties?.[part];
    if (!prop) {
      env.out(header);
      // kubectl names the last element of the path, whichever one is missing.
      throw new KubectlError(`field ${JSON.stringify(path[path.length - 1])} does not exist`);
    }
    field = { name: part, prop };
    current = prop;
  }

  let out = header;
  if (field) {
    out += `FIELD: ${field.name} <${typeGuess(schemas, field.prop)}>\n`;
    const enumValues = enumOf(schemas, field.prop);
    if (enumValues) out += `ENUM:\n${enumValues.map((v) => `    ${v}\n`).join('')}\n`;
    else out += '\n\n';
  }
  out += 'DESCRIPTION:\n';
  const descriptions: string[] = [];
  if (field) {
    if (field.prop.description) descriptions.push(field.prop.description);
    const ref = refTarget(schemas, field.prop);
    if (ref?.description) descriptions.push(ref.description);
  } else if (schemas[rootName].description) {
    descriptions.push(schemas[rootName].description);
  }
  if (descriptions.length === 0) descriptions.push('<empty>');
  for (const d of descriptions) out += indentLines(wrap(d, 76), '    ');
  out += '    \n';
  const target = elementSchema(schemas, current);
  const props = target?.properties as Record<string, S> | undefined;
  if (props && Object.keys(props).length) {
    out += 'FIELDS:\n';
    if (f.bool('recursive')) {
      out += recursiveFields(schemas, target!, 1, new Set());
    } else {
      const required = new Set<string>(target!.required ?? []);
      for (const name of Object.keys(props).sort()) {
        const p = props[name];
        out += `  ${name}\t<${typeGuess(schemas, p)}>${required.has(name) ? ' -required-' : ''}\n`;
        const en = enumOf(schemas, p);
        if (en) out += `  enum: ${shortEnum(en)}\n`;
        out += indentLines(wrap(p.description || '<no description>', 76), '    ');
        out += '\n';
      }
    }
  }
  out += '\n';
  env.out(out);
}

function refName(s: S): string | undefined {
  const r: string | undefined = s.$ref ?? s.allOf?.[0]?.$ref;
  return r?.startsWith(REF_PREFIX) ? r.slice(REF_PREFIX.length) : undefined;
}

/** The schema a property refers to (through arrays and maps). */
function refTarget(schemas: S, s: S): S | undefined {
  if (s.type === 'array' && s.items) return refTarget(schemas, s.items);
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return refTarget(schemas, s.additionalProperties);
  const name = refName(s);
  return name ? schemas[name] : undefined;
}

/** The object schema whose properties a path continues into. */
function elementSchema(schemas: S, s: S): S | undefined {
  if (s.properties) return s;
  const target = refTarget(schemas, s);
  return target?.properties ? target : undefined;
}

/** The template's typeGuess: `string`, `[]Container`, `map[string]Quantity`, `ObjectMeta`, `Object`. */
function typeGuess(schemas: S, s: S): string {
  if (s.type === 'array') return `[]${s.items ? typeGuess(schemas, s.items) : 'Object'}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return `map[string]${typeGuess(schemas, s.additionalProperties)}`;
  const name = refName(s);
  if (name) {
    const t = schemas[name];
    if (t && t.type && t.type !== 'object') return t.type;
    return name.slice(name.lastIndexOf('.') + 1);
  }
  if (s.type && s.type !== 'object') return s.type;
  return 'Object';
}

function enumOf(schemas: S, s: S): string[] | undefined {
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.map(String);
  const name = refName(s);
  const t = name ? schemas[name] : undefined;
  return t && Array.isArray(t.enum) && t.enum.length ? t.enum.map(String) : undefined;
}

/** In field lists kubectl shows at most four enum values, then "....". */
function shortEnum(values: string[]): string {
  return values.length > 4 ? `${values.slice(0, 4).join(', ')}, ....` : values.join(', ');
}

function recursiveFields(schemas: S, obj: S, level: number, seen: Set<S>): string {
  let out = '';
  const props = (obj.properties ?? {}) as Record<string, S>;
  const required = new Set<string>(obj.required ?? []);
  const pad = '  '.repeat(level);
  for (const name of Object.keys(props).sort()) {
    const p = props[name];
    out += `${pad}${name}\t<${typeGuess(schemas, p)}>${required.has(name) ? ' -required-' : ''}\n`;
    const en = enumOf(schemas, p);
    if (en) out += `${pad}enum: ${shortEnum(en)}\n`;
    const child = elementSchema(schemas, p);
    if (child && !seen.has(child)) {
      seen.add(child);
      out += recursiveFields(schemas, child, level + 1, seen);
      seen.delete(child);
    }
  }
  return out;
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((l) => `${indent}${l}\n`)
    .join('');
}

/** go-wordwrap's WrapString: break at spaces so lines stay within `lim` (longer words kept whole). */
export function wrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length > lim) current = 0;
        else buf += space;
      } else {
        buf += space + word;
      }
      space = '';
      word = '';
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}
