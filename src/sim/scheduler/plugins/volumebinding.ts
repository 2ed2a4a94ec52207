// VolumeBinding (plugins/volumebinding), kept simple: a pod's claims must exist; unbound claims
// of an Immediate StorageClass must be bound first; a bound volume's node affinity must match the
// node. WaitForFirstConsumer claims pass (provisioning is not simulated here).

import { status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type Status } from '../framework';
import { termsMatch } from '../helpers';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';
import { podClaimNames, type VolumeListers } from './volumes';

export const Name = 'VolumeBinding';
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';

export class VolumeBinding implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;
  constructor(private readonly listers: VolumeListers) {}

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    const claims = podClaimNames(pod.pod);
    if (claims.length === 0) return { status: status('Skip') };
    const affinities: any[] = [];
    let unboundImmediate = false;
    for (const name of claims) {
      const pvc = this.listers.pvc(pod.namespace, name);
      if (!pvc) return { status: status('UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" not found`) };
      if (pvc.metadata.deletionTimestamp) return { status: status('UnschedulableAndUnresolvable', `persistentvolumeclaim "${name}" is being deleted`) };
      const volumeName = pvc.spec?.volumeName;
      if (volumeName) {
        const pv = this.listers.pv(volumeName);
        const req = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
        if (req) affinities.push(req);
        continue;
      }
      const className = pvc.spec?.storageClassName;
      const sc = className ? this.listers.storageClass(className) : undefined;
      if (!sc || (sc as any).volumeBindingMode !== 'WaitForFirstConsumer') unboundImmediate = true;
    }
    if (unboundImmediate) return { status: status('UnschedulableAndUnresolvable', ErrReasonUnboundImmediate) };
    state.write(Name, affinities);
    return null;
  }

  filter(state: CycleState, _: PodInfo, node: NodeInfo): Status | null {
    for (const terms of state.read<any[]>(Name) ?? []) {
      if (!termsMatch(terms, node.labels, node.name)) return { code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonNodeConflict], plugin: Name };
    }
    return null;
  }
}
