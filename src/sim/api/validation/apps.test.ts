import { describe, expect, it } from 'vitest';
import { create, deployment, LABEL_MSG, update } from './testutil';

const tmpl = (labels: Record<string, string>, spec: Record<string, any> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...spec },
});

describe('Deployment', () => {
  it.each<[string, Record<string, any>, string[]]>([
    ['valid', {}, []],
    ['selector required', { selector: undefined }, ['spec.selector: Required value']],
    [
      'empty selector',
      { selector: {} },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    ],
    [
      'selector does not match template labels',
      { template: tmpl({ app: 'x' }) },
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', { replicas: -1 }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'template restartPolicy must be Always',
      { template: tmpl({ app: 'web' }, { restartPolicy: 'OnFailure' }) },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    ['template image required', { template: tmpl({ app: 'web' }, { containers: [{ name: 'c' }] }) }, ['spec.template.spec.containers[0].image: Required value']],
    [
      'maxSurge and maxUnavailable both 0',
      { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'bad percent',
      { strategy: { rollingUpdate: { maxSurge: '25' } } },
      ["spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"25\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"],
    ],
    [
      'maxUnavailable over 100%',
      { strategy: { rollingUpdate: { maxUnavailable: '150%' } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'unknown strategy',
      { strategy: { type: 'BlueGreen' } },
      ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'Recreate with rollingUpdate',
      { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    ['progressDeadlineSeconds', { minReadySeconds: 700 }, ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds']],
  ])('%s', (_, spec, want) => {
    expect(create(deployment(spec))).toEqual(want);
  });

  it('keeps the selector immutable', () => {
    const next = deployment({ selector: { matchLabels: { app: 'web2' } }, template: tmpl({ app: 'web2' }) });
    expect(update(next, deployment())).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
    expect(update(deployment({ replicas: 5 }), deployment())).toEqual([]);
  });
});

describe('ReplicaSet, DaemonSet, StatefulSet, ReplicationController', () => {
  const rs = (spec: Record<string, any> = {}) => ({ ...deployment(spec), kind: 'ReplicaSet' });
  const ds = (spec: Record<string, any> = {}) => ({ ...deployment(spec), kind: 'DaemonSet' });
  const sts = (spec: Record<string, any> = {}, name = 'web') => ({ ...deployment({ serviceName: 'web', ...spec }), kind: 'StatefulSet', metadata: { name } });

  it('ReplicaSet', () => {
    expect(create(rs())).toEqual([]);
    expect(create(rs({ replicas: -2 }))).toEqual(['spec.replicas: Invalid value: -2: must be greater than or equal to 0']);
  });

  it('DaemonSet: missing selector never matches, strategy rules', () => {
    expect(create(ds())).toEqual([]);
    expect(create(ds({ selector: undefined }))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
    expect(create(ds({ updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    ]);
    expect(create(ds({ updateStrategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }))).toEqual([
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ]);
  });

  it('StatefulSet: DNS-label name, empty selector, restricted updates', () => {
    expect(create(sts())).toEqual([]);
    expect(create(sts({}, 'web.v1'))).toEqual(['metadata.name: Invalid value: "web.v1": must not contain dots']);
    expect(create(sts({}, 'Web'))).toEqual([`metadata.name: Invalid value: "Web": ${LABEL_MSG}`]);
    expect(create(sts({ selector: {} }))).toContain(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
    );
    expect(create(sts({ podManagementPolicy: 'Fast' }))).toEqual(["spec.podManagementPolicy: Invalid value: \"Fast\": must be 'OrderedReady' or 'Parallel'"]);
    expect(update(sts({ replicas: 3 }), sts())).toEqual([]);
    expect(update(sts({ serviceName: 'other' }), sts())).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('ReplicationController defaults its selector from the template', () => {
    const rc = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { template: tmpl({ app: 'web' }) } };
    expect(create(rc)).toEqual([]);
    expect(create({ ...rc, spec: { template: tmpl({ app: 'web' }, { restartPolicy: 'Never' }) } })).toEqual([
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });
});
