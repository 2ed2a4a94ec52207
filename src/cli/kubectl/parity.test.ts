// Parity with the real kubectl for get (every output form), version, api-resources, cluster-info,
// config, create, apply, delete, scale, cordon, label, annotate, taint, logs, set image and auth.
// See parity/harness.ts for how lines are compared.

import { parityTest } from './parity/harness';

/**
 * Lines whose output differs on purpose, with the reason. Only their exit codes are compared.
 */
const differences: Record<string, string> = {
  'kubectl apply -f bad.yaml':
    "kubectl validates against the server's OpenAPI, which ClusterServer does not serve for unknown kinds (\"failed to download openapi\"); the engine says what kubectl says with --validate=false: no mapping for the kind",
  'kubectl create namespace foo --dry-run':
    'kubectl warns that bare --dry-run is deprecated through klog, with the wall-clock time and its process id in the line; the engine prints a fixed time and pid 1',
};

/** Files `-f` reads: written to the real kubectl's working directory and given to the engine. */
const files: Record<string, string> = {
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: applied
  labels:
    app: applied
spec:
  replicas: 2
  selector:
    matchLabels:
      app: applied
  template:
    metadata:
      labels:
        app: applied
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: applied
spec:
  selector:
    app: applied
  ports:
  - port: 80
    targetPort: 80
`,
  'web2.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: applied
  labels:
    app: applied
    tier: front
spec:
  replicas: 3
  selector:
    matchLabels:
      app: applied
  template:
    metadata:
      labels:
        app: applied
    spec:
      containers:
      - name: web
        image: nginx:1.28
        env:
        - name: A
          value: "1"
`,
  'cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: applied-cm
  namespace: team
data:
  a: "<b> & c"
`,
  'settings.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: default
data:
  mode: slow
`,
  'bad.yaml': `apiVersion: v1
kind: Foo
metadata:
  name: x
`,
};

/** One command line per line; `#` comments; `@advance N` runs both clusters N seconds. */
const lines = String.raw`
# get: tables, output forms, selectors, sorting, errors (seeded cluster, nothing created yet)
kubectl get pods
kubectl get pods -A
kubectl get pods -n kube-system -o wide
kubectl get nodes
kubectl get nodes --show-labels
kubectl get no -o wide
kubectl get all -A
kubectl get deploy,svc -A
kubectl get ns default -o yaml
kubectl get ns default kube-system -o json
kubectl get ns -o name
kubectl get ns default -o jsonpath={.metadata}
kubectl get ns -o jsonpath={.items[*].metadata.name}
kubectl get ns -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels,X:.spec.finalizers
kubectl get pods --foo
kubectl get pods -x
kubectl get pod nope
kubectl get
kubectl get foo
kubectl get pod,svc x
kubectl get svc,cm kube-dns kube-root-ca.crt -n kube-system
kubectl get ev --field-selector involvedObject.kind=Node -o name
kubectl get pods -n kube-system -L k8s-app -l k8s-app=kube-dns
kubectl get nodes --no-headers
kubectl get cm -A
kubectl get pods -n kube-system --sort-by=.metadata.name
kubectl get pods -n kube-system --sort-by=.status.podIP -o name
kubectl get ns -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}'
kubectl get pods -A -o jsonpath='{.items[?(@.metadata.namespace=="kube-system")].metadata.name}'
kubectl get pods -n kube-system --sort-by=.status.podIP -o wide
kubectl get pods -n kube-system --sort-by=.metadata.uid
kubectl get pods -n kube-system --sort-by='{.spec.nodeName}' -o name
kubectl get pods -n kube-system --sort-by=.foo
kubectl get pods -A --sort-by=.metadata.creationTimestamp -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName
kubectl get ns -o custom-columns=A:.status.phase
kubectl get ns --no-headers -o custom-columns=A:.status.phase,B:.metadata.name
kubectl get ns -o custom-columns=
kubectl get ns -o custom-columns=A
kubectl get pods -n nope -o custom-columns=NAME:.metadata.name
kubectl get pods -n nope -o json
kubectl get pods -n nope -o name
kubectl get pods -n nope -o jsonpath={.items}
kubectl get pods -n nope -o yaml
kubectl get pods -n nope
kubectl get ns -o jsonpath={.items[}
kubectl get ns -o jsonpath={.items[5]}
kubectl get ns -o jsonpath-as-json={.items[0].metadata.name}
kubectl get ns default -o jsonpath="{.metadata.labels['kubernetes.io/metadata.name']}"
kubectl get ns -o jsonpath='{.items[?(@.spec.finalizers[1]=="x")].metadata.name}'
kubectl get ns default -o jsonpath='{.metadata["name"]}'
kubectl get ns default -o jsonpath='{.metadata.labels.kubernetes\.io/metadata\.name}'
kubectl get ns -o jsonpath='{range .items[*]}{.metadata.name}{end}{"done"}'
kubectl get pods -n kube-system -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.containers[*].image}{"\n"}{end}'
kubectl get ns -o jsonpath='{.items[0].metadata.labels.kubernetes\.io/metadata\.name}'
kubectl get ns -o jsonpath='{.items[-1:].metadata.name}'
kubectl get ns -o jsonpath='{.items[0:2].metadata.name}{"\n"}'
kubectl get ns -o jsonpath='{..phase}'
kubectl get ns -o jsonpath='{.items[*]["metadata"]["name"]}'
kubectl get ns -o "jsonpath={.items[?(@.metadata.name!='default')].metadata.name}"
kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'
kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{":"}{.status.allocatable.cpu}{"\n"}{end}'
kubectl get nodes -o jsonpath='{.items[0].status.capacity}'
kubectl get nodes -o jsonpath='{.items[0].spec}'
kubectl get ns -o foo
kubectl get ns -o
kubectl get pod x -n nope
kubectl get pods x -A
kubectl get pods x -l a=b
kubectl get pod/x -l a=b
kubectl get pods,foo
kubectl get pod/a/b
kubectl get /x
kubectl get pods,
kubectl get deploy.apps -A -o name
kubectl get deployments.v1.apps -n kube-system
kubectl get Deployment -n kube-system
kubectl get ns default -o wide
kubectl get pods -l 'a in (b'
kubectl get pods --field-selector foo=bar
kubectl get pods -n kube-system --field-selector status.phase=Running -o name
kubectl get ev -A
kubectl get events -n default
kubectl -n kube-system get svc
kubectl get svc -nkube-system
kubectl get svc --namespace=kube-system
kubectl get svc --namespace kube-system -owide
kubectl get -A svc -oname
kubectl get pods -Ao name
kubectl --namespace kube-system get deploy coredns -o yaml
kubectl get deploy -n kube-system coredns -o json
kubectl get ds -n kube-system kube-proxy -o yaml
kubectl get svc kube-dns -n kube-system -o yaml
kubectl get cm coredns -n kube-system -o yaml
kubectl get node aks-nodepool1-27563345-vmss000000 -o yaml
kubectl get pod -n kube-system coredns-5cf6977888-fqk8n -o yaml
kubectl get pods -n kube-system --show-labels
kubectl get pods -n kube-system --show-labels -o name
kubectl get pods -n kube-system -o wide --show-kind
kubectl get all
kubectl get all -n kube-system -o name
kubectl get all -n kube-system -o wide
kubectl get rs,deploy -n kube-system --no-headers
kubectl get sa,secrets -A
kubectl get leases -A
kubectl get clusterroles
kubectl get priorityclasses
kubectl get storageclasses
kubectl get csinodes
kubectl get endpointslices -n kube-system
kubectl get apiservices
kubectl get flowschemas
kubectl --foo get pods
kubectl -A get pods
kubectl get pods --chunk-size=abc
kubectl get pods -A=x
kubectl -n
kubectl get pods --all_namespaces -o name
kubectl get pods -- -A
kubectl gett
# version, api-resources, api-versions, cluster-info, config (read-only), unknown commands and flags
kubectl version
kubectl version --client
kubectl version -o yaml
kubectl version --client -o json
kubectl cluster-info
kubectl api-resources
kubectl api-resources -o wide --api-group=apps
kubectl api-versions
kubectl config view
kubectl config view -o json
kubectl config get-contexts
kubectl config current-context
kubectl foo
kubectl e
kubectl version foo
kubectl api-resources foo
kubectl api-versions foo
kubectl api-resources --namespaced=false -o name
kubectl api-resources --sort-by=kind --api-group=batch
kubectl api-resources -o foo
kubectl api-resources --verbs=list,watch --no-headers
kubectl version -o foo
kubectl cluster-info foo
kubectl config foo
kubectl config view foo
kubectl config view --minify
kubectl config view -o name
kubectl config view -o jsonpath='{.contexts[*].name}'
kubectl config view -o foo
kubectl gte
kubectl config view --raw
kubectl config current-context foo
kubectl config use-context nope
kubectl config set-context
kubectl config get-contexts nope
kubectl config get-contexts -o name
kubectl config get-contexts clusterlab
kubectl list
kubectl ps
kubectl rm
kubectl cre
kubectl xyz get
# create generators with --dry-run (no writes)
kubectl create namespace foo --dry-run=client -o yaml
kubectl create deploy web --image=nginx:1.27 --dry-run=client -o yaml
kubectl create deploy web --image=nginx --replicas=3 --port=80 --dry-run=client -o json
kubectl create svc clusterip my --tcp=80:8080 --dry-run=client -o yaml
kubectl create cm c --from-literal=a=b --from-literal=c=1 --dry-run=client -o yaml
kubectl create namespace foo --dry-run=x
kubectl create namespace
kubectl create
kubectl create foo
kubectl create namespace foo --dry-run=client
kubectl create ns foo -o name --dry-run=server
kubectl create svc nodeport np --tcp=80 --dry-run=client -o yaml
kubectl create deploy app --image=busybox --dry-run=client -o yaml -- sleep 3600
# help pages and command groups
kubectl
kubectl --help
kubectl -h
kubectl get -h
kubectl get --help
kubectl help get
kubectl help config view
kubectl config
kubectl config use-context
kubectl create service
kubectl create svc
kubectl create service foo
kubectl create deployment -h
kubectl version -h
kubectl api-resources --help
kubectl cluster-info -h
kubectl config view -h
kubectl help
kubectl describe -h
kubectl create service foo
kubectl create service externalname x
# create: more generators and their errors
kubectl create service externalname x --external-name=example.com --dry-run=client -o yaml
kubectl create service externalname x --external-name=example.com --dry-run=client -o json
kubectl create svc clusterip y --dry-run=client -o json
kubectl create svc loadbalancer lb --tcp=443:8443 --dry-run=client -o json
kubectl create svc nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml
kubectl create svc clusterip h --clusterip=None --dry-run=client -o yaml
kubectl create cm e --dry-run=client -o json
kubectl create ns x -o yaml
kubectl create svc loadbalancer lb --tcp=443:8443
@advance 5
kubectl get svc
kubectl create deploy multi --image=nginx --image=redis:7 --dry-run=client -o yaml
kubectl create deploy multi --image=nginx --image=redis:7 --dry-run=client -o yaml -- sleep 1
kubectl create deploy d --image=registry.k8s.io/pause:3.10@sha256:abc --dry-run=client -o yaml
kubectl create namespace foo --dry-run
# writes: both clusters get the same creates, then the clock moves the same way
kubectl create namespace team
kubectl create deployment web --image=nginx --replicas=3
kubectl create deploy api -n team --image=nginx:1.27 --port=8080
kubectl create cm settings --from-literal=mode=fast
kubectl create svc clusterip web --tcp=80:80
kubectl create service nodeport np -n team --tcp=80:8080
@advance 30
kubectl get pods -o wide
kubectl get deploy,rs,pods -n team
kubectl get all -A --sort-by=.metadata.name
kubectl get deploy web -o yaml
kubectl get pods -l app=web -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.status.phase}{"\n"}{end}'
kubectl get svc -o wide
kubectl get ep,endpointslices
kubectl get cm settings -o yaml
kubectl get rs -o json
kubectl get events --sort-by=.lastTimestamp
kubectl get ns team -o yaml
kubectl create deployment web --image=nginx
@advance 600
kubectl get deploy -A -o wide
kubectl create cm settings
kubectl create svc clusterip web --tcp=80
kubectl create deploy Bad --image=x
kubectl create cm Bad_1
kubectl get pods,svc --sort-by=.metadata.name
kubectl get pods,svc --sort-by=.metadata.resourceVersion
kubectl get pods,svc --sort-by=.kind -o wide
kubectl get svc web kubernetes --sort-by=.metadata.name
kubectl get svc web kubernetes --sort-by=.metadata.name -o name
# sorting ties: Go sort.Sort is not stable, reproduced step by step
@advance 30
kubectl get events --sort-by=.lastTimestamp -o name
kubectl get events -A --sort-by=.metadata.creationTimestamp
kubectl get pods -A --sort-by=.spec.nodeName
kubectl get pods -A --sort-by=.status.phase -o name
# YAML, JSON, jsonpath, custom-columns of awkward strings
kubectl create cm weird --from-literal=long="This is a rather long value with many words in it so that the emitter has to fold it somewhere past eighty columns wide" --from-literal=yes=yes --from-literal=n=n --from-literal=num=0123 --from-literal=oct=0o17 --from-literal=hex=0x1F --from-literal=float=1.5e3 --from-literal=ts=2025-01-01 --from-literal=colon="a: b" --from-literal=hash="a #b" --from-literal=lead=" x" --from-literal=star="*/5 * * * *" --from-literal=tab=$'a\tb' --from-literal=multi=$'line1\nline2\n' --from-literal=multi2=$'line1\n\n  line2' --from-literal=uni="héllo wörld ✓" --from-literal=emoji="🙂" --from-literal=quote="it's" --from-literal=dq='say "hi"' --from-literal=empty= --from-literal=null=null --from-literal=tilde="~" --from-literal=dash=- --from-literal=dashsp="- x" --from-literal=b60=1:30 --from-literal=Key10=a --from-literal=Key9=b --from-literal=key_a=c --from-literal=KEY=d --from-literal=longq="'quoted start and a long text that will have to be folded by the emitter because it is long'" --from-literal=longdq=$'a very long string with a tab\tinside it so that it needs double quotes and will be folded too by the emitter' --from-literal=trail="x "
kubectl get cm weird -o yaml
kubectl get cm weird -o json
kubectl get cm weird -o jsonpath='{.data}'
kubectl get cm weird -o custom-columns=D:.data.long,E:.data.emoji
kubectl get cm weird
# config: contexts and namespaces in the (in-memory / file) kubeconfig
kubectl create deploy api -n team --image=nginx
kubectl config set-context --current --namespace=kube-system
kubectl get deploy
kubectl config set-context dev --cluster=clusterlab --user=clusterlab-admin --namespace=team
kubectl config set-context apple --cluster=clusterlab
kubectl --context dev get deploy
kubectl --context nope get deploy
kubectl config use-context dev
kubectl get deploy -n default
kubectl cluster-info -n default
kubectl config use dev
kubectl config set-context --current --namespace=default
kubectl config use-context clusterlab
kubectl config set-context x --current
kubectl config set-context a b
kubectl config set-context --current -n foo
# apply -f: created, unchanged, configured (three-way patch), errors
kubectl apply -f web.yaml
@advance 10
kubectl apply -f web.yaml
kubectl get deploy applied -o yaml
kubectl apply -f web2.yaml
@advance 10
kubectl get deploy applied -o yaml
kubectl apply -f web2.yaml -o name
kubectl apply -f cm.yaml
kubectl apply -f cm.yaml -n default
kubectl get cm applied-cm -n team -o yaml
kubectl apply -f nope.yaml
kubectl apply -f bad.yaml
kubectl apply -f web.yaml --dry-run=client
kubectl apply -f web.yaml --dry-run=server
kubectl apply
kubectl apply -f cm.yaml x
kubectl apply -f web.yaml
kubectl apply -f settings.yaml
kubectl get cm settings -n default -o yaml
kubectl apply -f settings.yaml
# delete: by name, type/name, -l, --all, -f, errors (objects that go at once: --wait needs no clock)
kubectl delete cm settings -n default
kubectl delete cm settings -n default
kubectl delete cm settings -n default --ignore-not-found
kubectl delete svc/applied deploy/applied -n kube-system
kubectl delete -f cm.yaml
kubectl delete -f cm.yaml
kubectl delete deploy
kubectl delete
kubectl delete deploy -l app=nope -n team
kubectl delete deploy -l app=api -n team --dry-run=client
kubectl delete deploy -l app=api -n team -o name
kubectl delete svc --all -n team
kubectl delete cm weird --dry-run=server
kubectl delete cm weird -o yaml
kubectl delete pod nope --force
kubectl delete deploy web --cascade=foo
kubectl delete pods -l app=web --wait=false -n default
@advance 60
kubectl get pods -n default
# scale, cordon, uncordon
kubectl scale deploy web --replicas=5 -n default
kubectl scale deploy/web --replicas=2 -n default --current-replicas=3
kubectl scale deploy web -n default
kubectl scale deploy web --replicas=1 -n default --dry-run=client
kubectl scale deploy nope --replicas=1 -n default
kubectl scale cm settings --replicas=1 -n default
kubectl scale cm kube-root-ca.crt --replicas=1 -n default
kubectl scale deploy -l app=web --replicas=3 -n default -o name
@advance 30
kubectl get deploy web -n default -o yaml --show-managed-fields
kubectl cordon aks-nodepool1-27563345-vmss000001
kubectl cordon aks-nodepool1-27563345-vmss000001
kubectl get nodes
kubectl uncordon aks-nodepool1-27563345-vmss000001
kubectl uncordon aks-nodepool1-27563345-vmss000001 --dry-run=client
kubectl cordon nope
kubectl cordon
kubectl get node aks-nodepool1-27563345-vmss000001 -o yaml --show-managed-fields
# label, annotate (not --list of several labels: kubectl prints them in Go's random map order)
kubectl label deploy web tier=front -n default
kubectl label deploy web tier=back -n default
kubectl label deploy web tier=back -n default --overwrite
kubectl label deploy web tier=back -n default --overwrite
kubectl label deploy/web tier- owner=me -n default
kubectl label deploy web -n default
kubectl label tier=x
kubectl label deploy nope a=b -n default
kubectl label pods -l app=web role=server -n default
kubectl label node aks-nodepool1-27563345-vmss000002 disk=ssd --dry-run=client
kubectl annotate deploy web note='hello world' -n default
kubectl annotate deploy web note=other -n default
kubectl annotate deploy web note- -n default
kubectl annotate ns team owner=team-a
kubectl get deploy web -n default -o yaml --show-managed-fields
kubectl get pods -n default --show-labels
kubectl get ns team -o yaml --show-managed-fields
# taint
kubectl taint nodes aks-nodepool1-27563345-vmss000002 dedicated=gpu:NoSchedule
kubectl taint nodes aks-nodepool1-27563345-vmss000002 dedicated=cpu:NoSchedule
kubectl taint nodes aks-nodepool1-27563345-vmss000002 dedicated=cpu:NoSchedule --overwrite
kubectl taint node aks-nodepool1-27563345-vmss000002 spot:PreferNoSchedule
kubectl get node aks-nodepool1-27563345-vmss000002 -o jsonpath='{.spec.taints}'
kubectl taint nodes aks-nodepool1-27563345-vmss000002 dedicated:NoSchedule-
kubectl taint nodes aks-nodepool1-27563345-vmss000002 nope-
kubectl taint nodes aks-nodepool1-27563345-vmss000002 a=b:Bad
kubectl taint nodes aks-nodepool1-27563345-vmss000002
kubectl taint nodes aks-nodepool1-27563345-vmss000002 spot-
kubectl get node aks-nodepool1-27563345-vmss000002 -o yaml --show-managed-fields
# logs
kubectl logs -n kube-system coredns-5cf6977888-fqk8n
kubectl logs -n kube-system coredns-5cf6977888-fqk8n --tail=2
kubectl logs -n kube-system coredns-5cf6977888-fqk8n -c nope
kubectl logs -n kube-system coredns-5cf6977888-fqk8n coredns --timestamps
kubectl logs -n kube-system pod/coredns-5cf6977888-fqk8n --previous
kubectl logs nope
kubectl logs
# set image
kubectl set image deploy/web nginx=nginx:1.28 -n default
kubectl set image deploy/web nope=nginx:1.28 -n default
kubectl set image deploy/web -n default
@advance 30
kubectl get deploy web -n default -o yaml --show-managed-fields
kubectl get rs -n default
# auth: the admin user may do anything
kubectl auth can-i create pods
kubectl auth can-i get nodes -A
kubectl auth can-i '*' '*'
kubectl auth can-i create foo
kubectl auth can-i get /healthz
kubectl auth can-i create pods -q
kubectl auth can-i --list
kubectl auth can-i --list --no-headers
kubectl auth can-i
kubectl auth whoami
`;

parityTest('get, create, apply and friends', { lines, files, differences, minLines: 60 });
