import { describe, expect, it } from 'vitest';
import { DESCRIPTION, DESCRIPTION_ANNOTATION, ROOT_CA_CERT, ROOT_CA_CONFIGMAP, RootCACertPublisher } from './rootcacertpublisher';
import { testEnv } from './testenv';

describe('RootCACertPublisher', () => {
  it('is a PEM certificate, the same every run', () => {
    expect(ROOT_CA_CERT).toMatch(/^-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQ[A-Za-z0-9+/]{44}\n([A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/=]+\n-----END CERTIFICATE-----\n$/);
  });

  it('publishes kube-root-ca.crt in every namespace and puts it back when edited or deleted', () => {
    const env = testEnv();
    env.start(new RootCACertPublisher(env.ctx));
    env.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    env.settle();
    for (const ns of ['default', 'kube-system', 'team-a']) {
      const cm = env.api.get('configmaps', ns, ROOT_CA_CONFIGMAP);
      expect(cm.data).toEqual({ 'ca.crt': ROOT_CA_CERT });
      expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: DESCRIPTION });
    }
    const cm = env.api.get('configmaps', 'team-a', ROOT_CA_CONFIGMAP);
    env.api.update('configmaps', { ...cm, data: { 'ca.crt': 'tampered' } });
    env.settle();
    expect(env.api.get('configmaps', 'team-a', ROOT_CA_CONFIGMAP).data).toEqual({ 'ca.crt': ROOT_CA_CERT });
    env.api.delete('configmaps', 'team-a', ROOT_CA_CONFIGMAP);
    env.settle();
    expect(env.api.get('configmaps', 'team-a', ROOT_CA_CONFIGMAP).data).toEqual({ 'ca.crt': ROOT_CA_CERT });
  });
});
