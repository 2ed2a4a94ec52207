// The ReplicationController controller (pkg/controller/replication): upstream's ReplicationManager
// is the ReplicaSet controller run over core/v1 ReplicationControllers, whose selector is a plain
// label map. Same loop, same events, its own component name.

import { fromSet, type Selector } from '../api/labels';
import type { ControllerContext } from './controller';
import { ReplicaSetController, type ReplicaOwner } from './replicaset';

export class ReplicationControllerController extends ReplicaSetController {
  override readonly name: string = 'replication-controller';
  protected override readonly resource: string = 'replicationcontrollers';
  protected override readonly kind: string = 'ReplicationController';

  constructor(ctx: ControllerContext) {
    super(ctx, 'replicationmanager', 'replicationcontrollers');
  }

  /** labels.Set(rc.Spec.Selector).AsSelectorPreValidated(). */
  protected override selectorOf(owner: ReplicaOwner): Selector | null {
    return fromSet((owner.spec.selector as Record<string, string> | undefined) ?? {});
  }
}
