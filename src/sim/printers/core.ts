// Printers for core/v1 kinds other than pods (pkg/printers/internalversion/printers.go, 1.32).

import type { Endpoints, KubeObject, Node, Service } from '../api/types';
import { parseTime, translateTimestampSince } from './duration';
import { accessModesString, formatLabels, joinHostPort, layoutContainerCells, quantity, sortedSetJoin } from './format';
import { CONTAINERS_DESC, IMAGES_DESC, NAME_DESC, ageCol, col, nameCol, nameOf, wide, type Printer } from './table';

const age = (o: KubeObject, now: number) => translateTimestampSince(o.metadata?.creationTimestamp, now);

// ---- Node -------------------------------------------------------------------------------------

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

/** findNodeRoles: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role=<role>` values. */
export function findNodeRoles(node: KubeObject): string[] {
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.push(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.push(v);
    }
  }
  return [...new Set(roles)].sort();
}

const NODE_ADDRESSES_DESC =
  "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

export const nodePrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    ageCol(),
    col('Version', 'string', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'string', NODE_ADDRESSES_DESC, wide),
    col('External-IP', 'string', NODE_ADDRESSES_DESC, wide),
    col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', wide),
    col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", wide),
    col('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', wide),
  ],
  row: (o, now) => {
    const node = o as Node;
    // Only the Ready condition counts (NodeAllConditions); the last one of that type wins.
    const ready = [...(node.status?.conditions ?? [])].reverse().find((c) => c.type === 'Ready');
    const status: string[] = [];
    if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
    if (status.length === 0) status.push('Unknown');
    if (node.spec?.unschedulable) status.push('SchedulingDisabled');
    const roles = findNodeRoles(node).join(',') || '<none>';
    const info = node.status?.nodeInfo ?? {};
    const addr = (type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
    return {
      cells: [
        nameOf(o), status.join(','), roles, age(o, now), info.kubeletVersion ?? '',
        addr('InternalIP'), addr('ExternalIP'),
        info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>',
      ],
    };
  },
};

// ---- Namespace, ConfigMap, Secret, ServiceAccount -----------------------------------------------

export const namespacePrinter: Printer = {
  columns: [nameCol(), col('Status', 'string', 'The status of the namespace'), ageCol()],
  row: (o, now) => ({ cells: [nameOf(o), o.status?.phase ?? '', age(o, now)] }),
};

export const configMapPrinter: Printer = {
  columns: [
    nameCol(),
    col('Data', 'string', 'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.'),
    ageCol(),
  ],
  row: (o, now) => ({ cells: [nameOf(o), Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length, age(o, now)] }),
};

export const secretPrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', 'string', 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types'),
    col('Data', 'string', "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
    ageCol(),
  ],
  row: (o, now) => ({ cells: [nameOf(o), o.type ?? '', Object.keys(o.data ?? {}).length, age(o, now)] }),
};

export const serviceAccountPrinter: Printer = {
  columns: [
    nameCol(),
    col('Secrets', 'string', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'),
    ageCol(),
  ],
  row: (o, now) => ({ cells: [nameOf(o), (o.secrets ?? []).length, age(o, now)] }),
};

// ---- Service, Endpoints --------------------------------------------------------------------------

const LOAD_BALANCER_WIDTH = 16;

/** loadBalancerStatusStringer: sorted unique IPs (else hostnames); clipped unless wide. */
export function loadBalancerStatus(ingress: { ip?: string; hostname?: string }[] | undefined, wideOut: boolean): string {
  const list: string[] = [];
  for (const i of ingress ?? []) {
    if (i.ip) list.push(i.ip);
    else if (i.hostname) list.push(i.hostname);
  }
  let r = sortedSetJoin(list);
  if (!wideOut && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

/** getServiceExternalIP. */
export function serviceExternalIP(svc: Service, wideOut: boolean): string {
  const externalIPs = (svc.spec?.externalIPs as string[] | undefined) ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatus(svc.status?.loadBalancer?.ingress, wideOut);
      if (externalIPs.length > 0) return [...(lbIps ? lbIps.split(',') : []), ...externalIPs].join(',');
      return lbIps || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString: `80/TCP`, `80:31234/TCP` with a node port. */
export function servicePorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

export const servicePrinter: Printer = {
  columns: [
    nameCol(),
    col('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'),
    col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
    col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.'),
    col('Port(s)', 'string', 'The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies'),
    ageCol(),
    col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/', wide),
  ],
  row: (o, now) => {
    const svc = o as Service;
    // v1 -> internal conversion fills clusterIPs from clusterIP, so either field counts.
    const internalIP = svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>';
    return {
      cells: [
        nameOf(o), svc.spec?.type ?? '', internalIP, serviceExternalIP(svc, true), servicePorts(svc) || '<none>', age(o, now),
        formatLabels(svc.spec?.selector),
      ],
    };
  },
};

/** formatEndpoints: up to 3 `ip:port`, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) { more = true; break; }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsPrinter: Printer = {
  columns: [
    nameCol(),
    col('Endpoints', 'string', 'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.'),
    ageCol(),
  ],
  row: (o, now) => ({ cells: [nameOf(o), formatEndpoints(o as Endpoints), age(o, now)] }),
};

// ---- PersistentVolume, PersistentVolumeClaim ----------------------------------------------------

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

export const persistentVolumePrinter: Printer = {
  columns: [
    nameCol(),
    col('Capacity', 'string', "capacity is the description of the persistent volume's resources and capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
    col('Access Modes', 'string', 'accessModes contains all ways the volume can be mounted. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes'),
    col('Reclaim Policy', 'string', 'persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim. Valid options are Retain (default for manually created PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle (deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming'),
    col('Status', 'string', 'phase indicates if a volume is available, bound to a claim, or released by a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase'),
    col('Claim', 'string', 'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.'),
    ageCol(),
    col('VolumeMode', 'string', 'volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state. Value of Filesystem is implied when not included in spec.', wide),
  ],
  row: (o, now) => {
    const spec = o.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    const storageClass = o.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? spec.storageClassName ?? '';
    return {
      cells: [
        nameOf(o), quantity(spec.capacity?.storage), accessModesString(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '',
        phase, claim, storageClass, spec.volumeAttributesClassName ?? '<unset>', o.status?.reason ?? '', age(o, now),
        spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'phase represents the current phase of PersistentVolumeClaim.'),
    col('Volume', 'string', 'volumeName is the binding reference to the PersistentVolume backing this claim.'),
    col('Capacity', 'string', 'capacity represents the actual resources of the underlying volume.'),
    col('Access Modes', 'string', 'accessModes contains the actual access modes the volume backing the PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageCol(),
    col('VolumeMode', 'string', 'volumeMode defines what type of volume is required by the claim. Value of Filesystem is implied when not included in claim spec.', wide),
  ],
  row: (o, now) => {
    const spec = o.spec ?? {};
    const phase = o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '');
    // Capacity and modes only once bound to a volume.
    const bound = !!spec.volumeName;
    const storageClass = o.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? spec.storageClassName ?? '';
    return {
      cells: [
        nameOf(o), phase, spec.volumeName ?? '', bound ? quantity(o.status?.capacity?.storage) : '',
        bound ? accessModesString(o.status?.accessModes) : '', storageClass, spec.volumeAttributesClassName ?? '<unset>',
        age(o, now), spec.volumeMode ?? '<unset>',
      ],
    };
  },
};

// ---- Event (core/v1 and events.k8s.io/v1, which the server converts to the same internal type) --

interface InternalEvent {
  name: string;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  count?: number;
  series?: { count?: number; lastObservedTime?: string } | null;
  involvedObject: { kind?: string; name?: string; fieldPath?: string };
  type?: string;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  reportingController?: string;
  reportingInstance?: string;
}

function toInternalEvent(o: KubeObject): InternalEvent {
  if (o.apiVersion === 'events.k8s.io/v1') {
    return {
      name: nameOf(o),
      firstTimestamp: o.deprecatedFirstTimestamp,
      lastTimestamp: o.deprecatedLastTimestamp,
      eventTime: o.eventTime,
      count: o.deprecatedCount,
      series: o.series,
      involvedObject: o.regarding ?? {},
      type: o.type,
      reason: o.reason,
      message: o.note,
      source: o.deprecatedSource,
      reportingController: o.reportingController,
      reportingInstance: o.reportingInstance,
    };
  }
  return {
    name: nameOf(o),
    firstTimestamp: o.firstTimestamp,
    lastTimestamp: o.lastTimestamp,
    eventTime: o.eventTime,
    count: o.count,
    series: o.series,
    involvedObject: o.involvedObject ?? {},
    type: o.type,
    reason: o.reason,
    message: o.message,
    source: o.source,
    reportingController: o.reportingComponent,
    reportingInstance: o.reportingInstance,
  };
}

/** formatEventSource: component (or reporting controller), then `, host` when there is one. */
function formatEventSource(e: InternalEvent): string {
  const component = e.source?.component || e.reportingController || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.', wide),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', wide),
    col('Message', 'string', 'A human-readable description of the status of this operation.'),
    col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', wide),
    col('Count', 'string', 'The number of times this event has occurred.', wide),
    col('Name', 'string', NAME_DESC, { priority: 1, format: 'name' }),
  ],
  row: (o, now) => {
    const e = toInternalEvent(o);
    let first = translateTimestampSince(e.firstTimestamp, now);
    if (parseTime(e.firstTimestamp) === undefined) first = translateTimestampSince(e.eventTime, now);
    let last = translateTimestampSince(e.lastTimestamp, now);
    if (parseTime(e.lastTimestamp) === undefined) last = first;
    let count = e.count ?? 0;
    if (e.series) {
      last = translateTimestampSince(e.series.lastObservedTime, now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1; // singleton events of the new API carry no count
    }
    const io = e.involvedObject;
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return {
      cells: [last, e.type ?? '', e.reason ?? '', target, io.fieldPath ?? '', formatEventSource(e), (e.message ?? '').trim(), first, count, e.name],
    };
  },
};

// ---- ReplicationController, ResourceQuota, ComponentStatus ---------------------------------------

export const replicationControllerPrinter: Printer = {
  columns: [
    nameCol(),
    col('Desired', 'integer', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
    col('Current', 'integer', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller'),
    col('Ready', 'integer', 'The number of ready replicas for this replication controller.'),
    ageCol(),
    col('Containers', 'string', CONTAINERS_DESC, wide),
    col('Images', 'string', IMAGES_DESC, wide),
    col('Selector', 'string', 'Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', wide),
  ],
  row: (o, now) => {
    const [names, images] = layoutContainerCells(o.spec?.template?.spec?.containers);
    return {
      cells: [nameOf(o), o.spec?.replicas ?? 1, o.status?.replicas ?? 0, o.status?.readyReplicas ?? 0, age(o, now), names, images, formatLabels(o.spec?.selector)],
    };
  },
};

export const resourceQuotaPrinter: Printer = {
  columns: [
    nameCol(),
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    ageCol(),
  ],
  row: (o, now) => {
    const hard: Record<string, string> = o.status?.hard ?? {};
    const used: Record<string, string> = o.status?.used ?? {};
    const requests: string[] = [];
    const limits: string[] = [];
    for (const r of Object.keys(hard).sort()) {
      // `limits.*` go to the Limit column, everything else (pods, requests.cpu, cpu...) to Request.
      const pieces = r.split('.');
      const target = pieces.length > 1 && pieces[0] === 'limits' ? limits : requests;
      target.push(`${r}: ${quantity(used[r])}/${quantity(hard[r])}`);
    }
    return { cells: [nameOf(o), requests.join(', '), limits.join(', '), age(o, now)] };
  },
};

export const componentStatusPrinter: Printer = {
  columns: [
    nameCol(),
    col('Status', 'string', 'Status of the component conditions'),
    col('Message', 'string', 'Message of the component conditions'),
    col('Error', 'string', 'Error of the component conditions'),
  ],
  row: (o) => {
    let status = 'Unknown';
    let message = '';
    let error = '';
    const c = (o.conditions ?? []).find((x: { type?: string }) => x.type === 'Healthy');
    if (c) {
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message ?? '';
      error = c.error ?? '';
    }
    return { cells: [nameOf(o), status, message, error] };
  },
};
