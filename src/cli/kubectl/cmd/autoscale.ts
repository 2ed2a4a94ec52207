// `kubectl autoscale (TYPE NAME | TYPE/NAME) --max=N [--min=N] [--cpu-percent=N]`
// (kubectl/pkg/cmd/autoscale): kubectl 1.32 generates an autoscaling/v1 HorizontalPodAutoscaler,
// `horizontalpodautoscaler.autoscaling/web autoscaled`.
//
// The simulated API server stores HorizontalPodAutoscalers as autoscaling/v2; like kube-apiserver
// (and Clusterlab's HTTP server for a real kubectl) the engine converts what kubectl sends
// (targetCPUUtilizationPercentage becomes a cpu Utilization metric) and the answer back for -o.

import { hpaV1ToV2, hpaV2ToV1 } from '../../../sim/api/hpaversions';
import { resourceForKind, type ResourceInfo } from '../../../sim/api/registry';
import type { KubeObject } from '../../../sim/api/types';
import type { Command, RunContext } from '../command';
import type { Env } from '../env';
import { AggregateError, KubectlError } from '../errors';
import type { FlagDef } from '../flags';
import { build } from '../resources';
import { dryRunStrategy, GENERATOR_FLAGS, generatedPrinter, printResult } from './generated';

type Obj = Record<string, unknown>;

const FLAGS: FlagDef[] = [
  ...GENERATOR_FLAGS,
  { name: 'min', type: 'int32', default: -1, usage: 'The lower limit for the number of pods that can be set by the autoscaler. If it\'s not specified or negative, the server will apply a default value.' },
  { name: 'max', type: 'int32', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
  { name: 'cpu-percent', type: 'int32', default: -1, usage: 'The target average CPU utilization (represented as a percent of requested CPU) over all the pods.' },
  { name: 'name', type: 'string', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-autoscale', usage: 'Name of the manager used to track field ownership.' },
  { name: 'filename', shorthand: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to autoscale.' },
  { name: 'kustomize', shorthand: 'k', type: 'string', usage: 'Process the kustomization directory.' },
  { name: 'recursive', shorthand: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively.' },
  { name: 'record', type: 'bool', usage: 'Record current kubectl command in the resource annotation.' },
];

export function autoscaleCommand(env: Env): Command {
  return {
    name: 'autoscale',
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    use: '(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
    flags: FLAGS,
    validateArgs: () => {},
    run: (ctx) => runAutoscale(env, ctx),
  };
}

function runAutoscale(env: Env, ctx: RunContext): void {
  const f = ctx.flags;
  const cfg = env.config(f);
  if (!f.isChanged('max')) throw new KubectlError('required flag(s) "max" not set');
  const dryRun = dryRunStrategy(env, f.string('dry-run'));
  const printer = generatedPrinter(env, f);
  const min = f.int('min');
  const max = f.int('max');
  const cpu = f.int('cpu-percent');
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  if (f.strings('filename').length || f.string('kustomize')) throw new KubectlError('kubectl autoscale -f is not available in Clusterlab\'s terminal yet');
  const result = build(env, { namespace: cfg.namespace, allNamespaces: false, args: ctx.args });
  if (result.errors.length) throw result.errors.length === 1 ? result.errors[0] : new AggregateError(result.errors);
  const hpaInfo = resourceForKind('autoscaling/v2', 'HorizontalPodAutoscaler') as ResourceInfo;
  let count = 0;
  for (const info of result.infos) {
    for (const o of info.object ? [info.object] : info.list?.items ?? []) {
      count++;
      const m = info.mapping;
      if (!m.subresources.includes('scale')) throw new KubectlError(`cannot autoscale a ${m.kind}: could not find scale subresource for ${m.group}/${m.version}, Resource=${m.resource} in discovery information`);
      const spec: Obj = { scaleTargetRef: { kind: m.kind, name: o.metadata.name, apiVersion: m.group ? `${m.group}/${m.version}` : m.version } };
      if (min > 0) spec.minReplicas = min;
      spec.maxReplicas = max;
      if (cpu >= 0) spec.targetCPUUtilizationPercentage = cpu;
      const hpa: Obj = {
        kind: 'HorizontalPodAutoscaler',
        apiVersion: 'autoscaling/v1',
        metadata: { name: f.string('name') || o.metadata.name, creationTimestamp: null },
        spec,
        status: { currentReplicas: 0, desiredReplicas: 0 },
      };
      let out = hpa;
      if (dryRun === 'client') {
        if (f.isChanged('namespace')) (hpa.metadata as Obj).namespace = cfg.namespace;
      } else {
        const created = env.api.create(hpaInfo, hpaV1ToV2(hpa) as unknown as KubeObject, {
          namespace: cfg.namespace,
          dryRun: dryRun === 'server',
          decode: true,
          fieldManager: f.string('field-manager'),
          actor: 'kubectl',
        });
        env.settle();
        out = hpaV2ToV1(created as unknown as Obj);
      }
      // kubectl's client-side dry run prints with the generic `created` operation.
      printResult(env, f, printer, out, dryRun === 'client' ? 'created' : 'autoscaled', dryRun);
    }
  }
  if (count === 0) throw new KubectlError('no objects passed to autoscale');
}
