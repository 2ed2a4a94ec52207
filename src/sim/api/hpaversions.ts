// autoscaling/v1 HorizontalPodAutoscalers, served by converting to and from the stored
// autoscaling/v2 objects as kube-apiserver does (kubectl 1.32's `autoscale` writes v1). v1 has
// only the cpu utilization target: other v2 metrics do not show through v1 (kube-apiserver keeps
// them in an annotation; not modelled).

import { RESOURCES, type ResourceInfo } from './registry';

type Obj = Record<string, unknown>;

const V2 = RESOURCES.find((r) => r.group === 'autoscaling' && r.kind === 'HorizontalPodAutoscaler')!;

/** The autoscaling/v1 view of the horizontalpodautoscalers resource (not in RESOURCES: the store keys objects by plural name). */
export const HPA_V1: ResourceInfo = { ...V2, version: 'v1' };
export const HPA_V2: ResourceInfo = V2;

/** autoscaling/v1 to v2, as the API server converts on write. */
export function hpaV1ToV2(v1: Obj): Obj {
  const spec = (v1.spec ?? {}) as { scaleTargetRef?: Obj; minReplicas?: number; maxReplicas?: number; targetCPUUtilizationPercentage?: number };
  const v2spec: Obj = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) v2spec.minReplicas = spec.minReplicas;
  v2spec.maxReplicas = spec.maxReplicas;
  if (spec.targetCPUUtilizationPercentage !== undefined) {
    v2spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } }];
  }
  const { status: _status, ...rest } = v1;
  void _status;
  return { ...rest, apiVersion: 'autoscaling/v2', spec: v2spec };
}

/** autoscaling/v2 to v1 (the cpu Utilization metric becomes targetCPUUtilizationPercentage). */
export function hpaV2ToV1(v2: Obj): Obj {
  const spec = (v2.spec ?? {}) as { scaleTargetRef?: Obj; minReplicas?: number; maxReplicas?: number; metrics?: { type: string; resource?: { name: string; target?: { type: string; averageUtilization?: number } } }[] };
  const status = (v2.status ?? {}) as { observedGeneration?: number; lastScaleTime?: string; currentReplicas?: number; desiredReplicas?: number; currentMetrics?: { type: string; resource?: { name: string; current?: { averageUtilization?: number } } }[] };
  const cpu = spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.type === 'Utilization');
  const v1spec: Obj = { scaleTargetRef: spec.scaleTargetRef };
  if (spec.minReplicas !== undefined) v1spec.minReplicas = spec.minReplicas;
  v1spec.maxReplicas = spec.maxReplicas;
  if (cpu?.resource?.target?.averageUtilization !== undefined) v1spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const v1status: Obj = {};
  if (status.observedGeneration !== undefined) v1status.observedGeneration = status.observedGeneration;
  if (status.lastScaleTime !== undefined) v1status.lastScaleTime = status.lastScaleTime;
  v1status.currentReplicas = status.currentReplicas ?? 0;
  v1status.desiredReplicas = status.desiredReplicas ?? 0;
  const currentCpu = status.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  if (currentCpu?.resource?.current?.averageUtilization !== undefined) v1status.currentCPUUtilizationPercentage = currentCpu.resource.current.averageUtilization;
  return { ...v2, apiVersion: 'autoscaling/v1', spec: v1spec, status: v1status };
}

/** A v2 list as an autoscaling/v1 HorizontalPodAutoscalerList. */
export function hpaListV2ToV1(list: { metadata?: unknown; items: unknown[] }): Obj {
  return { kind: 'HorizontalPodAutoscalerList', apiVersion: 'autoscaling/v1', metadata: list.metadata ?? {}, items: list.items.map((o) => hpaV2ToV1(o as Obj)) };
}
