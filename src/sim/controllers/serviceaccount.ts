// The ServiceAccount controller (pkg/controller/serviceaccount): every active namespace has a
// `default` ServiceAccount; delete it and it comes back. (Pods need it: the ServiceAccount
// admission plugin refuses pods whose account does not exist.)

import { isApiError } from '../api/errors';
import type { KubeObject } from '../api/types';
import type { Informer } from '../client/informer';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';

/** ServiceAccountsControllerOptions default: one account, `default`. */
export const DEFAULT_SERVICE_ACCOUNTS = ['default'];

export class ServiceAccountsController extends Controller {
  readonly name = 'serviceaccount-controller';
  private readonly nsInf: Informer;
  private readonly saInf: Informer;
  private readonly accounts: string[];

  constructor(ctx: ControllerContext, opts: { serviceAccounts?: string[] } = {}) {
    super(ctx, 'serviceaccount');
    this.accounts = opts.serviceAccounts ?? DEFAULT_SERVICE_ACCOUNTS;
    this.nsInf = ctx.informers.for('namespaces');
    this.saInf = ctx.informers.for('serviceaccounts');
  }

  register(): void {
    this.nsInf.addHandlers({
      add: (ns) => this.enqueue(ns.metadata.name!),
      update: (_, ns) => this.enqueue(ns.metadata.name!),
    });
    this.saInf.addHandlers({
      delete: (sa) => {
        if (this.accounts.includes(sa.metadata.name!)) this.enqueue(sa.metadata.namespace!);
      },
    });
  }

  reconcile(namespace: string): ReconcileResult {
    const ns = this.nsInf.get(namespace);
    if (!ns) return;
    // Don't create accounts in namespaces being deleted.
    if (!isActive(ns)) return;
    for (const name of this.accounts) {
      if (this.saInf.getByName(namespace, name)) continue;
      try {
        this.client.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
      } catch (e) {
        if (isApiError(e, 'AlreadyExists')) continue;
        // The namespace started terminating meanwhile: nothing to do.
        if (isApiError(e, 'Forbidden') && e.message.includes('because it is being terminated')) return;
        if (isApiError(e, 'NotFound')) return;
        throw e;
      }
    }
  }
}

function isActive(ns: KubeObject): boolean {
  if (ns.metadata.deletionTimestamp) return false;
  return (ns.status?.phase ?? 'Active') === 'Active';
}
