// What the editor shows after Apply, Dry run or Delete: one kubectl-style line per document
// (`deployment.apps/web created`, `Error from server (Invalid): ...`), and an error marker
// (a red squiggle) at the manifest line each error points at. Pure: no Monaco, no DOM.

import type { ApplyResult } from '../../../worker/protocol';

export type Verb = 'apply' | 'dry-run' | 'delete';

export interface ResultLine {
  kind: 'ok' | 'error';
  text: string;
  /** 1-based line of the manifest an error points at. */
  line?: number;
  column?: number;
}

/** kubectl's wording for a result: `<ref> <outcome>`, or the error as kubectl prints it. */
export function formatResult(r: ApplyResult): ResultLine {
  if (!r.error) return { kind: 'ok', text: `${r.ref ?? `document ${r.doc + 1}`} ${r.outcome ?? 'done'}` };
  const reason = r.error.status?.reason;
  const text = reason ? `Error from server (${reason}): ${r.error.message}` : `error: ${r.error.message}`;
  return { kind: 'error', text, line: r.error.line, column: r.error.column };
}

export function formatResults(results: ApplyResult[], verb: Verb): ResultLine[] {
  if (results.length === 0) {
    return [{ kind: 'error', text: verb === 'delete' ? 'error: no objects passed to delete' : 'error: no objects passed to apply' }];
  }
  return results.map(formatResult);
}

/** Monaco's MarkerSeverity.Error (kept as a number so this module needs no Monaco). */
export const SEVERITY_ERROR = 8;

/** The fields of monaco.editor.IMarkerData this module sets. */
export interface MarkerData {
  severity: number;
  message: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * An error marker for each failed document, on the line (and from the column) the error points
 * at, clamped to the text as it is now. Without a column the line's text is underlined; a
 * blank line gets a one-character marker so it still shows.
 */
export function errorMarkers(results: ApplyResult[], text: string): MarkerData[] {
  const lines = text.split(/\r?\n/);
  const out: MarkerData[] = [];
  for (const r of results) {
    if (!r.error) continue;
    const lineNumber = Math.min(Math.max(1, r.error.line || 1), lines.length);
    const lineText = lines[lineNumber - 1];
    const end = lineText.trimEnd().length + 1;
    const indent = lineText.length - lineText.trimStart().length + 1;
    let start = r.error.column && r.error.column < end ? r.error.column : indent;
    let endColumn = end;
    if (start >= endColumn) {
      start = 1;
      endColumn = Math.max(2, lineText.length + 1);
    }
    out.push({
      severity: SEVERITY_ERROR,
      message: r.error.message,
      source: r.error.status ? 'kube-apiserver' : 'kubectl',
      startLineNumber: lineNumber,
      startColumn: start,
      endLineNumber: lineNumber,
      endColumn,
    });
  }
  return out;
}
