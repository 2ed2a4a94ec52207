// The garbage collector (pkg/controller/garbagecollector): keeps a graph of every object that can
// carry ownerReferences (one informer per deletable resource), and deletes what has lost its
// owners. Three deletion modes, as chosen by the owner's DeleteOptions:
// - Background: the owner goes at once; dependents whose owners are all gone (by uid: an owner
//   with the same name and another uid is gone) are deleted after it.
// - Foreground: the owner stays with deletionTimestamp and the `foregroundDeletion` finalizer
//   while its dependents are deleted; once none with blockOwnerDeletion remain, the collector
//   removes the finalizer and the API server lets the owner go.
// - Orphan: the `orphan` finalizer: the collector removes the owner's ownerReferences from its
//   dependents, then the finalizer.
// An owner the graph has not seen (a "virtual" node, e.g. a dependent observed before its owner)
// is looked up with a live GET before anything is deleted, as upstream does.

import { isApiError } from '../api/errors';
import { RESOURCES, resourceForKind, type ResourceInfo } from '../api/registry';
import type { KubeObject, OwnerReference } from '../api/types';
import type { Informer } from '../client/informer';
import { deepClone } from '../util/json';
import { Controller, type ControllerContext, type ReconcileResult } from './controller';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** Resources the collector never watches (garbagecollector.DefaultIgnoredResources). */
const IGNORED = new Set(['events']);
const ABSENT_CACHE_SIZE = 500;

interface GraphNode {
  uid: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  owners: OwnerReference[];
  /** uids of the objects that name this one as an owner. */
  dependents: Set<string>;
  beingDeleted: boolean;
  /** Being deleted with the foregroundDeletion finalizer: waits for its dependents. */
  deletingDependents: boolean;
  /** Known only from a dependent's ownerReference, not yet observed through an informer. */
  virtual: boolean;
}

/** The resources whose objects may own or be owned: everything deletable and watchable. */
export function garbageCollectedResources(): ResourceInfo[] {
  const seen = new Set<string>();
  return RESOURCES.filter((r) => {
    if (IGNORED.has(r.resource) || seen.has(r.resource)) return false;
    if (!['list', 'watch', 'delete'].every((v) => r.verbs.includes(v))) return false;
    seen.add(r.resource);
    return true;
  });
}

const beingDeleted = (o: KubeObject) => !!o.metadata.deletionTimestamp;
const hasFinalizer = (o: KubeObject, f: string) => (o.metadata.finalizers ?? []).includes(f);

function sameOwners(a: OwnerReference[] | undefined, b: OwnerReference[] | undefined): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  for (let i = 0; i < (a?.length ?? 0); i++) {
    const x = a![i];
    const y = b![i];
    if (x.uid !== y.uid || !!x.blockOwnerDeletion !== !!y.blockOwnerDeletion || x.name !== y.name || x.kind !== y.kind || x.apiVersion !== y.apiVersion) return false;
  }
  return true;
}

function sameStrings(a: string[] | undefined, b: string[] | undefined): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  for (let i = 0; i < (a?.length ?? 0); i++) if (a![i] !== b![i]) return false;
  return true;
}

export class GarbageCollector extends Controller {
  readonly name = 'garbage-collector-controller';
  private readonly watched: Informer[] = [];
  private readonly graph = new Map<string, GraphNode>();
  /** Owners a live GET found absent (coordinates + uid), so their other dependents skip the GET. */
  private readonly absentOwners = new Map<string, true>();

  constructor(ctx: ControllerContext) {
    super(ctx, 'garbage_collector');
    for (const r of garbageCollectedResources()) this.watched.push(ctx.informers.for(r.resource));
  }

  register(): void {
    for (const inf of this.watched) {
      inf.addHandlers({
        add: (o) => this.observe(undefined, o),
        update: (old, cur) => this.observe(old, cur),
        delete: (o) => this.observeDelete(o),
      });
    }
  }

  /** How many objects the graph holds (for the UI and tests). */
  get graphSize(): number {
    return this.graph.size;
  }

  /** The uids of an object's dependents as the graph knows them. */
  dependentsOf(uid: string): string[] {
    return [...(this.graph.get(uid)?.dependents ?? [])];
  }

  // ------------------------------------------------------------------ graph builder

  private observe(old: KubeObject | undefined, obj: KubeObject): void {
    const uid = obj.metadata.uid!;
    let node = this.graph.get(uid);
    if (node && !node.virtual && old && sameOwners(old.metadata.ownerReferences, obj.metadata.ownerReferences) &&
        beingDeleted(old) === beingDeleted(obj) && sameStrings(old.metadata.finalizers, obj.metadata.finalizers)) {
      return; // the hot path: status updates, heartbeats
    }
    const owners = obj.metadata.ownerReferences ?? [];
    if (!node) {
      node = {
        uid,
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name!,
        owners,
        dependents: new Set(),
        beingDeleted: beingDeleted(obj),
        deletingDependents: beingDeleted(obj) && hasFinalizer(obj, FOREGROUND_FINALIZER),
        virtual: false,
      };
      this.graph.set(uid, node);
      this.addToOwners(node, owners);
    } else {
      if (node.virtual) {
        // The owner we only knew by reference has shown up.
        node.virtual = false;
        node.apiVersion = obj.apiVersion;
        node.kind = obj.kind;
        node.namespace = obj.metadata.namespace;
        node.name = obj.metadata.name!;
      }
      if (!sameOwners(node.owners, owners)) {
        const before = new Map(node.owners.map((r) => [r.uid, r]));
        const after = new Map(owners.map((r) => [r.uid, r]));
        // Owners waiting for this dependent may now be unblocked.
        for (const [ouid, ref] of before) {
          const now = after.get(ouid);
          if (ref.blockOwnerDeletion && (!now || !now.blockOwnerDeletion)) {
            const owner = this.graph.get(ouid);
            if (owner?.deletingDependents) this.enqueueDelete(ouid);
          }
        }
        for (const ouid of before.keys()) if (!after.has(ouid)) this.graph.get(ouid)?.dependents.delete(uid);
        node.owners = owners;
        this.addToOwners(node, owners.filter((r) => !before.has(r.uid)));
      }
      if (beingDeleted(obj)) node.beingDeleted = true;
    }
    this.processTransitions(old, obj, node);
  }

  private addToOwners(node: GraphNode, refs: OwnerReference[]): void {
    for (const ref of refs) {
      let owner = this.graph.get(ref.uid);
      if (!owner) {
        // Not seen yet: a virtual node, verified with a live GET before anyone acts on it.
        const info = resourceForKind(ref.apiVersion, ref.kind);
        owner = {
          uid: ref.uid,
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          namespace: info?.namespaced === false ? undefined : node.namespace,
          name: ref.name,
          owners: [],
          dependents: new Set(),
          beingDeleted: false,
          deletingDependents: false,
          virtual: true,
        };
        this.graph.set(ref.uid, owner);
        this.enqueueDelete(ref.uid);
      }
      owner.dependents.add(node.uid);
    }
  }

  private processTransitions(old: KubeObject | undefined, obj: KubeObject, node: GraphNode): void {
    const orphaning = (o: KubeObject | undefined) => !!o && beingDeleted(o) && hasFinalizer(o, ORPHAN_FINALIZER);
    const foreground = (o: KubeObject | undefined) => !!o && beingDeleted(o) && hasFinalizer(o, FOREGROUND_FINALIZER);
    if (!orphaning(old) && orphaning(obj)) {
      this.enqueue(`orphan/${node.uid}`);
      return;
    }
    if (!foreground(old) && foreground(obj)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.enqueueDelete(dep);
      this.enqueueDelete(node.uid);
    }
  }

  private observeDelete(obj: KubeObject): void {
    const node = this.graph.get(obj.metadata.uid!);
    if (!node) return;
    this.removeNode(node, obj);
  }

  /** Drop a node; its dependents get a look (their owner may be gone), and so do owners waiting for it. */
  private removeNode(node: GraphNode, obj?: KubeObject): void {
    this.graph.delete(node.uid);
    for (const ref of node.owners) this.graph.get(ref.uid)?.dependents.delete(node.uid);
    if (node.dependents.size > 0) this.absentOwners.set(this.absentKey(node.apiVersion, node.kind, node.namespace, node.name, node.uid), true);
    for (const dep of node.dependents) this.enqueueDelete(dep);
    for (const ref of obj?.metadata.ownerReferences ?? node.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner?.deletingDependents) this.enqueueDelete(owner.uid);
    }
    this.trimAbsent();
  }

  private enqueueDelete(uid: string): void {
    this.enqueue(`delete/${uid}`);
  }

  // ------------------------------------------------------------------ workers

  reconcile(key: string): ReconcileResult {
    const slash = key.indexOf('/');
    const op = key.slice(0, slash);
    const node = this.graph.get(key.slice(slash + 1));
    if (!node) return;
    if (op === 'orphan') return this.attemptToOrphan(node);
    return this.attemptToDelete(node);
  }

  /** attemptToDeleteItem. */
  private attemptToDelete(item: GraphNode): ReconcileResult {
    if (item.beingDeleted && !item.deletingDependents) return;
    const info = resourceForKind(item.apiVersion, item.kind);
    if (!info) return; // a kind this server does not serve: nothing to do with it
    const latest = this.client.tryGet(info.resource, item.namespace, item.name);
    if (!latest || latest.metadata.uid !== item.uid) {
      // Not there (or another object of that name): a virtual delete event.
      if (item.virtual) this.removeNode(item);
      return;
    }
    if (item.virtual) {
      // It exists; wait until the informer shows it to us.
      return { requeueAfterMs: 1000 };
    }
    if (item.deletingDependents) return this.processDeletingDependents(item);

    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.liveOwner(ref, item);
      if (owner === 'invalid') return; // a cluster-scoped object naming a namespaced owner: retrying won't help
      if (owner === 'unknown') solid.push(ref); // a kind this server does not serve: never counts as gone
      else if (!owner) dangling.push(ref);
      else if (beingDeleted(owner) && hasFinalizer(owner, FOREGROUND_FINALIZER)) waiting.push(ref);
      else solid.push(ref);
    }

    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Some owners are still there: only drop the references to the ones that are not.
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.patchOwnerRefs(info, item, (rs) => rs.filter((r) => !drop.has(r.uid)));
      return;
    }
    if (waiting.length && item.dependents.size) {
      // Break cycles: a dependent of ours that waits for its own dependents must not block our owner.
      for (const dep of item.dependents) {
        if (this.graph.get(dep)?.deletingDependents) {
          const waitingUids = new Set(waiting.map((r) => r.uid));
          this.patchOwnerRefs(info, item, (rs) => rs.map((r) => (waitingUids.has(r.uid) ? { ...r, blockOwnerDeletion: false } : r)));
          break;
        }
      }
      this.deleteObject(info, item, 'Foreground');
      return;
    }
    const policy = hasFinalizer(latest, ORPHAN_FINALIZER) ? 'Orphan' : hasFinalizer(latest, FOREGROUND_FINALIZER) ? 'Foreground' : 'Background';
    this.deleteObject(info, item, policy);
  }

  /** processDeletingDependentsItem: done when no dependent blocks; else make sure they are being deleted. */
  private processDeletingDependents(item: GraphNode): ReconcileResult {
    const blocking: GraphNode[] = [];
    for (const uid of item.dependents) {
      const dep = this.graph.get(uid);
      if (!dep) continue;
      if (dep.owners.some((r) => r.uid === item.uid && r.blockOwnerDeletion)) blocking.push(dep);
    }
    if (blocking.length === 0) {
      this.removeFinalizer(item, FOREGROUND_FINALIZER);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.enqueueDelete(dep.uid);
  }

  /** attemptToOrphanWorker: cut the dependents loose, then let the owner go. */
  private attemptToOrphan(owner: GraphNode): ReconcileResult {
    for (const uid of [...owner.dependents]) {
      const dep = this.graph.get(uid);
      if (!dep) continue;
      const info = resourceForKind(dep.apiVersion, dep.kind);
      if (info) this.patchOwnerRefs(info, dep, (rs) => rs.filter((r) => r.uid !== owner.uid));
    }
    this.removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  // ------------------------------------------------------------------ API helpers

  private absentKey(apiVersion: string, kind: string, namespace: string | undefined, name: string, uid: string): string {
    return `${apiVersion}|${kind}|${namespace ?? ''}|${name}|${uid}`;
  }

  private trimAbsent(): void {
    while (this.absentOwners.size > ABSENT_CACHE_SIZE) this.absentOwners.delete(this.absentOwners.keys().next().value!);
  }

  /** isDangling: the owner as a live GET sees it, undefined when it is gone, 'invalid' for a bad reference. */
  private liveOwner(ref: OwnerReference, item: GraphNode): KubeObject | undefined | 'invalid' | 'unknown' {
    const info = resourceForKind(ref.apiVersion, ref.kind);
    if (!info) return 'unknown';
    if (info.namespaced && !item.namespace) return 'invalid';
    const ns = info.namespaced ? item.namespace : undefined;
    const key = this.absentKey(ref.apiVersion, ref.kind, ns, ref.name, ref.uid);
    if (this.absentOwners.has(key)) return undefined;
    const owner = this.client.tryGet(info.resource, ns, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) {
      this.absentOwners.set(key, true);
      this.trimAbsent();
      return undefined;
    }
    return owner;
  }

  private deleteObject(info: ResourceInfo, item: GraphNode, propagationPolicy: 'Background' | 'Foreground' | 'Orphan'): void {
    try {
      this.client.delete(info.resource, item.namespace, item.name, { preconditions: { uid: item.uid }, propagationPolicy });
    } catch (e) {
      // Gone already, or replaced by another object of that name: nothing left to delete.
      if (isApiError(e, 'NotFound') || isApiError(e, 'Conflict')) return;
      throw e;
    }
  }

  /** Rewrite an object's ownerReferences (a patch upstream; an update with its resourceVersion here). */
  private patchOwnerRefs(info: ResourceInfo, item: GraphNode, edit: (refs: OwnerReference[]) => OwnerReference[]): void {
    const cur = this.client.tryGet(info.resource, item.namespace, item.name);
    if (!cur || cur.metadata.uid !== item.uid) return;
    const next = deepClone(cur);
    const refs = edit(next.metadata.ownerReferences ?? []);
    next.metadata.ownerReferences = refs.length ? refs : undefined;
    try {
      this.client.update(info.resource, next);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      throw e; // a conflict retries with backoff
    }
  }

  private removeFinalizer(item: GraphNode, finalizer: string): void {
    const info = resourceForKind(item.apiVersion, item.kind);
    if (!info) return;
    const cur = this.client.tryGet(info.resource, item.namespace, item.name);
    if (!cur || cur.metadata.uid !== item.uid || !hasFinalizer(cur, finalizer)) return;
    const next = deepClone(cur);
    const rest = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    next.metadata.finalizers = rest.length ? rest : undefined;
    try {
      this.client.update(info.resource, next);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      throw e;
    }
  }
}
