// Splitting a command line into words as bash does for a simple command: blanks separate words,
// '...' is literal, "..." keeps spaces and honours \" \\ \$ \`, $'...' reads C escapes (\n, \t),
// a backslash escapes the next character outside quotes. No expansion, pipes or redirection: the
// terminal handles those.

export class ShellSyntaxError extends Error {}

export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '$' && line[i + 1] === "'") {
      const [text, end] = ansiC(line, i + 2);
      word += text;
      i = end;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`\n'.includes(line[j + 1])) {
          j++;
          if (line[j] !== '\n') word += line[j];
        } else {
          word += line[j];
        }
      }
      if (j >= line.length) throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'');
      i = j;
    } else if (c === '\\') {
      if (i + 1 < line.length) {
        i++;
        if (line[i] !== '\n') word += line[i];
      }
    } else {
      word += c;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const C_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** The body of $'...' from `start`: the text and the index of the closing quote. */
function ansiC(line: string, start: number): [string, number] {
  let out = '';
  for (let i = start; i < line.length; i++) {
    const c = line[i];
    if (c === "'") return [out, i];
    if (c !== '\\' || i + 1 >= line.length) {
      out += c;
      continue;
    }
    const e = line[++i];
    if (e in C_ESCAPES) {
      out += C_ESCAPES[e];
    } else if (e === 'x') {
      const m = /^[0-9a-fA-F]{1,2}/.exec(line.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
    } else if (e === 'u' || e === 'U') {
      const m = new RegExp(`^[0-9a-fA-F]{1,${e === 'u' ? 4 : 8}}`).exec(line.slice(i + 1));
      if (m) {
        out += String.fromCodePoint(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\' + e;
    } else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(line.slice(i))!;
      out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else {
      out += '\\' + e;
    }
  }
  throw new ShellSyntaxError("unexpected EOF while looking for matching `''");
}
