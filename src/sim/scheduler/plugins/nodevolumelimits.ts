// NodeVolumeLimits (plugins/nodevolumelimits, CSI attach limits per node). Attachments are not
// counted by this simulation, so every node passes; PreFilter skips pods without claims.

import { status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type Status } from '../framework';
import type { PodInfo } from '../podinfo';
import { podClaimNames } from './volumes';

export const Name = 'NodeVolumeLimits';
export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(_: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    return podClaimNames(pod.pod).length === 0 ? { status: status('Skip') } : null;
  }

  filter(): Status | null {
    return null;
  }
}
