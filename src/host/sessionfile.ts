// A session as a file or a link: seed, cluster spec and the input journal, which together
// reproduce the cluster exactly (see journal.ts). Parsing checks everything before anything is
// replaced, so a bad or corrupt file is refused with a clear error and the open session stays.

import type { AksClusterSpec } from '../sim/aks/spec';
import { validatePoolName } from '../sim/aks/spec';
import { VM_SIZES } from '../sim/aks/vmsizes';
import { isJournaled, type JournalEntry, type SessionMs } from './journal';

export const SESSION_FORMAT = 'clusterlab-session';
export const SESSION_VERSION = 1;
/** A session covers at most a virtual day: rewinding replays it, and a day replays in seconds. */
export const MAX_SESSION_MS = 24 * 3600 * 1000;
/** Links carry the session in the URL hash after this prefix. */
export const LINK_PREFIX = '#session=';

export interface SessionFile {
  format: typeof SESSION_FORMAT;
  version: typeof SESSION_VERSION;
  /** Scenario id or a user's title. */
  title?: string;
  seed: number;
  spec: AksClusterSpec;
  journal: JournalEntry[];
  /** The instant the session was at when saved (virtual ms since the cluster was created). */
  now: SessionMs;
  /** How many journal entries had been applied at `now` (the rest is the plan); default: those at or before `now`. */
  applied?: number;
  /** How far the session's timeline reaches (a scenario's end); default: `now` or the last input. */
  horizon?: SessionMs;
}

export class SessionFormatError extends Error {}

function fail(msg: string): never {
  throw new SessionFormatError(`invalid session file: ${msg}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_SESSION_MS;

/** Parse and check a session file's text (JSON). Throws SessionFormatError with what is wrong. */
export function parseSession(text: string): SessionFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(`not JSON (${(e as Error).message})`);
  }
  return checkSession(data);
}

export function checkSession(data: unknown): SessionFile {
  if (!isObject(data)) fail('expected a JSON object');
  if (data.format !== SESSION_FORMAT) fail(`"format" must be "${SESSION_FORMAT}"`);
  if (data.version !== SESSION_VERSION) fail(`unsupported version ${JSON.stringify(data.version)} (this Clusterlab reads version ${SESSION_VERSION})`);
  if (data.title !== undefined && typeof data.title !== 'string') fail('"title" must be a string');
  if (typeof data.seed !== 'number' || !Number.isSafeInteger(data.seed)) fail('"seed" must be an integer');
  checkSpec(data.spec);
  if (!Array.isArray(data.journal)) fail('"journal" must be an array');
  let last = 0;
  data.journal.forEach((e: unknown, i: number) => {
    if (!isObject(e)) fail(`journal[${i}] must be an object`);
    if (!isMs(e.at)) fail(`journal[${i}].at must be whole milliseconds from 0 to ${MAX_SESSION_MS}`);
    if (e.at < last) fail(`journal[${i}].at goes back in time (${e.at} < ${last})`);
    last = e.at;
    if (!isObject(e.req) || typeof e.req.op !== 'string') fail(`journal[${i}].req must be a request with an "op"`);
    if (!isJournaled(e.req as never)) fail(`journal[${i}]: "${e.req.op}" is not an input that can be replayed`);
    checkRequest(e.req, i);
  });
  if (!isMs(data.now)) fail(`"now" must be whole milliseconds from 0 to ${MAX_SESSION_MS}`);
  if (data.horizon !== undefined && !isMs(data.horizon)) fail(`"horizon" must be whole milliseconds from 0 to ${MAX_SESSION_MS}`);
  if (data.applied !== undefined) {
    const n = data.applied;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > data.journal.length) fail(`"applied" must be a whole number from 0 to ${data.journal.length}`);
    if (n > 0 && data.journal[n - 1].at > data.now) fail(`"applied" counts an input after "now"`);
    if (n < data.journal.length && data.journal[n].at < data.now) fail(`"applied" leaves out an input before "now"`);
  }
  return data as unknown as SessionFile;
}

function checkSpec(spec: unknown): void {
  if (!isObject(spec)) fail('"spec" must be an object');
  for (const k of ['name', 'resourceGroup', 'location', 'kubernetesVersion', 'podCidr', 'serviceCidr', 'dnsServiceIP', 'vnetSubnet', 'dnsPrefix', 'networkPlugin', 'tier']) {
    if (typeof spec[k] !== 'string') fail(`"spec.${k}" must be a string`);
  }
  const octet = '(25[0-5]|2[0-4]\\d|1?\\d?\\d)';
  const ipv4 = new RegExp(`^${octet}(\\.${octet}){3}$`);
  for (const k of ['podCidr', 'serviceCidr', 'vnetSubnet']) {
    const [ip, bits, extra] = (spec[k] as string).split('/');
    if (extra !== undefined || !ipv4.test(ip) || !/^\d{1,2}$/.test(bits ?? '') || Number(bits) > 30) fail(`"spec.${k}" must be an IPv4 CIDR such as 10.0.0.0/16`);
  }
  if (!ipv4.test(spec.dnsServiceIP as string)) fail('"spec.dnsServiceIP" must be an IPv4 address');
  if (!Array.isArray(spec.pools) || spec.pools.length === 0) fail('"spec.pools" must list at least one node pool');
  let nodes = 0;
  spec.pools.forEach((p: unknown, i: number) => {
    if (!isObject(p)) fail(`spec.pools[${i}] must be an object`);
    const bad = typeof p.name === 'string' ? validatePoolName(p.name) : 'a name is required';
    if (bad) fail(`spec.pools[${i}]: ${bad}`);
    if (typeof p.count !== 'number' || !Number.isInteger(p.count) || p.count < 0 || p.count > 1000) fail(`spec.pools[${i}].count must be a whole number from 0 to 1000`);
    if (typeof p.vmSize !== 'string' || !(p.vmSize in VM_SIZES)) fail(`spec.pools[${i}].vmSize ${JSON.stringify(p.vmSize)} is not a known VM size`);
    if (p.mode !== 'System' && p.mode !== 'User') fail(`spec.pools[${i}].mode must be System or User`);
    nodes += p.count;
  });
  if (nodes > 1000) fail('at most 1000 nodes');
}

/** The fields each input needs, so replay never runs a half-formed request. */
function checkRequest(req: Record<string, unknown>, i: number): void {
  const str = (k: string) => {
    if (typeof req[k] !== 'string') fail(`journal[${i}].req.${k} must be a string`);
  };
  switch (req.op) {
    case 'apply':
    case 'delete-manifest':
      return str('yaml');
    case 'delete':
      str('resource');
      return str('name');
    case 'kubectl':
      str('line');
      if (req.files !== undefined && (!isObject(req.files) || Object.values(req.files).some((v) => typeof v !== 'string'))) fail(`journal[${i}].req.files must map paths to text`);
      return;
    case 'node':
      if (!isObject(req.node) || typeof req.node.action !== 'string') fail(`journal[${i}].req.node must be a node action`);
      return;
  }
}

/** The file's text: one entry per line, readable and diffable. */
export function formatSession(s: SessionFile): string {
  const { journal, ...head } = s;
  const lines = journal.map((e) => `    ${JSON.stringify(e)}`);
  const headText = JSON.stringify(head, null, 2);
  return `${headText.slice(0, -2)},\n  "journal": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

// Links: deflate-raw (CompressionStream, in browsers and Node 18+) then base64url, in the hash, so
// the session never reaches a server.

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) fail('the link is damaged (not base64url)');
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** `#session=...`: the session, compressed, for the end of a URL. */
export async function encodeSessionHash(s: SessionFile): Promise<string> {
  const bytes = await pipe(new TextEncoder().encode(JSON.stringify(s)), new CompressionStream('deflate-raw'));
  return LINK_PREFIX + toBase64Url(bytes);
}

/** The session in a link's hash (with or without the `#session=` prefix). */
export async function decodeSessionHash(hash: string): Promise<SessionFile> {
  const text = hash.startsWith(LINK_PREFIX) ? hash.slice(LINK_PREFIX.length) : hash;
  let json: string;
  try {
    json = new TextDecoder().decode(await pipe(fromBase64Url(text), new DecompressionStream('deflate-raw')));
  } catch (e) {
    if (e instanceof SessionFormatError) throw e;
    fail('the link is damaged (it does not decompress)');
  }
  return parseSession(json);
}
