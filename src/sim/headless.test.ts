// The simulation core must stay headless and deterministic: no UI or DOM, no wall clock, no
// ambient randomness or timers (DESIGN.md). This check keeps it that way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

const FORBIDDEN: [RegExp, string][] = [
  [/from ['"](react|react-dom|@xyflow\/[^'"]+|monaco-editor|@monaco-editor\/[^'"]+|zustand)['"]/, 'UI library import'],
  [/from ['"]\.\.?\/(?:\.\.\/)*(ui|cli|server|worker|host)\//, 'import from outside the core'],
  [/\b(document|window)\./, 'DOM access'],
  [/\bDate\.now\(/, 'wall clock (use the injected Clock)'],
  [/\bnew Date\(\)/, 'wall clock (use the injected Clock)'],
  [/\bMath\.random\(/, 'ambient randomness (use the injected Random)'],
  // A call, not a key of an adapter handing xstate the Clock (`setTimeout: (fn, ms) => ...`).
  [/(?<![.\w])(setTimeout|setInterval|setImmediate|queueMicrotask)\((?![^)]*:)/, 'real timers (use the Clock)'],
  [/\bperformance\.now\(/, 'wall clock (use the injected Clock)'],
];

describe('src/sim is headless and deterministic', () => {
  it('has no forbidden imports or globals', () => {
    const problems: string[] = [];
    for (const file of sources(root)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const [re, why] of FORBIDDEN) if (re.test(line)) problems.push(`${relative(root, file)}:${i + 1}: ${why}: ${line.trim()}`);
      });
    }
    expect(problems).toEqual([]);
  });
});
