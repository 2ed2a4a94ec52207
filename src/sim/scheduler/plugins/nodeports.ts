// NodePorts (plugins/nodeports): a pod's hostPorts must be free on the node (same protocol and
// port; 0.0.0.0 conflicts with any address).

import { fixedStatus, status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type Status } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodePorts';
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

const FAIL = fixedStatus('Unschedulable', ErrReason, Name);

export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(_: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    return pod.ports.length === 0 ? { status: status('Skip') } : null;
  }

  filter(_: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    for (const p of pod.ports) if (node.portConflict(p)) return FAIL;
    return null;
  }
}
