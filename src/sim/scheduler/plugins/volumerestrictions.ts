// VolumeRestrictions (plugins/volumerestrictions): in-tree disk conflicts and ReadWriteOncePod
// claims. The simulated cloud has no in-tree disks and claims are not attached, so every node
// passes; PreFilter skips the plugin for pods without claims, as upstream.

import { status, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreFilterResult, type Status } from '../framework';
import type { PodInfo } from '../podinfo';
import { podClaimNames } from './volumes';

export const Name = 'VolumeRestrictions';
export const ErrReasonDiskConflict = 'node(s) had no available disk';
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
  readonly name = Name;

  preFilter(_: CycleState, pod: PodInfo): { result?: PreFilterResult; status?: Status } | null {
    return podClaimNames(pod.pod).length === 0 ? { status: status('Skip') } : null;
  }

  filter(): Status | null {
    return null;
  }
}
