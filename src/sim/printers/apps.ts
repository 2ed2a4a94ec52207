// Printers for workloads: apps/v1, batch/v1, autoscaling/v2 and policy/v1 (printers.go, 1.32).

import type { KubeObject } from '../api/types';
import { humanDuration, parseTime, translateTimestampSince } from './duration';
import { boolPtr, formatLabelSelector, formatLabels, intOrString, layoutContainerCells, lowerKindName, quantity, selectorString } from './format';
import { CONTAINERS_DESC, IMAGES_DESC, ageCol, col, nameCol, nameOf, wide, type Printer } from './table';

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata?.creationTimestamp, now);
const templateCells = (o: KubeObject) => layoutContainerCells(o.spec?.template?.spec?.containers);
const containersCol = () => col('Containers', 'string', CONTAINERS_DESC, wide);
const imagesCol = () => col('Images', 'string', IMAGES_DESC, wide);

export const deploymentPrinter: Printer = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'string', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', wide),
  ],
  row: (o, now) => {
    const [names, images] = templateCells(o);
    const s = o.status ?? {};
    return {
      cells: [
        nameOf(o), `${s.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, s.updatedReplicas ?? 0, s.availableReplicas ?? 0, age(o, now),
        names, images, selectorString(o.spec?.selector),
      ],
    };
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller'),
    col('Ready', 'integer', 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', wide),
  ],
  row: (o, now) => {
    const [names, images] = templateCells(o);
    return {
      cells: [
        nameOf(o), o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o, now),
        names, images, formatLabelSelector(o.spec?.selector),
      ],
    };
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
    col('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/'),
    col('Ready', 'integer', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
    col('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    col('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', wide),
  ],
  row: (o, now) => {
    const [names, images] = templateCells(o);
    const s = o.status ?? {};
    return {
      cells: [
        nameOf(o), s.desiredNumberScheduled ?? 0, s.currentNumberScheduled ?? 0, s.numberReady ?? 0, s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0, formatLabels(o.spec?.template?.spec?.nodeSelector), age(o, now),
        names, images, formatLabelSelector(o.spec?.selector),
      ],
    };
  },
};

export const statefulSetPrinter: Printer = {
  columns: [nameCol(), col('Ready', 'string', 'Number of the pod with ready state'), ageCol(), containersCol(), imagesCol()],
  row: (o, now) => {
    const [names, images] = templateCells(o);
    return { cells: [nameOf(o), `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, age(o, now), names, images] };
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageCol(),
  ],
  row: (o, now) => {
    const ref = (o.metadata?.ownerReferences ?? []).find((r) => r.controller === true);
    let controller = '<none>';
    if (ref) {
      // formatResourceName(GroupKind, name, withKind): `daemonset.apps/kube-proxy`.
      const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
      controller = lowerKindName(group ? `${ref.kind}.${group}` : ref.kind, ref.name);
    }
    return { cells: [nameOf(o), controller, o.revision ?? 0, age(o, now)] };
  },
};

function jobCondition(o: KubeObject, type: string): boolean {
  // hasJobCondition: the first condition of that type decides.
  const c = (o.status?.conditions ?? []).find((x: { type: string }) => x.type === type);
  return c?.status === 'True';
}

export const jobPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the job.'),
    col('Completions', 'string', 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.'),
    col('Duration', 'string', 'Time required to complete the job.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', wide),
  ],
  row: (o, now) => {
    const succeeded = o.status?.succeeded ?? 0;
    let completions: string;
    if (o.spec?.completions !== undefined && o.spec?.completions !== null) {
      completions = `${succeeded}/${o.spec.completions}`;
    } else {
      const parallelism = o.spec?.parallelism ?? 0;
      completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    }
    const start = parseTime(o.status?.startTime);
    const completion = parseTime(o.status?.completionTime);
    let duration = '';
    if (start !== undefined) duration = humanDuration((completion ?? now) - start);
    let status: string;
    if (jobCondition(o, 'Complete')) status = 'Complete';
    else if (jobCondition(o, 'Failed')) status = 'Failed';
    else if (o.metadata?.deletionTimestamp) status = 'Terminating';
    else if (jobCondition(o, 'Suspended')) status = 'Suspended';
    else if (jobCondition(o, 'FailureTarget')) status = 'FailureTarget';
    else status = 'Running';
    const [names, images] = templateCells(o);
    return { cells: [nameOf(o), status, completions, duration, age(o, now), names, images, formatLabelSelector(o.spec?.selector)] };
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    nameCol(),
    col('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'string', 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones'),
    col('Suspend', 'boolean', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.'),
    col('Active', 'integer', 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', 'Information when was the last time the job was successfully scheduled.'),
    ageCol(),
    containersCol(),
    imagesCol(),
    col('Selector', 'string', 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', wide),
  ],
  row: (o, now) => {
    const jobSpec = o.spec?.jobTemplate?.spec ?? {};
    const [names, images] = layoutContainerCells(jobSpec.template?.spec?.containers);
    const last = o.status?.lastScheduleTime ? translateTimestampSince(o.status.lastScheduleTime, now) : '<none>';
    return {
      cells: [
        nameOf(o), o.spec?.schedule ?? '', o.spec?.timeZone ?? '<none>', boolPtr(o.spec?.suspend), (o.status?.active ?? []).length,
        last, age(o, now), names, images, formatLabelSelector(jobSpec.selector),
      ],
    };
  },
};

/** formatHPAMetrics: up to two `current/target` pairs, `<unknown>` until metrics arrive. */
export function formatHPAMetrics(specs: any[] | undefined, statuses: any[] | undefined): string {
  const list: string[] = [];
  const max = 2;
  const st = statuses ?? [];
  (specs ?? []).forEach((spec, i) => {
    const s = st[i];
    switch (spec.type) {
      case 'External': {
        if (spec.external?.target?.averageValue !== undefined) {
          const current = s?.external?.current?.averageValue !== undefined ? quantity(s.external.current.averageValue) : '<unknown>';
          list.push(`${current}/${quantity(spec.external.target.averageValue)} (avg)`);
        } else {
          const current = s?.external ? quantity(s.external.current?.value) : '<unknown>';
          list.push(`${current}/${quantity(spec.external?.target?.value)}`);
        }
        break;
      }
      case 'Pods': {
        const current = s?.pods ? quantity(s.pods.current?.averageValue) : '<unknown>';
        list.push(`${current}/${quantity(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        if (spec.object?.target?.averageValue !== undefined) {
          const current = s?.object?.current?.averageValue !== undefined ? quantity(s.object.current.averageValue) : '<unknown>';
          list.push(`${current}/${quantity(spec.object.target.averageValue)} (avg)`);
        } else {
          const current = s?.object ? quantity(s.object.current?.value) : '<unknown>';
          list.push(`${current}/${quantity(spec.object?.target?.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const m = spec[key] ?? {};
        const cur = s?.[key];
        if (m.target?.averageValue !== undefined) {
          const current = cur ? quantity(cur.current?.averageValue) : '<unknown>';
          list.push(`${m.name}: ${current}/${quantity(m.target.averageValue)}`);
        } else {
          const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
          const target = m.target?.averageUtilization !== undefined ? `${m.target.averageUtilization}%` : '<auto>';
          list.push(`${m.name}: ${current}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  if (list.length === 0) return '<none>';
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const hpaPrinter: Printer = {
  columns: [
    nameCol(),
    col('Reference', 'string', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.'),
    col('Targets', 'string', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.'),
    col('MinPods', 'string', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
    col('MaxPods', 'string', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
    col('Replicas', 'string', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
    ageCol(),
  ],
  row: (o, now) => {
    const ref = o.spec?.scaleTargetRef ?? {};
    const minPods = o.spec?.minReplicas !== undefined && o.spec?.minReplicas !== null ? String(o.spec.minReplicas) : '<unset>';
    return {
      cells: [
        nameOf(o), `${ref.kind ?? ''}/${ref.name ?? ''}`, formatHPAMetrics(o.spec?.metrics, o.status?.currentMetrics), minPods,
        o.spec?.maxReplicas ?? 0, o.status?.currentReplicas ?? 0, age(o, now),
      ],
    };
  },
};

export const podDisruptionBudgetPrinter: Printer = {
  columns: [
    nameCol(),
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageCol(),
  ],
  row: (o, now) => {
    const min = o.spec?.minAvailable;
    const max = o.spec?.maxUnavailable;
    return {
      cells: [
        nameOf(o), min !== undefined && min !== null ? intOrString(min) : 'N/A', max !== undefined && max !== null ? intOrString(max) : 'N/A',
        o.status?.disruptionsAllowed ?? 0, age(o, now),
      ],
    };
  },
};
