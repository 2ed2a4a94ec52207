// `kubectl expose (TYPE NAME | TYPE/NAME) [--port=...]` (kubectl/pkg/cmd/expose): a Service whose
// selector, ports, protocols and labels come from the exposed Deployment, ReplicaSet,
// ReplicationController, Pod or Service unless given as flags; `service/NAME exposed`.

import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';
import { parseLabels } from './run';
import { createGenerated, dryRunStrategy, GENERATOR_FLAGS, generatedPrinter, printResult } from './generated';

type Obj = Record<string, unknown>;
interface ContainerPort {
  containerPort?: number;
  protocol?: string;
}

const FLAGS: FlagDef[] = [
  ...GENERATOR_FLAGS,
  { name: 'port', type: 'string', usage: 'The port that the service should serve on.' },
  { name: 'protocol', type: 'string', usage: 'The network protocol for the service to be created. Default is \'TCP\'.' },
  { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
  { name: 'type', type: 'string', usage: 'Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is \'ClusterIP\'.' },
  { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
  { name: 'selector', type: 'string', usage: 'A label selector to use for this service.' },
  { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
  { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service.' },
  { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer.' },
  { name: 'session-affinity', type: 'string', usage: 'If non-empty, set the session affinity for the service to this; legal values: \'None\', \'ClientIP\'' },
  { name: 'cluster-ip', type: 'string', usage: 'ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to \'None\' to create a headless service.' },
  { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
  { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-expose', usage: 'Name of the manager used to track field ownership.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to expose a service' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
];

const EXPOSABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'Pod', 'Service']);

export function exposeCommand(env: Env): Command {
  return {
    name: 'expose',
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    use: '(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runExpose(env, ctx),
  };
}

/** `a=b,c=d` as a map (the selector and label flags), with run's label syntax and errors. */
function parseMap(s: string): Record<string, string> {
  return parseLabels(s) ?? {};
}

function podTemplateSpec(o: Obj): Obj | undefined {
  if (o.kind === 'Pod') return o.spec as Obj | undefined;
  return ((o.spec as Obj | undefined)?.template as Obj | undefined)?.spec as Obj | undefined;
}

/** MapBasedSelectorForObject. */
function selectorFor(o: Obj): Record<string, string> {
  const spec = (o.spec ?? {}) as Obj;
  switch (o.kind) {
    case 'Pod': {
      const labels = ((o.metadata as Obj).labels ?? {}) as Record<string, string>;
      if (Object.keys(labels).length === 0) throw new KubectlError(`the pod has no labels and cannot be exposed`);
      return labels;
    }
    case 'Service': {
      const sel = spec.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) throw new KubectlError('the service has no pod selector set');
      return sel;
    }
    case 'ReplicationController':
      return (spec.selector ?? {}) as Record<string, string>;
    default: {
      const sel = (spec.selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      if ((sel.matchExpressions ?? []).length) throw new KubectlError(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      return sel.matchLabels ?? {};
    }
  }
}

/** PortsForObject and ProtocolsForObject: the ports the object serves, with their protocols. */
function portsFor(o: Obj): { port: string; protocol: string }[] {
  if (o.kind === 'Service') {
    return (((o.spec as Obj).ports ?? []) as { port: number; protocol?: string }[]).map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' }));
  }
  const spec = podTemplateSpec(o);
  const out: { port: string; protocol: string }[] = [];
  for (const c of (spec?.containers ?? []) as { ports?: ContainerPort[] }[]) {
    for (const p of c.ports ?? []) out.push({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' });
  }
  return out;
}

function runExpose(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const printer = generatedPrinter(env, f);
  if (f.strings('filename').length || f.string('kustomize')) throw new KubectlError('kubectl expose -f is not available in Clusterlab\'s terminal yet');
  if (f.string('overrides')) throw new KubectlError('kubectl expose --overrides is not available in Clusterlab\'s terminal yet');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, args: ctx.args });
  if (result.errors.length) throw result.errors.length === 1 ? result.errors[0] : new AggregateError(result.errors);
  for (const info of result.infos) {
    const objects = (info.object ? [info.object] : info.list?.items ?? []) as unknown as Obj[];
    for (const o of objects) {
      const kind = String(o.kind ?? info.mapping.kind);
      if (!EXPOSABLE.has(kind)) throw new KubectlError(`cannot expose a ${kind}`);
      const meta = o.metadata as Obj;
      const name = f.string('name') || String(meta.name).slice(0, 63);
      const selector = f.string('selector') ? parseMap(f.string('selector')) : selectorFor(o);
      const introspected = portsFor(o);
      let portList: string[];
      if (f.string('port')) portList = f.string('port').split(',');
      else {
        if (introspected.length === 0 && f.string('cluster-ip') !== 'None') throw new KubectlError('couldn\'t find port via --port flag or introspection');
        portList = introspected.map((p) => p.port);
      }
      const protocolOf = new Map<string, string[]>();
      for (const p of introspected) protocolOf.set(p.port, [...(protocolOf.get(p.port) ?? []), p.protocol]);
      const ports: Obj[] = [];
      portList.forEach((p, i) => {
        if (!/^[+-]?\d+$/.test(p)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
        const portName = portList.length > 1 ? `port-${i + 1}` : undefined;
        let protocol = f.string('protocol');
        if (!protocol) {
          const found = [...new Set(protocolOf.get(p) ?? [])];
          if (found.length > 1) {
            for (const proto of found) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port: Number(p) });
            return;
          }
          protocol = found[0] ?? 'TCP';
        }
        ports.push(portName ? { name: portName, protocol, port: Number(p) } : { protocol, port: Number(p) });
      });
      const target = f.string('target-port');
      for (const p of ports) p.targetPort = target ? (/^\d+$/.test(target) ? Number(target) : target) : p.port;
      const labels = f.string('labels') ? parseMap(f.string('labels')) : (meta.labels as Record<string, string> | undefined);
      const spec: Obj = { ports, selector };
      const clusterIP = f.string('cluster-ip');
      if (clusterIP) spec.clusterIP = clusterIP;
      if (f.string('type')) spec.type = f.string('type');
      if (f.string('external-ip')) spec.externalIPs = [f.string('external-ip')];
      const affinity = f.string('session-affinity');
      if (affinity) {
        if (affinity !== 'None' && affinity !== 'ClientIP') throw new KubectlError(`unknown session affinity: ${affinity}`);
        spec.sessionAffinity = affinity;
      }
      if (spec.type === 'LoadBalancer' && f.string('load-balancer-ip')) spec.loadBalancerIP = f.string('load-balancer-ip');
      const service: Obj = {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: labels && Object.keys(labels).length ? { name, creationTimestamp: null, labels } : { name, creationTimestamp: null },
        spec,
        status: { loadBalancer: {} },
      };
      const out = createGenerated(env, service, cfg.namespace, f.isChanged('namespace'), dryRun, f.string('field-manager'));
      printResult(env, f, printer, out, 'exposed', dryRun);
    }
  }
}
