// Rollout progress (pkg/controller/deployment/progress.go): the Progressing condition
// (NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded), ReplicaFailure copied from
// the ReplicaSets, and a requeue at the progress deadline so a stuck rollout is reported on time.

import type { Deployment, ReplicaSet } from '../../api/types';
import { parseRFC3339 } from '../../clock';
import { calculateStatus, sameStatus, statusOf, writeDeployment, type SyncContext } from './sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  NEW_RS_AVAILABLE_REASON,
  newCondition,
  removeCondition,
  RS_UPDATED_REASON,
  setCondition,
  TIMED_OUT_REASON,
  type DeploymentCondition,
  type DeploymentStatus,
} from './util';

/** syncRolloutStatus: the status of a rolling-out Deployment, with progress estimated. */
export function syncRolloutStatus(ctx: SyncContext, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = ctx.clock.now();
  const nowISO = ctx.clock.nowISO();
  const status = calculateStatus(allRSs, newRS, d, nowISO);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');

  // One active ReplicaSet with a completed rollout: a resync, no progress to estimate.
  const current = getCondition(statusOf(d), 'Progressing');
  const isComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, status)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, msg, nowISO));
    } else if (deploymentProgressing(d, status)) {
      // Progress refreshes lastUpdateTime even with the same reason (unlike setCondition).
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', RS_UPDATED_REASON, msg, nowISO);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', TIMED_OUT_REASON, msg, nowISO));
    }
  }

  // The first ReplicaFailure of the new ReplicaSet (else of any) becomes the Deployment's.
  const failure = replicaFailures(allRSs, newRS)[0];
  if (failure) setCondition(status, failure);
  else removeCondition(status, 'ReplicaFailure');

  if (sameStatus(statusOf(d), status)) {
    requeueStuckDeployment(ctx, d, status);
    return;
  }
  d.status = status;
  writeDeployment(ctx, d);
}

function replicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const of = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? [])
      .filter((c: any) => c.type === 'ReplicaFailure')
      .map((c: any): DeploymentCondition => ({
        type: 'ReplicaFailure',
        status: c.status,
        lastUpdateTime: c.lastTransitionTime,
        lastTransitionTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      }));
  if (newRS) {
    const own = of(newRS);
    if (own.length) return own;
  }
  return allRSs.flatMap((rs) => (rs ? of(rs) : []));
}

/**
 * requeueStuckDeployment: with no sign of progress, look again when the deadline passes
 * (lastUpdateTime + progressDeadlineSeconds), plus a second against rounding. Returns the delay.
 */
export function requeueStuckDeployment(ctx: SyncContext, d: Deployment, status: DeploymentStatus): number | undefined {
  const current = getCondition(statusOf(d), 'Progressing');
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT_REASON) return undefined;
  const last = parseRFC3339(current.lastUpdateTime) ?? ctx.clock.now();
  const after = last + d.spec.progressDeadlineSeconds! * 1000 - ctx.clock.now();
  // Upstream requeues rate-limited when under a second is left; a second later is as good.
  const delay = Math.max(0, after) + 1000;
  ctx.requeueAfter(delay);
  return delay;
}
