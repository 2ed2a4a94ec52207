// The `kubectl` root command: its global flags and every subcommand of kubectl 1.32, in the order
// kubectl registers them (the order "Did you mean this?" lists suggestions in). Commands this
// engine does not implement yet still exist, so typing them is not an "unknown command".

import { helpText, linkTree, type Command } from './command';
import type { Env } from './env';
import { KubectlError } from './errors';
import type { FlagDef } from './flags';
import { applyCommand } from './cmd/apply';
import { deleteCommand } from './cmd/delete';
import { cordonCommand } from './cmd/cordon';
import { scaleCommand } from './cmd/scale';
import { labelCommand } from './cmd/label';
import { taintCommand } from './cmd/taint';
import { logsCommand } from './cmd/logs';
import { describeCommand } from './cmd/describe';
import { eventsCommand } from './cmd/events';
import { explainCommand } from './cmd/explain';
import { topCommand } from './cmd/top';
import { authCommand } from './cmd/auth';
import { setCommand } from './cmd/set';
import { apiResourcesCommand, apiVersionsCommand } from './cmd/apiresources';
import { clusterInfoCommand } from './cmd/clusterinfo';
import { configCommand } from './cmd/config';
import { createCommand } from './cmd/create';
import { getCommand } from './cmd/get';
import { autoscaleCommand } from './cmd/autoscale';
import { diffCommand } from './cmd/diff';
import { drainCommand } from './cmd/drain';
import { editCommand } from './cmd/edit';
import { exposeCommand } from './cmd/expose';
import { patchCommand } from './cmd/patch';
import { replaceCommand } from './cmd/replace';
import { rolloutCommand } from './cmd/rollout';
import { runCommand } from './cmd/run';
import { waitCommand } from './cmd/wait';
import { debugCommand, execCommand, nodeShellCommand, portForwardCommand } from './cmd/exec';
import { versionCommand } from './cmd/version';

export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'as', type: 'string', usage: 'Username to impersonate for the operation.' },
  { name: 'as-group', type: 'stringArray', usage: 'Group to impersonate for the operation.' },
  { name: 'as-uid', type: 'string', usage: 'UID to impersonate for the operation.' },
  { name: 'cache-dir', type: 'string', usage: 'Default cache directory' },
  { name: 'certificate-authority', type: 'string', usage: 'Path to a cert file for the certificate authority' },
  { name: 'client-certificate', type: 'string', usage: 'Path to a client certificate file for TLS' },
  { name: 'client-key', type: 'string', usage: 'Path to a client key file for TLS' },
  { name: 'cluster', type: 'string', usage: 'The name of the kubeconfig cluster to use' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'disable-compression', type: 'bool', usage: 'If true, opt-out of response compression for all requests to the server' },
  { name: 'insecure-skip-tls-verify', type: 'bool', usage: "If true, the server's certificate will not be checked for validity." },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'log-flush-frequency', type: 'duration', default: '5s', usage: 'Maximum number of seconds between log flushes' },
  { name: 'match-server-version', type: 'bool', usage: 'Require server version to match client version' },
  { name: 'namespace', shorthand: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'password', type: 'string', usage: 'Password for basic authentication to the API server' },
  { name: 'profile', type: 'string', default: 'none', usage: 'Name of profile to capture.' },
  { name: 'profile-output', type: 'string', default: 'profile.pprof', usage: 'Name of the file to write the profile to' },
  { name: 'request-timeout', type: 'string', default: '0', usage: 'The length of time to wait before giving up on a single server request.' },
  { name: 'server', shorthand: 's', type: 'string', usage: 'The address and port of the Kubernetes API server' },
  { name: 'tls-server-name', type: 'string', usage: 'Server name to use for server certificate validation.' },
  { name: 'token', type: 'string', usage: 'Bearer token for authentication to the API server' },
  { name: 'user', type: 'string', usage: 'The name of the kubeconfig user to use' },
  { name: 'username', type: 'string', usage: 'Username for basic authentication to the API server' },
  { name: 'v', shorthand: 'v', type: 'int32', usage: 'number for the log level verbosity' },
  { name: 'vmodule', type: 'string', usage: 'comma-separated list of pattern=N settings for file-filtered logging' },
  { name: 'warnings-as-errors', type: 'bool', usage: 'Treat warnings received from the server as errors and exit with a non-zero exit code' },
];

/** A kubectl command this engine does not run yet: it exists, and says so when used. */
function notYet(name: string, short: string, extra: Partial<Command> = {}): Command {
  return {
    name,
    short,
    ...extra,
    validateArgs: () => {},
    run: () => {
      throw new KubectlError(`"kubectl ${name}" is not available in Clusterlab's terminal yet`);
    },
  };
}

export function rootCommand(env: Env): Command {
  const root: Command = {
    name: 'kubectl',
    short: 'kubectl controls the Kubernetes cluster manager',
    persistentFlags: GLOBAL_FLAGS,
    commands: [
      // Basic Commands (Beginner)
      createCommand(env),
      exposeCommand(env),
      runCommand(env),
      setCommand(env),
      // Basic Commands (Intermediate)
      explainCommand(env),
      getCommand(env),
      editCommand(env),
      deleteCommand(env),
      // Deploy Commands
      rolloutCommand(env),
      scaleCommand(env),
      autoscaleCommand(env),
      // Cluster Management Commands
      notYet('certificate', 'Modify certificate resources'),
      clusterInfoCommand(env),
      topCommand(env),
      cordonCommand(env, 'cordon'),
      cordonCommand(env, 'uncordon'),
      drainCommand(env),
      taintCommand(env),
      // Troubleshooting and Debugging Commands
      describeCommand(env),
      logsCommand(env),
      notYet('attach', 'Attach to a running container'),
      execCommand(env),
      portForwardCommand(env),
      notYet('proxy', 'Run a proxy to the Kubernetes API server'),
      notYet('cp', 'Copy files and directories to and from containers'),
      authCommand(env),
      debugCommand(env),
      eventsCommand(env),
      // Advanced Commands
      diffCommand(env),
      applyCommand(env),
      patchCommand(env),
      replaceCommand(env),
      waitCommand(env),
      notYet('kustomize', 'Build a kustomization target from a directory or URL'),
      // Settings Commands
      labelCommand(env, 'label'),
      labelCommand(env, 'annotate'),
      notYet('completion', 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'),
      // Other Commands
      notYet('alpha', 'Commands for features in alpha', { hidden: true }),
      apiResourcesCommand(env),
      apiVersionsCommand(env),
      configCommand(env),
      notYet('plugin', 'Provides utilities for interacting with plugins'),
      versionCommand(env),
      notYet('options', 'Print the list of flags inherited by all commands', { hidden: true }),
      // The kubectl-node_shell plugin (kvaps/kubectl-node-shell), as if installed on the PATH.
      nodeShellCommand(env),
      {
        name: 'help',
        short: 'Help about any command',
        validateArgs: () => {},
        run: (ctx) => {
          let c: Command = root;
          for (const a of ctx.args) c = (c.commands ?? []).find((s) => s.name === a) ?? c;
          env.out(helpText(c));
        },
      },
    ],
    run: (ctx) => env.out(helpText(ctx.cmd)),
  };
  return linkTree(root);
}
