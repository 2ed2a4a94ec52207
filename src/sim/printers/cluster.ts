// Printers for networking, discovery, RBAC, storage, scheduling, node, certificates, coordination,
// flow control, admission registration (printers.go, 1.32) and APIService (kube-aggregator).

import type { KubeObject } from '../api/types';
import { humanDuration, translateTimestampSince } from './duration';
import { formatLabelSelector, listWithMore, quantity } from './format';
import { loadBalancerStatus } from './core';
import { ageCol, col, nameCol, nameOf, wide, type Printer } from './table';

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata?.creationTimestamp, now);

// ---- networking.k8s.io, discovery.k8s.io ----------------------------------------------------------

/** formatHosts: up to 3 rule hosts, `*` when none. */
function formatHosts(rules: { host?: string }[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules ?? []).length - max} more...` : ret;
}

export const ingressPrinter: Printer = {
  columns: [
    nameCol(),
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    ageCol(),
  ],
  row: (o, now) => ({
    cells: [
      nameOf(o), o.spec?.ingressClassName ?? '<none>', formatHosts(o.spec?.rules),
      loadBalancerStatus(o.status?.loadBalancer?.ingress, true), (o.spec?.tls ?? []).length > 0 ? '80, 443' : '80', age(o, now),
    ],
  }),
};

export const ingressClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Controller', 'string', 'Controller that is responsible for handling this class'),
    col('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageCol(),
  ],
  row: (o, now) => {
    const p = o.spec?.parameters;
    const parameters = p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name}` : '<none>';
    return { cells: [nameOf(o), o.spec?.controller ?? '', parameters, age(o, now)] };
  },
};

export const networkPolicyPrinter: Printer = {
  columns: [
    nameCol(),
    col('Pod-Selector', 'string', 'Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.'),
    ageCol(),
  ],
  row: (o, now) => ({ cells: [nameOf(o), formatLabelSelector(o.spec?.podSelector ?? {}), age(o, now)] }),
};

export const endpointSlicePrinter: Printer = {
  columns: [
    nameCol(),
    col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
    col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
    col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    ageCol(),
  ],
  row: (o, now) => {
    const max = 3;
    const ports: string[] = [];
    let count = 0;
    for (const p of o.ports ?? []) {
      if (ports.length < max) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? '*'));
      count++;
    }
    const portsStr = listWithMore(ports, count > max, count, max);
    const addrs: string[] = [];
    let n = 0;
    for (const e of o.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (addrs.length < max) addrs.push(a);
        n++;
      }
    }
    return { cells: [nameOf(o), o.addressType ?? '', portsStr, listWithMore(addrs, n > max, n, max), age(o, now)] };
  },
};

// ---- rbac.authorization.k8s.io -------------------------------------------------------------------

function bindingPrinter(kind: 'roleBinding' | 'clusterRoleBinding'): Printer {
  return {
    columns: [
      nameCol(),
      col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'),
      ageCol(),
      col('Users', 'string', `Users in the ${kind}`, wide),
      col('Groups', 'string', `Groups in the ${kind}`, wide),
      col('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`, wide),
    ],
    row: (o, now) => {
      // rbac.SubjectsStrings
      const users: string[] = [];
      const groups: string[] = [];
      const sas: string[] = [];
      for (const s of o.subjects ?? []) {
        if (s.kind === 'ServiceAccount') sas.push(`${s.namespace ?? ''}/${s.name}`);
        else if (s.kind === 'User') users.push(s.name);
        else if (s.kind === 'Group') groups.push(s.name);
      }
      const ref = o.roleRef ?? {};
      return { cells: [nameOf(o), `${ref.kind ?? ''}/${ref.name ?? ''}`, age(o, now), users.join(', '), groups.join(', '), sas.join(', ')] };
    },
  };
}

export const roleBindingPrinter = bindingPrinter('roleBinding');
export const clusterRoleBindingPrinter = bindingPrinter('clusterRoleBinding');

// ---- storage.k8s.io -------------------------------------------------------------------------------

export const storageClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    col('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
    col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    ageCol(),
  ],
  row: (o, now) => {
    const a = o.metadata?.annotations ?? {};
    const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return {
      cells: [
        isDefault ? `${nameOf(o)} (default)` : nameOf(o), o.provisioner ?? '', o.reclaimPolicy ?? 'Delete',
        o.volumeBindingMode ?? 'Immediate', o.allowVolumeExpansion ?? false, age(o, now),
      ],
    };
  },
};

export const csiDriverPrinter: Printer = {
  columns: [
    nameCol(),
    col('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation (because it implements the CSI ControllerPublishVolume() method), and that the Kubernetes attach detach controller should call the attach volume interface which checks the volumeattachment status and waits until the volume is attached before proceeding to mounting. The CSI external-attacher coordinates with CSI volume driver and updates the volumeattachment status when the attach operation is complete. If the value is specified to false, the attach operation will be skipped. Otherwise the attach operation will be called.\n\nThis field is immutable.'),
    col('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations, if set to true. If set to false, pod information will not be passed on mount. Default is false.'),
    col('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report by creating CSIStorageCapacity objects with capacity information, if set to true.'),
    col('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
    col('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.'),
    col('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
    ageCol(),
  ],
  row: (o, now) => {
    const s = o.spec ?? {};
    const modes = (s.volumeLifecycleModes ?? []).join(',') || '<none>';
    const tokenRequests = s.tokenRequests ? s.tokenRequests.map((t: { audience: string }) => t.audience).join(',') : '<unset>';
    return {
      cells: [nameOf(o), s.attachRequired ?? true, s.podInfoOnMount ?? false, s.storageCapacity ?? false, tokenRequests, s.requiresRepublish ?? false, modes, age(o, now)],
    };
  },
};

export const csiNodePrinter: Printer = {
  columns: [nameCol(), col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageCol()],
  row: (o, now) => ({ cells: [nameOf(o), (o.spec?.drivers ?? []).length, age(o, now)] }),
};

export const csiStorageCapacityPrinter: Printer = {
  columns: [
    nameCol(),
    col('StorageClassName', 'string', 'storageClassName represents the name of the StorageClass that the reported capacity applies to. It must meet the same requirements as the name of a StorageClass object (non-empty, DNS subdomain). If that object no longer exists, the CSIStorageCapacity object is obsolete and should be removed by its creator. This field is immutable.'),
    col('Capacity', 'string', 'capacity is the value reported by the CSI driver in its GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the previous fields.\n\nThe semantic is currently (CSI spec 1.2) defined as: The available capacity, in bytes, of the storage that can be used to provision volumes. If not set, that information is currently unavailable.'),
  ],
  row: (o) => ({ cells: [nameOf(o), o.storageClassName ?? '', o.capacity !== undefined ? quantity(o.capacity) : '<unset>'] }),
};

export const volumeAttachmentPrinter: Printer = {
  columns: [
    nameCol(),
    col('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().', { format: 'name' }),
    col('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'boolean', 'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.'),
    ageCol(),
  ],
  row: (o, now) => ({
    cells: [nameOf(o), o.spec?.attacher ?? '', o.spec?.source?.persistentVolumeName ?? '', o.spec?.nodeName ?? '', o.status?.attached ?? false, age(o, now)],
  }),
};

// ---- scheduling.k8s.io, node.k8s.io, coordination.k8s.io, certificates.k8s.io ----------------------

export const priorityClassPrinter: Printer = {
  columns: [
    nameCol(),
    col('Value', 'integer', 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.'),
    col('Global-Default', 'boolean', 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.'),
    ageCol(),
    col('PreemptionPolicy', 'string', 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.'),
  ],
  row: (o, now) => ({ cells: [nameOf(o), o.value ?? 0, o.globalDefault ?? false, age(o, now), o.preemptionPolicy ?? ''] }),
};

export const runtimeClassPrinter: Printer = {
  columns: [nameCol(), col('Handler', 'string', ''), ageCol()],
  row: (o, now) => ({ cells: [nameOf(o), o.handler ?? '', age(o, now)] }),
};

export const leasePrinter: Printer = {
  columns: [nameCol(), col('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'), ageCol()],
  row: (o, now) => ({ cells: [nameOf(o), o.spec?.holderIdentity ?? '', age(o, now)] }),
};

/** extractCSRStatus: Denied/Approved/Pending, then ,Failed and ,Issued. */
function csrStatus(o: KubeObject): string {
  let approved = false;
  let denied = false;
  let failed = false;
  for (const c of o.status?.conditions ?? []) {
    if (c.type === 'Approved') approved = true;
    else if (c.type === 'Denied') denied = true;
    else if (c.type === 'Failed') failed = true;
  }
  let status = denied ? 'Denied' : approved ? 'Approved' : 'Pending';
  if (failed) status += ',Failed';
  if (o.status?.certificate) status += ',Issued';
  return status;
}

export const csrPrinter: Printer = {
  columns: [
    nameCol(),
    ageCol(),
    col('SignerName', 'string', 'Requested signer for the request. It is a qualified name in the form: `scope-hostname.io/name`. If empty, it will be defaulted:\n 1. If it\'s a kubelet client certificate, it is assigned\n    "kubernetes.io/kube-apiserver-client-kubelet".\n 2. If it\'s a kubelet serving certificate, it is assigned\n    "kubernetes.io/kubelet-serving".\n 3. Otherwise, it is assigned "kubernetes.io/legacy-unknown".\nDistribution of trust for signers happens out of band. You can select on this field using `spec.signerName`.'),
    col('Requestor', 'string', 'Base64-encoded PKCS#10 CSR data'),
    col('RequestedDuration', 'string', 'expirationSeconds is the requested duration of validity of the issued certificate. The certificate signer may issue a certificate with a different validity duration so a client must check the delta between the notBefore and and notAfter fields in the issued certificate to determine the actual duration.'),
    col('Condition', 'string', 'Conditions applied to the request, such as approval or denial.'),
  ],
  row: (o, now) => {
    const secs = o.spec?.expirationSeconds;
    const requested = secs !== undefined && secs !== null ? humanDuration(secs * 1000) : '<none>';
    return { cells: [nameOf(o), age(o, now), o.spec?.signerName || '<none>', o.spec?.username ?? '', requested, csrStatus(o)] };
  },
};

// ---- flowcontrol.apiserver.k8s.io -----------------------------------------------------------------

export const flowSchemaPrinter: Printer = {
  columns: [
    nameCol(),
    col('PriorityLevel', 'string', '`name` is the name of the priority level configuration being referenced Required.'),
    col('MatchingPrecedence', 'string', '`matchingPrecedence` is used to choose among the FlowSchemas that match a given request. The chosen FlowSchema is among those with the numerically lowest (which we take to be logically highest) MatchingPrecedence.  Each MatchingPrecedence value must be ranged in [1,10000]. Note that if the precedence is not specified, it will be set to 1000 as default.'),
    col('DistinguisherMethod', 'string', '`distinguisherMethod` defines how to compute the flow distinguisher for requests that match this schema. `nil` specifies that the distinguisher is disabled and thus will always be the empty string.'),
    ageCol(),
    col('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row: (o, now) => {
    const dangling = (o.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Dangling');
    return {
      cells: [
        nameOf(o), o.spec?.priorityLevelConfiguration?.name ?? '', o.spec?.matchingPrecedence ?? 0,
        o.spec?.distinguisherMethod?.type ?? '<none>', age(o, now), dangling ? dangling.status : '?',
      ],
    };
  },
  // FlowSchemaSequence: by matching precedence, then name.
  sort: (objs) =>
    [...objs].sort((a, b) => {
      const pa = a.spec?.matchingPrecedence ?? 0;
      const pb = b.spec?.matchingPrecedence ?? 0;
      if (pa !== pb) return pa - pb;
      return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
    }),
};

export const priorityLevelPrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', 'string', '`type` indicates whether this priority level is subject to limitation on request execution.  A value of `"Exempt"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `"Limited"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server\'s limited capacity is made available exclusively to this priority level. Required.'),
    col('NominalConcurrencyShares', 'string', '`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level. This is the number of execution seats available at this priority level.'),
    col('Queues', 'string', '`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64.'),
    col('HandSize', 'string', '`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request\'s flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8.'),
    col('QueueLengthLimit', 'string', '`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50.'),
    ageCol(),
  ],
  row: (o, now) => {
    const limited = o.spec?.limited;
    const q = limited?.limitResponse?.queuing;
    return {
      cells: [
        nameOf(o), o.spec?.type ?? '', limited ? (limited.nominalConcurrencyShares ?? 0) : '<none>',
        q ? q.queues ?? 0 : '<none>', q ? q.handSize ?? 0 : '<none>', q ? q.queueLengthLimit ?? 0 : '<none>', age(o, now),
      ],
    };
  },
};

// ---- admissionregistration.k8s.io -----------------------------------------------------------------

function webhookPrinter(): Printer {
  return {
    columns: [nameCol(), col('Webhooks', 'integer', 'Webhooks indicates the number of webhooks registered in this configuration'), ageCol()],
    row: (o, now) => ({ cells: [nameOf(o), (o.webhooks ?? []).length, age(o, now)] }),
  };
}
export const mutatingWebhookPrinter = webhookPrinter();
export const validatingWebhookPrinter = webhookPrinter();

export const validatingAdmissionPolicyPrinter: Printer = {
  columns: [
    nameCol(),
    col('Validations', 'integer', 'Validations indicates the number of validation rules defined in this configuration'),
    col('ParamKind', 'string', 'ParamKind specifies the kind of resources used to parameterize this policy'),
    ageCol(),
  ],
  row: (o, now) => {
    const pk = o.spec?.paramKind;
    return { cells: [nameOf(o), (o.spec?.validations ?? []).length, pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', age(o, now)] };
  },
};

/** Go's generated String() of a *metav1.LabelSelector, which the binding printer uses verbatim. */
function goLabelSelectorString(ls: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }): string {
  const labels = Object.keys(ls.matchLabels ?? {}).sort().map((k) => `${k}: ${ls.matchLabels![k]},`).join('');
  const exprs = (ls.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],}`)
    .join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export const validatingAdmissionPolicyBindingPrinter: Printer = {
  columns: [
    nameCol(),
    col('PolicyName', 'string', 'PolicyName indicates the policy definition which the policy binding binded to'),
    col('ParamRef', 'string', 'ParamRef indicates the param resource which sets the configration param'),
    ageCol(),
  ],
  row: (o, now) => {
    const pr = o.spec?.paramRef;
    let paramName = '<unset>';
    if (pr?.name) paramName = pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
    else if (pr?.selector) paramName = goLabelSelectorString(pr.selector);
    return { cells: [nameOf(o), o.spec?.policyName ?? '', paramName, age(o, now)] };
  },
};

// ---- apiregistration.k8s.io (kube-aggregator's own table convertor) -------------------------------

export const apiServicePrinter: Printer = {
  columns: [
    nameCol(),
    col('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    col('Available', 'string', 'Whether this service is available.'),
    ageCol(),
  ],
  row: (o, now) => {
    const svc = o.spec?.service;
    const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
    let status = 'Unknown';
    const c = (o.status?.conditions ?? []).find((x: { type: string }) => x.type === 'Available');
    if (c) status = c.status === 'True' || !c.reason ? c.status : `${c.status} (${c.reason})`;
    return { cells: [nameOf(o), service, status, age(o, now)] };
  },
};
