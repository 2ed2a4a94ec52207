// The Deployment controller (pkg/controller/deployment): a Deployment owns one ReplicaSet per pod
// template (`<name>-<pod-template-hash>`) and moves replicas between them. Per sync, in upstream's
// order: a Deployment being deleted only gets status; paused ones only scale; a changed
// spec.replicas is a scaling event (proportional mid-rollout); otherwise a Recreate or
// RollingUpdate step. The steps live in deployment/ (sync, rolling, recreate, progress, util).

import { fromLabelSelector, matches } from '../api/labels';
import type { Deployment, OwnerReference, Pod, ReplicaSet } from '../api/types';
import { byNamespace, keyOf, type Informer } from '../client/informer';
import { deepClone, deepEqual } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';
import { rolloutRecreate } from './deployment/recreate';
import { rolloutRolling } from './deployment/rolling';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly, writeDeployment, type SyncContext } from './deployment/sync';
import { controllerOf } from './podutil';
import { claimObjects, CONTROLLER_UID_INDEX, NAMESPACE_INDEX } from './replicaset';

export { computeHash, POD_TEMPLATE_HASH_LABEL, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './deployment/util';

const byControllerUid = (o: { metadata: { ownerReferences?: OwnerReference[] } }) => (o.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid);

export class DeploymentController extends Controller {
  readonly name = 'deployment-controller';
  private readonly dInf: Informer<Deployment>;
  private readonly rsInf: Informer<ReplicaSet>;
  private readonly podInf: Informer<Pod>;
  /** The earliest requeue a sync asked for. */
  private requeueMs?: number;

  constructor(ctx: ControllerContext) {
    super(ctx, 'deployment');
    this.dInf = ctx.informers.for<Deployment>('deployments');
    this.rsInf = ctx.informers.for<ReplicaSet>('replicasets');
    this.podInf = ctx.informers.for<Pod>('pods');
  }

  register(): void {
    this.dInf.addIndex(NAMESPACE_INDEX, byNamespace);
    this.rsInf.addIndex(NAMESPACE_INDEX, byNamespace);
    this.rsInf.addIndex(CONTROLLER_UID_INDEX, byControllerUid);
    this.podInf.addIndex(CONTROLLER_UID_INDEX, byControllerUid);
    this.dInf.addHandlers({
      add: (d) => this.enqueue(keyOf(d)),
      update: (_, d) => this.enqueue(keyOf(d)),
      delete: (d) => this.enqueue(keyOf(d)),
    });
    this.rsInf.addHandlers({
      add: (rs) => this.addReplicaSet(rs),
      update: (old, cur) => this.updateReplicaSet(old, cur),
      delete: (rs) => this.deleteReplicaSet(rs),
    });
    // Only Recreate waits on pods: it wakes up when the last old pod is gone.
    this.podInf.addHandlers({ delete: (pod) => this.deletePod(pod) });
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return this.deleteReplicaSet(rs);
    const ref = controllerOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata.namespace, ref);
      if (d) this.enqueue(keyOf(d));
      return;
    }
    // An orphan: any matching Deployment may adopt it.
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(keyOf(d));
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata.namespace, oldRef);
      if (d) this.enqueue(keyOf(d));
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata.namespace, curRef);
      if (d) this.enqueue(keyOf(d));
      return;
    }
    if (refChanged || !deepEqual(old.metadata.labels, cur.metadata.labels)) {
      for (const d of this.deploymentsSelecting(cur)) this.enqueue(keyOf(d));
    }
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const ref = controllerOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata.namespace, ref);
    if (d) this.enqueue(keyOf(d));
  }

  private deletePod(pod: Pod): void {
    const rsRef = controllerOf(pod);
    if (!rsRef || rsRef.kind !== 'ReplicaSet') return;
    const rs = this.rsInf.getByName(pod.metadata.namespace, rsRef.name);
    const dRef = rs && controllerOf(rs);
    if (!dRef) return;
    const d = this.resolveControllerRef(pod.metadata.namespace, dRef);
    if (!d || d.spec.strategy?.type !== 'Recreate') return;
    // Sync once the Deployment has no pods left.
    for (const owned of this.rsInf.byIndex(CONTROLLER_UID_INDEX, d.metadata.uid!)) {
      if (this.podInf.byIndex(CONTROLLER_UID_INDEX, owned.metadata.uid!).length > 0) return;
    }
    this.enqueue(keyOf(d));
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.dInf.getByName(namespace, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** GetDeploymentsForReplicaSet: Deployments in the namespace whose selector matches its labels. */
  private deploymentsSelecting(rs: ReplicaSet): Deployment[] {
    if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return [];
    return this.dInf.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '').filter((d) => {
      const sel = fromLabelSelector(d.spec.selector);
      return sel !== null && sel.length > 0 && matches(sel, rs.metadata.labels);
    });
  }

  reconcile(key: string): ReconcileResult {
    const cached = this.dInf.get(key);
    if (!cached) return;
    // Our own copy: the sync steps change its status and annotations as upstream does.
    const d = deepClone(cached);
    this.requeueMs = undefined;
    const ctx: SyncContext = {
      client: this.client,
      recorder: this.recorder,
      clock: this.clock,
      requeueAfter: (ms) => {
        this.requeueMs = this.requeueMs === undefined ? ms : Math.min(this.requeueMs, ms);
      },
    };

    const sel = d.spec.selector;
    if (sel && !sel.matchLabels && !sel.matchExpressions) {
      this.recorder.warning(d, 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status = { ...d.status, observedGeneration: d.metadata.generation };
        writeDeployment(ctx, d);
      }
      return;
    }

    const rsList = this.getReplicaSetsForDeployment(d);
    if (d.metadata.deletionTimestamp) {
      syncStatusOnly(ctx, d, rsList);
    } else {
      checkPausedConditions(ctx, d);
      if (d.spec.paused || isScalingEvent(ctx, d, rsList)) {
        sync(ctx, d, rsList);
      } else if (d.spec.strategy?.type === 'Recreate') {
        rolloutRecreate(ctx, d, rsList, this.podMap(d, rsList));
      } else {
        rolloutRolling(ctx, d, rsList);
      }
    }
    return this.requeueMs === undefined ? undefined : { requeueAfterMs: this.requeueMs };
  }

  /** The ReplicaSets this Deployment controls, adopting matching orphans and releasing strays. */
  private getReplicaSetsForDeployment(d: Deployment): ReplicaSet[] {
    const selector = fromLabelSelector(d.spec.selector);
    return claimObjects(this.rsInf.byIndex(NAMESPACE_INDEX, d.metadata.namespace ?? ''), {
      client: this.client,
      owner: d,
      resource: 'replicasets',
      match: (rs) => matches(selector, rs.metadata.labels),
      canAdopt: () => {
        const fresh = this.client.tryGet<Deployment>('deployments', d.metadata.namespace, d.metadata.name!);
        return !!fresh && fresh.metadata.uid === d.metadata.uid && !fresh.metadata.deletionTimestamp;
      },
    });
  }

  /** getPodMapForDeployment: the Deployment's pods by owning ReplicaSet uid. */
  private podMap(d: Deployment, rsList: ReplicaSet[]): Map<string, Pod[]> {
    const selector = fromLabelSelector(d.spec.selector);
    const out = new Map<string, Pod[]>();
    for (const rs of rsList) {
      out.set(rs.metadata.uid!, this.podInf.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid!).filter((p) => matches(selector, p.metadata.labels)));
    }
    return out;
  }
}
