// The shapes of a meta.k8s.io/v1 Table (without list metadata and row objects, which the caller
// adds) and the small vocabulary printers are written in.

import type { KubeObject } from '../api/types';

export interface TableColumn {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

/** metav1.TableRowCondition: the server marks finished pods `Completed` so clients may hide them. */
export interface TableRowCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
}

/** A printer for one kind: its column definitions and how one object becomes one row. */
export interface Printer {
  columns: TableColumn[];
  row(obj: KubeObject, now: number): TableRow;
  /** Reorders a list before printing (FlowSchemas print in matching order). */
  sort?(objs: KubeObject[]): KubeObject[];
}

/** A column definition; `priority: 1` columns are the ones kubectl shows only with `-o wide`. */
export function col(name: string, type: string, description: string, opts: { priority?: number; format?: string } = {}): TableColumn {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 };
}

export const wide = { priority: 1 };

// metav1.ObjectMeta{}.SwaggerDoc() entries, as a 1.3x API server sends them.
export const NAME_DESC =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
export const CREATION_DESC =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const nameCol = () => col('Name', 'string', NAME_DESC, { format: 'name' });
export const ageCol = () => col('Age', 'string', CREATION_DESC);
export const CONTAINERS_DESC = 'Names of each container in the template.';
export const IMAGES_DESC = 'Images referenced by each container in the template.';

/** Row helper: the object's name. */
export const nameOf = (o: KubeObject): string => o.metadata?.name ?? '';
