// A root shell on a simulated node (what `kubectl debug node/...` + `chroot /host`, or the
// node-shell plugin, gives on AKS's Ubuntu node image): crictl against this node's containerd,
// systemctl and journalctl for the kubelet and containerd, the nat rules kube-proxy wrote, the
// node's addresses and processes. Every answer is read from the node's simulated state.

import type { Container, CoreEvent, Pod } from '../api/types';
import { KERNEL_VERSION, OS_IMAGE } from '../aks/nodes';
import { sha256Hex } from './hash';
import { FILTERS, MiniShell, fail, ok, type CmdResult, type CommandFn } from './minishell';
import { absPath, expandArgs } from './podfs';
import { curl, localOnNode, nslookup, type NetContext } from './nettools';
import { AZURE_DNS, hostSearchDomain, nodeResolvConf, type SimWorld } from './podnet';
import type { Kubelet } from './kubelet';
import type { RuntimeContainer } from './runtime';

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The id containerd gives a pod's sandbox (stable per pod and sandbox attempt). */
export function sandboxId(podUid: string): string {
  return sha256Hex(`sandbox:${podUid}`);
}

/** go-units HumanDuration, as crictl's CREATED column uses it (plus " ago"). */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(s / 3600);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  return `${Math.floor(h / 24 / 7)} weeks`;
}

/** go-units HumanSize (decimal, 4 significant digits): 72.4MB. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

/** Columns as crictl prints them (text/tabwriter, minwidth 20, padding 3). */
function crictlTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => r[i].length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('')).join('\n') + '\n';
}

function journalTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function klogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}000`;
}

/** systemd's relative time: 45s, 2min 3s, 1h 5min, 2 days 3h. */
function systemdAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}min ${s % 60}s` : `${m}min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}min` : `${h}h`;
  const d = Math.floor(h / 24);
  return `${d} day${d > 1 ? 's' : ''} ${h % 24}h`;
}

/** When the node's VM booted: when it registered its Node object. */
function vmBoot(world: SimWorld, node: string): number {
  return Date.parse(world.api.tryGet<any>('nodes', undefined, node)?.metadata?.creationTimestamp ?? '') || 0;
}

function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

export interface NodeProcess {
  pid: number;
  ppid: number;
  user: string;
  start: number;
  cmd: string;
}

/** The node's processes: systemd, containerd, the kubelet, a shim per pod sandbox, pause and each container's process. */
export function nodeProcesses(world: SimWorld, node: string): NodeProcess[] {
  const agent = world.nodes.get(node);
  if (!agent) return [];
  const k = agent.kubelet;
  const boot = vmBoot(world, node);
  const out: NodeProcess[] = [
    { pid: 1, ppid: 0, user: 'root', start: boot, cmd: '/sbin/init' },
    { pid: 402, ppid: 1, user: 'root', start: boot, cmd: '/lib/systemd/systemd-journald' },
    { pid: 911, ppid: 1, user: 'systemd+', start: boot, cmd: '/lib/systemd/systemd-resolved' },
    { pid: 1204, ppid: 1, user: 'root', start: boot, cmd: '/usr/bin/containerd' },
  ];
  if (k.state.startsWith('running') || k.state === 'starting') {
    out.push({ pid: 2931, ppid: 1, user: 'root', start: k.startedAt, cmd: `/usr/local/bin/kubelet --enable-server --node-labels=kubernetes.azure.com/agentpool=${agent.pool} --v=2 --volume-plugin-dir=/etc/kubernetes/volumeplugins --container-runtime-endpoint=unix:///run/containerd/containerd.sock --runtime-cgroups=/system.slice/containerd.service --kubeconfig /var/lib/kubelet/kubeconfig --config /etc/default/kubeletconfig.json` });
  }
  let pid = 3100;
  for (const rec of k.pods) {
    if (!rec.sandboxReady) continue;
    const shim = pid++;
    out.push({ pid: shim, ppid: 1, user: 'root', start: Date.parse(rec.startTime ?? '') || 0, cmd: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandboxId(rec.uid)} -address /run/containerd/containerd.sock` });
    out.push({ pid: pid++, ppid: shim, user: '65535', start: Date.parse(rec.startTime ?? '') || 0, cmd: '/pause' });
    for (const c of [...rec.init, ...rec.containers]) {
      const inst = c.instance;
      if (!inst || inst.finishedAt !== undefined || c.snap.value !== 'running') continue;
      out.push({ pid: pid++, ppid: shim, user: 'root', start: inst.startedAt, cmd: commandLine(c.spec, c.program?.kind ?? '', rec.pod) });
      pid += 3;
    }
    pid += 5;
  }
  return out;
}

/** A container's process command line: its command, or the image's entrypoint followed by its args. */
export function commandLine(spec: Container, kind: string, pod?: Pod): string {
  const expand = (w: string[]) => (pod ? expandArgs(pod, spec, w) : w);
  const command = expand((spec.command as string[] | undefined) ?? []);
  const args = expand((spec.args as string[] | undefined) ?? []);
  if (command.length) return [...command, ...args].join(' ');
  const entry = kind === 'daemon' ? `/${(spec.image ?? '').split('/').pop()!.split(/[:@]/)[0]}` : processName(kind);
  return [entry, ...args].join(' ');
}

/** What `ps` shows for an image's default process. */
export function processName(kind: string): string {
  if (kind === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (kind === 'httpd') return 'httpd -DFOREGROUND';
  if (kind === 'redis') return 'redis-server *:6379';
  if (kind === 'hello') return '/hello';
  if (kind === 'pause') return '/pause';
  if (kind.startsWith('shell')) return 'sh';
  return kind;
}

function psClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function psAux(procs: NodeProcess[]): string {
  const lines = ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'];
  for (const p of procs) lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0      0     0 ?        Ss   ${psClock(p.start)}   0:00 ${p.cmd}`);
  return lines.join('\n') + '\n';
}

export function psEf(procs: NodeProcess[]): string {
  const lines = ['UID          PID    PPID  C STIME TTY          TIME CMD'];
  for (const p of procs) lines.push(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${psClock(p.start)} ?        00:00:00 ${p.cmd}`);
  return lines.join('\n') + '\n';
}

function mac(seed: string): string {
  const h = sha256Hex(seed);
  return `60:45:bd:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`;
}

/** `ip addr` on the node: loopback, eth0 on the VNet subnet, and the pods' host-side interfaces. */
export function ipAddr(world: SimWorld, node: string): string {
  const agent = world.nodes.get(node);
  const ip = agent?.kubelet.nodeIP ?? '';
  const prefix = world.spec.vnetSubnet.split('/')[1] ?? '16';
  const lines = [
    '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
    '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '    inet 127.0.0.1/8 scope host lo',
    '       valid_lft forever preferred_lft forever',
    '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000',
    `    link/ether ${mac(`eth0:${node}`)} brd ff:ff:ff:ff:ff:ff`,
    `    inet ${ip}/${prefix} metric 100 brd ${broadcast(ip, Number(prefix))} scope global eth0`,
    '       valid_lft forever preferred_lft forever',
  ];
  let n = 3;
  const pods = (agent?.kubelet.pods ?? []).filter((r) => r.sandboxReady && !r.pod.spec.hostNetwork && r.podIP);
  if (world.spec.networkPlugin === 'kubenet') {
    const cidr = world.api.tryGet<any>('nodes', undefined, node)?.spec?.podCIDR as string | undefined;
    if (cidr) {
      const [base, bits] = cidr.split('/');
      const gw = base.replace(/\.\d+$/, (m) => `.${Number(m.slice(1)) + 1}`);
      lines.push(`${n++}: cbr0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000`, `    link/ether ${mac(`cbr0:${node}`)} brd ff:ff:ff:ff:ff:ff`, `    inet ${gw}/${bits} brd ${broadcast(gw, Number(bits))} scope global cbr0`, '       valid_lft forever preferred_lft forever');
    }
    for (const r of pods) lines.push(`${n++}: veth${sha256Hex(r.uid).slice(0, 8)}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cbr0 state UP group default`, `    link/ether ${mac(`veth:${r.uid}`)} brd ff:ff:ff:ff:ff:ff link-netns cni-${r.uid.slice(0, 8)}`);
  } else {
    // Azure CNI (transparent mode): one azv interface per pod, routed, no bridge.
    for (const r of pods) lines.push(`${n++}: azv${sha256Hex(r.uid).slice(0, 11)}@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default`, `    link/ether aa:aa:aa:aa:aa:aa brd ff:ff:ff:ff:ff:ff link-netns cni-${r.uid.slice(0, 8)}`);
  }
  return lines.join('\n') + '\n';
}

function broadcast(ip: string, bits: number): string {
  const n = ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  const host = 2 ** (32 - bits) - 1;
  const b = (n - (n % (host + 1))) + host;
  return [24, 16, 8, 0].map((s) => Math.floor(b / 2 ** s) % 256).join('.');
}

/** `ip route`: default via the subnet gateway, and one route per pod (Azure CNI) or the bridge (kubenet). */
export function ipRoute(world: SimWorld, node: string): string {
  const agent = world.nodes.get(node);
  const ip = agent?.kubelet.nodeIP ?? '';
  const [net, bits] = world.spec.vnetSubnet.split('/');
  const gw = net.replace(/\.\d+$/, '.1');
  const lines = [`default via ${gw} dev eth0 proto dhcp src ${ip} metric 100`, `${net}/${bits} dev eth0 proto kernel scope link src ${ip} metric 100`, `168.63.129.16 via ${gw} dev eth0 proto dhcp src ${ip} metric 100`, `169.254.169.254 via ${gw} dev eth0 proto dhcp src ${ip} metric 100`];
  for (const r of agent?.kubelet.pods ?? []) {
    if (!r.sandboxReady || r.pod.spec.hostNetwork || !r.podIP) continue;
    if (world.spec.networkPlugin !== 'kubenet') lines.push(`${r.podIP} dev azv${sha256Hex(r.uid).slice(0, 11)} proto static`);
  }
  return lines.join('\n') + '\n';
}

// ------------------------------------------------------------------ crictl

function shortImageId(imageID: string): string {
  return (imageID.split('@sha256:')[1] ?? imageID).slice(0, 13);
}

function podOf(k: Kubelet, uid: string): Pod | undefined {
  return k.pods.find((r) => r.uid === uid)?.pod;
}

function crictl(world: SimWorld, node: string, argv: string[]): CmdResult {
  const k = world.nodes.get(node)!.kubelet;
  const now = world.clock.now();
  const sub = argv[1];
  const flags = argv.slice(2);
  const has = (...f: string[]) => flags.some((x) => f.includes(x));
  const value = (...f: string[]) => {
    const i = flags.findIndex((x) => f.includes(x));
    if (i >= 0) return flags[i + 1];
    const eq = flags.find((x) => f.some((n) => x.startsWith(`${n}=`)));
    return eq?.slice(eq.indexOf('=') + 1);
  };
  switch (sub) {
    case 'ps': {
      const all = has('-a', '--all');
      const name = value('--name');
      let cs: RuntimeContainer[] = k.runtime.containers().filter((c) => all || c.finishedAt === undefined);
      if (name) cs = cs.filter((c) => new RegExp(name).test(c.name));
      cs.sort((a, b) => b.startedAt - a.startedAt);
      if (has('-q', '--quiet')) return ok(cs.map((c) => c.id + '\n').join(''));
      const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
      for (const c of cs) {
        const pod = podOf(k, c.podUid);
        rows.push([c.id.slice(0, 13), shortImageId(c.imageID), `${humanDuration(now - c.startedAt)} ago`, c.finishedAt === undefined ? 'Running' : 'Exited', c.name, String(c.attempt), sandboxId(c.podUid).slice(0, 13), pod?.metadata.name ?? '', pod?.metadata.namespace ?? '']);
      }
      return ok(crictlTable(rows));
    }
    case 'pods': {
      const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
      const recs = k.pods.filter((r) => r.startTime).sort((a, b) => Date.parse(b.startTime!) - Date.parse(a.startTime!));
      for (const r of recs) rows.push([sandboxId(r.uid).slice(0, 13), `${humanDuration(now - Date.parse(r.startTime!))} ago`, r.sandboxReady ? 'Ready' : 'NotReady', r.pod.metadata.name ?? '', r.pod.metadata.namespace ?? '', '0', '(default)']);
      return ok(crictlTable(rows));
    }
    case 'images':
    case 'img': {
      const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
      const imgs = k.runtime.imageList().sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.tag < b.tag ? -1 : 1));
      for (const i of imgs) rows.push([i.repository, i.tag || '<none>', shortImageId(i.imageID), humanSize(i.sizeBytes)]);
      return ok(crictlTable(rows));
    }
    case 'logs': {
      const id = flags.filter((f) => !f.startsWith('-'))[0];
      if (!id) return fail('crictl logs: ID cannot be empty\n');
      const matches = k.runtime.containers().filter((c) => c.id.startsWith(id));
      if (matches.length !== 1) return fail(`E${klogTime(now)}    5012 remote_runtime.go:432] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\nFATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found \n`);
      let text = k.containerLog(matches[0].id) ?? '';
      const tail = value('--tail');
      if (tail !== undefined) text = text.split('\n').slice(0, -1).slice(-Number(tail)).map((l) => l + '\n').join('');
      return ok(text);
    }
    case 'version':
      return ok(`Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  ${k.runtime.version.replace('containerd://', '')}\nRuntimeApiVersion:  v1\n`);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      return ok('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   images, image, img  List images\n   logs                Fetch the logs of a container\n   pods                List pods\n   ps                  List containers\n   version             Display runtime version information\n');
    default:
      return fail(`No help topic for '${sub}'\n`, 3);
  }
}

// ------------------------------------------------------------------ systemd

function systemctl(world: SimWorld, node: string, argv: string[]): CmdResult {
  const k = world.nodes.get(node)!.kubelet;
  const verb = argv[1];
  const unit = (argv.slice(2).find((a) => !a.startsWith('-')) ?? '').replace(/\.service$/, '');
  const now = world.clock.now();
  if (verb === 'is-active') {
    const active = unit === 'containerd' || (unit === 'kubelet' && k.state.startsWith('running'));
    return { out: active ? 'active\n' : 'inactive\n', err: '', code: active ? 0 : 3 };
  }
  if (verb === 'stop' || verb === 'start' || verb === 'restart') {
    // Changing the node's daemons from a shell is what the app's node controls (and the lab) do.
    return fail(`Clusterlab: use the node's menu (stop/start kubelet) to ${verb} ${unit}; this shell only reads the node's state\n`);
  }
  if (verb !== 'status') return fail(`Unknown command verb ${verb ?? ''}.\n`);
  if (unit === 'kubelet') {
    const running = k.state.startsWith('running') || k.state === 'starting';
    const since = k.startedAt;
    return {
      out: [
        `${running ? '●' : '○'} kubelet.service - Kubelet`,
        '     Loaded: loaded (/etc/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
        '    Drop-In: /etc/systemd/system/kubelet.service.d',
        '             └─10-containerd-base-flag.conf, 10-tlsbootstrap.conf',
        running ? `     Active: active (running) since ${systemdTime(since)}; ${systemdAgo(now - since)} ago` : `     Active: inactive (dead)`,
        ...(running ? ['   Main PID: 2931 (kubelet)', '     CGroup: /system.slice/kubelet.service', `             └─2931 /usr/local/bin/kubelet --enable-server --node-labels=kubernetes.azure.com/agentpool=${world.nodes.get(node)!.pool} --v=2 ...`] : []),
      ].join('\n') + '\n',
      err: '',
      code: running ? 0 : 3,
    };
  }
  if (unit === 'containerd') {
    return ok(
      [
        '● containerd.service - containerd container runtime',
        '     Loaded: loaded (/etc/systemd/system/containerd.service; enabled; vendor preset: enabled)',
        `     Active: active (running) since ${systemdTime(vmBoot(world, node))}; ${systemdAgo(now - vmBoot(world, node))} ago`,
        '       Docs: https://containerd.io',
        '   Main PID: 1204 (containerd)',
        '     CGroup: /system.slice/containerd.service',
        '             ├─1204 /usr/bin/containerd',
        ...k.pods.filter((r) => r.sandboxReady).map((r) => `             ├─${sandboxId(r.uid).slice(0, 12)} /usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandboxId(r.uid)} -address /run/containerd/containerd.sock`),
      ].join('\n') + '\n',
    );
  }
  return { out: '', err: `Unit ${unit}.service could not be found.\n`, code: 4 };
}

/** The kubelet's journal: what its event broadcaster logged ("Event occurred", klog at --v=2). */
function journalctl(world: SimWorld, node: string, argv: string[]): CmdResult {
  const unitArg = argv.findIndex((a) => a === '-u' || a === '--unit');
  const unit = (unitArg >= 0 ? argv[unitArg + 1] : argv.find((a) => a.startsWith('--unit='))?.slice(7) ?? argv.find((a) => a.startsWith('-u') && a.length > 2)?.slice(2) ?? '').replace(/\.service$/, '');
  const nArg = argv.findIndex((a) => a === '-n' || a === '--lines');
  const n = nArg >= 0 ? Number(argv[nArg + 1]) : undefined;
  if (unit !== 'kubelet') {
    if (!unit) return fail('Clusterlab: only the kubelet\'s journal is simulated (journalctl -u kubelet)\n');
    return ok('-- No entries --\n');
  }
  const events = world.api
    .list<CoreEvent>('events', {})
    .items.filter((e) => e.source?.component === 'kubelet' && e.source?.host === node)
    .map((e) => ({ e, at: Date.parse(e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '') || 0 }))
    .sort((a, b) => a.at - b.at);
  let lines = events.map(({ e, at }) => {
    const o = e.involvedObject;
    const obj = o.namespace ? `${o.namespace}/${o.name}` : o.name;
    const sev = e.type === 'Warning' ? 'W' : 'I';
    return `${journalTime(at)} ${node} kubelet[2931]: ${sev}${klogTime(at)}    2931 event.go:389] "Event occurred" object="${obj}" fieldPath="${o.fieldPath ?? ''}" kind="${o.kind}" apiVersion="${o.apiVersion ?? 'v1'}" type="${e.type}" reason="${e.reason}" message=${JSON.stringify(e.message ?? '')}`;
  });
  if (n !== undefined && !Number.isNaN(n)) lines = lines.slice(-n);
  if (!lines.length) return ok('-- No entries --\n');
  return ok(lines.join('\n') + '\n');
}

function iptables(world: SimWorld, node: string, argv: string[]): CmdResult {
  const args = argv.slice(1);
  const tIdx = args.indexOf('-t');
  const table = tIdx >= 0 ? args[tIdx + 1] : 'filter';
  if (argv[0] === 'iptables-save') {
    if (table !== 'nat' && tIdx >= 0) return fail(`Clusterlab: only the nat table kube-proxy writes is simulated (iptables-save -t nat)\n`);
    return ok(`# Generated by iptables-save v1.8.7 on ${systemdTime(world.clock.now())}\n${world.kubeProxy.save(node)}# Completed on ${systemdTime(world.clock.now())}\n`);
  }
  if (table !== 'nat') return fail(`Clusterlab: only the nat table kube-proxy writes is simulated (try: iptables -t nat -L KUBE-SERVICES -n)\n`);
  const lIdx = args.findIndex((a) => a === '-L' || a === '--list' || /^-[a-zA-Z]*L[a-zA-Z]*$/.test(a));
  if (lIdx < 0) return fail("iptables v1.8.7 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", 2);
  const chainArg = args[lIdx + 1];
  const chain = chainArg && !chainArg.startsWith('-') ? chainArg : undefined;
  const rules = world.kubeProxy.rules(node);
  const known = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', ...rules.map((r) => r.chain)]);
  if (chain) {
    if (!known.has(chain)) return fail(`iptables v1.8.7 (nf_tables): chain '${chain}' in table 'nat' is incompatible, use 'nft' tool.\n`, 1);
    return ok(world.kubeProxy.list(node, chain));
  }
  return ok([...known].map((c) => world.kubeProxy.list(node, c)).join('\n'));
}

// ------------------------------------------------------------------ files

function nodeFiles(world: SimWorld, node: string): Map<string, string> {
  const agent = world.nodes.get(node)!;
  const files = new Map<string, string>();
  files.set('/etc/resolv.conf', nodeResolvConf(world.spec));
  files.set('/etc/hostname', `${node}\n`);
  files.set('/etc/hosts', `127.0.0.1 localhost\n\n# The following lines are desirable for IPv6 capable hosts\n::1 ip6-localhost ip6-loopback\nfe00::0 ip6-localnet\nff00::0 ip6-mcastprefix\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\nff02::3 ip6-allhosts\n`);
  files.set('/etc/os-release', `PRETTY_NAME="${OS_IMAGE}"\nNAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION="22.04.5 LTS (Jammy Jellyfish)"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian\n`);
  for (const rec of agent.kubelet.pods) {
    const p = rec.pod.metadata;
    files.set(`/var/log/pods/${p.namespace}_${p.name}_${p.uid}`, '');
  }
  return files;
}

function dirEntries(files: Map<string, string>, dir: string): string[] | undefined {
  const prefix = dir === '/' ? '/' : dir + '/';
  const out = new Set<string>();
  for (const p of files.keys()) if (p.startsWith(prefix)) out.add(p.slice(prefix.length).split('/')[0]);
  const fixed: Record<string, string[]> = {
    '/': ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'libx32', 'lost+found', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'snap', 'srv', 'sys', 'tmp', 'usr', 'var'],
    '/var': ['cache', 'lib', 'log', 'run', 'tmp'],
    '/var/log': ['azure', 'containers', 'journal', 'pods', 'syslog'],
    '/etc': ['containerd', 'default', 'kubernetes', 'systemd'],
  };
  for (const f of fixed[dir] ?? []) out.add(f);
  return out.size ? [...out].sort() : undefined;
}

function nodeNet(world: SimWorld, node: string): NetContext {
  return {
    world,
    node,
    dns: { nameservers: [AZURE_DNS], searches: [hostSearchDomain(world.spec)], options: [] },
    local: (ip, port) => (ip === '127.0.0.1' ? localOnNode(world, node, port) : undefined),
  };
}

/** The commands of a root bash on the node. */
export function nodeCommands(world: SimWorld, node: string): Record<string, CommandFn> {
  const files = () => nodeFiles(world, node);
  const cmds: Record<string, CommandFn> = {
    ...FILTERS,
    crictl: (a) => crictl(world, node, a),
    systemctl: (a) => systemctl(world, node, a),
    journalctl: (a) => journalctl(world, node, a),
    iptables: (a) => iptables(world, node, a),
    'iptables-save': (a) => iptables(world, node, a),
    ip: (a) => (a[1] === 'route' || a[1] === 'r' ? ok(ipRoute(world, node)) : a[1] === 'addr' || a[1] === 'a' || a[1] === 'address' ? ok(ipAddr(world, node)) : fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | route }\n', 255)),
    ps: (a) => {
      const procs = nodeProcesses(world, node);
      return ok(a.some((x) => x.includes('e') || x.includes('f')) && !a.includes('aux') ? psEf(procs) : psAux(procs));
    },
    hostname: () => ok(`${node}\n`),
    uname: (a) => ok(a.includes('-a') ? `Linux ${node} ${KERNEL_VERSION} #101-Ubuntu SMP Fri Sep 26 14:05:09 UTC 2025 x86_64 x86_64 x86_64 GNU/Linux\n` : a.includes('-r') ? `${KERNEL_VERSION}\n` : 'Linux\n'),
    id: () => ok('uid=0(root) gid=0(root) groups=0(root)\n'),
    date: () => ok(`${systemdTime(world.clock.now()).replace(/^(\w+) (\d+)-(\d+)-(\d+) (\S+) UTC$/, (_m, d, y, mo, da, t) => `${d} ${MONTHS[Number(mo) - 1]} ${Number(da)} ${t} UTC ${y}`)}\n`),
    cat: (a, _s, sh) => {
      const f = files();
      let out = '';
      let err = '';
      for (const p of a.slice(1).filter((x) => !x.startsWith('-'))) {
        const path = absPath(sh.cwd, p);
        const t = f.get(path);
        if (t !== undefined && !path.startsWith('/var/log/pods/')) out += t;
        else if (dirEntries(f, path)) err += `cat: ${p}: Is a directory\n`;
        else err += `cat: ${p}: No such file or directory\n`;
      }
      return { out, err, code: err ? 1 : 0 };
    },
    ls: (a, _s, sh) => {
      const target = absPath(sh.cwd, a.slice(1).find((x) => !x.startsWith('-')) ?? '.');
      const f = files();
      const entries = dirEntries(f, target);
      if (entries) return ok(entries.join('  ') + '\n');
      if (f.has(target)) return ok(target.split('/').pop() + '\n');
      return fail(`ls: cannot access '${target}': No such file or directory\n`, 2);
    },
    cd: (a, _s, sh) => {
      const target = absPath(sh.cwd, a[1] ?? '/root');
      if (target !== '/root' && !dirEntries(files(), target)) return fail(`bash: cd: ${a[1]}: No such file or directory\n`);
      sh.cwd = target;
      return ok();
    },
    // The node resolves names with Azure DNS, which knows no cluster names; ClusterIPs work through kube-proxy's rules.
    curl: (a) => curl(nodeNet(world, node), a),
    nslookup: (a) => nslookup(nodeNet(world, node), a, 'bind'),
    kubectl: () => fail("Command 'kubectl' not found, but can be installed with:\nsnap install kubectl\n", 127),
  };
  return cmds;
}

/** A root bash on the node: the prompt follows the working directory. */
export function nodeShell(world: SimWorld, node: string): { shell: MiniShell; prompt: () => string } {
  const shell = new MiniShell({
    commands: nodeCommands(world, node),
    notFound: (cmd) => `bash: ${cmd}: command not found`,
    vars: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: node, USER: 'root', SHELL: '/bin/bash' },
    cwd: '/',
  });
  return { shell, prompt: () => `root@${node}:${shell.cwd === '/root' ? '~' : shell.cwd}# ` };
}
