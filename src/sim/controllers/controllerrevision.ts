// ControllerRevisions: the template history of DaemonSets and StatefulSets
// (pkg/controller/history and the DaemonSet controller's snapshot). A revision stores a strategic
// merge patch `{"spec":{"template":{..., "$patch":"replace"}}}` that restores the template, and
// is named `<owner>-<hash>`.

import type { KubeObject, PodTemplateSpec } from '../api/types';
import { NAME_SUFFIX_ALPHABET } from '../random';
import { canonicalJSON, deepClone, deepEqual } from '../util/json';
import { controllerRef } from './podutil';

/** Label DaemonSet pods and revisions carry (apps.DefaultDaemonSetUniqueLabelKey / ControllerRevisionHashLabelKey). */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** Label history.NewControllerRevision puts on StatefulSet revisions. */
export const CONTROLLER_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface ControllerRevision extends KubeObject {
  data?: { spec?: { template?: PodTemplateSpec & { $patch?: string } } };
  revision: number;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `s` (hash/fnv New32a). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  const bytes = utf8(s);
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function utf8(s: string): Uint8Array | number[] {
  // ASCII fast path: API objects are almost always ASCII.
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) { ascii = false; break; }
  if (!ascii) return new TextEncoder().encode(s);
  const out = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** rand.SafeEncodeString: each character mapped into the vowel-free alphabet (no bad words). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_SUFFIX_ALPHABET[s.charCodeAt(i) % NAME_SUFFIX_ALPHABET.length];
  return out;
}

/**
 * controller.ComputeHash: the hash of a pod template (plus the collision count), as used for
 * `pod-template-hash` and the DaemonSet's `controller-revision-hash`. Upstream hashes Go's
 * printed struct; we hash canonical JSON, so values differ from a real cluster but have its shape.
 */
export function computeHash(template: unknown, collisionCount?: number): string {
  const text = canonicalJSON(template) + (collisionCount ? String(collisionCount) : '');
  return safeEncodeString(String(fnv32a(text)));
}

/** The revision data: a patch that replaces spec.template (daemon getPatch / statefulset getPatch). */
export function templatePatch(template: PodTemplateSpec): ControllerRevision['data'] {
  return { spec: { template: { ...deepClone(template), $patch: 'replace' } } };
}

/** The template a revision restores (ApplyRevision). */
export function templateOf(rev: ControllerRevision): PodTemplateSpec | undefined {
  const t = rev.data?.spec?.template;
  if (!t) return undefined;
  const { $patch: _ignored, ...rest } = deepClone(t);
  return rest as PodTemplateSpec;
}

/** Whether the revision stores exactly this template (daemon.Match / history.EqualRevision). */
export function revisionMatches(rev: ControllerRevision, template: PodTemplateSpec): boolean {
  return deepEqual(rev.data, templatePatch(template));
}

/** history.HashControllerRevision: hash of the revision data and the collision count. */
export function hashRevisionData(data: ControllerRevision['data'], collisionCount?: number): string {
  return safeEncodeString(String(fnv32a(canonicalJSON(data) + (collisionCount !== undefined ? String(collisionCount) : ''))));
}

/** history.ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to keep the name valid. */
export function revisionName(prefix: string, hash: string): string {
  if (prefix.length > 223) prefix = prefix.slice(0, 223);
  return `${prefix}-${hash}`;
}

/** A new ControllerRevision body owned by `owner`. */
export function newControllerRevision(
  owner: KubeObject,
  name: string,
  labels: Record<string, string>,
  data: ControllerRevision['data'],
  revision: number,
  annotations?: Record<string, string>,
): ControllerRevision {
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels,
      annotations: annotations && Object.keys(annotations).length ? { ...annotations } : undefined,
      ownerReferences: [controllerRef(owner)],
    },
    data,
    revision,
  };
}

export function maxRevision(revs: ControllerRevision[]): number {
  let max = 0;
  for (const r of revs) if (r.revision > max) max = r.revision;
  return max;
}

/** Oldest revision first (historiesByRevision), name as tie-breaker for determinism. */
export function byRevision(a: ControllerRevision, b: ControllerRevision): number {
  if (a.revision !== b.revision) return a.revision - b.revision;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}
