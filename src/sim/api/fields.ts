// Field selectors (`?fieldSelector=spec.nodeName=aks-...`): the fields each resource supports,
// as the API server's field label conversion funcs allow, and matching.

import { badRequest } from './errors';
import type { KubeObject } from './types';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const COMMON = ['metadata.name', 'metadata.namespace'];
const SUPPORTED: Record<string, string[]> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  secrets: ['type'],
  replicasets: ['status.replicas'],
  replicationcontrollers: ['status.replicas'],
  jobs: ['status.successful'],
  services: ['spec.clusterIP', 'spec.type'],
  persistentvolumeclaims: ['spec.volumeName'],
  certificatesigningrequests: ['spec.signerName'],
};

export function parseFieldSelector(resource: string, input: string | undefined): FieldRequirement[] {
  const s = (input ?? '').trim();
  if (!s) return [];
  const allowed = new Set([...COMMON, ...(SUPPORTED[resource] ?? [])]);
  return s.split(',').map((part) => {
    const m = /^\s*([^!=\s]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const [, field, op, value] = m;
    if (!allowed.has(field)) throw badRequest(`field label not supported: ${field}`);
    return { field, op: op === '!=' ? '!=' : '=', value };
  });
}

export function fieldValue(obj: KubeObject, field: string): string {
  if (field === 'source' && obj.kind === 'Event') return obj.source?.component ?? '';
  if (field === 'spec.unschedulable') return String(obj.spec?.unschedulable ?? false);
  if (field === 'spec.hostNetwork') return String(obj.spec?.hostNetwork ?? false);
  let v: any = obj;
  for (const p of field.split('.')) {
    if (v === undefined || v === null) break;
    v = v[p];
  }
  return v === undefined || v === null ? '' : String(v);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
