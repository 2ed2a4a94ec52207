// The Kubernetes REST API over HTTP for a simulated Cluster, for a real kubectl (plain HTTP,
// 127.0.0.1 by default). Routes /api, /apis, /openapi, /version and health paths, plus the
// `/clusterlab/v1/clock` control endpoint. Every request is answered; errors are Status objects.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError, internalError } from '../sim/api/errors';
import type { Cluster } from '../sim/cluster';
import { aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery';
import { clockState, controlClock, ClockDriver } from '../host/clock';
import { notFoundPath, parseAccept, readBody, sendJSON, sendStatus } from './http';
import { openAPIDocument, openAPIIndex } from './openapi';
import { ResourceHandler } from './resources';
import { handleMetrics, withMetricsDiscovery } from './metrics';
import { MetricsApi } from '../sim/apiserver/metrics';

export interface ClusterServerOptions {
  /** Wall ms between clock ticks (default 50). */
  tickMs?: number;
  /** Wall ms between polls of a followed log (default 250). */
  logPollMs?: number;
  /** Drive the clock in real time (default true); tests may drive it themselves. */
  driveClock?: boolean;
  /** Called with unexpected exceptions (they are answered with 500 either way). */
  onError?: (e: unknown) => void;
}

export class ClusterServer {
  readonly http: Server;
  private readonly driver: ClockDriver;
  private readonly resources: ResourceHandler;
  private readonly metrics: MetricsApi;
  private readonly sockets = new Set<Socket>();
  private address = 'http://127.0.0.1';

  constructor(readonly cluster: Cluster, private readonly opts: ClusterServerOptions = {}) {
    const onError = opts.onError ?? ((e: unknown) => console.error('clusterlab: internal error:', e));
    this.opts = { ...opts, onError };
    this.driver = new ClockDriver(cluster.clock, onError);
    this.resources = new ResourceHandler(cluster, { logPollMs: opts.logPollMs ?? 250 });
    this.metrics = new MetricsApi(cluster.api);
    this.http = createServer((req, res) => void this.handle(req, res));
    // exec/attach/port-forward upgrade to SPDY or WebSocket: the simulated containers have no shell.
    this.http.on('upgrade', (_req, socket: Socket) => {
      const body = JSON.stringify(new ApiError({ reason: 'BadRequest', code: 400, message: 'Clusterlab does not support exec, attach or port-forward: the simulated containers have no processes to connect to' }).status);
      socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    });
    this.http.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.http.on('clientError', (_e, socket: Socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
  }

  /** Listen and start the wall-clock driver; resolves with the bound port. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        const bound = (this.http.address() as AddressInfo).port;
        this.address = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
        if (this.opts.driveClock !== false) this.driver.start(this.opts.tickMs ?? 50);
        resolve(bound);
      });
    });
  }

  /** Stop the clock, end open watches and log streams, close the listener. */
  close(): Promise<void> {
    this.driver.stop();
    this.resources.closeStreams();
    return new Promise((resolve) => {
      this.http.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.route(req, res);
    } catch (e) {
      if (e instanceof ApiError) {
        sendStatus(res, e.status);
      } else {
        this.opts.onError!(e);
        sendStatus(res, internalError(e instanceof Error ? e.message : String(e)).status);
      }
    } finally {
      // Let controllers, the scheduler and watchers react to the request at once.
      try {
        this.cluster.clock.runUntilIdle();
      } catch (e) {
        this.opts.onError!(e);
      }
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));

    if (path === '/clusterlab/v1/clock') return this.clock(req, res, method);
    if (parts[0] === 'apis' && parts[1] === 'metrics.k8s.io') return handleMetrics(res, method, parts.slice(1), url.searchParams, this.metrics);
    if (parts[0] === 'api' || parts[0] === 'apis') {
      if (parts.length <= 3 || (parts[0] === 'api' && parts.length <= 2)) {
        const doc = this.discovery(req, parts);
        if (doc) {
          if (method !== 'GET') throw notFoundPath();
          sendJSON(res, 200, doc.body, doc.contentType);
          return;
        }
      }
      return this.resources.handle(req, res, method, parts, url.searchParams);
    }
    if (method !== 'GET' && method !== 'HEAD') throw notFoundPath();
    if (path === '/version') return sendJSON(res, 200, versionInfo(this.cluster.spec.kubernetesVersion));
    if (/^\/(healthz|readyz|livez)(\/.*)?$/.test(path)) {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('ok');
      return;
    }
    if (path === '/openapi/v3') return sendJSON(res, 200, openAPIIndex());
    const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
    if (m) {
      const doc = m[1] ? openAPIDocument('', m[1]) : openAPIDocument(m[2], m[3]);
      if (!doc) throw notFoundPath();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(doc.body), Etag: `"${doc.hash}"`, 'Cache-Control': url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private' });
      res.end(doc.body);
      return;
    }
    throw notFoundPath();
  }

  /** Discovery documents under /api and /apis, or undefined when the path is a resource path. */
  private discovery(req: IncomingMessage, parts: string[]): { body: unknown; contentType?: string } | undefined {
    if (parts.length === 1) {
      const legacy = parts[0] === 'api';
      for (const m of parseAccept(req.headers.accept)) {
        if (m.type === 'application/json' && m.params.g === 'apidiscovery.k8s.io' && m.params.as === 'APIGroupDiscoveryList' && (m.params.v === 'v2' || m.params.v === 'v2beta1')) {
          const body = aggregatedDiscovery(legacy, m.params.v);
          return { body: !legacy && this.metrics.available() ? withMetricsDiscovery(body) : body, contentType: `application/json;g=apidiscovery.k8s.io;v=${m.params.v};as=APIGroupDiscoveryList` };
        }
        if (m.type === 'application/json' && !m.params.as) break;
      }
      if (legacy) return { body: apiVersions(this.address.replace(/^http:\/\//, '')) };
      return { body: this.metrics.available() ? withMetricsDiscovery(apiGroupList()) : apiGroupList() };
    }
    if (parts[0] === 'api' && parts.length === 2) {
      const list = apiResourceList('', parts[1]);
      if (!list) throw notFoundPath();
      return { body: list };
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(parts[1]);
      if (!g) throw notFoundPath();
      return { body: g };
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = apiResourceList(parts[1], parts[2]);
      if (!list) throw notFoundPath();
      return { body: list };
    }
    return undefined;
  }

  private async clock(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const clock = this.cluster.clock;
    if (method === 'GET') return sendJSON(res, 200, clockState(clock));
    if (method !== 'POST' && method !== 'PUT') throw new ApiError({ reason: 'MethodNotAllowed', code: 405, message: 'the clock endpoint accepts GET, POST and PUT' });
    const raw = (await readBody(req)).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(raw || '{}');
    } catch (e) {
      throw new ApiError({ reason: 'BadRequest', code: 400, message: `clock: malformed JSON: ${(e as Error).message}` });
    }
    sendJSON(res, 200, controlClock(clock, body));
  }
}
