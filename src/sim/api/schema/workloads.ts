// apps/v1 (Deployment, ReplicaSet, DaemonSet, StatefulSet, ControllerRevision), batch/v1 (Job,
// CronJob) and coordination.k8s.io/v1 (Lease), Kubernetes 1.32.
import {
  any, arr, bool, core, i32, i64, intOrString, kindProps, labelSelector, microTime, named, objectMeta, pkg, PKG, Schema,
  str, time, TypeDef,
} from './dsl';

const conditionStatus = () => named('v1.ConditionStatus', ['True', 'False', 'Unknown'], 'Status of the condition, one of True, False, Unknown.');
const template = (desc = 'Template describes the pods that will be created.') => core('PodTemplateSpec', desc);
const selector = (desc = "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.") =>
  labelSelector(desc);
const minReadySeconds = () => i32('Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0.');
const revisionHistoryLimit = (def: number) => i32(`The number of old history to retain to allow rollback. Defaults to ${def}.`);

function conditionDef(d: ReturnType<typeof pkg>['d'], name: string, typeGo: string, extraTimes: string[] = []): TypeDef {
  const props: Record<string, Schema> = { type: named(typeGo, [], 'Type of condition.'), status: conditionStatus() };
  for (const t of extraTimes) props[t] = time(`The ${t} of this condition.`);
  props.lastTransitionTime = time('Last time the condition transitioned from one status to another.');
  props.reason = str("The reason for the condition's last transition.");
  props.message = str('A human readable message indicating details about the transition.');
  return d(name, `${name} describes the state of an object at a certain point.`, props, { required: ['type', 'status'] });
}

// ---- apps/v1 ----
const apps = pkg(PKG.apps);
{
  const { d, r } = apps;
  const gvk = (kind: string) => ({ gvk: { group: 'apps', version: 'v1', kind } });

  d('Deployment', 'Deployment enables declarative updates for Pods and ReplicaSets.', {
    ...kindProps(),
    spec: r('DeploymentSpec', 'Specification of the desired behavior of the Deployment.'),
    status: r('DeploymentStatus', 'Most recently observed status of the Deployment.'),
  }, gvk('Deployment'));
  d('DeploymentSpec', 'DeploymentSpec is the specification of the desired behavior of the Deployment.', {
    replicas: i32('Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'),
    selector: selector(),
    template: template('Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".'),
    strategy: r('DeploymentStrategy', 'The deployment strategy to use to replace existing pods with new ones.'),
    minReadySeconds: minReadySeconds(),
    revisionHistoryLimit: revisionHistoryLimit(10),
    paused: bool('Indicates that the deployment is paused.'),
    progressDeadlineSeconds: i32('The maximum time in seconds for a deployment to make progress before it is considered to be failed. Defaults to 600s.'),
  }, { required: ['selector', 'template'] });
  d('DeploymentStrategy', 'DeploymentStrategy describes how to replace existing pods with new ones.', {
    type: named('v1.DeploymentStrategyType', ['Recreate', 'RollingUpdate'], 'Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.'),
    rollingUpdate: r('RollingUpdateDeployment', 'Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.'),
  });
  d('RollingUpdateDeployment', 'Spec to control the desired behavior of rolling update.', {
    maxUnavailable: intOrString('The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.'),
    maxSurge: intOrString('The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.'),
  });
  d('DeploymentStatus', 'DeploymentStatus is the most recently observed status of the Deployment.', {
    observedGeneration: i64('The generation observed by the deployment controller.'),
    replicas: i32('Total number of non-terminated pods targeted by this deployment (their labels match the selector).'),
    updatedReplicas: i32('Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    readyReplicas: i32('readyReplicas is the number of pods targeted by this Deployment with a Ready Condition.'),
    availableReplicas: i32('Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    unavailableReplicas: i32('Total number of unavailable pods targeted by this deployment.'),
    conditions: arr(r('DeploymentCondition'), "Represents the latest available observations of a deployment's current state.", 'type'),
    collisionCount: i32('Count of hash collisions for the Deployment.'),
  });
  conditionDef(d, 'DeploymentCondition', 'v1.DeploymentConditionType', ['lastUpdateTime']);

  d('ReplicaSet', 'ReplicaSet ensures that a specified number of pod replicas are running at any given time.', {
    ...kindProps(),
    spec: r('ReplicaSetSpec', 'Spec defines the specification of the desired behavior of the ReplicaSet.'),
    status: r('ReplicaSetStatus', 'Status is the most recently observed status of the ReplicaSet.'),
  }, gvk('ReplicaSet'));
  d('ReplicaSetSpec', 'ReplicaSetSpec is the specification of a ReplicaSet.', {
    replicas: i32('Replicas is the number of desired replicas. Defaults to 1.'),
    minReadySeconds: minReadySeconds(),
    selector: selector('Selector is a label query over pods that should match the replica count. It must match the pod template\'s labels.'),
    template: template('Template is the object that describes the pod that will be created if insufficient replicas are detected.'),
  }, { required: ['selector'] });
  d('ReplicaSetStatus', 'ReplicaSetStatus represents the current status of a ReplicaSet.', {
    replicas: i32('Replicas is the most recently observed number of replicas.'),
    fullyLabeledReplicas: i32('The number of pods that have labels matching the labels of the pod template of the replicaset.'),
    readyReplicas: i32('readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.'),
    availableReplicas: i32('The number of available replicas (ready for at least minReadySeconds) for this replica set.'),
    observedGeneration: i64('ObservedGeneration reflects the generation of the most recently observed ReplicaSet.'),
    conditions: arr(r('ReplicaSetCondition'), "Represents the latest available observations of a replica set's current state.", 'type'),
  }, { required: ['replicas'] });
  conditionDef(d, 'ReplicaSetCondition', 'v1.ReplicaSetConditionType');

  d('DaemonSet', 'DaemonSet represents the configuration of a daemon set.', {
    ...kindProps(),
    spec: r('DaemonSetSpec', 'The desired behavior of this daemon set.'),
    status: r('DaemonSetStatus', 'The current status of this daemon set.'),
  }, gvk('DaemonSet'));
  d('DaemonSetSpec', 'DaemonSetSpec is the specification of a daemon set.', {
    selector: selector('A label query over pods that are managed by the daemon set. It must match the pod template\'s labels.'),
    template: template('An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template\'s node selector.'),
    updateStrategy: r('DaemonSetUpdateStrategy', 'An update strategy to replace existing DaemonSet pods with new pods.'),
    minReadySeconds: minReadySeconds(),
    revisionHistoryLimit: revisionHistoryLimit(10),
  }, { required: ['selector', 'template'] });
  d('DaemonSetUpdateStrategy', 'DaemonSetUpdateStrategy is a struct used to control the update strategy for a DaemonSet.', {
    type: named('v1.DaemonSetUpdateStrategyType', ['OnDelete', 'RollingUpdate'], 'Type of daemon set update. Can be "RollingUpdate" or "OnDelete". Default is RollingUpdate.'),
    rollingUpdate: r('RollingUpdateDaemonSet', 'Rolling update config params. Present only if type = "RollingUpdate".'),
  });
  d('RollingUpdateDaemonSet', 'Spec to control the desired behavior of daemon set rolling update.', {
    maxUnavailable: intOrString('The maximum number of DaemonSet pods that can be unavailable during the update. Default value is 1.'),
    maxSurge: intOrString('The maximum number of nodes with an existing available DaemonSet pod that can have an updated DaemonSet pod during during an update. Default value is 0.'),
  });
  d('DaemonSetStatus', 'DaemonSetStatus represents the current status of a daemon set.', {
    currentNumberScheduled: i32('The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    numberMisscheduled: i32('The number of nodes that are running the daemon pod, but are not supposed to run the daemon pod.'),
    desiredNumberScheduled: i32('The total number of nodes that should be running the daemon pod.'),
    numberReady: i32('numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
    observedGeneration: i64('The most recent generation observed by the daemon set controller.'),
    updatedNumberScheduled: i32('The total number of nodes that are running updated daemon pod'),
    numberAvailable: i32('The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    numberUnavailable: i32('The number of nodes that should be running the daemon pod and have none of the daemon pod running and available.'),
    collisionCount: i32('Count of hash collisions for the DaemonSet.'),
    conditions: arr(r('DaemonSetCondition'), "Represents the latest available observations of a DaemonSet's current state.", 'type'),
  }, { required: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'] });
  conditionDef(d, 'DaemonSetCondition', 'v1.DaemonSetConditionType');

  d('StatefulSet', 'StatefulSet represents a set of pods with consistent identities.', {
    ...kindProps(),
    spec: r('StatefulSetSpec', 'Spec defines the desired identities of pods in this set.'),
    status: r('StatefulSetStatus', 'Status is the current status of Pods in this StatefulSet.'),
  }, gvk('StatefulSet'));
  d('StatefulSetSpec', 'A StatefulSetSpec is the specification of a StatefulSet.', {
    replicas: i32('replicas is the desired number of replicas of the given Template. Defaults to 1.'),
    selector: selector("selector is a label query over pods that should match the replica count. It must match the pod template's labels."),
    template: template('template is the object that describes the pod that will be created if insufficient replicas are detected.'),
    volumeClaimTemplates: arr(core('PersistentVolumeClaim'), 'volumeClaimTemplates is a list of claims that pods are allowed to reference.'),
    serviceName: str('serviceName is the name of the service that governs this StatefulSet.'),
    podManagementPolicy: named('v1.PodManagementPolicyType', ['OrderedReady', 'Parallel'], 'podManagementPolicy controls how pods are created during initial scale up, when replacing pods on nodes, or when scaling down. Default is OrderedReady.'),
    updateStrategy: r('StatefulSetUpdateStrategy', 'updateStrategy indicates the StatefulSetUpdateStrategy that will be employed to update Pods in the StatefulSet when a revision is made to Template.'),
    revisionHistoryLimit: revisionHistoryLimit(10),
    minReadySeconds: minReadySeconds(),
    persistentVolumeClaimRetentionPolicy: r('StatefulSetPersistentVolumeClaimRetentionPolicy', 'persistentVolumeClaimRetentionPolicy describes the lifecycle of persistent volume claims created from volumeClaimTemplates.'),
    ordinals: r('StatefulSetOrdinals', 'ordinals controls the numbering of replica indices in a StatefulSet.'),
  }, { required: ['selector', 'template'] });
  d('StatefulSetUpdateStrategy', 'StatefulSetUpdateStrategy indicates the strategy that the StatefulSet controller will use to perform updates.', {
    type: named('v1.StatefulSetUpdateStrategyType', ['OnDelete', 'RollingUpdate'], 'Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate.'),
    rollingUpdate: r('RollingUpdateStatefulSetStrategy', 'RollingUpdate is used to communicate parameters when Type is RollingUpdateStatefulSetStrategyType.'),
  });
  d('RollingUpdateStatefulSetStrategy', 'RollingUpdateStatefulSetStrategy is used to communicate parameter for RollingUpdateStatefulSetStrategyType.', {
    partition: i32('Partition indicates the ordinal at which the StatefulSet should be partitioned for updates.'),
    maxUnavailable: intOrString('The maximum number of pods that can be unavailable during the update.'),
  });
  d('StatefulSetPersistentVolumeClaimRetentionPolicy', 'StatefulSetPersistentVolumeClaimRetentionPolicy describes the policy used for PVCs created from the StatefulSet VolumeClaimTemplates.', {
    whenDeleted: named('v1.PersistentVolumeClaimRetentionPolicyType', ['Retain', 'Delete'], 'WhenDeleted specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is deleted.'),
    whenScaled: named('v1.PersistentVolumeClaimRetentionPolicyType', ['Retain', 'Delete'], 'WhenScaled specifies what happens to PVCs created from StatefulSet VolumeClaimTemplates when the StatefulSet is scaled down.'),
  });
  d('StatefulSetOrdinals', 'StatefulSetOrdinals describes the policy used for replica ordinal assignment in this StatefulSet.', {
    start: i32('start is the number representing the first replica\'s index.'),
  });
  d('StatefulSetStatus', 'StatefulSetStatus represents the current state of a StatefulSet.', {
    observedGeneration: i64('observedGeneration is the most recent generation observed for this StatefulSet.'),
    replicas: i32('replicas is the number of Pods created by the StatefulSet controller.'),
    readyReplicas: i32('readyReplicas is the number of pods created for this StatefulSet with a Ready Condition.'),
    currentReplicas: i32('currentReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by currentRevision.'),
    updatedReplicas: i32('updatedReplicas is the number of Pods created by the StatefulSet controller from the StatefulSet version indicated by updateRevision.'),
    currentRevision: str('currentRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [0,currentReplicas).'),
    updateRevision: str('updateRevision, if not empty, indicates the version of the StatefulSet used to generate Pods in the sequence [replicas-updatedReplicas,replicas)'),
    collisionCount: i32('collisionCount is the count of hash collisions for the StatefulSet.'),
    conditions: arr(r('StatefulSetCondition'), "Represents the latest available observations of a statefulset's current state.", 'type'),
    availableReplicas: i32('Total number of available pods (ready for at least minReadySeconds) targeted by this statefulset.'),
  }, { required: ['replicas'] });
  conditionDef(d, 'StatefulSetCondition', 'v1.StatefulSetConditionType');

  d('ControllerRevision', 'ControllerRevision implements an immutable snapshot of state data.', {
    ...kindProps(),
    data: any('Data is the serialized representation of the state.'),
    revision: i64('Revision indicates the revision of the state represented by Data.'),
  }, { required: ['revision'], ...gvk('ControllerRevision') });
}

// ---- batch/v1 ----
const batch = pkg(PKG.batch);
{
  const { d, r } = batch;
  const gvk = (kind: string) => ({ gvk: { group: 'batch', version: 'v1', kind } });

  d('Job', 'Job represents the configuration of a single job.', {
    ...kindProps(),
    spec: r('JobSpec', 'Specification of the desired behavior of a job.'),
    status: r('JobStatus', 'Current status of a job.'),
  }, gvk('Job'));
  d('JobSpec', 'JobSpec describes how the job execution will look like.', {
    parallelism: i32('Specifies the maximum desired number of pods the job should run at any given time. Defaults to 1.'),
    completions: i32('Specifies the desired number of successfully finished pods the job should be run with.'),
    activeDeadlineSeconds: i64('Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it.'),
    podFailurePolicy: r('PodFailurePolicy', 'Specifies the policy of handling failed pods.'),
    successPolicy: r('SuccessPolicy', 'successPolicy specifies the policy when the Job can be declared as succeeded.'),
    backoffLimit: i32('Specifies the number of retries before marking this job failed. Defaults to 6.'),
    backoffLimitPerIndex: i32('Specifies the limit for the number of retries within an index before marking this index as failed.'),
    maxFailedIndexes: i32('Specifies the maximal number of failed indexes before marking the Job as failed, when backoffLimitPerIndex is set.'),
    selector: labelSelector('A label query over pods that should match the pod count. Normally, the system sets this field for you.'),
    manualSelector: bool('manualSelector controls generation of pod labels and pod selectors. Leave manualSelector unset unless you are certain what you are doing.'),
    template: template('Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure".'),
    ttlSecondsAfterFinished: i32('ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed).'),
    completionMode: named('v1.CompletionMode', ['NonIndexed', 'Indexed'], 'completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`.'),
    suspend: bool('suspend specifies whether the Job controller should create Pods or not. Defaults to false.'),
    podReplacementPolicy: named('v1.PodReplacementPolicy', ['TerminatingOrFailed', 'Failed'], 'podReplacementPolicy specifies when to create replacement Pods.'),
    managedBy: str('ManagedBy field indicates the controller that manages a Job.'),
  }, { required: ['template'] });
  d('PodFailurePolicy', 'PodFailurePolicy describes how failed pods influence the backoffLimit.', {
    rules: arr(r('PodFailurePolicyRule'), 'A list of pod failure policy rules. The rules are evaluated in order.'),
  }, { required: ['rules'] });
  d('PodFailurePolicyRule', 'PodFailurePolicyRule describes how a pod failure is handled when the requirements are met.', {
    action: named('v1.PodFailurePolicyAction', ['FailJob', 'FailIndex', 'Ignore', 'Count'], 'Specifies the action taken on a pod failure when the requirements are satisfied.'),
    onExitCodes: r('PodFailurePolicyOnExitCodesRequirement', 'Represents the requirement on the container exit codes.'),
    onPodConditions: arr(r('PodFailurePolicyOnPodConditionsPattern'), 'Represents the requirement on the pod conditions.'),
  }, { required: ['action'] });
  d('PodFailurePolicyOnExitCodesRequirement', 'PodFailurePolicyOnExitCodesRequirement describes the requirement for handling a failed pod based on its container exit codes.', {
    containerName: str('Restricts the check for exit codes to the container with the specified name.'),
    operator: named('v1.PodFailurePolicyOnExitCodesOperator', ['In', 'NotIn'], "Represents the relationship between the container exit code(s) and the specified values."),
    values: arr(i32(), 'Specifies the set of values. Each returned container exit code (might be multiple in case of multiple containers) is checked against this set of values.'),
  }, { required: ['operator', 'values'] });
  d('PodFailurePolicyOnPodConditionsPattern', 'PodFailurePolicyOnPodConditionsPattern describes a pattern for matching an actual pod condition type.', {
    type: named('v1.PodConditionType', [], 'Specifies the required Pod condition type.'),
    status: conditionStatus(),
  }, { required: ['type'] });
  d('SuccessPolicy', 'SuccessPolicy describes when a Job can be declared as succeeded based on the success of some indexes.', {
    rules: arr(r('SuccessPolicyRule'), 'rules represents the list of alternative rules for the declaring the Jobs as successful before `.status.succeeded >= .spec.completions`.'),
  }, { required: ['rules'] });
  d('SuccessPolicyRule', 'SuccessPolicyRule describes rule for declaring a Job as succeeded.', {
    succeededIndexes: str('succeededIndexes specifies the set of indexes which need to be contained in the actual set of the succeeded indexes for the Job.'),
    succeededCount: i32('succeededCount specifies the minimal required size of the actual set of the succeeded indexes for the Job.'),
  });
  d('JobStatus', 'JobStatus represents the current state of a Job.', {
    conditions: arr(r('JobCondition'), "The latest available observations of an object's current state.", 'type'),
    startTime: time('Represents time when the job controller started processing a job.'),
    completionTime: time('Represents time when the job was completed.'),
    active: i32('The number of pending and running pods which are not terminating (without a deletionTimestamp).'),
    succeeded: i32('The number of pods which reached phase Succeeded.'),
    failed: i32('The number of pods which reached phase Failed.'),
    terminating: i32('The number of pods which are terminating (in phase Pending or Running and have a deletionTimestamp).'),
    completedIndexes: str('completedIndexes holds the completed indexes when .spec.completionMode = "Indexed" in a text format.'),
    failedIndexes: str('FailedIndexes holds the failed indexes when spec.backoffLimitPerIndex is set.'),
    uncountedTerminatedPods: r('UncountedTerminatedPods', 'uncountedTerminatedPods holds the UIDs of Pods that have terminated but the job controller hasn\'t yet accounted for in the status counters.'),
    ready: i32('The number of active pods which have a Ready condition and are not terminating (without a deletionTimestamp).'),
  });
  conditionDef(d, 'JobCondition', 'v1.JobConditionType', ['lastProbeTime']);
  d('UncountedTerminatedPods', "UncountedTerminatedPods holds UIDs of Pods that have terminated but haven't been accounted in Job status counters.", {
    succeeded: arr(named('types.UID'), 'succeeded holds UIDs of succeeded Pods.'),
    failed: arr(named('types.UID'), 'failed holds UIDs of failed Pods.'),
  });

  d('CronJob', 'CronJob represents the configuration of a single cron job.', {
    ...kindProps(),
    spec: r('CronJobSpec', 'Specification of the desired behavior of a cron job, including the schedule.'),
    status: r('CronJobStatus', 'Current status of a cron job.'),
  }, gvk('CronJob'));
  d('CronJobSpec', 'CronJobSpec describes how the job execution will look like and when it will actually run.', {
    schedule: str('The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    timeZone: str('The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.'),
    startingDeadlineSeconds: i64('Optional deadline in seconds for starting the job if it misses scheduled time for any reason.'),
    concurrencyPolicy: named('v1.ConcurrencyPolicy', ['Allow', 'Forbid', 'Replace'], 'Specifies how to treat concurrent executions of a Job. Defaults to Allow.'),
    suspend: bool('This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false.'),
    jobTemplate: r('JobTemplateSpec', 'Specifies the job that will be created when executing a CronJob.'),
    successfulJobsHistoryLimit: i32('The number of successful finished jobs to retain. Defaults to 3.'),
    failedJobsHistoryLimit: i32('The number of failed finished jobs to retain. Defaults to 1.'),
  }, { required: ['schedule', 'jobTemplate'] });
  d('JobTemplateSpec', 'JobTemplateSpec describes the data a Job should have when created from a template', {
    metadata: objectMeta('Standard object\'s metadata of the jobs created from this template.'),
    spec: r('JobSpec', 'Specification of the desired behavior of the job.'),
  });
  d('CronJobStatus', 'CronJobStatus represents the current state of a cron job.', {
    active: arr(core('ObjectReference'), 'A list of pointers to currently running jobs.'),
    lastScheduleTime: time('Information when was the last time the job was successfully scheduled.'),
    lastSuccessfulTime: time('Information when was the last time the job successfully completed.'),
  });
}

// ---- coordination.k8s.io/v1 ----
const coordination = pkg(PKG.coordination);
{
  const { d, r } = coordination;
  d('Lease', 'Lease defines a lease concept.', {
    ...kindProps(),
    spec: r('LeaseSpec', 'spec contains the specification of the Lease.'),
  }, { gvk: { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease' } });
  d('LeaseSpec', 'LeaseSpec is a specification of a Lease.', {
    holderIdentity: str('holderIdentity contains the identity of the holder of a current lease.'),
    leaseDurationSeconds: i32('leaseDurationSeconds is a duration that candidates for a lease need to wait to force acquire it.'),
    acquireTime: microTime('acquireTime is a time when the current lease was acquired.'),
    renewTime: microTime('renewTime is a time when the current holder of a lease has last updated the lease.'),
    leaseTransitions: i32('leaseTransitions is the number of transitions of a lease between holders.'),
    strategy: named('v1.CoordinatedLeaseStrategy', ['OldestEmulationVersion'], 'Strategy indicates the strategy for picking the leader for coordinated leader election.'),
    preferredHolder: str('PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up.'),
  });
}

export const WORKLOAD_DEFS: TypeDef[] = [...apps.defs, ...batch.defs, ...coordination.defs];
