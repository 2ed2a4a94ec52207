// A SimHost in-process, for tests: call a request, get its reply (or its error thrown).

import { loadKubectl, SimHost } from '../worker/host';
import type { Replies, Request, WorkerMessage } from '../worker/protocol';

// The kubectl engine loads on demand in the worker; tests load it up front.
await loadKubectl();

export function testHost() {
  const messages: WorkerMessage[] = [];
  const host = new SimHost((m) => messages.push(m));
  let id = 1;
  const call = <R extends Request>(req: R): Replies[R['op']] => {
    const msgId = id++;
    host.handle({ id: msgId, req });
    const reply = messages.find((m) => m.type === 'response' && m.id === msgId);
    if (!reply || reply.type !== 'response') throw new Error('no reply');
    if (!reply.ok) throw new Error(reply.error.message);
    return reply.result as Replies[R['op']];
  };
  const advance = (seconds: number) => call({ op: 'clock', control: { action: 'advance', seconds } });
  const hash = () => call({ op: 'hash' });
  /** ms since the cluster was created. */
  const now = () => call({ op: 'timeline' }).now;
  return { host, messages, call, advance, hash, now };
}
