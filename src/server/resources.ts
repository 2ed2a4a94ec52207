// REST verbs on /api/v1/... and /apis/<group>/<version>/...: collections and items, namespaced and
// cluster-scoped, and the subresources kubectl uses (status, scale, log, binding, eviction,
// finalize). Each request maps onto one ApiServer verb; the answer is what kube-apiserver sends.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { DeleteOptions, FieldValidation, LogOptions, RequestContext, WatchEvent } from '../sim/apiserver/apiserver';
import { ApiError, badRequest } from '../sim/api/errors';
import { patchTypeFromContentType, unsupportedPatchMediaType, type PatchType } from '../sim/api/patch';
import { apiVersionOf, resourceFor, type ResourceInfo } from '../sim/api/registry';
import { HPA_V1, HPA_V2, hpaListV2ToV1, hpaV1ToV2, hpaV2ToV1 } from '../sim/api/hpaversions';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../sim/api/patch';
import type { KubeObject, Pod } from '../sim/api/types';
import type { Cluster } from '../sim/cluster';
import { methodNotAllowed, negotiate, notFoundPath, readBody, sendJSON, setWarnings, successStatus, unsupportedMediaType, type Negotiated } from './http';
import { decodeProtobufObject, PROTOBUF_CONTENT_TYPE } from './protobuf';
import { buildTable, parseIncludeObject, partialObjectMetadata } from './table';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Target {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  sub?: string;
  /** The legacy `/watch/` path prefix was used. */
  watchPath: boolean;
}

export class ResourceHandler {
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly cluster: Cluster, private readonly opts: { logPollMs: number }) {}

  closeStreams(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse, method: string, parts: string[], q: URLSearchParams): Promise<void> {
    const t = this.target(parts);
    const ctx = this.context(req, q, method);
    const body = MUTATING.has(method) ? await readBody(req) : Buffer.alloc(0);
    const contentType = String(req.headers['content-type'] ?? '');
    const { info, namespace, name, sub } = t;

    if (info === HPA_V1) return this.hpaV1(req, res, method, t, q, body, contentType, ctx);
    if (sub) return this.subresource(req, res, method, t, q, body, contentType, ctx);
    if (!name) {
      switch (method) {
        case 'GET':
          if (t.watchPath || isTrue(q.get('watch'))) return this.watch(req, res, t, q);
          return this.list(req, res, t, q);
        case 'POST':
          if (info.namespaced && !namespace) throw methodNotAllowed();
          return this.create(res, t, this.decodeBody(body, contentType, info), ctx);
        case 'DELETE': {
          const del = this.deleteOptions(body, q);
          const list = this.cluster.api.deleteCollection(info, listOptions(t, q), del, ctx);
          setWarnings(res, ctx.warnings);
          return sendJSON(res, 200, list);
        }
        default:
          throw methodNotAllowed();
      }
    }
    switch (method) {
      case 'GET': {
        if (t.watchPath || isTrue(q.get('watch'))) return this.watch(req, res, t, q, name);
        this.consistentRead(q);
        const obj = this.cluster.api.get(info, namespace, name);
        return this.sendRead(res, negotiate(req.headers.accept), info, obj, q);
      }
      case 'PUT': {
        const obj = this.decodeBody(body, contentType, info);
        checkName(obj, name);
        const out = this.cluster.api.update(info, obj, { ...ctx, namespace });
        setWarnings(res, ctx.warnings);
        return sendJSON(res, 200, out);
      }
      case 'PATCH': {
        const out = this.cluster.api.patch(info, namespace, name, patchType(contentType), this.parsePatch(body, contentType), ctx);
        setWarnings(res, ctx.warnings);
        return sendJSON(res, 200, out);
      }
      case 'DELETE':
        return this.delete(res, t, name, this.deleteOptions(body, q), ctx);
      default:
        throw methodNotAllowed();
    }
  }

  // ---------------------------------------------------------------- routing

  private target(parts: string[]): Target {
    // /api/v1/... or /apis/<group>/<version>/...
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else {
      group = parts[1];
      version = parts[2];
      rest = parts.slice(3);
    }
    let watchPath = false;
    if (rest[0] === 'watch') {
      watchPath = true;
      rest = rest.slice(1);
    }
    let namespace: string | undefined;
    // namespaces/<ns>/<resource>..., but not namespaces/<name>/status|finalize (the namespace's own subresources).
    if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    if (rest.length === 0 || rest.length > 3) throw notFoundPath();
    const info = group === 'autoscaling' && version === 'v1' && rest[0] === HPA_V1.resource ? HPA_V1 : resourceFor(group, version, rest[0]);
    if (!info) throw notFoundPath();
    if (namespace !== undefined && !info.namespaced) throw notFoundPath();
    const [, name, sub] = rest;
    if (name !== undefined && info.namespaced && namespace === undefined) throw notFoundPath();
    if (sub !== undefined && !info.subresources.includes(sub)) throw notFoundPath();
    return { info, namespace, name, sub, watchPath };
  }

  private context(req: IncomingMessage, q: URLSearchParams, method: string): RequestContext & { force?: boolean } {
    const agent = String(req.headers['user-agent'] ?? 'unknown');
    const ctx: RequestContext & { force?: boolean } = { decode: true, actor: agent, warnings: [] };
    const dryRun = q.getAll('dryRun');
    for (const d of dryRun) {
      if (d !== 'All') throw new ApiError({ reason: 'BadRequest', code: 400, message: `Invalid dry run value: ${JSON.stringify(d)}: supported values: "All"` });
    }
    if (dryRun.length) ctx.dryRun = true;
    const fv = q.get('fieldValidation');
    if (fv !== null && fv !== '') {
      if (fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
        throw badRequest(`fieldValidation parameter: invalid value: "${fv}" (should be one of "Ignore", "Warn", "Strict")`);
      }
      ctx.fieldValidation = fv as FieldValidation;
    } else if (MUTATING.has(method)) {
      ctx.fieldValidation = 'Warn'; // the server's default since 1.27
    }
    const fm = q.get('fieldManager');
    if (fm !== null) {
      if (fm.length > 128) throw badRequest(`fieldManager: Too long: may not be more than 128 bytes`);
      ctx.fieldManager = fm;
    } else {
      // The server derives a manager from the user agent's first token, as kube-apiserver does.
      ctx.fieldManager = agent.split('/')[0];
    }
    const force = q.get('force');
    if (force !== null) ctx.force = isTrue(force);
    return ctx;
  }

  // ---------------------------------------------------------------- bodies

  private decodeBody(body: Buffer, contentType: string, info: ResourceInfo): KubeObject {
    const base = contentType.split(';')[0].trim().toLowerCase();
    if (base === PROTOBUF_CONTENT_TYPE) return decodeProtobufObject(body, info) as KubeObject;
    let text = body.toString('utf8');
    if (base === 'application/yaml') {
      try {
        return parseYaml(text) as KubeObject;
      } catch (e) {
        throw badRequest(`yaml: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    if (base !== '' && base !== 'application/json' && base !== '*/*') throw unsupportedMediaType();
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    try {
      return JSON.parse(text) as KubeObject;
    } catch (e) {
      throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(text, e)}`);
    }
  }

  private parsePatch(body: Buffer, contentType: string): unknown {
    const text = body.toString('utf8');
    if (patchType(contentType) === 'apply') {
      try {
        return parseYaml(text);
      } catch (e) {
        throw badRequest(`error decoding YAML: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw badRequest(`error decoding patch: ${goJsonError(text, e)}`);
    }
  }

  private deleteOptions(body: Buffer, q: URLSearchParams): DeleteOptions {
    let opts: DeleteOptions & { dryRun?: string[] } = {};
    const text = body.toString('utf8').trim();
    if (text) {
      try {
        opts = JSON.parse(text);
      } catch (e) {
        throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(text, e)}`);
      }
      if (opts === null || typeof opts !== 'object') throw badRequest('DeleteOptions: expected an object');
    }
    const grace = q.get('gracePeriodSeconds');
    if (grace !== null) {
      const n = Number(grace);
      if (!Number.isInteger(n)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(grace)}: invalid syntax`);
      opts.gracePeriodSeconds = n;
    }
    const policy = q.get('propagationPolicy');
    if (policy !== null) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
    const orphan = q.get('orphanDependents');
    if (orphan !== null) opts.orphanDependents = isTrue(orphan);
    if (opts.propagationPolicy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(opts.propagationPolicy)) {
      throw new ApiError({
        reason: 'Invalid',
        code: 422,
        message: `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
        details: { group: 'meta.k8s.io', kind: 'DeleteOptions', causes: [{ reason: 'FieldValueNotSupported', message: `Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan", "nil"`, field: 'propagationPolicy' }] },
      });
    }
    return opts;
  }

  /**
   * autoscaling/v1 HorizontalPodAutoscalers (kubectl 1.32's `autoscale` writes them): the stored
   * autoscaling/v2 objects, converted both ways. Tables and watches read the v2 objects as they are.
   */
  private hpaV1(req: IncomingMessage, res: ServerResponse, method: string, t: Target, q: URLSearchParams, body: Buffer, contentType: string, ctx: RequestContext): void {
    const api = this.cluster.api;
    const v2: Target = { ...t, info: HPA_V2 };
    const neg = negotiate(req.headers.accept);
    if (t.sub && t.sub !== 'status') throw notFoundPath();
    if (method === 'GET') {
      if (t.watchPath || isTrue(q.get('watch'))) return this.watch(req, res, v2, q, t.name);
      if (!t.name) return neg.as === 'object' ? sendJSON(res, 200, hpaListV2ToV1(api.list(HPA_V2, listOptions(t, q)))) : this.list(req, res, v2, q);
      const obj = api.get(HPA_V2, t.namespace, t.name);
      return neg.as === 'object' ? sendJSON(res, 200, hpaV2ToV1(obj as never)) : this.sendRead(res, neg, HPA_V2, obj, q);
    }
    if (method === 'POST' && !t.name) {
      if (!t.namespace) throw methodNotAllowed();
      const out = api.create(HPA_V2, hpaV1ToV2(this.decodeBody(body, contentType, HPA_V1) as never) as unknown as KubeObject, { ...ctx, namespace: t.namespace });
      setWarnings(res, ctx.warnings);
      return sendJSON(res, 201, hpaV2ToV1(out as never));
    }
    if ((method === 'PUT' || method === 'PATCH') && t.name) {
      let v1: Record<string, unknown>;
      if (method === 'PUT') v1 = this.decodeBody(body, contentType, HPA_V1) as never;
      else {
        // The patch applies to the v1 view of the object.
        const live = hpaV2ToV1(api.get(HPA_V2, t.namespace, t.name) as never);
        const type = patchType(contentType);
        const p = this.parsePatch(body, contentType);
        if (type === 'apply') throw unsupportedPatchMediaType(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
        v1 = (type === 'merge' ? applyMergePatch(live, p) : type === 'json' ? applyJsonPatch(live, p) : applyStrategicMergePatch(live, p, 'HorizontalPodAutoscaler')) as Record<string, unknown>;
      }
      const obj = hpaV1ToV2(v1) as unknown as KubeObject;
      checkName(obj, t.name);
      if (t.sub === 'status') obj.status = (api.get(HPA_V2, t.namespace, t.name) as KubeObject).status;
      const out = api.update(HPA_V2, obj, { ...ctx, namespace: t.namespace });
      setWarnings(res, ctx.warnings);
      return sendJSON(res, 200, hpaV2ToV1(out as never));
    }
    if (method === 'DELETE' && t.name && !t.sub) return this.delete(res, v2, t.name, this.deleteOptions(body, q), ctx);
    throw methodNotAllowed();
  }

  // ---------------------------------------------------------------- verbs

  /**
   * A read without resourceVersion (or with one other than "0") is a quorum read of etcd: it fails
   * like kube-apiserver's while etcd has lost quorum. resourceVersion=0 is served from the cache.
   */
  private consistentRead(q: URLSearchParams): void {
    if (q.get('resourceVersion') !== '0') this.cluster.etcd.checkConsistentRead();
  }

  private list(req: IncomingMessage, res: ServerResponse, t: Target, q: URLSearchParams): void {
    this.consistentRead(q);
    const list = this.cluster.api.list(t.info, listOptions(t, q));
    const neg = negotiate(req.headers.accept);
    if (neg.as === 'Table') {
      const table = buildTable(t.info, list.items, { now: this.cluster.clock.now(), resourceVersion: list.metadata.resourceVersion, include: parseIncludeObject(q.get('includeObject')), metaVersion: neg.version });
      return sendJSON(res, 200, table, neg.contentType);
    }
    if (neg.as === 'PartialObjectMetadataList' || neg.as === 'PartialObjectMetadata') {
      return sendJSON(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${neg.version}`,
        metadata: list.metadata,
        items: list.items.map((o) => partialObjectMetadata(o, neg.version)),
      }, neg.contentType.replace('as=PartialObjectMetadata;', 'as=PartialObjectMetadataList;'));
    }
    sendJSON(res, 200, list);
  }

  private sendRead(res: ServerResponse, neg: Negotiated, info: ResourceInfo, obj: KubeObject, q: URLSearchParams): void {
    if (neg.as === 'Table') {
      const table = buildTable(info, [obj], { now: this.cluster.clock.now(), resourceVersion: obj.metadata.resourceVersion, include: parseIncludeObject(q.get('includeObject')), metaVersion: neg.version });
      return sendJSON(res, 200, table, neg.contentType);
    }
    if (neg.as === 'PartialObjectMetadata') return sendJSON(res, 200, partialObjectMetadata(obj, neg.version), neg.contentType);
    sendJSON(res, 200, obj);
  }

  private create(res: ServerResponse, t: Target, obj: KubeObject, ctx: RequestContext): void {
    const api = this.cluster.api;
    const out = this.createSpecial(t, obj, ctx) ?? api.create(t.info, obj, { ...ctx, namespace: t.namespace });
    setWarnings(res, ctx.warnings);
    sendJSON(res, 201, out);
  }

  /** Kinds whose create is not storage: bindings and the review APIs (everyone is cluster-admin here). */
  private createSpecial(t: Target, obj: KubeObject, ctx: RequestContext): KubeObject | Record<string, unknown> | undefined {
    const user = { username: 'clusterlab-admin', groups: ['system:masters', 'system:authenticated'] };
    const echo = () => ({ ...obj, apiVersion: apiVersionOf(t.info), kind: t.info.kind, metadata: { ...(obj.metadata ?? {}), creationTimestamp: null } });
    switch (t.info.resource) {
      case 'bindings':
        this.cluster.api.bind(t.namespace!, obj.metadata?.name ?? '', obj, ctx);
        return successStatus(201);
      case 'selfsubjectaccessreviews':
      case 'subjectaccessreviews':
      case 'localsubjectaccessreviews':
        return { ...echo(), status: { allowed: true, reason: 'Clusterlab: every user is cluster-admin' } };
      case 'selfsubjectrulesreviews':
        return { ...echo(), status: { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false } };
      case 'selfsubjectreviews':
        return { ...echo(), status: { userInfo: user } };
      case 'tokenreviews':
        return { ...echo(), status: { authenticated: true, user, audiences: obj.spec?.audiences } };
    }
    return undefined;
  }

  private delete(res: ServerResponse, t: Target, name: string, opts: DeleteOptions, ctx: RequestContext): void {
    const api = this.cluster.api;
    const out = api.delete(t.info, t.namespace, name, opts, ctx);
    setWarnings(res, ctx.warnings);
    const still = api.tryGet(t.info, t.namespace, name);
    // Still there (graceful deletion, finalizers): the object with its deletionTimestamp. Gone: pods
    // return the deleted object (ReturnDeletedObject), other resources a Success Status.
    if ((still && still.metadata.uid === out.metadata.uid) || t.info.resource === 'pods' || ctx.dryRun) return sendJSON(res, 200, out);
    sendJSON(res, 200, successStatus(200, { name, group: t.info.group || undefined, kind: t.info.resource, uid: out.metadata.uid }));
  }

  // ---------------------------------------------------------------- subresources

  private async subresource(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    t: Target,
    q: URLSearchParams,
    body: Buffer,
    contentType: string,
    ctx: RequestContext,
  ): Promise<void> {
    const api = this.cluster.api;
    const { info, namespace, name, sub } = t as Required<Target>;
    const ns = namespace ?? '';
    const key = `${method} ${sub}`;
    switch (key) {
      case 'GET status':
        return this.sendRead(res, negotiate(req.headers.accept), info, api.get(info, namespace, name), q);
      case 'PUT status': {
        const obj = this.decodeBody(body, contentType, info);
        checkName(obj, name);
        const out = api.updateStatus(info, obj, { ...ctx, namespace });
        setWarnings(res, ctx.warnings);
        return sendJSON(res, 200, out);
      }
      case 'PATCH status': {
        const out = api.patch(info, namespace, name, patchType(contentType), this.parsePatch(body, contentType), { ...ctx, subresource: 'status' });
        setWarnings(res, ctx.warnings);
        return sendJSON(res, 200, out);
      }
      case 'GET scale':
        return sendJSON(res, 200, api.getScale(info, ns, name));
      case 'PUT scale': {
        const scale = this.decodeJSON(body, contentType);
        checkName(scale, name);
        return sendJSON(res, 200, api.updateScale(info, ns, name, scale, ctx));
      }
      case 'PATCH scale':
        return sendJSON(res, 200, api.patchScale(info, ns, name, patchType(contentType), this.parsePatch(body, contentType), ctx));
      case 'GET log':
        return this.logs(res, ns, name, q);
      case 'POST binding': {
        const binding = this.decodeJSON(body, contentType);
        checkName(binding, name);
        api.bind(ns, name, binding, ctx);
        return sendJSON(res, 201, successStatus(201));
      }
      case 'POST eviction': {
        const ev = this.decodeJSON(body, contentType);
        if (ev.metadata?.name && ev.metadata.name !== name) throw badRequest('name in URL does not match name in Eviction object');
        api.evict(ns, name, ev, ctx);
        return sendJSON(res, 201, successStatus(201));
      }
      case 'PUT finalize': {
        const obj = this.decodeJSON(body, contentType);
        checkName(obj, name);
        return sendJSON(res, 200, api.finalizeNamespace(name, obj.spec?.finalizers ?? [], ctx));
      }
    }
    if (!info.subresources.includes(sub)) throw notFoundPath();
    if (sub === 'exec' || sub === 'attach' || sub === 'portforward') {
      throw badRequest('Upgrade request required');
    }
    throw methodNotAllowed();
  }

  private decodeJSON(body: Buffer, contentType: string): KubeObject {
    const base = contentType.split(';')[0].trim().toLowerCase();
    if (base === PROTOBUF_CONTENT_TYPE) throw unsupportedMediaType();
    const text = body.toString('utf8');
    let obj: unknown;
    try {
      obj = base === 'application/yaml' ? parseYaml(text) : JSON.parse(text);
    } catch (e) {
      throw badRequest(`couldn't get version/kind; json parse error: ${goJsonError(text, e)}`);
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw badRequest('the body of the request must be an object');
    return obj as KubeObject;
  }

  // ---------------------------------------------------------------- streams

  private watch(req: IncomingMessage, res: ServerResponse, t: Target, q: URLSearchParams, name?: string): void {
    const neg = negotiate(req.headers.accept);
    const include = parseIncludeObject(q.get('includeObject'));
    const opts = listOptions(t, q);
    if (name) opts.fieldSelector = [`metadata.name=${name}`, opts.fieldSelector].filter(Boolean).join(',');
    const clock = this.cluster.clock;
    let open = true;
    const write = (e: WatchEvent) => {
      if (!open) return;
      let object: unknown = e.object;
      if (e.type !== 'ERROR') {
        if (neg.as === 'Table') object = buildTable(t.info, [e.object], { now: clock.now(), resourceVersion: e.object.metadata.resourceVersion, include, metaVersion: neg.version });
        else if (neg.as === 'PartialObjectMetadata' || neg.as === 'PartialObjectMetadataList') object = partialObjectMetadata(e.object, neg.version);
      }
      res.write(JSON.stringify({ type: e.type, object }) + '\n');
      if (e.type === 'ERROR') finish();
    };
    // Throws (bad selector, bad resourceVersion) before any header is sent: answered as a Status.
    const stop = this.cluster.api.watch(t.info, { ...opts, resourceVersion: q.get('resourceVersion') ?? undefined }, write);
    res.writeHead(200, { 'Content-Type': neg.as === 'object' ? 'application/json' : neg.contentType, 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    this.streams.add(res);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let bookmarks: ReturnType<typeof setInterval> | undefined;
    const finish = () => {
      if (!open) return;
      open = false;
      stop();
      if (timer) clearTimeout(timer);
      if (bookmarks) clearInterval(bookmarks);
      this.streams.delete(res);
      res.end();
    };
    const timeout = Number(q.get('timeoutSeconds'));
    if (timeout > 0) timer = setTimeout(finish, timeout * 1000);
    if (isTrue(q.get('allowWatchBookmarks')) && neg.as === 'object') {
      // A bookmark now and then tells informers the current revision.
      bookmarks = setInterval(() => {
        if (!open) return;
        const object = { kind: t.info.kind, apiVersion: apiVersionOf(t.info), metadata: { resourceVersion: String(this.cluster.api.store.revision) } };
        res.write(JSON.stringify({ type: 'BOOKMARK', object }) + '\n');
      }, 60_000);
    }
    res.on('close', finish);
  }

  private logs(res: ServerResponse, namespace: string, name: string, q: URLSearchParams): void {
    const api = this.cluster.api;
    const opts: LogOptions = {
      container: q.get('container') || undefined,
      previous: isTrue(q.get('previous')),
      timestamps: isTrue(q.get('timestamps')),
    };
    for (const k of ['tailLines', 'sinceSeconds', 'limitBytes'] as const) {
      const v = q.get(k);
      if (v === null) continue;
      const n = Number(v);
      if (!Number.isInteger(n)) throw badRequest(`${k}: strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
      opts[k] = n;
    }
    const first = api.logs(namespace, name, opts);
    if (!isTrue(q.get('follow'))) {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(first) });
      res.end(first);
      return;
    }
    // follow: send what exists, then poll the node's log on a wall-clock interval for new lines.
    const full = { ...opts, tailLines: undefined, limitBytes: undefined, sinceSeconds: undefined };
    let sent = api.logs(namespace, name, full).length;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.write(first);
    this.streams.add(res);
    const uid = api.get(Pod_, namespace, name).metadata.uid;
    const timer = setInterval(() => {
      try {
        const pod = api.tryGet<Pod>(Pod_, namespace, name);
        if (!pod || pod.metadata.uid !== uid) return end();
        const text = api.logs(namespace, name, full);
        if (text.length < sent) sent = 0; // a new container instance started over
        if (text.length > sent) res.write(text.slice(sent));
        sent = text.length;
        if (containerDone(pod, opts.container)) end();
      } catch {
        end();
      }
    }, this.opts.logPollMs);
    const end = () => {
      clearInterval(timer);
      this.streams.delete(res);
      res.end();
    };
    res.on('close', () => clearInterval(timer));
  }
}

const Pod_ = 'pods';

function containerDone(pod: Pod, container: string | undefined): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return true;
  const name = container ?? pod.spec.containers[0]?.name;
  const st = pod.status?.containerStatuses?.find((c) => c.name === name);
  return !!st?.state?.terminated && pod.spec.restartPolicy === 'Never';
}

function listOptions(t: Target, q: URLSearchParams): { namespace?: string; labelSelector?: string; fieldSelector?: string } {
  return { namespace: t.namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined };
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function patchType(contentType: string): PatchType {
  const t = patchTypeFromContentType(contentType.trim().toLowerCase());
  if (!t) throw unsupportedPatchMediaType();
  return t;
}

function checkName(obj: KubeObject, name: string): void {
  const n = obj?.metadata?.name;
  if (n !== undefined && n !== name) throw badRequest(`the name of the object (${n}) does not match the name on the URL (${name})`);
}

/** encoding/json's message for a syntax error, from where JSON.parse stopped. */
function goJsonError(text: string, e: unknown): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const msg = (e as Error).message;
  const at = /position (\d+)/.exec(msg);
  if (!at) {
    const tok = /Unexpected token '?(.)'?/.exec(msg);
    return tok ? `invalid character '${tok[1]}' looking for beginning of value` : 'unexpected end of JSON input';
  }
  const pos = Number(at[1]);
  if (pos >= text.length) return 'unexpected end of JSON input';
  const before = text.slice(0, pos).trimEnd();
  const prev = before[before.length - 1];
  const where = prev === '{' || (prev === ',' && /[{,]\s*"[^"]*"\s*:/.test(before)) ? 'looking for beginning of object key string' : 'looking for beginning of value';
  return `invalid character '${text[pos]}' ${where}`;
}
