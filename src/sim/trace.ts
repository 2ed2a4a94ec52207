// The trace stream: what the Kubernetes API does not carry (who called which API, a scheduler's
// per-plugin verdicts, a component's state changes), typed, for the UI and for explanations.
// Where Kubernetes itself records something (events, conditions, status), it is recorded there too.

export interface ApiTrace {
  type: 'api';
  at: number;
  actor: string;
  verb: 'create' | 'update' | 'patch' | 'delete' | 'bind' | 'evict';
  resource: string;
  namespace?: string;
  name?: string;
  code: number;
  revision?: number;
}

export interface ComponentTrace {
  type: 'component';
  at: number;
  component: string;
  state: string;
  detail?: string;
}

export interface ScheduleTrace {
  type: 'schedule';
  at: number;
  pod: string; // namespace/name
  result: 'scheduled' | 'unschedulable';
  node?: string;
  message?: string;
}

/** One phase of a scheduling cycle (the scheduler's statechart), for the UI's live view. */
export interface SchedulePhaseTrace {
  type: 'schedule-phase';
  at: number;
  pod: string; // namespace/name
  phase: 'pop' | 'filter' | 'postFilter' | 'score' | 'reserve' | 'bind';
  cycle: number;
  detail?: string;
}

export interface KubeletTrace {
  type: 'kubelet';
  at: number;
  node: string;
  pod: string;
  action: string;
  detail?: string;
}

export type TraceEvent = ApiTrace | ComponentTrace | ScheduleTrace | SchedulePhaseTrace | KubeletTrace;

export class Trace {
  private readonly subscribers = new Set<(e: TraceEvent) => void>();

  get active(): boolean {
    return this.subscribers.size > 0;
  }

  emit(e: TraceEvent): void {
    for (const s of this.subscribers) s(e);
  }

  subscribe(fn: (e: TraceEvent) => void): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }
}
