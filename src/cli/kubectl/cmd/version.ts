// `kubectl version`: the client this engine stands in for (kubectl v1.32.5, the binary the parity
// test compares with) and the simulated API server's /version.

import type { Command } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import { toGoYaml } from '../printers/goyaml';

/** `kubectl.1.32 version --client -o json`, field for field. */
export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};
export const KUSTOMIZE_VERSION = 'v5.5.0';

/** GET /version of the simulated server (src/server/discovery.ts versionInfo answers the same). */
export function serverVersion(kubernetesVersion: string): Record<string, string> {
  const v = kubernetesVersion.replace(/^v/, '');
  const [major, minor] = v.split('.');
  return {
    major,
    minor,
    gitVersion: `v${v}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-07-15T18:40:32Z',
    goVersion: 'go1.23.10',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function versionCommand(env: Env): Command {
  return {
    name: 'version',
    short: 'Print the client and server version information',
    use: '[flags]',
    flags: [
      { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
      { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
    ],
    validateArgs: (ctx) => {
      if (ctx.args.length) throw new KubectlError(`extra arguments: [${ctx.args.join(' ')}]`);
    },
    run: (ctx) => {
      const output = ctx.flags.string('output');
      if (output !== '' && output !== 'yaml' && output !== 'json') throw new KubectlError("--output must be 'yaml' or 'json'");
      const client = ctx.flags.bool('client');
      const info: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
      if (!client) info.serverVersion = serverVersion(env.cluster.spec.kubernetesVersion);
      switch (output) {
        case '':
          env.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
          if (!client) env.out(`Server Version: ${(info.serverVersion as Record<string, string>).gitVersion}\n`);
          break;
        case 'yaml':
          env.out(toGoYaml(info) + '\n');
          break;
        case 'json':
          // json.MarshalIndent of the Version struct: field order, two spaces.
          env.out(JSON.stringify(info, null, 2) + '\n');
          break;
      }
    },
  };
}
