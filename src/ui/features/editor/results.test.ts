import { describe, expect, it } from 'vitest';
import { applyManifests } from '../../../cli/manifests';
import { testCluster } from '../../../sim/testing/cluster';
import type { ApplyResult } from '../../../worker/protocol';
import { errorMarkers, formatResult, formatResults, SEVERITY_ERROR } from './results';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
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
`;

describe('formatResult', () => {
  it('prints outcomes as kubectl does', () => {
    expect(formatResult({ doc: 0, line: 1, ref: 'deployment.apps/web', outcome: 'created' })).toEqual({ kind: 'ok', text: 'deployment.apps/web created' });
    expect(formatResult({ doc: 1, line: 9, ref: 'service/web', outcome: 'unchanged (server dry run)' }).text).toBe('service/web unchanged (server dry run)');
  });

  it('prints API errors with their reason and points at their line', () => {
    const r: ApplyResult = {
      doc: 0,
      line: 1,
      ref: 'deployment.apps/web',
      error: { message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', status: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Invalid', code: 422, message: '' }, line: 6, column: 3 },
    };
    expect(formatResult(r)).toEqual({ kind: 'error', text: 'Error from server (Invalid): Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1', line: 6, column: 3 });
    expect(formatResult({ doc: 0, line: 1, error: { message: 'error converting YAML to JSON: yaml: line 3: bad', line: 3 } }).text).toBe('error: error converting YAML to JSON: yaml: line 3: bad');
  });

  it('says so when there is nothing to apply', () => {
    expect(formatResults([], 'apply')).toEqual([{ kind: 'error', text: 'error: no objects passed to apply' }]);
    expect(formatResults([], 'delete')[0].text).toBe('error: no objects passed to delete');
  });
});

describe('errorMarkers', () => {
  it('underlines from the error column to the end of the line', () => {
    const text = 'a: 1\n  foo: bar  \n';
    const [m] = errorMarkers([{ doc: 0, line: 1, error: { message: 'unknown field "foo"', line: 2, column: 3 } }], text);
    expect(m).toEqual({ severity: SEVERITY_ERROR, message: 'unknown field "foo"', source: 'kubectl', startLineNumber: 2, startColumn: 3, endLineNumber: 2, endColumn: 11 });
  });

  it('underlines the text of the line when there is no column, and marks blank lines too', () => {
    const text = 'a: 1\n    b: 2\n\n';
    expect(errorMarkers([{ doc: 0, line: 1, error: { message: 'x', line: 2 } }], text)[0]).toMatchObject({ startLineNumber: 2, startColumn: 5, endColumn: 9 });
    expect(errorMarkers([{ doc: 0, line: 1, error: { message: 'x', line: 3 } }], text)[0]).toMatchObject({ startLineNumber: 3, startColumn: 1, endColumn: 2 });
  });

  it('clamps lines that are past the text (it changed since) and skips successes', () => {
    const text = 'a: 1\nb: 2';
    const ms = errorMarkers(
      [
        { doc: 0, line: 1, ref: 'configmap/a', outcome: 'created' },
        { doc: 1, line: 40, error: { message: 'gone', line: 42, column: 7 } },
      ],
      text,
    );
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ startLineNumber: 2, startColumn: 1, endColumn: 5 });
  });

  it('puts the API server errors of a real apply on the offending lines', () => {
    const cluster = testCluster();
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
---
${DEPLOYMENT.replace('  replicas: 2', '  replicas: two')}---
${DEPLOYMENT.replace('web', 'web2').replace('          image: nginx:1.27', '          image: nginx:1.27\n          imagePullPolicy: Sometimes')}---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      bogus: true
---
key: [unclosed
`;
    const results = applyManifests(cluster.api, text);
    const lines = text.split('\n');
    const markers = errorMarkers(results, text);
    const at = (m: (typeof markers)[number]) => lines[m.startLineNumber - 1].slice(m.startColumn - 1, m.endColumn - 1);
    expect(results[0].outcome).toBe('created');
    expect(markers.map((m) => m.severity)).toEqual([SEVERITY_ERROR, SEVERITY_ERROR, SEVERITY_ERROR, SEVERITY_ERROR]);
    // A string where an integer goes: the replicas line.
    expect(at(markers[0])).toBe('replicas: two');
    expect(markers[0].source).toBe('kube-apiserver');
    // Validation: the imagePullPolicy line.
    expect(at(markers[1])).toBe('imagePullPolicy: Sometimes');
    // An unknown field: its key.
    expect(at(markers[2])).toBe('bogus: true');
    // A YAML syntax error: in the last document.
    expect(markers[3].startLineNumber).toBeGreaterThanOrEqual(lines.indexOf('key: [unclosed') + 1);
    expect(markers[3].source).toBe('kubectl');
  });
});
