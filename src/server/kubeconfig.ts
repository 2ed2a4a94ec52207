// The kubeconfig `npm run cluster` writes: one cluster, context and user, all named for Clusterlab.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export function kubeconfigYaml(server: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'clusterlab', cluster: { server } }],
    contexts: [{ name: 'clusterlab', context: { cluster: 'clusterlab', user: 'clusterlab-admin', namespace: 'default' } }],
    'current-context': 'clusterlab',
    preferences: {},
    // The server does no authentication; kubectl wants a credential all the same.
    users: [{ name: 'clusterlab-admin', user: { token: 'clusterlab-dummy-token' } }],
  });
}

export function writeKubeconfig(path: string, server: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(server), { mode: 0o600 });
}
