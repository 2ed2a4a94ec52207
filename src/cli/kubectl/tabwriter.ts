// Go's text/tabwriter (the liggitt/tabwriter fork kubectl vendors), enough of it to lay out
// kubectl's tables byte for byte: cells end with '\t', lines with '\n', each column is as wide as
// its widest cell in a block of consecutive lines plus the padding, never under minWidth, and the
// last cell of a line is never padded. Widths count code points, as Go's utf8.RuneCount does.

export interface TabWriterOptions {
  minWidth: number;
  tabWidth: number;
  padding: number;
  /** Keep column widths across flushes (RememberWidths, used by `get -w`). */
  rememberWidths?: boolean;
}

/** kubectl's printers.GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, spaces. */
export const KUBECTL_TABWRITER: TabWriterOptions = { minWidth: 6, tabWidth: 4, padding: 3, rememberWidths: true };

interface Cell {
  text: string;
  width: number;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private remembered: number[] = [];
  private out = '';

  constructor(private readonly opts: TabWriterOptions) {}

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t' || ch === '\v') {
        this.terminateCell();
      } else if (ch === '\n' || ch === '\f') {
        this.terminateCell();
        const ncells = this.lines[this.lines.length - 1].length;
        this.lines.push([]);
        // A line with a single cell does not affect alignment: flush what is buffered (as Go does).
        if (ch === '\f' || ncells === 1) this.flushInternal();
      } else {
        this.cell += ch;
      }
    }
  }

  /** Format and return everything buffered so far (Go's Flush). */
  flush(): string {
    this.flushInternal();
    const out = this.out;
    this.out = '';
    return out;
  }

  /** Forget remembered widths (kubectl does this between resource kinds). */
  resetRememberedWidths(): void {
    this.remembered = [];
  }

  private terminateCell(): void {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: [...this.cell].length });
    this.cell = '';
  }

  private flushInternal(): void {
    // A partial last cell (text after the last newline) stays a cell of the last line.
    if (this.cell.length > 0) this.terminateCell();
    this.format(0, this.lines.length);
    // Go writes a trailing partial line without a newline; the last "line" here is empty after a
    // newline, so nothing more to write.
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      if (column >= line.length - 1) continue;
      // A cell exists in this column: this starts a column block.
      this.writeLines(line0, i);
      line0 = i;
      let width = this.opts.minWidth;
      for (; i < line1; i++) {
        const l = this.lines[i];
        if (column >= l.length - 1) break;
        const w = l[column].width + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) {
        const prev = this.remembered[column] ?? 0;
        if (prev > width) width = prev;
        this.remembered[column] = width;
      }
      this.widths.push(width);
      this.format(line0, i);
      this.widths.pop();
      line0 = i;
      i--; // the outer loop's i++ must re-examine line i
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length && j < line.length - 1) this.out += ' '.repeat(Math.max(0, this.widths[j] - c.width));
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }
}

/** Lay out complete lines (each ending in '\n') with kubectl's tabwriter settings. */
export function tabulate(text: string, opts: TabWriterOptions = KUBECTL_TABWRITER): string {
  const w = new TabWriter({ ...opts, rememberWidths: false });
  w.write(text);
  return w.flush();
}
