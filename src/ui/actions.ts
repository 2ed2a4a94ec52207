// User commands as registered actions (name, label, perform, shortcut), used alike by buttons,
// keyboard shortcuts, the test hook and, later, a command palette. Each goes through the API or
// the simulation exactly like the CLI would.

import type { ClockControl, NodeAction, Replies } from '../worker/protocol';
import type { Session } from './cluster/session';
import { slowMotionSpeed } from './features/presentation/shortcuts';
import { useUi } from './state/ui';

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
  slowMotion: {
    name: 'clock.slow-motion',
    label: 'Slow motion',
    shortcut: 'S',
    perform: async (s: Session) => {
      const ui = useUi.getState();
      const current = s.mirror.clock ?? (await s.client.request({ op: 'clock' }));
      const { speed, before } = slowMotionSpeed(current.speed, ui.speedBeforeSlowMotion);
      const r = await s.client.request({ op: 'clock', control: { speed } });
      ui.setSpeedBeforeSlowMotion(before);
      return r;
    },
  },
  schedulerStepping: {
    name: 'scheduler.stepping',
    label: 'Scheduler step mode',
    perform: (s: Session, stepping: boolean) => s.client.request({ op: 'scheduler', control: { stepping } }),
  },
  schedulerStep: {
    name: 'scheduler.step',
    label: 'Step the scheduler one phase',
    perform: (s: Session) => s.client.request({ op: 'scheduler', control: { action: 'step' } }),
  },
  controllerStepping: {
    name: 'controller.stepping',
    label: 'Controller step mode',
    perform: (s: Session, a: { name: string; stepping: boolean }) => s.client.request({ op: 'controller', name: a.name, control: { stepping: a.stepping } }),
  },
  controllerStep: {
    name: 'controller.step',
    label: "Step a controller's reconcile one phase",
    perform: (s: Session, name: string) => s.client.request({ op: 'controller', name, control: { action: 'step' } }),
  },
  // View actions change only UI state; they take the session like every action, for one registry.
  togglePresentation: {
    name: 'view.presentation',
    label: 'Presentation mode',
    shortcut: 'P',
    perform: async (_s: Session) => useUi.getState().setPresentation(!useUi.getState().presentation),
  },
  togglePanels: {
    name: 'view.panels',
    label: 'Hide / show panels',
    shortcut: 'H',
    perform: async (_s: Session) => useUi.getState().setPanelsHidden(!useUi.getState().panelsHidden),
  },
  toggleShortcuts: {
    name: 'view.shortcuts',
    label: 'Keyboard shortcuts',
    shortcut: '?',
    perform: async (_s: Session) => useUi.getState().setShortcutsOpen(!useUi.getState().shortcutsOpen),
  },
  spotlight: {
    name: 'view.spotlight',
    label: 'Spotlight',
    shortcut: 'F',
    /** The diagram element to spotlight, by its data-testid; undefined ends the spotlight. */
    perform: async (_s: Session, testId: string | undefined) => useUi.getState().setSpotlight(testId),
  },
} satisfies Record<string, Action<any, any>>;
