// The terminal's line editor, as readline/bash does it, free of xterm: a buffer and cursor,
// history (up/down), Ctrl-R reverse search, Ctrl-C to drop the line. xterm only renders what
// `view()` returns, so this logic is tested in Node.

export interface EditorView {
  /** What the current line shows after the prompt (or the reverse-search prompt). */
  text: string;
  /** Cursor position in `text`. */
  cursor: number;
  /** True while in Ctrl-R search: the prompt is replaced by `text`. */
  searching: boolean;
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  readonly history: string[] = [];
  /** Index into history while browsing with up/down; history.length = the line being typed. */
  private histIndex = 0;
  /** The line being typed before browsing history (restored when coming back down). */
  private draft = '';
  private search: { query: string; match: number } | undefined;

  insert(s: string): void {
    if (this.search) {
      this.search.query += s;
      this.findFrom(this.history.length - 1);
      return;
    }
    this.buffer = this.buffer.slice(0, this.cursor) + s + this.buffer.slice(this.cursor);
    this.cursor += s.length;
  }

  backspace(): void {
    if (this.search) {
      this.search.query = this.search.query.slice(0, -1);
      this.findFrom(this.history.length - 1);
      return;
    }
    if (this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
  }

  deleteForward(): void {
    this.endSearch();
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
  }

  left(): void {
    this.endSearch();
    this.cursor = Math.max(0, this.cursor - 1);
  }

  right(): void {
    this.endSearch();
    this.cursor = Math.min(this.buffer.length, this.cursor + 1);
  }

  home(): void {
    this.endSearch();
    this.cursor = 0;
  }

  end(): void {
    this.endSearch();
    this.cursor = this.buffer.length;
  }

  /** Ctrl-U: delete from the start of the line to the cursor. */
  killToStart(): void {
    this.endSearch();
    this.buffer = this.buffer.slice(this.cursor);
    this.cursor = 0;
  }

  /** Ctrl-K: delete from the cursor to the end. */
  killToEnd(): void {
    this.endSearch();
    this.buffer = this.buffer.slice(0, this.cursor);
  }

  /** Ctrl-W: delete the word before the cursor. */
  killWord(): void {
    this.endSearch();
    const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
    this.buffer = before + this.buffer.slice(this.cursor);
    this.cursor = before.length;
  }

  up(): void {
    this.endSearch();
    if (this.histIndex === 0) return;
    if (this.histIndex === this.history.length) this.draft = this.buffer;
    this.histIndex--;
    this.setBuffer(this.history[this.histIndex]);
  }

  down(): void {
    this.endSearch();
    if (this.histIndex >= this.history.length) return;
    this.histIndex++;
    this.setBuffer(this.histIndex === this.history.length ? this.draft : this.history[this.histIndex]);
  }

  /** Ctrl-R: start a reverse search, or find the next older match. */
  reverseSearch(): void {
    if (!this.search) {
      this.search = { query: '', match: -1 };
      return;
    }
    this.findFrom(this.search.match - 1);
  }

  /** Enter: the line to run (a search accepts its match); it goes into history if not blank. */
  accept(): string {
    this.endSearch();
    const line = this.buffer;
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.reset();
    return line;
  }

  /** Ctrl-C: drop the line (and any search). */
  cancel(): void {
    this.search = undefined;
    this.reset();
  }

  /** Replace `[from, cursor)` with `text` (Tab completion). */
  replace(from: number, text: string): void {
    this.endSearch();
    this.buffer = this.buffer.slice(0, from) + text + this.buffer.slice(this.cursor);
    this.cursor = from + text.length;
  }

  view(): EditorView {
    if (this.search) {
      const match = this.search.match >= 0 ? this.history[this.search.match] : '';
      const failed = this.search.query !== '' && this.search.match < 0 ? 'failed ' : '';
      const head = `(${failed}reverse-i-search)\`${this.search.query}': `;
      const at = this.search.match >= 0 ? match.indexOf(this.search.query) : 0;
      return { text: head + match, cursor: head.length + Math.max(0, at), searching: true };
    }
    return { text: this.buffer, cursor: this.cursor, searching: false };
  }

  get searching(): boolean {
    return this.search !== undefined;
  }

  /** Leave the search, keeping its match as the line being edited (as readline does). */
  endSearch(): void {
    if (!this.search) return;
    if (this.search.match >= 0) this.setBuffer(this.history[this.search.match]);
    this.search = undefined;
  }

  private findFrom(start: number): void {
    const s = this.search!;
    for (let i = Math.min(start, this.history.length - 1); i >= 0; i--) {
      if (this.history[i].includes(s.query)) {
        s.match = i;
        return;
      }
    }
    if (s.query === '') return;
    // No older match: keep the current one if it still matches, as bash does, else fail.
    if (s.match >= 0 && !this.history[s.match].includes(s.query)) s.match = -1;
  }

  private setBuffer(s: string): void {
    this.buffer = s;
    this.cursor = s.length;
  }

  private reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.histIndex = this.history.length;
    this.draft = '';
  }
}
