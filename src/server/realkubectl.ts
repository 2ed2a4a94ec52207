// For tests that run the real kubectl: the 1.32 client installed next to the `kubectl` dispatcher
// on PATH (see shared/KUBECTL-API.md), or undefined when it is not installed.

import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findKubectl(version = '1.32'): string | undefined {
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    const bin = join(dirname(realpathSync(onPath)), `kubectl.${version}`);
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}
