// Service and Endpoints (pkg/apis/core/validation). Services are validated after the API
// server's allocator has run (clusterIPs, nodePorts, healthCheckNodePort, ipFamilies), as in the
// real registry where BeginCreate allocates before the strategy validates.

import { fieldErr } from '../errors';
import { nameIsDNS1035Label, nameIsDNSSubdomain, objectMetaErrs, objectMetaUpdateErrs } from './meta';
import {
  arr,
  child,
  dns1123LabelErrs,
  dns1123SubdomainErrs,
  goIntOrString,
  index,
  isObj,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  labelsErrs,
  num,
  obj,
  parseIP,
  str,
  validateIP,
  type Errs,
  type Obj,
} from './util';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** The clusterIPs the strategy derives from clusterIP when only the latter was given. */
function clusterIPsOf(spec: Obj): string[] {
  const ips = arr(spec.clusterIPs).map(str);
  if (ips.length === 0 && str(spec.clusterIP)) return [str(spec.clusterIP)];
  return ips;
}

const isHeadless = (spec: Obj) => {
  const ips = clusterIPsOf(spec);
  return ips.length === 1 && ips[0] === 'None';
};

function targetPortErrs(tp: unknown, path: string): Errs {
  if (typeof tp === 'string') return isValidPortName(tp).map((m) => fieldErr.invalid(path, tp, m));
  const n = num(tp) ?? 0;
  return isValidPortNum(n).map((m) => fieldErr.invalid(path, n, m));
}

function servicePortErrs(sp: Obj, requireName: boolean, names: Set<string>, path: string): Errs {
  const out: Errs = [];
  const name = str(sp.name);
  if (requireName && !name) out.push(fieldErr.required(child(path, 'name')));
  else if (name) {
    out.push(...dns1123LabelErrs(name, child(path, 'name')));
    if (names.has(name)) out.push(fieldErr.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = num(sp.port) ?? 0;
  for (const m of isValidPortNum(port)) out.push(fieldErr.invalid(child(path, 'port'), port, m));
  const proto = str(sp.protocol);
  if (!proto) out.push(fieldErr.required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(proto)) out.push(fieldErr.notSupported(child(path, 'protocol'), proto, PROTOCOLS));
  out.push(...targetPortErrs(sp.targetPort, child(path, 'targetPort')));
  if (sp.appProtocol !== undefined && sp.appProtocol !== null)
    for (const m of isQualifiedName(str(sp.appProtocol))) out.push(fieldErr.invalid(child(path, 'appProtocol'), str(sp.appProtocol), m));
  return out;
}

function goServicePort(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}

function clusterIPsRelatedErrs(spec: Obj): Errs {
  if (spec.type === 'ExternalName') return [];
  const out: Errs = [];
  const clusterIP = str(spec.clusterIP);
  const ips = arr(spec.clusterIPs).map(str);
  if (clusterIP) {
    if (ips.length === 0) out.push(fieldErr.required('spec.clusterIPs'));
    else if (ips[0] !== clusterIP) out.push(fieldErr.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) out.push(fieldErr.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  const seen = new Set<string>();
  arr(spec.ipFamilies)
    .map(str)
    .forEach((f, i) => {
      if (f !== 'IPv4' && f !== 'IPv6') out.push(fieldErr.notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
      if (seen.has(f)) out.push(fieldErr.duplicate(index('spec.ipFamilies', i), f));
      seen.add(f);
    });
  if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
    const pol = str(spec.ipFamilyPolicy);
    if (!['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(pol))
      out.push(fieldErr.notSupported('spec.ipFamilyPolicy', pol, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let bad = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        bad = true;
        out.push(fieldErr.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"));
      }
      return;
    }
    const e = validateIP(index('spec.clusterIPs', i), ip);
    if (e.length) bad = true;
    out.push(...e);
  });
  if (ips.length > 2) out.push(fieldErr.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (bad) return out;
  if (ips.length > 1) {
    const fams = ips.map((ip) => parseIP(ip)?.v4);
    if (fams[0] === fams[1]) out.push(fieldErr.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    const families = arr(spec.ipFamilies).map(str);
    ips.forEach((ip, i) => {
      if (i >= families.length) return;
      const v4 = parseIP(ip)?.v4;
      if (families[i] === 'IPv4' && v4 === false)
        out.push(fieldErr.invalid(index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && v4 === true)
        out.push(fieldErr.invalid(index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return out;
}

function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
}

/** ValidateService. */
function serviceSpecErrs(specIn: unknown, annotations: Record<string, unknown>): Errs {
  const spec = obj(specIn);
  const out: Errs = [];
  const type = str(spec.type);
  const ports = arr(spec.ports).map(obj);
  const headless = isHeadless(spec);
  const ips = clusterIPsOf(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') out.push(fieldErr.required('spec.ports'));
  if ((type === 'LoadBalancer' || type === 'NodePort') && headless)
    out.push(fieldErr.invalid('spec.clusterIPs[0]', ips[0], `may not be set to 'None' for ${type} services`));
  if (type === 'ExternalName') {
    if (ips.length > 0) out.push(fieldErr.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) out.push(fieldErr.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) out.push(fieldErr.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) out.push(...dns1123SubdomainErrs(cname, 'spec.externalName'));
    else out.push(fieldErr.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => out.push(...servicePortErrs(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector !== undefined && spec.selector !== null) out.push(...labelsErrs(spec.selector, 'spec.selector'));
  const sa = str(spec.sessionAffinity);
  if (!sa) out.push(fieldErr.required('spec.sessionAffinity'));
  else if (sa !== 'ClientIP' && sa !== 'None') out.push(fieldErr.notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const t = obj(obj(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (!isObj(spec.sessionAffinityConfig)) out.push(fieldErr.required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (typeof t === 'number' && (t <= 0 || t > 86400))
      out.push(fieldErr.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, 'must be greater than 0 and less than 86400'));
  } else if (sa === 'None' && isObj(spec.sessionAffinityConfig))
    out.push(fieldErr.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  out.push(...clusterIPsRelatedErrs(spec));
  arr(spec.externalIPs).forEach((ip, i) => out.push(...validateIP(index('spec.externalIPs', i), str(ip))));
  if (!type) out.push(fieldErr.required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) out.push(fieldErr.notSupported('spec.type', type, SERVICE_TYPES));
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if ((num(p.nodePort) ?? 0) !== 0) out.push(fieldErr.forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np === 0) return;
    const k = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(k)) out.push(fieldErr.duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port) ?? 0}`;
    if (seenPorts.has(k))
      out.push({ type: 'FieldValueDuplicate', field: index('spec.ports', i), body: `Duplicate value: ${goServicePort(str(p.protocol), num(p.port) ?? 0)}` });
    seenPorts.add(k);
  });
  if (arr(spec.loadBalancerSourceRanges).length > 0 && type !== 'LoadBalancer')
    out.push(fieldErr.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  else if ('service.beta.kubernetes.io/load-balancer-source-ranges' in annotations && type !== 'LoadBalancer')
    out.push(fieldErr.forbidden('metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]', "may only be used when `type` is 'LoadBalancer'"));
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer')
    out.push(fieldErr.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  // Upstream reports this one without the "spec." prefix.
  if (type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null))
    out.push(fieldErr.required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (type === 'LoadBalancer')
      for (const m of isQualifiedName(str(spec.loadBalancerClass))) out.push(fieldErr.invalid('spec.loadBalancerClass', str(spec.loadBalancerClass), m));
    else out.push(fieldErr.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp) out.push(fieldErr.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) out.push(fieldErr.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') out.push(fieldErr.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hc = num(spec.healthCheckNodePort) ?? 0;
  if (!(type === 'LoadBalancer' && etp === 'Local')) {
    if (hc !== 0)
      out.push(fieldErr.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) out.push(fieldErr.required('spec.healthCheckNodePort'));
  else for (const m of isValidPortNum(hc)) out.push(fieldErr.invalid('spec.healthCheckNodePort', hc, m));
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type)) out.push(fieldErr.required('spec.internalTrafficPolicy'));
  } else if (!['Cluster', 'Local'].includes(str(spec.internalTrafficPolicy)))
    out.push(fieldErr.notSupported('spec.internalTrafficPolicy', str(spec.internalTrafficPolicy), ['Cluster', 'Local']));
  if (spec.trafficDistribution !== undefined && spec.trafficDistribution !== null && spec.trafficDistribution !== 'PreferClose')
    out.push(fieldErr.notSupported('spec.trafficDistribution', str(spec.trafficDistribution), ['PreferClose']));
  return out;
}

export function serviceCreateErrs(svc: Obj): Errs {
  return [...objectMetaErrs(svc.metadata, true, nameIsDNS1035Label), ...serviceSpecErrs(svc.spec, obj(obj(svc.metadata).annotations))];
}

/** ValidateServiceUpdate: allocated cluster IPs and IP families may not change. */
export function serviceUpdateErrs(svc: Obj, old: Obj): Errs {
  const spec = obj(svc.spec);
  const oldSpec = obj(old.spec);
  const out = objectMetaUpdateErrs(svc.metadata, old.metadata);
  const notExternalName = spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName';
  if (notExternalName && !(isHeadless(spec) && isHeadless(oldSpec))) {
    const n = arr(spec.clusterIPs).map(str);
    const o = arr(oldSpec.clusterIPs).map(str);
    if (n.length === o.length) {
      o.forEach((ip, i) => {
        if (ip !== n[i]) out.push(fieldErr.invalid(index('spec.clusterIPs', i), n, 'may not change once set'));
      });
    } else if (o.length > n.length) {
      if (n.length === 0) out.push(fieldErr.invalid('spec.clusterIPs[0]', n, 'primary clusterIP can not be unset'));
      if (o.length > 0 && n.length > 0 && n[0] !== o[0]) out.push(fieldErr.invalid('spec.clusterIPs[0]', n, 'may not change once set'));
      if (n.length === 1 && spec.ipFamilyPolicy !== 'SingleStack')
        out.push(fieldErr.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy ?? null, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    } else if (o.length > 0 && n[0] !== o[0]) out.push(fieldErr.invalid('spec.clusterIPs[0]', n, 'may not change once set'));
  }
  if (notExternalName && isHeadless(spec) === isHeadless(oldSpec) && !isHeadless(spec)) {
    const n = arr(spec.ipFamilies).map(str);
    const o = arr(oldSpec.ipFamilies).map(str);
    if (n.length === o.length && o.some((f, i) => f !== n[i])) out.push(fieldErr.invalid('spec.ipFamilies[0]', n, 'may not change once set'));
  }
  if (spec.type === 'LoadBalancer' && oldSpec.type === 'LoadBalancer' && str(spec.loadBalancerClass) !== str(oldSpec.loadBalancerClass))
    out.push(fieldErr.invalid('spec.loadBalancerClass', spec.loadBalancerClass ?? null, 'may not change once set'));
  const needsHC = (s: Obj) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHC(spec) && needsHC(oldSpec) && num(spec.healthCheckNodePort) !== num(oldSpec.healthCheckNodePort))
    out.push(fieldErr.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  out.push(...serviceCreateErrs(svc));
  return out;
}

export function serviceStatusUpdateErrs(svc: Obj, old: Obj): Errs {
  const out = objectMetaUpdateErrs(svc.metadata, old.metadata);
  const ingress = arr(obj(obj(svc.status).loadBalancer).ingress);
  if (obj(svc.spec).type !== 'LoadBalancer' && ingress.length > 0)
    out.push(fieldErr.forbidden('status.loadBalancer.ingress', "may only be used when `spec.type` is 'LoadBalancer'"));
  ingress.forEach((ing, i) => {
    const ip = str(obj(ing).ip);
    if (ip) out.push(...validateIP(child(index('status.loadBalancer.ingress', i), 'ip'), ip));
  });
  return out;
}

// ---- Endpoints ----

function nonSpecialIPErrs(ip: string, path: string): Errs {
  const p = parseIP(ip);
  if (!p) return [fieldErr.invalid(path, ip, 'must be a valid IP address')];
  const out: Errs = [];
  const b = p.bytes;
  const zero = b.every((x) => x === 0);
  const loopback = p.v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  const linkLocal = p.v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80;
  const llMulticast = p.v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02;
  if (zero) out.push(fieldErr.invalid(path, ip, `may not be unspecified (${ip})`));
  if (loopback) out.push(fieldErr.invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) out.push(fieldErr.invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (llMulticast) out.push(fieldErr.invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return out;
}

function endpointAddressErrs(a: Obj, path: string): Errs {
  const ip = str(a.ip);
  const out = validateIP(child(path, 'ip'), ip);
  if (str(a.hostname)) out.push(...dns1123LabelErrs(str(a.hostname), child(path, 'hostname')));
  if (a.nodeName !== undefined && a.nodeName !== null)
    for (const m of nameIsDNSSubdomain(str(a.nodeName), false)) out.push(fieldErr.invalid(child(path, 'nodeName'), str(a.nodeName), m));
  out.push(...nonSpecialIPErrs(ip, child(path, 'ip')));
  return out;
}

export function endpointsErrs(ep: Obj): Errs {
  const out = objectMetaErrs(ep.metadata, true, nameIsDNSSubdomain);
  arr(ep.subsets).forEach((s, i) => {
    const ss = obj(s);
    const p = index('subsets', i);
    if (arr(ss.addresses).length === 0 && arr(ss.notReadyAddresses).length === 0)
      out.push(fieldErr.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    arr(ss.addresses).forEach((a, j) => out.push(...endpointAddressErrs(obj(a), index(child(p, 'addresses'), j))));
    arr(ss.notReadyAddresses).forEach((a, j) => out.push(...endpointAddressErrs(obj(a), index(child(p, 'notReadyAddresses'), j))));
    const ports = arr(ss.ports).map(obj);
    ports.forEach((pt, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = str(pt.name);
      if (ports.length > 1 && !name) out.push(fieldErr.required(child(pp, 'name')));
      else if (name) out.push(...dns1123LabelErrs(name, child(pp, 'name')));
      const port = num(pt.port) ?? 0;
      for (const m of isValidPortNum(port)) out.push(fieldErr.invalid(child(pp, 'port'), port, m));
      const proto = str(pt.protocol);
      if (!proto) out.push(fieldErr.required(child(pp, 'protocol')));
      else if (!PROTOCOLS.includes(proto)) out.push(fieldErr.notSupported(child(pp, 'protocol'), proto, PROTOCOLS));
    });
  });
  return out;
}
