// The container side of `kubectl exec` on a seeded cluster: the environment the kubelet gives a
// container, the files it writes, cluster DNS and connections through kube-proxy.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import type { Cluster } from '../cluster';
import { createFromYaml, isReady, pods, testCluster, waitFor } from '../testing/cluster';
import { ContainerCommands, execTarget, type ExecTarget } from './containershell';
import { ShellSession } from './session';

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx:1.27}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-headless}
spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: nobody}
spec: {selector: {app: nobody}, ports: [{port: 80}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {MODE: blue, app.conf: "color=blue\\n"}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
data: {password: cMOkc3M=}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - name: bb
    image: busybox:1.36
    command: [sleep, "3600"]
    env:
    - {name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: MODE}}}
    - {name: MY_POD_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
    - {name: PASSWORD, valueFrom: {secretKeyRef: {name: creds, key: password}}}
    volumeMounts: [{name: cfg, mountPath: /etc/app}]
  volumes: [{name: cfg, configMap: {name: settings}}]
`;

describe('container shell', () => {
  let cluster: Cluster;
  let target: ExecTarget;
  let cmds: ContainerCommands;
  const run = (line: string) => {
    const s = ShellSession.inContainer(cluster, target, 'sh');
    return s.input(line).output;
  };

  beforeAll(() => {
    cluster = testCluster({ spec: { pools: [{ name: 'nodepool1', count: 2, vmSize: 'Standard_DS2_v2', mode: 'System' }] } });
    createFromYaml(cluster, MANIFESTS);
    waitFor(cluster, () => pods(cluster).filter(isReady).length === 3, 120);
    // A Service made after the client started is not in its environment (links are set at start).
    createFromYaml(cluster, 'apiVersion: v1\nkind: Service\nmetadata: {name: late}\nspec: {selector: {app: web}, ports: [{port: 8080, targetPort: 80}]}\n');
    cluster.advance(2);
    const pod = cluster.api.get<Pod>('pods', 'default', 'client');
    const t = execTarget(cluster, pod, 'bb');
    if (!t.ok) throw new Error(t.message);
    target = t.target;
    cmds = new ContainerCommands(target, false);
  });

  it('has the environment the kubelet gives: image ENV, HOSTNAME, valueFrom, Service links at start time', () => {
    const env = Object.fromEntries(cmds.env);
    const web = cluster.api.get<Service>('services', 'default', 'web');
    expect(env.HOSTNAME).toBe('client');
    expect(env.MODE).toBe('blue');
    expect(env.MY_POD_IP).toBe(target.pod.status?.podIP);
    expect(env.PASSWORD).toBe('päss');
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.0.0.1');
    expect(env.KUBERNETES_SERVICE_PORT_HTTPS).toBe('443');
    expect(env.WEB_SERVICE_HOST).toBe(web.spec.clusterIP);
    expect(env.WEB_SERVICE_PORT_HTTP).toBe('80');
    expect(env.WEB_PORT_80_TCP).toBe(`tcp://${web.spec.clusterIP}:80`);
    expect(env.LATE_SERVICE_HOST).toBeUndefined();
    expect(env.WEB_HEADLESS_SERVICE_HOST).toBeUndefined();
    expect(run('printenv HOME')).toBe('/root\n');
  });

  it('reads the files the kubelet writes and mounts', () => {
    const search = run('cat /etc/resolv.conf');
    expect(search).toMatch(/^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local \w+\.bx\.internal\.cloudapp\.net\nnameserver 10\.0\.0\.10\noptions ndots:5\n$/);
    expect(run('cat /etc/hosts')).toContain(`${target.pod.status?.podIP}\tclient\n`);
    expect(run('cat /etc/hostname')).toBe('client\n');
    expect(run('cat /etc/app/app.conf')).toBe('color=blue\n');
    expect(run('ls /var/run/secrets/kubernetes.io/serviceaccount')).toBe('ca.crt  namespace  token\n');
    expect(run('cat /var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('default');
    const token = run('cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'system:serviceaccount:default:default', 'kubernetes.io': { namespace: 'default', pod: { name: 'client', uid: target.pod.metadata.uid } } });
    expect(claims.exp - claims.iat).toBe(3607);
    expect(run('cat /nope')).toBe("cat: can't open '/nope': No such file or directory\n");
  });

  it('resolves names with cluster DNS: Services, headless Services, search list, NXDOMAIN', () => {
    const web = cluster.api.get<Service>('services', 'default', 'web');
    expect(run('nslookup web')).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${web.spec.clusterIP}\n`);
    const podIPs = pods(cluster, 'default', 'app=web').map((p) => p.status!.podIP!);
    const headless = run('nslookup web-headless.default');
    for (const ip of podIPs) expect(headless).toContain(`Address: ${ip}\n`);
    expect(run('nslookup kube-dns.kube-system.svc.cluster.local')).toContain('Address: 10.0.0.10\n');
    expect(run('nslookup nosuch')).toContain("** server can't find nosuch.default.svc.cluster.local: NXDOMAIN");
  });

  it('connects through kube-proxy: nginx answers via its Service; no endpoints refuses; an unknown port times out', () => {
    expect(run('wget -qO- http://web')).toContain('<title>Welcome to nginx!</title>');
    expect(run('wget -qO- http://web.default.svc.cluster.local:80/missing')).toContain('wget: server returned error: HTTP/1.1 404 Not Found');
    expect(run('wget -qO- http://nobody')).toMatch(/wget: can't connect to remote host \(10\.0\.\d+\.\d+\): Connection refused/);
    expect(run('wget -qO- http://web:81')).toContain('wget: download timed out');
    const podIP = pods(cluster, 'default', 'app=web')[0].status!.podIP!;
    expect(run(`wget -qO- ${podIP}`)).toContain('Welcome to nginx!');
    expect(run(`wget -qO- ${podIP}:8080`)).toContain('Connection refused');
    expect(run('wget -qO- http://nosuch')).toBe("wget: bad address 'nosuch'\n");
  });

  it('answers as busybox sh: unknown commands, ps, hostname, pipes, exit codes', () => {
    const s = ShellSession.inContainer(cluster, target, 'sh');
    expect(s.prompt).toBe('/ # ');
    expect(s.input('foo').output).toBe('sh: foo: not found\n');
    expect(s.input('echo $?').output).toBe('127\n');
    expect(s.input('hostname').output).toBe('client\n');
    expect(s.input('ps').output).toMatch(/^PID\s+USER\s+TIME\s+COMMAND\n\s+1 root\s+0:00 sleep 3600\n/);
    expect(s.input('env | grep MODE').output).toBe('MODE=blue\n');
    expect(s.input('export COLOR=red; env | grep COLOR').output).toBe('COLOR=red\n');
    expect(s.input('cd /etc && pwd').output).toBe('/etc\n');
    expect(s.prompt).toBe('/etc # ');
    expect(s.commandNames()).toEqual(expect.arrayContaining(['cat', 'env', 'nslookup', 'wget', 'exit']));
    expect(s.commandNames()).not.toContain('curl');
    expect(s.input('exit 4')).toEqual({ output: '', exitCode: 4, prompt: '' });
    expect(s.closed).toBe(true);
  });

  it('curl in the nginx image reaches another pod; ps is not in that image', () => {
    const web = pods(cluster, 'default', 'app=web')[0];
    const t = execTarget(cluster, web, 'nginx');
    if (!t.ok) throw new Error(t.message);
    const s = ShellSession.inContainer(cluster, t.target, 'bash');
    expect(s.prompt).toBe(`root@${web.metadata.name}:/# `);
    expect(s.input('curl -s web').output).toContain('Welcome to nginx!');
    expect(s.input('curl nobody').output).toBe("curl: (7) Failed to connect to nobody port 80 after 1 ms: Couldn't connect to server\n");
    expect(s.input('curl -s -o /dev/null -w x nosuch').output).toBe('');
    expect(s.input('curl nosuch').output).toBe('curl: (6) Could not resolve host: nosuch\n');
    expect(s.input('ps').output).toBe('bash: ps: command not found\n');
    expect(s.input('exit').output).toBe('exit\n');
  });
});
