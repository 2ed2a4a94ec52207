// ImageLocality (plugins/imagelocality): favour nodes that already have the pod's images, by
// image size scaled by how many nodes have it (spread), clamped between 23 MB and 1000 MB per
// container. No normalization; weight 1.

import { MAX_NODE_SCORE, type CycleState, type PreScorePlugin, type ScorePlugin, type Status } from '../framework';
import { normalizedImageName, type NodeInfo } from '../nodeinfo';
import type { PodInfo } from '../podinfo';

export const Name = 'ImageLocality';

/** What PreScore computes for a pod: its images, their spread over the nodes, its container count. */
export interface ImageState {
  images: string[];
  spread: number[];
  count: number;
}

const mb = 1024 * 1024;
export const minThreshold = 23 * mb;
export const maxContainerThreshold = 1000 * mb;

/** calculatePriority. */
export function imageScore(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  if (sumScores < minThreshold) sumScores = minThreshold;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (sumScores - minThreshold)) / (maxThreshold - minThreshold));
}

export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = Name;

  constructor(
    /** How many nodes have an image, and how many nodes there are (ImageStateSummary.NumNodes). */
    private readonly imageNodes: (image: string) => number,
    private readonly totalNodes: () => number,
    readonly weight = 1,
  ) {}

  /** Not an upstream extension point for this plugin: it only saves normalizing names per node. */
  preScore(state: CycleState, pod: PodInfo): Status | null {
    const spec = pod.pod.spec;
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    const images = containers.filter((c) => c.image).map((c) => normalizedImageName(c.image!));
    // The spread of each image (nodes having it / all nodes) is the same for every node scored.
    const total = this.totalNodes();
    const spread = images.map((name) => this.imageNodes(name) / total);
    // Pods of one template scored while the image counts stay the same get the same state object,
    // so that each node can answer from its last score (below).
    const last = this.last;
    const same = last && last.count === containers.length && last.images.length === images.length && images.every((n, i) => n === last.images[i] && spread[i] === last.spread[i]);
    state.write(Name, same ? last : (this.last = { images, spread, count: containers.length }));
    return null;
  }

  private last?: ImageState;

  score(state: CycleState, _: PodInfo, node: NodeInfo): number {
    const s = state.read<ImageState>(Name)!;
    if (node.images.size === 0) return imageScore(0, s.count);
    // The score depends only on this state and the node's images (a map replaced, never changed,
    // when the node's status changes): thousands of pods in a row are scored on the same nodes.
    const memo = node.imageScore;
    if (memo && memo.state === s && memo.images === node.images) return memo.score;
    let sum = 0;
    for (let i = 0; i < s.images.length; i++) {
      const size = node.images.get(s.images[i]);
      if (size === undefined) continue;
      // scaledImageScore: size * (nodes having it / all nodes).
      sum += Math.trunc(size * s.spread[i]);
    }
    const score = imageScore(sum, s.count);
    if (memo) {
      memo.state = s;
      memo.images = node.images;
      memo.score = score;
    } else node.imageScore = { state: s, images: node.images, score };
    return score;
  }
}
