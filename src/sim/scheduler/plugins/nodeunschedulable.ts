// NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) takes no new
// pods, unless the pod tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.

import { fixedStatus, type FilterPlugin, type Status } from '../framework';
import { tolerationsTolerateTaint } from '../helpers';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'NodeUnschedulable';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };
const FAIL = fixedStatus('UnschedulableAndUnresolvable', ErrReasonUnschedulable, Name);

export class NodeUnschedulable implements FilterPlugin {
  readonly name = Name;

  filter(_: unknown, pod: PodInfo, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return FAIL;
  }
}
