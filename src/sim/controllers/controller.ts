// The shape every controller of kube-controller-manager shares (sample-controller): watch
// handlers only enqueue a `namespace/name` key; `reconcile(key)` reads the current state, writes
// through the API and may ask to be requeued. The loop itself is an xstate machine, so a learner
// can see each controller's state (idle, reconciling, stopped) and what it is working on.

import { assign, createActor, setup, type Actor } from 'xstate';
import { isApiError } from '../api/errors';
import type { ApiClient } from '../apiserver/apiserver';
import type { Clock } from '../clock';
import { EventRecorder } from '../client/events';
import type { InformerFactory } from '../client/informer';
import { WorkQueue } from '../client/workqueue';

export interface ControllerContext {
  client: ApiClient;
  clock: Clock;
  informers: InformerFactory;
  /** Events recorded as this controller (source.component). */
  recorder: (component: string) => EventRecorder;
}

/** What a reconcile asks of its loop afterwards. */
export type ReconcileResult = void | { requeueAfterMs?: number };

export const controllerMachine = setup({
  types: {
    context: {} as { key?: string; reconciles: number; errors: number; lastError?: string },
    events: {} as
      | { type: 'WORK' }
      | { type: 'NEXT' }
      | { type: 'STOP' }
      | { type: 'START' },
    input: {} as { run: () => boolean; hasWork: () => boolean },
  },
  actions: {
    // Reconcile one key; schedule the next step after it so other components run in between.
    reconcileOne: assign(({ context }, params: { run: () => boolean }) => {
      const ok = params.run();
      return { reconciles: context.reconciles + 1, errors: context.errors + (ok ? 0 : 1) };
    }),
  },
  guards: {
    hasWork: (_, params: { hasWork: () => boolean }) => params.hasWork(),
  },
}).createMachine({
  id: 'controller',
  context: { reconciles: 0, errors: 0 },
  initial: 'idle',
  states: {
    idle: {
      on: {
        WORK: 'reconciling',
        STOP: 'stopped',
      },
    },
    reconciling: {
      on: {
        NEXT: [{ guard: { type: 'hasWork', params: ({ self }) => hooksOf(self) }, target: 'reconciling', reenter: true }, { target: 'idle' }],
        STOP: 'stopped',
      },
      entry: [{ type: 'reconcileOne', params: ({ self }) => hooksOf(self) }],
    },
    stopped: {
      on: { START: 'idle' },
    },
  },
});

// The machine's actions reach their controller through the actor (set at creation).
const hooks = new WeakMap<object, { run: () => boolean; hasWork: () => boolean }>();
function hooksOf(self: object): { run: () => boolean; hasWork: () => boolean } {
  return hooks.get(self)!;
}

export abstract class Controller {
  abstract readonly name: string;
  readonly queue: WorkQueue;
  readonly actor: Actor<typeof controllerMachine>;
  protected readonly client: ApiClient;
  protected readonly clock: Clock;
  protected readonly informers: InformerFactory;
  private _recorder?: EventRecorder;
  private readonly ctx: ControllerContext;
  /** The key being reconciled right now, for the UI. */
  current?: string;

  constructor(ctx: ControllerContext, queueName: string) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.informers = ctx.informers;
    this.queue = new WorkQueue(ctx.clock, queueName);
    this.actor = createActor(controllerMachine, { clock: { setTimeout: (fn, ms) => ctx.clock.setTimeout(fn, ms), clearTimeout: (id) => ctx.clock.clearTimeout(id) } });
    hooks.set(this.actor, { run: () => this.processNext(), hasWork: () => this.queue.length > 0 });
    this.queue.setReadyHandler(() => this.clock.defer(() => this.kick()));
  }

  protected get recorder(): EventRecorder {
    return (this._recorder ??= this.ctx.recorder(this.name));
  }

  /** Register informer handlers here (they call `enqueue`). */
  abstract register(): void;

  /** Make the world match the desired state of the object behind `key`. Throw to retry with backoff. */
  abstract reconcile(key: string): ReconcileResult;

  start(): void {
    this.actor.start();
    this.register();
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  get state(): string {
    return String(this.actor.getSnapshot().value);
  }

  /** Stop processing (the queue still fills): what a stopped controller-manager looks like. */
  stop(): void {
    this.actor.send({ type: 'STOP' });
  }

  resume(): void {
    this.actor.send({ type: 'START' });
    this.kick();
  }

  private kick(): void {
    if (this.queue.length > 0 && this.state === 'idle') this.actor.send({ type: 'WORK' });
  }

  /** One reconcile of the next key; the machine then schedules the next step on the clock. */
  private processNext(): boolean {
    const key = this.queue.pop();
    let ok = true;
    if (key !== undefined) {
      this.current = key;
      try {
        const res = this.reconcile(key);
        this.queue.forget(key);
        if (res && res.requeueAfterMs !== undefined) this.queue.addAfter(key, res.requeueAfterMs);
      } catch (e) {
        ok = false;
        if (!isApiError(e)) throw e; // a bug, not a cluster condition: fail loudly
        this.queue.addRateLimited(key);
      }
      this.current = undefined;
    }
    this.clock.defer(() => this.actor.send({ type: 'NEXT' }));
    return ok;
  }
}
