// k8s.io/apimachinery types shared by every kind: ObjectMeta, LabelSelector, Condition and the
// special scalars (IntOrString, Quantity, Time, MicroTime, FieldsV1, RawExtension).
import { arr, bool, i64, named, pkg, PKG, str, strMap, strs, time, TypeDef } from './dsl';

const m = pkg(PKG.meta);
const { d, r } = m;

d('ObjectMeta', 'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.', {
  name: str('Name must be unique within a namespace. Cannot be updated.'),
  generateName: str('An optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided.'),
  namespace: str('Namespace defines the space within which each name must be unique. Cannot be updated.'),
  selfLink: str('Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.'),
  uid: named('types.UID', [], 'UID is the unique in time and space value for this object. Populated by the system. Read-only.'),
  resourceVersion: str('An opaque value that represents the internal version of this object, used for optimistic concurrency and watch. Read-only.'),
  generation: i64('A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.'),
  creationTimestamp: time('A timestamp representing the server time when this object was created. Populated by the system. Read-only.'),
  deletionTimestamp: time('RFC 3339 date and time at which this resource will be deleted. Set by the server when a graceful deletion is requested. Read-only.'),
  deletionGracePeriodSeconds: i64('Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Read-only.'),
  labels: strMap('Map of string keys and values that can be used to organize and categorize (scope and select) objects.'),
  annotations: strMap('Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata.'),
  ownerReferences: arr(r('OwnerReference'), 'List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.', 'uid'),
  finalizers: strs('Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list.'),
  managedFields: arr(r('ManagedFieldsEntry'), 'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.'),
});

d('OwnerReference', 'OwnerReference contains enough information to let you identify an owning object.', {
  apiVersion: str('API version of the referent.'),
  kind: str('Kind of the referent.'),
  name: str('Name of the referent.'),
  uid: named('types.UID', [], 'UID of the referent.'),
  controller: bool('If true, this reference points to the managing controller.'),
  blockOwnerDeletion: bool('If true, AND if the owner has the "foregroundDeletion" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed.'),
}, { required: ['apiVersion', 'kind', 'name', 'uid'] });

d('ManagedFieldsEntry', 'ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.', {
  manager: str('Manager is an identifier of the workflow managing these fields.'),
  operation: named('v1.ManagedFieldsOperationType', ['Apply', 'Update'], 'Operation is the type of operation which lead to this ManagedFieldsEntry being created.'),
  apiVersion: str('APIVersion defines the version of this resource that this field set applies to.'),
  time: time('Time is the timestamp of when the ManagedFields entry was added.'),
  fieldsType: str('FieldsType is the discriminator for the different fields format and version. There is currently only one possible value: "FieldsV1"'),
  fieldsV1: r('FieldsV1', 'FieldsV1 holds the first JSON version format as described in the "FieldsV1" type.'),
  subresource: str('Subresource is the name of the subresource used to update that object, or empty string if the object was updated through the main resource.'),
});

d('LabelSelector', 'A label selector is a label query over a set of resources. An empty label selector matches all objects. A null label selector matches no objects.', {
  matchLabels: strMap('matchLabels is a map of {key,value} pairs; each is equivalent to an element of matchExpressions whose operator is "In".'),
  matchExpressions: arr(r('LabelSelectorRequirement'), 'matchExpressions is a list of label selector requirements. The requirements are ANDed.'),
});

d('LabelSelectorRequirement', 'A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.', {
  key: str('key is the label key that the selector applies to.'),
  operator: named('v1.LabelSelectorOperator', ['In', 'NotIn', 'Exists', 'DoesNotExist'], "operator represents a key's relationship to a set of values."),
  values: strs('values is an array of string values. If the operator is In or NotIn, the values array must be non-empty.'),
}, { required: ['key', 'operator'] });

d('Condition', 'Condition contains details for one aspect of the current state of this API Resource.', {
  type: str('type of condition in CamelCase or in foo.example.com/CamelCase.'),
  status: named('v1.ConditionStatus', ['True', 'False', 'Unknown'], 'status of the condition, one of True, False, Unknown.'),
  observedGeneration: i64('observedGeneration represents the .metadata.generation that the condition was set based upon.'),
  lastTransitionTime: time('lastTransitionTime is the last time the condition transitioned from one status to another.'),
  reason: str("reason contains a programmatic identifier indicating the reason for the condition's last transition."),
  message: str('message is a human readable message indicating details about the transition.'),
}, { required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'] });

d('Time', 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON. RFC 3339 date and time, e.g. 2024-01-02T15:04:05Z.', {}, { special: 'Time' });
d('MicroTime', 'MicroTime is version of Time with microsecond level precision.', {}, { special: 'MicroTime' });
d('FieldsV1', 'FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format.', {}, { special: 'FieldsV1' });

const intstr = pkg(PKG.intstr);
intstr.d('IntOrString', 'IntOrString is a type that can hold an int32 or a string.', {}, { special: 'IntOrString' });

const resource = pkg(PKG.resource);
resource.d('Quantity', "Quantity is a fixed-point representation of a number, e.g. '100m' CPU or '128Mi' memory.", {}, { special: 'Quantity' });

const runtime = pkg(PKG.runtime);
runtime.d('RawExtension', 'RawExtension is used to hold extensions in external versions.', {}, { special: 'RawExtension' });


export const META_DEFS: TypeDef[] = [...m.defs, ...intstr.defs, ...resource.defs, ...runtime.defs];
