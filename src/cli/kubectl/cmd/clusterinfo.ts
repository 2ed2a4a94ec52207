// `kubectl cluster-info` (kubectl/pkg/cmd/clusterinfo): the control plane URL, then a proxy URL
// for each Service labelled kubernetes.io/cluster-service=true in kube-system.

import type { Service } from '../../../sim/api/types';
import type { Command } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';

/** utilnet.JoinSchemeNamePort. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`;
  if (port) return `${name}:${port}`;
  return name;
}

export function clusterInfoCommand(env: Env): Command {
  return {
    name: 'cluster-info',
    short: 'Display cluster information',
    use: '[flags]',
    commands: [
      {
        name: 'dump',
        short: 'Dump relevant information for debugging and diagnosis',
        run: () => {
          throw new KubectlError('cluster-info dump is not available in Clusterlab');
        },
      },
    ],
    // cluster-info ignores extra arguments.
    validateArgs: () => {},
    run: (ctx) => {
      const cfg = env.config(ctx.flags);
      const host = cfg.server;
      const ns = cfg.explicitNamespace ? cfg.namespace : 'kube-system';
      let out = `Kubernetes control plane is running at ${host}\n`;
      const list = env.api.list<Service>('services', { namespace: ns, labelSelector: 'kubernetes.io/cluster-service=true' });
      for (const svc of list.items) {
        let link = '';
        const ingress = svc.status?.loadBalancer?.ingress ?? [];
        if (ingress.length > 0) {
          const ip = ingress[0].ip || ingress[0].hostname || '';
          for (const p of svc.spec.ports ?? []) link += `http://${ip}:${p.port} `;
        } else {
          let name = svc.metadata.name;
          const ports = svc.spec.ports ?? [];
          if (ports.length > 0) {
            const port = ports[0];
            const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
            name = joinSchemeNamePort(scheme, svc.metadata.name ?? '', port.name ?? '');
          }
          link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
        }
        out += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`;
      }
      out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
      env.out(out);
    },
  };
}
