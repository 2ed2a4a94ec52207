// kube-apiserver: the only door to the store. Every request goes decode -> default -> admit ->
// validate -> store, and every component (scheduler, controllers, kubelets, kubectl, the UI) is a
// client of these verbs. Errors are Kubernetes `Status` objects (ApiError).

import { applyDefaults, applyJobSelectorDefaults, prepareForCreate } from '../api/defaults';
import {
  alreadyExists,
  ApiError,
  badRequest,
  conflict,
  forbidden,
  gone,
  invalid,
  methodNotSupported,
  notFound,
  STALE_OBJECT,
  tooManyRequests,
  type FieldError,
} from '../api/errors';
import { matchesFields, parseFieldSelector, type FieldRequirement } from '../api/fields';
import { fromLabelSelector, formatLabelSelector, matches, parseSelector, SelectorParseError, type Selector } from '../api/labels';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type PatchType } from '../api/patch';
import { apiVersionOf, resolveResource, type ResourceInfo } from '../api/registry';
import { decodeObject } from '../api/schema';
import type { KubeList, KubeObject, Node, Pod } from '../api/types';
import { validateCreate, validateStatusUpdate, validateUpdate } from '../api/validation';
import type { Clock } from '../clock';
import { NAME_SUFFIX_ALPHABET, type Random } from '../random';
import { CompactedError, Store, type StoreEvent } from '../store/store';
import type { Trace } from '../trace';
import { deepClone, deepEqual, dropUndefined } from '../util/json';
import {
  admitDefaultTolerationSeconds,
  admitNamespaceLifecycle,
  admitNodeTaint,
  admitPriority,
  admitServiceAccount,
  IMMORTAL_NAMESPACES,
} from './admission';
import { IPAllocator, PortAllocator } from './allocators';
import { serverSideApply, validatePatchOptions } from './apply';
import { managerName, recordUpdate } from './fieldmanager/managed';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface RequestContext {
  /** Who is calling (user agent / component), for the trace stream. */
  actor?: string;
  /** dryRun=All: run every step but the write. */
  dryRun?: boolean;
  /** Decode the body like an external request (type checks, unknown fields). */
  decode?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  /** Filled with warnings (unknown fields with fieldValidation=Warn...). */
  warnings?: string[];
  /** Server-side apply computed metadata.managedFields already: do not record an Update. */
  appliedManagedFields?: boolean;
  /**
   * Internal callers only: the caller hands the body over and keeps no reference to it, so it is
   * stored as it is rather than copied (the event recorder, which writes most of the objects).
   */
  owned?: boolean;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WatchOptions extends ListOptions {
  resourceVersion?: string;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK';
  object: KubeObject;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface LogOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

/** Reads container logs; provided by the node agents (kubelet and its container runtime). */
export type LogProvider = (pod: Pod, opts: LogOptions) => string;

export interface ApiServerOptions {
  clock: Clock;
  random: Random;
  trace: Trace;
  serviceCIDR?: string;
  nodePortRange?: [number, number];
  /** Freeze every stored object: catches clients that mutate what they read (tests). */
  freezeObjects?: boolean;
  historySize?: number;
}

/** Resources whose metadata.generation counts spec changes. */
const GENERATION_RESOURCES = new Set([
  'deployments', 'replicasets', 'daemonsets', 'statefulsets', 'jobs', 'cronjobs', 'replicationcontrollers',
  'horizontalpodautoscalers', 'poddisruptionbudgets', 'ingresses', 'networkpolicies', 'customresourcedefinitions',
  'validatingadmissionpolicies', 'priorityclasses',
]);

const EVENT_TTL_MS = 60 * 60 * 1000;

export class ApiServer {
  readonly store: Store;
  readonly clock: Clock;
  readonly random: Random;
  readonly trace: Trace;
  readonly serviceIPs: IPAllocator;
  readonly nodePorts: PortAllocator;
  private logProvider?: LogProvider;

  constructor(opts: ApiServerOptions) {
    this.clock = opts.clock;
    this.random = opts.random;
    this.trace = opts.trace;
    this.store = new Store({ defer: (fn) => opts.clock.defer(fn), historySize: opts.historySize, freeze: opts.freezeObjects });
    this.serviceIPs = new IPAllocator(opts.serviceCIDR ?? '10.0.0.0/16', opts.random);
    const [lo, hi] = opts.nodePortRange ?? [30000, 32767];
    this.nodePorts = new PortAllocator(lo, hi, opts.random);
    this.scheduleEventSweep();
  }

  /** The resource behind a name kubectl accepts (`pods`, `po`, `deployments.apps`...). */
  info(resource: string | ResourceInfo): ResourceInfo {
    if (typeof resource !== 'string') return resource;
    const info = resolveResource(resource);
    if (!info) throw new ApiError({ reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
    return info;
  }

  setLogProvider(p: LogProvider): void {
    this.logProvider = p;
  }

  /** A client bound to one caller, as each component has its own. */
  client(actor: string): ApiClient {
    return new ApiClient(this, actor);
  }

  // ---------------------------------------------------------------- reads

  get<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, namespace: string | undefined, name: string): T {
    const info = this.info(resource);
    this.requireVerb(info, 'get');
    const obj = this.store.get(info.resource, info.namespaced ? namespace ?? 'default' : undefined, name);
    if (!obj) throw notFound(info.resource, info.group, name);
    return obj as T;
  }

  /** Like get, but undefined instead of NotFound. */
  tryGet<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, namespace: string | undefined, name: string): T | undefined {
    const info = this.info(resource);
    return this.store.get(info.resource, info.namespaced ? namespace ?? 'default' : undefined, name) as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, opts: ListOptions = {}): KubeList<T> {
    const info = this.info(resource);
    this.requireVerb(info, 'list');
    const { labels, fields } = this.selectors(info, opts);
    const ns = info.namespaced ? opts.namespace || undefined : undefined;
    const items = this.store.list(info.resource, ns).filter((o) => matches(labels, o.metadata.labels) && matchesFields(fields, o));
    return {
      apiVersion: apiVersionOf(info),
      kind: `${info.kind}List`,
      metadata: { resourceVersion: String(this.store.revision) },
      items: items as T[],
    };
  }

  /**
   * Watch a resource. With no resourceVersion (or "0") the watch starts with an ADDED event for
   * each existing object; with N it replays what changed after N, or sends a 410 Expired ERROR
   * when N is older than the kept history. Returns a function that stops the watch.
   */
  watch(resource: string | ResourceInfo, opts: WatchOptions, handler: (e: WatchEvent) => void): () => void {
    const info = this.info(resource);
    this.requireVerb(info, 'watch');
    const { labels, fields } = this.selectors(info, opts);
    const namespace = info.namespaced ? opts.namespace || undefined : undefined;
    const selected = (o: KubeObject | undefined) => o !== undefined && matches(labels, o.metadata.labels) && matchesFields(fields, o);
    const nodeName = info.resource === 'pods' ? onlyNodeName(fields) : undefined;
    let stopped = false;
    const rv = opts.resourceVersion;
    let after: number;
    // Live changes that arrive before the initial ADDED events are held back, to keep the order.
    let held: StoreEvent[] | undefined;
    if (!rv || rv === '0') {
      after = this.store.revision;
      const initial = this.store.list(info.resource, namespace).filter((o) => selected(o));
      held = [];
      this.clock.defer(() => {
        for (const o of initial) if (!stopped) handler({ type: 'ADDED', object: o });
        const later = held!;
        held = undefined;
        for (const e of later) deliver(e);
      });
    } else {
      after = Number(rv);
      if (!Number.isInteger(after) || after < 0) throw badRequest(`invalid resource version "${rv}"`);
    }
    const deliver = (e: StoreEvent) => {
      if (stopped) return;
      const now = selected(e.type === 'DELETED' ? e.prev : e.object);
      const before = e.type === 'MODIFIED' ? selected(e.prev) : false;
      if (e.type === 'DELETED') {
        if (now) handler({ type: 'DELETED', object: e.object });
      } else if (e.type === 'ADDED') {
        if (now) handler({ type: 'ADDED', object: e.object });
      } else if (now && before) handler({ type: 'MODIFIED', object: e.object });
      else if (now) handler({ type: 'ADDED', object: e.object });
      else if (before) handler({ type: 'DELETED', object: e.object });
    };
    let stop: () => void;
    try {
      stop = this.store.watch({ resource: info.resource, namespace, afterRevision: after, nodeName }, (e: StoreEvent) => {
        if (held) held.push(e);
        else deliver(e);
      });
    } catch (err) {
      if (err instanceof CompactedError) {
        const status = gone(`too old resource version: ${err.requested} (${err.oldest})`).status;
        this.clock.defer(() => {
          if (!stopped) handler({ type: 'ERROR', object: status as unknown as KubeObject });
        });
        return () => {
          stopped = true;
        };
      }
      throw err;
    }
    return () => {
      stopped = true;
      stop();
    };
  }

  // ---------------------------------------------------------------- managed fields (./apply.ts, ./fieldmanager)

  /**
   * Server-side apply: merge into the live object (or create it), then the normal write path.
   * Internal callers may omit fieldManager (their actor names the manager).
   */
  private applyPatch(info: ResourceInfo, namespace: string | undefined, name: string, patch: unknown, ctx: RequestContext & { subresource?: 'status'; force?: boolean }): KubeObject {
    const ns = info.namespaced ? namespace ?? 'default' : undefined;
    const live = this.store.get(info.resource, ns, name);
    if (!live && ctx.subresource) throw notFound(info.resource, info.group, name);
    const applied = serverSideApply(info, live, patch, {
      name,
      namespace: ns,
      manager: managerName(ctx),
      force: ctx.force,
      now: this.clock.nowISO(),
      subresource: ctx.subresource,
    });
    const c = { ...ctx, namespace: ns, appliedManagedFields: true };
    if (!live) return this.create(info, applied, c);
    const obj = this.decode(info, applied, c);
    if (obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    return this.writeUpdate(info, obj, c, ctx.subresource === 'status' ? 'status' : 'main', 'patch');
  }

  /**
   * Records an Update entry in metadata.managedFields, as kube-apiserver does on every write.
   * To stay cheap (the simulation writes far more than it is read), ownership is tracked only for
   * objects an external client wrote (ctx.decode) and, from then on, for every write to them;
   * objects only controllers ever touched (pods, replicasets, nodes, leases...) carry none.
   */
  private recordManagedFields(info: ResourceInfo, live: KubeObject | undefined, next: KubeObject, ctx: RequestContext, part: 'main' | 'status'): void {
    if (ctx.appliedManagedFields) return;
    if (!ctx.decode && !live?.metadata.managedFields?.length) return;
    recordUpdate(info, live, next, { manager: managerName(ctx), now: this.clock.nowISO(), subresource: part === 'status' ? 'status' : undefined });
  }

  // ---------------------------------------------------------------- writes

  create<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, body: KubeObject, ctx: RequestContext & { namespace?: string } = {}): T {
    const info = this.info(resource);
    this.requireVerb(info, 'create');
    const obj = this.decode(info, body, ctx);
    const meta = obj.metadata;
    const namespace = info.namespaced ? ctx.namespace ?? meta.namespace ?? 'default' : undefined;
    if (info.namespaced) {
      if (meta.namespace && meta.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${this.random.chars(5, NAME_SUFFIX_ALPHABET)}`;
    const name = meta.name ?? '';
    if (info.namespaced && namespace) admitNamespaceLifecycle(this.store, info.resource, info.group, namespace, name, 'create');
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');

    // Metadata the server owns.
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.clock.nowISO();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.generation;

    // The real order: defaulting, mutating admission, the strategy's PrepareForCreate, allocation, validation.
    applyDefaults(info, obj);
    this.recordManagedFields(info, undefined, obj, ctx, 'main');
    this.admitCreate(info, obj);
    this.resetStatusOnCreate(info, obj);
    prepareForCreate(info, obj);
    if (info.resource === 'jobs') applyJobSelectorDefaults(obj);
    const allocated = info.resource === 'services';
    if (allocated) this.allocateService(obj, undefined);
    try {
      this.check(info, name, validateCreate(info, obj));
      if (this.store.get(info.resource, namespace, name)) throw alreadyExists(info.resource, info.group, name);
    } catch (e) {
      if (allocated) this.releaseService(obj);
      throw e;
    }
    if (ctx.dryRun) {
      if (allocated) this.releaseService(obj);
      return obj as T;
    }
    const stored = this.store.create(info.resource, obj);
    this.traceWrite(ctx, 'create', info, namespace, name, 201);
    return stored as T;
  }

  /** PUT: replace the object (status is kept from the stored object where it has a status subresource). */
  update<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, body: KubeObject, ctx: RequestContext & { namespace?: string } = {}): T {
    const info = this.info(resource);
    this.requireVerb(info, 'update');
    const obj = this.decode(info, body, ctx);
    return this.writeUpdate(info, obj, ctx, 'main', 'update') as T;
  }

  /** PUT .../status: only the status changes. */
  updateStatus<T extends KubeObject = KubeObject>(resource: string | ResourceInfo, body: KubeObject, ctx: RequestContext & { namespace?: string } = {}): T {
    const info = this.info(resource);
    if (!info.subresources.includes('status')) throw notFound(info.resource, info.group, body.metadata?.name ?? '');
    // Only the status (and the metadata naming the object and its preconditions) is read from a
    // status update's body: an internal caller's spec is not copied for nothing.
    const obj = this.decode(info, ctx.decode ? body : statusPart(body), ctx);
    return this.writeUpdate(info, obj, ctx, 'status', 'update') as T;
  }

  patch<T extends KubeObject = KubeObject>(
    resource: string | ResourceInfo,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    ctx: RequestContext & { subresource?: 'status'; force?: boolean } = {},
  ): T {
    const info = this.info(resource);
    this.requireVerb(info, 'patch');
    if (ctx.decode) validatePatchOptions(type === 'apply', ctx.fieldManager, ctx.force);
    if (type === 'apply') return this.applyPatch(info, namespace, name, patch, ctx) as T;
    const existing = this.get(info, namespace, name);
    let patched: unknown;
    if (type === 'merge') patched = applyMergePatch(existing, patch);
    else if (type === 'json') patched = applyJsonPatch(existing, patch);
    else patched = applyStrategicMergePatch(existing, patch, info.kind);
    const obj = this.decode(info, patched as KubeObject, { ...ctx, decode: ctx.decode });
    if (obj.metadata.name !== name) throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    return this.writeUpdate(info, obj, { ...ctx, namespace }, ctx.subresource === 'status' ? 'status' : 'main', 'patch') as T;
  }

  delete<T extends KubeObject = KubeObject>(
    resource: string | ResourceInfo,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
    ctx: RequestContext = {},
  ): T {
    const info = this.info(resource);
    this.requireVerb(info, 'delete');
    const ns = info.namespaced ? namespace ?? 'default' : undefined;
    const existing = this.get(info, ns, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== existing.metadata.uid) {
      throw conflict(info.resource, info.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${existing.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(
        info.resource,
        info.group,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`,
      );
    }
    if (info.resource === 'namespaces' && IMMORTAL_NAMESPACES.has(name)) {
      throw forbidden('namespaces', '', name, 'this namespace may not be deleted');
    }
    if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds < 0) {
      throw invalid(info.kind, info.group, name, [{ type: 'FieldValueInvalid', field: 'gracePeriodSeconds', body: `Invalid value: ${opts.gracePeriodSeconds}: must be >= 0` }]);
    }

    const obj = deepClone(existing);
    const meta = obj.metadata;
    const policy = opts.propagationPolicy ?? (opts.orphanDependents ? 'Orphan' : opts.orphanDependents === false ? 'Background' : undefined);
    const finalizers = new Set(meta.finalizers ?? []);
    if (policy === 'Orphan') finalizers.add('orphan');
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Background') {
      finalizers.delete('orphan');
      finalizers.delete('foregroundDeletion');
    }
    meta.finalizers = finalizers.size ? [...finalizers] : undefined;

    let grace = 0;
    if (info.resource === 'pods') grace = this.podGracePeriod(obj as Pod, opts.gracePeriodSeconds);
    const now = this.clock.now();
    if (meta.deletionTimestamp) {
      // Already being deleted: only a shorter grace period (or grace 0 from the kubelet) changes anything.
      const remaining = meta.deletionGracePeriodSeconds ?? 0;
      if (info.resource === 'pods' && grace < remaining) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = new Date(now + grace * 1000).toISOString().replace('.000Z', 'Z');
      } else if (deepEqual(meta.finalizers ?? [], existing.metadata.finalizers ?? [])) {
        return existing as T;
      }
    } else {
      meta.deletionTimestamp = new Date(now + grace * 1000).toISOString().replace('.000Z', 'Z');
      meta.deletionGracePeriodSeconds = grace;
      if (meta.generation !== undefined && GENERATION_RESOURCES.has(info.resource)) meta.generation += 1;
      if (info.resource === 'namespaces') obj.status = { ...obj.status, phase: 'Terminating' };
    }
    if (ctx.dryRun) return obj as T;
    if (this.removable(info, obj)) return this.remove(info, obj, ctx) as T;
    const stored = this.store.update(info.resource, obj);
    this.traceWrite(ctx, 'delete', info, ns, name, 200);
    return stored as T;
  }

  /** DELETE on a collection: delete each object the selectors match. */
  deleteCollection(resource: string | ResourceInfo, opts: ListOptions, del: DeleteOptions = {}, ctx: RequestContext = {}): KubeList {
    const info = this.info(resource);
    this.requireVerb(info, 'deletecollection');
    const list = this.list(info, opts);
    const items = list.items.map((o) => this.delete(info, o.metadata.namespace, o.metadata.name!, del, ctx));
    return { ...list, items };
  }

  // ---------------------------------------------------------------- subresources

  /** GET .../scale: an autoscaling/v1 Scale. */
  getScale(resource: string | ResourceInfo, namespace: string, name: string): KubeObject {
    const info = this.info(resource);
    if (!info.subresources.includes('scale')) throw notFound(info.resource, info.group, name);
    const obj = this.get(info, namespace, name);
    return scaleOf(obj);
  }

  /** PUT .../scale. */
  updateScale(resource: string | ResourceInfo, namespace: string, name: string, scale: KubeObject, ctx: RequestContext = {}): KubeObject {
    const info = this.info(resource);
    if (!info.subresources.includes('scale')) throw notFound(info.resource, info.group, name);
    const existing = this.get(info, namespace, name);
    const replicas = scale.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw invalid('Scale', 'autoscaling', name, [
        { type: 'FieldValueInvalid', field: 'spec.replicas', body: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` },
      ]);
    }
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) throw conflict(info.resource, info.group, name, STALE_OBJECT);
    const obj = deepClone(existing);
    obj.spec = { ...obj.spec, replicas };
    delete obj.metadata.resourceVersion;
    const updated = this.writeUpdate(info, obj, { ...ctx, namespace }, 'main', 'update');
    return scaleOf(updated);
  }

  /** PATCH .../scale: the patch applies to the Scale object. */
  patchScale(resource: string | ResourceInfo, namespace: string, name: string, type: PatchType, patch: unknown, ctx: RequestContext = {}): KubeObject {
    const current = this.getScale(resource, namespace, name);
    const patched = (type === 'json' ? applyJsonPatch(current, patch) : type === 'merge' ? applyMergePatch(current, patch) : applyStrategicMergePatch(current, patch, 'Scale')) as KubeObject;
    return this.updateScale(resource, namespace, name, patched, ctx);
  }

  /** POST pods/<name>/binding: the scheduler's decision. */
  bind(namespace: string, name: string, binding: KubeObject, ctx: RequestContext = {}): void {
    const target = binding.target?.name as string | undefined;
    if (!target) throw invalid('Binding', '', name, [{ type: 'FieldValueRequired', field: 'target.name', body: 'Required value' }]);
    const pod = this.get<Pod>('pods', namespace, name);
    if (pod.metadata.deletionTimestamp) {
      throw conflict('pods/binding', '', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    }
    if (pod.spec.nodeName) {
      throw conflict('pods/binding', '', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    const uid = binding.metadata?.uid;
    if (uid && uid !== pod.metadata.uid) throw conflict('pods/binding', '', name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`);
    // The bound pod shares what the binding leaves alone with the stored version (never changed in place).
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: this.clock.nowISO() });
    const obj: Pod = { ...pod, metadata: definedCopy(pod.metadata), spec: { ...pod.spec, nodeName: target }, status: { ...pod.status, conditions } };
    if (ctx.dryRun) return;
    this.store.update('pods', obj);
    this.traceWrite(ctx, 'bind', this.info('pods'), namespace, name, 201);
  }

  /** POST pods/<name>/eviction: delete the pod unless a PodDisruptionBudget forbids it now. */
  evict(namespace: string, name: string, eviction: KubeObject, ctx: RequestContext = {}): void {
    const pod = this.get<Pod>('pods', namespace, name);
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (!terminal && !pod.metadata.deletionTimestamp) {
      for (const pdb of this.store.list('poddisruptionbudgets', namespace)) {
        const sel = fromLabelSelector(pdb.spec?.selector);
        if (!matches(sel, pod.metadata.labels)) continue;
        if (this.disruptionsAllowed(pdb) <= 0) {
          throw tooManyRequests('Cannot evict pod as it would violate the pod\'s disruption budget.', 0);
        }
      }
    }
    this.delete('pods', namespace, name, eviction.deleteOptions ?? {}, ctx);
    this.traceWrite(ctx, 'evict', this.info('pods'), namespace, name, 201);
  }

  /** PUT namespaces/<name>/finalize: the namespace controller removes its `kubernetes` finalizer. */
  finalizeNamespace(name: string, finalizers: string[], ctx: RequestContext = {}): KubeObject {
    const existing = this.get('namespaces', undefined, name);
    const obj = deepClone(existing);
    obj.spec = { ...obj.spec, finalizers: finalizers.length ? finalizers : undefined };
    if (this.removable(this.info('namespaces'), obj)) return this.remove(this.info('namespaces'), obj, ctx);
    return this.store.update('namespaces', obj);
  }

  /** GET pods/<name>/log. */
  logs(namespace: string, name: string, opts: LogOptions = {}): string {
    const pod = this.get<Pod>('pods', namespace, name);
    const names = pod.spec.containers.map((c) => c.name);
    if (opts.container && ![...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)].includes(opts.container)) {
      throw badRequest(`container ${opts.container} is not valid for pod ${name}`);
    }
    if (!opts.container && names.length > 1) {
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    }
    if (!this.logProvider) throw badRequest(`pod ${name} does not have a host assigned`);
    return this.logProvider(pod, { ...opts, container: opts.container ?? names[0] });
  }

  // ---------------------------------------------------------------- internals

  private requireVerb(info: ResourceInfo, verb: string): void {
    if (!info.verbs.includes(verb)) throw methodNotSupported(info.resource, info.group, verb);
  }

  private selectors(info: ResourceInfo, opts: ListOptions): { labels: Selector; fields: FieldRequirement[] } {
    let labels: Selector;
    try {
      labels = parseSelector(opts.labelSelector);
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequest(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    return { labels, fields: parseFieldSelector(info.resource, opts.fieldSelector) };
  }

  /** Decode a request body into a fresh object the server can change. */
  private decode(info: ResourceInfo, body: KubeObject, ctx: RequestContext): KubeObject {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
    }
    if (body.kind && body.kind !== info.kind) {
      throw badRequest(`the kind of the object (${body.kind}) does not match the resource (${info.resource}) requested`);
    }
    if (body.apiVersion && body.apiVersion !== apiVersionOf(info)) {
      throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`);
    }
    let obj: KubeObject;
    if (ctx.decode) {
      const res = decodeObject(info, body, ctx.fieldValidation ?? 'Strict');
      if (res.error) throw res.error;
      ctx.warnings?.push(...res.warnings);
      obj = deepClone(res.object!);
    } else {
      obj = ctx.owned ? dropUndefined(body) : deepClone(body);
    }
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
    return obj;
  }

  private resetStatusOnCreate(info: ResourceInfo, obj: KubeObject): void {
    // Pods and namespaces get theirs in prepareForCreate; a registering kubelet reports node status.
    if (!info.hasStatus || info.resource === 'nodes' || info.resource === 'namespaces' || info.resource === 'pods') return;
    if (info.resource === 'services') {
      obj.status = { loadBalancer: {} };
    } else {
      obj.status = {};
    }
  }

  private admitCreate(info: ResourceInfo, obj: KubeObject): void {
    switch (info.resource) {
      case 'pods':
        admitServiceAccount(this.store, this.random, obj as Pod);
        admitPriority(this.store, obj as Pod);
        admitDefaultTolerationSeconds(obj as Pod);
        break;
      case 'nodes':
        admitNodeTaint(obj as Node);
        break;
    }
  }

  private check(info: ResourceInfo, name: string, errs: FieldError[]): void {
    if (errs.length) throw invalid(info.kind, info.group, name, errs);
  }

  private writeUpdate(info: ResourceInfo, obj: KubeObject, ctx: RequestContext & { namespace?: string }, part: 'main' | 'status', verb: 'update' | 'patch'): KubeObject {
    const name = obj.metadata.name ?? '';
    const namespace = info.namespaced ? ctx.namespace ?? obj.metadata.namespace ?? 'default' : undefined;
    if (info.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = namespace;
    }
    if (!name) throw badRequest('name is required');
    const existing = this.store.get(info.resource, namespace, name);
    if (!existing) throw notFound(info.resource, info.group, name);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) throw conflict(info.resource, info.group, name, STALE_OBJECT);
    const uid = obj.metadata.uid;
    if (uid && uid !== existing.metadata.uid) {
      throw conflict(info.resource, info.group, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata.uid}`);
    }

    let next: KubeObject;
    if (part === 'status') {
      // The status strategy takes everything but the status from the stored object
      // (PrepareForUpdate: newObj.Spec = oldObj.Spec; ResetObjectMetaForStatus). Defaults apply to
      // the decoded body, as at decode; the new version then shares the stored object's other parts
      // instead of copying them (stored objects are never changed in place), and only its
      // metadata, which the write changes (resourceVersion, managedFields), is a copy.
      applyDefaults(info, obj);
      next = {} as KubeObject;
      for (const k in existing) {
        const v = (existing as Record<string, unknown>)[k];
        if (k === 'status') next.status = obj.status;
        else if (k === 'metadata') next.metadata = definedCopy(existing.metadata);
        else if (v !== undefined) (next as Record<string, unknown>)[k] = v;
      }
      if (!('status' in next)) next.status = obj.status;
    } else {
      next = obj;
      const m = next.metadata;
      const e = existing.metadata;
      // Server-owned metadata always comes from the stored object (absent stays absent).
      for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
        if (e[k] === undefined) delete m[k];
        else (m as Record<string, unknown>)[k] = e[k];
      }
      if (!m.generateName && e.generateName) m.generateName = e.generateName;
      // Finalizers can only be removed, not added, once deletion started.
      if (info.hasStatus) next.status = deepClone(existing.status);
      if (info.resource === 'namespaces') next.spec = { ...existing.spec, ...(next.spec ?? {}), finalizers: existing.spec?.finalizers };
    }
    next.metadata.resourceVersion = existing.metadata.resourceVersion;
    if (part === 'main') applyDefaults(info, next);
    this.recordManagedFields(info, existing, next, ctx, part);
    if (part === 'main' && GENERATION_RESOURCES.has(info.resource) && !deepEqual(next.spec, existing.spec)) {
      next.metadata.generation = (existing.metadata.generation ?? 1) + 1;
      // The DaemonSet strategy counts template changes in this annotation (the rollout keys on it).
      if (info.resource === 'daemonsets' && !deepEqual(next.spec.template, existing.spec.template)) {
        next.metadata.annotations = { ...next.metadata.annotations, 'deprecated.daemonset.template.generation': String(next.metadata.generation) };
      }
    }
    if (part === 'main' && info.resource === 'pods') (next as Pod).status = existing.status;
    this.check(info, name, part === 'status' ? validateStatusUpdate(info, next, existing) : validateUpdate(info, next, existing));
    if (info.resource === 'services' && part === 'main') this.allocateService(next, existing);
    if (deepEqual(next, existing)) return existing;
    if (ctx.dryRun) return next;
    if (this.removable(info, next)) return this.remove(info, next, ctx);
    const stored = this.store.update(info.resource, next);
    this.traceWrite(ctx, verb, info, namespace, name, 200);
    return stored;
  }

  /** An object being deleted goes once nothing holds it: finalizers done, grace period over. */
  private removable(info: ResourceInfo, obj: KubeObject): boolean {
    const m = obj.metadata;
    if (!m.deletionTimestamp) return false;
    if (m.finalizers && m.finalizers.length) return false;
    if (info.resource === 'namespaces' && obj.spec?.finalizers?.length) return false;
    if (info.resource === 'pods' && (m.deletionGracePeriodSeconds ?? 0) > 0) return false;
    return true;
  }

  private remove(info: ResourceInfo, obj: KubeObject, ctx: RequestContext): KubeObject {
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name!;
    // Store the final state first (finalizers gone), so watchers see the last version in DELETED.
    const current = this.store.get(info.resource, ns, name);
    if (current && !deepEqual(current, obj)) this.store.update(info.resource, obj);
    const gone = this.store.delete(info.resource, ns, name)!;
    if (info.resource === 'services') this.releaseService(obj);
    this.traceWrite(ctx, 'delete', info, ns, name, 200);
    return gone;
  }

  private podGracePeriod(pod: Pod, requested: number | undefined): number {
    // Pods that never ran, or finished, have nothing to stop: they go at once.
    if (!pod.spec.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    return Math.max(0, grace);
  }

  private allocateService(svc: KubeObject, old: KubeObject | undefined): void {
    const spec = svc.spec ?? (svc.spec = {});
    const type = spec.type ?? 'ClusterIP';
    const name = svc.metadata.name ?? '';
    if (type === 'ExternalName') return;
    if (old && !spec.clusterIP && old.spec?.clusterIP) {
      // An update that leaves the allocated IP out keeps it (patchAllocatedValues).
      spec.clusterIP = old.spec.clusterIP;
      spec.clusterIPs = old.spec.clusterIPs;
    }
    if (!old) {
      const ip = spec.clusterIP;
      if (ip === 'None') {
        spec.clusterIPs = ['None'];
      } else if (ip) {
        if (!this.serviceIPs.contains(ip)) {
          throw invalid('Service', '', name, [{
            type: 'FieldValueInvalid',
            field: 'spec.clusterIPs',
            body: `Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.serviceIPs.cidr}`,
          }]);
        }
        if (this.serviceIPs.isAllocated(ip)) {
          throw invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: 'spec.clusterIPs', body: `Invalid value: []string{"${ip}"}: failed to allocate IP ${ip}: provided IP is already allocated` }]);
        }
        this.serviceIPs.allocate(ip);
        spec.clusterIPs = [ip];
      } else {
        const next = this.serviceIPs.next();
        if (!next) throw new ApiError({ reason: 'InternalError', code: 500, message: 'Internal error occurred: failed to allocate a serviceIP: range is full' });
        spec.clusterIP = next;
        spec.clusterIPs = [next];
      }
    }
    if (type === 'NodePort' || type === 'LoadBalancer') {
      const oldPorts = new Map<number, number>();
      for (const p of old?.spec?.ports ?? []) if (p.nodePort) oldPorts.set(p.port, p.nodePort);
      for (const p of spec.ports ?? []) {
        if (p.nodePort) {
          if (oldPorts.get(p.port) === p.nodePort) continue;
          if (!this.nodePorts.contains(p.nodePort)) {
            throw invalid('Service', '', name, [{
              type: 'FieldValueInvalid',
              field: `spec.ports[${spec.ports.indexOf(p)}].nodePort`,
              body: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${this.nodePorts.min}-${this.nodePorts.max}`,
            }]);
          }
          if (this.nodePorts.isAllocated(p.nodePort)) {
            throw invalid('Service', '', name, [{ type: 'FieldValueInvalid', field: `spec.ports[${spec.ports.indexOf(p)}].nodePort`, body: `Invalid value: ${p.nodePort}: provided port is already allocated` }]);
          }
          this.nodePorts.allocate(p.nodePort);
        } else {
          p.nodePort = oldPorts.get(p.port) ?? this.nodePorts.next();
        }
      }
    }
  }

  private releaseService(svc: KubeObject): void {
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') this.serviceIPs.release(svc.spec.clusterIP);
    for (const p of svc.spec?.ports ?? []) this.nodePorts.release(p.nodePort);
  }

  /** Disruptions a PodDisruptionBudget allows now, from the pods it covers. */
  private disruptionsAllowed(pdb: KubeObject): number {
    const sel = fromLabelSelector(pdb.spec?.selector);
    const pods = this.store.list('pods', pdb.metadata.namespace).filter((p) => matches(sel, p.metadata.labels) && !p.metadata.deletionTimestamp);
    const healthy = pods.filter((p) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
    const expected = pods.length;
    const pct = (v: number | string, of: number) => (typeof v === 'string' && v.endsWith('%') ? Math.ceil((Number(v.slice(0, -1)) / 100) * of) : Number(v));
    let desiredHealthy: number;
    if (pdb.spec?.minAvailable !== undefined) desiredHealthy = pct(pdb.spec.minAvailable, expected);
    else if (pdb.spec?.maxUnavailable !== undefined) desiredHealthy = expected - pct(pdb.spec.maxUnavailable, expected);
    else desiredHealthy = expected;
    return healthy - desiredHealthy;
  }


  private traceWrite(ctx: RequestContext, verb: 'create' | 'update' | 'patch' | 'delete' | 'bind' | 'evict', info: ResourceInfo, namespace: string | undefined, name: string, code: number): void {
    if (!this.trace.active) return;
    this.trace.emit({ type: 'api', at: this.clock.now(), actor: ctx.actor ?? 'unknown', verb, resource: info.resource, namespace, name, code, revision: this.store.revision });
  }

  /** Events expire an hour after their last update (etcd lease TTL in the real API server). */
  private scheduleEventSweep(): void {
    this.clock.schedule(() => {
      const cutoff = this.clock.now() - EVENT_TTL_MS;
      for (const ev of this.store.list('events')) {
        const last = Date.parse(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp ?? '');
        if (last <= cutoff) this.store.delete('events', ev.metadata.namespace, ev.metadata.name!);
      }
      this.scheduleEventSweep();
    }, 60_000, 'apiserver: event TTL sweep');
  }
}

/** A client bound to one component: the same verbs, with the caller recorded in the trace. */
export class ApiClient {
  constructor(readonly api: ApiServer, readonly actor: string) {}
  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    return this.api.get<T>(resource, namespace, name);
  }
  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    return this.api.tryGet<T>(resource, namespace, name);
  }
  list<T extends KubeObject = KubeObject>(resource: string, opts: ListOptions = {}): KubeList<T> {
    return this.api.list<T>(resource, opts);
  }
  watch(resource: string, opts: WatchOptions, handler: (e: WatchEvent) => void): () => void {
    return this.api.watch(resource, opts, handler);
  }
  create<T extends KubeObject = KubeObject>(resource: string, obj: KubeObject, ctx: RequestContext & { namespace?: string } = {}): T {
    return this.api.create<T>(resource, obj, { ...ctx, actor: this.actor });
  }
  update<T extends KubeObject = KubeObject>(resource: string, obj: KubeObject, ctx: RequestContext = {}): T {
    return this.api.update<T>(resource, obj, { ...ctx, actor: this.actor });
  }
  updateStatus<T extends KubeObject = KubeObject>(resource: string, obj: KubeObject, ctx: RequestContext = {}): T {
    return this.api.updateStatus<T>(resource, obj, { ...ctx, actor: this.actor });
  }
  patch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, ctx: RequestContext & { subresource?: 'status' } = {}): T {
    return this.api.patch<T>(resource, namespace, name, type, patch, { ...ctx, actor: this.actor });
  }
  delete<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    return this.api.delete<T>(resource, namespace, name, opts, { actor: this.actor });
  }
  bind(namespace: string, name: string, node: string, uid?: string): void {
    this.api.bind(namespace, name, { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } }, { actor: this.actor });
  }
  evict(namespace: string, name: string, deleteOptions?: DeleteOptions): void {
    this.api.evict(namespace, name, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace }, deleteOptions }, { actor: this.actor });
  }
}

function onlyNodeName(fields: FieldRequirement[]): string | undefined {
  const f = fields.find((r) => r.field === 'spec.nodeName' && r.op === '=');
  return f?.value;
}

function scaleOf(obj: KubeObject): KubeObject {
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: formatLabelSelector(obj.spec?.selector).replace(/^<none>$/, '') },
  };
}

/** The parts of a status update's body the server reads (a body that is not an object is left for decode to refuse). */
function statusPart(body: KubeObject): KubeObject {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  return { apiVersion: body.apiVersion, kind: body.kind, metadata: body.metadata, status: body.status } as KubeObject;
}

/** A shallow copy without the undefined members (as a deep copy would leave them out). */
function definedCopy<T extends object>(o: T): T {
  const out = {} as Record<string, unknown>;
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}
