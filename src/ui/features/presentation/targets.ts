// Which diagram element (by its data-testid) stands for a selection or a cause-chain link: what
// the spotlight and the chain's highlight light up. Pure; the diagram's testids are
// cp-<component>, component-<component>-<node>, node-<name>, pod-<ns>-<name>, svc-<ns>-<name>.

import type { CauseLink, CauseTarget } from '../causality/chain';
import type { Selection } from '../../state/ui';

const CONTROL_PLANE = new Set(['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'konnectivity', 'kubectl']);

export function testIdForSelection(sel: Selection | undefined): string | undefined {
  if (!sel) return undefined;
  if (sel.kind === 'component') return sel.node && !CONTROL_PLANE.has(sel.component) ? `component-${sel.component}-${sel.node}` : `cp-${sel.component}`;
  const [ns, name] = sel.key.includes('/') ? sel.key.split('/', 2) : [undefined, sel.key];
  switch (sel.resource) {
    case 'nodes':
      return `node-${name}`;
    case 'pods':
      return `pod-${ns}-${name}`;
    case 'services':
      return `svc-${ns}-${name}`;
    default:
      return undefined;
  }
}

export function testIdForTarget(t: CauseTarget): string | undefined {
  if ('component' in t) return `component-${t.component}-${t.node}`;
  if (t.resource === 'nodes') return `node-${t.name}`;
  if (t.resource === 'pods') return `pod-${t.namespace}-${t.name}`;
  if (t.resource === 'services') return `svc-${t.namespace}-${t.name}`;
  return undefined;
}

/** The control-plane box that stands for an actor (a controller lives in kube-controller-manager). */
export function testIdForActor(actor: string): string | undefined {
  if (actor === 'kubectl' || actor === 'clusterlab-editor') return 'cp-kubectl';
  if (actor === 'default-scheduler' || actor === 'kube-scheduler') return 'cp-kube-scheduler';
  if (actor === 'kube-controller-manager' || /controller$/.test(actor) || actor === 'replicationcontroller') return 'cp-kube-controller-manager';
  return undefined;
}

/** Every diagram element a chain touches (its objects and the components that acted), once each. */
export function chainTestIds(links: readonly CauseLink[]): string[] {
  const ids = new Set<string>();
  for (const l of links) {
    const t = testIdForTarget(l.target);
    if (t) ids.add(t);
    const a = testIdForActor(l.actor);
    if (a) ids.add(a);
  }
  return [...ids];
}

/** A CSS rule outlining the given elements (test ids are DNS names: no quoting needed beyond ""). */
export function highlightCss(testIds: readonly string[], rule: string): string {
  if (testIds.length === 0) return '';
  return `${testIds.map((id) => `[data-testid="${id.replace(/["\\]/g, '')}"]`).join(',\n')} { ${rule} }`;
}
