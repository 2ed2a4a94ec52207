import { describe, expect, it } from 'vitest';
import { ServiceAccountsController } from './serviceaccount';
import { testEnv } from './testenv';

describe('ServiceAccountsController', () => {
  it('creates `default` in every namespace and recreates it after deletion', () => {
    const env = testEnv();
    env.start(new ServiceAccountsController(env.ctx));
    env.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    env.settle();
    const first = env.api.get('serviceaccounts', 'team-a', 'default');
    env.api.delete('serviceaccounts', 'team-a', 'default');
    env.settle();
    const again = env.api.get('serviceaccounts', 'team-a', 'default');
    expect(again.metadata.uid).not.toBe(first.metadata.uid);
    // Other accounts are the user's business.
    env.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'team-a' } });
    env.api.delete('serviceaccounts', 'team-a', 'builder');
    env.settle();
    expect(env.api.tryGet('serviceaccounts', 'team-a', 'builder')).toBeUndefined();
  });

  it('does not create accounts in a terminating namespace', () => {
    const env = testEnv();
    env.start(new ServiceAccountsController(env.ctx));
    env.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'going' } });
    env.settle();
    env.api.delete('namespaces', undefined, 'going');
    env.api.delete('serviceaccounts', 'going', 'default');
    env.settle();
    expect(env.api.tryGet('serviceaccounts', 'going', 'default')).toBeUndefined();
  });
});
