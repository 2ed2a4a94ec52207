// The Web Worker that hosts the simulation for the app: requests in, batched watch/trace/clock
// messages out, and the clock driven in real time (speed and pause are the clock's own).

/// <reference lib="webworker" />
import { ClockDriver } from '../host/clock';
import { loadKubectl, needsKubectl, SimHost } from './host';
import type { RequestMessage, WorkerMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SimHost((msg: WorkerMessage) => scope.postMessage(msg));
let driver: ClockDriver | undefined;

// Requests are handled one at a time, in order; one that needs the kubectl engine waits for it to load.
let queue = Promise.resolve();

scope.onmessage = (e: MessageEvent<RequestMessage>) => {
  queue = queue.then(async () => {
    // A failed load is answered by the host: the request gets an error reply saying so.
    if (needsKubectl(e.data.req)) await loadKubectl().catch((err) => console.error('clusterlab: loading kubectl failed:', err));
    host.handle(e.data);
    if (!driver && host.cluster) {
      // After each tick, one batch of what changed goes to the app.
      // The host's driven clock follows the cluster across rebuilds (time travel) and applies planned inputs.
      driver = new ClockDriver(host.drivenClock, (err) => console.error('clusterlab: clock tick failed:', err), () => host.flush());
      driver.start(50);
    }
  }).catch((err) => console.error('clusterlab: request failed:', err));
};
