// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): a ConfigMap
// `kube-root-ca.crt` in every namespace holding the cluster CA bundle, which every pod's projected
// service-account volume mounts as ca.crt. Edited or deleted copies are put back.

import { isApiError } from '../api/errors';
import type { KubeObject } from '../api/types';
import type { Informer } from '../client/informer';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

// ---------------------------------------------------------------- the CA certificate
// A structurally valid X.509 v3 certificate (CN=ca, RSA 4096, sha256WithRSAEncryption, 30 years,
// CA:TRUE), as AKS issues its cluster CA, DER-encoded by hand so that `openssl x509 -text` reads
// it. The key and signature bytes come from a fixed-seed generator: the same text every run.

function der(tag: number, body: number[]): number[] {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...len, ...body];
}
const seq = (...parts: number[][]) => der(0x30, parts.flat());
const set = (...parts: number[][]) => der(0x31, parts.flat());
const int = (bytes: number[]) => der(0x02, bytes[0] & 0x80 ? [0, ...bytes] : bytes);
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const v of rest) {
    const enc = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) enc.unshift((x & 0x7f) | 0x80);
    out.push(...enc);
  }
  return der(0x06, out);
};
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const NULL = [0x05, 0x00];

function fixedBytes(n: number, seed: number): number[] {
  // xorshift32: deterministic filler for the key and signature (not the simulation's Random, whose
  // state must not depend on a constant being computed).
  let x = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push((x >>> 0) & 0xff);
  }
  return out;
}

function base64(bytes: number[]): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b = 0, c = 0] = bytes.slice(i, i + 3);
    const n = (a << 16) | (b << 8) | c;
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63] + (i + 1 < bytes.length ? abc[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? abc[n & 63] : '=');
  }
  return out;
}

function buildRootCA(): string {
  const name = seq(set(seq(oid('2.5.4.3'), der(0x0c, ascii('ca')))));
  const sha256WithRSA = seq(oid('1.2.840.113549.1.1.11'), NULL);
  const modulus = fixedBytes(512, 0x6b8b4567);
  modulus[0] |= 0x80; // a full 4096-bit modulus
  modulus[511] |= 1; // odd, as RSA moduli are
  const spki = seq(seq(oid('1.2.840.113549.1.1.1'), NULL), der(0x03, [0, ...seq(int(modulus), int([0x01, 0x00, 0x01]))]));
  const extensions = der(
    0xa3,
    seq(
      // keyUsage (critical): digitalSignature, keyEncipherment, keyCertSign
      seq(oid('2.5.29.15'), der(0x01, [0xff]), der(0x04, der(0x03, [0x02, 0xa4]))),
      // basicConstraints (critical): CA:TRUE
      seq(oid('2.5.29.19'), der(0x01, [0xff]), der(0x04, seq(der(0x01, [0xff])))),
      // subjectKeyIdentifier
      seq(oid('2.5.29.14'), der(0x04, der(0x04, fixedBytes(20, 0x327b23c6)))),
    ),
  );
  const serial = fixedBytes(16, 0x643c9869);
  serial[0] &= 0x7f;
  const tbs = seq(
    der(0xa0, int([2])), // v3
    int(serial),
    sha256WithRSA,
    name,
    seq(der(0x17, ascii('241231234500Z')), der(0x18, ascii('20541231235500Z'))),
    name,
    spki,
    extensions,
  );
  const cert = seq(tbs, sha256WithRSA, der(0x03, [0, ...fixedBytes(512, 0x66334873)]));
  const b64 = base64(cert);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The cluster CA certificate (PEM) every namespace's kube-root-ca.crt carries. */
export const ROOT_CA_CERT = buildRootCA();

// ---------------------------------------------------------------- the controller

export class RootCACertPublisher extends Controller {
  readonly name = 'root-ca-cert-publisher';
  private readonly nsInf: Informer;
  private readonly cmInf: Informer;
  private readonly rootCA: string;

  constructor(ctx: ControllerContext, opts: { rootCA?: string } = {}) {
    super(ctx, 'root_ca_cert_publisher');
    this.rootCA = opts.rootCA ?? ROOT_CA_CERT;
    this.nsInf = ctx.informers.for('namespaces');
    this.cmInf = ctx.informers.for('configmaps');
  }

  register(): void {
    this.nsInf.addHandlers({
      add: (ns) => this.enqueue(ns.metadata.name!),
      update: (_, ns) => this.enqueue(ns.metadata.name!),
    });
    const ours = (cm: KubeObject) => {
      if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.enqueue(cm.metadata.namespace!);
    };
    this.cmInf.addHandlers({
      update: (_, cm) => ours(cm),
      delete: ours,
    });
  }

  reconcile(namespace: string): ReconcileResult {
    const ns = this.nsInf.get(namespace);
    if (!ns) return;
    const cm = this.cmInf.getByName(namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.rootCA };
    if (!cm) {
      try {
        this.client.create('configmaps', {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
          data,
        });
      } catch (e) {
        // Don't retry a create if the namespace doesn't exist or is terminating.
        if (isApiError(e, 'NotFound') || (isApiError(e, 'Forbidden') && e.message.includes('because it is being terminated'))) return;
        if (isApiError(e, 'AlreadyExists')) return;
        throw e;
      }
      return;
    }
    // The data and the one annotation describing the ConfigMap's use must match.
    const same = Object.keys(cm.data ?? {}).length === 1 && cm.data?.['ca.crt'] === this.rootCA;
    if (same && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    const next = deepClone(cm);
    next.data = data;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    this.client.update('configmaps', next);
  }
}
