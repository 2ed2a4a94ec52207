// The app's side of time travel, without a browser: the client and mirror connected to a SimHost
// in-process (as the Web Worker connects them), and the timeline's time format.

import { describe, expect, it } from 'vitest';
import { loadKubectl, SimHost } from '../../../worker/host';
import type { RequestMessage, WorkerMessage } from '../../../worker/protocol';
import { SimClient, type Port } from '../../cluster/client';
import { ClusterMirror } from '../../cluster/mirror';
import { sessionTime } from './TimeTravel';

// The kubectl engine loads on demand in the worker; tests load it up front.
await loadKubectl();

/** A worker port in-process: requests handled synchronously, replies delivered on a microtask. */
function inProcess(): { port: Port; host: SimHost } {
  const port: Port = { postMessage: () => {}, onmessage: null };
  const host = new SimHost((msg: WorkerMessage) => queueMicrotask(() => port.onmessage?.({ data: msg } as MessageEvent<WorkerMessage>)));
  port.postMessage = (msg: RequestMessage) => host.handle(structuredClone(msg));
  return { port, host };
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`;

describe('the mirror across a rewind', () => {
  it('drops what the rebuilt cluster does not have (objects and trace) and keeps watching', async () => {
    const { port } = inProcess();
    const client = new SimClient(port);
    await client.request({ op: 'init', options: { seed: 5, paused: true } });
    const mirror = new ClusterMirror((fn) => queueMicrotask(fn));
    await mirror.connect(client);
    const start = mirror.timeline!.start;
    expect(mirror.timeline).toMatchObject({ epoch: 0, branch: 1, marks: [] });

    await client.request({ op: 'apply', yaml: WEB });
    await client.request({ op: 'clock', control: { action: 'advance', seconds: 30 } });
    const pods = () => mirror.list('pods').filter((p) => p.metadata.namespace === 'default');
    expect(pods()).toHaveLength(2);
    expect(mirror.trace.length).toBeGreaterThan(0);
    expect(mirror.timeline!.marks).toEqual([{ at: start, label: 'apply deployment/web', done: true }]);

    let resets = 0;
    mirror.onReset(() => resets++);
    await client.request({ op: 'rewind', at: start });
    expect(resets).toBe(1);
    expect(pods()).toEqual([]);
    expect(mirror.list('deployments').filter((d) => d.metadata.namespace === 'default')).toEqual([]);
    expect(mirror.trace).toEqual([]);
    expect(mirror.timeline).toMatchObject({ epoch: 1, now: start, marks: [{ done: false }] });
    // Playing on follows the plan: the deployment comes back through the same watches.
    await client.request({ op: 'clock', control: { action: 'advance', seconds: 30 } });
    expect(pods()).toHaveLength(2);
    expect(mirror.timeline!.marks[0].done).toBe(true);
  });
});

describe('sessionTime', () => {
  it.each([
    [0, '0:00'],
    [59_999, '0:59'],
    [125_000, '2:05'],
    [3_600_000 + 61_000, '1:01:01'],
  ])('%i ms -> %s', (ms, text) => expect(sessionTime(ms)).toBe(text));
});
