// The other groups a learner writes by hand (Kubernetes 1.32): networking.k8s.io/v1 (Ingress,
// IngressClass, NetworkPolicy), policy/v1 (PodDisruptionBudget), autoscaling/v2 (HPA),
// rbac.authorization.k8s.io/v1, storage.k8s.io/v1 StorageClass, scheduling.k8s.io/v1
// PriorityClass, discovery.k8s.io/v1 EndpointSlice, events.k8s.io/v1 Event, node.k8s.io/v1 RuntimeClass.
import {
  arr, bool, core, i32, i64, intOrString, kindProps, labelSelector, map, meta, microTime, named, pkg, PKG, quantity,
  resourceList, str, strMap, strs, time, TypeDef,
} from './dsl';

const protocol = (desc?: string) => named('v1.Protocol', ['TCP', 'UDP', 'SCTP'], desc);

// ---- networking.k8s.io/v1 ----
const networking = pkg(PKG.networking);
{
  const { d, r } = networking;
  const gvk = (kind: string) => ({ gvk: { group: 'networking.k8s.io', version: 'v1', kind } });
  d('Ingress', 'Ingress is a collection of rules that allow inbound connections to reach the endpoints defined by a backend.', {
    ...kindProps(),
    spec: r('IngressSpec', 'spec is the desired state of the Ingress.'),
    status: r('IngressStatus', 'status is the current state of the Ingress.'),
  }, gvk('Ingress'));
  d('IngressSpec', 'IngressSpec describes the Ingress the user wishes to exist.', {
    ingressClassName: str('ingressClassName is the name of an IngressClass cluster resource.'),
    defaultBackend: r('IngressBackend', 'defaultBackend is the backend that should handle requests that don\'t match any rule.'),
    tls: arr(r('IngressTLS'), 'tls represents the TLS configuration.'),
    rules: arr(r('IngressRule'), 'rules is a list of host rules used to configure the Ingress.'),
  });
  d('IngressBackend', 'IngressBackend describes all endpoints for a given service and port.', {
    service: r('IngressServiceBackend', 'service references a service as a backend. This is a mutually exclusive setting with "Resource".'),
    resource: core('TypedLocalObjectReference', 'resource is an ObjectRef to another Kubernetes resource in the namespace of the Ingress object.'),
  });
  d('IngressServiceBackend', 'IngressServiceBackend references a Kubernetes Service as a Backend.', {
    name: str('name is the referenced service. The service must exist in the same namespace as the Ingress object.'),
    port: r('ServiceBackendPort', 'port of the referenced service. A port name or port number is required for a IngressServiceBackend.'),
  }, { required: ['name'] });
  d('ServiceBackendPort', 'ServiceBackendPort is the service port being referenced.', {
    name: str('name is the name of the port on the Service. This is a mutually exclusive setting with "Number".'),
    number: i32('number is the numerical port number (e.g. 80) on the Service. This is a mutually exclusive setting with "Name".'),
  });
  d('IngressTLS', 'IngressTLS describes the transport layer security associated with an ingress.', {
    hosts: strs('hosts is a list of hosts included in the TLS certificate.'),
    secretName: str('secretName is the name of the secret used to terminate TLS traffic on port 443.'),
  });
  // IngressRuleValue is embedded: `http` sits next to `host`.
  d('IngressRule', 'IngressRule represents the rules mapping the paths under a specified host to the related backend services.', {
    host: str('host is the fully qualified domain name of a network host, as defined by RFC 3986.'),
    http: r('HTTPIngressRuleValue'),
  });
  d('HTTPIngressRuleValue', 'HTTPIngressRuleValue is a list of http selectors pointing to backends.', {
    paths: arr(r('HTTPIngressPath'), 'paths is a collection of paths that map requests to backends.'),
  }, { required: ['paths'] });
  d('HTTPIngressPath', 'HTTPIngressPath associates a path with a backend.', {
    path: str("path is matched against the path of an incoming request."),
    pathType: named('v1.PathType', ['Exact', 'Prefix', 'ImplementationSpecific'], 'pathType determines the interpretation of the path matching: Exact, Prefix or ImplementationSpecific.'),
    backend: r('IngressBackend', 'backend defines the referenced service endpoint to which the traffic will be forwarded to.'),
  }, { required: ['pathType', 'backend'] });
  d('IngressStatus', 'IngressStatus describe the current state of the Ingress.', {
    loadBalancer: r('IngressLoadBalancerStatus', 'loadBalancer contains the current status of the load-balancer.'),
  });
  d('IngressLoadBalancerStatus', 'IngressLoadBalancerStatus represents the status of a load-balancer.', {
    ingress: arr(r('IngressLoadBalancerIngress'), 'ingress is a list containing ingress points for the load-balancer.'),
  });
  d('IngressLoadBalancerIngress', 'IngressLoadBalancerIngress represents the status of a load-balancer ingress point.', {
    ip: str(), hostname: str(), ports: arr(r('IngressPortStatus')),
  });
  d('IngressPortStatus', 'IngressPortStatus represents the error condition of a service port', {
    port: i32(), protocol: protocol(), error: str(),
  }, { required: ['port', 'protocol'] });

  d('IngressClass', 'IngressClass represents the class of the Ingress, referenced by the Ingress Spec.', {
    ...kindProps(),
    spec: r('IngressClassSpec', 'spec is the desired state of the IngressClass.'),
  }, gvk('IngressClass'));
  d('IngressClassSpec', 'IngressClassSpec provides information about the class of an Ingress.', {
    controller: str('controller refers to the name of the controller that should handle this class.'),
    parameters: r('IngressClassParametersReference', 'parameters is a link to a custom resource containing additional configuration for the controller.'),
  });
  d('IngressClassParametersReference', 'IngressClassParametersReference identifies an API object.', {
    apiGroup: str(), kind: str(), name: str(), scope: str(), namespace: str(),
  }, { required: ['kind', 'name'] });

  d('NetworkPolicy', 'NetworkPolicy describes what network traffic is allowed for a set of Pods', {
    ...kindProps(),
    spec: r('NetworkPolicySpec', 'spec represents the specification of the desired behavior for this NetworkPolicy.'),
  }, gvk('NetworkPolicy'));
  d('NetworkPolicySpec', 'NetworkPolicySpec provides the specification of a NetworkPolicy', {
    podSelector: labelSelector('podSelector selects the pods to which this NetworkPolicy object applies. An empty podSelector matches all pods in this namespace.'),
    ingress: arr(r('NetworkPolicyIngressRule'), 'ingress is a list of ingress rules to be applied to the selected pods.'),
    egress: arr(r('NetworkPolicyEgressRule'), 'egress is a list of egress rules to be applied to the selected pods.'),
    policyTypes: arr(named('v1.PolicyType', ['Ingress', 'Egress']), 'policyTypes is a list of rule types that the NetworkPolicy relates to.'),
  });
  d('NetworkPolicyIngressRule', 'NetworkPolicyIngressRule describes a particular set of traffic that is allowed to the pods matched by a NetworkPolicySpec\'s podSelector.', {
    ports: arr(r('NetworkPolicyPort'), 'ports is a list of ports which should be made accessible on the pods selected for this rule.'),
    from: arr(r('NetworkPolicyPeer'), 'from is a list of sources which should be able to access the pods selected for this rule.'),
  });
  d('NetworkPolicyEgressRule', 'NetworkPolicyEgressRule describes a particular set of traffic that is allowed out of pods matched by a NetworkPolicySpec\'s podSelector.', {
    ports: arr(r('NetworkPolicyPort'), 'ports is a list of destination ports for outgoing traffic.'),
    to: arr(r('NetworkPolicyPeer'), 'to is a list of destinations for outgoing traffic of pods selected for this rule.'),
  });
  d('NetworkPolicyPort', 'NetworkPolicyPort describes a port to allow traffic on', {
    protocol: protocol('protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match. Defaults to TCP.'),
    port: intOrString('port represents the port on the given protocol. This can either be a numerical or named port on a pod.'),
    endPort: i32('endPort indicates that the range of ports from port to endPort if set, inclusive, should be allowed by the policy.'),
  });
  d('NetworkPolicyPeer', 'NetworkPolicyPeer describes a peer to allow traffic to/from.', {
    podSelector: labelSelector('podSelector is a label selector which selects pods.'),
    namespaceSelector: labelSelector('namespaceSelector selects namespaces using cluster-scoped labels.'),
    ipBlock: r('IPBlock', 'ipBlock defines policy on a particular IPBlock.'),
  });
  d('IPBlock', 'IPBlock describes a particular CIDR (Ex. "192.168.1.0/24","2001:db8::/64") that is allowed to the pods matched by a NetworkPolicySpec\'s podSelector.', {
    cidr: str('cidr is a string representing the IPBlock. Valid examples are "192.168.1.0/24" or "2001:db8::/64"'),
    except: strs('except is a slice of CIDRs that should not be included within an IPBlock.'),
  }, { required: ['cidr'] });
}

// ---- policy/v1 ----
const policy = pkg(PKG.policy);
{
  const { d, r } = policy;
  d('PodDisruptionBudget', 'PodDisruptionBudget is an object to define the max disruption that can be caused to a collection of pods', {
    ...kindProps(),
    spec: r('PodDisruptionBudgetSpec', 'Specification of the desired behavior of the PodDisruptionBudget.'),
    status: r('PodDisruptionBudgetStatus', 'Most recently observed status of the PodDisruptionBudget.'),
  }, { gvk: { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' } });
  d('PodDisruptionBudgetSpec', 'PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.', {
    minAvailable: intOrString('An eviction is allowed if at least "minAvailable" pods selected by "selector" will still be available after the eviction.'),
    selector: labelSelector('Label query over pods whose evictions are managed by the disruption budget.'),
    maxUnavailable: intOrString('An eviction is allowed if at most "maxUnavailable" pods selected by "selector" are unavailable after the eviction.'),
    unhealthyPodEvictionPolicy: named('v1.UnhealthyPodEvictionPolicyType', ['IfHealthyBudget', 'AlwaysAllow'], 'UnhealthyPodEvictionPolicy defines the criteria for when unhealthy pods should be considered for eviction.'),
  });
  d('PodDisruptionBudgetStatus', 'PodDisruptionBudgetStatus represents information about the status of a PodDisruptionBudget.', {
    observedGeneration: i64('Most recent generation observed when updating this PDB status.'),
    disruptedPods: map(meta('Time'), 'DisruptedPods contains information about pods whose eviction was processed by the API server eviction subresource handler but has not yet been observed by the PodDisruptionBudget controller.'),
    disruptionsAllowed: i32('Number of pod disruptions that are currently allowed.'),
    currentHealthy: i32('current number of healthy pods'),
    desiredHealthy: i32('minimum desired number of healthy pods'),
    expectedPods: i32('total number of pods counted by this disruption budget'),
    conditions: arr(meta('Condition'), 'Conditions contain conditions for PDB.', 'type'),
  }, { required: ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] });
}

// ---- autoscaling/v2 ----
const autoscaling = pkg(PKG.autoscaling);
{
  const { d, r } = autoscaling;
  d('HorizontalPodAutoscaler', 'HorizontalPodAutoscaler is the configuration for a horizontal pod autoscaler, which automatically manages the replica count of any resource implementing the scale subresource.', {
    ...kindProps(),
    spec: r('HorizontalPodAutoscalerSpec', 'spec is the specification for the behaviour of the autoscaler.'),
    status: r('HorizontalPodAutoscalerStatus', 'status is the current information about the autoscaler.'),
  }, { gvk: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' } });
  d('HorizontalPodAutoscalerSpec', 'HorizontalPodAutoscalerSpec describes the desired functionality of the HorizontalPodAutoscaler.', {
    scaleTargetRef: r('CrossVersionObjectReference', 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected.'),
    minReplicas: i32('minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down. It defaults to 1 pod.'),
    maxReplicas: i32('maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.'),
    metrics: arr(r('MetricSpec'), 'metrics contains the specifications for which to use to calculate the desired replica count.'),
    behavior: r('HorizontalPodAutoscalerBehavior', 'behavior configures the scaling behavior of the target in both Up and Down directions.'),
  }, { required: ['scaleTargetRef', 'maxReplicas'] });
  d('CrossVersionObjectReference', 'CrossVersionObjectReference contains enough information to let you identify the referred resource.', {
    kind: str('kind is the kind of the referent'),
    name: str('name is the name of the referent'),
    apiVersion: str('apiVersion is the API version of the referent'),
  }, { required: ['kind', 'name'] });
  d('MetricSpec', 'MetricSpec specifies how to scale based on a single metric (only `type` and one other matching field should be set at once).', {
    type: named('v2.MetricSourceType', ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'], 'type is the type of metric source.'),
    object: r('ObjectMetricSource', 'object refers to a metric describing a single kubernetes object.'),
    pods: r('PodsMetricSource', 'pods refers to a metric describing each pod in the current scale target.'),
    resource: r('ResourceMetricSource', 'resource refers to a resource metric (such as those specified in requests and limits) known to Kubernetes.'),
    containerResource: r('ContainerResourceMetricSource', 'containerResource refers to a resource metric known to Kubernetes describing a single container in each pod of the current scale target.'),
    external: r('ExternalMetricSource', 'external refers to a global metric that is not associated with any Kubernetes object.'),
  }, { required: ['type'] });
  d('MetricTarget', 'MetricTarget defines the target value, average value, or average utilization of a specific metric', {
    type: named('v2.MetricTargetType', ['Utilization', 'Value', 'AverageValue'], 'type represents whether the metric type is Utilization, Value, or AverageValue'),
    value: quantity('value is the target value of the metric (as a quantity).'),
    averageValue: quantity('averageValue is the target value of the average of the metric across all relevant pods (as a quantity)'),
    averageUtilization: i32('averageUtilization is the target value of the average of the resource metric across all relevant pods, represented as a percentage of the requested value of the resource for the pods.'),
  }, { required: ['type'] });
  d('MetricIdentifier', 'MetricIdentifier defines the name and optionally selector for a metric', {
    name: str('name is the name of the given metric'),
    selector: labelSelector('selector is the string-encoded form of a standard kubernetes label selector for the given metric.'),
  }, { required: ['name'] });
  d('ObjectMetricSource', 'ObjectMetricSource indicates how to scale on a metric describing a kubernetes object.', {
    describedObject: r('CrossVersionObjectReference'), target: r('MetricTarget'), metric: r('MetricIdentifier'),
  }, { required: ['describedObject', 'target', 'metric'] });
  d('PodsMetricSource', 'PodsMetricSource indicates how to scale on a metric describing each pod in the current scale target.', {
    metric: r('MetricIdentifier'), target: r('MetricTarget'),
  }, { required: ['metric', 'target'] });
  d('ResourceMetricSource', 'ResourceMetricSource indicates how to scale on a resource metric known to Kubernetes.', {
    name: named('v1.ResourceName', [], 'name is the name of the resource in question.'), target: r('MetricTarget', 'target specifies the target value for the given metric'),
  }, { required: ['name', 'target'] });
  d('ContainerResourceMetricSource', 'ContainerResourceMetricSource indicates how to scale on a resource metric known to Kubernetes.', {
    name: named('v1.ResourceName', [], 'name is the name of the resource in question.'), target: r('MetricTarget'), container: str('container is the name of the container in the pods of the scaling target'),
  }, { required: ['name', 'target', 'container'] });
  d('ExternalMetricSource', 'ExternalMetricSource indicates how to scale on a metric not associated with any Kubernetes object.', {
    metric: r('MetricIdentifier'), target: r('MetricTarget'),
  }, { required: ['metric', 'target'] });
  d('HorizontalPodAutoscalerBehavior', 'HorizontalPodAutoscalerBehavior configures the scaling behavior of the target in both Up and Down directions.', {
    scaleUp: r('HPAScalingRules', 'scaleUp is scaling policy for scaling Up.'),
    scaleDown: r('HPAScalingRules', 'scaleDown is scaling policy for scaling Down.'),
  });
  d('HPAScalingRules', 'HPAScalingRules configures the scaling behavior for one direction.', {
    stabilizationWindowSeconds: i32('stabilizationWindowSeconds is the number of seconds for which past recommendations should be considered while scaling up or scaling down.'),
    selectPolicy: named('v2.ScalingPolicySelect', ['Max', 'Min', 'Disabled'], 'selectPolicy is used to specify which policy should be used. If not set, the default value Max is used.'),
    policies: arr(r('HPAScalingPolicy'), 'policies is a list of potential scaling polices which can be used during scaling.'),
  });
  d('HPAScalingPolicy', 'HPAScalingPolicy is a single policy which must hold true for a specified past interval.', {
    type: named('v2.HPAScalingPolicyType', ['Pods', 'Percent'], 'type is used to specify the scaling policy.'),
    value: i32('value contains the amount of change which is permitted by the policy. It must be greater than zero'),
    periodSeconds: i32('periodSeconds specifies the window of time for which the policy should hold true.'),
  }, { required: ['type', 'value', 'periodSeconds'] });
  d('HorizontalPodAutoscalerStatus', 'HorizontalPodAutoscalerStatus describes the current status of a horizontal pod autoscaler.', {
    observedGeneration: i64('observedGeneration is the most recent generation observed by this autoscaler.'),
    lastScaleTime: time('lastScaleTime is the last time the HorizontalPodAutoscaler scaled the number of pods.'),
    currentReplicas: i32('currentReplicas is current number of replicas of pods managed by this autoscaler.'),
    desiredReplicas: i32('desiredReplicas is the desired number of replicas of pods managed by this autoscaler.'),
    currentMetrics: arr(r('MetricStatus'), 'currentMetrics is the last read state of the metrics used by this autoscaler.'),
    conditions: arr(r('HorizontalPodAutoscalerCondition'), 'conditions is the set of conditions required for this autoscaler to scale its target.', 'type'),
  }, { required: ['desiredReplicas'] });
  d('MetricStatus', 'MetricStatus describes the last-read state of a single metric.', {
    type: named('v2.MetricSourceType'), object: r('ObjectMetricStatus'), pods: r('PodsMetricStatus'), resource: r('ResourceMetricStatus'),
    containerResource: r('ContainerResourceMetricStatus'), external: r('ExternalMetricStatus'),
  }, { required: ['type'] });
  d('MetricValueStatus', 'MetricValueStatus holds the current value for a metric', {
    value: quantity(), averageValue: quantity(), averageUtilization: i32(),
  });
  d('ObjectMetricStatus', 'ObjectMetricStatus indicates the current value of a metric describing a kubernetes object.', {
    metric: r('MetricIdentifier'), current: r('MetricValueStatus'), describedObject: r('CrossVersionObjectReference'),
  }, { required: ['metric', 'current', 'describedObject'] });
  d('PodsMetricStatus', 'PodsMetricStatus indicates the current value of a metric describing each pod in the current scale target.', {
    metric: r('MetricIdentifier'), current: r('MetricValueStatus'),
  }, { required: ['metric', 'current'] });
  d('ResourceMetricStatus', 'ResourceMetricStatus indicates the current value of a resource metric known to Kubernetes.', {
    name: named('v1.ResourceName'), current: r('MetricValueStatus'),
  }, { required: ['name', 'current'] });
  d('ContainerResourceMetricStatus', 'ContainerResourceMetricStatus indicates the current value of a resource metric known to Kubernetes.', {
    name: named('v1.ResourceName'), current: r('MetricValueStatus'), container: str(),
  }, { required: ['name', 'current', 'container'] });
  d('ExternalMetricStatus', 'ExternalMetricStatus indicates the current value of a global metric not associated with any Kubernetes object.', {
    metric: r('MetricIdentifier'), current: r('MetricValueStatus'),
  }, { required: ['metric', 'current'] });
  d('HorizontalPodAutoscalerCondition', 'HorizontalPodAutoscalerCondition describes the state of a HorizontalPodAutoscaler at a certain point.', {
    type: named('v2.HorizontalPodAutoscalerConditionType', ['ScalingActive', 'AbleToScale', 'ScalingLimited']),
    status: named('v1.ConditionStatus', ['True', 'False', 'Unknown']),
    lastTransitionTime: time(), reason: str(), message: str(),
  }, { required: ['type', 'status'] });
}

// ---- rbac.authorization.k8s.io/v1 ----
const rbac = pkg(PKG.rbac);
{
  const { d, r } = rbac;
  const gvk = (kind: string) => ({ gvk: { group: 'rbac.authorization.k8s.io', version: 'v1', kind } });
  d('PolicyRule', 'PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.', {
    verbs: strs("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs."),
    apiGroups: strs('APIGroups is the name of the APIGroup that contains the resources. "" represents the core API group and "*" represents all API groups.'),
    resources: strs("Resources is a list of resources this rule applies to. '*' represents all resources."),
    resourceNames: strs('ResourceNames is an optional white list of names that the rule applies to. An empty set means that everything is allowed.'),
    nonResourceURLs: strs('NonResourceURLs is a set of partial urls that a user should have access to.'),
  }, { required: ['verbs'] });
  d('Subject', 'Subject contains a reference to the object or user identities a role binding applies to.', {
    kind: str('Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount".'),
    apiGroup: str('APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects, "rbac.authorization.k8s.io" for User and Group subjects.'),
    name: str('Name of the object being referenced.'),
    namespace: str('Namespace of the referenced object.'),
  }, { required: ['kind', 'name'] });
  d('RoleRef', 'RoleRef contains information that points to the role being used', {
    apiGroup: str('APIGroup is the group for the resource being referenced'),
    kind: str('Kind is the type of resource being referenced'),
    name: str('Name is the name of resource being referenced'),
  }, { required: ['apiGroup', 'kind', 'name'] });
  d('AggregationRule', 'AggregationRule describes how to locate ClusterRoles to aggregate into the ClusterRole', {
    clusterRoleSelectors: arr(labelSelector(), 'ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.'),
  });
  d('Role', 'Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.', {
    ...kindProps(),
    rules: arr(r('PolicyRule'), 'Rules holds all the PolicyRules for this Role'),
  }, gvk('Role'));
  d('ClusterRole', 'ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.', {
    ...kindProps(),
    rules: arr(r('PolicyRule'), 'Rules holds all the PolicyRules for this ClusterRole'),
    aggregationRule: r('AggregationRule', 'AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.'),
  }, gvk('ClusterRole'));
  const binding = {
    ...kindProps(),
    subjects: arr(r('Subject'), 'Subjects holds references to the objects the role applies to.'),
    roleRef: r('RoleRef', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. This field is immutable.'),
  };
  d('RoleBinding', 'RoleBinding references a role, but does not contain it. It adds who information via Subjects and namespace information by which namespace it exists in.', binding, { required: ['roleRef'], ...gvk('RoleBinding') });
  d('ClusterRoleBinding', 'ClusterRoleBinding references a ClusterRole, but not contain it.', binding, { required: ['roleRef'], ...gvk('ClusterRoleBinding') });
}

// ---- storage.k8s.io/v1 StorageClass ----
const storage = pkg(PKG.storage);
storage.d('StorageClass', 'StorageClass describes the parameters for a class of storage for which PersistentVolumes can be dynamically provisioned.', {
  ...kindProps(),
  provisioner: str('provisioner indicates the type of the provisioner.'),
  parameters: strMap('parameters holds the parameters for the provisioner that should create volumes of this storage class.'),
  reclaimPolicy: named('v1.PersistentVolumeReclaimPolicy', ['Retain', 'Delete', 'Recycle'], 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
  mountOptions: strs('mountOptions controls the mountOptions for dynamically provisioned PersistentVolumes of this storage class.'),
  allowVolumeExpansion: bool('allowVolumeExpansion shows whether the storage class allow volume expand.'),
  volumeBindingMode: named('v1.VolumeBindingMode', ['Immediate', 'WaitForFirstConsumer'], 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound. When unset, VolumeBindingImmediate is used.'),
  allowedTopologies: arr(core('TopologySelectorTerm'), 'allowedTopologies restrict the node topologies where volumes can be dynamically provisioned.'),
}, { required: ['provisioner'], gvk: { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass' } });

// ---- scheduling.k8s.io/v1 PriorityClass ----
const scheduling = pkg(PKG.scheduling);
scheduling.d('PriorityClass', 'PriorityClass defines mapping from a priority class name to the priority integer value.', {
  ...kindProps(),
  value: i32('value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
  globalDefault: bool('globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.'),
  description: str('description is an arbitrary string that usually provides guidelines on when this priority class should be used.'),
  preemptionPolicy: named('v1.PreemptionPolicy', ['Never', 'PreemptLowerPriority'], 'preemptionPolicy is the Policy for preempting pods with lower priority. Defaults to PreemptLowerPriority.'),
}, { required: ['value'], gvk: { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass' } });

// ---- discovery.k8s.io/v1 EndpointSlice ----
const discovery = pkg(PKG.discovery);
{
  const { d, r } = discovery;
  d('EndpointSlice', 'EndpointSlice represents a subset of the endpoints that implement a service.', {
    ...kindProps(),
    addressType: named('v1.AddressType', ['IPv4', 'IPv6', 'FQDN'], 'addressType specifies the type of address carried by this EndpointSlice.'),
    endpoints: arr(r('Endpoint'), 'endpoints is a list of unique endpoints in this slice.'),
    ports: arr(r('EndpointPort'), 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
  }, { required: ['addressType', 'endpoints'], gvk: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' } });
  d('Endpoint', 'Endpoint represents a single logical "backend" implementing a service.', {
    addresses: strs('addresses of this endpoint.'),
    conditions: r('EndpointConditions', 'conditions contains information about the current status of the endpoint.'),
    hostname: str('hostname of this endpoint.'),
    targetRef: core('ObjectReference', 'targetRef is a reference to a Kubernetes object that represents this endpoint.'),
    deprecatedTopology: strMap('deprecatedTopology contains topology information part of the v1beta1 API.'),
    nodeName: str('nodeName represents the name of the Node hosting this endpoint.'),
    zone: str('zone is the name of the Zone this endpoint exists in.'),
    hints: r('EndpointHints', 'hints contains information associated with how an endpoint should be consumed.'),
  }, { required: ['addresses'] });
  d('EndpointConditions', 'EndpointConditions represents the current condition of an endpoint.', {
    ready: bool('ready indicates that this endpoint is prepared to receive traffic, according to whatever system is managing the endpoint.'),
    serving: bool('serving is identical to ready except that it is set regardless of the terminating state of endpoints.'),
    terminating: bool('terminating indicates that this endpoint is terminating.'),
  });
  d('EndpointHints', 'EndpointHints provides hints describing how an endpoint should be consumed.', {
    forZones: arr(r('ForZone'), 'forZones indicates the zone(s) this endpoint should be consumed by to enable topology aware routing.'),
  });
  d('ForZone', 'ForZone provides information about which zones should consume this endpoint.', { name: str() }, { required: ['name'] });
  d('EndpointPort', 'EndpointPort represents a Port used by an EndpointSlice', {
    name: str(), protocol: protocol(), port: i32(), appProtocol: str(),
  });
}

// ---- events.k8s.io/v1 Event ----
const events = pkg(PKG.events);
{
  const { d, r } = events;
  d('Event', 'Event is a report of an event somewhere in the cluster.', {
    ...kindProps(),
    eventTime: microTime('eventTime is the time when this Event was first observed. It is required.'),
    series: r('EventSeries', "series is data about the Event series this event represents or nil if it's a singleton Event."),
    reportingController: str('reportingController is the name of the controller that emitted this Event, e.g. `kubernetes.io/kubelet`.'),
    reportingInstance: str('reportingInstance is the ID of the controller instance, e.g. `kubelet-xyzf`.'),
    action: str('action is what action was taken/failed regarding to the regarding object.'),
    reason: str('reason is why the action was taken. It is human-readable.'),
    regarding: core('ObjectReference', 'regarding contains the object this Event is about.'),
    related: core('ObjectReference', 'related is the optional secondary object for more complex actions.'),
    note: str('note is a human-readable description of the status of this operation.'),
    type: str('type is the type of this event (Normal, Warning), new types could be added in the future.'),
    deprecatedSource: core('EventSource'),
    deprecatedFirstTimestamp: time(),
    deprecatedLastTimestamp: time(),
    deprecatedCount: i32(),
  }, { required: ['eventTime'], gvk: { group: 'events.k8s.io', version: 'v1', kind: 'Event' } });
  d('EventSeries', 'EventSeries contain information on series of events.', {
    count: i32('count is the number of occurrences in this series up to the last heartbeat time.'),
    lastObservedTime: microTime('lastObservedTime is the time when last Event from the series was seen before last heartbeat.'),
  }, { required: ['count', 'lastObservedTime'] });
}

// ---- node.k8s.io/v1 RuntimeClass ----
const node = pkg(PKG.node);
{
  const { d, r } = node;
  d('RuntimeClass', 'RuntimeClass defines a class of container runtime supported in the cluster.', {
    ...kindProps(),
    handler: str('handler specifies the underlying runtime and configuration that the CRI implementation will use to handle pods of this class.'),
    overhead: r('Overhead', 'overhead represents the resource overhead associated with running a pod for a given RuntimeClass.'),
    scheduling: r('Scheduling', 'scheduling holds the scheduling constraints to ensure that pods running with this RuntimeClass are scheduled to nodes that support it.'),
  }, { required: ['handler'], gvk: { group: 'node.k8s.io', version: 'v1', kind: 'RuntimeClass' } });
  d('Overhead', 'Overhead structure represents the resource overhead associated with running a pod.', {
    podFixed: resourceList('podFixed represents the fixed resource overhead associated with running a pod.'),
  });
  d('Scheduling', 'Scheduling specifies the scheduling constraints for nodes supporting a RuntimeClass.', {
    nodeSelector: strMap('nodeSelector lists labels that must be present on nodes that support this RuntimeClass.'),
    tolerations: arr(core('Toleration'), 'tolerations are appended (excluding duplicates) to pods running with this RuntimeClass during admission.'),
  });
}

export const OTHER_DEFS: TypeDef[] = [
  ...networking.defs, ...policy.defs, ...autoscaling.defs, ...rbac.defs, ...storage.defs, ...scheduling.defs,
  ...discovery.defs, ...events.defs, ...node.defs,
];
