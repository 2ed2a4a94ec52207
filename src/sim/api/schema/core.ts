// core/v1 types (k8s.io/api/core/v1, Kubernetes 1.32): Pod and everything inside it, Service,
// Endpoints, ConfigMap, Secret, Namespace, Node, ServiceAccount, Event, PVC, PV, LimitRange,
// ResourceQuota, PodTemplate, ReplicationController. Embedded Go structs (VolumeSource inside
// Volume, ProbeHandler inside Probe) are flattened, as encoding/json and OpenAPI do.
import {
  arr, bool, bytes, i32, i64, intOrString, kindProps, labelSelector, map, meta, microTime, named, objectMeta, pkg, PKG, quantity,
  resourceList, Schema, str, strMap, strs, time, TypeDef,
} from './dsl';

const c = pkg(PKG.core);
const { d, r } = c;

// ---- named string types ----
const protocol = (desc = 'Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".') => named('v1.Protocol', ['TCP', 'UDP', 'SCTP'], desc);
const conditionStatus = (desc = 'Status of the condition, one of True, False, Unknown.') => named('v1.ConditionStatus', ['True', 'False', 'Unknown'], desc);
const resourceName = (desc?: string) => named('v1.ResourceName', [], desc);
const accessModes = (desc: string) => arr(named('v1.PersistentVolumeAccessMode', ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']), desc);
const localRef = (desc?: string) => r('LocalObjectReference', desc);
const secretRef = (desc?: string) => r('SecretReference', desc);

/** A condition struct: type/status/times/reason/message, as most status types have. */
function condition(name: string, typeGo: string, extraTimes: string[] = []): TypeDef {
  const props: Record<string, Schema> = {
    type: named(typeGo, [], 'Type of condition.'),
    status: conditionStatus(),
  };
  for (const t of extraTimes) props[t] = time(`${t} of the condition.`);
  props.lastTransitionTime = time('Last time the condition transitioned from one status to another.');
  props.reason = str("The reason for the condition's last transition.");
  props.message = str('A human readable message indicating details about the transition.');
  return d(name, `${name} describes the state of an object at a certain point.`, props, { required: ['type', 'status'] });
}

// ---- references and selectors ----
d('LocalObjectReference', 'LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.', {
  name: str('Name of the referent.'),
});
d('SecretReference', 'SecretReference represents a Secret Reference. It has enough information to retrieve secret in any namespace.', {
  name: str('name is unique within a namespace to reference a secret resource.'),
  namespace: str('namespace defines the space within which the secret name must be unique.'),
});
d('ObjectReference', 'ObjectReference contains enough information to let you inspect or modify the referred object.', {
  kind: str('Kind of the referent.'),
  namespace: str('Namespace of the referent.'),
  name: str('Name of the referent.'),
  uid: named('types.UID', [], 'UID of the referent.'),
  apiVersion: str('API version of the referent.'),
  resourceVersion: str('Specific resourceVersion to which this reference is made, if any.'),
  fieldPath: str('If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.'),
});
d('TypedLocalObjectReference', 'TypedLocalObjectReference contains enough information to let you locate the typed referenced object inside the same namespace.', {
  apiGroup: str('APIGroup is the group for the resource being referenced.'),
  kind: str('Kind is the type of resource being referenced'),
  name: str('Name is the name of resource being referenced'),
}, { required: ['kind', 'name'] });
d('TypedObjectReference', 'TypedObjectReference contains enough information to let you locate the typed referenced object', {
  apiGroup: str('APIGroup is the group for the resource being referenced.'),
  kind: str('Kind is the type of resource being referenced'),
  name: str('Name is the name of resource being referenced'),
  namespace: str('Namespace is the namespace of resource being referenced'),
}, { required: ['kind', 'name'] });
d('ObjectFieldSelector', 'ObjectFieldSelector selects an APIVersioned field of an object.', {
  apiVersion: str('Version of the schema the FieldPath is written in terms of, defaults to "v1".'),
  fieldPath: str('Path of the field to select in the specified API version.'),
}, { required: ['fieldPath'] });
d('ResourceFieldSelector', 'ResourceFieldSelector represents container resources (cpu, memory) and their output format', {
  containerName: str('Container name: required for volumes, optional for env vars'),
  resource: str('Required: resource to select'),
  divisor: quantity('Specifies the output format of the exposed resources, defaults to "1"'),
}, { required: ['resource'] });
d('ConfigMapKeySelector', 'Selects a key from a ConfigMap.', {
  name: str('Name of the referent.'),
  key: str('The key to select.'),
  optional: bool('Specify whether the ConfigMap or its key must be defined'),
}, { required: ['key'] });
d('SecretKeySelector', 'SecretKeySelector selects a key of a Secret.', {
  name: str('Name of the referent.'),
  key: str('The key of the secret to select from. Must be a valid secret key.'),
  optional: bool('Specify whether the Secret or its key must be defined'),
}, { required: ['key'] });

// ---- containers ----
d('ContainerPort', 'ContainerPort represents a network port in a single container.', {
  name: str('If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name.'),
  hostPort: i32('Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536.'),
  containerPort: i32("Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536."),
  protocol: protocol(),
  hostIP: str('What host IP to bind the external port to.'),
}, { required: ['containerPort'] });
d('EnvVar', 'EnvVar represents an environment variable present in a Container.', {
  name: str('Name of the environment variable. Must be a C_IDENTIFIER.'),
  value: str('Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. Defaults to "".'),
  valueFrom: r('EnvVarSource', "Source for the environment variable's value. Cannot be used if value is not empty."),
}, { required: ['name'] });
d('EnvVarSource', 'EnvVarSource represents a source for the value of an EnvVar.', {
  fieldRef: r('ObjectFieldSelector', 'Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels[\'<KEY>\']`, spec.nodeName, status.podIP, ...'),
  resourceFieldRef: r('ResourceFieldSelector', 'Selects a resource of the container: only resources limits and requests are currently supported.'),
  configMapKeyRef: r('ConfigMapKeySelector', 'Selects a key of a ConfigMap.'),
  secretKeyRef: r('SecretKeySelector', "Selects a key of a secret in the pod's namespace"),
});
d('EnvFromSource', 'EnvFromSource represents the source of a set of ConfigMaps or Secrets', {
  prefix: str('Optional text to prepend to the name of each environment variable.'),
  configMapRef: r('ConfigMapEnvSource', 'The ConfigMap to select from'),
  secretRef: r('SecretEnvSource', 'The Secret to select from'),
});
d('ConfigMapEnvSource', "ConfigMapEnvSource selects a ConfigMap to populate the environment variables with.", {
  name: str('Name of the referent.'),
  optional: bool('Specify whether the ConfigMap must be defined'),
});
d('SecretEnvSource', 'SecretEnvSource selects a Secret to populate the environment variables with.', {
  name: str('Name of the referent.'),
  optional: bool('Specify whether the Secret must be defined'),
});
d('ResourceRequirements', 'ResourceRequirements describes the compute resource requirements.', {
  limits: resourceList('Limits describes the maximum amount of compute resources allowed.'),
  requests: resourceList('Requests describes the minimum amount of compute resources required. If omitted, it defaults to Limits if that is explicitly specified.'),
  claims: arr(r('ResourceClaim'), 'Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.', 'name'),
});
d('ResourceClaim', 'ResourceClaim references one entry in PodSpec.ResourceClaims.', {
  name: str('Name must match the name of one entry in pod.spec.resourceClaims of the Pod where this field is used.'),
  request: str('Request is the name chosen for a request in the referenced claim.'),
}, { required: ['name'] });
d('ContainerResizePolicy', 'ContainerResizePolicy represents resource resize policy for the container.', {
  resourceName: resourceName('Name of the resource to which this resource resize policy applies. Supported values: cpu, memory.'),
  restartPolicy: named('v1.ResourceResizeRestartPolicy', ['NotRequired', 'RestartContainer'], 'Restart policy to apply when specified resource is resized.'),
}, { required: ['resourceName', 'restartPolicy'] });
d('VolumeMount', 'VolumeMount describes a mounting of a Volume within a container.', {
  name: str('This must match the Name of a Volume.'),
  readOnly: bool('Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.'),
  recursiveReadOnly: named('v1.RecursiveReadOnlyMode', ['Disabled', 'IfPossible', 'Enabled'], 'RecursiveReadOnly specifies whether read-only mounts should be handled recursively.'),
  mountPath: str("Path within the container at which the volume should be mounted. Must not contain ':'."),
  subPath: str("Path within the volume from which the container's volume should be mounted. Defaults to \"\" (volume's root)."),
  mountPropagation: named('v1.MountPropagationMode', ['None', 'HostToContainer', 'Bidirectional'], 'mountPropagation determines how mounts are propagated from the host to container and the other way around.'),
  subPathExpr: str("Expanded path within the volume from which the container's volume should be mounted."),
}, { required: ['name', 'mountPath'] });
d('VolumeDevice', 'volumeDevice describes a mapping of a raw block device within a container.', {
  name: str('name must match the name of a persistentVolumeClaim in the pod'),
  devicePath: str('devicePath is the path inside of the container that the device will be mapped to.'),
}, { required: ['name', 'devicePath'] });

const httpGet = () => r('HTTPGetAction', 'HTTPGet specifies an HTTP GET request to perform.');
const tcpSocket = () => r('TCPSocketAction', 'TCPSocket specifies a connection to a TCP port.');
const exec = () => r('ExecAction', 'Exec specifies a command to execute in the container.');
d('ExecAction', 'ExecAction describes a "run in container" action.', {
  command: strs("Command is the command line to execute inside the container; it is not run inside a shell. Exit status of 0 is treated as live/healthy."),
});
d('HTTPGetAction', 'HTTPGetAction describes an action based on HTTP Get requests.', {
  path: str('Path to access on the HTTP server.'),
  port: intOrString('Name or number of the port to access on the container. Number must be in the range 1 to 65535.'),
  host: str('Host name to connect to, defaults to the pod IP.'),
  scheme: named('v1.URIScheme', ['HTTP', 'HTTPS'], 'Scheme to use for connecting to the host. Defaults to HTTP.'),
  httpHeaders: arr(r('HTTPHeader'), 'Custom headers to set in the request. HTTP allows repeated headers.'),
}, { required: ['port'] });
d('HTTPHeader', 'HTTPHeader describes a custom header to be used in HTTP probes', {
  name: str('The header field name.'),
  value: str('The header field value'),
}, { required: ['name', 'value'] });
d('TCPSocketAction', 'TCPSocketAction describes an action based on opening a socket', {
  port: intOrString('Number or name of the port to access on the container. Number must be in the range 1 to 65535.'),
  host: str('Optional: Host name to connect to, defaults to the pod IP.'),
}, { required: ['port'] });
d('GRPCAction', 'GRPCAction specifies an action involving a GRPC service.', {
  port: i32('Port number of the gRPC service. Number must be in the range 1 to 65535.'),
  service: str('Service is the name of the service to place in the gRPC HealthCheckRequest.'),
}, { required: ['port'] });
d('SleepAction', 'SleepAction describes a "sleep" action.', {
  seconds: i64('Seconds is the number of seconds to sleep.'),
}, { required: ['seconds'] });
d('Probe', 'Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.', {
  exec: exec(),
  httpGet: httpGet(),
  tcpSocket: tcpSocket(),
  grpc: r('GRPCAction', 'GRPC specifies a GRPC HealthCheckRequest.'),
  initialDelaySeconds: i32('Number of seconds after the container has started before liveness probes are initiated.'),
  timeoutSeconds: i32('Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1.'),
  periodSeconds: i32('How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.'),
  successThreshold: i32('Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1.'),
  failureThreshold: i32('Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3.'),
  terminationGracePeriodSeconds: i64('Optional duration in seconds the pod needs to terminate gracefully upon probe failure.'),
});
d('Lifecycle', 'Lifecycle describes actions that the management system should take in response to container lifecycle events.', {
  postStart: r('LifecycleHandler', 'PostStart is called immediately after a container is created.'),
  preStop: r('LifecycleHandler', 'PreStop is called immediately before a container is terminated due to an API request or management event.'),
});
d('LifecycleHandler', 'LifecycleHandler defines a specific action that should be taken in a lifecycle hook.', {
  exec: exec(),
  httpGet: httpGet(),
  tcpSocket: tcpSocket(),
  sleep: r('SleepAction', 'Sleep represents a duration that the container should sleep.'),
});
d('Capabilities', 'Adds and removes POSIX capabilities from running containers.', {
  add: arr(named('v1.Capability'), 'Added capabilities'),
  drop: arr(named('v1.Capability'), 'Removed capabilities'),
});
d('SELinuxOptions', 'SELinuxOptions are the labels to be applied to the container', {
  user: str('User is a SELinux user label that applies to the container.'),
  role: str('Role is a SELinux role label that applies to the container.'),
  type: str('Type is a SELinux type label that applies to the container.'),
  level: str('Level is SELinux level label that applies to the container.'),
});
d('WindowsSecurityContextOptions', 'WindowsSecurityContextOptions contain Windows-specific options and credentials.', {
  gmsaCredentialSpecName: str('GMSACredentialSpecName is the name of the GMSA credential spec to use.'),
  gmsaCredentialSpec: str('GMSACredentialSpec is where the GMSA admission webhook inlines the contents of the GMSA credential spec.'),
  runAsUserName: str('The UserName in Windows to run the entrypoint of the container process.'),
  hostProcess: bool("HostProcess determines if a container should be run as a 'Host Process' container."),
});
d('SeccompProfile', "SeccompProfile defines a pod/container's seccomp profile settings. Only one profile source may be set.", {
  type: named('v1.SeccompProfileType', ['Localhost', 'RuntimeDefault', 'Unconfined'], 'type indicates which kind of seccomp profile will be applied.'),
  localhostProfile: str("localhostProfile indicates a profile defined in a file on the node should be used."),
}, { required: ['type'] });
d('AppArmorProfile', "AppArmorProfile defines a pod or container's AppArmor settings.", {
  type: named('v1.AppArmorProfileType', ['Localhost', 'RuntimeDefault', 'Unconfined'], 'type indicates which kind of AppArmor profile will be applied.'),
  localhostProfile: str('localhostProfile indicates a profile loaded on the node that should be used.'),
}, { required: ['type'] });
const seLinux = () => r('SELinuxOptions', 'The SELinux context to be applied to the container.');
const windows = () => r('WindowsSecurityContextOptions', 'The Windows specific settings applied to all containers.');
d('SecurityContext', 'SecurityContext holds security configuration that will be applied to a container.', {
  capabilities: r('Capabilities', 'The capabilities to add/drop when running containers.'),
  privileged: bool('Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false.'),
  seLinuxOptions: seLinux(),
  windowsOptions: windows(),
  runAsUser: i64('The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified.'),
  runAsGroup: i64('The GID to run the entrypoint of the container process.'),
  runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
  readOnlyRootFilesystem: bool('Whether this container has a read-only root filesystem. Default is false.'),
  allowPrivilegeEscalation: bool('AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process.'),
  procMount: named('v1.ProcMountType', ['Default', 'Unmasked'], 'procMount denotes the type of proc mount to use for the containers.'),
  seccompProfile: r('SeccompProfile', 'The seccomp options to use by this container.'),
  appArmorProfile: r('AppArmorProfile', 'appArmorProfile is the AppArmor options to use by this container.'),
});
d('PodSecurityContext', 'PodSecurityContext holds pod-level security attributes and common container settings.', {
  seLinuxOptions: seLinux(),
  windowsOptions: windows(),
  runAsUser: i64('The UID to run the entrypoint of the container process.'),
  runAsGroup: i64('The GID to run the entrypoint of the container process.'),
  runAsNonRoot: bool('Indicates that the container must run as a non-root user.'),
  supplementalGroups: arr(i64(), "A list of groups applied to the first process run in each container, in addition to the container's primary GID."),
  supplementalGroupsPolicy: named('v1.SupplementalGroupsPolicy', ['Merge', 'Strict'], 'Defines how supplemental groups of the first container processes are calculated.'),
  fsGroup: i64('A special supplemental group that applies to all containers in a pod.'),
  sysctls: arr(r('Sysctl'), 'Sysctls hold a list of namespaced sysctls used for the pod.'),
  fsGroupChangePolicy: named('v1.PodFSGroupChangePolicy', ['OnRootMismatch', 'Always'], 'fsGroupChangePolicy defines behavior of changing ownership and permission of the volume before being exposed inside Pod.'),
  seccompProfile: r('SeccompProfile', 'The seccomp options to use by the containers in this pod.'),
  appArmorProfile: r('AppArmorProfile', 'appArmorProfile is the AppArmor options to use by the containers in this pod.'),
  seLinuxChangePolicy: named('v1.PodSELinuxChangePolicy', ['Recursive', 'MountOption'], 'seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod.'),
});
d('Sysctl', 'Sysctl defines a kernel parameter to be set', {
  name: str('Name of a property to set'),
  value: str('Value of a property to set'),
}, { required: ['name', 'value'] });

/** Fields shared by Container and EphemeralContainer (EphemeralContainerCommon). */
function containerProps(): Record<string, Schema> {
  return {
    name: str('Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.'),
    image: str('Container image name.'),
    command: strs("Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided."),
    args: strs("Arguments to the entrypoint. The container image's CMD is used if this is not provided."),
    workingDir: str("Container's working directory."),
    ports: arr(r('ContainerPort'), 'List of ports to expose from the container.', 'containerPort'),
    envFrom: arr(r('EnvFromSource'), 'List of sources to populate environment variables in the container.'),
    env: arr(r('EnvVar'), 'List of environment variables to set in the container. Cannot be updated.', 'name'),
    resources: r('ResourceRequirements', 'Compute Resources required by this container.'),
    resizePolicy: arr(r('ContainerResizePolicy'), 'Resources resize policy for the container.'),
    restartPolicy: named('v1.ContainerRestartPolicy', ['Always'], 'RestartPolicy defines the restart behavior of individual containers in a pod. Only "Always" is allowed, for init containers (sidecars).'),
    volumeMounts: arr(r('VolumeMount'), "Pod volumes to mount into the container's filesystem. Cannot be updated.", 'mountPath'),
    volumeDevices: arr(r('VolumeDevice'), 'volumeDevices is the list of block devices to be used by the container.', 'devicePath'),
    livenessProbe: r('Probe', 'Periodic probe of container liveness. Container will be restarted if the probe fails.'),
    readinessProbe: r('Probe', 'Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails.'),
    startupProbe: r('Probe', 'StartupProbe indicates that the Pod has successfully initialized. No other probes run until it succeeds.'),
    lifecycle: r('Lifecycle', 'Actions that the management system should take in response to container lifecycle events.'),
    terminationMessagePath: str("Path at which the file to which the container's termination message will be written is mounted. Defaults to /dev/termination-log."),
    terminationMessagePolicy: named('v1.TerminationMessagePolicy', ['File', 'FallbackToLogsOnError'], 'Indicate how the termination message should be populated. Defaults to File.'),
    imagePullPolicy: named('v1.PullPolicy', ['Always', 'Never', 'IfNotPresent'], 'Image pull policy. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.'),
    securityContext: r('SecurityContext', 'SecurityContext defines the security options the container should be run with.'),
    stdin: bool('Whether this container should allocate a buffer for stdin in the container runtime.'),
    stdinOnce: bool('Whether the container runtime should close the stdin channel after it has been opened by a single attach.'),
    tty: bool("Whether this container should allocate a TTY for itself, also requires 'stdin' to be true."),
  };
}
d('Container', 'A single application container that you want to run within a pod.', containerProps(), { required: ['name'] });
d('EphemeralContainer', 'An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging.', {
  ...containerProps(),
  targetContainerName: str('If set, the name of the container from PodSpec that this ephemeral container targets.'),
}, { required: ['name'] });

// ---- scheduling ----
d('Toleration', 'The pod this Toleration is attached to tolerates any taint that matches the triple <key,value,effect> using the matching operator <operator>.', {
  key: str('Key is the taint key that the toleration applies to. Empty means match all taint keys.'),
  operator: named('v1.TolerationOperator', ['Exists', 'Equal'], "Operator represents a key's relationship to the value. Defaults to Equal."),
  value: str('Value is the taint value the toleration matches to.'),
  effect: named('v1.TaintEffect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], 'Effect indicates the taint effect to match. Empty means match all taint effects.'),
  tolerationSeconds: i64('TolerationSeconds represents the period of time the toleration (which must be of effect NoExecute) tolerates the taint.'),
});
d('Taint', 'The node this Taint is attached to has the "effect" on any pod that does not tolerate the Taint.', {
  key: str('Required. The taint key to be applied to a node.'),
  value: str('The taint value corresponding to the taint key.'),
  effect: named('v1.TaintEffect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'], 'Required. The effect of the taint on pods that do not tolerate the taint.'),
  timeAdded: time('TimeAdded represents the time at which the taint was added.'),
}, { required: ['key', 'effect'] });
d('Affinity', 'Affinity is a group of affinity scheduling rules.', {
  nodeAffinity: r('NodeAffinity', 'Describes node affinity scheduling rules for the pod.'),
  podAffinity: r('PodAffinity', 'Describes pod affinity scheduling rules (e.g. co-locate this pod in the same node, zone, etc. as some other pod(s)).'),
  podAntiAffinity: r('PodAntiAffinity', 'Describes pod anti-affinity scheduling rules (e.g. avoid putting this pod in the same node, zone, etc. as some other pod(s)).'),
});
d('NodeAffinity', 'Node affinity is a group of node affinity scheduling rules.', {
  requiredDuringSchedulingIgnoredDuringExecution: r('NodeSelector', 'If the affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.'),
  preferredDuringSchedulingIgnoredDuringExecution: arr(r('PreferredSchedulingTerm'), 'The scheduler will prefer to schedule pods to nodes that satisfy the affinity expressions specified by this field.'),
});
d('NodeSelector', 'A node selector represents the union of the results of one or more label queries over a set of nodes.', {
  nodeSelectorTerms: arr(r('NodeSelectorTerm'), 'Required. A list of node selector terms. The terms are ORed.'),
}, { required: ['nodeSelectorTerms'] });
d('NodeSelectorTerm', 'A null or empty node selector term matches no objects. The requirements of them are ANDed.', {
  matchExpressions: arr(r('NodeSelectorRequirement'), "A list of node selector requirements by node's labels."),
  matchFields: arr(r('NodeSelectorRequirement'), "A list of node selector requirements by node's fields."),
});
d('NodeSelectorRequirement', 'A node selector requirement is a selector that contains values, a key, and an operator that relates the key and values.', {
  key: str('The label key that the selector applies to.'),
  operator: named('v1.NodeSelectorOperator', ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'], "Represents a key's relationship to a set of values."),
  values: strs('An array of string values.'),
}, { required: ['key', 'operator'] });
d('PreferredSchedulingTerm', 'An empty preferred scheduling term matches all objects with implicit weight 0.', {
  weight: i32('Weight associated with matching the corresponding nodeSelectorTerm, in the range 1-100.'),
  preference: r('NodeSelectorTerm', 'A node selector term, associated with the corresponding weight.'),
}, { required: ['weight', 'preference'] });
const podAffinityProps = (anti: boolean): Record<string, Schema> => ({
  requiredDuringSchedulingIgnoredDuringExecution: arr(r('PodAffinityTerm'), `If the ${anti ? 'anti-' : ''}affinity requirements specified by this field are not met at scheduling time, the pod will not be scheduled onto the node.`),
  preferredDuringSchedulingIgnoredDuringExecution: arr(r('WeightedPodAffinityTerm'), `The scheduler will prefer to schedule pods to nodes that satisfy the ${anti ? 'anti-' : ''}affinity expressions specified by this field.`),
});
d('PodAffinity', 'Pod affinity is a group of inter pod affinity scheduling rules.', podAffinityProps(false));
d('PodAntiAffinity', 'Pod anti affinity is a group of inter pod anti affinity scheduling rules.', podAffinityProps(true));
d('PodAffinityTerm', 'Defines a set of pods that this pod should be co-located (affinity) or not co-located (anti-affinity) with.', {
  labelSelector: labelSelector('A label query over a set of resources, in this case pods.'),
  namespaces: strs('namespaces specifies a static list of namespace names that the term applies to.'),
  topologyKey: str('This pod should be co-located (affinity) or not co-located (anti-affinity) with the pods matching the labelSelector in the specified namespaces, where co-located is defined as running on a node whose value of the label with key topologyKey matches.'),
  namespaceSelector: labelSelector("A label query over the set of namespaces that the term applies to."),
  matchLabelKeys: strs('MatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.'),
  mismatchLabelKeys: strs('MismatchLabelKeys is a set of pod label keys to select which pods will be taken into consideration.'),
}, { required: ['topologyKey'] });
d('WeightedPodAffinityTerm', 'The weights of all of the matched WeightedPodAffinityTerm fields are added per-node to find the most preferred node(s)', {
  weight: i32('weight associated with matching the corresponding podAffinityTerm, in the range 1-100.'),
  podAffinityTerm: r('PodAffinityTerm', 'Required. A pod affinity term, associated with the corresponding weight.'),
}, { required: ['weight', 'podAffinityTerm'] });
d('TopologySpreadConstraint', 'TopologySpreadConstraint specifies how to spread matching pods among the given topology.', {
  maxSkew: i32('MaxSkew describes the degree to which pods may be unevenly distributed.'),
  topologyKey: str('TopologyKey is the key of node labels. Nodes that have a label with this key and identical values are considered to be in the same topology.'),
  whenUnsatisfiable: named('v1.UnsatisfiableConstraintAction', ['DoNotSchedule', 'ScheduleAnyway'], "WhenUnsatisfiable indicates how to deal with a pod if it doesn't satisfy the spread constraint."),
  labelSelector: labelSelector('LabelSelector is used to find matching pods.'),
  minDomains: i32('MinDomains indicates a minimum number of eligible domains.'),
  nodeAffinityPolicy: named('v1.NodeInclusionPolicy', ['Honor', 'Ignore'], "NodeAffinityPolicy indicates how we will treat Pod's nodeAffinity/nodeSelector when calculating pod topology spread skew."),
  nodeTaintsPolicy: named('v1.NodeInclusionPolicy', ['Honor', 'Ignore'], 'NodeTaintsPolicy indicates how we will treat node taints when calculating pod topology spread skew.'),
  matchLabelKeys: strs('MatchLabelKeys is a set of pod label keys to select the pods over which spreading will be calculated.'),
}, { required: ['maxSkew', 'topologyKey', 'whenUnsatisfiable'] });
d('HostAlias', "HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.", {
  ip: str('IP address of the host file entry.'),
  hostnames: strs('Hostnames for the above IP address.'),
}, { required: ['ip'] });
d('PodDNSConfig', 'PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.', {
  nameservers: strs('A list of DNS name server IP addresses.'),
  searches: strs('A list of DNS search domains for host-name lookup.'),
  options: arr(r('PodDNSConfigOption'), 'A list of DNS resolver options.'),
});
d('PodDNSConfigOption', 'PodDNSConfigOption defines DNS resolver options of a pod.', { name: str('Required.'), value: str() });
d('PodReadinessGate', 'PodReadinessGate contains the reference to a pod condition', {
  conditionType: named('v1.PodConditionType', [], "ConditionType refers to a condition in the pod's condition list with matching type."),
}, { required: ['conditionType'] });
d('PodOS', 'PodOS defines the OS parameters of a pod.', {
  name: named('v1.OSName', ['linux', 'windows'], 'Name is the name of the operating system. The currently supported values are linux and windows.'),
}, { required: ['name'] });
d('PodSchedulingGate', 'PodSchedulingGate is associated to a Pod to guard its scheduling.', {
  name: str('Name of the scheduling gate. Each scheduling gate must have a unique name field.'),
}, { required: ['name'] });
d('PodResourceClaim', 'PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate.', {
  name: str('Name uniquely identifies this resource claim inside the pod.'),
  resourceClaimName: str('ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.'),
  resourceClaimTemplateName: str('ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.'),
}, { required: ['name'] });

// ---- volumes ----
d('KeyToPath', 'Maps a string key to a path within a volume.', {
  key: str('key is the key to project.'),
  path: str('path is the relative path of the file to map the key to.'),
  mode: i32('mode is Optional: mode bits used to set permissions on this file.'),
}, { required: ['key', 'path'] });
const items = () => arr(r('KeyToPath'), 'items if unspecified, each key-value pair in the Data field of the referenced object will be projected into the volume as a file whose name is the key and content is the value.');
const defaultMode = () => i32('defaultMode is optional: mode bits used to set permissions on created files by default. Defaults to 0644.');
d('HostPathVolumeSource', 'Represents a host path mapped into a pod.', {
  path: str('path of the directory on the host.'),
  type: named('v1.HostPathType', ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'], 'type for HostPath Volume. Defaults to "".'),
}, { required: ['path'] });
d('EmptyDirVolumeSource', 'Represents an empty directory for a pod.', {
  medium: named('v1.StorageMedium', ['', 'Memory'], 'medium represents what type of storage medium should back this directory.'),
  sizeLimit: quantity('sizeLimit is the total amount of local storage required for this EmptyDir volume.'),
});
d('SecretVolumeSource', "Adapts a Secret into a volume. The contents of the target Secret's Data field will be presented in a volume as files.", {
  secretName: str("secretName is the name of the secret in the pod's namespace to use."),
  items: items(),
  defaultMode: defaultMode(),
  optional: bool('optional field specify whether the Secret or its keys must be defined'),
});
d('ConfigMapVolumeSource', "Adapts a ConfigMap into a volume. The contents of the target ConfigMap's Data field will be presented in a volume as files.", {
  name: str('Name of the referent.'),
  items: items(),
  defaultMode: defaultMode(),
  optional: bool('optional specify whether the ConfigMap or its keys must be defined'),
});
d('PersistentVolumeClaimVolumeSource', "PersistentVolumeClaimVolumeSource references the user's PVC in the same namespace.", {
  claimName: str('claimName is the name of a PersistentVolumeClaim in the same namespace as the pod using this volume.'),
  readOnly: bool('readOnly Will force the ReadOnly setting in VolumeMounts. Default false.'),
}, { required: ['claimName'] });
d('NFSVolumeSource', 'Represents an NFS mount that lasts the lifetime of a pod.', {
  server: str('server is the hostname or IP address of the NFS server.'),
  path: str('path that is exported by the NFS server.'),
  readOnly: bool('readOnly here will force the NFS export to be mounted with read-only permissions. Defaults to false.'),
}, { required: ['server', 'path'] });
d('DownwardAPIVolumeFile', 'DownwardAPIVolumeFile represents information to create the file containing the pod field', {
  path: str("Required: Path is the relative path name of the file to be created."),
  fieldRef: r('ObjectFieldSelector', 'Required: Selects a field of the pod: only annotations, labels, name, namespace and uid are supported.'),
  resourceFieldRef: r('ResourceFieldSelector', 'Selects a resource of the container: only resources limits and requests are currently supported.'),
  mode: i32('Optional: mode bits used to set permissions on this file.'),
}, { required: ['path'] });
d('DownwardAPIVolumeSource', 'DownwardAPIVolumeSource represents a volume containing downward API info.', {
  items: arr(r('DownwardAPIVolumeFile'), 'Items is a list of downward API volume file'),
  defaultMode: defaultMode(),
});
d('ProjectedVolumeSource', 'Represents a projected volume source', {
  sources: arr(r('VolumeProjection'), 'sources is the list of volume projections.'),
  defaultMode: defaultMode(),
});
d('VolumeProjection', 'Projection that may be projected along with other supported volume types.', {
  secret: r('SecretProjection', 'secret information about the secret data to project'),
  downwardAPI: r('DownwardAPIProjection', 'downwardAPI information about the downwardAPI data to project'),
  configMap: r('ConfigMapProjection', 'configMap information about the configMap data to project'),
  serviceAccountToken: r('ServiceAccountTokenProjection', 'serviceAccountToken is information about the serviceAccountToken data to project'),
  clusterTrustBundle: r('ClusterTrustBundleProjection', 'ClusterTrustBundle allows a pod to access the `.spec.trustBundle` field of ClusterTrustBundle objects in an auto-updating file.'),
});
d('SecretProjection', 'Adapts a secret into a projected volume.', { name: str('Name of the referent.'), items: items(), optional: bool() });
d('ConfigMapProjection', 'Adapts a ConfigMap into a projected volume.', { name: str('Name of the referent.'), items: items(), optional: bool() });
d('DownwardAPIProjection', 'Represents downward API info for projecting into a projected volume.', {
  items: arr(r('DownwardAPIVolumeFile'), 'Items is a list of DownwardAPIVolume file'),
});
d('ServiceAccountTokenProjection', 'ServiceAccountTokenProjection represents a projected service account token volume.', {
  audience: str('audience is the intended audience of the token.'),
  expirationSeconds: i64('expirationSeconds is the requested duration of validity of the service account token. Defaults to 1 hour.'),
  path: str('path is the path relative to the mount point of the file to project the token into.'),
}, { required: ['path'] });
d('ClusterTrustBundleProjection', 'ClusterTrustBundleProjection describes how to select a set of ClusterTrustBundle objects and project their contents into the pod filesystem.', {
  name: str('Select a single ClusterTrustBundle by object name.'),
  signerName: str('Select all ClusterTrustBundles that match this signer name.'),
  labelSelector: labelSelector('Select all ClusterTrustBundles that match this label selector.'),
  optional: bool(),
  path: str('Relative path from the volume root to write the bundle.'),
}, { required: ['path'] });
d('CSIVolumeSource', 'Represents a source location of a volume to mount, managed by an external CSI driver', {
  driver: str('driver is the name of the CSI driver that handles this volume.'),
  readOnly: bool('readOnly specifies a read-only configuration for the volume. Defaults to false (read/write).'),
  fsType: str('fsType to mount. Ex. "ext4", "xfs", "ntfs".'),
  volumeAttributes: strMap('volumeAttributes stores driver-specific properties that are passed to the CSI driver.'),
  nodePublishSecretRef: localRef('nodePublishSecretRef is a reference to the secret object containing sensitive information to pass to the CSI driver.'),
}, { required: ['driver'] });
d('EphemeralVolumeSource', 'Represents an ephemeral volume that is handled by a normal storage driver.', {
  volumeClaimTemplate: r('PersistentVolumeClaimTemplate', 'Will be used to create a stand-alone PVC to provision the volume.'),
});
d('PersistentVolumeClaimTemplate', 'PersistentVolumeClaimTemplate is used to produce PersistentVolumeClaim objects as part of an EphemeralVolumeSource.', {
  metadata: objectMeta('May contain labels and annotations that will be copied into the PVC when creating it.'),
  spec: r('PersistentVolumeClaimSpec', 'The specification for the PersistentVolumeClaim.'),
}, { required: ['spec'] });
d('ImageVolumeSource', 'ImageVolumeSource represents a image volume resource.', {
  reference: str('Required: Image or artifact reference to be used.'),
  pullPolicy: named('v1.PullPolicy', ['Always', 'Never', 'IfNotPresent'], 'Policy for pulling OCI objects.'),
});
d('AzureDiskVolumeSource', 'AzureDisk represents an Azure Data Disk mount on the host and bind mount to the pod.', {
  diskName: str('diskName is the Name of the data disk in the blob storage'),
  diskURI: str('diskURI is the URI of data disk in the blob storage'),
  cachingMode: named('v1.AzureDataDiskCachingMode', ['None', 'ReadOnly', 'ReadWrite'], 'cachingMode is the Host Caching mode: None, Read Only, Read Write.'),
  fsType: str('fsType is Filesystem type to mount.'),
  readOnly: bool('readOnly Defaults to false (read/write).'),
  kind: named('v1.AzureDataDiskKind', ['Shared', 'Dedicated', 'Managed'], 'kind expected values are Shared, Dedicated, Managed. Defaults to Shared.'),
}, { required: ['diskName', 'diskURI'] });
d('AzureFileVolumeSource', 'AzureFile represents an Azure File Service mount on the host and bind mount to the pod.', {
  secretName: str('secretName is the name of secret that contains Azure Storage Account Name and Key'),
  shareName: str('shareName is the azure share Name'),
  readOnly: bool('readOnly defaults to false (read/write).'),
}, { required: ['secretName', 'shareName'] });
// Legacy in-tree volume sources (still part of the 1.32 API; examples use them).
d('GCEPersistentDiskVolumeSource', 'Represents a Persistent Disk resource in Google Compute Engine.', { pdName: str(), fsType: str(), partition: i32(), readOnly: bool() }, { required: ['pdName'] });
d('AWSElasticBlockStoreVolumeSource', 'Represents a Persistent Disk resource in AWS.', { volumeID: str(), fsType: str(), partition: i32(), readOnly: bool() }, { required: ['volumeID'] });
d('GitRepoVolumeSource', 'Represents a volume that is populated with the contents of a git repository. Deprecated.', { repository: str(), revision: str(), directory: str() }, { required: ['repository'] });
const iscsi = (secret: Schema): Record<string, Schema> => ({
  targetPortal: str(), iqn: str(), lun: i32(), iscsiInterface: str(), fsType: str(), readOnly: bool(), portals: strs(),
  chapAuthDiscovery: bool(), chapAuthSession: bool(), secretRef: secret, initiatorName: str(),
});
d('ISCSIVolumeSource', 'Represents an ISCSI disk.', iscsi(localRef()), { required: ['targetPortal', 'iqn', 'lun'] });
d('ISCSIPersistentVolumeSource', 'ISCSIPersistentVolumeSource represents an ISCSI disk.', iscsi(secretRef()), { required: ['targetPortal', 'iqn', 'lun'] });
d('GlusterfsVolumeSource', 'Represents a Glusterfs mount that lasts the lifetime of a pod.', { endpoints: str(), path: str(), readOnly: bool() }, { required: ['endpoints', 'path'] });
d('GlusterfsPersistentVolumeSource', 'Represents a Glusterfs mount that lasts the lifetime of a pod.', { endpoints: str(), path: str(), readOnly: bool(), endpointsNamespace: str() }, { required: ['endpoints', 'path'] });
const rbd = (secret: Schema): Record<string, Schema> => ({ monitors: strs(), image: str(), fsType: str(), pool: str(), user: str(), keyring: str(), secretRef: secret, readOnly: bool() });
d('RBDVolumeSource', 'Represents a Rados Block Device mount that lasts the lifetime of a pod.', rbd(localRef()), { required: ['monitors', 'image'] });
d('RBDPersistentVolumeSource', 'Represents a Rados Block Device mount that lasts the lifetime of a pod.', rbd(secretRef()), { required: ['monitors', 'image'] });
d('FlexVolumeSource', 'FlexVolume represents a generic volume resource that is provisioned/attached using an exec based plugin.', { driver: str(), fsType: str(), secretRef: localRef(), readOnly: bool(), options: strMap() }, { required: ['driver'] });
d('FlexPersistentVolumeSource', 'FlexPersistentVolumeSource represents a generic persistent volume resource.', { driver: str(), fsType: str(), secretRef: secretRef(), readOnly: bool(), options: strMap() }, { required: ['driver'] });
d('CinderVolumeSource', 'Represents a cinder volume resource in Openstack.', { volumeID: str(), fsType: str(), readOnly: bool(), secretRef: localRef() }, { required: ['volumeID'] });
d('CinderPersistentVolumeSource', 'Represents a cinder volume resource in Openstack.', { volumeID: str(), fsType: str(), readOnly: bool(), secretRef: secretRef() }, { required: ['volumeID'] });
d('CephFSVolumeSource', 'Represents a Ceph Filesystem mount that lasts the lifetime of a pod.', { monitors: strs(), path: str(), user: str(), secretFile: str(), secretRef: localRef(), readOnly: bool() }, { required: ['monitors'] });
d('CephFSPersistentVolumeSource', 'Represents a Ceph Filesystem mount that lasts the lifetime of a pod.', { monitors: strs(), path: str(), user: str(), secretFile: str(), secretRef: secretRef(), readOnly: bool() }, { required: ['monitors'] });
d('FlockerVolumeSource', 'Represents a Flocker volume mounted by the Flocker agent.', { datasetName: str(), datasetUUID: str() });
d('FCVolumeSource', 'Represents a Fibre Channel volume.', { targetWWNs: strs(), lun: i32(), fsType: str(), readOnly: bool(), wwids: strs() });
d('VsphereVirtualDiskVolumeSource', 'Represents a vSphere volume resource.', { volumePath: str(), fsType: str(), storagePolicyName: str(), storagePolicyID: str() }, { required: ['volumePath'] });
d('QuobyteVolumeSource', 'Represents a Quobyte mount that lasts the lifetime of a pod.', { registry: str(), volume: str(), readOnly: bool(), user: str(), group: str(), tenant: str() }, { required: ['registry', 'volume'] });
d('PhotonPersistentDiskVolumeSource', 'Represents a Photon Controller persistent disk resource.', { pdID: str(), fsType: str() }, { required: ['pdID'] });
d('PortworxVolumeSource', 'PortworxVolumeSource represents a Portworx volume resource.', { volumeID: str(), fsType: str(), readOnly: bool() }, { required: ['volumeID'] });
const scaleIO = (secret: Schema): Record<string, Schema> => ({
  gateway: str(), system: str(), secretRef: secret, sslEnabled: bool(), protectionDomain: str(), storagePool: str(),
  storageMode: str(), volumeName: str(), fsType: str(), readOnly: bool(),
});
d('ScaleIOVolumeSource', 'ScaleIOVolumeSource represents a persistent ScaleIO volume', scaleIO(localRef()), { required: ['gateway', 'system', 'secretRef'] });
d('ScaleIOPersistentVolumeSource', 'ScaleIOPersistentVolumeSource represents a persistent ScaleIO volume', scaleIO(secretRef()), { required: ['gateway', 'system', 'secretRef'] });
d('StorageOSVolumeSource', 'Represents a StorageOS persistent volume resource.', { volumeName: str(), volumeNamespace: str(), fsType: str(), readOnly: bool(), secretRef: localRef() });
d('StorageOSPersistentVolumeSource', 'Represents a StorageOS persistent volume resource.', { volumeName: str(), volumeNamespace: str(), fsType: str(), readOnly: bool(), secretRef: r('ObjectReference') });
d('AzureFilePersistentVolumeSource', 'AzureFile represents an Azure File Service mount on the host and bind mount to the pod.', { secretName: str(), shareName: str(), readOnly: bool(), secretNamespace: str() }, { required: ['secretName', 'shareName'] });
d('LocalVolumeSource', 'Local represents directly-attached storage with node affinity', {
  path: str('path of the full path to the volume on the node.'),
  fsType: str('fsType is the filesystem type to mount.'),
}, { required: ['path'] });
d('CSIPersistentVolumeSource', 'Represents storage that is managed by an external CSI volume driver', {
  driver: str('driver is the name of the driver to use for this volume. Required.'),
  volumeHandle: str('volumeHandle is the unique volume name returned by the CSI volume plugin’s CreateVolume to refer to the volume on all subsequent calls. Required.'),
  readOnly: bool(), fsType: str(), volumeAttributes: strMap(),
  controllerPublishSecretRef: secretRef(), nodeStageSecretRef: secretRef(), nodePublishSecretRef: secretRef(),
  controllerExpandSecretRef: secretRef(), nodeExpandSecretRef: secretRef(),
}, { required: ['driver', 'volumeHandle'] });

/** VolumeSource is embedded in Volume: its fields appear at the Volume level. */
d('Volume', 'Volume represents a named volume in a pod that may be accessed by any container in the pod.', {
  name: str("name of the volume. Must be a DNS_LABEL and unique within the pod."),
  hostPath: r('HostPathVolumeSource', 'hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container.'),
  emptyDir: r('EmptyDirVolumeSource', "emptyDir represents a temporary directory that shares a pod's lifetime."),
  gcePersistentDisk: r('GCEPersistentDiskVolumeSource'),
  awsElasticBlockStore: r('AWSElasticBlockStoreVolumeSource'),
  gitRepo: r('GitRepoVolumeSource'),
  secret: r('SecretVolumeSource', 'secret represents a secret that should populate this volume.'),
  nfs: r('NFSVolumeSource', "nfs represents an NFS mount on the host that shares a pod's lifetime"),
  iscsi: r('ISCSIVolumeSource'),
  glusterfs: r('GlusterfsVolumeSource'),
  persistentVolumeClaim: r('PersistentVolumeClaimVolumeSource', 'persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace.'),
  rbd: r('RBDVolumeSource'),
  flexVolume: r('FlexVolumeSource'),
  cinder: r('CinderVolumeSource'),
  cephfs: r('CephFSVolumeSource'),
  flocker: r('FlockerVolumeSource'),
  downwardAPI: r('DownwardAPIVolumeSource', 'downwardAPI represents downward API about the pod that should populate this volume'),
  fc: r('FCVolumeSource'),
  azureFile: r('AzureFileVolumeSource', 'azureFile represents an Azure File Service mount on the host and bind mount to the pod.'),
  configMap: r('ConfigMapVolumeSource', 'configMap represents a configMap that should populate this volume'),
  vsphereVolume: r('VsphereVirtualDiskVolumeSource'),
  quobyte: r('QuobyteVolumeSource'),
  azureDisk: r('AzureDiskVolumeSource', 'azureDisk represents an Azure Data Disk mount on the host and bind mount to the pod.'),
  photonPersistentDisk: r('PhotonPersistentDiskVolumeSource'),
  projected: r('ProjectedVolumeSource', 'projected items for all in one resources secrets, configmaps, and downward API'),
  portworxVolume: r('PortworxVolumeSource'),
  scaleIO: r('ScaleIOVolumeSource'),
  storageos: r('StorageOSVolumeSource'),
  csi: r('CSIVolumeSource', 'csi (Container Storage Interface) represents ephemeral storage that is handled by certain external CSI drivers.'),
  ephemeral: r('EphemeralVolumeSource', 'ephemeral represents a volume that is handled by a cluster storage driver.'),
  image: r('ImageVolumeSource', 'image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet\'s host machine.'),
}, { required: ['name'] });

// ---- Pod ----
d('PodSpec', 'PodSpec is a description of a pod.', {
  volumes: arr(r('Volume'), 'List of volumes that can be mounted by containers belonging to the pod.', 'name'),
  initContainers: arr(r('Container'), 'List of initialization containers belonging to the pod, run in order before the app containers start.', 'name'),
  containers: arr(r('Container'), 'List of containers belonging to the pod. There must be at least one container in a Pod. Cannot be updated.', 'name'),
  ephemeralContainers: arr(r('EphemeralContainer'), 'List of ephemeral containers run in this pod, for user-initiated actions such as debugging.', 'name'),
  restartPolicy: named('v1.RestartPolicy', ['Always', 'OnFailure', 'Never'], 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always.'),
  terminationGracePeriodSeconds: i64('Optional duration in seconds the pod needs to terminate gracefully. Defaults to 30 seconds.'),
  activeDeadlineSeconds: i64('Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers.'),
  dnsPolicy: named('v1.DNSPolicy', ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'], "Set DNS policy for the pod. Defaults to \"ClusterFirst\"."),
  nodeSelector: strMap("NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
  serviceAccountName: str('ServiceAccountName is the name of the ServiceAccount to use to run this pod.'),
  serviceAccount: str('DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.'),
  automountServiceAccountToken: bool('AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.'),
  nodeName: str('NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler.'),
  hostNetwork: bool("Host networking requested for this pod. Use the host's network namespace. Default to false."),
  hostPID: bool("Use the host's pid namespace. Optional: Default to false."),
  hostIPC: bool("Use the host's ipc namespace. Optional: Default to false."),
  shareProcessNamespace: bool('Share a single process namespace between all of the containers in a pod.'),
  securityContext: r('PodSecurityContext', 'SecurityContext holds pod-level security attributes and common container settings.'),
  imagePullSecrets: arr(localRef(), 'ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec.', 'name'),
  hostname: str("Specifies the hostname of the Pod. If not specified, the pod's hostname will be set to a system-defined value."),
  subdomain: str('If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>".'),
  affinity: r('Affinity', "If specified, the pod's scheduling constraints"),
  schedulerName: str('If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.'),
  tolerations: arr(r('Toleration'), "If specified, the pod's tolerations."),
  hostAliases: arr(r('HostAlias'), "HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.", 'ip'),
  priorityClassName: str('If specified, indicates the pod\'s priority. "system-node-critical" and "system-cluster-critical" are two special keywords.'),
  priority: i32('The priority value. Various system components use this field to find the priority of the pod.'),
  dnsConfig: r('PodDNSConfig', 'Specifies the DNS parameters of a pod.'),
  readinessGates: arr(r('PodReadinessGate'), 'If specified, all readiness gates will be evaluated for pod readiness.'),
  runtimeClassName: str('RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.'),
  enableServiceLinks: bool("EnableServiceLinks indicates whether information about services should be injected into pod's environment variables. Optional: Defaults to true."),
  preemptionPolicy: named('v1.PreemptionPolicy', ['Never', 'PreemptLowerPriority'], 'PreemptionPolicy is the Policy for preempting pods with lower priority. Defaults to PreemptLowerPriority.'),
  overhead: resourceList('Overhead represents the resource overhead associated with running a pod for a given RuntimeClass.'),
  topologySpreadConstraints: arr(r('TopologySpreadConstraint'), 'TopologySpreadConstraints describes how a group of pods ought to spread across topology domains.', 'topologyKey'),
  setHostnameAsFQDN: bool("If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default)."),
  os: r('PodOS', 'Specifies the OS of the containers in the pod.'),
  hostUsers: bool("Use the host's user namespace. Optional: Default to true."),
  schedulingGates: arr(r('PodSchedulingGate'), 'SchedulingGates is an opaque list of values that if specified will block scheduling the pod.', 'name'),
  resourceClaims: arr(r('PodResourceClaim'), 'ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.', 'name'),
  resources: r('ResourceRequirements', 'Resources is the total amount of CPU and Memory resources required by all containers in the pod (alpha, PodLevelResources).'),
}, { required: ['containers'] });

d('PodStatus', 'PodStatus represents information about the status of a pod.', {
  phase: named('v1.PodPhase', ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'], 'The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle.'),
  conditions: arr(r('PodCondition'), 'Current service state of pod.', 'type'),
  message: str('A human readable message indicating details about why the pod is in this condition.'),
  reason: str("A brief CamelCase message indicating details about why the pod is in this state. e.g. 'Evicted'"),
  nominatedNodeName: str('nominatedNodeName is set only when this pod preempts other pods on the node.'),
  hostIP: str('hostIP holds the IP address of the host to which the pod is assigned.'),
  hostIPs: arr(r('HostIP'), 'hostIPs holds the IP addresses allocated to the host.'),
  podIP: str('podIP address allocated to the pod. Routable at least within the cluster.'),
  podIPs: arr(r('PodIP'), 'podIPs holds the IP addresses allocated to the pod.', 'ip'),
  startTime: time('RFC 3339 date and time at which the object was acknowledged by the Kubelet.'),
  initContainerStatuses: arr(r('ContainerStatus'), 'Statuses of init containers in this pod.'),
  containerStatuses: arr(r('ContainerStatus'), 'Statuses of containers in this pod.'),
  qosClass: named('v1.PodQOSClass', ['Guaranteed', 'Burstable', 'BestEffort'], 'The Quality of Service (QOS) classification assigned to the pod based on resource requirements.'),
  ephemeralContainerStatuses: arr(r('ContainerStatus'), 'Statuses for any ephemeral containers that have run in this pod.'),
  resize: named('v1.PodResizeStatus', ['Proposed', 'InProgress', 'Deferred', 'Infeasible'], 'Status of resources resize desired for pod\'s containers.'),
  resourceClaimStatuses: arr(r('PodResourceClaimStatus'), 'Status of resource claims.', 'name'),
});
d('PodCondition', 'PodCondition contains details for the current condition of this pod.', {
  type: named('v1.PodConditionType', ['ContainersReady', 'Initialized', 'Ready', 'PodScheduled', 'DisruptionTarget', 'PodReadyToStartContainers'], 'Type is the type of the condition.'),
  status: conditionStatus(),
  lastProbeTime: time('Last time we probed the condition.'),
  lastTransitionTime: time('Last time the condition transitioned from one status to another.'),
  reason: str("Unique, one-word, CamelCase reason for the condition's last transition."),
  message: str('Human-readable message indicating details about last transition.'),
}, { required: ['type', 'status'] });
d('HostIP', 'HostIP represents a single IP address allocated to the host.', { ip: str('IP is the IP address assigned to the host') }, { required: ['ip'] });
d('PodIP', 'PodIP represents a single IP address allocated to the pod.', { ip: str('IP is the IP address assigned to the pod') }, { required: ['ip'] });
d('PodResourceClaimStatus', 'PodResourceClaimStatus is stored in the PodStatus for each PodResourceClaim which references a ResourceClaimTemplate.', {
  name: str(), resourceClaimName: str(),
}, { required: ['name'] });
d('ContainerStatus', 'ContainerStatus contains details for the current status of this container.', {
  name: str('Name is a DNS_LABEL representing the unique name of the container.'),
  state: r('ContainerState', "State holds details about the container's current condition."),
  lastState: r('ContainerState', "LastTerminationState holds the last termination state of the container."),
  ready: bool('Ready specifies whether the container is currently passing its readiness check.'),
  restartCount: i32('RestartCount holds the number of times the container has been restarted.'),
  image: str('Image is the name of container image that the container is running.'),
  imageID: str("ImageID is the image ID of the container's image."),
  containerID: str("ContainerID is the ID of the container in the format '<type>://<container_id>'."),
  started: bool('Started indicates whether the container has finished its postStart lifecycle hook and passed its startup probe.'),
  allocatedResources: resourceList('AllocatedResources represents the compute resources allocated for this container by the node.'),
  resources: r('ResourceRequirements', 'Resources represents the compute resource requests and limits that have been successfully enacted on the running container.'),
  volumeMounts: arr(r('VolumeMountStatus'), 'Status of volume mounts.', 'mountPath'),
  user: r('ContainerUser', 'User represents user identity information initially attached to the first process of the container'),
  allocatedResourcesStatus: arr(r('ResourceStatus'), 'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.', 'name'),
}, { required: ['name', 'ready', 'restartCount', 'image', 'imageID'] });
d('ContainerState', 'ContainerState holds a possible state of container. Only one of its members may be specified.', {
  waiting: r('ContainerStateWaiting', 'Details about a waiting container'),
  running: r('ContainerStateRunning', 'Details about a running container'),
  terminated: r('ContainerStateTerminated', 'Details about a terminated container'),
});
d('ContainerStateWaiting', 'ContainerStateWaiting is a waiting state of a container.', {
  reason: str('(brief) reason the container is not yet running.'),
  message: str('Message regarding why the container is not yet running.'),
});
d('ContainerStateRunning', 'ContainerStateRunning is a running state of a container.', {
  startedAt: time('Time at which the container was last (re-)started'),
});
d('ContainerStateTerminated', 'ContainerStateTerminated is a terminated state of a container.', {
  exitCode: i32('Exit status from the last termination of the container'),
  signal: i32('Signal from the last termination of the container'),
  reason: str('(brief) reason from the last termination of the container'),
  message: str('Message regarding the last termination of the container'),
  startedAt: time('Time at which previous execution of the container started'),
  finishedAt: time('Time at which the container last terminated'),
  containerID: str("Container's ID in the format '<type>://<container_id>'"),
}, { required: ['exitCode'] });
d('VolumeMountStatus', 'VolumeMountStatus shows status of volume mounts.', {
  name: str(), mountPath: str(), readOnly: bool(), recursiveReadOnly: named('v1.RecursiveReadOnlyMode'),
}, { required: ['name', 'mountPath'] });
d('ContainerUser', 'ContainerUser represents user identity information', { linux: r('LinuxContainerUser') });
d('LinuxContainerUser', 'LinuxContainerUser represents user identity information in Linux containers', {
  uid: i64(), gid: i64(), supplementalGroups: arr(i64()),
}, { required: ['uid', 'gid'] });
d('ResourceStatus', 'ResourceStatus represents the status of a single resource allocated to a Pod.', {
  name: resourceName(), resources: arr(r('ResourceHealth'), undefined, 'resourceID'),
}, { required: ['name'] });
d('ResourceHealth', 'ResourceHealth represents the health of a resource.', {
  resourceID: named('v1.ResourceID'), health: named('v1.ResourceHealthStatus', ['Healthy', 'Unhealthy', 'Unknown']),
}, { required: ['resourceID'] });


d('Pod', 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.', {
  ...kindProps(),
  spec: r('PodSpec', 'Specification of the desired behavior of the pod.'),
  status: r('PodStatus', 'Most recently observed status of the pod. This data may not be up to date. Read-only.'),
}, { gvk: { group: '', version: 'v1', kind: 'Pod' } });
d('PodTemplateSpec', 'PodTemplateSpec describes the data a pod should have when created from a template', {
  metadata: objectMeta(),
  spec: r('PodSpec', 'Specification of the desired behavior of the pod.'),
});
d('PodTemplate', 'PodTemplate describes a template for creating copies of a predefined pod.', {
  ...kindProps(),
  template: r('PodTemplateSpec', 'Template defines the pods that will be created from this pod template.'),
}, { gvk: { group: '', version: 'v1', kind: 'PodTemplate' } });

// ---- ReplicationController ----
d('ReplicationController', 'ReplicationController represents the configuration of a replication controller.', {
  ...kindProps(),
  spec: r('ReplicationControllerSpec', 'Spec defines the specification of the desired behavior of the replication controller.'),
  status: r('ReplicationControllerStatus', 'Status is the most recently observed status of the replication controller.'),
}, { gvk: { group: '', version: 'v1', kind: 'ReplicationController' } });
d('ReplicationControllerSpec', 'ReplicationControllerSpec is the specification of a replication controller.', {
  replicas: i32('Replicas is the number of desired replicas. Defaults to 1.'),
  minReadySeconds: i32('Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available.'),
  selector: strMap('Selector is a label query over pods that should match the Replicas count.'),
  template: r('PodTemplateSpec', 'Template is the object that describes the pod that will be created if insufficient replicas are detected.'),
});
d('ReplicationControllerStatus', 'ReplicationControllerStatus represents the current status of a replication controller.', {
  replicas: i32('Replicas is the most recently observed number of replicas.'),
  fullyLabeledReplicas: i32(), readyReplicas: i32(), availableReplicas: i32(),
  observedGeneration: i64('ObservedGeneration reflects the generation of the most recently observed replication controller.'),
  conditions: arr(r('ReplicationControllerCondition'), undefined, 'type'),
}, { required: ['replicas'] });
condition('ReplicationControllerCondition', 'v1.ReplicationControllerConditionType');

// ---- Service, Endpoints ----
d('Service', 'Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.', {
  ...kindProps(),
  spec: r('ServiceSpec', 'Spec defines the behavior of a service.'),
  status: r('ServiceStatus', 'Most recently observed status of the service. Populated by the system. Read-only.'),
}, { gvk: { group: '', version: 'v1', kind: 'Service' } });
d('ServiceSpec', 'ServiceSpec describes the attributes that a user creates on a service.', {
  ports: arr(r('ServicePort'), 'The list of ports that are exposed by this service.', 'port'),
  selector: strMap('Route service traffic to pods with label keys and values matching this selector.'),
  clusterIP: str('clusterIP is the IP address of the service and is usually assigned randomly. "None" makes a headless service.'),
  clusterIPs: strs('ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly.'),
  type: named('v1.ServiceType', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], 'type determines how the Service is exposed. Defaults to ClusterIP.'),
  externalIPs: strs('externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
  sessionAffinity: named('v1.ServiceAffinity', ['ClientIP', 'None'], 'Supports "ClientIP" and "None". Used to maintain session affinity. Defaults to None.'),
  loadBalancerIP: str('Only applies to Service Type: LoadBalancer. Deprecated.'),
  loadBalancerSourceRanges: strs('If specified and supported by the platform, traffic through the cloud-provider load-balancer will be restricted to the specified client IPs.'),
  externalName: str('externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record).'),
  externalTrafficPolicy: named('v1.ServiceExternalTrafficPolicy', ['Cluster', 'Local'], 'externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service\'s "externally-facing" addresses.'),
  healthCheckNodePort: i32('healthCheckNodePort specifies the healthcheck nodePort for the service.'),
  publishNotReadyAddresses: bool('publishNotReadyAddresses indicates that any agent which deals with endpoints for this Service should disregard any indications of ready/not-ready.'),
  sessionAffinityConfig: r('SessionAffinityConfig', 'sessionAffinityConfig contains the configurations of session affinity.'),
  ipFamilies: arr(named('v1.IPFamily', ['IPv4', 'IPv6']), 'IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.'),
  ipFamilyPolicy: named('v1.IPFamilyPolicy', ['SingleStack', 'PreferDualStack', 'RequireDualStack'], 'IPFamilyPolicy represents the dual-stack-ness requested or required by this Service.'),
  allocateLoadBalancerNodePorts: bool('allocateLoadBalancerNodePorts defines if NodePorts will be automatically allocated for services with type LoadBalancer. Default is "true".'),
  loadBalancerClass: str('loadBalancerClass is the class of the load balancer implementation this Service belongs to.'),
  internalTrafficPolicy: named('v1.ServiceInternalTrafficPolicy', ['Cluster', 'Local'], 'InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP.'),
  trafficDistribution: str('TrafficDistribution offers a way to express preferences for how traffic is distributed to Service endpoints.'),
});
d('ServicePort', "ServicePort contains information on service's port.", {
  name: str('The name of this port within the service. This must be a DNS_LABEL.'),
  protocol: protocol('The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.'),
  appProtocol: str('The application protocol for this port.'),
  port: i32('The port that will be exposed by this service.'),
  targetPort: intOrString("Number or name of the port to access on the pods targeted by the service. Defaults to the value of the 'port' field."),
  nodePort: i32('The port on each node on which this service is exposed when type is NodePort or LoadBalancer.'),
}, { required: ['port'] });
d('SessionAffinityConfig', 'SessionAffinityConfig represents the configurations of session affinity.', {
  clientIP: r('ClientIPConfig', 'clientIP contains the configurations of Client IP based session affinity.'),
});
d('ClientIPConfig', 'ClientIPConfig represents the configurations of Client IP based session affinity.', {
  timeoutSeconds: i32('timeoutSeconds specifies the seconds of ClientIP type session sticky time. Default value is 10800 (3 hours).'),
});
d('ServiceStatus', 'ServiceStatus represents the current status of a service.', {
  loadBalancer: r('LoadBalancerStatus', 'LoadBalancer contains the current status of the load-balancer, if one is present.'),
  conditions: arr(meta('Condition'), 'Current service state', 'type'),
});
d('LoadBalancerStatus', 'LoadBalancerStatus represents the status of a load-balancer.', {
  ingress: arr(r('LoadBalancerIngress'), 'Ingress is a list containing ingress points for the load-balancer.'),
});
d('LoadBalancerIngress', 'LoadBalancerIngress represents the status of a load-balancer ingress point.', {
  ip: str('IP is set for load-balancer ingress points that are IP based.'),
  hostname: str('Hostname is set for load-balancer ingress points that are DNS based.'),
  ipMode: named('v1.LoadBalancerIPMode', ['VIP', 'Proxy'], 'IPMode specifies how the load-balancer IP behaves.'),
  ports: arr(r('PortStatus'), 'Ports is a list of records of service ports.'),
});
d('PortStatus', 'PortStatus represents the error condition of a service port', {
  port: i32(), protocol: protocol(), error: str(),
}, { required: ['port', 'protocol'] });

d('Endpoints', 'Endpoints is a collection of endpoints that implement the actual service.', {
  ...kindProps(),
  subsets: arr(r('EndpointSubset'), 'The set of all endpoints is the union of all subsets.'),
}, { gvk: { group: '', version: 'v1', kind: 'Endpoints' } });
d('EndpointSubset', 'EndpointSubset is a group of addresses with a common set of ports.', {
  addresses: arr(r('EndpointAddress'), 'IP addresses which offer the related ports that are marked as ready.'),
  notReadyAddresses: arr(r('EndpointAddress'), 'IP addresses which offer the related ports but are not currently marked as ready.'),
  ports: arr(r('EndpointPort'), 'Port numbers available on the related IP addresses.'),
});
d('EndpointAddress', 'EndpointAddress is a tuple that describes single IP address.', {
  ip: str('The IP of this endpoint.'),
  hostname: str('The Hostname of this endpoint'),
  nodeName: str('Optional: Node hosting this endpoint.'),
  targetRef: r('ObjectReference', 'Reference to object providing the endpoint.'),
}, { required: ['ip'] });
d('EndpointPort', 'EndpointPort is a tuple that describes a single port.', {
  name: str('The name of this port.'),
  port: i32('The port number of the endpoint.'),
  protocol: protocol('The IP protocol for this port. Must be UDP, TCP, or SCTP. Default is TCP.'),
  appProtocol: str('The application protocol for this port.'),
}, { required: ['port'] });

// ---- config ----
d('ConfigMap', 'ConfigMap holds configuration data for pods to consume.', {
  ...kindProps(),
  immutable: bool('Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified).'),
  data: strMap('Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'.'),
  binaryData: map(bytes(), 'BinaryData contains the binary data (base64 encoded in JSON).'),
}, { gvk: { group: '', version: 'v1', kind: 'ConfigMap' } });
d('Secret', 'Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.', {
  ...kindProps(),
  immutable: bool('Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified).'),
  data: map(bytes(), 'Data contains the secret data. The serialized form of the secret data is a base64 encoded string.'),
  stringData: strMap('stringData allows specifying non-binary secret data in string form. It is merged into the data field on write.'),
  type: named('v1.SecretType', ['Opaque', 'kubernetes.io/service-account-token', 'kubernetes.io/dockercfg', 'kubernetes.io/dockerconfigjson', 'kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth', 'kubernetes.io/tls', 'bootstrap.kubernetes.io/token'], 'Used to facilitate programmatic handling of secret data.'),
}, { gvk: { group: '', version: 'v1', kind: 'Secret' } });
d('ServiceAccount', 'ServiceAccount binds together: a name, understood by users, and perhaps by peripheral systems, for an identity; a principal that can be authenticated and authorized; a set of secrets.', {
  ...kindProps(),
  secrets: arr(r('ObjectReference'), 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.', 'name'),
  imagePullSecrets: arr(localRef(), 'ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.'),
  automountServiceAccountToken: bool('AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted.'),
}, { gvk: { group: '', version: 'v1', kind: 'ServiceAccount' } });

// ---- Namespace, Node ----
d('Namespace', 'Namespace provides a scope for Names. Use of multiple namespaces is optional.', {
  ...kindProps(),
  spec: r('NamespaceSpec', 'Spec defines the behavior of the Namespace.'),
  status: r('NamespaceStatus', 'Status describes the current status of a Namespace.'),
}, { gvk: { group: '', version: 'v1', kind: 'Namespace' } });
d('NamespaceSpec', 'NamespaceSpec describes the attributes on a Namespace.', {
  finalizers: arr(named('v1.FinalizerName'), 'Finalizers is an opaque list of values that must be empty to permanently remove object from storage.'),
});
d('NamespaceStatus', 'NamespaceStatus is information about the current status of a Namespace.', {
  phase: named('v1.NamespacePhase', ['Active', 'Terminating'], 'Phase is the current lifecycle phase of the namespace.'),
  conditions: arr(r('NamespaceCondition'), "Represents the latest available observations of a namespace's current state.", 'type'),
});
condition('NamespaceCondition', 'v1.NamespaceConditionType');

d('Node', 'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).', {
  ...kindProps(),
  spec: r('NodeSpec', 'Spec defines the behavior of a node.'),
  status: r('NodeStatus', 'Most recently observed status of the node. Populated by the system. Read-only.'),
}, { gvk: { group: '', version: 'v1', kind: 'Node' } });
d('NodeSpec', 'NodeSpec describes the attributes that a node is created with.', {
  podCIDR: str('PodCIDR represents the pod IP range assigned to the node.'),
  podCIDRs: strs('podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node.'),
  providerID: str('ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>'),
  unschedulable: bool('Unschedulable controls node schedulability of new pods. By default, node is schedulable.'),
  taints: arr(r('Taint'), "If specified, the node's taints."),
  configSource: r('NodeConfigSource', 'Deprecated: Previously used to specify the source of the node\'s configuration for the DynamicKubeletConfig feature.'),
  externalID: str('Deprecated. Not all kubelets will set this field.'),
});
d('NodeConfigSource', 'NodeConfigSource specifies a source of node configuration.', { configMap: r('ConfigMapNodeConfigSource') });
d('ConfigMapNodeConfigSource', 'ConfigMapNodeConfigSource contains the information to reference a ConfigMap as a config source for the Node.', {
  namespace: str(), name: str(), uid: named('types.UID'), resourceVersion: str(), kubeletConfigKey: str(),
}, { required: ['namespace', 'name', 'kubeletConfigKey'] });
d('NodeStatus', 'NodeStatus is information about the current status of a node.', {
  capacity: resourceList('Capacity represents the total resources of a node.'),
  allocatable: resourceList('Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.'),
  phase: named('v1.NodePhase', ['Pending', 'Running', 'Terminated'], 'NodePhase is the recently observed lifecycle phase of the node. Deprecated.'),
  conditions: arr(r('NodeCondition'), 'Conditions is an array of current observed node conditions.', 'type'),
  addresses: arr(r('NodeAddress'), 'List of addresses reachable to the node.', 'type'),
  daemonEndpoints: r('NodeDaemonEndpoints', 'Endpoints of daemons running on the Node.'),
  nodeInfo: r('NodeSystemInfo', 'Set of ids/uuids to uniquely identify the node.'),
  images: arr(r('ContainerImage'), 'List of container images on this node'),
  volumesInUse: arr(named('v1.UniqueVolumeName'), 'List of attachable volumes in use (mounted) by the node.'),
  volumesAttached: arr(r('AttachedVolume'), 'List of volumes that are attached to the node.'),
  config: r('NodeConfigStatus', 'Status of the config assigned to the node via the dynamic Kubelet config feature.'),
  runtimeHandlers: arr(r('NodeRuntimeHandler'), 'The available runtime handlers.'),
  features: r('NodeFeatures', 'Features describes the set of features implemented by the CRI implementation.'),
});
d('NodeCondition', 'NodeCondition contains condition information for a node.', {
  type: named('v1.NodeConditionType', ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'], 'Type of node condition.'),
  status: conditionStatus(),
  lastHeartbeatTime: time('Last time we got an update on a given condition.'),
  lastTransitionTime: time('Last time the condition transit from one status to another.'),
  reason: str("(brief) reason for the condition's last transition."),
  message: str('Human readable message indicating details about last transition.'),
}, { required: ['type', 'status'] });
d('NodeAddress', "NodeAddress contains information for the node's address.", {
  type: named('v1.NodeAddressType', ['Hostname', 'InternalIP', 'ExternalIP', 'InternalDNS', 'ExternalDNS'], 'Node address type, one of Hostname, ExternalIP or InternalIP.'),
  address: str('The node address.'),
}, { required: ['type', 'address'] });
d('NodeDaemonEndpoints', 'NodeDaemonEndpoints lists ports opened by daemons running on the Node.', {
  kubeletEndpoint: r('DaemonEndpoint', 'Endpoint on which Kubelet is listening.'),
});
// The JSON name really is "Port" (capitalised) in the Go struct tag.
d('DaemonEndpoint', 'DaemonEndpoint contains information about a single Daemon endpoint.', { Port: i32('Port number of the given endpoint.') }, { required: ['Port'] });
d('NodeSystemInfo', 'NodeSystemInfo is a set of ids/uuids to uniquely identify the node.', {
  machineID: str(), systemUUID: str(), bootID: str(), kernelVersion: str(), osImage: str(),
  containerRuntimeVersion: str(), kubeletVersion: str(), kubeProxyVersion: str(),
  operatingSystem: str(), architecture: str(), swap: r('NodeSwapStatus'),
}, { required: ['machineID', 'systemUUID', 'bootID', 'kernelVersion', 'osImage', 'containerRuntimeVersion', 'kubeletVersion', 'kubeProxyVersion', 'operatingSystem', 'architecture'] });
d('NodeSwapStatus', 'NodeSwapStatus represents swap memory information.', { capacity: i64('Total amount of swap memory in bytes.') });
d('ContainerImage', 'Describe a container image', { names: strs(), sizeBytes: i64() });
d('AttachedVolume', 'AttachedVolume describes a volume attached to a node', { name: named('v1.UniqueVolumeName'), devicePath: str() }, { required: ['name', 'devicePath'] });
d('NodeConfigStatus', 'NodeConfigStatus describes the status of the config assigned by Node.Spec.ConfigSource.', {
  assigned: r('NodeConfigSource'), active: r('NodeConfigSource'), lastKnownGood: r('NodeConfigSource'), error: str(),
});
d('NodeRuntimeHandler', 'NodeRuntimeHandler is a set of runtime handler information.', { name: str(), features: r('NodeRuntimeHandlerFeatures') });
d('NodeRuntimeHandlerFeatures', 'NodeRuntimeHandlerFeatures is a set of features implemented by the runtime handler.', { recursiveReadOnlyMounts: bool(), userNamespaces: bool() });
d('NodeFeatures', 'NodeFeatures describes the set of features implemented by the CRI implementation.', { supplementalGroupsPolicy: bool() });

// ---- Event (core/v1) ----
d('Event', 'Event is a report of an event somewhere in the cluster.', {
  ...kindProps(),
  involvedObject: r('ObjectReference', 'The object that this event is about.'),
  reason: str('This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
  message: str('A human-readable description of the status of this operation.'),
  source: r('EventSource', 'The component reporting this event. Should be a short machine understandable string.'),
  firstTimestamp: time('The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
  lastTimestamp: time('The time at which the most recent occurrence of this event was recorded.'),
  count: i32('The number of times this event has occurred.'),
  type: str('Type of this event (Normal, Warning), new types could be added in the future'),
  eventTime: microTime('Time when this Event was first observed.'),
  series: r('EventSeries', 'Data about the Event series this event represents or nil if it\'s a singleton Event.'),
  action: str('What action was taken/failed regarding to the Regarding object.'),
  related: r('ObjectReference', 'Optional secondary object for more complex actions.'),
  reportingComponent: str('Name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.'),
  reportingInstance: str('ID of the controller instance, e.g. `kubelet-xyzf`.'),
}, { required: ['metadata', 'involvedObject'], gvk: { group: '', version: 'v1', kind: 'Event' } });
d('EventSource', 'EventSource contains information for an event.', {
  component: str('Component from which the event is generated.'),
  host: str('Node name on which the event is generated.'),
});
d('EventSeries', 'EventSeries contain information on series of events, i.e. thing that was/is happening continuously for some time.', {
  count: i32('Number of occurrences in this series up to the last heartbeat time'),
  lastObservedTime: microTime('Time of the last occurrence observed'),
});

// ---- storage: PVC, PV ----
d('PersistentVolumeClaim', "PersistentVolumeClaim is a user's request for and claim to a persistent volume", {
  ...kindProps(),
  spec: r('PersistentVolumeClaimSpec', 'spec defines the desired characteristics of a volume requested by a pod author.'),
  status: r('PersistentVolumeClaimStatus', 'status represents the current information/status of a persistent volume claim. Read-only.'),
}, { gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' } });
d('PersistentVolumeClaimSpec', 'PersistentVolumeClaimSpec describes the common attributes of storage devices and allows a Source for provider-specific attributes', {
  accessModes: accessModes('accessModes contains the desired access modes the volume should have.'),
  selector: labelSelector('selector is a label query over volumes to consider for binding.'),
  resources: r('VolumeResourceRequirements', 'resources represents the minimum resources the volume should have.'),
  volumeName: str('volumeName is the binding reference to the PersistentVolume backing this claim.'),
  storageClassName: str('storageClassName is the name of the StorageClass required by the claim.'),
  volumeMode: named('v1.PersistentVolumeMode', ['Block', 'Filesystem'], 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.'),
  dataSource: r('TypedLocalObjectReference', 'dataSource field can be used to specify an existing VolumeSnapshot object or an existing PVC.'),
  dataSourceRef: r('TypedObjectReference', 'dataSourceRef specifies the object from which to populate the volume with data, if a non-empty volume is desired.'),
  volumeAttributesClassName: str('volumeAttributesClassName may be used to set the VolumeAttributesClass used by this claim.'),
});
d('VolumeResourceRequirements', 'VolumeResourceRequirements describes the storage resource requirements for a volume.', {
  limits: resourceList('Limits describes the maximum amount of compute resources allowed.'),
  requests: resourceList('Requests describes the minimum amount of compute resources required.'),
});
d('PersistentVolumeClaimStatus', 'PersistentVolumeClaimStatus is the current status of a persistent volume claim.', {
  phase: named('v1.PersistentVolumeClaimPhase', ['Pending', 'Bound', 'Lost'], 'phase represents the current phase of PersistentVolumeClaim.'),
  accessModes: accessModes('accessModes contains the actual access modes the volume backing the PVC has.'),
  capacity: resourceList('capacity represents the actual resources of the underlying volume.'),
  conditions: arr(r('PersistentVolumeClaimCondition'), 'conditions is the current Condition of persistent volume claim.', 'type'),
  allocatedResources: resourceList('allocatedResources tracks the resources allocated to a PVC including its capacity.'),
  allocatedResourceStatuses: map(named('v1.ClaimResourceStatus'), 'allocatedResourceStatuses stores status of resource being resized for the given PVC.', 'map[v1.ResourceName]v1.ClaimResourceStatus'),
  currentVolumeAttributesClassName: str(),
  modifyVolumeStatus: r('ModifyVolumeStatus'),
});
condition('PersistentVolumeClaimCondition', 'v1.PersistentVolumeClaimConditionType', ['lastProbeTime']);
d('ModifyVolumeStatus', 'ModifyVolumeStatus represents the status object of ControllerModifyVolume operation', {
  targetVolumeAttributesClassName: str(), status: named('v1.PersistentVolumeClaimModifyVolumeStatus'),
}, { required: ['status'] });

d('PersistentVolume', 'PersistentVolume (PV) is a storage resource provisioned by an administrator.', {
  ...kindProps(),
  spec: r('PersistentVolumeSpec', 'spec defines a specification of a persistent volume owned by the cluster. Provisioned by an administrator.'),
  status: r('PersistentVolumeStatus', 'status represents the current information/status for the persistent volume. Read-only.'),
}, { gvk: { group: '', version: 'v1', kind: 'PersistentVolume' } });
d('PersistentVolumeSpec', 'PersistentVolumeSpec is the specification of a persistent volume.', {
  capacity: resourceList("capacity is the description of the persistent volume's resources and capacity."),
  // PersistentVolumeSource (embedded)
  gcePersistentDisk: r('GCEPersistentDiskVolumeSource'),
  awsElasticBlockStore: r('AWSElasticBlockStoreVolumeSource'),
  hostPath: r('HostPathVolumeSource', 'hostPath represents a directory on the host. For development/testing only.'),
  glusterfs: r('GlusterfsPersistentVolumeSource'),
  nfs: r('NFSVolumeSource', 'nfs represents an NFS mount on the host.'),
  rbd: r('RBDPersistentVolumeSource'),
  iscsi: r('ISCSIPersistentVolumeSource'),
  cinder: r('CinderPersistentVolumeSource'),
  cephfs: r('CephFSPersistentVolumeSource'),
  fc: r('FCVolumeSource'),
  flocker: r('FlockerVolumeSource'),
  flexVolume: r('FlexPersistentVolumeSource'),
  azureFile: r('AzureFilePersistentVolumeSource'),
  vsphereVolume: r('VsphereVirtualDiskVolumeSource'),
  quobyte: r('QuobyteVolumeSource'),
  azureDisk: r('AzureDiskVolumeSource'),
  photonPersistentDisk: r('PhotonPersistentDiskVolumeSource'),
  portworxVolume: r('PortworxVolumeSource'),
  scaleIO: r('ScaleIOPersistentVolumeSource'),
  local: r('LocalVolumeSource', 'local represents directly-attached storage with node affinity'),
  storageos: r('StorageOSPersistentVolumeSource'),
  csi: r('CSIPersistentVolumeSource', 'csi represents storage that is handled by an external CSI driver.'),
  accessModes: accessModes('accessModes contains all ways the volume can be mounted.'),
  claimRef: r('ObjectReference', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.'),
  persistentVolumeReclaimPolicy: named('v1.PersistentVolumeReclaimPolicy', ['Retain', 'Delete', 'Recycle'], 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.'),
  storageClassName: str('storageClassName is the name of StorageClass to which this persistent volume belongs.'),
  mountOptions: strs('mountOptions is the list of mount options, e.g. ["ro", "soft"].'),
  volumeMode: named('v1.PersistentVolumeMode', ['Block', 'Filesystem'], 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.'),
  nodeAffinity: r('VolumeNodeAffinity', 'nodeAffinity defines constraints that limit what nodes this volume can be accessed from.'),
  volumeAttributesClassName: str('Name of VolumeAttributesClass to which this persistent volume belongs.'),
});
d('VolumeNodeAffinity', 'VolumeNodeAffinity defines constraints that limit what nodes this volume can be accessed from.', {
  required: r('NodeSelector', 'required specifies hard node constraints that must be met.'),
});
d('PersistentVolumeStatus', 'PersistentVolumeStatus is the current status of a persistent volume.', {
  phase: named('v1.PersistentVolumePhase', ['Pending', 'Available', 'Bound', 'Released', 'Failed'], 'phase indicates if a volume is available, bound to a claim, or released by a claim.'),
  message: str(), reason: str(), lastPhaseTransitionTime: time(),
});

// ---- LimitRange, ResourceQuota ----
d('LimitRange', 'LimitRange sets resource usage limits for each kind of resource in a Namespace.', {
  ...kindProps(),
  spec: r('LimitRangeSpec', 'Spec defines the limits enforced.'),
}, { gvk: { group: '', version: 'v1', kind: 'LimitRange' } });
d('LimitRangeSpec', 'LimitRangeSpec defines a min/max usage limit for resources that match on kind.', {
  limits: arr(r('LimitRangeItem'), 'Limits is the list of LimitRangeItem objects that are enforced.'),
}, { required: ['limits'] });
d('LimitRangeItem', 'LimitRangeItem defines a min/max usage limit for any resource that matches on kind.', {
  type: named('v1.LimitType', ['Pod', 'Container', 'PersistentVolumeClaim'], 'Type of resource that this limit applies to.'),
  max: resourceList('Max usage constraints on this kind by resource name.'),
  min: resourceList('Min usage constraints on this kind by resource name.'),
  default: resourceList('Default resource requirement limit value by resource name if resource limit is omitted.'),
  defaultRequest: resourceList('DefaultRequest is the default resource requirement request value by resource name if resource request is omitted.'),
  maxLimitRequestRatio: resourceList('MaxLimitRequestRatio if specified, the named resource must have a request and limit that are both non-zero where limit divided by request is less than or equal to the enumerated value.'),
}, { required: ['type'] });
d('ResourceQuota', 'ResourceQuota sets aggregate quota restrictions enforced per namespace', {
  ...kindProps(),
  spec: r('ResourceQuotaSpec', 'Spec defines the desired quota.'),
  status: r('ResourceQuotaStatus', 'Status defines the actual enforced quota and its current usage.'),
}, { gvk: { group: '', version: 'v1', kind: 'ResourceQuota' } });
d('ResourceQuotaSpec', 'ResourceQuotaSpec defines the desired hard limits to enforce for Quota.', {
  hard: resourceList('hard is the set of desired hard limits for each named resource.'),
  scopes: arr(named('v1.ResourceQuotaScope', ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass']), 'A collection of filters that must match each object tracked by a quota.'),
  scopeSelector: r('ScopeSelector', 'scopeSelector is also a collection of filters like scopes that must match each object tracked by a quota.'),
});
d('ScopeSelector', 'A scope selector represents the AND of the selectors represented by the scoped-resource selector requirements.', {
  matchExpressions: arr(r('ScopedResourceSelectorRequirement'), 'A list of scope selector requirements by scope of the resources.'),
});
d('ScopedResourceSelectorRequirement', 'A scoped-resource selector requirement is a selector that contains values, a scope name, and an operator that relates the scope name and values.', {
  scopeName: named('v1.ResourceQuotaScope', [], 'The name of the scope that the selector applies to.'),
  operator: named('v1.ScopeSelectorOperator', ['In', 'NotIn', 'Exists', 'DoesNotExist'], "Represents a scope's relationship to a set of values."),
  values: strs(),
}, { required: ['scopeName', 'operator'] });
d('ResourceQuotaStatus', 'ResourceQuotaStatus defines the enforced hard limits and observed use.', {
  hard: resourceList('Hard is the set of enforced hard limits for each named resource.'),
  used: resourceList('Used is the current observed total usage of the resource in the namespace.'),
});

// Used by storage.k8s.io StorageClass.
d('TopologySelectorTerm', 'A topology selector term represents the result of label queries.', {
  matchLabelExpressions: arr(r('TopologySelectorLabelRequirement'), 'A list of topology selector requirements by labels.'),
});
d('TopologySelectorLabelRequirement', 'A topology selector requirement is a selector that matches given label.', {
  key: str('The label key that the selector applies to.'),
  values: strs('An array of string values. One value must match the label to be selected.'),
}, { required: ['key', 'values'] });

export const CORE_DEFS: TypeDef[] = c.defs;
