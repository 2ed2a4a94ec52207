// RollingUpdate (pkg/controller/deployment/rolling.go): scale the new ReplicaSet up within
// maxSurge, then the old ones down within maxUnavailable, one step per sync. At every instant the
// Deployment has at most replicas+maxSurge pods (by spec.replicas) and, as far as the ReplicaSets'
// status tells, at least replicas-maxUnavailable available ones.

import type { Deployment, ReplicaSet } from '../../api/types';
import { syncRolloutStatus } from './progress';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSet, statusOf, type SyncContext } from './sync';
import { activeReplicaSets, availableReplicas, byCreationTimestamp, deploymentComplete, maxUnavailable, newRSNewReplicas, replicasOf, specReplicas } from './util';

export function rolloutRolling(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const all = [...oldRSs, newRS!];

  if (reconcileNewReplicaSet(ctx, all, newRS!, d)) return syncRolloutStatus(ctx, all, newRS, d);
  if (reconcileOldReplicaSets(ctx, all, activeReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(ctx, all, newRS, d);
  if (deploymentComplete(d, statusOf(d))) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, all, newRS, d);
}

/** Scale the new ReplicaSet up as far as maxSurge allows (or down to spec.replicas). */
export function reconcileNewReplicaSet(ctx: SyncContext, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return scaleReplicaSet(ctx, newRS, replicasOf(d), d)[0];
  return scaleReplicaSet(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d)[0];
}

/**
 * Scale old ReplicaSets down: first their unhealthy replicas (they add no unavailability), then
 * as many as availability allows. maxScaledDown = all pods - minAvailable - the new
 * ReplicaSet's unavailable pods, so a broken new template never eats into the old pods.
 */
export function reconcileOldReplicaSets(ctx: SyncContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  const oldPods = specReplicas(oldRSs);
  if (oldPods === 0) return false;
  const allPods = specReplicas(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  const [olds, cleaned] = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...olds, newRS], olds, d);
  return cleaned + scaledDown > 0;
}

/** Scale old ReplicaSets down by their unavailable replicas, oldest first, up to `maxCleanup`. */
export function cleanupUnhealthyReplicas(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): [ReplicaSet[], number] {
  const olds = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < olds.length; i++) {
    if (total >= maxCleanup) break;
    const rs = olds[i];
    const replicas = replicasOf(rs);
    const avail = rs.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === avail) continue;
    const n = Math.min(maxCleanup - total, replicas - avail);
    olds[i] = scaleReplicaSet(ctx, rs, replicas - n, d)[1];
    total += n;
  }
  return [olds, total];
}

/** Scale old ReplicaSets down, oldest first, by what availability above minAvailable allows. */
export function scaleDownOldReplicaSetsForRollingUpdate(ctx: SyncContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicas(allRSs);
  if (available <= minAvailable) return 0;
  const olds = [...oldRSs].sort(byCreationTimestamp);
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of olds) {
    if (total >= toScaleDown) break;
    if (replicasOf(rs) === 0) continue;
    const n = Math.min(replicasOf(rs), toScaleDown - total);
    scaleReplicaSet(ctx, rs, replicasOf(rs) - n, d);
    total += n;
  }
  return total;
}
