// Small HTTP helpers shared by the handlers: Status answers, JSON bodies with size limits,
// content negotiation of the Accept header, and `Warning` headers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type Status } from '../sim/api/errors';

/** kube-apiserver's request body limit (apiserver's MaxRequestBodyBytes). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function tooLarge(): ApiError {
  return new ApiError({ reason: 'RequestEntityTooLarge', code: 413, message: `Request entity too large: limit is ${MAX_BODY_BYTES}` });
}

export function notFoundPath(): ApiError {
  return new ApiError({ reason: 'NotFound', code: 404, message: 'the server could not find the requested resource', details: {} });
}

export function methodNotAllowed(): ApiError {
  return new ApiError({ reason: 'MethodNotAllowed', code: 405, message: 'the server does not allow this method on the requested resource', details: {} });
}

export function unsupportedMediaType(): ApiError {
  return new ApiError({
    reason: 'UnsupportedMediaType',
    code: 415,
    message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
  });
}

/** Read the whole body, failing with 413 past the limit (the rest of the upload is discarded). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
  });
}

export function setWarnings(res: ServerResponse, warnings: string[] | undefined): void {
  if (!warnings?.length || res.headersSent) return;
  // RFC 7234 warn-code 299, agent "-", quoted text: what the real server sends.
  res.setHeader('Warning', warnings.map((w) => `299 - ${JSON.stringify(w)}`));
}

export function sendJSON(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status): void {
  sendJSON(res, status.code, status);
}

export function successStatus(code: number, details?: Status['details']): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };
  if (details) out.details = details;
  if (code !== 200) out.code = code;
  return out;
}

export interface MediaType {
  type: string;
  params: Record<string, string>;
  raw: string;
}

/** The clauses of an Accept header, in the client's order (q-values are not used by kubectl). */
export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((clause) => clause.trim())
    .filter(Boolean)
    .map((raw) => {
      const [type, ...params] = raw.split(';').map((s) => s.trim());
      const p: Record<string, string> = {};
      for (const kv of params) {
        const i = kv.indexOf('=');
        if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
      }
      return { type: type.toLowerCase(), params: p, raw };
    });
}

/** What the client wants a read answered as. */
export type Negotiated =
  | { as: 'object' }
  | { as: 'Table'; version: string; contentType: string }
  | { as: 'PartialObjectMetadata' | 'PartialObjectMetadataList'; version: string; contentType: string };

export function negotiate(accept: string | undefined): Negotiated {
  for (const m of parseAccept(accept)) {
    if (m.type !== 'application/json' && m.type !== '*/*' && m.type !== 'application/*') continue;
    const as = m.params.as;
    if (!as) return { as: 'object' };
    if (m.params.g !== 'meta.k8s.io' || (m.params.v !== 'v1' && m.params.v !== 'v1beta1')) continue;
    if (as === 'Table' || as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      return { as, version: m.params.v, contentType: `application/json;as=${as};v=${m.params.v};g=meta.k8s.io` };
    }
  }
  return { as: 'object' };
}
