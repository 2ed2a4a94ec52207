import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import type { Lease, Node } from '../api/types';
import { nodeTestEnv } from './testenv';

const NODE0 = 'aks-nodepool1-12345678-vmss000000';

const reasons = (env: ReturnType<typeof nodeTestEnv>, pod: string) => env.events(pod).map((e) => e.reason);
const waitingReason = (env: ReturnType<typeof nodeTestEnv>, pod: string) => env.pod(pod)?.status?.containerStatuses?.[0].state.waiting?.reason;

describe('kubelet: node registration', () => {
  it('registers the node, goes Ready, renews its Lease every 10 s', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    let node = env.api.get<Node>('nodes', undefined, NODE0);
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(k.state).toBe('running.networkNotReady');
    env.advance(3);
    expect(k.state).toBe('running.ready');
    node = env.api.get<Node>('nodes', undefined, NODE0);
    const ready = node.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(node.status?.nodeInfo).toMatchObject({ osImage: 'Ubuntu 22.04.5 LTS', operatingSystem: 'linux', architecture: 'amd64' });
    expect(node.status?.images?.length).toBeGreaterThan(5);
    const lease = env.api.get<Lease>('leases', 'kube-node-lease', NODE0);
    expect(lease.spec).toMatchObject({ holderIdentity: NODE0, leaseDurationSeconds: 40 });
    expect(lease.spec.renewTime).toMatch(/^2025-01-01T00:00:00\.000000Z$/);
    env.advance(10);
    expect(env.api.get<Lease>('leases', 'kube-node-lease', NODE0).spec.renewTime).toBe('2025-01-01T00:00:10.000000Z');
    expect(env.events(NODE0).map((e) => e.reason)).toEqual(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady']);
    // Unchanged status is not posted again before 5 minutes.
    const rv = env.api.get<Node>('nodes', undefined, NODE0).metadata.resourceVersion;
    env.advance(60);
    expect(env.api.get<Node>('nodes', undefined, NODE0).metadata.resourceVersion).toBe(rv);
    env.advance(300);
    expect(env.api.get<Node>('nodes', undefined, NODE0).metadata.resourceVersion).not.toBe(rv);
  });
});

describe('kubelet: pods', () => {
  it('runs nginx: ContainerCreating -> Running with the real event sequence', () => {
    const env = nodeTestEnv();
    env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE0);
    expect(env.pod('web')!.status).toMatchObject({ phase: 'Pending', hostIP: '10.224.0.4' });
    expect(waitingReason(env, 'web')).toBe('ContainerCreating');
    env.advance(10);
    const pod = env.pod('web')!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toMatch(/^10\.244\.0\.\d+$/);
    const cs = pod.status!.containerStatuses![0];
    expect(cs).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(pod.status!.conditions!.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const evs = env.events('web');
    expect(evs.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(evs[0].message).toBe('Pulling image "nginx:1.27"');
    expect(evs[1].message).toMatch(/^Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72403624 bytes\.$/);
    expect(evs[2].message).toBe('Created container: nginx');
    expect(evs[3].message).toBe('Started container nginx');
    expect(evs[3].involvedObject.fieldPath).toBe('spec.containers{nginx}');
    expect(evs[3].source).toEqual({ component: 'kubelet', host: NODE0 });
    // A second pod uses the image already on the node.
    env.run({ metadata: { name: 'web2' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE0);
    env.advance(2);
    expect(env.pod('web2')!.status?.phase).toBe('Running');
    expect(env.events('web2')[0].message).toBe('Container image "nginx:1.27" already present on machine');
    expect(env.pod('web2')!.status?.podIP).not.toBe(pod.status?.podIP);
  });

  it('backs a crashing container off 10 s, 20 s, 40 s ... and shows CrashLoopBackOff', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'crash' }, spec: { containers: [{ name: 'app', image: 'clusterlab/crash:1.0' }] } }, NODE0);
    const starts: number[] = [];
    let last = '';
    for (let i = 0; i < 400; i++) {
      env.advance(1);
      const cs = env.pod('crash')!.status!.containerStatuses![0];
      const started = cs.state.running?.startedAt;
      if (started && started !== last) {
        last = started;
        starts.push(Date.parse(started) / 1000 - Date.parse('2025-01-01T00:00:00Z') / 1000);
      }
    }
    const gaps = starts.slice(1).map((s, i) => s - starts[i] - 3); // minus the 3 s each run lasts
    expect(gaps).toEqual([0, 10, 20, 40, 80, 160]);
    const cs = env.pod('crash')!.status!.containerStatuses![0];
    expect(env.pod('crash')!.status!.phase).toBe('Running');
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const backoff = env.events('crash').find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toMatch(/^Back-off restarting failed container app in pod crash_default\([0-9a-f-]{36}\)$/);
    // Between restarts it waits in CrashLoopBackOff.
    env.advance(10);
    expect(waitingReason(env, 'crash')).toBe('CrashLoopBackOff');
    expect(env.pod('crash')!.status!.containerStatuses![0].state.waiting!.message).toMatch(/^back-off 5m0s restarting failed container=app pod=crash_default\(/);
    // logs: the last run, and -p the same one while waiting
    const logs = k.logs(env.pod('crash')!, { container: 'app' });
    expect(logs).toContain('panic: dial tcp: lookup db on 10.0.0.10:53: no such host');
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that does not exist', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'bad' }, spec: { containers: [{ name: 'app', image: 'nginx:doesnotexist' }] } }, NODE0);
    env.advance(1.5);
    expect(waitingReason(env, 'bad')).toBe('ErrImagePull');
    expect(env.pod('bad')!.status!.containerStatuses![0].state.waiting!.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    );
    env.advance(2);
    expect(waitingReason(env, 'bad')).toBe('ImagePullBackOff');
    expect(env.pod('bad')!.status!.containerStatuses![0].state.waiting!.message).toBe('Back-off pulling image "nginx:doesnotexist"');
    expect(reasons(env, 'bad')).toEqual(['Pulling', 'Failed', 'Failed', 'BackOff', 'Failed']);
    expect(env.events('bad').map((e) => e.message).slice(2)).toEqual(['Error: ErrImagePull', 'Back-off pulling image "nginx:doesnotexist"', 'Error: ImagePullBackOff']);
    expect(() => k.logs(env.pod('bad')!, {})).toThrowError('container "app" in pod "bad" is waiting to start: trying and failing to pull image');
    // retries after 10 s, then 20 s
    env.advance(60);
    const pulling = env.events('bad').find((e) => e.reason === 'Pulling')!;
    expect(pulling.count).toBe(3);
  });

  it('runs a Job-style container to completion: Succeeded', () => {
    const env = nodeTestEnv();
    env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'job' }, spec: { restartPolicy: 'Never', containers: [{ name: 'work', image: 'clusterlab/job:1.0' }] } }, NODE0);
    env.advance(5);
    expect(env.pod('job')!.status!.phase).toBe('Running');
    env.advance(15);
    const pod = env.pod('job')!;
    expect(pod.status!.phase).toBe('Succeeded');
    expect(pod.status!.containerStatuses![0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('honours busybox commands and init containers', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    env.advance(5);
    env.run(
      {
        metadata: { name: 'bb' },
        spec: {
          restartPolicy: 'Never',
          initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo init; sleep 5'] }],
          containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo hello; sleep 10; echo bye'] }],
        },
      },
      NODE0,
    );
    env.advance(3);
    expect(env.pod('bb')!.status!.phase).toBe('Pending');
    expect(env.pod('bb')!.status!.containerStatuses![0].state.waiting?.reason).toBe('PodInitializing');
    expect(env.pod('bb')!.status!.conditions!.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init]' });
    env.advance(5);
    expect(env.pod('bb')!.status!.phase).toBe('Running');
    expect(k.logs(env.pod('bb')!, { container: 'init' })).toBe('init\n');
    expect(k.logs(env.pod('bb')!, { container: 'main' })).toBe('hello\n');
    env.advance(12);
    expect(env.pod('bb')!.status!.phase).toBe('Succeeded');
    expect(k.logs(env.pod('bb')!, { container: 'main', timestamps: true })).toMatch(/^2025-01-01T00:00:\d\d(\.\d+)?Z hello\n2025-01-01T00:00:\d\d(\.\d+)?Z bye\n$/);
    expect(() => k.logs(env.pod('bb')!, { container: 'main', previous: true })).toThrowError('previous terminated container "main" in pod "bb" not found');
  });

  it('deletes gracefully: nginx stops at once, sleep waits for the grace period (SIGKILL)', () => {
    const env = nodeTestEnv();
    env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE0);
    env.run({ metadata: { name: 'sleeper' }, spec: { terminationGracePeriodSeconds: 30, containers: [{ name: 'sleep', image: 'busybox:1.36', command: ['sleep', '3600'] }] } }, NODE0);
    env.advance(10);
    expect(env.pod('sleeper')!.status!.phase).toBe('Running');
    env.api.delete('pods', 'default', 'web');
    env.api.delete('pods', 'default', 'sleeper');
    env.clock.runUntilIdle();
    expect(env.events('web').map((e) => e.reason)).toContain('Killing');
    expect(env.events('sleeper').find((e) => e.reason === 'Killing')!.message).toBe('Stopping container sleep');
    env.advance(1);
    expect(env.pod('web')).toBeUndefined();
    expect(env.pod('sleeper')!.metadata.deletionTimestamp).toBeDefined();
    env.advance(28);
    expect(env.pod('sleeper')).toBeDefined();
    env.advance(1.5);
    expect(env.pod('sleeper')).toBeUndefined();
  });

  it('rejects a pod that does not fit with OutOfcpu', () => {
    const env = nodeTestEnv();
    env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'small' }, spec: { containers: [{ name: 'a', image: 'nginx:1.27', resources: { requests: { cpu: '300m' } } }] } }, NODE0);
    env.run({ metadata: { name: 'big' }, spec: { containers: [{ name: 'a', image: 'nginx:1.27', resources: { requests: { cpu: '2' } } }] } }, NODE0);
    const pod = env.pod('big')!;
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 300, capacity: 1900" });
    expect(env.events('big')[0]).toMatchObject({ reason: 'OutOfcpu', type: 'Warning' });
  });

  it('gates Ready on the readiness probe and restarts on liveness failures', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    env.advance(5);
    env.run(
      {
        metadata: { name: 'probed' },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.27',
              readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 },
              livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10, failureThreshold: 3 },
            },
          ],
        },
      },
      NODE0,
    );
    env.advance(4);
    expect(env.pod('probed')!.status!.containerStatuses![0].ready).toBe(false);
    env.advance(5);
    expect(env.pod('probed')!.status!.containerStatuses![0].ready).toBe(true);
    env.advance(30);
    const unhealthy = env.events('probed').find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(env.events('probed').some((e) => e.message === 'Container nginx failed liveness probe, will be restarted')).toBe(true);
    env.advance(5);
    expect(env.pod('probed')!.status!.containerStatuses![0].restartCount).toBe(1);
    expect(env.pod('probed')!.status!.containerStatuses![0].lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const logs = k.logs(env.pod('probed')!, { previous: true });
    expect(logs).toContain('"GET /healthz HTTP/1.1" 404 153 "-" "kube-probe/1.32" "-"');
    expect(logs).toContain('signal 3 (SIGQUIT) received, shutting down');
  });

  it('serves the real log errors', () => {
    const env = nodeTestEnv();
    const k = env.kubelet(0);
    env.advance(5);
    env.run({ metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, NODE0);
    expect(() => k.logs(env.pod('web')!, {})).toThrowError('container "nginx" in pod "web" is waiting to start: ContainerCreating');
    try {
      k.logs(env.pod('web')!, {});
    } catch (e) {
      expect((e as ApiError).code).toBe(400);
    }
    env.advance(5);
    const out = k.logs(env.pod('web')!, { tailLines: 2 });
    expect(out.split('\n')).toHaveLength(3);
    expect(out).toMatch(/start worker process 30\n$/);
    k.stopKubelet();
    expect(() => k.logs(env.pod('web')!, {})).toThrowError(/dial tcp 10\.224\.0\.4:10250: connect: connection refused/);
  });
});
