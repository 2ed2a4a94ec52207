// Starter manifests for the editor: small, valid, commented, and using images the simulated
// registry serves (src/sim/node/images.ts), so every one runs when applied
// (templates.test.ts applies each to a test cluster and waits for its pods).

export interface Template {
  id: string;
  label: string;
  yaml: string;
}

/** A Deployment for the Service templates to front: three replicas of the hello app on 8080. */
const HELLO_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  labels:
    app: hello
spec:
  replicas: 3
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
        - name: hello
          image: clusterlab/hello:1.0
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet:
              path: /
              port: 8080
`;

const service = (name: string, type: string, note: string, extra = '') => `# ${note}
${HELLO_DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  type: ${type}
  selector:
    app: hello # the pods this Service sends traffic to
  ports:
    - port: 80 # the Service's port
      targetPort: 8080 # the container's port${extra}
`;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'pod',
    label: 'Pod',
    yaml: `# A single Pod: one nginx container. Pods are usually created by a controller
# (a Deployment, a Job...), which replaces them when they fail.
apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
    - name: nginx
      image: nginx:1.27
      ports:
        - containerPort: 80
      resources:
        requests:
          cpu: 100m
          memory: 64Mi
        limits:
          memory: 128Mi
`,
  },
  {
    id: 'deployment',
    label: 'Deployment',
    yaml: `# A Deployment keeps 3 replicas of a pod template running, through a ReplicaSet.
# Change the image or the replicas and apply again to see a rolling update or a scale.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
          readinessProbe:
            httpGet:
              path: /
              port: 80
`,
  },
  {
    id: 'service-clusterip',
    label: 'Service (ClusterIP)',
    yaml: service('hello', 'ClusterIP', 'A ClusterIP Service: one stable virtual IP inside the cluster for the hello pods.'),
  },
  {
    id: 'service-nodeport',
    label: 'Service (NodePort)',
    yaml: service('hello-nodeport', 'NodePort', 'A NodePort Service: also opens a port (30000-32767) on every node.', '\n      nodePort: 30080'),
  },
  {
    id: 'service-loadbalancer',
    label: 'Service (LoadBalancer)',
    yaml: service('hello-lb', 'LoadBalancer', 'A LoadBalancer Service: on AKS the cloud-controller-manager adds it to the\n# cluster\'s Azure Load Balancer with a public IP (EXTERNAL-IP).'),
  },
  {
    id: 'daemonset',
    label: 'DaemonSet',
    yaml: `# A DaemonSet runs one pod on every (schedulable) node: agents for logs, metrics, networking.
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  labels:
    app: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          # The downward API tells each pod which node it landed on.
          env:
            - name: NODE_NAME
              valueFrom:
                fieldRef:
                  apiVersion: v1
                  fieldPath: spec.nodeName
          command: ["sh", "-c", "echo node agent started on $NODE_NAME; sleep 86400"]
          resources:
            requests:
              cpu: 10m
              memory: 16Mi
`,
  },
  {
    id: 'statefulset',
    label: 'StatefulSet + headless Service',
    yaml: `# A StatefulSet gives each pod a stable name (redis-0, redis-1...) and creates them in order.
# The headless Service (clusterIP: None) gives each pod a DNS name: redis-0.redis.default.svc.
apiVersion: v1
kind: Service
metadata:
  name: redis
spec:
  clusterIP: None
  selector:
    app: redis
  ports:
    - name: redis
      port: 6379
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  serviceName: redis
  replicas: 2
  selector:
    matchLabels:
      app: redis
  template:
    metadata:
      labels:
        app: redis
    spec:
      containers:
        - name: redis
          image: redis:7.2
          ports:
            - name: redis
              containerPort: 6379
`,
  },
  {
    id: 'job',
    label: 'Job',
    yaml: `# A Job runs pods until one completes successfully (exit code 0), retrying failures.
apiVersion: batch/v1
kind: Job
metadata:
  name: batch-job
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: worker
          image: clusterlab/job:1.0
`,
  },
  {
    id: 'cronjob',
    label: 'CronJob',
    yaml: `# A CronJob creates a Job on a schedule (cron syntax, in the controller manager's time zone).
apiVersion: batch/v1
kind: CronJob
metadata:
  name: every-minute
spec:
  schedule: "*/1 * * * *"
  successfulJobsHistoryLimit: 3
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: hello
              image: busybox:1.36
              command: ["sh", "-c", "date; echo Hello from the CronJob"]
`,
  },
  {
    id: 'configmap',
    label: 'ConfigMap',
    yaml: `# A ConfigMap holds configuration for pods: as environment variables or as files.
apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  LOG_LEVEL: info
  app.properties: |
    greeting=hello
    color=blue
`,
  },
  {
    id: 'secret',
    label: 'Secret',
    yaml: `# A Secret holds small sensitive values. stringData is written in clear and stored
# base64-encoded under data (encoded is not encrypted: restrict who can read Secrets).
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
stringData:
  username: app
  password: change-me
`,
  },
  {
    id: 'namespace',
    label: 'Namespace',
    yaml: `# A Namespace groups objects: names must be unique within it, and quotas and
# access rules can be set per namespace.
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels:
    team: a
`,
  },
];

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** What the editor shows the first time, before anything is saved. */
export const DEFAULT_TEXT = TEMPLATES[1].yaml;
