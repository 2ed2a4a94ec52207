// The Web Worker that hosts the simulation for the app: requests in, batched watch/trace/clock
// messages out, and the clock driven in real time (speed and pause are the clock's own).

/// <reference lib="webworker" />
import { ClockDriver } from '../host/clock';
import { SimHost } from './host';
import type { RequestMessage, WorkerMessage } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SimHost((msg: WorkerMessage) => scope.postMessage(msg));
let driver: ClockDriver | undefined;

scope.onmessage = (e: MessageEvent<RequestMessage>) => {
  host.handle(e.data);
  if (!driver && host.cluster) {
    // After each tick, one batch of what changed goes to the app.
    // The host's driven clock follows the cluster across rebuilds (time travel) and applies planned inputs.
    driver = new ClockDriver(host.drivenClock, (err) => console.error('clusterlab: clock tick failed:', err), () => host.flush());
    driver.start(50);
  }
};
