// `kubectl api-resources` and `kubectl api-versions`, from the registry the API server's discovery
// documents are built from (so they list what real kubectl sees against the HTTP server).

import { apiVersionOf, groupVersions, METRICS_RESOURCES, RESOURCES, type ResourceInfo } from '../../../sim/api/registry';
import { MetricsApi } from '../../../sim/apiserver/metrics';
import type { Command } from '../command';
import type { Env } from '../env';
import { KubectlError, UsageError } from '../errors';
import { tabulate } from '../tabwriter';

function unexpectedArgs(path: string, args: string[]): void {
  if (args.length) throw new UsageError(path, `unexpected arguments: [${args.join(' ')}]`);
}

export function apiResourcesCommand(env: Env): Command {
  return {
    name: 'api-resources',
    short: 'Print the supported API resources on the server',
    use: '',
    flags: [
      { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
      { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
      { name: 'categories', type: 'stringSlice', usage: 'Limit to resources that belong to the specified categories.' },
      { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
      { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
      { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
      { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
      { name: 'verbs', type: 'stringSlice', usage: 'Limit to resources that support the specified verbs.' },
    ],
    run: (ctx) => {
      const f = ctx.flags;
      unexpectedArgs(ctx.path, ctx.args);
      const output = f.string('output');
      if (!['', 'wide', 'name'].includes(output)) throw new KubectlError(`--output ${output} is not available`);
      const sortBy = f.string('sort-by');
      if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('--sort-by accepts only name or kind');
      const verbs = f.strings('verbs');
      const categories = f.strings('categories');
      // metrics.k8s.io is discovered only while metrics-server is Ready.
      const metrics = new MetricsApi(env.api).available() ? METRICS_RESOURCES : [];
      let rs: ResourceInfo[] = [...RESOURCES, ...metrics].filter((r) => r.verbs.length > 0);
      if (f.isChanged('api-group')) rs = rs.filter((r) => r.group === f.string('api-group'));
      if (f.isChanged('namespaced')) rs = rs.filter((r) => r.namespaced === f.bool('namespaced'));
      if (verbs.length) rs = rs.filter((r) => verbs.every((v) => r.verbs.includes(v)));
      if (categories.length) rs = rs.filter((r) => categories.every((c) => r.categories.includes(c)));
      const key = (r: ResourceInfo) => (sortBy === 'name' ? r.resource : sortBy === 'kind' ? r.kind : r.group);
      // sort.Stable by the key, then by name.
      rs = rs
        .map((r, i) => ({ r, i }))
        .sort((a, b) => {
          const ka = key(a.r);
          const kb = key(b.r);
          if (ka !== kb) return ka < kb ? -1 : 1;
          if (a.r.resource !== b.r.resource) return a.r.resource < b.r.resource ? -1 : 1;
          return a.i - b.i;
        })
        .map((x) => x.r);
      let text = '';
      if (!f.bool('no-headers') && output !== 'name') {
        text += ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(output === 'wide' ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n';
      }
      for (const r of rs) {
        if (output === 'name') {
          text += (r.group ? `${r.resource}.${r.group}` : r.resource) + '\n';
          continue;
        }
        const cells = [r.resource, r.shortNames.join(','), apiVersionOf(r), String(r.namespaced), r.kind];
        if (output === 'wide') cells.push(r.verbs.join(','), r.categories.join(','));
        text += cells.join('\t') + '\n';
      }
      env.out(tabulate(text));
    },
  };
}

export function apiVersionsCommand(env: Env): Command {
  return {
    name: 'api-versions',
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    use: '',
    run: (ctx) => {
      unexpectedArgs(ctx.path, ctx.args);
      const all = groupVersions().map((gv) => (gv.group ? `${gv.group}/${gv.version}` : gv.version));
      if (new MetricsApi(env.api).available()) all.push('metrics.k8s.io/v1beta1');
      // Served by conversion from the stored v2 objects (sim/api/hpaversions.ts).
      all.push('autoscaling/v1');
      // sort.Strings
      all.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      env.out(all.map((v) => v + '\n').join(''));
    },
  };
}
