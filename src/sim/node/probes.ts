// Readiness, liveness and startup probes (pkg/kubelet/prober): when they run, what they find
// and the messages the kubelet reports. A probe worker starts with the container (about a second
// after it starts: the pod worker's next sync), probes every periodSeconds, skips the probes
// before initialDelaySeconds, and flips its result after successThreshold / failureThreshold
// consecutive results. Results are computed from the container's program, so a probe that
// cannot change its answer any more stops scheduling wake-ups.

import type { Container, Probe } from '../api/types';
import type { HttpProbeHit, Program } from './process';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';

/** Delay between a container starting and its probe workers' first tick. */
export const PROBE_WORKER_DELAY_MS = 1000;

export interface ProbeRec {
  kind: ProbeKind;
  probe: Probe;
  /** Index of the next tick to evaluate. */
  next: number;
  ok: number;
  fail: number;
  /** The current result (readiness starts failing, liveness and startup start unknown/passing). */
  result: boolean;
  /** The probe's answer does not change any more: no need to keep ticking. */
  settled: boolean;
}

export function probeRecs(c: Container): ProbeRec[] {
  const out: ProbeRec[] = [];
  const mk = (kind: ProbeKind, probe: Probe | undefined) => {
    if (probe) out.push({ kind, probe, next: 0, ok: 0, fail: 0, result: kind === 'liveness', settled: false });
  };
  mk('startup', c.startupProbe);
  mk('readiness', c.readinessProbe);
  mk('liveness', c.livenessProbe);
  return out;
}

export const periodMs = (p: Probe) => (p.periodSeconds ?? 10) * 1000;

/** When tick `k` of a probe runs for a container started at `startedAt`. */
export function tickAt(p: Probe, startedAt: number, k: number): number {
  const first = Math.ceil(((p.initialDelaySeconds ?? 0) * 1000 - PROBE_WORKER_DELAY_MS) / periodMs(p));
  return startedAt + PROBE_WORKER_DELAY_MS + (Math.max(0, first) + k) * periodMs(p);
}

function resolvePort(c: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

export interface ProbeOutcome {
  ok: boolean;
  /** The failure text, as in `Readiness probe failed: <message>`. */
  message: string;
  hit?: HttpProbeHit;
}

/** Run one probe against a program at time `at`. */
export function runProbe(p: Probe, c: Container, program: Program, podIP: string, nodeIP: string, at: number): ProbeOutcome {
  const listening = (port: number) => program.ports.includes(port) && at >= program.listenAt;
  if (p.httpGet) {
    const port = resolvePort(c, p.httpGet.port);
    const path = p.httpGet.path || '/';
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${podIP}:${port ?? p.httpGet.port}${path}`;
    if (port === undefined || !listening(port)) {
      return { ok: false, message: `Get "${url}": dial tcp ${podIP}:${port ?? p.httpGet.port}: connect: connection refused` };
    }
    const status = program.http(port, path);
    if (status === undefined) return { ok: false, message: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00\\x00"` };
    const hit = { at, path, status, from: nodeIP };
    if (status >= 200 && status < 400) return { ok: true, message: '', hit };
    return { ok: false, message: `HTTP probe failed with statuscode: ${status}`, hit };
  }
  if (p.tcpSocket || p.grpc) {
    const port = p.tcpSocket ? resolvePort(c, p.tcpSocket.port) : p.grpc!.port;
    if (port !== undefined && listening(port)) return { ok: true, message: '' };
    if (p.grpc) return { ok: false, message: `timeout: failed to connect service "${podIP}:${port}" within 1s` };
    return { ok: false, message: `dial tcp ${podIP}:${port ?? p.tcpSocket!.port}: connect: connection refused` };
  }
  if (p.exec) {
    const r = program.exec(p.exec.command ?? [], at);
    if (r.code === 0) return { ok: true, message: '' };
    return { ok: false, message: r.output || `command ${JSON.stringify((p.exec.command ?? []).join(' '))} exited with ${r.code}` };
  }
  return { ok: true, message: '' };
}

/** Whether the program's answers can still change (shell scripts touch and remove files; servers start listening). */
export function programStatic(program: Program, at: number): boolean {
  return !program.kind.startsWith('shell:') && at >= program.listenAt;
}

/** kube-probe requests a program has served until `until` (for access logs), from every HTTP probe. */
export function probeHits(c: Container, program: Program, podIP: string, nodeIP: string, startedAt: number, until: number, limit = 5000): HttpProbeHit[] {
  const hits: HttpProbeHit[] = [];
  for (const rec of probeRecs(c)) {
    if (!rec.probe.httpGet) continue;
    for (let k = 0; hits.length < limit; k++) {
      const t = tickAt(rec.probe, startedAt, k);
      if (t > until) break;
      const r = runProbe(rec.probe, c, program, podIP, nodeIP, t);
      if (r.hit) hits.push(r.hit);
      // A startup probe stops once it has succeeded.
      if (rec.kind === 'startup' && r.ok) break;
    }
  }
  return hits.sort((a, b) => a.at - b.at);
}
