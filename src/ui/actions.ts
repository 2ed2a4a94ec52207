// User commands as registered actions (name, label, perform, shortcut), used alike by buttons,
// keyboard shortcuts, the test hook and, later, a command palette. Each goes through the API or
// the simulation exactly like the CLI would.

import type { ClockControl, NodeAction, Replies } from '../worker/protocol';
import type { Session } from './cluster/session';

export interface Action<A = void, R = unknown> {
  name: string;
  label: string;
  shortcut?: string;
  perform(session: Session, args: A): Promise<R>;
}

const clock = (control: ClockControl) => (s: Session) => s.client.request({ op: 'clock', control });
const node = (action: NodeAction['action']) => (s: Session, n: string) =>
  s.client.request({ op: 'node', node: { action, node: n } as NodeAction }) as Promise<Replies['node']>;

/** Speeds offered by the time controls (simulated seconds per wall second). */
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export const actions = {
  play: { name: 'clock.play', label: 'Play', shortcut: 'Space', perform: clock({ action: 'resume' }) },
  pause: { name: 'clock.pause', label: 'Pause', shortcut: 'Space', perform: clock({ action: 'pause' }) },
  step: { name: 'clock.step', label: 'Step to the next event', shortcut: 'N', perform: clock({ action: 'step' }) },
  advance: {
    name: 'clock.advance',
    label: 'Advance time',
    perform: (s: Session, seconds: number) => s.client.request({ op: 'clock', control: { action: 'advance', seconds } }),
  },
  setSpeed: {
    name: 'clock.speed',
    label: 'Set speed',
    perform: (s: Session, speed: number) => s.client.request({ op: 'clock', control: { speed } }),
  },
  addNode: {
    name: 'node.add',
    label: 'Add node',
    perform: (s: Session, pool?: string) => s.client.request({ op: 'node', node: { action: 'add', pool } }),
  },
  removeNode: { name: 'node.remove', label: 'Delete node (VM)', perform: node('remove') },
  cordon: { name: 'node.cordon', label: 'Cordon', perform: node('cordon') },
  uncordon: { name: 'node.uncordon', label: 'Uncordon', perform: node('uncordon') },
  drain: { name: 'node.drain', label: 'Drain', perform: node('drain') },
  stopKubelet: { name: 'node.stop-kubelet', label: 'Stop kubelet', perform: node('stop-kubelet') },
  startKubelet: { name: 'node.start-kubelet', label: 'Start kubelet', perform: node('start-kubelet') },
  powerOff: { name: 'node.power-off', label: 'Power off', perform: node('power-off') },
  powerOn: { name: 'node.power-on', label: 'Power on', perform: node('power-on') },
  apply: {
    name: 'manifest.apply',
    label: 'Apply',
    perform: (s: Session, a: { yaml: string; dryRun?: boolean }) => s.client.request({ op: 'apply', yaml: a.yaml, dryRun: a.dryRun }),
  },
  deleteManifest: {
    name: 'manifest.delete',
    label: 'Delete',
    perform: (s: Session, a: { yaml: string; dryRun?: boolean }) => s.client.request({ op: 'delete-manifest', yaml: a.yaml, dryRun: a.dryRun }),
  },
} satisfies Record<string, Action<any, any>>;
