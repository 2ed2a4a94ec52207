// `kubectl wait --for=condition=X|delete|create|jsonpath=... (TYPE NAME | -l ... | --all)`
// (kubectl/pkg/cmd/wait): `deployment.apps/web condition met` per object.
//
// Against the virtual clock: while kubectl would wait, virtual time runs (Env.waitFor) until the
// condition holds or --timeout (default 30s) passes. On a paused clock the cluster cannot change,
// so a condition not met now is reported at once with kubectl's `timed out waiting for the
// condition on deployments/web`, whatever --timeout says.

import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, SilentExit } from '../errors';
import { parseDuration, type FlagDef } from '../flags';
import { nameOf } from '../printers';
import { JsonPath, JsonPathError, relaxedJsonPathExpression } from '../printers/jsonpath';
import { build } from '../resources';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  { name: 'for', type: 'string', usage: 'The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath=\'{JSONPath expression}\'=[JSONPath value]].' },
  { name: 'timeout', type: 'duration', default: '30s', usage: 'The length of time to wait before giving up.' },
  { name: 'all', type: 'bool', usage: 'Select all resources in the namespace of the specified resource types' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
  { name: 'field-selector', type: 'string', usage: 'Selector (field query) to filter on.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'identifying the resource.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', default: true, usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'local', type: 'bool', usage: 'If true, annotation will NOT contact api-server but run locally.' },
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
];

export function waitCommand(env: Env): Command {
  return {
    name: 'wait',
    short: 'Experimental: Wait for a specific condition on one or many resources',
    suggestFor: ['list', 'ps'],
    use: '([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]]',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runWait(env, ctx),
  };
}

type Check = { kind: 'delete' } | { kind: 'create' } | { kind: 'condition'; name: string; value: string } | { kind: 'jsonpath'; path: JsonPath; value?: string };

/** conditionFuncFor. */
export function parseFor(condition: string): Check {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = condition.slice('condition='.length);
    // kubectl fails on an empty condition name with an empty error: nothing printed, exit 1.
    if (rest === '') throw new SilentExit(1);
    const i = rest.indexOf('=');
    return i < 0 ? { kind: 'condition', name: rest, value: 'true' } : { kind: 'condition', name: rest.slice(0, i), value: rest.slice(i + 1) };
  }
  if (lower.startsWith('jsonpath=')) {
    const parts = condition.slice('jsonpath='.length).split('=');
    if (parts[0] === '') throw new KubectlError('jsonpath expression cannot be empty');
    if (parts.length > 2) throw new KubectlError('format for --for=jsonpath must be: {jsonpath expression}={jsonpath value}');
    let expr: string;
    try {
      expr = relaxedJsonPathExpression(parts[0]);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    const path = new JsonPath('wait');
    try {
      path.parse(expr);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    path.allowMissingKeys = true;
    if (parts.length === 1) return { kind: 'jsonpath', path };
    const value = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (!value) throw new KubectlError('jsonpath wait value cannot be empty');
    return { kind: 'jsonpath', path, value };
  }
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(condition)}`);
}

/** Whether the object meets the condition now. */
function met(check: Check, o: Obj): boolean {
  switch (check.kind) {
    case 'create':
      return true;
    case 'delete':
      return false;
    case 'condition': {
      const md = (o.metadata ?? {}) as { generation?: number };
      const conditions = (((o.status ?? {}) as Obj).conditions ?? []) as { type?: string; status?: string; observedGeneration?: number }[];
      return conditions.some(
        (c) =>
          String(c.type ?? '').toLowerCase() === check.name.toLowerCase() &&
          String(c.status ?? '').toLowerCase() === check.value.toLowerCase() &&
          (c.observedGeneration === undefined || md.generation === undefined || c.observedGeneration >= md.generation),
      );
    }
    case 'jsonpath': {
      let results: unknown[][];
      try {
        results = check.path.findResults(o as never) as unknown[][];
      } catch (e) {
        if (e instanceof JsonPathError) return false;
        throw e;
      }
      const values = results.flat();
      if (check.value === undefined) return values.length > 0;
      if (values.length !== 1) return false;
      const v = values[0];
      if (v !== null && typeof v === 'object') return false;
      return String(v) === check.value;
    }
  }
}

function runWait(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const check = parseFor(f.string('for'));
  if (f.strings('filename').length || f.bool('local')) throw new KubectlError('kubectl wait -f is not available in Clusterlab\'s terminal yet');
  const selector = f.string('selector');
  const fieldSelector = f.string('field-selector');
  // Unlike get, wait lists a type only with -l, --field-selector or --all.
  if (ctx.args.length === 1 && !ctx.args[0].includes('/') && !selector && !fieldSelector && !f.bool('all')) throw new KubectlError('resource(s) were provided, but no name was specified');
  const result = build(env, {
    namespace: cfg.namespace,
    allNamespaces: f.bool('all-namespaces'),
    labelSelector: selector || f.bool('all') ? selector : undefined,
    fieldSelector: fieldSelector || undefined,
    args: ctx.args,
  });
  const errors: unknown[] = [];
  for (const e of result.errors) {
    // Waiting for a missing object to be deleted is already done.
    if (check.kind === 'delete' && (e as { status?: { reason?: string } }).status?.reason === 'NotFound') continue;
    errors.push(e);
  }
  // kubectl: 0 checks once; a negative timeout waits a week (here up to Env's cap).
  const timeoutMs = Math.max(-1, parseDuration(f.string('timeout')));
  let visited = 0;
  for (const info of result.infos) {
    for (const obj of info.object ? [info.object] : info.list?.items ?? []) {
      visited++;
      const o = obj as unknown as Obj;
      const ns = obj.metadata.namespace || undefined;
      const current = (): Obj | undefined => env.api.tryGet(info.mapping, ns, obj.metadata.name ?? '') as unknown as Obj | undefined;
      const isMet = () => {
        const now = current();
        if (check.kind === 'delete') return !now || (now.metadata as { uid?: string }).uid !== obj.metadata.uid;
        return !!now && met(check, now);
      };
      if (timeoutMs === 0 ? isMet() : env.waitFor(isMet, timeoutMs)) env.out(nameOf(current() ?? o, 'condition met'));
      else errors.push(new KubectlError(`timed out waiting for the condition on ${info.mapping.resource}/${obj.metadata.name}`));
    }
  }
  if (visited === 0 && errors.length === 0 && result.errors.length === 0) throw new KubectlError('no matching resources found');
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}
