// kubectl's human-readable output of server-side Tables (cli-runtime printers/tableprinter.go):
// headers upper-cased, `-o wide` columns only when asked, NAMESPACE first with -A, `kind/name`
// when several kinds are printed, -L label columns and --show-labels last. Lines are written
// with tabs and laid out by the shared tab writer.

import type { KubeObject } from '../../../sim/api/types';
import type { TableColumn, TableRow } from '../../../sim/printers';
import { formatLabels } from '../../../sim/printers/format';
import { goNumberText } from './gofmt';

export interface Table {
  columnDefinitions: TableColumn[];
  rows: TableRow[];
  /** rows[i]'s object (what `includeObject` carries). */
  objects: KubeObject[];
}

export interface TableOptions {
  noHeaders?: boolean;
  wide?: boolean;
  withNamespace?: boolean;
  /** `deployment.apps`: prefix names with it (several kinds printed together). */
  kind?: string;
  showLabels?: boolean;
  columnLabels?: string[];
}

interface Column {
  name: string;
  type: string;
  format: string;
  priority: number;
}

/** decorateTable: the extra columns and the kind prefix, as new column and cell arrays. */
function decorate(table: Table, o: TableOptions): { columns: Column[]; rows: unknown[][] } {
  const columns: Column[] = [];
  if (o.withNamespace) columns.push({ name: 'Namespace', type: 'string', format: '', priority: 0 });
  columns.push(...table.columnDefinitions);
  for (const l of o.columnLabels ?? []) {
    const parts = l.split('/');
    columns.push({ name: parts[parts.length - 1].toUpperCase(), type: 'string', format: '', priority: 0 });
  }
  if (o.showLabels) columns.push({ name: 'Labels', type: 'string', format: '', priority: 0 });
  const nameColumn = o.kind ? table.columnDefinitions.findIndex((c) => c.format === 'name' && c.type === 'string') : -1;
  const rows = table.rows.map((row, i) => {
    const cells = [...row.cells];
    if (nameColumn >= 0) cells[nameColumn] = `${o.kind}/${goCell(cells[nameColumn])}`;
    const obj = table.objects[i];
    const out: unknown[] = [];
    if (o.withNamespace) out.push(obj?.metadata?.namespace ?? '');
    out.push(...cells);
    for (const l of o.columnLabels ?? []) out.push(obj?.metadata?.labels?.[l] ?? '');
    if (o.showLabels) out.push(formatLabels(obj?.metadata?.labels));
    return out;
  });
  return { columns, rows };
}

/** fmt.Sprint of a cell. */
function goCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return goNumberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/** printers.EscapeTerminal. */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/**
 * printTable: tab-separated lines (header unless noHeaders; nothing at all for an empty table
 * with headers). The caller feeds them to the tab writer.
 */
export function printTable(table: Table, o: TableOptions): string {
  const { columns, rows } = decorate(table, o);
  const shown = columns.map((c, i) => ({ c, i })).filter(({ c }) => o.wide || c.priority === 0);
  let out = '';
  if (!o.noHeaders) {
    if (rows.length === 0) return '';
    out += shown.map(({ c }) => c.name.toUpperCase()).join('\t') + '\n';
  }
  for (const cells of rows) {
    out +=
      shown
        .map(({ i }) => {
          const cell = cells[i];
          if (cell === null || cell === undefined) return '';
          if (typeof cell === 'string') {
            const br = cell.search(/[\f\n\r]/);
            return br >= 0 ? escapeTerminal(cell.slice(0, br)) + '...' : escapeTerminal(cell);
          }
          return escapeTerminal(goCell(cell));
        })
        .join('\t') + '\n';
  }
  return out;
}
