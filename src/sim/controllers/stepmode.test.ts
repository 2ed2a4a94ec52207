// A controller's step mode (controller.ts): keys wait for step(); each step runs one phase of the
// reconcile; turning it off finishes a reconcile left mid-way and the loop runs freely again.

import { describe, expect, it } from 'vitest';
import { createFromYaml, pods, testCluster } from '../testing/cluster';

const RS = (replicas: number) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:1.27}]
`;

describe('controller step mode', () => {
  it('a controller without phases steps as dequeue, reconcile, done', () => {
    const c = testCluster();
    c.advance(5);
    const deploy = c.controllerManager.controller('deployment-controller')!;
    deploy.setStepping(true);
    createFromYaml(c, RS(1).replace('kind: ReplicaSet', 'kind: Deployment').replace('name: web', 'name: api').replaceAll('app: web', 'app: api'));
    c.advance(1);
    expect(c.api.list('replicasets', { namespace: 'default' }).items).toEqual([]);
    const phases: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      deploy.step();
      c.clock.runUntilIdle();
      phases.push(deploy.stepState.phase);
    }
    expect(phases).toEqual(['dequeue', 'reconcile', 'done']);
    expect(c.api.list('replicasets', { namespace: 'default' }).items).toHaveLength(1);
    deploy.setStepping(false);
  });

  it('turning step mode off mid-reconcile finishes it, then the loop runs freely', () => {
    const c = testCluster();
    c.advance(5);
    const rs = c.controllerManager.controller('replicaset-controller')!;
    rs.setStepping(true);
    createFromYaml(c, RS(3));
    c.advance(1);
    rs.step(); // dequeue
    rs.step(); // read
    expect(rs.stepState).toMatchObject({ stepping: true, phase: 'read', key: 'default/web' });
    expect(pods(c, 'default', 'app=web')).toHaveLength(0);
    rs.setStepping(false);
    expect(pods(c, 'default', 'app=web')).toHaveLength(3); // diff, create and status ran at once
    expect(rs.stepState).toMatchObject({ stepping: false, phase: 'done' });
    c.advance(30);
    expect(c.api.get<any>('replicasets', 'default', 'web').status).toMatchObject({ replicas: 3, readyReplicas: 3 });
  });

  it('a stopped controller does not step', () => {
    const c = testCluster();
    c.advance(5);
    const rs = c.controllerManager.controller('replicaset-controller')!;
    rs.setStepping(true);
    rs.stop();
    createFromYaml(c, RS(1));
    c.advance(1);
    rs.step();
    expect(rs.state).toBe('stopped');
    expect(rs.stepState.phase).toBeUndefined();
    expect(rs.queue.peekAll()).toEqual(['default/web']);
  });
});
