// meta.k8s.io Tables for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get`
// asks for), and PartialObjectMetadata: the API server prints, kubectl only lays the cells out.

import type { ResourceInfo } from '../sim/api/registry';
import type { KubeObject } from '../sim/api/types';
import { orderForTable, tableFor } from '../sim/printers';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

type Json = Record<string, unknown>;

export function partialObjectMetadata(obj: KubeObject, metaVersion = 'v1'): Json {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${metaVersion}`, metadata: obj.metadata };
}

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/**
 * A Table of `objects`. Lists are ordered as the server prints them; `noHeaders` leaves the
 * column definitions out (later events of a watch, as the real server does with NoHeaders).
 */
export function buildTable(
  info: ResourceInfo,
  objects: KubeObject[],
  opts: { now: number; resourceVersion?: string; include: IncludeObject; metaVersion?: string; noHeaders?: boolean },
): Json {
  const metaVersion = opts.metaVersion ?? 'v1';
  const ordered = orderForTable(info, objects);
  const t = tableFor(info, ordered, { now: opts.now });
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${metaVersion}`,
    metadata: opts.resourceVersion !== undefined ? { resourceVersion: opts.resourceVersion } : {},
    columnDefinitions: opts.noHeaders ? null : t.columnDefinitions,
    rows: t.rows.map((row, i) => {
      const out: Json = { ...row };
      if (opts.include === 'Object') out.object = ordered[i];
      else if (opts.include === 'Metadata') out.object = partialObjectMetadata(ordered[i], metaVersion);
      return out;
    }),
  };
}
