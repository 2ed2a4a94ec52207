import { describe, expect, it } from 'vitest';
import { create, LABEL_MSG, pod, update } from './testutil';

const QTY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const c = (extra: Record<string, any> = {}) => ({ name: 'c', image: 'nginx:1.27', ...extra });

describe('Pod create', () => {
  it.each<[string, Record<string, any>, string[]]>([
    ['a valid pod', {}, []],
    ['no containers', { containers: [] }, ['spec.containers: Required value']],
    ['image required', { containers: [{ name: 'c' }] }, ['spec.containers[0].image: Required value']],
    ['container name must be a DNS label', { containers: [c({ name: 'Web_1' })] }, [`spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}`]],
    ['duplicate container names', { containers: [c(), c()] }, ['spec.containers[1].name: Duplicate value: "c"']],
    ['image with whitespace', { containers: [c({ image: ' nginx' })] }, ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']],
    [
      'container port out of range',
      { containers: [c({ ports: [{ containerPort: 70000 }] })] },
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    ['container port missing', { containers: [c({ ports: [{ name: 'http' }] })] }, ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'unsupported protocol',
      { containers: [c({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'duplicate port names',
      { containers: [c({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] },
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'bad port name',
      { containers: [c({ ports: [{ name: 'HTTP', containerPort: 80 }] })] },
      [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      ],
    ],
    [
      'host port conflict',
      { containers: [c({ ports: [{ containerPort: 80, hostPort: 8080 }] }), c({ name: 'd', ports: [{ containerPort: 81, hostPort: 8080 }] })] },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    [
      'env name with =',
      { containers: [c({ env: [{ name: 'A=B', value: '1' }] })] },
      ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"],
    ],
    ['env name required', { containers: [c({ env: [{ value: '1' }] })] }, ['spec.containers[0].env[0].name: Required value']],
    ['bad cpu quantity', { containers: [c({ resources: { requests: { cpu: '1x' } } })] }, [`spec.containers[0].resources.requests[cpu]: Invalid value: "1x": ${QTY}`]],
    [
      'requests above limits',
      { containers: [c({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'requests above limits, canonical quantities',
      { containers: [c({ resources: { requests: { memory: '2048Mi' }, limits: { memory: '1Gi' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi'],
    ],
    [
      'negative quantity',
      { containers: [c({ resources: { limits: { memory: '-1Mi' } } })] },
      [
        'spec.containers[0].resources.limits[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
        'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
      ],
    ],
    [
      'non-standard resource name',
      { containers: [c({ resources: { limits: { gpu: '1' } } })] },
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'extended resources must not be overcommitted',
      { containers: [c({ resources: { requests: { 'nvidia.com/gpu': '1' } } })] },
      ['spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources'],
    ],
    ['restartPolicy', { restartPolicy: 'Sometimes' }, ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    [
      'dnsPolicy',
      { dnsPolicy: 'Cluster' },
      ['spec.dnsPolicy: Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    ['dnsPolicy None needs dnsConfig', { dnsPolicy: 'None' }, ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']],
    [
      'duplicate volumes and a mount of a missing volume',
      {
        volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }],
        containers: [c({ volumeMounts: [{ name: 'cache', mountPath: '/cache' }] })],
      },
      ['spec.volumes[1].name: Duplicate value: "data"', 'spec.containers[0].volumeMounts[0].name: Not found: "cache"'],
    ],
    [
      'two volume sources',
      { volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'cm' } }], containers: [c({ volumeMounts: [{ name: 'v', mountPath: '/v' }] })] },
      ['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type', 'spec.containers[0].volumeMounts[0].name: Not found: "v"'],
    ],
    ['configMap volume name required', { volumes: [{ name: 'v', configMap: {} }] }, ['spec.volumes[0].configMap.name: Required value']],
    [
      'probe without handler',
      { containers: [c({ livenessProbe: { periodSeconds: 5 } })] },
      ['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    ],
    [
      'liveness successThreshold',
      { containers: [c({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] },
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'toleration without key needs Exists',
      { tolerations: [{ operator: 'Equal', value: 'x' }] },
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
    ],
    [
      'toleration seconds need NoExecute',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] },
      ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ],
    [
      'toleration effect',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoRun' }] },
      ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    ['toleration Exists with a value', { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, ["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"]],
    [
      'toleration operator',
      { tolerations: [{ key: 'k', operator: 'In' }] },
      ['spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"'],
    ],
    [
      'nodeSelector value',
      { nodeSelector: { disk: 'fast ssd' } },
      [
        "spec.nodeSelector: Invalid value: \"fast ssd\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [
      'empty node affinity terms',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } },
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
    ],
    [
      'pod anti-affinity needs a topologyKey',
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } } },
      [
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      'preferred weight range',
      { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } } },
      ['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100'],
    ],
    ['activeDeadlineSeconds', { activeDeadlineSeconds: 0 }, ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['hostNetwork ports', { hostNetwork: true, containers: [c({ ports: [{ containerPort: 80, hostPort: 81 }] })] }, ['spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true']],
    [
      'topology spread',
      { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'Never' }] },
      [
        'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
        'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"',
      ],
    ],
  ])('%s', (_, spec, want) => {
    expect(create(pod(spec))).toEqual(want);
  });
});

describe('Pod update', () => {
  const base = pod({ tolerations: [{ key: 'a', operator: 'Exists' }], activeDeadlineSeconds: 100 });
  it('allows image, tolerations additions and a shorter deadline', () => {
    const next = pod({
      containers: [c({ image: 'nginx:1.28' })],
      tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }],
      activeDeadlineSeconds: 50,
    });
    expect(update(next, base)).toEqual([]);
  });

  it('forbids other spec changes with the real message', () => {
    const next = pod({ tolerations: [{ key: 'a', operator: 'Exists' }], activeDeadlineSeconds: 100, nodeName: 'node-1' });
    const errs = update(next, base);
    expect(errs).toHaveLength(1);
    expect(errs[0].split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(errs[0]).toContain('+ \tNodeName: "node-1",');
  });

  it('forbids removing tolerations, raising the deadline, adding containers', () => {
    expect(update(pod({ activeDeadlineSeconds: 100 }), base)).toEqual(['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds']);
    expect(update(pod({ tolerations: [{ key: 'a', operator: 'Exists' }], activeDeadlineSeconds: 200 }), base)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value',
    ]);
    expect(update(pod({ containers: [c(), c({ name: 'd' })] }), pod())).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });
});
