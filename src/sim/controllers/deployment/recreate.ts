// Recreate (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to zero, wait until
// none of their pods is left running, then create (or scale up) the new ReplicaSet.

import type { Deployment, Pod, ReplicaSet } from '../../api/types';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent, statusOf, type SyncContext } from './sync';
import { activeReplicaSets, actualReplicas, deploymentComplete, replicasOf } from './util';

/** `podMap`: the pods of each of the Deployment's ReplicaSets, by ReplicaSet uid. */
export function rolloutRecreate(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[], podMap: Map<string, Pod[]>): void {
  // Do not create the new ReplicaSet yet: scale down before scaling up.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let all = [...oldRSs, newRS];

  if (scaleDownOldReplicaSetsForRecreate(ctx, activeReplicaSets(oldRSs), d)) return syncRolloutStatus(ctx, all, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(ctx, all, newRS, d);

  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
    all = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(ctx, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, statusOf(d))) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, all, newRS, d);
}

function scaleDownOldReplicaSetsForRecreate(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment): boolean {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    if (scaleReplicaSetAndRecordEvent(ctx, rs, 0, d)[0]) scaled = true;
  }
  return scaled;
}

/** Old ReplicaSets still report pods, or an old pod is not finished (terminating ones count). */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}
