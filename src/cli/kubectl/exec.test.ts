// kubectl exec / debug node / node-shell / port-forward through the headless engine: what kubectl
// prints, the errors it words, and the interactive sessions the terminal drives line by line.

import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../../sim/aks/spec';
import type { Pod } from '../../sim/api/types';
import { Cluster } from '../../sim/cluster';
import { Kubectl } from './index';

const CLIENT = `apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - {name: bb, image: busybox:1.36, command: [sleep, "3600"]}
  - {name: side, image: alpine:3.21, command: [sleep, "3600"]}
`;

describe('kubectl exec, debug, port-forward', () => {
  let cluster: Cluster;
  let k: Kubectl;
  let web: string;
  let node: string;

  beforeAll(() => {
    cluster = new Cluster({ seed: 5, spec: { pools: [defaultPool({ count: 2 })] } });
    k = new Kubectl({ cluster });
    expect(k.run('create deployment web --image=nginx:1.27').exitCode).toBe(0);
    expect(k.run('create service clusterip web --tcp=80:80').exitCode).toBe(0);
    expect(k.run('apply -f -', CLIENT).exitCode).toBe(0);
    cluster.advance(60);
    web = cluster.api.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items[0].metadata.name!;
    node = [...cluster.nodes.keys()][0];
  });

  it('runs a command in a container, defaulting to the first one and saying so', () => {
    const r = k.run('exec client -- cat /etc/hostname');
    expect(r).toEqual({ stdout: 'client\n', stderr: 'Defaulted container "bb" out of: bb, side\n', exitCode: 0 });
    expect(k.run('exec client -c side -- cat /etc/os-release').stdout).toContain('Alpine Linux');
    expect(k.run('exec client -c bb -- wget -qO- http://web').stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(k.run(`exec deploy/web -- curl -s web`).stdout).toContain('Welcome to nginx!');
  });

  it('reports failures as kubectl, the API server and containerd word them', () => {
    expect(k.run('exec nosuch -- ls')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nosuch" not found\n', exitCode: 1 });
    expect(k.run('exec client ls').stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
    expect(k.run('exec client').stderr).toBe('error: you must specify at least one command for the container\n');
    expect(k.run('exec client -c nope -- ls').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod client\n');
    expect(k.run('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: stuck}\nspec: {nodeSelector: {disk: ssd}, containers: [{name: c, image: nginx}]}\n').exitCode).toBe(0);
    expect(k.run('exec stuck -- ls').stderr).toBe('Error from server (BadRequest): pod stuck does not have a host assigned\n');
    const bash = k.run('exec -it client -c bb -- bash');
    expect(bash.exitCode).toBe(1);
    expect(bash.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
    const missing = k.run('exec client -c bb -- cat /nope');
    expect(missing).toEqual({ stdout: '', stderr: "cat: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n", exitCode: 1 });
    expect(k.run('exec client -c bb -- sh -c "foo"')).toEqual({ stdout: '', stderr: 'sh: foo: not found\ncommand terminated with exit code 127\n', exitCode: 127 });
  });

  it('opens an interactive shell with -it and ends it on exit', () => {
    const open = k.run(`exec -it ${web} -- bash`);
    expect(open.exitCode).toBe(0);
    expect(open.session?.prompt).toBe(`root@${web}:/# `);
    const id = open.session!.id;
    expect(k.sessionCommands(id)).toEqual(expect.arrayContaining(['cat', 'curl', 'env', 'exit']));
    expect(k.input(id, 'hostname')).toEqual({ stdout: `${web}\n`, stderr: '', exitCode: 0, session: { id, prompt: `root@${web}:/# ` } });
    expect(k.input(id, 'foo').stdout).toBe('bash: foo: command not found\n');
    expect(k.input(id, 'exit 2')).toEqual({ stdout: 'exit\n', stderr: 'command terminated with exit code 2\n', exitCode: 2 });
    expect(k.input(id, 'ls').stderr).toBe(`error: session ${id} has ended\n`);
    const sh = k.run('exec -it client -c bb -- sh');
    expect(sh.session?.prompt).toBe('/ # ');
    expect(k.input(sh.session!.id, 'exit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    // A session whose container goes away ends as the killed shell does.
    const gone = k.run(`exec -it ${web} -- sh`);
    expect(gone.session?.prompt).toBe('# ');
    expect(k.run(`delete pod ${web} --grace-period=0 --force`).exitCode).toBe(0);
    cluster.advance(5);
    expect(k.input(gone.session!.id, 'ls')).toEqual({ stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137 });
    web = cluster.api.list<Pod>('pods', { namespace: 'default', labelSelector: 'app=web' }).items.find((p) => p.status?.phase === 'Running')!.metadata.name!;
  });

  it('kubectl debug node/... -it creates the node-debugger pod and opens a shell on the node', () => {
    const r = k.run(`debug node/${node} -it --image=mcr.microsoft.com/cbl-mariner/busybox:2.0`);
    const name = /Creating debugging pod (node-debugger-\S+-[bcdfghjklmnpqrstvwxz2456789]{5}) with container debugger on node (\S+)\.\n/.exec(r.stdout);
    expect(name?.[2]).toBe(node);
    expect(r.stderr).toContain("If you don't see a command prompt, try pressing enter.\n");
    expect(r.session?.prompt).toBe('/ # ');
    const pod = cluster.api.get<Pod>('pods', 'default', name![1]);
    expect(pod.spec).toMatchObject({ nodeName: node, hostPID: true, hostNetwork: true, hostIPC: true, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] });
    expect(pod.spec.volumes?.[0]).toMatchObject({ name: 'host-root', hostPath: { path: '/' } });
    expect(pod.spec.containers[0]).toMatchObject({ name: 'debugger', stdin: true, tty: true });
    expect(pod.spec.containers[0].volumeMounts).toContainEqual({ name: 'host-root', mountPath: '/host' });
    expect(pod.status?.phase).toBe('Running');
    const id = r.session!.id;
    expect(k.input(id, 'chroot /host').session?.prompt).toBe(`root@${node}:/# `);
    const ps = k.input(id, 'crictl ps').stdout;
    expect(ps).toMatch(new RegExp(`\\s+debugger\\s+0\\s+[0-9a-f]{13}\\s+${name![1]}\\s+default\\n`));
    expect(k.input(id, 'exit').session?.prompt).toBe('/ # ');
    expect(k.input(id, 'exit')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    // The debugger container's shell was its main process: the pod completes.
    expect(cluster.api.get<Pod>('pods', 'default', name![1]).status?.phase).toBe('Succeeded');
    expect(k.run('debug node/nosuch -it --image=busybox').stderr).toContain('Error from server (NotFound): nodes "nosuch" not found');
    // Profiles (kubectl's debug/profiles.go): baseline neither mounts the host nor shares its namespaces.
    const base = k.run(`debug node/${node} --profile=baseline --image=busybox`);
    expect(base.stderr).toBe('');
    const basePod = cluster.api.get<Pod>('pods', 'default', /pod (\S+) with/.exec(base.stdout)![1]);
    expect(basePod.spec.hostPID).toBeUndefined();
    expect(basePod.spec.volumes?.some((v) => v.name === 'host-root')).toBe(false);
  });

  it('the node-shell plugin spawns an nsenter pod, gives a root bash and deletes the pod on exit', () => {
    const r = k.run(`node-shell ${node}`);
    const name = /^spawning "(nsenter-[a-z0-9]{6})" on "(\S+)"\n$/.exec(r.stdout);
    expect(name?.[2]).toBe(node);
    expect(r.session?.prompt).toBe(`root@${node}:/# `);
    expect(k.input(r.session!.id, 'systemctl is-active kubelet').stdout).toBe('active\n');
    expect(k.input(r.session!.id, 'exit')).toEqual({ stdout: `exit\npod "${name![1]}" deleted\n`, stderr: '', exitCode: 0 });
    expect(cluster.api.tryGet<Pod>('pods', 'default', name![1])?.metadata.deletionTimestamp).toBeTruthy();
  });

  it('port-forward prints the Forwarding lines, then why nothing listens', () => {
    const r = k.run(`port-forward pod/${web} 8080:80`);
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect(r.stderr).toContain('cannot open ports on your computer');
    expect(r.stderr).toContain(`container "nginx" of pod ${web}, which listens on port 80`);
    expect(r.exitCode).toBe(1);
    expect(k.run('port-forward svc/web 9000:80').stdout).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n');
    expect(k.run(`port-forward ${web} 81`).stderr).toContain('nothing in pod');
    expect(k.run('port-forward web').stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
  });
});
