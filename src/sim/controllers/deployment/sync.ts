// The Deployment controller's shared steps (pkg/controller/deployment/sync.go): find or create the
// new ReplicaSet and sync revisions, scale (proportionally during a rollout), clean up old
// ReplicaSets beyond revisionHistoryLimit, and compute the Deployment's status.

import { isApiError } from '../../api/errors';
import type { Deployment, ReplicaSet } from '../../api/types';
import type { ApiClient } from '../../apiserver/apiserver';
import type { Clock } from '../../clock';
import type { EventRecorder } from '../../client/events';
import { deepClone, deepEqual } from '../../util/json';
import { controllerOf, controllerRef } from '../podutil';
import {
  activeReplicaSets,
  actualReplicas,
  availableReplicas,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  computeHash,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS_REASON,
  getCondition,
  getProportion,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_RS_REASON,
  newCondition,
  newRSNewReplicas,
  PAUSED_DEPLOY_REASON,
  POD_TEMPLATE_HASH_LABEL,
  readyReplicas,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION_ANNOTATION,
  RESUMED_DEPLOY_REASON,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  statusJSON,
  TIMED_OUT_REASON,
  DESIRED_REPLICAS_ANNOTATION,
  type DeploymentStatus,
} from './util';

/** What the sync steps need from their controller. */
export interface SyncContext {
  client: ApiClient;
  recorder: EventRecorder;
  clock: Clock;
  /** Ask for another sync of this Deployment after `ms` (the earliest request wins). */
  requeueAfter(ms: number): void;
}

export function statusOf(d: Deployment): DeploymentStatus {
  return (d.status ?? {}) as DeploymentStatus;
}

/**
 * Write the Deployment's status (and, when `annotations` is set, its revision annotation first:
 * upstream's status subresource carries annotations for Deployments; ours does not, so the
 * annotation goes through the main resource). `d` keeps the new resourceVersion.
 */
export function writeDeployment(ctx: SyncContext, d: Deployment, opts: { annotations?: boolean } = {}): void {
  if (opts.annotations) {
    const res = ctx.client.update<Deployment>('deployments', d);
    d.metadata.resourceVersion = res.metadata.resourceVersion;
    d.metadata.generation = res.metadata.generation;
  }
  const body = { ...d, status: statusJSON(statusOf(d)) };
  const res = ctx.client.updateStatus<Deployment>('deployments', body);
  d.metadata.resourceVersion = res.metadata.resourceVersion;
}

/** syncStatusOnly: a Deployment being deleted only gets its status updated. */
export function syncStatusOnly(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused Deployments (no rollout). */
export function sync(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  scale(ctx, d, newRS, oldRSs);
  // Clean up a paused Deployment's history (a rollout does it once complete).
  if (d.spec.paused) cleanupDeployment(ctx, oldRSs, d);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions: mark Progressing Unknown while paused (and when resumed), so that a
 * long pause is not reported as lack of progress.
 */
export function checkPausedConditions(ctx: SyncContext, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const status = statusOf(d);
  const cond = getCondition(status, 'Progressing');
  if (cond?.reason === TIMED_OUT_REASON) return;
  const pausedCond = cond?.reason === PAUSED_DEPLOY_REASON;
  const now = ctx.clock.nowISO();
  if (d.spec.paused && !pausedCond) {
    setCondition(status, newCondition('Progressing', 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', now));
  } else if (!d.spec.paused && pausedCond) {
    setCondition(status, newCondition('Progressing', 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', now));
  } else {
    return;
  }
  d.status = status;
  writeDeployment(ctx, d);
}

/** The new ReplicaSet (created if asked and missing) and all the old ones, revisions in sync. */
export function getAllReplicaSetsAndSyncRevision(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[], create: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
  const [, allOld] = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(ctx, d, rsList, allOld, create);
  return [newRS, allOld];
}

/**
 * getNewReplicaSet: the ReplicaSet whose template is the Deployment's. An existing one (a
 * rollback reuses it) gets the next revision and the Deployment's annotations; a missing one is
 * created as `<deployment>-<pod-template-hash>`, or a hash collision bumps status.collisionCount.
 */
export function getNewReplicaSet(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  const status = statusOf(d);
  const now = ctx.clock.nowISO();

  if (existing) {
    const rsCopy = deepClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadyNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyNeedsUpdate) {
      if (d.spec.minReadySeconds) rsCopy.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete rsCopy.spec.minReadySeconds;
      const updated = ctx.client.update<ReplicaSet>('replicasets', rsCopy);
      // Later steps of this sync read rsList again: let them see what we wrote.
      const i = rsList.indexOf(existing);
      if (i >= 0) rsList[i] = updated;
      return updated;
    }
    // The revision in the ReplicaSet's annotation is the reliable one.
    const annotationsChanged = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    let needsUpdate = annotationsChanged;
    if (hasProgressDeadline(d) && !getCondition(status, 'Progressing')) {
      setCondition(status, newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata.name}"`, now));
      needsUpdate = true;
    }
    if (needsUpdate) {
      d.status = status;
      writeDeployment(ctx, d, { annotations: annotationsChanged });
    }
    return rsCopy;
  }
  if (!create) return undefined;

  const template = deepClone(d.spec.template);
  const hash = computeHash(template, status.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = deepClone(d.spec.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const newRS: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas: 0, selector, template },
  };
  if (d.spec.minReadySeconds) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
  const newReplicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = ctx.client.create<ReplicaSet>('replicasets', newRS, { namespace: d.metadata.namespace });
  } catch (e) {
    if (!isApiError(e)) throw e;
    if (e.reason === 'AlreadyExists') {
      // A slow cache, or a hash collision with a ReplicaSet that is not ours or not this template.
      const rs = ctx.client.get<ReplicaSet>('replicasets', d.metadata.namespace, name);
      const ref = controllerOf(rs);
      if (ref && ref.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
        alreadyExists = true;
      } else {
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        d.status = status;
        try {
          writeDeployment(ctx, d);
        } catch (err) {
          if (!isApiError(err)) throw err;
        }
        throw e;
      }
    } else if (e.reason === 'Forbidden' && /because it is being terminated/.test(e.message)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set "${name}": ${e.message}`;
      if (hasProgressDeadline(d)) {
        setCondition(status, newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, now));
        d.status = status;
        try {
          writeDeployment(ctx, d);
        } catch (err) {
          if (!isApiError(err)) throw err;
        }
      }
      ctx.recorder.warning(d, FAILED_RS_CREATE_REASON, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicas > 0) {
    ctx.recorder.normal(d, 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicas}`);
  }
  const annotationsChanged = setDeploymentRevision(d, newRevision);
  let needsUpdate = annotationsChanged;
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition(status, newCondition('Progressing', 'True', NEW_RS_REASON, `Created new replica set "${created.metadata.name}"`, now));
    needsUpdate = true;
  }
  if (needsUpdate) {
    d.status = status;
    writeDeployment(ctx, d, { annotations: annotationsChanged });
  }
  return created;
}

/**
 * scale: a scaling event. With one active ReplicaSet it takes the whole count; with a saturated
 * new ReplicaSet the old ones go to zero; mid-rollout the change is spread proportionally to the
 * ReplicaSets' sizes (largest first), leftovers to the largest.
 */
export function scale(ctx: SyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allReplicas = specReplicas(all);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata.name!, replicasOf(rs) + p);
      added += p;
    } else {
      sizes.set(rs.metadata.name!, replicasOf(rs));
    }
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) {
      const n = sizes.get(rs.metadata.name!)! + (toAdd - added);
      sizes.set(rs.metadata.name!, Math.max(0, n));
    }
    scaleReplicaSet(ctx, rs, sizes.get(rs.metadata.name!)!, d);
  });
}

export function scaleReplicaSetAndRecordEvent(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(ctx, rs, newScale, d);
}

/**
 * scaleReplicaSet: set spec.replicas and the desired/max replica annotations in one update, and
 * record `Scaled up|down replica set <name> from <old> to <new>` (the 1.31+ wording).
 */
export function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  const oldScale = replicasOf(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const max = replicasOf(d) + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return [false, rs];
  const rsCopy = deepClone(rs);
  rsCopy.spec.replicas = newScale;
  setReplicasAnnotations(rsCopy, replicasOf(d), max);
  const updated = ctx.client.update<ReplicaSet>('replicasets', rsCopy);
  if (sizeNeedsUpdate) {
    const op = oldScale < newScale ? 'up' : 'down';
    ctx.recorder.normal(d, 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return [sizeNeedsUpdate, updated];
}

/**
 * cleanupDeployment: delete the oldest old ReplicaSets beyond revisionHistoryLimit, only those
 * scaled to zero, with no pods and their latest spec observed.
 */
export function cleanupDeployment(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      ctx.client.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}

/** calculateStatus: counts from the ReplicaSets' status, and the Available condition. */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowISO: string): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const total = specReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: statusOf(d).collisionCount,
  };
  const conditions = statusOf(d).conditions;
  if (conditions) status.conditions = conditions.map((c) => ({ ...c }));
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', nowISO));
  } else {
    setCondition(status, newCondition('Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', nowISO));
  }
  return status;
}

/** Equal as the API would store them (zero counts omitted). */
export function sameStatus(a: DeploymentStatus, b: DeploymentStatus): boolean {
  return deepEqual(statusJSON(a), statusJSON(b));
}

export function syncDeploymentStatus(ctx: SyncContext, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(allRSs, newRS, d, ctx.clock.nowISO());
  if (sameStatus(statusOf(d), status)) return;
  d.status = status;
  writeDeployment(ctx, d);
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(ctx: SyncContext, d: Deployment, rsList: ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const v = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    if (Number(v) !== replicasOf(d)) return true;
  }
  return false;
}
