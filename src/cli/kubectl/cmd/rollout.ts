// `kubectl rollout status|history|undo|restart|pause|resume` (kubectl/pkg/cmd/rollout and
// polymorphichelpers) for Deployments, DaemonSets and StatefulSets.
//
// `rollout status` against the virtual clock: while kubectl would watch, virtual time runs
// (Env.waitFor) and each new status line is printed, up to `successfully rolled out`. With
// --watch=false it returns at once (as kubectl does). On a paused clock the state cannot change:
// with a --timeout it reports kubectl's `timed out waiting for the condition`; with none (kubectl
// would wait forever) it prints the waiting line and returns, exit 0: run it again once time moves.
//
// `rollout restart` stamps kubectl.kubernetes.io/restartedAt with the cluster's virtual time,
// where kubectl uses the wall clock.

import { applyStrategicMergePatch } from '../../../sim/api/patch';
import { defaultSubCommandRun, type Command, type RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError, UsageError } from '../errors';
import { parseDuration, type FlagDef } from '../flags';
import { HELP } from '../helptext';
import { nameOf } from '../printers';
import { build, type Info } from '../resources';
import { tabulate } from '../tabwriter';
import { dryRunStrategy, dryRunSuffix } from './generated';
import { jsonEqual } from './patch';
import { ROLLOUT_HELP } from './rollouthelp';
import { describePodTemplate } from './podtemplate';

type Obj = Record<string, unknown>;

Object.assign(HELP, ROLLOUT_HELP);

const FILE_FLAGS: FlagDef[] = [
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'selector', shorthand: 'l', type: 'string', usage: 'Selector (label query) to filter on.' },
];
const PRINT_FLAGS: FlagDef[] = [
  { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format.' },
  { name: 'template', type: 'string', usage: 'Template string or path to template file.' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates.' },
  { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
];
const FIELD_MANAGER: FlagDef = { name: 'field-manager', type: 'string', default: 'kubectl-rollout', usage: 'Name of the manager used to track field ownership.' };

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const HASH_LABEL = 'pod-template-hash';
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export function rolloutCommand(env: Env): Command {
  const sub = (name: string, short: string, flags: FlagDef[], run: (ctx: RunContext) => void): Command => ({
    name,
    short,
    use: '(TYPE NAME | TYPE/NAME) [flags]',
    flags: [...FILE_FLAGS, ...flags],
    validateArgs: () => {},
    run,
  });
  return {
    name: 'rollout',
    short: 'Manage the rollout of a resource',
    run: (ctx) => {
      if (ctx.args.length > 0) throw new UsageError(ctx.path, `unknown command ${JSON.stringify(ctx.args[0])}`);
      defaultSubCommandRun((s) => env.err(s))(ctx);
    },
    validateArgs: () => {},
    commands: [
      sub('history', 'View rollout history', [...PRINT_FLAGS, { name: 'revision', type: 'int64', usage: 'See the details, including podTemplate of the revision specified' }], (ctx) => runHistory(env, ctx)),
      sub('pause', 'Mark the provided resource as paused', [...PRINT_FLAGS, FIELD_MANAGER], (ctx) => runPauseResume(env, ctx, true)),
      sub('restart', 'Restart a resource', [...PRINT_FLAGS, FIELD_MANAGER], (ctx) => runRestart(env, ctx)),
      sub('resume', 'Resume a paused resource', [...PRINT_FLAGS, FIELD_MANAGER], (ctx) => runPauseResume(env, ctx, false)),
      sub(
        'status',
        'Show the status of the rollout',
        [
          { name: 'revision', type: 'int64', usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
          { name: 'watch', shorthand: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
          { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before ending watch, zero means never.' },
        ],
        (ctx) => runStatus(env, ctx),
      ),
      sub(
        'undo',
        'Undo a previous rollout',
        [...PRINT_FLAGS, FIELD_MANAGER, { name: 'to-revision', type: 'int64', usage: 'The revision to rollback to. Default to 0 (last revision).' }, { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged', usage: 'Must be "none", "server", or "client".' }],
        (ctx) => runUndo(env, ctx),
      ),
    ],
  };
}

/** The objects the arguments name (rollout needs at least one resource). */
function targets(env: Env, ctx: RunContext): { info: Info; obj: Obj }[] {
  const f = ctx.flags;
  if (ctx.args.length === 0 && f.strings('filename').length === 0) throw new KubectlError('required resource not specified');
  if (f.strings('filename').length || f.string('kustomize')) throw new KubectlError(`"${ctx.path} -f" is not available in Clusterlab's terminal yet`);
  const cfg = env.config(f);
  const selector = f.string('selector');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, labelSelector: selector || undefined, args: ctx.args });
  if (result.errors.length) throw result.errors.length === 1 ? result.errors[0] : new AggregateError(result.errors);
  return result.infos.flatMap((info) => (info.object ? [info.object] : info.list?.items ?? []).map((o) => ({ info, obj: o as unknown as Obj })));
}

function groupResource(info: Info): string {
  return info.mapping.group ? `${info.mapping.resource}.${info.mapping.group}` : info.mapping.resource;
}

const metaOf = (o: Obj) => (o.metadata ?? {}) as { name: string; namespace?: string; generation?: number; annotations?: Record<string, string>; labels?: Record<string, string>; uid?: string };
const specOf = (o: Obj) => (o.spec ?? {}) as Obj;
const statusOf = (o: Obj) => (o.status ?? {}) as Record<string, number | string | undefined> & { conditions?: { type: string; reason?: string }[] };

// ------------------------------------------------------------------ status

/** polymorphichelpers' StatusViewer: the line kubectl prints and whether the rollout is done. */
export function rolloutStatus(obj: Obj, revision: number): { text: string; done: boolean } {
  const m = metaOf(obj);
  const spec = specOf(obj);
  const st = statusOf(obj);
  const gen = m.generation ?? 0;
  const observed = Number(st.observedGeneration ?? 0);
  switch (obj.kind) {
    case 'Deployment': {
      if (revision > 0) {
        const rev = Number(m.annotations?.[REVISION_ANNOTATION] ?? NaN);
        if (Number.isNaN(rev)) throw new KubectlError(`cannot get the revision of deployment ${JSON.stringify(m.name)}: strconv.ParseInt: parsing "": invalid syntax`);
        if (rev !== revision) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${rev})`);
      }
      if (gen > observed) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
      const progressing = (st.conditions ?? []).find((c) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${JSON.stringify(m.name)} exceeded its progress deadline`);
      const replicas = spec.replicas as number | undefined;
      const updated = Number(st.updatedReplicas ?? 0);
      const total = Number(st.replicas ?? 0);
      const available = Number(st.availableReplicas ?? 0);
      const q = JSON.stringify(m.name);
      if (replicas !== undefined && updated < replicas) return { text: `Waiting for deployment ${q} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
      if (total > updated) return { text: `Waiting for deployment ${q} rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
      if (available < updated) return { text: `Waiting for deployment ${q} rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
      return { text: `deployment ${q} successfully rolled out\n`, done: true };
    }
    case 'DaemonSet': {
      const strategy = (spec.updateStrategy as Obj | undefined)?.type;
      if (strategy !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
      if (gen > observed) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
      const q = JSON.stringify(m.name);
      const desired = Number(st.desiredNumberScheduled ?? 0);
      const updated = Number(st.updatedNumberScheduled ?? 0);
      const available = Number(st.numberAvailable ?? 0);
      if (updated < desired) return { text: `Waiting for daemon set ${q} rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
      if (available < desired) return { text: `Waiting for daemon set ${q} rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
      return { text: `daemon set ${q} successfully rolled out\n`, done: true };
    }
    case 'StatefulSet': {
      const us = (spec.updateStrategy ?? {}) as { type?: string; rollingUpdate?: { partition?: number } };
      if (us.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
      if (observed === 0 || gen > observed) return { text: 'Waiting for statefulset spec update to be observed...\n', done: false };
      const replicas = spec.replicas as number | undefined;
      const ready = Number(st.readyReplicas ?? 0);
      if (replicas !== undefined && ready < replicas) return { text: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
      const updated = Number(st.updatedReplicas ?? 0);
      if (us.rollingUpdate) {
        const partition = us.rollingUpdate.partition;
        if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
          return { text: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
        }
        return { text: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
      }
      if (st.updateRevision !== st.currentRevision) return { text: `waiting for statefulset rolling update to complete ${updated} pods at revision ${st.updateRevision}...\n`, done: false };
      return { text: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
    }
    default:
      throw new KubectlError(`no status viewer has been implemented for ${String(obj.kind)}`);
  }
}

function runStatus(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const revision = f.int('revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const all = targets(env, ctx);
  if (all.length !== 1) throw new KubectlError('rollout status is only supported on individual resources and resource collections are not supported yet');
  const first = rolloutStatus(all[0].obj, revision);
  env.out(first.text);
  if (first.done || !f.bool('watch')) return;
  // kubectl watches the object and prints each new status line until the rollout is done.
  const { info, obj } = all[0];
  const meta = metaOf(obj);
  let last = first;
  const done = env.waitFor(
    () => last.done,
    parseDuration(f.string('timeout')),
    () => {
      const now = env.api.tryGet(info.mapping, meta.namespace, meta.name);
      if (!now || now.metadata.uid !== meta.uid) throw new KubectlError(`object has been deleted`);
      const next = rolloutStatus(now as unknown as Obj, revision);
      if (next.text !== last.text) env.out(next.text);
      last = next;
    },
  );
  if (!done && (parseDuration(f.string('timeout')) > 0 || !env.cluster.clock.paused)) throw new KubectlError('timed out waiting for the condition');
}

// ------------------------------------------------------------------ history

/** ReplicaSets controlled by the Deployment, and their revisions. */
function deploymentRevisions(env: Env, d: Obj): { revision: number; rs: Obj }[] {
  const m = metaOf(d);
  const sets = env.api.list('replicasets', { namespace: m.namespace }).items as unknown as Obj[];
  const out: { revision: number; rs: Obj }[] = [];
  for (const rs of sets) {
    const owners = ((rs.metadata as Obj).ownerReferences ?? []) as { uid: string; controller?: boolean }[];
    if (!owners.some((o) => o.controller && o.uid === m.uid)) continue;
    const v = metaOf(rs).annotations?.[REVISION_ANNOTATION];
    if (v === undefined || !/^-?\d+$/.test(v)) continue;
    out.push({ revision: Number(v), rs });
  }
  return out;
}

/** ControllerRevisions controlled by a DaemonSet or StatefulSet. */
function controllerRevisions(env: Env, o: Obj): { revision: number; data: Obj; cr: Obj }[] {
  const m = metaOf(o);
  const list = env.api.list('controllerrevisions', { namespace: m.namespace }).items as unknown as Obj[];
  return list
    .filter((cr) => (((cr.metadata as Obj).ownerReferences ?? []) as { uid: string; controller?: boolean }[]).some((r) => r.controller && r.uid === m.uid))
    .map((cr) => ({ revision: Number(cr.revision ?? 0), data: (cr.data ?? {}) as Obj, cr }));
}

function templateOfRevisionData(o: Obj, data: Obj): Obj {
  const applied = applyStrategicMergePatch(o, data, String(o.kind)) as Obj;
  return (specOf(applied).template ?? {}) as Obj;
}

function runHistory(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const revision = f.int('revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  if (f.string('output')) throw new KubectlError('rollout history -o is not available in Clusterlab\'s terminal yet');
  for (const { info, obj } of targets(env, ctx)) {
    const history = new Map<number, { template: Obj; cause?: string }>();
    if (obj.kind === 'Deployment') {
      for (const { revision: v, rs } of deploymentRevisions(env, obj)) history.set(v, { template: specOf(rs).template as Obj, cause: metaOf(rs).annotations?.[CHANGE_CAUSE] });
    } else if (obj.kind === 'DaemonSet' || obj.kind === 'StatefulSet') {
      for (const { revision: v, data, cr } of controllerRevisions(env, obj)) history.set(v, { template: templateOfRevisionData(obj, data), cause: metaOf(cr).annotations?.[CHANGE_CAUSE] });
    } else {
      throw noVisitor('history viewer', 'error retrieving history', info.mapping.group, String(obj.kind));
    }
    let text: string;
    if (history.size === 0) text = 'No rollout history found.';
    else if (revision > 0) {
      const h = history.get(revision);
      if (!h) throw new KubectlError('unable to find the specified revision');
      text = `with revision #${revision}\n${describePodTemplate(withCause(h.template, h.cause))}`;
    } else {
      const rows = [...history.keys()].sort((a, b) => a - b).map((r) => `${r}\t${history.get(r)!.cause || '<none>'}\n`);
      text = '\n' + tabulate(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, { minWidth: 0, tabWidth: 8, padding: 2 });
    }
    env.out(nameOf(obj, text));
  }
}

/** Kinds kapps.GroupKindElement can visit (others have no visitor method at all). */
const VISITABLE = new Set(['apps/Deployment', 'apps/DaemonSet', 'apps/StatefulSet', 'apps/ReplicaSet', '/Pod', '/ReplicationController', 'batch/Job', 'batch/CronJob']);

function noVisitor(what: string, prefix: string, group: string, kind: string): KubectlError {
  if (VISITABLE.has(`${group}/${kind}`)) return new KubectlError(`no ${what} has been implemented for ${JSON.stringify(kind)}`);
  return new KubectlError(`${prefix} for ${JSON.stringify(kind)}, no visitor method exists for {${group} ${kind}}`);
}

/** ViewHistory records the change cause in the template's annotations. */
function withCause(template: Obj, cause: string | undefined): Obj {
  if (!cause) return template;
  const md = (template.metadata ?? {}) as Obj;
  return { ...template, metadata: { ...md, annotations: { ...((md.annotations ?? {}) as Obj), [CHANGE_CAUSE]: cause } } };
}

// ------------------------------------------------------------------ pause, resume, restart

function runPauseResume(env: Env, ctx: RunContext, pause: boolean): void {
  const f = ctx.flags;
  if (f.string('output') && f.string('output') !== 'name') throw new KubectlError(`rollout ${pause ? 'pause' : 'resume'} -o ${f.string('output')} is not available in Clusterlab's terminal yet`);
  const errors: unknown[] = [];
  for (const { info, obj } of targets(env, ctx)) {
    const name = metaOf(obj).name;
    const gr = groupResource(info);
    if (obj.kind !== 'Deployment') {
      errors.push(new KubectlError(`${gr} ${JSON.stringify(name)} ${pause ? 'pausing' : 'resuming'} is not supported`));
      continue;
    }
    const paused = specOf(obj).paused === true;
    if (paused === pause) {
      errors.push(new KubectlError(`${gr} ${JSON.stringify(name)} ${pause ? 'is already paused' : 'is not paused'}`));
      continue;
    }
    try {
      const out = env.api.patch(info.mapping, metaOf(obj).namespace, name, 'strategic', { spec: { paused: pause ? true : null } }, { decode: true, fieldManager: f.string('field-manager'), actor: 'kubectl' });
      env.settle();
      env.out(f.string('output') === 'name' ? nameOf(out as unknown as Obj) : nameOf(out as unknown as Obj, pause ? 'paused' : 'resumed'));
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}

/** time.Now().Format(time.RFC3339) on the cluster's clock, in UTC. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function runRestart(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  if (f.string('output') && f.string('output') !== 'name') throw new KubectlError(`rollout restart -o ${f.string('output')} is not available in Clusterlab's terminal yet`);
  const errors: unknown[] = [];
  const all = targets(env, ctx);
  if (all.length === 0) throw new KubectlError('no resources found');
  for (const { info, obj } of all) {
    const name = metaOf(obj).name;
    const gr = groupResource(info);
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(String(obj.kind))) {
      errors.push(new KubectlError(`${gr} ${JSON.stringify(name)} restarting is not supported`));
      continue;
    }
    if (obj.kind === 'Deployment' && specOf(obj).paused === true) {
      errors.push(new KubectlError(`${gr} ${JSON.stringify(name)} can't restart paused deployment (run rollout resume first)`));
      continue;
    }
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(env.now()) } } } } };
    try {
      const out = env.api.patch(info.mapping, metaOf(obj).namespace, name, 'strategic', patch, { decode: true, fieldManager: f.string('field-manager'), actor: 'kubectl' });
      env.settle();
      env.out(f.string('output') === 'name' ? nameOf(out as unknown as Obj) : nameOf(out as unknown as Obj, 'restarted'));
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}

// ------------------------------------------------------------------ undo

function withoutHash(template: Obj): Obj {
  const md = { ...((template.metadata ?? {}) as Obj) };
  if (md.labels) {
    const labels = { ...(md.labels as Record<string, string>) };
    delete labels[HASH_LABEL];
    md.labels = labels;
  }
  return { ...template, metadata: md };
}

function runUndo(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const toRevision = f.int('to-revision');
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  if (f.string('output') && f.string('output') !== 'name') throw new KubectlError(`rollout undo -o ${f.string('output')} is not available in Clusterlab's terminal yet`);
  const errors: unknown[] = [];
  for (const { info, obj } of targets(env, ctx)) {
    try {
      const result = undoOne(env, info, obj, toRevision, dryRun, f.string('field-manager'));
      env.out(f.string('output') === 'name' ? nameOf(obj) : nameOf(obj, `${result}${dryRunSuffix(dryRun)}`));
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors);
}

function undoOne(env: Env, info: Info, obj: Obj, toRevision: number, dryRun: 'none' | 'client' | 'server', fieldManager: string): string {
  const m = metaOf(obj);
  // The rollbackers send no fieldManager: the API server names kubectl's user agent.
  void fieldManager;
  const opts = { dryRun: dryRun === 'server', decode: true, actor: 'kubectl' };
  if (obj.kind === 'Deployment') {
    const revisions = deploymentRevisions(env, obj);
    let target: Obj | undefined;
    if (toRevision > 0) {
      target = revisions.find((r) => r.revision === toRevision)?.rs;
      if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    } else {
      const sorted = [...revisions].sort((a, b) => b.revision - a.revision);
      target = sorted[1]?.rs;
      if (!target) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(m.name)}`);
    }
    if (specOf(obj).paused === true) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const template = specOf(target).template as Obj;
    if (jsonEqual(withoutHash(template), withoutHash(specOf(obj).template as Obj))) return `skipped rollback (current template already matches revision ${toRevision})`;
    const restored = withoutHash(template);
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(m.annotations ?? {})) if (SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
    for (const [k, v] of Object.entries(metaOf(target).annotations ?? {})) if (!SKIPPED_ANNOTATIONS.has(k)) annotations[k] = v;
    if (dryRun === 'client') return describePodTemplate(template);
    const patch = [
      { op: 'replace', path: '/spec/template', value: restored },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ];
    try {
      env.api.patch(info.mapping, m.namespace, m.name, 'json', patch, opts);
    } catch (e) {
      throw new KubectlError(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
    }
    env.settle();
    return 'rolled back';
  }
  if (obj.kind === 'DaemonSet' || obj.kind === 'StatefulSet') {
    const history = controllerRevisions(env, obj).sort((a, b) => a.revision - b.revision);
    let target: { revision: number; data: Obj } | undefined;
    if (toRevision > 0) {
      target = history.find((h) => h.revision === toRevision);
      if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
    } else {
      if (history.length < 2) throw new KubectlError('no last revision to roll back to');
      target = history[history.length - 2];
    }
    const template = templateOfRevisionData(obj, target.data);
    if (jsonEqual(template, specOf(obj).template)) return `skipped rollback (current template already matches revision ${toRevision})`;
    if (dryRun === 'client') return `will roll back to ${describePodTemplate(template)}`;
    env.api.patch(info.mapping, m.namespace, m.name, 'strategic', target.data, opts);
    env.settle();
    return 'rolled back';
  }
  throw noVisitor('rollbacker', 'error retrieving rollbacker', info.mapping.group, String(obj.kind));
}

