// The default-scheduler profile (apis/config/v1/default_plugins.go, 1.32): which plugins run at
// each extension point, in order, with their score weights; and the framework calls that run them
// (RunPreFilterPlugins, RunFilterPlugins, RunFilterPluginsWithNominatedPods).

import type { Random } from '../random';
import type { SchedulerCache } from './cache';
import { hasPreFilter, hasPreScore, type CycleState, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin, type Status } from './framework';
import type { NodeInfo } from './nodeinfo';
import type { PodInfo } from './podinfo';
import type { SchedulingQueue } from './queue';
import { BalancedAllocation } from './plugins/balancedallocation';
import { DefaultPreemption } from './plugins/defaultpreemption';
import { ImageLocality } from './plugins/imagelocality';
import { InterPodAffinity } from './plugins/interpodaffinity';
import { NodeAffinity } from './plugins/nodeaffinity';
import { NodeName } from './plugins/nodename';
import { NodePorts } from './plugins/nodeports';
import { NodeResourcesFit } from './plugins/noderesourcesfit';
import { NodeUnschedulable } from './plugins/nodeunschedulable';
import { NodeVolumeLimits } from './plugins/nodevolumelimits';
import { PodTopologySpread, type DefaultSelectorFn } from './plugins/podtopologyspread';
import { TaintToleration } from './plugins/tainttoleration';
import { VolumeBinding } from './plugins/volumebinding';
import { VolumeRestrictions } from './plugins/volumerestrictions';
import type { VolumeListers } from './plugins/volumes';
import { VolumeZone } from './plugins/volumezone';

export const SCHEDULER_NAME = 'default-scheduler';

const ACTIVE_FILTERS = 'framework/activeFilterPlugins';

export interface ProfileDeps {
  cache: SchedulerCache;
  queue: SchedulingQueue;
  random: Random;
  volumes: VolumeListers;
  defaultSelector: DefaultSelectorFn;
}

export interface PreFilterOutcome {
  /** A rejection (with its plugin), or an error. */
  status?: Status;
  /** Nodes a PreFilter narrowed the search to. */
  nodeNames?: Set<string>;
  /** Plugins that narrowed the nodes (for the absent nodes' message). */
  narrowedBy: string[];
}

export class Profile {
  readonly filterPlugins: FilterPlugin[];
  readonly preFilterPlugins: PreFilterPlugin[];
  readonly scorePlugins: ScorePlugin[];
  readonly preScorePlugins: PreScorePlugin[];
  readonly preemption: DefaultPreemption;

  constructor(private readonly deps: ProfileDeps) {
    const { cache } = deps;
    const taints = new TaintToleration(3);
    const nodeAffinity = new NodeAffinity(2);
    const fit = new NodeResourcesFit(1);
    const spread = new PodTopologySpread(cache, deps.defaultSelector, 2);
    const interPod = new InterPodAffinity(cache, 2);
    this.filterPlugins = [
      new NodeUnschedulable(),
      new NodeName(),
      taints,
      nodeAffinity,
      new NodePorts(),
      fit,
      new VolumeRestrictions(),
      new NodeVolumeLimits(),
      new VolumeBinding(deps.volumes),
      new VolumeZone(deps.volumes),
      spread,
      interPod,
    ];
    this.scorePlugins = [
      taints,
      nodeAffinity,
      fit,
      spread,
      interPod,
      new BalancedAllocation(1),
      new ImageLocality((img) => cache.imageNodes.get(img) ?? 0, () => cache.nodes.length, 1),
    ];
    this.preFilterPlugins = this.filterPlugins.filter(hasPreFilter);
    this.preScorePlugins = this.scorePlugins.filter(hasPreScore);
    this.preemption = new DefaultPreemption({ snapshot: cache, random: deps.random, runFilters: (s, p, n) => this.runFiltersWithNominatedPods(s, p, n) });
  }

  /** RunPreFilterPlugins: the first rejection stops; Skip marks the plugin's Filter as skipped. */
  runPreFilter(state: CycleState, pod: PodInfo): PreFilterOutcome {
    let nodeNames: Set<string> | undefined;
    const narrowedBy: string[] = [];
    for (const p of this.preFilterPlugins) {
      const r = p.preFilter(state, pod, this.deps.cache);
      const s = r?.status;
      if (s?.code === 'Skip') {
        state.skipFilter.add(p.name);
        continue;
      }
      if (s && s.code !== 'Success') return { status: { ...s, plugin: p.name }, narrowedBy };
      if (r?.result?.nodeNames) {
        nodeNames = nodeNames ? new Set([...nodeNames].filter((n) => r.result!.nodeNames!.has(n))) : r.result.nodeNames;
        narrowedBy.push(p.name);
      }
    }
    return { nodeNames, narrowedBy };
  }

  /** The filter plugins PreFilter did not skip, computed once per cycle. */
  activeFilters(state: CycleState): FilterPlugin[] {
    let plugins = state.read<FilterPlugin[]>(ACTIVE_FILTERS);
    if (!plugins) {
      plugins = this.filterPlugins.filter((p) => !state.skipFilter.has(p.name));
      state.write(ACTIVE_FILTERS, plugins);
    }
    return plugins;
  }

  /** Whether any pod is nominated to a node (RunFilterPluginsWithNominatedPods has work). */
  hasNominatedPods(): boolean {
    return this.deps.queue.hasNominatedPods;
  }

  /** RunFilterPlugins: stop at the first plugin that rejects the node. */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    return this.runFilterList(this.activeFilters(state), state, pod, node);
  }

  /** RunFilterPlugins with the cycle's active plugins at hand. */
  runFilterList(plugins: FilterPlugin[], state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    for (let i = 0; i < plugins.length; i++) {
      const p = plugins[i];
      const s = p.filter(state, pod, node);
      if (s) return s.plugin ? s : { ...s, plugin: p.name };
    }
    return null;
  }

  /**
   * RunFilterPluginsWithNominatedPods: pods nominated to this node with priority >= the pod's
   * count as if they were there (they keep the room preemption made for them); the pod must fit
   * with and without them.
   */
  runFiltersWithNominatedPods(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    const nominated = this.deps.queue.hasNominatedPods ? this.deps.queue.nominatedPodsForNode(node.name) : undefined;
    if (!nominated) return this.runFilters(state, pod, node);
    let withNominated: NodeInfo | undefined;
    for (const np of nominated) {
      if (np.uid === pod.uid || np.priority < pod.priority) continue;
      withNominated ??= node.clone();
      withNominated.addPod(np);
    }
    if (!withNominated) return this.runFilters(state, pod, node);
    const first = this.runFilters(state, pod, withNominated);
    if (first) return first;
    return this.runFilters(state, pod, node);
  }
}
