// Engine-level checks of describe, events and explain that run without the real kubectl (the
// byte-for-byte comparison with kubectl 1.32 is describe.parity.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPool } from '../../../sim/aks/spec';
import { Cluster } from '../../../sim/cluster';
import { Kubectl } from '../index';
import { wrap } from './explain';

describe('describe, events, explain in the engine', () => {
  let kubectl: Kubectl;
  beforeAll(() => {
    const cluster = new Cluster({ seed: 5, spec: { pools: [defaultPool({ count: 2 })] } });
    kubectl = new Kubectl({ cluster });
    kubectl.run('create deployment web --image=nginx:1.27 --replicas=2');
    cluster.advance(30);
  });

  it('describes a deployment with its replica sets and events aged on the virtual clock', () => {
    const r = kubectl.run('describe deploy web');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+web\nNamespace:\s+default\n/);
    expect(r.stdout).toMatch(/^Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable$/m);
    expect(r.stdout).toMatch(/^NewReplicaSet:\s+web-[a-z0-9]+ \(2\/2 replicas created\)$/m);
    expect(r.stdout).toMatch(/^ {2}Normal\s+ScalingReplicaSet\s+30s\s+deployment-controller\s+Scaled up replica set web-\S+ from 0 to 2$/m);
  });

  it('describes every object whose name starts with the prefix when there is no exact match', () => {
    const r = kubectl.run('describe pods web --show-events=false');
    expect(r.stdout.match(/^Name:\s+web-/gm)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/^Events:/m);
    expect(kubectl.run('describe pods nothing')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nothing" not found\n', exitCode: 1 });
  });

  it('lists events for one object, oldest first', () => {
    const r = kubectl.run('events --for deploy/web');
    expect(r.stdout.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(r.stdout).toContain('Deployment/web');
    expect(kubectl.run('events --types=Bogus').stderr).toBe('error: valid --types are Normal or Warning\n');
  });

  it('explains a field from the OpenAPI schema, wrapped at 80 columns', () => {
    const r = kubectl.run('explain pods.spec.containers.ports.protocol');
    expect(r.stdout).toContain('FIELD: protocol <string>\nENUM:\n    TCP\n    UDP\n    SCTP\n');
    const descriptions = kubectl.run('explain pods.spec').stdout.split('\n').filter((l) => /^ {4}\S/.test(l));
    expect(descriptions.length).toBeGreaterThan(20);
    for (const line of descriptions) expect(line.length).toBeLessThanOrEqual(80);
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(kubectl.run('explain pods.spec.nope').stderr).toBe('error: field "nope" does not exist\n');
  });
});
