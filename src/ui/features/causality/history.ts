// The app's ProvenanceIndex: one per mirror, fed from the first trace batch on, so that chains
// can name who made an object long after the mirror's short trace ring has moved on.

import { useMirror } from '../../cluster/hooks';
import type { ClusterMirror } from '../../cluster/mirror';
import { ProvenanceIndex } from './provenance';

const indexes = new WeakMap<ClusterMirror, ProvenanceIndex>();

/** Start recording the mirror's trace (call before it connects); returns its index. */
export function trackProvenance(mirror: ClusterMirror): ProvenanceIndex {
  let index = indexes.get(mirror);
  if (index) return index;
  index = new ProvenanceIndex();
  index.addAll(mirror.trace);
  indexes.set(mirror, index);
  const i = index;
  mirror.onTrace((events) => i.addAll(events));
  return index;
}

export function useProvenance(): ProvenanceIndex {
  return trackProvenance(useMirror());
}
