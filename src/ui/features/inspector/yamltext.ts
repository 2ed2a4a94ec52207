// An object's YAML as `kubectl get -o yaml` prints it. Its own module because the yaml library is
// loaded on demand: the first screen does not need it.

import { stringify } from 'yaml';
import type { KubeObject } from '../../../sim/api/types';
import { withoutManagedFields } from './inspect';

export function objectYaml(obj: KubeObject): string {
  return stringify(withoutManagedFields(obj), { lineWidth: 0 });
}
