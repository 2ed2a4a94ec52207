// A root shell on a simulated node: crictl, systemctl, journalctl, iptables, ip and ps read that
// node's real simulated state.

import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import type { Cluster } from '../cluster';
import { createFromYaml, isReady, pods, testCluster, waitFor } from '../testing/cluster';
import { execTarget } from './containershell';
import { commandLine } from './nodeshell';
import { ShellSession } from './session';

describe('node shell', () => {
  let cluster: Cluster;
  let web: Pod;
  let node: string;
  let other: string;
  const sh = (line: string, on = node) => ShellSession.onNode(cluster, on).input(line).output;

  beforeAll(() => {
    cluster = testCluster({ spec: { pools: [{ name: 'nodepool1', count: 2, vmSize: 'Standard_DS2_v2', mode: 'System' }] } });
    createFromYaml(
      cluster,
      `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: nginx, image: nginx:1.27}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`,
    );
    waitFor(cluster, () => pods(cluster).some((p) => p.metadata.name === 'web' && isReady(p)), 120);
    cluster.advance(2);
    web = cluster.api.get<Pod>('pods', 'default', 'web');
    node = web.spec.nodeName!;
    other = [...cluster.nodes.keys()].find((n) => n !== node)!;
  });

  it('iptables lists the Service rules kube-proxy wrote for the node', () => {
    const svc = cluster.api.get<Service>('services', 'default', 'web');
    const out = sh('iptables -t nat -L KUBE-SERVICES -n');
    expect(out).toMatch(/^Chain KUBE-SERVICES \(2 references\)\ntarget\s+prot opt source\s+destination/);
    expect(out).toMatch(new RegExp(`KUBE-SVC-\\w{16}\\s+tcp\\s+--\\s+0\\.0\\.0\\.0/0\\s+${svc.spec.clusterIP!.replace(/\./g, '\\.')}\\s+/\\* default/web cluster IP \\*/ tcp dpt:80`));
    expect(sh('iptables-save -t nat')).toContain(`--to-destination ${web.status!.podIP}:80`);
    expect(sh('iptables -L').length).toBeGreaterThan(0);
    expect(sh('iptables -L')).toContain('only the nat table');
  });

  it("crictl ps, pods, images and logs show this node's containerd", () => {
    const ps = sh('crictl ps');
    expect(ps).toMatch(/^CONTAINER\s+IMAGE\s+CREATED\s+STATE\s+NAME\s+ATTEMPT\s+POD ID\s+POD\s+NAMESPACE\n/);
    expect(ps).toMatch(/\n[0-9a-f]{13}\s+[0-9a-f]{13}\s+.+ ago\s+Running\s+nginx\s+0\s+[0-9a-f]{13}\s+web\s+default\n/);
    expect(sh('crictl ps', other)).not.toMatch(/\sweb\s+default/);
    expect(sh('crictl pods')).toMatch(/\n[0-9a-f]{13}\s+.+ ago\s+Ready\s+web\s+default\s+0\s+\(default\)\n/);
    expect(sh('crictl images')).toMatch(/\ndocker\.io\/library\/nginx\s+1\.27\s+[0-9a-f]{13}\s+72\.4MB\n/);
    const id = sh('crictl ps -q --name nginx').trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(sh(`crictl logs ${id.slice(0, 8)}`)).toContain('Configuration complete; ready for start up');
    expect(sh('crictl logs 0000000')).toContain('NotFound');
  });

  it('systemctl and journalctl follow the kubelet', () => {
    expect(sh('systemctl status kubelet')).toMatch(/● kubelet\.service - Kubelet\n[\s\S]*Active: active \(running\) since/);
    expect(sh('systemctl status containerd')).toContain('Active: active (running)');
    expect(sh('systemctl status nosuch')).toBe('Unit nosuch.service could not be found.\n');
    const journal = sh('journalctl -u kubelet');
    expect(journal).toMatch(/kubelet\[2931\]: I\d{4} [\d:.]+\s+2931 event\.go:389\] "Event occurred" object="default\/web" fieldPath="spec\.containers\{nginx\}" kind="Pod" apiVersion="v1" type="Normal" reason="Started" message="Started container nginx"/);
    expect(sh('journalctl -u kubelet -n 2').trim().split('\n')).toHaveLength(2);
    cluster.nodes.get(node)!.kubelet.stopKubelet();
    expect(sh('systemctl status kubelet')).toContain('Active: inactive (dead)');
    expect(sh('systemctl is-active kubelet')).toBe('inactive\n');
    cluster.nodes.get(node)!.kubelet.startKubelet();
    cluster.advance(1);
    expect(sh('systemctl is-active kubelet')).toBe('active\n');
  });

  it("ip, ps and files show the node's addresses and processes", () => {
    const nodeIP = cluster.nodes.get(node)!.kubelet.nodeIP;
    expect(sh('ip addr')).toContain(`inet ${nodeIP}/16 metric 100 brd 10.224.255.255 scope global eth0`);
    expect(sh('ip route')).toContain(`${web.status!.podIP} dev azv`);
    const ps = sh('ps aux');
    expect(ps).toMatch(/\n\S+\s+\d+ .* \/usr\/local\/bin\/kubelet /);
    expect(ps).toContain('nginx: master process nginx -g daemon off;');
    expect(ps).toContain('/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ');
    // $(VAR) in command/args is expanded by the kubelet from the env (unknown names stay as written).
    const spec = { name: 'x', command: ['run', '--node=$(NODE)', '--ip=$(IP)', '$(MISSING)', '$$(NODE)'], env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }, { name: 'IP', value: '1.2.3.4' }] };
    expect(commandLine(spec, 'daemon', web)).toBe(`run --node=${node} --ip=1.2.3.4 $(MISSING) $(NODE)`);
    expect(sh('ps aux | grep -c nginx') + sh('ps aux | grep nginx | wc -l')).toMatch(/1\n$/);
    expect(sh('cat /etc/resolv.conf')).toMatch(/^nameserver 168\.63\.129\.16\nsearch \w+\.bx\.internal\.cloudapp\.net\n$/);
    expect(sh('hostname')).toBe(`${node}\n`);
    expect(sh('kubectl get pods')).toContain("Command 'kubectl' not found");
    // From the node: a ClusterIP works through kube-proxy's rules; cluster names do not resolve with Azure DNS.
    const ip = cluster.api.get<Service>('services', 'default', 'web').spec.clusterIP;
    expect(sh(`curl -s ${ip}`)).toContain('Welcome to nginx!');
    expect(sh(`curl -s -o /dev/null -w "%{http_code}\\n" ${ip}/nope`)).toBe('404\n');
    expect(sh('curl web.default.svc.cluster.local')).toBe('curl: (6) Could not resolve host: web.default.svc.cluster.local\n');
    expect(sh('nslookup web.default.svc.cluster.local')).toContain("** server can't find web.default.svc.cluster.local");
    expect(sh('nslookup web.default.svc.cluster.local 10.0.0.10')).toBe(`Server:\t\t10.0.0.10\nAddress:\t10.0.0.10#53\n\nName:\tweb.default.svc.cluster.local\nAddress: ${ip}\n\n`);
    expect(sh(`curl -s -o /dev/null ${web.status!.podIP}:81; echo $?`)).toBe('7\n');
    expect(sh('nosuch')).toBe('bash: nosuch: command not found\n');
  });

  it('kubectl debug style: busybox with the host root at /host, chroot into the node and back', () => {
    createFromYaml(
      cluster,
      `apiVersion: v1
kind: Pod
metadata: {name: dbg}
spec:
  nodeName: ${node}
  hostPID: true
  hostNetwork: true
  restartPolicy: Never
  containers: [{name: debugger, image: mcr.microsoft.com/cbl-mariner/busybox:2.0, stdin: true, tty: true, volumeMounts: [{name: host-root, mountPath: /host}]}]
  volumes: [{name: host-root, hostPath: {path: /}}]
`,
    );
    waitFor(cluster, () => cluster.api.get<Pod>('pods', 'default', 'dbg').status?.phase === 'Running', 60);
    const pod = cluster.api.get<Pod>('pods', 'default', 'dbg');
    expect(pod.status?.podIP).toBe(cluster.nodes.get(node)!.kubelet.nodeIP);
    const rec = cluster.nodes.get(node)!.kubelet.pods.find((r) => r.uid === pod.metadata.uid)!;
    const t = execTarget(cluster, pod, 'debugger');
    if (!t.ok) throw new Error(t.message);
    expect(rec.containers[0].snap.value).toBe('running');
    const s = ShellSession.inContainer(cluster, t.target, 'sh');
    expect(s.input('crictl ps').output).toBe('sh: crictl: not found\n');
    expect(s.input('hostname').output).toBe(`${node}\n`);
    expect(s.input('ps').output).toContain('/usr/local/bin/kubelet');
    expect(s.input('chroot /host').output).toBe('');
    expect(s.prompt).toBe(`root@${node}:/# `);
    expect(s.input('crictl ps').output).toMatch(/\s+debugger\s+0\s+[0-9a-f]{13}\s+dbg\s+default\n/);
    expect(s.input('exit').output).toBe('exit\n');
    expect(s.prompt).toBe('/ # ');
    expect(s.input('exit')).toEqual({ output: '', exitCode: 0, prompt: '' });
    // The shell was the container's main process: its stdin closing ends the pod.
    cluster.nodes.get(node)!.kubelet.stdinClosed(pod.metadata.uid!, 'debugger', 0);
    waitFor(cluster, () => cluster.api.get<Pod>('pods', 'default', 'dbg').status?.phase === 'Succeeded', 30);
  });
});
