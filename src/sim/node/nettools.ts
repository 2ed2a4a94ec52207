// curl and wget as a pod or a node runs them: the name through the resolver the caller has
// (cluster DNS in a pod, Azure DNS on a node), the connection through kube-proxy's rules to the
// program that listens, and the words curl and busybox wget use for each way it can fail.

import { fail, ok, type CmdResult } from './minishell';
import { AZURE_DNS, connect, httpGet, resolveName, type Connection, type DnsSettings, type SimWorld } from './podnet';

export interface NetContext {
  world: SimWorld;
  /** The node the connection starts from (kube-proxy rules are per node). */
  node: string;
  dns: DnsSettings;
  /** Addresses answered without leaving the network namespace (localhost, the pod's own IP). */
  local?: (ip: string, port: number) => { kind: 'ok'; conn: Extract<Connection, { ok: true }> } | { kind: 'refused' } | undefined;
  /** Where wget saves a download (relative file name). */
  save?: (file: string, body: string) => void;
}

/** Parse a URL: scheme, host, port, path. */
function parseUrl(raw: string): { host: string; port: number; path: string } | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)?/.exec(raw);
  if (!m) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' };
}

function fetchUrl(ctx: NetContext, raw: string): { kind: 'dns' | 'dns-timeout' | 'refused' | 'timeout' | 'empty'; host: string; ip?: string; port: number; why?: string } | { kind: 'http'; host: string; ip: string; port: number; status: number; reason: string; body: string; server?: string; contentType: string } {
  const u = parseUrl(raw)!;
  const r = resolveName(ctx.world, u.host, ctx.dns);
  if (!r.ok) return { kind: r.error === 'timeout' ? 'dns-timeout' : 'dns', host: u.host, port: u.port };
  const ip = r.ips[0];
  if (!ip) return { kind: 'dns', host: u.host, port: u.port };
  const local = ctx.local?.(ip, u.port);
  if (local) {
    if (local.kind === 'refused') return { kind: 'refused', host: u.host, ip, port: u.port };
    const ans = httpGet(local.conn, u.path, ctx.world.clock.now());
    if (!ans) return { kind: 'empty', host: u.host, ip, port: u.port };
    return { kind: 'http', host: u.host, ip, port: u.port, ...ans };
  }
  const conn = connect(ctx.world, ctx.node, ip, u.port);
  if (!conn.ok) return { kind: conn.error, host: u.host, ip, port: u.port, why: conn.why };
  const ans = httpGet(conn, u.path, ctx.world.clock.now());
  if (!ans) return { kind: 'empty', host: u.host, ip, port: u.port };
  return { kind: 'http', host: u.host, ip, port: u.port, ...ans };
}

export function curl(ctx: NetContext, a: string[]): CmdResult {
  const args = a.slice(1);
  const url = args.find((x, i) => !x.startsWith('-') && !['-o', '-H', '-X', '-m', '--max-time', '-w', '--write-out', '--connect-timeout', '-d'].includes(args[i - 1] ?? ''));
  if (!url) return fail("curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const head = args.includes('-I') || args.includes('--head');
  const verbose = args.includes('-v');
  const include = args.includes('-i') || head;
  const silent = args.some((x) => /^-\w*s/.test(x) && !x.startsWith('--')) && !args.some((x) => /^-\w*S/.test(x));
  const failFlag = args.some((x) => /^-\w*f/.test(x) && !x.startsWith('--')) || args.includes('--fail');
  const r = fetchUrl(ctx, url);
  const err = (code: number, msg: string) => ({ out: '', err: silent ? '' : `curl: (${code}) ${msg}\n`, code });
  switch (r.kind) {
    case 'dns':
      return err(6, `Could not resolve host: ${r.host}`);
    case 'dns-timeout':
      return err(6, `Could not resolve host: ${r.host}`);
    case 'refused':
      return err(7, `Failed to connect to ${r.host} port ${r.port} after 1 ms: Couldn't connect to server`);
    case 'timeout':
      return err(28, `Failed to connect to ${r.host} port ${r.port} after 134209 ms: Couldn't connect to server`);
    case 'empty':
      return err(52, 'Empty reply from server');
    case 'http': {
      if (failFlag && r.status >= 400) return err(22, `The requested URL returned error: ${r.status}`);
      const headers = `HTTP/1.1 ${r.status} ${r.reason}\r\n${r.server ? `Server: ${r.server}\r\n` : ''}Date: ${new Date(ctx.world.clock.now()).toUTCString()}\r\nContent-Type: ${r.contentType}\r\nContent-Length: ${r.body.length}\r\nConnection: keep-alive\r\n\r\n`;
      const toFile = args.includes('-o') || args.includes('-O');
      const outFile = args.includes('-o') ? args[args.indexOf('-o') + 1] : parseUrl(url)!.path.split('/').pop() || 'index.html';
      const wIdx = args.findIndex((x) => x === '-w' || x === '--write-out');
      const writeOut = wIdx >= 0 ? (args[wIdx + 1] ?? '').replace(/%\{http_code\}/g, String(r.status)).replace(/%\{remote_ip\}/g, r.ip).replace(/\\n/g, '\n') : '';
      let out = '';
      let e = '';
      if (verbose) e += `*   Trying ${r.ip}:${r.port}...\n* Connected to ${r.host} (${r.ip}) port ${r.port}\n> GET ${parseUrl(url)!.path} HTTP/1.1\n> Host: ${r.host}${r.port === 80 ? '' : `:${r.port}`}\n> User-Agent: curl/7.88.1\n> Accept: */*\n>\n`;
      if (include) out += headers;
      if (!head && !toFile) out += r.body;
      if (toFile && outFile !== '/dev/null') ctx.save?.(outFile, r.body);
      return { out: out + writeOut, err: e, code: 0 };
    }
  }
}

export function wget(ctx: NetContext, a: string[]): CmdResult {
  const args = a.slice(1);
  const url = args.find((x, i) => !x.startsWith('-') && !['-O', '-T', '-U'].includes(args[i - 1] ?? ''));
  if (!url) return fail('BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] [-T SEC] URL...\n');
  const quiet = args.some((x) => /^-\w*q/.test(x));
  const toStdout = args.some((x, i) => (x === '-O' && args[i + 1] === '-') || /^-\w*O-$/.test(x));
  const spider = args.includes('--spider');
  const u = parseUrl(url)!;
  const r = fetchUrl(ctx, url);
  const connecting = quiet ? '' : `Connecting to ${u.host}${u.port === 80 ? '' : `:${u.port}`} (${r.ip ?? u.host}:${u.port})\n`;
  switch (r.kind) {
    case 'dns':
    case 'dns-timeout':
      return fail(`wget: bad address '${u.host}${u.port === 80 ? '' : `:${u.port}`}'\n`);
    case 'refused':
      return { out: '', err: `${connecting}wget: can't connect to remote host (${r.ip}): Connection refused\n`, code: 1 };
    case 'timeout':
      return { out: '', err: `${connecting}wget: download timed out\n`, code: 1 };
    case 'empty':
      return { out: '', err: `${connecting}wget: error getting response\n`, code: 1 };
    case 'http': {
      if (r.status >= 400) return { out: '', err: `${connecting}wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`, code: 1 };
      if (spider) return { out: '', err: `${connecting}remote file exists\n`, code: 0 };
      if (toStdout) return { out: r.body, err: connecting + (quiet ? '' : `writing to stdout\n-                    100% |********************************|   ${r.body.length}  0:00:00 ETA\nwritten to stdout\n`), code: 0 };
      const file = u.path === '/' || u.path.endsWith('/') ? 'index.html' : u.path.split('/').pop()!;
      // The file is written into the container's filesystem for this session.
      ctx.save?.(file, r.body);
      return { out: '', err: quiet ? '' : `${connecting}saving to '${file}'\n${file.padEnd(20)} 100% |********************************|   ${r.body.length}  0:00:00 ETA\n'${file}' saved\n`, code: 0 };
    }
  }
}


/** localhost on a node (or in a hostNetwork pod): the host's listeners, i.e. hostNetwork pods. */
export function localOnNode(world: SimWorld, node: string, port: number): ReturnType<NonNullable<NetContext['local']>> {
  const ip = world.nodes.get(node)?.kubelet.nodeIP ?? '';
  const c = connect(world, node, ip, port);
  return c.ok ? { kind: 'ok', conn: c } : { kind: 'refused' };
}

/**
 * nslookup NAME [SERVER]: busybox's wording in containers, bind9's (`Address: ip#53`) on the node.
 * A SERVER argument asks that server instead (only the kube-dns ClusterIP knows cluster names).
 */
export function nslookup(ctx: NetContext, a: string[], flavour: 'busybox' | 'bind'): CmdResult {
  const [name, serverArg] = a.slice(1).filter((x) => !x.startsWith('-'));
  if (!name) return fail(flavour === 'busybox' ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n' : 'Usage: nslookup [-opt ...] host server\n');
  const dns = serverArg ? { ...ctx.dns, nameservers: [serverArg] } : ctx.dns;
  const server = dns.nameservers[0] ?? '';
  const head = `Server:\t\t${server}\nAddress:\t${server}${flavour === 'busybox' ? ':' : '#'}53\n\n`;
  const r = resolveName(ctx.world, name, dns);
  if (r.ok) {
    if (r.cname) return ok(`${head}${r.name}\tcanonical name = ${r.cname}.\n\n`);
    return ok(head + r.ips.map((ip) => `Name:\t${r.name}\nAddress: ${ip}\n`).join('') + '\n');
  }
  if (r.error === 'timeout') return { out: ';; connection timed out; no servers could be reached\n\n', err: '', code: 1 };
  if (r.error === 'external') {
    const upstream = server === ctx.world.spec.dnsServiceIP ? `CoreDNS forwards them to Azure DNS ${AZURE_DNS}` : `${server} is Azure DNS`;
    return { out: head, err: `** server can't find ${name}: Clusterlab has no Internet: names outside the cluster are not simulated (on AKS, ${upstream})\n\n`, code: 1 };
  }
  return { out: head + r.tried.map((t) => `** server can't find ${t}: NXDOMAIN\n`).join('') + '\n', err: '', code: 1 };
}
