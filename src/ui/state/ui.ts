// UI session state (zustand): what is selected, which panels and filters are set. It holds ids
// (resource + namespace/name, component names), never copies of cluster objects: those live in
// the mirror, so the UI can never show a stale copy.

import { create } from 'zustand';
import type { Watched } from '../cluster/mirror';

/** The control-plane and node components the diagram draws and explains. */
export type ComponentName =
  | 'kube-apiserver' | 'etcd' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager' | 'konnectivity'
  | 'kubelet' | 'kube-proxy' | 'containerd' | 'kubectl';

export type Selection =
  | { kind: 'component'; component: ComponentName; /** For node components (kubelet, kube-proxy, containerd). */ node?: string }
  | { kind: 'object'; resource: Watched; /** `namespace/name`, or `name` for cluster-scoped objects. */ key: string };

export type BottomTab = 'editor' | 'events' | 'terminal';

export interface UiState {
  selection: Selection | undefined;
  /** Namespaces shown on the diagram; empty = all (kube-system per `showKubeSystem`). */
  namespaces: string[];
  showKubeSystem: boolean;
  bottomTab: BottomTab;
  inspectorOpen: boolean;
  eventFilter: { type: 'all' | 'Normal' | 'Warning'; text: string };
  /** Presentation mode: large type, high contrast (`?present=1`, P). */
  presentation: boolean;
  /** Side and bottom panels hidden (H). */
  panelsHidden: boolean;
  /** The `?` list of keyboard shortcuts is open. */
  shortcutsOpen: boolean;
  /** The diagram element in the spotlight, by its data-testid (F, or Alt+click). */
  spotlight: string | undefined;
  /** The diagram elements (data-testids) of the cause chain the inspector shows. */
  causeHighlight: string[];
  /** The speed slow motion was switched on from (S switches back to it). */
  speedBeforeSlowMotion: number | undefined;
  select(selection: Selection | undefined): void;
  setNamespaces(namespaces: string[]): void;
  setShowKubeSystem(show: boolean): void;
  setBottomTab(tab: BottomTab): void;
  setInspectorOpen(open: boolean): void;
  setEventFilter(filter: Partial<UiState['eventFilter']>): void;
  setPresentation(on: boolean): void;
  setPanelsHidden(hidden: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setSpotlight(testId: string | undefined): void;
  setCauseHighlight(testIds: string[]): void;
  setSpeedBeforeSlowMotion(speed: number | undefined): void;
}

export const useUi = create<UiState>()((set) => ({
  selection: undefined,
  namespaces: [],
  showKubeSystem: true,
  bottomTab: 'editor',
  inspectorOpen: true,
  eventFilter: { type: 'all', text: '' },
  select: (selection) => set(selection ? { selection, inspectorOpen: true } : { selection }),
  setNamespaces: (namespaces) => set({ namespaces }),
  setShowKubeSystem: (showKubeSystem) => set({ showKubeSystem }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  setInspectorOpen: (inspectorOpen) => set({ inspectorOpen }),
  setEventFilter: (f) => set((s) => ({ eventFilter: { ...s.eventFilter, ...f } })),
  presentation: false,
  panelsHidden: false,
  shortcutsOpen: false,
  spotlight: undefined,
  causeHighlight: [],
  speedBeforeSlowMotion: undefined,
  setPresentation: (presentation) => set({ presentation }),
  setPanelsHidden: (panelsHidden) => set({ panelsHidden }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setSpotlight: (spotlight) => set({ spotlight }),
  setCauseHighlight: (causeHighlight) => set({ causeHighlight }),
  setSpeedBeforeSlowMotion: (speedBeforeSlowMotion) => set({ speedBeforeSlowMotion }),
}));

/** Whether an object in `namespace` is shown under the current filters. */
export function namespaceVisible(state: Pick<UiState, 'namespaces' | 'showKubeSystem'>, namespace: string | undefined): boolean {
  if (!namespace) return true;
  if (namespace === 'kube-system' && !state.showKubeSystem) return false;
  return state.namespaces.length === 0 || state.namespaces.includes(namespace);
}
