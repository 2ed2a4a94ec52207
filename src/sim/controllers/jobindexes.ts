// Completion indexes of Indexed Jobs: the `batch.kubernetes.io/job-completion-index` annotation
// and the compact interval text of status.completedIndexes (`0-2,4,7-9`), as in
// pkg/controller/job/indexed_job_utils.go.

import type { Pod } from '../api/types';

export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

/** The pod's completion index, or -1 when it has none or it is not a number. */
export function completionIndex(pod: Pod): number {
  const v = pod.metadata.annotations?.[JOB_COMPLETION_INDEX];
  if (v === undefined || !/^\d+$/.test(v)) return -1;
  return Number(v);
}

/** Parse `0-2,4` into sorted indexes below `completions` (invalid parts are skipped, as upstream logs and skips them). */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const first = Number(m[1]);
    const last = Math.min(m[2] !== undefined ? Number(m[2]) : first, completions - 1);
    for (let i = first; i <= last; i++) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Format sorted, distinct indexes as intervals. */
export function formatIndexes(sorted: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** podGenerateNameWithIndex: `<job>-<index>-`, the job name cut so the generated name stays valid. */
export function generateNameWithIndex(jobName: string, index: number): string {
  const append = `-${index}-`;
  const max = 58; // validation.maxGeneratedNameLength: 63 minus the 5 random characters
  const prefix = jobName.length + append.length > max ? jobName.slice(0, max - append.length) : jobName;
  return `${prefix}${append}`;
}
