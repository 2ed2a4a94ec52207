// The shape every controller of kube-controller-manager shares (sample-controller): watch
// handlers only enqueue a `namespace/name` key; `reconcile(key)` reads the current state, writes
// through the API and may ask to be requeued. The loop itself is an xstate machine, so a learner
// can see each controller's state (idle, reconciling, stopped) and what it is working on.

import { assign, createActor, setup, type Actor } from 'xstate';
import { isApiError } from '../api/errors';
import type { ApiClient } from '../apiserver/apiserver';
import { xstateClock, type Clock } from '../clock';
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

/** One phase of a reconcile, for step mode: what was just done (read, diff...) and on what. */
export interface ReconcileStep {
  phase: string;
  detail?: string;
}

/** A reconcile as phases: yields after each one, returns what `reconcile` returns. */
export type ReconcileSteps = Generator<ReconcileStep, ReconcileResult, void>;

/** Where a controller's loop is, for step mode. */
export interface ControllerStepState {
  stepping: boolean;
  /** The key being reconciled (step mode keeps it between phases). */
  key?: string;
  /** The phase just done: dequeue, then the controller's own (read, diff...), then done or error. */
  phase?: string;
  detail?: string;
}

/** What the machine needs from its controller: run one reconcile, and whether keys are waiting. */
export interface ControllerHooks {
  run: () => boolean;
  hasWork: () => boolean;
}

export const controllerMachine = setup({
  types: {
    context: {} as ControllerHooks & { reconciles: number; errors: number },
    events: {} as { type: 'WORK' } | { type: 'NEXT' } | { type: 'STOP' } | { type: 'START' },
    input: {} as ControllerHooks,
  },
  actions: {
    // Reconcile one key; the controller schedules NEXT on the clock so other components run in between.
    reconcileOne: assign(({ context }) => {
      const ok = context.run();
      return { reconciles: context.reconciles + 1, errors: context.errors + (ok ? 0 : 1) };
    }),
  },
  guards: {
    hasWork: ({ context }) => context.hasWork(),
  },
}).createMachine({
  id: 'controller',
  context: ({ input }) => ({ ...input, reconciles: 0, errors: 0 }),
  initial: 'idle',
  states: {
    idle: {
      on: { WORK: 'reconciling', STOP: 'stopped' },
    },
    reconciling: {
      entry: 'reconcileOne',
      on: {
        NEXT: [{ guard: 'hasWork', target: 'reconciling', reenter: true }, { target: 'idle' }],
        STOP: 'stopped',
      },
    },
    stopped: {
      on: { START: 'idle' },
    },
  },
});

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
  /** Step mode: each step() runs one phase of a reconcile (reconcileSteps), and no more. */
  private stepping = false;
  private inFlight?: { key: string; steps: ReconcileSteps };
  private lastStep?: ReconcileStep & { key?: string };

  constructor(ctx: ControllerContext, queueName: string) {
    this.ctx = ctx;
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.informers = ctx.informers;
    this.queue = new WorkQueue(ctx.clock, queueName);
    this.actor = createActor(controllerMachine, {
      input: { run: () => this.processNext(), hasWork: () => this.queue.length > 0 },
      clock: xstateClock(ctx.clock),
    });
    this.queue.setReadyHandler(() => this.clock.defer(() => this.kick()));
  }

  protected get recorder(): EventRecorder {
    return (this._recorder ??= this.ctx.recorder(this.name));
  }

  /** Register informer handlers here (they call `enqueue`). */
  abstract register(): void;

  /** Make the world match the desired state of the object behind `key`. Throw to retry with backoff. */
  abstract reconcile(key: string): ReconcileResult;

  /**
   * The reconcile as phases, for step mode. Controllers that split theirs override this (and run
   * it to the end in `reconcile`); the others step as one `reconcile` phase.
   */
  protected *reconcileSteps(key: string): ReconcileSteps {
    const result = this.reconcile(key);
    yield { phase: 'reconcile' };
    return result;
  }

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
    if (this.stepping) return; // keys wait for step()
    if (this.queue.length > 0 && this.state === 'idle') this.actor.send({ type: 'WORK' });
  }

  /** Step mode on or off; off finishes a reconcile left mid-way, then the loop runs freely. */
  setStepping(stepping: boolean): void {
    if (stepping === this.stepping) return;
    this.stepping = stepping;
    if (stepping) return;
    while (this.inFlight) this.advanceSteps();
    if (this.state === 'reconciling') this.clock.defer(() => this.actor.send({ type: 'NEXT' }));
    else this.kick();
  }

  /** Step mode: the next phase of the reconcile in flight, else take the next key (or go idle). */
  step(): void {
    if (!this.stepping || this.state === 'stopped') return;
    if (this.inFlight) this.advanceSteps();
    else if (this.state === 'idle') {
      if (this.queue.length > 0) this.actor.send({ type: 'WORK' });
    } else this.actor.send({ type: 'NEXT' });
  }

  get stepState(): ControllerStepState {
    const s = this.lastStep;
    return { stepping: this.stepping, key: this.inFlight?.key ?? s?.key, phase: s?.phase, detail: s?.detail };
  }

  /** Step mode: dequeue a key and stop after that first phase. */
  private beginSteps(): boolean {
    const key = this.queue.pop();
    if (key === undefined) {
      this.lastStep = undefined;
      return true;
    }
    this.current = key;
    this.inFlight = { key, steps: this.reconcileSteps(key) };
    this.lastStep = { key, phase: 'dequeue', detail: `${key} (${this.queue.length} more in the queue)` };
    return true;
  }

  private advanceSteps(): void {
    const f = this.inFlight!;
    try {
      const r = f.steps.next();
      if (!r.done) {
        this.lastStep = { key: f.key, ...r.value };
        return;
      }
      this.queue.forget(f.key);
      const requeue = r.value && r.value.requeueAfterMs !== undefined ? r.value.requeueAfterMs : undefined;
      if (requeue !== undefined) this.queue.addAfter(f.key, requeue);
      this.lastStep = { key: f.key, phase: 'done', detail: requeue !== undefined ? `requeued after ${requeue / 1000}s` : 'reconciled' };
    } catch (e) {
      if (!isApiError(e)) throw e;
      this.queue.addRateLimited(f.key);
      this.lastStep = { key: f.key, phase: 'error', detail: `${e.message} (requeued with backoff)` };
    }
    this.inFlight = undefined;
    this.current = undefined;
  }

  /** One reconcile of the next key; the machine then schedules the next step on the clock. */
  private processNext(): boolean {
    if (this.stepping) return this.beginSteps();
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
    // In step mode (turned on meanwhile) the next key waits for step().
    this.clock.defer(() => {
      if (!this.stepping) this.actor.send({ type: 'NEXT' });
    });
    return ok;
  }
}
