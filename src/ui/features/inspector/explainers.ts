// What each part of the cluster is and does, in plain words, with the AKS specifics a learner
// needs (who runs it, where it lives, how AKS deploys it). Pure data plus lookups: the inspector
// renders it, tests check it covers every component and watched resource.
// Facts follow shared/FACTS.md (AKS defaults: Azure CNI Overlay, pods from 10.244.0.0/16 with a /24
// per node, Services from 10.0.0.0/16, kube-dns at 10.0.0.10, Ubuntu node VMs in a VM Scale Set).

import type { KubeObject } from '../../../sim/api/types';
import type { Watched } from '../../cluster/mirror';
import type { ComponentName } from '../../state/ui';

/** Who runs and looks after a thing: the answer differs a lot between AKS and a self-built cluster. */
export type ManagedBy = 'aks-control-plane' | 'aks-addon' | 'node-vm' | 'customer' | 'client';

export const MANAGED_BY_LABEL: Record<ManagedBy, string> = {
  'aks-control-plane': 'Managed by Microsoft: runs in the AKS control plane, which you cannot see or log into',
  'aks-addon': 'Deployed and kept in place by AKS, running as pods on your node VMs',
  'node-vm': 'Runs on your node VMs (your subscription, your bill); AKS installs and configures it',
  customer: 'Yours: you (or your tools) create, change and delete it',
  client: 'Runs outside the cluster, on your machine or in a pipeline',
};

export interface Explainer {
  /** Stable id, e.g. `component/kubelet`, `resource/pods`, `addon/coredns`. */
  id: string;
  title: string;
  /** What kind of thing it is ("Control-plane component", "Workload object"...). */
  category: string;
  managedBy: ManagedBy;
  /** One or two sentences: what it is. */
  summary: string;
  /** What it does, one job per line. */
  does: string[];
  /** How AKS runs it and what that means for you. */
  aks: string[];
}

// ------------------------------------------------------------------ components

export const COMPONENT_EXPLAINERS: Record<ComponentName, Explainer> = {
  'kube-apiserver': {
    id: 'component/kube-apiserver',
    title: 'kube-apiserver',
    category: 'Control-plane component',
    managedBy: 'aks-control-plane',
    summary:
      'The front door of the cluster. Every reader and writer — kubectl, the scheduler, the controllers, every kubelet — talks only to the API server; no component talks to another directly.',
    does: [
      'Serves the Kubernetes REST API (get, list, watch, create, update, patch, delete) over HTTPS.',
      'Authenticates and authorizes each request, then runs admission (defaulting, validation, policies) before anything is stored.',
      'Is the only component that reads and writes etcd; every change gets a new resourceVersion.',
      'Streams changes to watchers, which is how controllers and kubelets learn that there is work to do.',
      'Proxies logs, exec, attach and port-forward to the kubelet on the right node.',
    ],
    aks: [
      'Runs in the AKS-managed control plane, in a Microsoft subscription: it is not a pod in your cluster and has no VM you can see.',
      'You reach it at the cluster FQDN (<dnsPrefix>-<hash>.hcp.<region>.azmk8s.io) on port 443, with the kubeconfig from `az aks get-credentials`. Inside the cluster the `kubernetes` Service in `default` points at it.',
      'Free tier has no uptime SLA; Standard and Premium tiers add a financially backed SLA and more control-plane capacity.',
      'You cannot pass it flags. Its logs (kube-apiserver, kube-audit) are available through the cluster\'s diagnostic settings in Azure Monitor.',
    ],
  },
  etcd: {
    id: 'component/etcd',
    title: 'etcd',
    category: 'Control-plane component',
    managedBy: 'aks-control-plane',
    summary:
      'The cluster\'s database: a consistent, replicated key-value store that holds every Kubernetes object. If it is not in etcd, it does not exist as far as Kubernetes is concerned.',
    does: [
      'Stores each object under a key such as /registry/pods/<namespace>/<name>.',
      'Gives every write a new, ever-increasing revision; objects carry it as metadata.resourceVersion.',
      'Lets the API server watch ranges of keys from a revision onward, which is what makes Kubernetes watches cheap.',
      'Uses the Raft consensus protocol across its members, so a majority must agree on every write.',
    ],
    aks: [
      'Runs inside the AKS-managed control plane. You have no etcd endpoint, no etcdctl access and no backups to manage: Microsoft operates, scales and backs it up.',
      'Only the API server talks to it. Everything you see through kubectl was read from etcd by the API server.',
    ],
  },
  'kube-scheduler': {
    id: 'component/kube-scheduler',
    title: 'kube-scheduler',
    category: 'Control-plane component',
    managedBy: 'aks-control-plane',
    summary:
      'Decides which node each new pod runs on. It watches for pods with no spec.nodeName, picks the best node and writes a Binding; it does not start anything itself.',
    does: [
      'Takes pending pods from its queue (highest priority first).',
      'Filter: drops nodes that cannot run the pod (not enough cpu or memory, untolerated taints, node selectors and affinity, ports in use, cordoned nodes).',
      'Score: ranks the nodes that are left (spread, balanced resources, affinity, image locality) and picks the highest.',
      'Bind: writes the chosen node into the pod through the API server; the kubelet on that node takes it from there.',
      'When no node fits, records a FailedScheduling event (e.g. "0/3 nodes are available: 3 Insufficient cpu") and retries later, possibly preempting lower-priority pods.',
    ],
    aks: [
      'Runs in the AKS-managed control plane with the default profile; you do not see it as a pod.',
      'You steer it from your pod specs: resource requests, nodeSelector, affinity, taints and tolerations, topology spread constraints and priority classes.',
      'Its events appear with source "default-scheduler".',
    ],
  },
  'kube-controller-manager': {
    id: 'component/kube-controller-manager',
    title: 'kube-controller-manager',
    category: 'Control-plane component',
    managedBy: 'aks-control-plane',
    summary:
      'One process that runs many control loops ("controllers"). Each loop watches some objects and keeps nudging the world towards what their spec asks for.',
    does: [
      'Deployment, ReplicaSet, DaemonSet, StatefulSet, Job and CronJob controllers create and delete pods so the counts match the spec.',
      'The node lifecycle controller marks nodes NotReady/Unknown when heartbeats stop (50 s grace), taints them, and evicts their pods after the 300 s toleration.',
      'Endpoints and EndpointSlice controllers keep the list of ready pod IPs behind each Service.',
      'Namespace, garbage collector, ServiceAccount and other controllers clean up and fill in what objects need.',
      'Controllers are level-triggered: they compare desired with actual state on every pass, so a missed change is fixed on the next one.',
    ],
    aks: [
      'Runs in the AKS-managed control plane; you do not see it as a pod and cannot change its flags.',
      'Its controllers write events under their own names (deployment-controller, replicaset-controller, node-controller...).',
    ],
  },
  'cloud-controller-manager': {
    id: 'component/cloud-controller-manager',
    title: 'cloud-controller-manager',
    category: 'Control-plane component',
    managedBy: 'aks-control-plane',
    summary:
      'The bridge between Kubernetes and Azure. The controllers that need to call Azure APIs live here, in Azure\'s out-of-tree cloud provider (cloud-provider-azure).',
    does: [
      'Service controller: for a Service of type LoadBalancer, configures the cluster\'s Azure Load Balancer (frontend IP, rules, health probes) and writes the IP into the Service\'s status.',
      'Node lifecycle: removes the Node object when its VM is deleted from the scale set.',
      'Route controller: programs the route table when the cluster uses kubenet (not needed with Azure CNI Overlay).',
    ],
    aks: [
      'Runs in the AKS-managed control plane using the cluster\'s identity to change Azure resources in the node resource group (MC_<resourceGroup>_<cluster>_<region>).',
      'Its node-side half, cloud-node-manager, runs as a DaemonSet in kube-system and fills in each node\'s addresses, zone and VM size.',
    ],
  },
  konnectivity: {
    id: 'component/konnectivity',
    title: 'konnectivity',
    category: 'Control-plane tunnel',
    managedBy: 'aks-addon',
    summary:
      'A tunnel that lets the hidden control plane reach into your network. The API server needs to call kubelets (logs, exec, port-forward) and in-cluster webhooks, but your nodes live in your VNet, not Microsoft\'s.',
    does: [
      'konnectivity-agent pods on your nodes open outbound connections to the konnectivity server next to the API server and keep them open.',
      'When the API server needs to reach a kubelet, a pod or a Service, the request travels back through one of those tunnels.',
      'Because the agents dial out, nodes need no inbound ports open to the control plane.',
    ],
    aks: [
      'The server side runs in the AKS-managed control plane; the agents are a Deployment `konnectivity-agent` (2 replicas) in kube-system, kept in place by AKS.',
      'It replaced AKS\'s older tunnels (tunnel-front, aks-link). If these pods are unhealthy, `kubectl logs` and `kubectl exec` fail while `kubectl get` still works.',
    ],
  },
  kubelet: {
    id: 'component/kubelet',
    title: 'kubelet',
    category: 'Node agent',
    managedBy: 'node-vm',
    summary:
      'The agent on every node. It registers the node, watches for pods bound to it and makes them real by asking the container runtime to start their containers.',
    does: [
      'Registers the Node object and reports its status (conditions, capacity, addresses) every 10 s, and renews its Lease in kube-node-lease every 10 s.',
      'Runs each pod bound to its node: sets up the sandbox and network, pulls images, starts containers through containerd (CRI), mounts volumes.',
      'Runs liveness, readiness and startup probes; restarts failed containers with CrashLoopBackOff (10 s, doubling up to 300 s).',
      'Writes each pod\'s status (phase, conditions, container states, pod IP) back through the API server.',
      'If it stops, nothing on the node changes at first — containers keep running — but the node turns NotReady after 50 s without heartbeats.',
    ],
    aks: [
      'Runs as a systemd service on each node VM (Ubuntu by default, one instance of the pool\'s VM Scale Set); it is not a pod.',
      'AKS sets its configuration: max pods (250 with Azure CNI Overlay), kube-reserved cpu and memory, eviction thresholds. You can adjust a few settings with a custom node configuration.',
      'Its events appear with source "kubelet" and the node as host.',
    ],
  },
  'kube-proxy': {
    id: 'component/kube-proxy',
    title: 'kube-proxy',
    category: 'Node networking',
    managedBy: 'aks-addon',
    summary:
      'Makes Service IPs work on each node. It watches Services and their endpoints and programs the node\'s packet rules so traffic to a Service IP lands on one of its ready pods.',
    does: [
      'Watches Services and EndpointSlices through the API server.',
      'Programs iptables (or IPVS) rules: traffic to ClusterIP:port is DNATed to a ready pod IP:targetPort, picked at random.',
      'Opens NodePorts (30000-32767) on every node for NodePort and LoadBalancer Services.',
      'It is not in the data path itself: the Linux kernel forwards packets using the rules it wrote.',
    ],
    aks: [
      'A DaemonSet `kube-proxy` in kube-system (one pod per node, host network), deployed and kept in place by AKS.',
      'AKS uses iptables mode by default; clusters using Azure CNI powered by Cilium replace kube-proxy with eBPF.',
    ],
  },
  containerd: {
    id: 'component/containerd',
    title: 'containerd',
    category: 'Container runtime',
    managedBy: 'node-vm',
    summary:
      'The container runtime on each node. The kubelet asks it, over the CRI (Container Runtime Interface), to pull images and to create, start, stop and remove containers.',
    does: [
      'Pulls and unpacks images from registries (Microsoft Container Registry for AKS components, your Azure Container Registry for your apps).',
      'Creates each pod\'s sandbox (the "pause" container holding its network namespace), then its containers, using runc, Linux namespaces and cgroups.',
      'Reports container states and exit codes back to the kubelet, which turns them into the pod\'s containerStatuses.',
    ],
    aks: [
      'A systemd service on each node VM; the default runtime for Linux node pools since Kubernetes 1.19 (Docker is no longer used).',
      'To look at it directly you would use `crictl` on the node, e.g. through `kubectl debug node/<name>`.',
    ],
  },
  kubectl: {
    id: 'component/kubectl',
    title: 'kubectl',
    category: 'Client',
    managedBy: 'client',
    summary:
      'The command-line client. It turns commands like `kubectl apply -f app.yaml` into REST calls to the API server; it never talks to nodes or etcd directly.',
    does: [
      'Reads the cluster address and credentials from a kubeconfig file.',
      'Sends requests to the API server (apply, get, describe, delete, logs, exec...) and prints the answers.',
      'Server-side apply sends your whole manifest and lets the API server merge it and record which fields you manage.',
    ],
    aks: [
      '`az aks get-credentials` writes the kubeconfig; clusters using Microsoft Entra ID sign in through kubelogin.',
      'In this sandbox the manifest editor and the node buttons play kubectl\'s part: they send the same requests to the simulated API server.',
    ],
  },
};

// ------------------------------------------------------------------ resources

export const RESOURCE_EXPLAINERS: Record<Watched, Explainer> = {
  namespaces: {
    id: 'resource/namespaces',
    title: 'Namespace',
    category: 'Cluster object',
    managedBy: 'customer',
    summary: 'A named scope for objects: names must be unique within a namespace, and access rules, quotas and policies are usually set per namespace.',
    does: [
      'Separates teams, apps or environments inside one cluster. It is not a network or security boundary on its own.',
      'Deleting a namespace deletes everything in it; it stays Terminating until that is done.',
    ],
    aks: [
      'Every cluster starts with default, kube-system (AKS add-ons), kube-public and kube-node-lease (node heartbeats).',
      'Leave kube-system to AKS: its add-ons are reconciled, so edits there are reverted.',
    ],
  },
  nodes: {
    id: 'resource/nodes',
    title: 'Node',
    category: 'Cluster object',
    managedBy: 'node-vm',
    summary: 'The API object for one machine that runs pods. The kubelet on the VM registers it and keeps its status current.',
    does: [
      'Reports conditions (Ready, MemoryPressure, DiskPressure, PIDPressure), capacity and allocatable resources, addresses and the software versions on the VM.',
      'Carries taints and the unschedulable flag (cordon) that keep new pods away.',
      'Gets a pod CIDR: the range its pods take IPs from.',
      'If the kubelet stops reporting for 50 s, the node controller marks it NotReady (or Unknown) and, after 300 s, evicts its pods.',
    ],
    aks: [
      'Each node is a VM instance of its node pool\'s VM Scale Set, named aks-<pool>-<8 digits>-vmss<6 characters>, in the node resource group MC_<resourceGroup>_<cluster>_<region>.',
      'Allocatable is less than the VM\'s size: AKS reserves cpu and memory for the kubelet and the OS (kube-reserved) plus an eviction threshold.',
      'With Azure CNI Overlay each node gets a /24 from 10.244.0.0/16 for its pods (node 0 -> 10.244.0.0/24), while the node itself has a VNet IP such as 10.224.0.4.',
      'Labels tell you its pool (kubernetes.azure.com/agentpool), VM size (node.kubernetes.io/instance-type) and zone (topology.kubernetes.io/zone).',
    ],
  },
  pods: {
    id: 'resource/pods',
    title: 'Pod',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'The smallest thing Kubernetes runs: one or more containers that share a network namespace (one IP, one set of ports) and volumes, always placed together on one node.',
    does: [
      'Is created (usually by a controller such as a ReplicaSet), bound to a node by the scheduler, then started by that node\'s kubelet.',
      'Goes through phases Pending -> Running -> Succeeded or Failed; its conditions say whether it is scheduled, initialized and ready.',
      'Only Ready pods receive Service traffic.',
      'Is never moved: if its node dies, the pod is deleted and its controller creates a new one elsewhere, with a new name and IP.',
    ],
    aks: [
      'With Azure CNI Overlay a pod\'s IP comes from its node\'s /24 in 10.244.0.0/16, a private range outside your VNet; traffic leaving the cluster is translated to the node\'s IP.',
      'Pods run on your node VMs and use their cpu and memory; requests decide where they fit.',
    ],
  },
  services: {
    id: 'resource/services',
    title: 'Service',
    category: 'Networking object',
    managedBy: 'customer',
    summary: 'A stable name and virtual IP in front of a changing set of pods, chosen by a label selector.',
    does: [
      'Gets a ClusterIP from the Service range and a DNS name <name>.<namespace>.svc.cluster.local served by CoreDNS.',
      'Its endpoints (the IPs of ready matching pods) are kept current by controllers; kube-proxy on every node turns them into forwarding rules.',
      'The type decides how far it is reachable: ClusterIP (inside), NodePort (every node\'s port), LoadBalancer (an Azure load balancer IP).',
    ],
    aks: [
      'Service IPs come from 10.0.0.0/16 by default; 10.0.0.10 is kube-dns, the cluster DNS.',
      'They are virtual: no interface owns them; kube-proxy\'s rules on each node make them work.',
    ],
  },
  endpoints: {
    id: 'resource/endpoints',
    title: 'Endpoints',
    category: 'Networking object',
    managedBy: 'aks-control-plane',
    summary: 'The list of pod IPs and ports behind a Service, with the same name as the Service. Ready pods are in `addresses`; pods that are not ready are in `notReadyAddresses`.',
    does: [
      'Written by the endpoints controller in kube-controller-manager whenever matching pods appear, disappear or change readiness.',
      'kube-proxy uses the newer EndpointSlice objects carrying the same information; Kubernetes 1.33 deprecated the v1 Endpoints API in their favour.',
      'An empty list means the selector matches no ready pod — the first thing to check when a Service does not answer.',
    ],
    aks: ['Maintained by the controllers in the AKS-managed control plane; you read them, you do not write them.'],
  },
  events: {
    id: 'resource/events',
    title: 'Event',
    category: 'Cluster object',
    managedBy: 'aks-control-plane',
    summary: 'A short record that something happened to an object: a reason, a message, Normal or Warning, and which component reported it.',
    does: [
      'Written by the scheduler (Scheduled, FailedScheduling), kubelets (Pulling, Started, BackOff, Unhealthy), controllers (SuccessfulCreate, ScalingReplicaSet) and others.',
      'Repeats are folded into one event with a growing count.',
      'Events expire: the API server keeps them for one hour by default.',
    ],
    aks: ['`kubectl get events` and `kubectl describe` show them; for history beyond an hour, send them to Azure Monitor (Container insights).'],
  },
  deployments: {
    id: 'resource/deployments',
    title: 'Deployment',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'The usual way to run a stateless app: you declare the pod template and the number of replicas, and the Deployment rolls changes out for you.',
    does: [
      'Owns ReplicaSets, one per version of the pod template.',
      'On a template change, rolls out a new ReplicaSet while scaling the old one down (maxSurge 25%, maxUnavailable 25% by default).',
      'Keeps old ReplicaSets (revisionHistoryLimit 10) so you can roll back; reports Progressing/Available conditions and marks a rollout that makes no progress for progressDeadlineSeconds (600 s) as failed.',
    ],
    aks: ['Handled by the deployment controller in the AKS-managed control plane; its pods run on your nodes. CoreDNS, metrics-server and konnectivity-agent are AKS\'s own Deployments.'],
  },
  replicasets: {
    id: 'resource/replicasets',
    title: 'ReplicaSet',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'Keeps a set number of identical pods running. Usually created and managed by a Deployment rather than by hand.',
    does: [
      'Counts the pods that match its selector and creates or deletes pods until the count equals spec.replicas.',
      'Adds a pod-template-hash label so each version\'s pods are told apart.',
      'Replaces pods that are deleted or evicted — this is what "self-healing" means.',
    ],
    aks: ['Handled by the replicaset controller in the AKS-managed control plane.'],
  },
  daemonsets: {
    id: 'resource/daemonsets',
    title: 'DaemonSet',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'Runs one copy of a pod on every node (or every node matching a selector). New nodes get one automatically.',
    does: [
      'Creates a pod per eligible node, pinned to it with node affinity; the scheduler then binds it.',
      'Its pods tolerate node problems (not-ready, unreachable) so they keep running on troubled nodes, and `kubectl drain --ignore-daemonsets` leaves them in place.',
      'Rolls updates node by node (maxUnavailable).',
    ],
    aks: ['AKS runs its node-level add-ons as DaemonSets in kube-system: kube-proxy, azure-cns, azure-ip-masq-agent, cloud-node-manager and the Azure Disk and Azure Files CSI node plugins.'],
  },
  statefulsets: {
    id: 'resource/statefulsets',
    title: 'StatefulSet',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'Runs pods that need a stable identity: predictable names (web-0, web-1...), stable DNS names through a headless Service, and their own persistent volume each.',
    does: [
      'Creates pods in order, one at a time, and deletes them in reverse order.',
      'Gives each pod its own PersistentVolumeClaim from volumeClaimTemplates, which survives the pod being recreated.',
      'Updates pods from the highest ordinal down.',
    ],
    aks: ['On AKS the volumes are typically Azure Disks (storage class managed-csi), attached by the Azure Disk CSI driver to whichever node the pod runs on.'],
  },
  jobs: {
    id: 'resource/jobs',
    title: 'Job',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'Runs pods until a task has finished successfully a given number of times, instead of keeping them running forever.',
    does: [
      'Creates pods (up to `parallelism` at once) until `completions` have succeeded.',
      'Retries failed pods up to backoffLimit (6 by default) with growing delays, then marks the Job Failed.',
      'Can clean itself up after it finishes (ttlSecondsAfterFinished).',
    ],
    aks: ['Handled by the job controller in the AKS-managed control plane; the pods run on your nodes.'],
  },
  cronjobs: {
    id: 'resource/cronjobs',
    title: 'CronJob',
    category: 'Workload object',
    managedBy: 'customer',
    summary: 'Creates a Job on a repeating schedule written in cron syntax (e.g. "*/5 * * * *").',
    does: [
      'At each scheduled time, creates a Job from its jobTemplate.',
      'concurrencyPolicy decides what happens if the previous run is still going (Allow, Forbid, Replace).',
      'Keeps the last 3 successful and 1 failed Jobs by default.',
    ],
    aks: ['The schedule is evaluated by the cronjob controller in the AKS-managed control plane, in UTC unless you set spec.timeZone.'],
  },
  configmaps: {
    id: 'resource/configmaps',
    title: 'ConfigMap',
    category: 'Configuration object',
    managedBy: 'customer',
    summary: 'Non-secret configuration as key-value pairs, kept apart from the image so the same image runs anywhere.',
    does: [
      'Pods use it as environment variables or as files in a mounted volume.',
      'Mounted files are refreshed by the kubelet after a change (eventually); environment variables are only read when the container starts.',
      'Use a Secret, not a ConfigMap, for passwords and keys.',
    ],
    aks: ['AKS keeps some of its own in kube-system: `coredns` is reconciled (edits are reverted), while `coredns-custom` is where you add your DNS customisations.'],
  },
};

// ------------------------------------------------------------------ Service types

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

export const SERVICE_TYPE_EXPLAINERS: Record<ServiceType, Explainer> = {
  ClusterIP: {
    id: 'service-type/ClusterIP',
    title: 'type: ClusterIP',
    category: 'Service type',
    managedBy: 'customer',
    summary: 'The default: a virtual IP reachable only from inside the cluster.',
    does: [
      'Pods call it by DNS name or IP; kube-proxy on the caller\'s node forwards each connection to one ready endpoint.',
      'With `clusterIP: None` it is "headless": no virtual IP, DNS returns the pod IPs directly (used by StatefulSets).',
    ],
    aks: ['The IP comes from the Service range, 10.0.0.0/16 by default. It is not reachable from your VNet or the internet.'],
  },
  NodePort: {
    id: 'service-type/NodePort',
    title: 'type: NodePort',
    category: 'Service type',
    managedBy: 'customer',
    summary: 'A ClusterIP Service that is also open on the same port (30000-32767) on every node\'s IP.',
    does: [
      'Traffic to <any node IP>:<nodePort> is forwarded by kube-proxy to a ready endpoint, which may be on another node.',
      'externalTrafficPolicy: Local keeps traffic on the node it arrived at (and keeps the client IP), but only nodes with a ready pod answer.',
    ],
    aks: ['AKS nodes have no public IPs by default, so a NodePort is reachable from your VNet (e.g. 10.224.0.4:3xxxx), not from the internet.'],
  },
  LoadBalancer: {
    id: 'service-type/LoadBalancer',
    title: 'type: LoadBalancer',
    category: 'Service type',
    managedBy: 'customer',
    summary: 'A NodePort Service plus a cloud load balancer in front of the nodes, with its own IP.',
    does: [
      'The cloud-controller-manager adds a frontend IP, a rule and a health probe to the cluster\'s Azure Load Balancer, pointing at the nodes\' NodePort.',
      'When done, the IP appears in status.loadBalancer.ingress and in the EXTERNAL-IP column (pending until then).',
    ],
    aks: [
      'Uses the Standard Load Balancer named `kubernetes` in the node resource group; a public IP is created there for each Service.',
      'Annotate with service.beta.kubernetes.io/azure-load-balancer-internal: "true" to get a private IP from your VNet instead.',
    ],
  },
  ExternalName: {
    id: 'service-type/ExternalName',
    title: 'type: ExternalName',
    category: 'Service type',
    managedBy: 'customer',
    summary: 'A DNS alias: the Service name resolves (as a CNAME) to spec.externalName. No IP, no proxying, no endpoints.',
    does: ['Lets pods use a cluster-local name for something outside, such as a managed database host name.'],
    aks: ['Resolved by CoreDNS; kube-proxy does nothing for it.'],
  },
};

// ------------------------------------------------------------------ AKS add-ons (kube-system)

/** The kube-system add-ons a fresh AKS cluster runs, by workload name (and the Services that front them). */
export const ADDON_NAMES = [
  'coredns', 'coredns-autoscaler', 'konnectivity-agent', 'metrics-server', 'kube-proxy', 'azure-ip-masq-agent',
  'cloud-node-manager', 'csi-azuredisk-node', 'csi-azurefile-node', 'azure-cns', 'kube-dns', 'kubernetes',
] as const;
export type AddonName = (typeof ADDON_NAMES)[number];

const addon = (name: string, summary: string, does: string[], aks: string[], category = 'AKS add-on (kube-system)'): Explainer => ({
  id: `addon/${name}`,
  title: name,
  category,
  managedBy: 'aks-addon',
  summary,
  does,
  aks,
});

export const ADDON_EXPLAINERS: Record<AddonName, Explainer> = {
  coredns: addon(
    'coredns',
    'The cluster\'s DNS server. It answers names like web.default.svc.cluster.local with Service IPs and forwards everything else upstream.',
    [
      'Watches Services and EndpointSlices and answers queries for them.',
      'Every pod\'s /etc/resolv.conf points at the kube-dns Service IP, so all in-cluster name lookups come here.',
      'Forwards other names to the node\'s resolver (Azure DNS by default) and caches answers for up to 30 s.',
    ],
    [
      'A Deployment `coredns` in kube-system with at least 2 replicas, behind the kube-dns Service at 10.0.0.10.',
      'AKS reconciles its ConfigMap; put your own zones and forwarders in `coredns-custom` instead.',
      'coredns-autoscaler adds replicas as the cluster grows.',
    ],
  ),
  'coredns-autoscaler': addon(
    'coredns-autoscaler',
    'Scales CoreDNS with the size of the cluster (the cluster-proportional-autoscaler).',
    [
      'Watches the number of nodes and cpu cores and sets the coredns Deployment\'s replicas from a ladder.',
      'Default ladder: 2 replicas from 1 node, 3 from 8 nodes, 4 from 16, 5 from 32 (or by cores: 3 from 512...).',
    ],
    ['A Deployment in kube-system (1 replica), configured by the `coredns-autoscaler` ConfigMap.'],
  ),
  'konnectivity-agent': addon(
    'konnectivity-agent',
    'The node end of the tunnel between the AKS control plane and your network (see konnectivity).',
    [
      'Dials out to the konnectivity server beside the API server and keeps the connection open.',
      'Carries API server -> kubelet traffic (logs, exec, attach, port-forward) and API server -> webhook and aggregated API traffic.',
    ],
    ['A Deployment in kube-system (2 replicas), kept in place by AKS. Without it, `kubectl logs` and `kubectl exec` stop working.'],
  ),
  'metrics-server': addon(
    'metrics-server',
    'Collects current cpu and memory usage from every kubelet and serves it through the metrics.k8s.io API.',
    [
      'Scrapes each kubelet\'s resource metrics endpoint periodically and keeps only the latest values in memory.',
      'Powers `kubectl top` and the Horizontal Pod Autoscaler; it is not a monitoring history.',
    ],
    ['A Deployment (2 replicas) and a Service `metrics-server` in kube-system, installed by AKS on every cluster.'],
  ),
  'kube-proxy': addon(
    'kube-proxy',
    'The kube-proxy DaemonSet: one pod per node programming that node\'s Service forwarding rules (see kube-proxy).',
    ['Watches Services and EndpointSlices; writes the iptables rules that send Service traffic to ready pods.'],
    ['A DaemonSet in kube-system with host networking, version-matched to the cluster, kept in place by AKS.'],
  ),
  'azure-ip-masq-agent': addon(
    'azure-ip-masq-agent',
    'Decides which traffic leaving a pod is source-NATed to the node\'s IP.',
    [
      'Writes iptables MASQUERADE rules: traffic to the pod range and the VNet keeps the pod IP, everything else leaves with the node IP.',
      'Needed with Azure CNI Overlay because pod IPs (10.244.x.x) are not routable outside the cluster.',
    ],
    ['A DaemonSet in kube-system, configured by AKS (the non-masquerade ranges follow your network settings).'],
  ),
  'cloud-node-manager': addon(
    'cloud-node-manager',
    'The node-side part of Azure\'s cloud provider: it tells Kubernetes what Azure knows about each VM.',
    [
      'Fills in the node\'s providerID, addresses, and labels for VM size, region and zone from Azure.',
      'Works with the cloud-controller-manager in the control plane, which handles load balancers and deleted VMs.',
    ],
    ['A DaemonSet in kube-system, one pod per node, kept in place by AKS.'],
  ),
  'csi-azuredisk-node': addon(
    'csi-azuredisk-node',
    'The node plugin of the Azure Disk CSI driver: it mounts Azure managed disks into pods on this node.',
    [
      'After a disk is attached to the VM, formats it if needed and mounts it where the kubelet asks.',
      'Backs PersistentVolumeClaims using storage classes such as managed-csi (ReadWriteOnce: one node at a time).',
    ],
    ['A DaemonSet in kube-system. The driver\'s controller half (creating and attaching disks) is run by AKS outside your nodes.'],
  ),
  'csi-azurefile-node': addon(
    'csi-azurefile-node',
    'The node plugin of the Azure Files CSI driver: it mounts Azure file shares (SMB or NFS) into pods on this node.',
    ['Backs PersistentVolumeClaims using storage classes such as azurefile-csi; file shares can be mounted by many pods on many nodes at once (ReadWriteMany).'],
    ['A DaemonSet in kube-system. The driver\'s controller half (creating shares) is run by AKS outside your nodes.'],
  ),
  'azure-cns': addon(
    'azure-cns',
    'Azure Container Networking Service: the per-node agent that hands out pod IPs for Azure CNI.',
    [
      'When containerd sets up a pod sandbox, the Azure CNI plugin asks CNS for an IP and gets one from the node\'s pod range.',
      'With Azure CNI Overlay that range is the node\'s /24 from 10.244.0.0/16, and Azure routes pod-to-pod traffic between nodes in its own routing domain: no route tables, no encapsulation.',
    ],
    ['A DaemonSet in kube-system on clusters using Azure CNI (the default: Overlay since Kubernetes 1.30), kept in place by AKS.'],
  ),
  'kube-dns': addon(
    'kube-dns',
    'The Service in front of the CoreDNS pods. Its ClusterIP is the DNS server written into every pod\'s /etc/resolv.conf.',
    ['Forwards UDP and TCP port 53 to the ready CoreDNS pods (selected by label k8s-app=kube-dns).'],
    ['A ClusterIP Service in kube-system at 10.0.0.10 (the default dnsServiceIP), kept in place by AKS.'],
    'AKS add-on Service (kube-system)',
  ),
  kubernetes: addon(
    'kubernetes',
    'The Service that lets pods find the API server: https://kubernetes.default.svc.',
    [
      'Has no selector; its endpoints are written by the API server itself and point at the API server\'s address.',
      'Client libraries inside pods use it, with the pod\'s ServiceAccount token, to call the API.',
    ],
    ['Its ClusterIP is the first address of the Service range (10.0.0.1); the endpoint is the AKS control plane\'s address, outside your VNet.'],
    'Built-in Service (default namespace)',
  ),
};

// ------------------------------------------------------------------ concepts without an object of their own

export const CONCEPT_EXPLAINERS = {
  cluster: {
    id: 'concept/cluster',
    title: 'AKS cluster',
    category: 'Overview',
    managedBy: 'aks-control-plane',
    summary:
      'A cluster is two halves: a control plane that stores and decides, and nodes that run your pods. On AKS, Microsoft runs the control plane for you; the nodes are VMs in your subscription.',
    does: [
      'You describe what you want (Deployments, Services...) to the API server; controllers, the scheduler and kubelets make it so, each through the API.',
      'Click any component, node, pod or Service on the diagram to see what it is, its live state, its events and its YAML.',
    ],
    aks: [
      'Control plane: kube-apiserver, etcd, kube-scheduler, kube-controller-manager and cloud-controller-manager, operated by Microsoft (Free tier: no SLA; Standard: 99.95% with zones).',
      'Nodes: VM Scale Set instances grouped in node pools, running the kubelet and containerd, plus AKS add-ons in kube-system.',
    ],
  },
  nodePool: {
    id: 'concept/node-pool',
    title: 'Node pool',
    category: 'AKS concept',
    managedBy: 'node-vm',
    summary: 'A group of nodes with the same VM size, OS and settings, backed by one Azure VM Scale Set. Kubernetes itself has no such object: it shows up as a node label.',
    does: [
      'Scale it (`az aks nodepool scale`, or the cluster autoscaler) to add or remove identical nodes.',
      'System pools run AKS\'s critical add-ons (and may carry the CriticalAddonsOnly taint); user pools are for your apps.',
      'Upgrades go pool by pool: a surge node is added, then each node is cordoned, drained and reimaged.',
    ],
    aks: [
      '`az aks create` makes one System pool, nodepool1, with 3 nodes. Its nodes are labelled kubernetes.azure.com/agentpool=<pool> and kubernetes.azure.com/mode=system|user.',
      'The VM Scale Set lives in the node resource group MC_<resourceGroup>_<cluster>_<region>; you pay for its VMs.',
    ],
  },
  container: {
    id: 'concept/container',
    title: 'Container',
    category: 'Runtime concept',
    managedBy: 'node-vm',
    summary: 'A process started from an image and isolated with Linux namespaces and cgroups. Containers live inside pods; containerd runs them on the node.',
    does: [
      'States: Waiting (e.g. ContainerCreating, ImagePullBackOff, CrashLoopBackOff), Running, or Terminated (with an exit code and reason).',
      'Restarted by the kubelet according to the pod\'s restartPolicy; restartCount counts them, with back-off between crashes.',
      'Resource requests reserve room on the node for scheduling; limits cap what the container may use (over the memory limit it is OOMKilled).',
      'Probes tell the kubelet whether it is alive (liveness), ready for traffic (readiness) or still starting (startup).',
    ],
    aks: ['On AKS nodes containers are run by containerd; their images come from registries such as MCR or your Azure Container Registry.'],
  },
} satisfies Record<string, Explainer>;

// ------------------------------------------------------------------ lookups

/** The part of a pod's owner name a ReplicaSet adds (`coredns-5cf6977888` -> `coredns`). */
function withoutTemplateHash(name: string, hash: string | undefined): string {
  if (hash && name.endsWith(`-${hash}`)) return name.slice(0, -hash.length - 1);
  return name;
}

function isAddonName(n: string | undefined): n is AddonName {
  return !!n && (ADDON_NAMES as readonly string[]).includes(n);
}

/**
 * Which AKS add-on an object belongs to, by its owner's name (pods), its own name (workloads,
 * Services, ConfigMaps) or its k8s-app/app label. Only kube-system objects (and the `kubernetes`
 * Service in default) are add-ons: a user's Deployment called `coredns` is not.
 */
export function addonOf(obj: KubeObject): AddonName | undefined {
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name ?? '';
  if (ns === 'default') return obj.kind === 'Service' && name === 'kubernetes' ? 'kubernetes' : undefined;
  if (ns !== 'kube-system') return undefined;
  const labels = obj.metadata.labels ?? {};
  const candidates: (string | undefined)[] = [];
  if (obj.kind === 'Pod') {
    const owner = (obj.metadata.ownerReferences ?? []).find((o) => o.controller) ?? obj.metadata.ownerReferences?.[0];
    if (owner) candidates.push(owner.kind === 'ReplicaSet' ? withoutTemplateHash(owner.name, labels['pod-template-hash']) : owner.name);
  } else if (obj.kind === 'ReplicaSet') {
    candidates.push(withoutTemplateHash(name, labels['pod-template-hash']));
  } else {
    candidates.push(name);
    // `coredns-custom` and other ConfigMaps of an add-on.
    if (obj.kind === 'ConfigMap' && name.startsWith('coredns-') && name !== 'coredns-autoscaler') candidates.push('coredns');
  }
  candidates.push(labels['k8s-app'] === 'kube-dns' && obj.kind !== 'Service' ? 'coredns' : labels['k8s-app'], labels.app, labels.component);
  return candidates.find(isAddonName);
}

/** The explainers for an object, most specific first: the add-on, then the Service type, then the kind. */
export function explainersForObject(resource: Watched, obj: KubeObject | undefined): Explainer[] {
  const out: Explainer[] = [];
  const a = obj ? addonOf(obj) : undefined;
  if (a) out.push(ADDON_EXPLAINERS[a]);
  out.push(RESOURCE_EXPLAINERS[resource]);
  if (resource === 'services') {
    const type = (obj?.spec?.type as ServiceType | undefined) ?? 'ClusterIP';
    const t = SERVICE_TYPE_EXPLAINERS[type];
    if (t) out.push(t);
  }
  if (resource === 'nodes') out.push(CONCEPT_EXPLAINERS.nodePool);
  if (resource === 'pods') out.push(CONCEPT_EXPLAINERS.container);
  return out;
}

/** The explainers for a component; konnectivity also explains its agent pods. */
export function explainersForComponent(component: ComponentName): Explainer[] {
  const out = [COMPONENT_EXPLAINERS[component]];
  if (component === 'containerd') out.push(CONCEPT_EXPLAINERS.container);
  return out;
}
