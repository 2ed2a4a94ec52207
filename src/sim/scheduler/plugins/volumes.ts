// What the volume plugins read of the cluster: PersistentVolumeClaims, PersistentVolumes and
// StorageClasses, through the scheduler's informers.

import type { KubeObject, Pod } from '../../api/types';

export interface VolumeListers {
  pvc(namespace: string, name: string): KubeObject | undefined;
  pv(name: string): KubeObject | undefined;
  storageClass(name: string): KubeObject | undefined;
}

/** The claim names a pod uses (persistentVolumeClaim volumes and generic ephemeral volumes). */
export function podClaimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    if (v?.persistentVolumeClaim?.claimName) out.push(v.persistentVolumeClaim.claimName);
    else if (v?.ephemeral) out.push(`${pod.metadata.name}-${v.name}`);
  }
  return out;
}
