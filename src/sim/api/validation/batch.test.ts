import { describe, expect, it } from 'vitest';
import { cronError } from './cron';
import { create, update } from './testutil';

const job = (spec: Record<string, any> = {}, name = 'pi') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' } }, ...spec },
});

const cronJob = (spec: Record<string, any> = {}, name = 'hello') => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name },
  spec: {
    schedule: '*/5 * * * *',
    jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
    ...spec,
  },
});

describe('Job', () => {
  it.each<[string, Record<string, any>, string[]]>([
    ['valid', {}, []],
    [
      'restartPolicy defaults to Always, which a Job rejects',
      { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'unsupported restartPolicy',
      { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Sometimes' } } },
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'spec.template.spec.restartPolicy: Unsupported value: "Sometimes": supported values: "OnFailure", "Never"',
      ],
    ],
    ['negative completions', { completions: -1 }, ['spec.completions: Invalid value: -1: must be greater than or equal to 0']],
    ['negative parallelism', { parallelism: -1 }, ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    ['negative backoffLimit', { backoffLimit: -1 }, ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['completionMode', { completionMode: 'Ordered' }, ['spec.completionMode: Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"']],
    [
      'a selector that does not select the generated labels',
      { selector: { matchLabels: { app: 'x' } } },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x", "batch.kubernetes.io/controller-uid":"uid-1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
        'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"uid-1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"uid-1", "job-name":"pi"}: `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_, spec, want) => {
    expect(create(job(spec))).toEqual(want);
  });

  it('a manual selector must match the template', () => {
    expect(create(job({ manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } }))).toEqual([]);
  });

  it('a long name breaks the job-name label value', () => {
    const name = 'j'.repeat(64);
    expect(create(job({}, name))).toContain(`spec.template.labels: Invalid value: "${name}": must be no more than 63 characters`);
  });

  it('keeps the template immutable', () => {
    const next = job({ template: { spec: { containers: [{ name: 'pi', image: 'perl:5.36' }], restartPolicy: 'Never' } } });
    const errs = update(next, job());
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
    expect(update(job({ parallelism: 3, completions: 1 }), job())).toEqual([]);
    // A replace that drops a defaulted field changes it, as on a real cluster.
    expect(update(job({ parallelism: 3 }), job())).toEqual(['spec.completions: Invalid value: null: field is immutable']);
  });
});

describe('CronJob', () => {
  it.each<[string, Record<string, any>, string[]]>([
    ['valid', {}, []],
    ['descriptor', { schedule: '@hourly' }, []],
    ['schedule required', { schedule: '' }, ['spec.schedule: Required value']],
    ['too few fields', { schedule: '*/5 * *' }, ['spec.schedule: Invalid value: "*/5 * *": expected exactly 5 fields, found 3: [*/5 * *]']],
    ['minute out of range', { schedule: '61 * * * *' }, ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61']],
    ['bad descriptor', { schedule: '@fortnightly' }, ['spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly']],
    [
      'TZ in schedule',
      { schedule: 'TZ=UTC 0 * * * *' },
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    ['timeZone', { timeZone: 'Mars/Olympus' }, ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    [
      'concurrencyPolicy',
      { concurrencyPolicy: 'Sometimes' },
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
    [
      'job template restartPolicy',
      { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } } },
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
  ])('%s', (_, spec, want) => {
    expect(create(cronJob(spec))).toEqual(want);
  });

  it('names leave room for the job suffix', () => {
    const name = 'c'.repeat(53);
    expect(create(cronJob({}, name))).toEqual([`metadata.name: Invalid value: "${name}": must be no more than 52 characters`]);
  });
});

describe('cron parser', () => {
  it.each([
    ['0 0 * * 0', ''],
    ['*/15 9-17 * * mon-fri', ''],
    ['0 0 1 jan,jul *', ''],
    ['@every 1h30m', ''],
    ['CRON_TZ=Europe/Paris 0 8 * * *', ''],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['', 'empty spec string'],
  ])('%s', (spec, want) => {
    expect(cronError(spec)).toBe(want);
  });
});
