// ConfigMap and Secret (pkg/apis/core/validation). Secret `data` arrives as base64 in JSON; the
// size limit counts decoded bytes. Base64 that does not decode is a decode error (400), which
// `secretDataDecodeError` reports for the API server to raise before validation.

import { fieldErr, type FieldError } from '../errors';
import { nameIsDNSSubdomain, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import { byteLength, deepEqual, isConfigMapKey, key, obj, str, type Errs, type Obj } from './util';

export const MAX_SECRET_SIZE = 1024 * 1024;

/** Go's base64.StdEncoding error for a bad value, or '' if it decodes. */
export function base64Error(raw: string): string {
  const s = raw.replace(/[\r\n]/g, ''); // Go's decoder skips newlines
  const body = s.replace(/=+$/, '');
  for (let i = 0; i < body.length; i++) if (!/[A-Za-z0-9+/]/.test(body[i])) return `illegal base64 data at input byte ${i}`;
  if (s.length % 4 !== 0 || body.length % 4 === 1) return `illegal base64 data at input byte ${body.length - (body.length % 4)}`;
  return '';
}

/** The decode error the API server returns for a Secret whose data is not base64, if any. */
export function secretDataDecodeError(o: Obj): string | undefined {
  for (const v of Object.values(obj(o.data))) {
    const e = base64Error(str(v));
    if (e) return e;
  }
  return undefined;
}

const decodedLength = (b64: string): number => {
  const body = b64.replace(/=+$/, '');
  return Math.floor((body.length * 3) / 4);
};

function immutableErrs(o: Obj, old: Obj, fields: string[]): Errs {
  if (old.immutable !== true) return [];
  const out: FieldError[] = [];
  if (o.immutable !== true) out.push(fieldErr.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(o[f] ?? {}, old[f] ?? {})) out.push(fieldErr.forbidden(f, 'field is immutable when `immutable` is set'));
  return out;
}

export function configMapErrs(cm: Obj): Errs {
  const out = objectMetaErrs(cm.metadata, true, nameIsDNSSubdomain);
  let size = 0;
  const binary = obj(cm.binaryData);
  for (const [k, v] of Object.entries(obj(cm.data))) {
    for (const m of isConfigMapKey(k)) out.push(fieldErr.invalid(key('data', k), k, m));
    if (k in binary) out.push(fieldErr.invalid(key('data', k), k, 'duplicate of key present in binaryData'));
    size += byteLength(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) out.push(fieldErr.invalid(key('binaryData', k), k, m));
    size += decodedLength(str(v));
  }
  // Upstream passes field.NewPath(""), which prints as "[]".
  if (size > MAX_SECRET_SIZE) out.push(fieldErr.tooLong('[]', MAX_SECRET_SIZE));
  return out;
}

export function configMapUpdateErrs(cm: Obj, old: Obj): Errs {
  return [...objectMetaUpdateErrs(cm.metadata, old.metadata), ...immutableErrs(cm, old, ['data', 'binaryData']), ...configMapErrs(cm)];
}

export function secretErrs(s: Obj): Errs {
  const out = objectMetaErrs(s.metadata, true, nameIsDNSSubdomain);
  const data = obj(s.data);
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) out.push(fieldErr.invalid(key('data', k), k, m));
    size += decodedLength(str(v));
  }
  if (size > MAX_SECRET_SIZE) out.push(fieldErr.tooLong('data', MAX_SECRET_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  const jsonOk = (k: string): string => {
    try {
      JSON.parse(atob(str(data[k])));
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  switch (str(s.type)) {
    case 'kubernetes.io/service-account-token':
      if (!str(obj(obj(s.metadata).annotations)['kubernetes.io/service-account.name']))
        out.push(fieldErr.required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const k = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(k)) out.push(fieldErr.required(key('data', k)));
      else if (jsonOk(k)) out.push(fieldErr.invalid(key('data', k), '<secret contents redacted>', jsonOk(k)));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) out.push(fieldErr.required('data[username]'), fieldErr.required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) out.push(fieldErr.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) out.push(fieldErr.required('data[tls.crt]'));
      if (!has('tls.key')) out.push(fieldErr.required('data[tls.key]'));
      break;
  }
  return out;
}

export function secretUpdateErrs(s: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(s.metadata, old.metadata);
  if (str(s.type) !== str(old.type)) out.push(fieldErr.invalid('type', str(s.type), 'field is immutable'));
  return [...out, ...immutableErrs(s, old, ['data']), ...secretErrs(s)];
}
