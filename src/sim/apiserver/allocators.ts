// IP and port allocators behind Service creation: ClusterIPs from the service CIDR (AKS default
// 10.0.0.0/16) and NodePorts from 30000-32767, chosen at random like the API server's bitmap
// allocators, using the simulation's one random generator.

import type { Random } from '../random';

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3]) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCIDR(cidr: string): { base: number; bits: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const b = Number(bits);
  const size = 2 ** (32 - b);
  return { base: ipToInt(ip) & ~(size - 1) >>> 0, bits: b, size };
}

export class IPAllocator {
  private readonly used = new Set<number>();
  private readonly base: number;
  private readonly size: number;
  constructor(readonly cidr: string, private readonly random: Random) {
    const c = parseCIDR(cidr);
    this.base = c.base >>> 0;
    this.size = c.size;
  }
  contains(ip: string): boolean {
    const n = ipToInt(ip);
    // The network and broadcast addresses are not allocatable.
    return n > this.base && n < this.base + this.size - 1;
  }
  isAllocated(ip: string): boolean {
    return this.used.has(ipToInt(ip));
  }
  allocate(ip: string): void {
    this.used.add(ipToInt(ip));
  }
  release(ip: string | undefined): void {
    if (ip) this.used.delete(ipToInt(ip));
  }
  /** A random free address, or undefined when the range is full. */
  next(): string | undefined {
    const free = this.size - 2 - this.used.size;
    if (free <= 0) return undefined;
    for (let tries = 0; tries < 64; tries++) {
      const n = this.base + 1 + this.random.int(this.size - 2);
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(n);
      }
    }
    for (let n = this.base + 1; n < this.base + this.size - 1; n++) {
      if (!this.used.has(n)) {
        this.used.add(n);
        return intToIp(n);
      }
    }
    return undefined;
  }
}

export class PortAllocator {
  private readonly used = new Set<number>();
  constructor(readonly min: number, readonly max: number, private readonly random: Random) {}
  contains(p: number): boolean {
    return p >= this.min && p <= this.max;
  }
  isAllocated(p: number): boolean {
    return this.used.has(p);
  }
  allocate(p: number): void {
    this.used.add(p);
  }
  release(p: number | undefined): void {
    if (p !== undefined) this.used.delete(p);
  }
  next(): number | undefined {
    const span = this.max - this.min + 1;
    if (this.used.size >= span) return undefined;
    for (;;) {
      const p = this.min + this.random.int(span);
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
  }
}
