// The in-browser kubectl's kubeconfig: kept in memory (there is no ~/.kube/config in a tab),
// shaped like the file `npm run cluster` writes, with one cluster, context and user named for
// Clusterlab. `config use-context` and `config set-context` change it for later commands.

export interface NamedCluster {
  name: string;
  cluster: { server: string; [k: string]: unknown };
}
export interface NamedContext {
  name: string;
  context: { cluster: string; user: string; namespace?: string; [k: string]: unknown };
}
export interface NamedUser {
  name: string;
  user: { token?: string; [k: string]: unknown };
}

export interface KubeConfig {
  clusters: NamedCluster[];
  contexts: NamedContext[];
  users: NamedUser[];
  currentContext: string;
  preferences: Record<string, unknown>;
}

export const CLUSTERLAB = 'clusterlab';

/** The same kubeconfig as src/server/kubeconfig.ts writes for real kubectl. */
export function defaultKubeConfig(server: string): KubeConfig {
  return {
    clusters: [{ name: CLUSTERLAB, cluster: { server } }],
    contexts: [{ name: CLUSTERLAB, context: { cluster: CLUSTERLAB, user: 'clusterlab-admin', namespace: 'default' } }],
    users: [{ name: 'clusterlab-admin', user: { token: 'clusterlab-dummy-token' } }],
    currentContext: CLUSTERLAB,
    preferences: {},
  };
}

/** What the global flags override (--context, --cluster, --user, --namespace, --server). */
export interface ConfigOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
}

/** The effective client configuration after overrides (clientcmd's DirectClientConfig). */
export interface ClientConfig {
  contextName: string;
  context: NamedContext['context'] | undefined;
  cluster: NamedCluster | undefined;
  server: string;
  namespace: string;
  /** The namespace came from --namespace (not from the context). */
  explicitNamespace: boolean;
}

export class ConfigError extends Error {}

export function clientConfig(kc: KubeConfig, o: ConfigOverrides): ClientConfig {
  const contextName = o.context || kc.currentContext;
  const ctx = kc.contexts.find((c) => c.name === contextName);
  if (o.context && !ctx) throw new ConfigError(`context was not found for specified context: ${o.context}`);
  const clusterName = o.cluster || ctx?.context.cluster || '';
  const cluster = kc.clusters.find((c) => c.name === clusterName);
  if (o.cluster && !cluster) throw new ConfigError(`cluster "${o.cluster}" does not exist`);
  const server = o.server || cluster?.cluster.server || '';
  const explicitNamespace = !!o.namespace;
  const namespace = o.namespace || ctx?.context.namespace || 'default';
  return { contextName, context: ctx?.context, cluster, server, namespace, explicitNamespace };
}
