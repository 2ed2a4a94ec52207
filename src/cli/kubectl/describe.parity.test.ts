// Parity with the real kubectl for describe, events, explain and top.
// See parity/harness.ts for how lines are compared.

import { parityTest } from './parity/harness';

/**
 * Lines whose output differs on purpose, with the reason. Only their exit codes are compared.
 * Ages: the real kubectl measures them against the wall clock (time.Since), the simulation's
 * objects carry virtual-clock timestamps (a fixed date in 2025), so any age that kubectl computes
 * on the client differs; the engine shows ages on the virtual clock, as a learner expects.
 */
const WALL_CLOCK_AGES = 'event ages (and the Age column of pods on a node) are computed by kubectl against the wall clock; the engine uses the virtual clock';
const differences: Record<string, string> = {
  'kubectl describe deploy web': WALL_CLOCK_AGES,
  'kubectl describe nodes aks-nodepool1 --show-events=false': WALL_CLOCK_AGES,
  'kubectl describe pod -l app=db': WALL_CLOCK_AGES,
  'kubectl describe configmap cfg2':
    'kubectl ranges over the ConfigMap data map, and Go randomises map order: with two keys the real output flips between runs; the engine prints keys sorted, one of the orders kubectl prints',
  'kubectl events': WALL_CLOCK_AGES,
  'kubectl top pod -l app=fresh':
    'kubectl decides between "metrics not available yet" and "Metrics not available for pod X, age: ..." by the pod age on the wall clock; on the virtual clock the pod is 5 s old',
  'kubectl events --for deploy/web': WALL_CLOCK_AGES,
  'kubectl events --types=Warning': WALL_CLOCK_AGES,
  'kubectl events --no-headers --for deploy/web': WALL_CLOCK_AGES,
};

const files: Record<string, string> = {
  'pod.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: complex
  labels:
    app: complex
  annotations:
    note: "a short note"
spec:
  priorityClassName: high
  nodeSelector:
    kubernetes.io/os: linux
  tolerations:
  - key: dedicated
    operator: Equal
    value: web
    effect: NoSchedule
  - operator: Exists
  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "echo init"]
  containers:
  - name: app
    image: nginx:1.27
    ports:
    - containerPort: 80
    - containerPort: 443
      hostPort: 8443
    envFrom:
    - configMapRef:
        name: cfg
    - secretRef:
        name: sec
        optional: true
      prefix: S_
    env:
    - name: GREETING
      value: hello
    - name: PASSWORD
      valueFrom:
        secretKeyRef:
          name: sec
          key: password
    - name: LEVEL
      valueFrom:
        configMapKeyRef:
          name: cfg
          key: a
    - name: MY_POD
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: CPU_LIMIT
      valueFrom:
        resourceFieldRef:
          resource: limits.cpu
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
      limits:
        cpu: 200m
        memory: 128Mi
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      initialDelaySeconds: 3
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
    volumeMounts:
    - name: cache
      mountPath: /cache
    - name: config
      mountPath: /etc/cfg
      readOnly: true
    - name: secret
      mountPath: /etc/sec
      subPath: password
  - name: sidecar
    image: busybox:1.36
    args: ["sleep", "3600"]
  volumes:
  - name: cache
    emptyDir:
      sizeLimit: 100Mi
  - name: config
    configMap:
      name: cfg
  - name: secret
    secret:
      secretName: sec
  - name: host
    hostPath:
      path: /var/log
      type: Directory
`,
  'more.yaml': `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get"]
  resourceNames: ["web"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: default
  namespace: default
roleRef:
  kind: Role
  name: reader
  apiGroup: rbac.authorization.k8s.io
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-viewer
rules:
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list"]
- nonResourceURLs: ["/healthz", "/version"]
  verbs: ["get"]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
description: "important things"
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: disk.csi.azure.com
parameters:
  skuName: Premium_LRS
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 60
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-web
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 80
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
    defaultRequest:
      cpu: 100m
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: quota
spec:
  hard:
    pods: "10"
    requests.cpu: "4"
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity:
    storage: 5Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: old
spec:
  replicas: 1
  selector:
    app: old
  template:
    metadata:
      labels:
        app: old
    spec:
      containers:
      - name: c
        image: nginx:1.27
`,
  'batch.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hello"]
        resources:
          requests:
            cpu: 50m
            memory: 32Mi
          limits:
            memory: 64Mi
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: tick
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: tick
            image: busybox:1.36
            args: ["date"]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: redis
        image: redis:7
        ports:
        - containerPort: 6379
          name: redis
        env:
        - name: MODE
          value: standalone
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        readinessProbe:
          tcpSocket:
            port: 6379
          periodSeconds: 5
`,
  'secret.yaml': `apiVersion: v1
kind: Secret
metadata:
  name: sec
type: Opaque
stringData:
  password: hunter2
`,
};

parityTest('describe, events, explain, top', {
  minLines: 30,
  differences,
  files,
  lines: `
# objects to describe
kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80
kubectl create service clusterip web --tcp=80:80
kubectl create configmap cfg --from-literal=a=1
kubectl create configmap cfg2 --from-literal=a=1 --from-literal=b=two
kubectl apply -f batch.yaml
kubectl apply -f more.yaml
kubectl apply -f pod.yaml
kubectl apply -f secret.yaml
kubectl create namespace team
@advance 30

# describe: one describer per kind, the generic one for the rest
kubectl describe deploy web --show-events=false
kubectl describe deploy web
kubectl describe svc web
kubectl describe endpoints web
kubectl describe configmap cfg
kubectl describe configmap cfg2
kubectl describe job once --show-events=false
kubectl describe cronjob tick
kubectl describe sts db --show-events=false
kubectl describe pod -l app=db
kubectl describe secret sec
kubectl describe namespace team
kubectl describe sa default
kubectl describe rs --show-events=false
kubectl describe pod complex --show-events=false
kubectl describe role reader
kubectl describe rolebinding read-pods
kubectl describe clusterrole node-viewer
kubectl describe pdb web-pdb
kubectl describe pc high
kubectl describe pc system-node-critical
kubectl describe sc fast
kubectl describe hpa web
kubectl describe ingressclass nginx
kubectl describe ingress web
kubectl describe netpol allow-web
kubectl describe limitrange limits
kubectl describe quota quota
kubectl describe pvc data
kubectl describe pv pv1
kubectl describe rc old --show-events=false
kubectl describe endpointslices --show-events=false
kubectl describe ds -n kube-system kube-proxy --show-events=false
kubectl describe leases -n kube-node-lease
kubectl describe controllerrevisions -n kube-system --show-events=false
kubectl describe all --show-events=false
# name prefixes, selectors, several objects, namespaces, errors
kubectl describe pods web --show-events=false
kubectl describe nodes aks-nodepool1 --show-events=false
kubectl describe pods -l app=web --show-events=false
kubectl describe svc -A -l component=apiserver
kubectl describe deploy/web svc/web --show-events=false
kubectl describe cm -n team
kubectl describe pods -l app=nothing
kubectl describe pod nope
kubectl describe nope
kubectl describe
kubectl describe deploy/web svc
kubectl describe -l app=web
kubectl describe deploy web -A
kubectl describe --help

# events
kubectl events
kubectl events --for deploy/web
kubectl events --for deploy/web -o yaml
kubectl events --no-headers --for deploy/web
kubectl events -n team
kubectl events --types=Warning
kubectl events --types=Warning -o yaml
kubectl events --types=Bogus
kubectl events --for nope/x
kubectl events --for pod
kubectl events --for pod/a/b
kubectl events -o wide
kubectl events -n kube-system -o name
kubectl events --help

# explain, from the OpenAPI v3 documents the API server serves
kubectl explain pods
kubectl explain pods.spec.containers.ports
kubectl explain deploy.spec.strategy
kubectl explain deployments.spec.strategy --recursive
kubectl explain pods.spec.restartPolicy
kubectl explain pods.metadata.creationTimestamp
kubectl explain pods.spec.containers.resources.limits
kubectl explain pods.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.matchExpressions
kubectl explain svc.spec.ports.targetPort
kubectl explain events --api-version=events.k8s.io/v1
kubectl explain cm
kubectl explain pods.spec.containers --recursive
kubectl explain no.status.conditions --recursive
kubectl explain pods..spec.nodeName
kubectl explain pods.spec.nope
kubectl explain pods.nope.spec
kubectl explain nope
kubectl explain .spec
kubectl explain pods --api-version=v2
kubectl explain pods --api-version=apps/v1
kubectl explain pods -o json
kubectl explain pods -o plaintext-openapiv2
kubectl explain
kubectl explain --help

# top: metrics.k8s.io from the usage model, served while metrics-server is Ready
kubectl top
kubectl top foo
kubectl top node --help
kubectl top pod --help
kubectl top node --sort-by=bogus
kubectl top node nope
kubectl top node a b
kubectl top node x -l a=b
kubectl top pod a b
kubectl top pod -l app=web web
kubectl top pod nope
kubectl top pod -n team
kubectl api-resources --api-group=metrics.k8s.io -o wide
kubectl api-versions
@advance 60
kubectl top node
kubectl top node -l agentpool=nodepool1 --sort-by=cpu
kubectl top node --show-capacity --no-headers
kubectl top pod
kubectl top pod -A
kubectl top pod -A --sort-by=memory
kubectl top pod --sort-by=name
kubectl top pod -n kube-system -l k8s-app=kube-dns --containers
kubectl top pod -n kube-system --field-selector=status.phase=Running --sort-by=cpu
kubectl top pod --no-headers --sum
kubectl top pod --containers -l app=web
kubectl top pod complex --containers
kubectl create deployment fresh --image=nginx:1.27
@advance 5
kubectl top pod -l app=fresh
# metrics-server down: its pods are replaced and the new ones are not Ready yet
kubectl delete pod -n kube-system -l k8s-app=metrics-server --wait=false
kubectl top node
kubectl top pod -A
@advance 30
kubectl top node --no-headers
`,
});
