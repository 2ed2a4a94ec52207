// Parity with the real kubectl v1.32 for run, expose, rollout, patch, replace, diff, wait,
// autoscale, edit and drain.
// Real kubectl blocks on `rollout status`, `wait` and `drain` while the (paused) cluster cannot
// change, so those lines pick states where it returns at once, or --timeout / --watch=false.
// See parity/harness.ts for how lines are compared.

import { parityTest } from './parity/harness';

const NODE0 = 'aks-nodepool1-27563345-vmss000000';
const NODE1 = 'aks-nodepool1-27563345-vmss000001';
const NODE2 = 'aks-nodepool1-27563345-vmss000002';

// Real kubectl evicts in parallel goroutines (its line order and so the replacement pods' names
// vary from run to run): the drains that evict pick a single pod with --pod-selector.
const differences: Record<string, string> = {
  'kubectl diff -f rep.yaml':
    "kubectl's diff names random temporary folders (/tmp/LIVE-<random>) and prints the files' wall-clock times; the engine's come from the virtual clock (the hunks are the same)",
  'kubectl diff -f rep-missing.yaml': 'as above: random folder names and wall-clock file times',
  'kubectl wait --for=delete deployment/web --timeout=1s':
    "kubectl's watch sometimes logs a klog warning (wall-clock time, process id) when the server ends a watch within a second; the timeout error line is the same",
};

const files: Record<string, string> = {
  'rep.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: rcm
data:
  a: "2"
`,
  'pdb.yaml': `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pod-pdb
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web-pod
`,
  'ds.yaml': `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
        env:
        - name: MODE
          value: fast
`,
  'sts.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: redis:7
        resources:
          requests:
            cpu: 10m
`,
  'rep-missing.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: not-there
data:
  a: "1"
`,
};

const lines = `
# run
kubectl run nginx --image=nginx --dry-run=client -o yaml
kubectl run nginx --image=nginx --port=80 --env=A=1 --env=B=2 --labels=app=x,tier=y --restart=Never --dry-run=client -o json
kubectl run bb --image=busybox --command --dry-run=client -o yaml -- sleep 3600
kubectl run bb2 --image=busybox --dry-run=client -o yaml -- echo hi
kubectl run nginx --image=nginx --port=80 --expose --dry-run=client -o yaml
kubectl run nginx --image=nginx --port=80 --expose --dry-run=client
kubectl run x --image=nginx --expose
kubectl run --image=nginx
kubectl run x
kubectl run x --image=nginx --restart=Foo
kubectl run x --image=nginx --env=foo
kubectl run x --image=nginx --labels=foo
kubectl run x --image=nginx --port=abc
kubectl run web-pod --image=nginx:1.27 --port=80 --labels=app=web-pod
kubectl run web-pod --image=nginx
kubectl run ns-pod --image=nginx -n kube-system --dry-run=server -o name
kubectl run p1 --image=nginx --annotations=a=b --image-pull-policy=Never --privileged --dry-run=client -o yaml
kubectl run p3 --image=nginx --port=80 --expose -n kube-system --dry-run=client -o yaml
kubectl run a --image=UPPER
kubectl run a --image=nginx --annotations=x
kubectl run p4 --image=nginx --image-pull-policy=bad
kubectl run p5 --image=nginx --rm
kubectl run p6 --image=nginx -t
kubectl run -h

# expose
kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80
@advance 60
kubectl expose deployment web --dry-run=client -o yaml
kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort --name=web-np --dry-run=client -o json
kubectl expose deployment web
kubectl expose pod web-pod --port=90 --protocol=UDP --name=web-pod-udp
kubectl expose svc web --name=web2 --selector=app=web,x=y --dry-run=client -o yaml
kubectl expose deployment nope --port=80
kubectl expose deploy web --name=w9 --labels=a=b --cluster-ip=None --dry-run=client -o json
kubectl expose deploy web --name=w10 --type=LoadBalancer --load-balancer-ip=1.2.3.4 --external-ip=5.6.7.8 --session-affinity=ClientIP --dry-run=client -o yaml
kubectl expose deploy/web --port=80 --selector=foo
kubectl expose deploy/web --port=80 --session-affinity=x
kubectl expose
kubectl expose deployment web --port=81 --name=web3 --type=Foo
kubectl get svc
kubectl expose -h

# rollout
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout history deployment/web --revision=1
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web --watch=false
kubectl rollout status deployment/web --timeout=1s
@advance 120
kubectl rollout status deployment/web
kubectl rollout history deployment/web
kubectl rollout undo deployment/web --dry-run=client
kubectl rollout undo deployment/web --to-revision=7
kubectl rollout undo deployment/web
kubectl rollout undo deployment/web --to-revision=3
kubectl rollout pause deployment/web
kubectl rollout pause deployment/web
kubectl rollout restart deployment/web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web --watch=false
kubectl rollout resume deployment/web
kubectl rollout resume deployment/web
@advance 120
kubectl rollout history deployment/web
kubectl rollout status ds/kube-proxy -n kube-system
kubectl rollout history ds/kube-proxy -n kube-system
kubectl rollout history ds/kube-proxy -n kube-system --revision=1
kubectl apply -f ds.yaml -f sts.yaml
kubectl rollout status ds/agent --watch=false
kubectl rollout status sts/db --watch=false
@advance 120
kubectl rollout status ds/agent
kubectl rollout status sts/db
kubectl set image ds/agent agent=busybox:1.37
kubectl set image sts/db db=redis:7.2
kubectl rollout status ds/agent --watch=false
kubectl rollout status sts/db --watch=false
@advance 180
kubectl rollout status ds/agent
kubectl rollout status sts/db
kubectl rollout history ds/agent
kubectl rollout history sts/db
kubectl rollout history sts/db --revision=1
kubectl rollout history ds/agent --revision=2
kubectl rollout undo ds/agent --dry-run=client
kubectl rollout undo ds/agent
kubectl rollout undo sts/db --to-revision=1
kubectl rollout undo sts/db --to-revision=9
kubectl rollout pause ds/agent
@advance 180
kubectl rollout history ds/agent
kubectl rollout status pod/web-pod
kubectl rollout pause pod/web-pod
kubectl rollout resume pod/web-pod
kubectl rollout restart pod/web-pod
kubectl rollout undo pod/web-pod
kubectl rollout history svc/web
kubectl rollout status
kubectl rollout undo
kubectl rollout status deployment/web --revision=-1
kubectl rollout status deployment/web --revision=1 --watch=false
kubectl rollout foo
kubectl rollout history deploy/web --revision=99
kubectl rollout -h
kubectl rollout status -h
kubectl rollout history -h
kubectl rollout undo -h

# patch
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web -p '{"spec":{"replicas":3}}'
kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"x":"y"}}}'
kubectl patch deployment web --type=merge -p '{"metadata":{"labels":{"z":"w"}}}' --dry-run=client
kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]' -o name
kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/nope/x","value":2}]'
kubectl patch deployment web -p 'not json'
kubectl patch deployment web
kubectl patch deployment nope -p '{}'
kubectl patch deployment web --type=foo -p '{}'
kubectl patch deployment web -p '{"spec":{"replicas":"x"}}'
kubectl patch deployment web --type=json -p '{}'
kubectl patch deployment web -p '{"spec":{"replicas":2}}' --dry-run=server
kubectl patch svc web -p '{"spec":{"ports":[{"port":80,"name":"http"}]}}' -o jsonpath={.spec.ports}
kubectl patch -h

# replace
kubectl create configmap rcm --from-literal=a=1
kubectl replace -f rep.yaml
kubectl replace -f rep.yaml -o name
kubectl replace -f rep.yaml --dry-run=client
kubectl replace -f rep.yaml --dry-run=server
kubectl replace -f rep-missing.yaml
kubectl replace -f nope.yaml
kubectl replace
kubectl replace --force -f rep.yaml
kubectl get cm rcm -o jsonpath={.data}
kubectl replace -h

# diff
kubectl diff -f rep.yaml
kubectl diff -f rep-missing.yaml
kubectl apply -f rep.yaml
kubectl diff -f rep.yaml -f rep.yaml
kubectl diff -f nope.yaml
kubectl diff
kubectl diff x
kubectl diff -h

# wait
@advance 120
kubectl wait --for=condition=Available deployment/web
kubectl wait --for=condition=Available=False deployment/web --timeout=1s
kubectl wait --for=jsonpath={.spec.replicas}=2 deployment/web
kubectl wait --for=jsonpath='{.spec.replicas}'=9 deployment/web --timeout=1s
kubectl wait --for=delete pod/nope --timeout=1s
kubectl wait --for=delete deployment/web --timeout=1s
kubectl wait --for=condition=Ready pod -l app=web
kubectl wait --for=condition=Ready pod -l app=nothing --timeout=1s
kubectl wait deployment/web
kubectl wait --for=condition= deployment/web
kubectl wait --for=jsonpath= deployment/web
kubectl wait --for=create deployments
kubectl wait --for=foo deployment/web
kubectl wait --for=condition=Available deployment/nope
kubectl wait --for=create deployment/web --timeout=1s
kubectl wait --for=condition=Available deployments --all --timeout=1s
kubectl wait -h

# autoscale (kubectl 1.32 writes autoscaling/v1, served by conversion to the stored v2)
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80 --dry-run=client -o yaml
kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80
kubectl autoscale deployment web --max=5
kubectl autoscale deployment web --max=4 --name=web-hpa2 -o yaml
kubectl autoscale deployment web --max=4 --name=web-hpa3 -o json --dry-run=server
kubectl get hpa
kubectl get hpa web -o yaml
kubectl api-versions
kubectl autoscale deployment web --max=5 --dry-run=client
kubectl autoscale deployment/web --max=5 --name=web-hpa --dry-run=client -o json
kubectl autoscale deployment web
kubectl autoscale deployment web --min=6 --max=5
kubectl autoscale svc web --max=3
kubectl autoscale deployment nope --max=3
kubectl autoscale -h

# edit (the editor itself cannot be compared: only what happens before it opens)
kubectl edit deployment/nope
kubectl edit
kubectl edit -h

# drain
kubectl drain
kubectl drain nope
kubectl drain ${NODE0} --ignore-daemonsets --dry-run=client
kubectl drain ${NODE0} --force --dry-run=client
kubectl drain ${NODE1} --force --dry-run=client
kubectl apply -f pdb.yaml
kubectl drain ${NODE2} --pod-selector=app=web-pod --timeout=2s
kubectl drain ${NODE2} --pod-selector=app=web-pod --force --timeout=2s
kubectl delete pdb web-pod-pdb
kubectl drain ${NODE2} --pod-selector=app=web-pod --force --timeout=2s
kubectl get pods -l app=web-pod
kubectl drain ${NODE2} --pod-selector=app=web-pod --force --grace-period=0
kubectl get nodes
kubectl uncordon ${NODE2}
kubectl drain -h
`;

parityTest('workloads: run, expose, rollout, patch, replace, diff, wait, autoscale, edit, drain', { lines, files, differences, minLines: 40 });
