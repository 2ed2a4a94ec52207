// VolumeZone (plugins/volumezone): a bound volume labelled with a zone or region only fits nodes
// in that zone or region.

import { status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type Status } from '../framework';
import type { NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';
import { podClaimNames, type VolumeListers } from './volumes';

export const Name = 'VolumeZone';
export const ErrReasonConflict = 'node(s) had no available volume zone';

const TOPOLOGY_LABELS = ['topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region'];

export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;
  constructor(private readonly listers: VolumeListers) {}

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    const claims = podClaimNames(pod.pod);
    if (claims.length === 0) return { status: status('Skip') };
    const wants: [string, Set<string>][] = [];
    for (const name of claims) {
      const volumeName = this.listers.pvc(pod.namespace, name)?.spec?.volumeName;
      const pv = volumeName ? this.listers.pv(volumeName) : undefined;
      for (const key of TOPOLOGY_LABELS) {
        const v = pv?.metadata.labels?.[key];
        // A label value may list several zones joined by "__" (volumehelpers.LabelZonesToSet).
        if (v) wants.push([key, new Set(v.split('__'))]);
      }
    }
    if (wants.length === 0) return { status: status('Skip') };
    state.write(Name, wants);
    return null;
  }

  filter(state: CycleState, _: PodInfo, node: NodeInfo): Status | null {
    for (const [key, values] of state.read<[string, Set<string>][]>(Name) ?? []) {
      const v = node.labels[key];
      if (v === undefined || !values.has(v)) return { code: 'UnschedulableAndUnresolvable', reasons: [ErrReasonConflict], plugin: Name };
    }
    return null;
  }
}
