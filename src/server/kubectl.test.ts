// The acceptance flow of issue 3: the real kubectl 1.32 client against the HTTP API server, in
// process, on a free port. Waiting for the cluster uses the clock endpoint (advance), never sleep.
// Skipped, with a message, when no kubectl 1.32 binary is installed.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../sim/aks/spec';
import { Cluster, DEFAULT_WARMUP_SECONDS } from '../sim/cluster';
import { writeKubeconfig } from './kubeconfig';
import { ClusterServer } from './server';
import { findKubectl } from './realkubectl';

const KUBECTL = findKubectl();
if (!KUBECTL) console.warn('kubectl.test.ts: SKIPPED: no kubectl.1.32 next to the `kubectl` dispatcher on PATH');

const CORPUS = resolve(__dirname, '../../../shared/corpus/k8s-website-examples');

describe.skipIf(!KUBECTL)('real kubectl 1.32 against the Clusterlab API server', () => {
  let server: ClusterServer;
  let base: string;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const cluster = new Cluster({ seed: 7, epochMs: Date.now() - DEFAULT_WARMUP_SECONDS * 1000, spec: { pools: [defaultPool({ count: 3 })] } });
    server = new ClusterServer(cluster, { onError: (e) => console.error('server error', e) });
    const port = await server.listen(0);
    base = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(join(tmpdir(), 'clusterlab-kubectl-'));
    writeKubeconfig(join(dir, 'kubeconfig'), base);
    env = { ...process.env, KUBECONFIG: join(dir, 'kubeconfig'), KUBECACHEDIR: join(dir, 'cache'), HOME: dir };
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Run kubectl (asynchronously: the server lives in this process). */
  function kubectl(args: string[], opts: { input?: string; ok?: boolean; timeoutMs?: number } = {}): Promise<{ out: string; err: string; code: number }> {
    return new Promise((done, fail) => {
      const child = execFile(KUBECTL!, args, { env, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        const r = { out: String(stdout), err: String(stderr), code: typeof code === 'number' ? code : 1 };
        if (opts.ok !== false && r.code !== 0) fail(new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.err}${r.out}`));
        else done(r);
      });
      if (opts.input !== undefined) child.stdin!.end(opts.input);
    });
  }
  const ok = async (...args: string[]) => (await kubectl(args)).out;

  async function advance(seconds: number): Promise<void> {
    const r = await fetch(`${base}/clusterlab/v1/clock`, { method: 'POST', body: JSON.stringify({ action: 'advance', seconds }) });
    expect(r.status).toBe(200);
  }

  it('version, cluster-info, api-resources', async () => {
    expect(await ok('version')).toMatch(/Server Version: v1\.32\.\d+/);
    const info = await ok('cluster-info');
    expect(info).toContain(`Kubernetes control plane is running at ${base}`);
    expect(info).toContain('CoreDNS is running at');
    const res = await ok('api-resources');
    expect(res).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(res).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
  });

  it('get nodes, get pods -A', async () => {
    const nodes = await ok('get', 'nodes');
    expect(nodes).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
    expect(nodes.match(/aks-nodepool1-\d{8}-vmss00000\d\s+Ready\s+agent\s+2m\d*s?\s+v1\.32\.7/g)).toHaveLength(3);
    const pods = await ok('get', 'pods', '-A');
    expect(pods).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
    expect(pods).toMatch(/^kube-system\s+coredns-\S+\s+1\/1\s+Running/m);
  });

  it('create deployment (protobuf body), rollout status, get pods -o wide', async () => {
    expect(await ok('create', 'deployment', 'web', '--image=nginx', '--replicas=3')).toContain('deployment.apps/web created');
    await advance(30);
    expect(await ok('rollout', 'status', 'deployment/web', '--timeout=20s')).toContain('deployment "web" successfully rolled out');
    const wide = await ok('get', 'pods', '-o', 'wide', '-l', 'app=web');
    expect(wide).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/m);
    expect(wide.match(/^web-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+aks-/gm)).toHaveLength(3);
  });

  it('expose, get svc,ep, scale', async () => {
    expect(await ok('expose', 'deployment', 'web', '--port', '80')).toContain('service/web exposed');
    await advance(2);
    const out = await ok('get', 'svc,ep', 'web');
    expect(out).toMatch(/service\/web\s+ClusterIP\s+10\.0\.\d+\.\d+\s+<none>\s+80\/TCP/);
    expect(out).toMatch(/endpoints\/web\s+(10\.244\.\d+\.\d+:80,?){3}/);
    expect(await ok('scale', 'deployment', 'web', '--replicas=4')).toContain('deployment.apps/web scaled');
    await advance(20);
    expect(await ok('get', 'deploy', 'web')).toMatch(/^web\s+4\/4\s+4\s+4\s/m);
  });

  it('set image, rollout status, history, undo', async () => {
    expect(await ok('set', 'image', 'deployment/web', 'nginx=nginx:1.27')).toContain('image updated');
    await advance(90);
    expect(await ok('rollout', 'status', 'deployment/web', '--timeout=20s')).toContain('successfully rolled out');
    expect(await ok('rollout', 'history', 'deployment/web')).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    expect(await ok('rollout', 'undo', 'deployment/web')).toContain('deployment.apps/web rolled back');
    await advance(90);
    expect(await ok('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx');
  });

  it('apply -f (create, then a change), apply --server-side, strict validation', async () => {
    const file = join(CORPUS, 'application/deployment.yaml');
    expect(await ok('apply', '-f', file)).toContain('deployment.apps/nginx-deployment created');
    expect(await ok('apply', '-f', file)).toContain('deployment.apps/nginx-deployment unchanged');
    expect(await ok('apply', '-f', join(CORPUS, 'application/deployment-update.yaml'))).toContain('deployment.apps/nginx-deployment configured');
    expect(await ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.16.1');
    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data: { a: '1' } });
    const ssa = await kubectl(['apply', '--server-side', '-f', '-'], { input: cm, ok: false });
    expect(ssa.out + ssa.err).toContain('configmap/ssa serverside-applied');
    const bad = await kubectl(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, bogus: 1 }), ok: false });
    expect(bad.err).toContain('strict decoding error: unknown field "bogus"');
  });

  it('describe pod (with events), describe node, logs', async () => {
    const pod = (await ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    const d = await ok('describe', 'pod', pod);
    expect(d).toMatch(/^Name:\s+web-/m);
    expect(d).toMatch(/Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\//);
    const node = await ok('describe', 'node', (await ok('get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}')).trim());
    expect(node).toMatch(/Non-terminated Pods:\s+\(\d+ in total\)/);
    expect(node).toContain('Allocated resources:');
    const logs = await ok('logs', pod);
    expect(logs.length).toBeGreaterThan(0);
    expect((await ok('logs', pod, '--tail=1')).trim().split('\n')).toHaveLength(1);
  });

  it('logs -f streams new lines as the clock runs', async () => {
    const pod = (await ok('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    const child = spawn(KUBECTL!, ['logs', '-f', pod], { env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    await new Promise((r) => setTimeout(r, 800));
    const before = out.length;
    await advance(600);
    await new Promise((r) => setTimeout(r, 800));
    child.kill();
    expect(before).toBeGreaterThan(0);
    expect(child.exitCode === null || child.signalCode !== null || child.killed).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(before);
  });

  it('get events, get all', async () => {
    expect(await ok('get', 'events')).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    const all = await ok('get', 'all');
    expect(all).toMatch(/^pod\/web-/m);
    expect(all).toMatch(/^service\/kubernetes\s+ClusterIP/m);
    expect(all).toMatch(/^deployment\.apps\/web\s+/m);
    expect(all).toMatch(/^replicaset\.apps\/web-/m);
  });

  it('get pods -w sees a change', async () => {
    const child = spawn(KUBECTL!, ['get', 'pods', '-w', '-l', 'app=web'], { env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    await new Promise((r) => setTimeout(r, 1000));
    await ok('scale', 'deployment', 'web', '--replicas=5');
    await advance(10);
    await new Promise((r) => setTimeout(r, 800));
    child.kill();
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(out).toMatch(/Pending|ContainerCreating/);
  });

  it('cordon, drain, taint, uncordon', async () => {
    const node = (await ok('get', 'nodes', '-o', 'jsonpath={.items[2].metadata.name}')).trim();
    expect(await ok('cordon', node)).toContain(`node/${node} cordoned`);
    const drain = await kubectl(['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=30s']);
    expect(drain.out).toContain(`node/${node} drained`);
    expect(await ok('get', 'pods', '-A', '--field-selector', `spec.nodeName=${node}`, '-l', 'app=web')).toBe('');
    expect(await ok('get', 'node', node)).toMatch(/Ready,SchedulingDisabled/);
    expect(await ok('taint', 'node', node, 'dedicated=x:NoSchedule')).toContain(`node/${node} tainted`);
    expect(await ok('uncordon', node)).toContain(`node/${node} uncordoned`);
  });

  it('create (protobuf) of the other kinds kubectl create makes', async () => {
    await ok('create', 'namespace', 'team');
    const made = [
      ['create', 'configmap', 'c', '--from-literal=a=b'],
      ['create', 'secret', 'generic', 's', '--from-literal=p=q'],
      ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'],
      ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *'],
      ['create', 'serviceaccount', 'bot'],
      ['create', 'role', 'r', '--verb=get', '--resource=pods'],
      ['create', 'rolebinding', 'rb', '--role=r', '--serviceaccount=team:bot'],
      ['create', 'quota', 'q', '--hard=pods=10,cpu=2'],
      ['create', 'pdb', 'pdb', '--selector=app=x', '--min-available=1'],
      ['create', 'ingress', 'ing', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--class=nginx'],
      ['create', 'service', 'nodeport', 's2', '--tcp=80:8080'],
      ['create', 'deployment', 'd0', '--image=nginx', '--replicas=0'],
    ];
    for (const args of made) expect(await ok('-n', 'team', ...args)).toContain('created');
    expect(await ok('-n', 'team', 'get', 'secret', 's', '-o', 'jsonpath={.data.p}')).toBe('cQ==');
    expect(await ok('-n', 'team', 'get', 'deploy', 'd0', '-o', 'jsonpath={.spec.replicas}')).toBe('0');
    expect(await ok('-n', 'team', 'get', 'ing', 'ing', '-o', 'jsonpath={.spec.rules[0].http.paths[0].backend.service.port.number}')).toBe('8080');
    expect(await ok('-n', 'team', 'get', 'svc', 's2')).toMatch(/s2\s+NodePort\s+\S+\s+<none>\s+80:3\d{4}\/TCP/);
  });

  it('delete waits until gone; delete namespace cascades', async () => {
    expect(await ok('delete', 'deployment', 'web')).toContain('deployment.apps "web" deleted');
    expect((await kubectl(['get', 'deployment', 'web'], { ok: false })).err).toContain('deployments.apps "web" not found');
    const del = kubectl(['delete', 'namespace', 'team', '--timeout=30s']);
    for (let i = 0; i < 20; i++) await advance(1);
    expect((await del).out).toContain('namespace "team" deleted');
    expect((await kubectl(['get', 'ns', 'team'], { ok: false })).err).toContain('namespaces "team" not found');
  });

  it('errors are Status objects', async () => {
    const get = (path: string, init?: RequestInit) => fetch(base + path, init).then(async (r) => ({ code: r.status, body: await r.json() }));
    expect(await get('/api/v1/foos')).toMatchObject({ code: 404, body: { kind: 'Status', message: 'the server could not find the requested resource' } });
    const post = (body: string) => get('/api/v1/namespaces/default/configmaps', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(await post('{bad')).toMatchObject({ code: 400, body: { reason: 'BadRequest' } });
    expect(await post(JSON.stringify({ metadata: { name: 'Bad_Name' } }))).toMatchObject({ code: 422, body: { reason: 'Invalid', details: { causes: [{ field: 'metadata.name' }] } } });
    expect(await post(JSON.stringify({ metadata: { name: 'dup' } }))).toMatchObject({ code: 201 });
    expect(await post(JSON.stringify({ metadata: { name: 'dup' } }))).toMatchObject({ code: 409, body: { reason: 'AlreadyExists' } });
    expect(await post('x'.repeat(3 * 1024 * 1024 + 1))).toMatchObject({ code: 413, body: { message: 'Request entity too large: limit is 3145728' } });
  });
});
