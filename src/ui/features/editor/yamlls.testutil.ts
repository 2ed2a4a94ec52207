// Test helper: the real YAML language service the editor runs (monaco-yaml's worker, which
// bundles yaml-language-server), started in Node and driven through Monaco's worker protocol,
// so tests check what a learner would see: diagnostics, completions and hovers.
// Coupled to monaco-editor 0.52's SimpleWorker messages (the version is pinned).

import type { JSONSchema } from './schema';
import { yamlOptions } from './yamlOptions';

interface Position {
  line: number; // 0-based, as the language server counts
  character: number;
}

export interface Diagnostic {
  message: string;
  severity: number; // 1 error, 2 warning
  range: { start: Position; end: Position };
}

export interface YamlLanguageService {
  validate(text: string): Promise<Diagnostic[]>;
  complete(text: string, at: Position): Promise<{ items: { label: string; documentation?: unknown }[] }>;
  hover(text: string, at: Position): Promise<{ contents: { kind: string; value: string } } | null>;
}

const WORKER_ID = 1;

let started: { schema: JSONSchema; service: Promise<YamlLanguageService> } | undefined;

/** The language service configured with `schema`; Monaco's worker starts once per test file, so one schema per file. */
export function startYamlLanguageService(schema: JSONSchema): Promise<YamlLanguageService> {
  if (started && started.schema !== schema) throw new Error('startYamlLanguageService: one schema per test file');
  started ??= { schema, service: start(schema) };
  return started.service;
}

async function start(schema: JSONSchema): Promise<YamlLanguageService> {
  const g = globalThis as any;
  g.self ??= globalThis;
  // Evaluating the worker entry installs self.onmessage.
  await import('monaco-yaml/yaml.worker.js');
  const pending = new Map<string, { resolve(v: unknown): void; reject(e: unknown): void }>();
  // Installed after the import: Monaco's platform module probes postMessage when it loads.
  g.postMessage = (msg: { type: number; seq: string; res: unknown; err: unknown }) => {
    const p = msg.type === 1 ? pending.get(msg.seq) : undefined;
    if (!p) return;
    pending.delete(msg.seq);
    if (msg.err) p.reject(msg.err);
    else p.resolve(msg.res);
  };
  g.onmessage(); // the first message starts Monaco's worker server
  let seq = 0;
  const call = (method: string, args: unknown[]) =>
    new Promise<any>((resolve, reject) => {
      const req = String(++seq);
      pending.set(req, { resolve, reject });
      g.onmessage({ data: { vsWorker: WORKER_ID, req, channel: 'default', method, args, type: 0 } });
    });
  await call('$initialize', [WORKER_ID, null, null]);
  await call('$loadForeignModule', ['yaml', yamlOptions(schema), []]);

  let n = 0;
  const withModel = async <T>(text: string, fn: (uri: string) => Promise<T>): Promise<T> => {
    const uri = `file:///test-${++n}.yaml`;
    await call('$acceptNewModel', [{ url: uri, versionId: 1, lines: text.split('\n'), EOL: '\n' }]);
    try {
      return await fn(uri);
    } finally {
      await call('$acceptRemovedModel', [uri]);
    }
  };
  return {
    validate: (text) => withModel(text, (uri) => call('$fmr', ['doValidation', [uri]])),
    complete: (text, at) => withModel(text, (uri) => call('$fmr', ['doComplete', [uri, at]])),
    hover: (text, at) => withModel(text, (uri) => call('$fmr', ['doHover', [uri, at]])),
  };
}
