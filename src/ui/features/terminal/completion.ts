// Tab completion for the terminal, as kubectl's bash completion offers it: commands and
// subcommands, flags, resource types, and the names of live objects (from the app's mirror).
// Pure: the caller hands in the objects it knows and the engine's command tree.

import type { CommandTree } from '../../../cli/kubectl';

export interface CompletionSource {
  /** Object names by resource (plural), optionally restricted to a namespace. */
  names(resource: string, namespace: string | undefined): string[];
  namespaces(): string[];
  /** kubectl's commands and flags, from the engine (absent until it has loaded). */
  tree?: CommandTree;
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  from: number;
  /** The candidates for that word (sorted, unique). */
  candidates: string[];
  /** What to put in place of the word: the longest common prefix (+ a space if unique). */
  insert: string;
}

/** Shell words of the terminal itself. */
export const SHELL_COMMANDS = ['clear', 'clusterlab', 'history', 'k', 'kubectl'];

/** Resource types kubectl accepts, with their short names. */
export const RESOURCE_TYPES = [
  'all', 'configmaps', 'cm', 'cronjobs', 'cj', 'daemonsets', 'ds', 'deployments', 'deploy', 'endpoints', 'ep', 'events', 'ev',
  'horizontalpodautoscalers', 'hpa', 'ingresses', 'ing', 'jobs', 'limitranges', 'namespaces', 'ns', 'networkpolicies', 'netpol', 'nodes', 'no',
  'persistentvolumeclaims', 'pvc', 'persistentvolumes', 'pv', 'poddisruptionbudgets', 'pdb', 'pods', 'po', 'replicasets', 'rs',
  'resourcequotas', 'quota', 'roles', 'rolebindings', 'secrets', 'serviceaccounts', 'sa', 'services', 'svc', 'statefulsets', 'sts',
  'storageclasses', 'sc',
];

/** The plural resource behind a type word, for name completion. */
const TYPE_TO_RESOURCE: Record<string, string> = {
  cm: 'configmaps', configmap: 'configmaps', cj: 'cronjobs', cronjob: 'cronjobs', ds: 'daemonsets', daemonset: 'daemonsets',
  deploy: 'deployments', deployment: 'deployments', ep: 'endpoints', ev: 'events', event: 'events', job: 'jobs', ns: 'namespaces',
  namespace: 'namespaces', no: 'nodes', node: 'nodes', po: 'pods', pod: 'pods', rs: 'replicasets', replicaset: 'replicasets',
  svc: 'services', service: 'services', sts: 'statefulsets', statefulset: 'statefulsets',
};

export function resourceOf(type: string): string {
  const t = type.toLowerCase();
  return TYPE_TO_RESOURCE[t] ?? t;
}

/** Commands whose first argument is a resource type (then names). */
const TAKES_TYPE = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'expose', 'explain', 'patch', 'wait', 'autoscale', 'history', 'status', 'undo', 'restart', 'pause', 'resume']);
/** Commands whose argument is a node name or a pod name. */
const TAKES_NODE = new Set(['cordon', 'uncordon', 'drain', 'taint', 'node', 'node-shell']);
const TAKES_POD = new Set(['logs', 'exec', 'attach', 'port-forward', 'pod']);

/** Split into words (no quote handling needed for completion: kubectl words rarely quote). */
function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w !== '');
}

function commonPrefix(list: string[]): string {
  if (list.length === 0) return '';
  let p = list[0];
  for (const s of list) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Inside a container or node shell: complete the command word from the names that shell knows. */
export function completeCommandWord(line: string, cursor: number, names: readonly string[]): Completion {
  const before = line.slice(0, cursor);
  const from = before.search(/\S*$/);
  const word = before.slice(from);
  const first = before.slice(0, from).trim() === '' || /(\|\||&&|;|\|)\s*$/.test(before.slice(0, from));
  const candidates = first ? [...new Set(names.filter((n) => n.startsWith(word)))].sort() : [];
  const prefix = commonPrefix(candidates);
  const insert = candidates.length === 1 ? prefix + ' ' : prefix.length > word.length ? prefix : word;
  return { from, candidates, insert };
}

/** Complete the word before `cursor` in `line`. */
export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  const before = line.slice(0, cursor);
  const from = before.search(/\S*$/);
  const word = before.slice(from);
  const prev = words(before.slice(0, from));
  let options: string[];
  if (prev.length === 0) {
    options = SHELL_COMMANDS;
  } else if (prev[0] !== 'kubectl' && prev[0] !== 'k') {
    options = [];
  } else {
    options = kubectlOptions(prev.slice(1), word, src);
  }
  const candidates = [...new Set(options.filter((o) => o.startsWith(word)))].sort();
  const prefix = commonPrefix(candidates);
  const insert = candidates.length === 1 ? (prefix.endsWith('=') || prefix.endsWith('/') ? prefix : prefix + ' ') : prefix.length > word.length ? prefix : word;
  return { from, candidates, insert };
}

function kubectlOptions(args: string[], word: string, src: CompletionSource): string[] {
  // The namespace the line asks for, for name completion.
  let namespace: string | undefined = 'default';
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--namespace') namespace = args[++i];
    else if (a.startsWith('--namespace=')) namespace = a.slice(12);
    else if (a.startsWith('-n') && a.length > 2) namespace = a.slice(2);
    else if (a === '-A' || a === '--all-namespaces') namespace = undefined;
    else if (!a.startsWith('-')) positional.push(a);
  }
  const last = args[args.length - 1];
  if (last === '-n' || last === '--namespace') return src.namespaces();
  if (last === '-o' || last === '--output') return ['json', 'yaml', 'wide', 'name', 'jsonpath=', 'custom-columns='];
  const tree = src.tree;
  if (!tree) return [];
  // Walk the subcommands the line names: `rollout status`, `create deployment`, `top pod`.
  let path = '';
  let depth = 0;
  while (depth < positional.length && tree.subcommands[path]?.includes(positional[depth])) {
    path = path ? `${path} ${positional[depth]}` : positional[depth];
    depth++;
  }
  if (word.startsWith('-')) return tree.flags[path] ?? tree.flags[''] ?? [];
  if (depth === positional.length && tree.subcommands[path]) return tree.subcommands[path];
  if (path === '') return [];
  const verb = path.split(' ').at(-1)!;
  const rest = positional.slice(depth);
  if (TAKES_NODE.has(verb)) return src.names('nodes', undefined);
  // `kubectl debug node/<node>` (or a pod).
  if (verb === 'debug') return [...src.names('nodes', undefined).map((n) => `node/${n}`), ...src.names('pods', namespace)];
  if (TAKES_POD.has(verb)) return src.names('pods', namespace);
  if (!TAKES_TYPE.has(verb)) return [];
  // `get deploy/we<Tab>`: names after a type/ prefix.
  const slash = word.indexOf('/');
  if (slash > 0) {
    const type = word.slice(0, slash);
    return src.names(resourceOf(type), resourceOf(type) === 'nodes' || resourceOf(type) === 'namespaces' ? undefined : namespace).map((n) => `${type}/${n}`);
  }
  if (rest.length === 0) return RESOURCE_TYPES;
  const resource = resourceOf(rest[0]);
  return src.names(resource, resource === 'nodes' || resource === 'namespaces' ? undefined : namespace);
}
