// `kubectl diff -f FILE` (kubectl/pkg/cmd/diff): the live objects and what applying the files
// would make of them (a server-side dry run of client-side apply's patch, or of the create),
// both as YAML without managedFields or the last-applied annotation, compared as
// `diff -u -N LIVE-dir MERGED-dir` compares them. Exit 1 when they differ, 0 when not, and
// errors exit 2 (kubectl adds one to the usual code so that 1 keeps meaning "differences").
//
// The temporary folder names and file times come from the virtual clock, where kubectl's
// come from random numbers and the wall clock.

import { isApiError } from '../../../sim/api/errors';
import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { checkErr, KubectlError, SilentExit, UsageError } from '../errors';
import type { FlagDef } from '../flags';
import { readManifests } from '../manifests';
import { toGoYaml } from '../printers/goyaml';
import { threeWayMergePatch } from '../threeway';
import { LAST_APPLIED } from './apply';
import { goMarshal } from '../printers/gojson';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files contains the configuration to diff' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'server-side', type: 'bool', usage: 'If true, apply runs in the server instead of the client.' },
  { name: 'force-conflicts', type: 'bool', usage: 'If true, server-side apply will force the changes against conflicts.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
  { name: 'prune', type: 'bool', usage: 'Include resources that would be deleted by pruning.' },
  { name: 'prune-allowlist', type: 'stringArray', usage: 'Overwrite the default allowlist with <group/version/kind> for --prune' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, include managed fields in the diff.' },
  { name: 'concurrency', type: 'int', default: 1, usage: 'Number of objects to process in parallel when diffing against the live version.' },
];

export function diffCommand(env: Env): Command {
  return {
    name: 'diff',
    short: 'Diff the live version against a would-be applied version',
    use: '-f FILENAME',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => {
      try {
        runDiff(env, ctx);
      } catch (e) {
        if (e instanceof SilentExit) throw e;
        // CheckDiffErr: the usual message, with the exit code plus one.
        const r = checkErr(e);
        env.err(r.stderr);
        throw new SilentExit(r.exitCode + 1);
      }
    },
  };
}

/** The object as kubectl diff writes it: no managedFields, no last-applied annotation. */
function cleaned(o: Obj, showManagedFields: boolean): Obj {
  const md = { ...((o.metadata ?? {}) as Obj) };
  if (!showManagedFields) delete md.managedFields;
  if (md.annotations) {
    const a = { ...(md.annotations as Record<string, string>) };
    delete a[LAST_APPLIED];
    md.annotations = a;
  }
  return { ...o, metadata: md };
}

/** GetModifiedConfiguration: the local object with last-applied holding its own JSON. */
function withLastApplied(obj: Obj): Obj {
  const metadata = { ...((obj.metadata ?? {}) as Obj) };
  const annotations = { ...((metadata.annotations ?? {}) as Record<string, string>) };
  delete annotations[LAST_APPLIED];
  const bare: Obj = { ...obj, metadata: { ...metadata, annotations } };
  return { ...obj, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: goMarshal(bare as never) + '\n' } } };
}

/** `2026-11-23 16:57:36.000000000 +0000`, as GNU diff prints file times. */
function diffTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000000 +0000`;
}

function runDiff(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (ctx.args.length > 0) throw new UsageError(ctx.path, `Unexpected args: [${ctx.args.join(' ')}]`);
  const files = f.strings('filename');
  if (files.length === 0 && !f.string('kustomize')) throw new KubectlError('must specify one of -f and -k');
  if (f.string('kustomize') || f.bool('server-side') || f.bool('prune')) throw new KubectlError('this form of "kubectl diff" is not available in Clusterlab\'s terminal yet');
  const objects = readManifests(env, files, cfg.namespace, f.isChanged('namespace'));
  const show = f.bool('show-managed-fields');
  const pairs: { name: string; live: string; merged: string }[] = [];
  for (const m of objects) {
    const ns = m.mapping.namespaced ? m.namespace : undefined;
    const live = env.api.tryGet(m.mapping, ns, m.name) as unknown as Obj | undefined;
    let merged: Obj;
    if (!live) {
      merged = env.api.create(m.mapping, m.object as unknown as KubeObject, { namespace: ns, dryRun: true, decode: true, fieldManager: f.string('field-manager'), actor: 'kubectl' }) as unknown as Obj;
    } else {
      const modified = withLastApplied(m.object);
      let original: Obj | undefined;
      try {
        const la = (live.metadata as { annotations?: Record<string, string> }).annotations?.[LAST_APPLIED];
        original = la ? (JSON.parse(la) as Obj) : undefined;
      } catch {
        original = undefined;
      }
      const patch = threeWayMergePatch(original, modified, live, m.mapping.kind);
      try {
        merged = env.api.patch(m.mapping, ns, m.name, 'strategic', patch, { dryRun: true, decode: true, fieldManager: f.string('field-manager'), actor: 'kubectl' }) as unknown as Obj;
      } catch (e) {
        if (isApiError(e, 'NotFound')) throw e;
        throw e;
      }
    }
    const group = m.mapping.group ? `${m.mapping.group}.` : '';
    pairs.push({
      name: `${group}${m.mapping.version}.${m.mapping.kind}.${ns ?? ''}.${m.name}`,
      live: live ? toGoYaml(cleaned(live, show) as never) : '',
      merged: toGoYaml(cleaned(merged, show) as never),
    });
  }
  // diff walks the two folders in name order.
  pairs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seconds = Math.floor(env.now() / 1000);
  const liveDir = `/tmp/LIVE-${seconds % 4294967296}`;
  const mergedDir = `/tmp/MERGED-${(seconds * 7 + 1) % 4294967296}`;
  const time = diffTime(env.now());
  let differs = false;
  for (const p of pairs) {
    const hunks = unifiedDiff(p.live, p.merged);
    if (!hunks) continue;
    differs = true;
    env.out(`diff -u -N ${liveDir}/${p.name} ${mergedDir}/${p.name}\n--- ${liveDir}/${p.name}\t${time}\n+++ ${mergedDir}/${p.name}\t${time}\n${hunks}`);
  }
  if (differs) throw new SilentExit(1);
}

// ------------------------------------------------------------------ unified diff

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** GNU `diff -u` hunks (3 lines of context) between two texts, or '' when they are equal. */
export function unifiedDiff(a: string, b: string, context = 3): string {
  const x = splitLines(a);
  const y = splitLines(b);
  // Longest common subsequence table, from the ends.
  const n = x.length;
  const m = y.length;
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  type Op = { t: ' ' | '-' | '+'; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) ops.push({ t: ' ', line: x[i], ai: i++, bi: j++ });
    else if (j < m && (i >= n || lcs[i][j + 1] > lcs[i + 1][j])) ops.push({ t: '+', line: y[j], ai: i, bi: j++ });
    else ops.push({ t: '-', line: x[i], ai: i++, bi: j });
  }
  const changes = ops.map((o, k) => (o.t !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changes.length === 0) return '';
  // Group changes whose context overlaps into hunks.
  const groups: [number, number][] = [];
  for (const k of changes) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * context) last[1] = k;
    else groups.push([k, k]);
  }
  let out = '';
  for (const [first, lastChange] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length - 1, lastChange + context);
    const slice = ops.slice(start, end + 1);
    const aCount = slice.filter((o) => o.t !== '+').length;
    const bCount = slice.filter((o) => o.t !== '-').length;
    const aStart = slice[0].ai + (aCount ? 1 : 0);
    const bStart = slice[0].bi + (bCount ? 1 : 0);
    const range = (s: number, c: number) => (c === 1 ? `${s}` : `${s},${c}`);
    out += `@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@\n`;
    for (const o of slice) out += `${o.t}${o.line}\n`;
  }
  return out;
}
