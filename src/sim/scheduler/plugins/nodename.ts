// NodeName (plugins/nodename): a pod that names a node in spec.nodeName only fits that node.
// (Pods with spec.nodeName never reach this scheduler's queue; the plugin is kept for fidelity.)

import { fixedStatus, type FilterPlugin, type Status } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodeName';
export const ErrReason = "node(s) didn't match the requested node name";

const FAIL = fixedStatus('UnschedulableAndUnresolvable', ErrReason, Name);

export class NodeName implements FilterPlugin {
  readonly name = Name;

  filter(_: unknown, pod: PodInfo, node: NodeInfo): Status | null {
    const want = pod.pod.spec.nodeName;
    return !want || want === node.name ? null : FAIL;
  }
}
