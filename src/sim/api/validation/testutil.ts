// Test helpers: run an object through defaulting and validation as the API server would, and
// return the errors as the "field: body" lines of a 422 message.

import { applyDefaults, applyJobSelectorDefaults } from '../defaults';
import type { FieldError } from '../errors';
import { resourceForKind, type ResourceInfo } from '../registry';
import type { KubeObject } from '../types';
import { validateCreate, validateUpdate } from './index';

export const lines = (errs: FieldError[]): string[] => errs.map((e) => `${e.field}: ${e.body}`);

export function infoOf(o: KubeObject): ResourceInfo {
  const info = resourceForKind(o.apiVersion, o.kind);
  if (!info) throw new Error(`not served: ${o.apiVersion} ${o.kind}`);
  return info;
}

/** Default (with the request namespace and a uid filled in, as the server does) and validate. */
export function create(o: KubeObject): string[] {
  const info = infoOf(o);
  const obj: KubeObject = structuredClone(o);
  obj.metadata ??= {};
  if (info.namespaced && obj.metadata.namespace === undefined) obj.metadata.namespace = 'default';
  applyDefaults(info, obj);
  obj.metadata.uid ??= 'uid-1';
  if (info.kind === 'Job') applyJobSelectorDefaults(obj);
  return lines(validateCreate(info, obj));
}

/** Default both objects, stamp the old one as stored, and validate the update. */
export function update(newObj: KubeObject, oldObj: KubeObject): string[] {
  const info = infoOf(newObj);
  const prep = (o: KubeObject) => {
    const c: KubeObject = structuredClone(o);
    c.metadata ??= {};
    if (info.namespaced) c.metadata.namespace ??= 'default';
    applyDefaults(info, c);
    c.metadata.uid ??= 'uid-1';
    c.metadata.resourceVersion ??= '1';
    if (info.kind === 'Job') applyJobSelectorDefaults(c);
    return c;
  };
  return lines(validateUpdate(info, prep(newObj), prep(oldObj)));
}

export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

export function pod(spec: Record<string, any> = {}, meta: Record<string, any> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
  };
}

export function deployment(spec: Record<string, any> = {}, meta: Record<string, any> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...meta },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      ...spec,
    },
  };
}
