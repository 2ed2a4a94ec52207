// `kubectl auth can-i VERB RESOURCE [NAME]`: the terminal's user is the cluster admin, so the
// answer is always "yes" (kubectl asks the server with a SelfSubjectAccessReview).

import { defaultSubCommandRun, type Command } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import { mappingFor } from '../resources';

export function authCommand(env: Env): Command {
  return {
    name: 'auth',
    short: 'Inspect authorization',
    run: defaultSubCommandRun((s) => env.err(s)),
    commands: [
      {
        name: 'can-i',
        short: 'Check whether an action is allowed',
        use: 'VERB [TYPE | TYPE/NAME | NONRESOURCEURL]',
        flags: [
          { name: 'all-namespaces', shorthand: 'A', type: 'bool', usage: 'If true, check the specified action in all namespaces.' },
          { name: 'list', type: 'bool', usage: 'If true, prints all allowed actions.' },
          { name: 'no-headers', type: 'bool', usage: 'If true, prints allowed actions without headers' },
          { name: 'quiet', shorthand: 'q', type: 'bool', usage: 'If true, suppress output and just return the exit code.' },
          { name: 'subresource', type: 'string', usage: 'SubResource such as pod/log or deployment/scale' },
        ],
        validateArgs: () => {},
        run: (ctx) => {
          if (ctx.flags.bool('list')) throw new KubectlError('auth can-i --list is not available in Clusterlab\'s terminal yet');
          if (ctx.args.length < 2) throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples");
          const target = ctx.args[1];
          if (!target.startsWith('/')) {
            const type = target.split('/')[0];
            if (type !== '*') {
              try {
                mappingFor(type);
              } catch {
                env.err(`Warning: the server doesn't have a resource type '${type}'\n\n`);
              }
            }
          }
          if (!ctx.flags.bool('quiet')) env.out('yes\n');
        },
      },
    ],
  };
}
