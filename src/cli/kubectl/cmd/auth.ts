// `kubectl auth can-i VERB RESOURCE [NAME]` and `auth whoami`: the terminal's user is the cluster
// admin (clusterlab-admin in system:masters), so the API server's answer, the one
// src/server/resources.ts gives real kubectl, is always "yes" (kubectl asks with a
// SelfSubjectAccessReview; --list with a SelfSubjectRulesReview; whoami with a SelfSubjectReview).

import { defaultSubCommandRun, type Command } from '../command';
import type { Env } from '../env';
import { KubectlError } from '../errors';
import { mappingFor } from '../resources';
import { tabulate } from '../tabwriter';

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
          if (ctx.flags.bool('list')) {
            // The rules review of a cluster admin: every verb on every resource and URL.
            const rows = [['*.*', '[]', '[]', '[*]'], ['', '[*]', '[]', '[*]']];
            if (!ctx.flags.bool('no-headers')) rows.unshift(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
            env.out(tabulate(rows.map((r) => r.join('\t') + '\n').join('')));
            return;
          }
          if (ctx.args.length < 2) throw new KubectlError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
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
      {
        name: 'whoami',
        short: 'Experimental: Check self subject attributes',
        validateArgs: () => {},
        run: () => {
          env.out(tabulate('ATTRIBUTE\tVALUE\nUsername\tclusterlab-admin\nGroups\t[system:masters system:authenticated]\n'));
        },
      },
    ],
  };
}
