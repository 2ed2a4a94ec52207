import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../../sim/api/types';
import { addonManifests } from '../../../sim/aks/addons';
import { defaultSpec } from '../../../sim/aks/spec';
import { WATCHED } from '../../cluster/mirror';
import type { ComponentName } from '../../state/ui';
import {
  ADDON_EXPLAINERS,
  ADDON_NAMES,
  COMPONENT_EXPLAINERS,
  CONCEPT_EXPLAINERS,
  RESOURCE_EXPLAINERS,
  SERVICE_TYPE_EXPLAINERS,
  addonOf,
  explainersForComponent,
  explainersForObject,
  type Explainer,
} from './explainers';

// A Record over ComponentName: tsc fails here if a component is added to the union and not listed.
const ALL_COMPONENTS: Record<ComponentName, true> = {
  'kube-apiserver': true, etcd: true, 'kube-scheduler': true, 'kube-controller-manager': true, 'cloud-controller-manager': true,
  konnectivity: true, kubelet: true, 'kube-proxy': true, containerd: true, kubectl: true,
};

const text = (e: Explainer) => [e.title, e.summary, ...e.does, ...e.aks].join('\n');

function wellFormed(e: Explainer) {
  expect(e.title).not.toBe('');
  expect(e.summary.length).toBeGreaterThan(40);
  expect(e.does.length).toBeGreaterThan(0);
  expect(e.aks.length).toBeGreaterThan(0);
}

describe('coverage', () => {
  test('every component named in the issue has an explainer', () => {
    for (const c of Object.keys(ALL_COMPONENTS) as ComponentName[]) {
      expect(COMPONENT_EXPLAINERS[c], c).toBeDefined();
      wellFormed(COMPONENT_EXPLAINERS[c]);
    }
  });

  test('every watched resource has an explainer', () => {
    for (const r of WATCHED) {
      expect(RESOURCE_EXPLAINERS[r], r).toBeDefined();
      wellFormed(RESOURCE_EXPLAINERS[r]);
    }
  });

  test('every Service type, add-on and concept has one', () => {
    for (const e of [...Object.values(SERVICE_TYPE_EXPLAINERS), ...Object.values(ADDON_EXPLAINERS), ...Object.values(CONCEPT_EXPLAINERS)]) wellFormed(e);
    for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const) expect(SERVICE_TYPE_EXPLAINERS[t]).toBeDefined();
  });

  test('ids are unique', () => {
    const all = [...Object.values(COMPONENT_EXPLAINERS), ...Object.values(RESOURCE_EXPLAINERS), ...Object.values(SERVICE_TYPE_EXPLAINERS), ...Object.values(ADDON_EXPLAINERS), ...Object.values(CONCEPT_EXPLAINERS)];
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  test('every kube-system workload the simulated AKS cluster deploys maps to an add-on explainer', () => {
    const workloads = addonManifests(defaultSpec()).filter((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet' || o.kind === 'Service');
    expect(workloads.length).toBeGreaterThan(8);
    for (const w of workloads) expect(addonOf(w), `${w.kind}/${w.metadata.name}`).toBeDefined();
  });
});

describe('facts', () => {
  test('control-plane components are Microsoft-managed and invisible as pods', () => {
    for (const c of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const) {
      expect(COMPONENT_EXPLAINERS[c].managedBy).toBe('aks-control-plane');
      expect(text(COMPONENT_EXPLAINERS[c])).toMatch(/AKS-managed control plane/);
    }
  });

  test('node agents: kubelet and containerd are systemd services on the VM, kube-proxy a DaemonSet', () => {
    expect(text(COMPONENT_EXPLAINERS.kubelet)).toMatch(/systemd service/);
    expect(text(COMPONENT_EXPLAINERS.kubelet)).toMatch(/VM Scale Set/);
    expect(text(COMPONENT_EXPLAINERS.containerd)).toMatch(/systemd service/);
    expect(text(COMPONENT_EXPLAINERS['kube-proxy'])).toMatch(/DaemonSet `kube-proxy` in kube-system/);
  });

  test('konnectivity agents tunnel API server -> kubelet traffic from kube-system', () => {
    const t = text(COMPONENT_EXPLAINERS.konnectivity);
    expect(t).toMatch(/konnectivity-agent/);
    expect(t).toMatch(/kube-system/);
    expect(t).toMatch(/kubelet/);
  });

  test('the AKS defaults: Overlay pod range, /24 per node, kube-dns at 10.0.0.10, timings', () => {
    expect(text(RESOURCE_EXPLAINERS.pods)).toMatch(/10\.244\.0\.0\/16/);
    expect(text(RESOURCE_EXPLAINERS.nodes)).toMatch(/\/24 from 10\.244\.0\.0\/16/);
    expect(text(ADDON_EXPLAINERS['azure-cns'])).toMatch(/10\.244\.0\.0\/16/);
    expect(text(ADDON_EXPLAINERS.coredns)).toMatch(/10\.0\.0\.10/);
    expect(text(COMPONENT_EXPLAINERS['kube-controller-manager'])).toMatch(/50 s.*300 s/);
    expect(text(RESOURCE_EXPLAINERS.deployments)).toMatch(/maxSurge 25%, maxUnavailable 25%/);
  });
});

describe('addonOf', () => {
  const pod = (name: string, owner: { kind: string; name: string }, labels: Record<string, string> = {}, namespace = 'kube-system'): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels, ownerReferences: [{ apiVersion: 'apps/v1', kind: owner.kind, name: owner.name, uid: 'u', controller: true }] },
  });

  test('matches pods by their owner: ReplicaSet without the template hash, DaemonSet by name', () => {
    expect(addonOf(pod('coredns-5cf6977888-84bgl', { kind: 'ReplicaSet', name: 'coredns-5cf6977888' }, { 'k8s-app': 'kube-dns', 'pod-template-hash': '5cf6977888' }))).toBe('coredns');
    expect(addonOf(pod('coredns-autoscaler-7665875bc4-x', { kind: 'ReplicaSet', name: 'coredns-autoscaler-7665875bc4' }, { 'pod-template-hash': '7665875bc4' }))).toBe('coredns-autoscaler');
    expect(addonOf(pod('kube-proxy-294wv', { kind: 'DaemonSet', name: 'kube-proxy' }))).toBe('kube-proxy');
    expect(addonOf(pod('azure-cns-5l8tt', { kind: 'DaemonSet', name: 'azure-cns' }))).toBe('azure-cns');
  });

  test('only kube-system objects are add-ons (and the kubernetes Service in default)', () => {
    expect(addonOf(pod('coredns-abc-1', { kind: 'ReplicaSet', name: 'coredns-abc' }, { 'pod-template-hash': 'abc' }, 'default'))).toBeUndefined();
    expect(addonOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' } })).toBe('kubernetes');
    expect(addonOf({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } } })).toBe('kube-dns');
    expect(addonOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns-custom', namespace: 'kube-system' } })).toBe('coredns');
  });

  test('every add-on name is listed once', () => {
    expect(new Set(ADDON_NAMES).size).toBe(ADDON_NAMES.length);
  });
});

describe('explainers for a selection', () => {
  test('a LoadBalancer Service gets the Service and the LoadBalancer explainers', () => {
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer' } };
    expect(explainersForObject('services', svc).map((e) => e.id)).toEqual(['resource/services', 'service-type/LoadBalancer']);
  });

  test('an add-on pod explains the add-on first, then pods and containers', () => {
    const p: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-proxy-x', namespace: 'kube-system', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u', controller: true }] } };
    expect(explainersForObject('pods', p).map((e) => e.id)).toEqual(['addon/kube-proxy', 'resource/pods', 'concept/container']);
  });

  test('a node also explains node pools; containerd also explains containers', () => {
    expect(explainersForObject('nodes', undefined).map((e) => e.id)).toEqual(['resource/nodes', 'concept/node-pool']);
    expect(explainersForComponent('containerd').map((e) => e.id)).toEqual(['component/containerd', 'concept/container']);
  });
});
