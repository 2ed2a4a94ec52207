// describe.DescribePodTemplate as `rollout history --revision` and `rollout undo --dry-run` print
// it: a PrefixWriter with raw tabs (no tabwriter). Covers labels, annotations, service account,
// containers (image, ports, command, args, resources, environment, mounts), volumes by name,
// node selectors and tolerations.

type Obj = Record<string, unknown>;

interface Container {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  ports?: { containerPort: number; hostPort?: number; protocol?: string; name?: string }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[];
}

function multiline(title: string, m: Record<string, string> | undefined, sep: string): string {
  const keys = Object.keys(m ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:\t` : '\t'}${k}${sep}${m![k]}\n`).join('');
}

function ports(list: Container['ports'], host: boolean): string {
  if (!list?.length) return '<none>';
  return list.map((p) => `${host ? p.hostPort ?? 0 : p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
}

function containers(title: string, list: Container[]): string {
  let out = `  ${title}:\n`;
  for (const c of list) {
    out += `   ${c.name}:\n`;
    out += `    Image:\t${c.image ?? ''}\n`;
    out += `    ${(c.ports?.length ?? 0) > 1 ? 'Ports' : 'Port'}:\t${ports(c.ports, false)}\n`;
    out += `    ${(c.ports?.length ?? 0) > 1 ? 'Host Ports' : 'Host Port'}:\t${ports(c.ports, true)}\n`;
    if (c.command?.length) out += '    Command:\n' + c.command.flatMap((s) => s.split('\n')).map((s) => `      ${s}\n`).join('');
    if (c.args?.length) out += '    Args:\n' + c.args.flatMap((s) => s.split('\n')).map((s) => `      ${s}\n`).join('');
    for (const [label, r] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const keys = Object.keys(r ?? {}).sort();
      if (keys.length) out += `    ${label}:\n` + keys.map((k) => `      ${k}:\t${r![k]}\n`).join('');
    }
    if (!c.env?.length) out += '    Environment:\t<none>\n';
    else out += '    Environment:\n' + c.env.map((e) => `      ${e.name}:\t${e.value ?? ''}\n`).join('');
    if (!c.volumeMounts?.length) out += '    Mounts:\t<none>\n';
    else out += '    Mounts:\n' + c.volumeMounts.map((v) => `      ${v.mountPath}${v.subPath ? ` from ${v.name} (${v.readOnly ? 'ro' : 'rw'},path="${v.subPath}")` : ` from ${v.name} (${v.readOnly ? 'ro' : 'rw'})`}\n`).join('');
  }
  return out;
}

export function describePodTemplate(template: Obj | undefined): string {
  let out = 'Pod Template:\n';
  if (!template) return out + '  <unset>';
  const md = (template.metadata ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const spec = (template.spec ?? {}) as {
    serviceAccountName?: string;
    initContainers?: Container[];
    containers?: Container[];
    volumes?: { name: string }[];
    nodeSelector?: Record<string, string>;
    tolerations?: { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }[];
    priorityClassName?: string;
  };
  out += multiline('  Labels', md.labels, '=');
  if (Object.keys(md.annotations ?? {}).length) out += multiline('  Annotations', md.annotations, ': ');
  if (spec.serviceAccountName) out += `  Service Account:\t${spec.serviceAccountName}\n`;
  if (spec.initContainers?.length) out += containers('Init Containers', spec.initContainers);
  out += containers('Containers', spec.containers ?? []);
  if (!spec.volumes?.length) out += '  Volumes:\t<none>\n';
  else out += '  Volumes:\n' + spec.volumes.map((v) => `   ${v.name}:\n`).join('');
  if (spec.priorityClassName) out += `  Priority Class Name:\t${spec.priorityClassName}\n`;
  const ns = Object.keys(spec.nodeSelector ?? {}).sort();
  out += `  Node-Selectors:\t${ns.length ? ns.map((k) => `${k}=${spec.nodeSelector![k]}`).join('\n') : '<none>'}\n`;
  const tol = spec.tolerations ?? [];
  if (!tol.length) out += '  Tolerations:\t<none>\n';
  else {
    out += tol
      .map((t, i) => {
        let s = t.key ?? '';
        if (t.value) s += `=${t.value}`;
        if (t.operator === 'Exists' && !t.key) s = '';
        if (t.effect) s += `:${t.effect}`;
        if (t.operator === 'Exists' && !t.value) s += s ? ' op=Exists' : 'op=Exists';
        if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
        return `${i === 0 ? '  Tolerations:\t' : '\t'}${s}\n`;
      })
      .join('');
  }
  return out;
}
