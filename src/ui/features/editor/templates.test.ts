// Every starter template is accepted by the API server and runs: applied to a fresh test cluster
// as the editor applies it, its pods reach Running (Succeeded for Jobs).
import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../../cli/manifests';
import type { KubeObject, Pod } from '../../../sim/api/types';
import { isReady, pods, testCluster, waitFor } from '../../../sim/testing/cluster';
import { TEMPLATES, templateById } from './templates';

type Expect = { running?: number; succeeded?: number; check?: (objects: (kind: string, name: string) => KubeObject | undefined) => boolean };

// What each template must lead to in the default namespace (a test cluster has 3 nodes).
const EXPECT: Record<string, Expect> = {
  pod: { running: 1 },
  deployment: { running: 3 },
  'service-clusterip': { running: 3, check: (get) => (get('endpoints', 'hello') as any)?.subsets?.[0]?.addresses?.length === 3 },
  'service-nodeport': { running: 3, check: (get) => (get('services', 'hello-nodeport') as any)?.spec.ports[0].nodePort === 30080 },
  'service-loadbalancer': { running: 3, check: (get) => !!(get('services', 'hello-lb') as any)?.status?.loadBalancer?.ingress?.[0]?.ip },
  daemonset: { running: 3 },
  statefulset: { running: 2, check: (get) => !!get('pods', 'redis-0') && !!get('pods', 'redis-1') },
  job: { succeeded: 1, check: (get) => (get('jobs', 'batch-job') as any)?.status?.succeeded === 1 },
  cronjob: { succeeded: 1 },
  configmap: { check: (get) => (get('configmaps', 'app-config') as any)?.data?.LOG_LEVEL === 'info' },
  secret: { check: (get) => (get('secrets', 'db-credentials') as any)?.data?.password === btoa('change-me') },
  namespace: { check: (get) => (get('namespaces', 'team-a') as any)?.status?.phase === 'Active' },
};

describe('starter templates', () => {
  it('has an expectation for every template, with unique ids', () => {
    expect(Object.keys(EXPECT).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
    expect(templateById('job')?.label).toBe('Job');
  });

  it.each(TEMPLATES.map((t) => [t.label, t.id]))('%s is accepted and runs', (_label, id) => {
    const t = templateById(id)!;
    const want = EXPECT[id];
    const cluster = testCluster();
    const results = applyManifests(cluster.api, t.yaml);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.error, `${r.ref}: ${r.error?.message}`).toBeUndefined();
      expect(r.outcome).toBe('created');
    }
    const get = (resource: string, name: string) => cluster.api.tryGet<KubeObject>(resource, resource === 'namespaces' ? undefined : 'default', name);
    const phase = (p: Pod, ph: string) => p.status?.phase === ph;
    waitFor(cluster, () => {
      const ps = pods(cluster);
      if (want.running !== undefined && ps.filter((p) => phase(p, 'Running') && isReady(p)).length < want.running) return false;
      if (want.succeeded !== undefined && ps.filter((p) => phase(p, 'Succeeded')).length < want.succeeded) return false;
      return want.check ? want.check(get) : true;
    }, 180);
    // Nothing failed on the way (no crash loops, no image pull errors).
    for (const p of pods(cluster)) expect(p.status?.phase, p.metadata.name).not.toBe('Failed');
    // Applying the same text again changes nothing.
    for (const r of applyManifests(cluster.api, t.yaml)) expect(r.outcome, r.ref).toBe('unchanged');
  });
});
