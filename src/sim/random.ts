// The one seeded random generator of a simulation (sfc32). Its state is part of the simulation
// state, so the same seed and the same inputs give the same cluster.

export type RandomState = [number, number, number, number];

export class Random {
  private s: RandomState;

  constructor(seed: number | RandomState = 1) {
    if (Array.isArray(seed)) {
      this.s = [...seed] as RandomState;
    } else {
      // splitmix32 expands one number into four words of state.
      let x = seed >>> 0;
      const next = () => {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.s = [next(), next(), next(), next()];
      for (let i = 0; i < 12; i++) this.nextUint32();
    }
  }

  get state(): RandomState {
    return [...this.s] as RandomState;
  }

  nextUint32(): number {
    const s = this.s;
    let a = s[0], b = s[1], c = s[2], d = s[3];
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    // In place: a new state array per draw was a large share of all allocation.
    s[0] = a >>> 0;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max]. */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `n` characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    // Joined once rather than appended to: a long string built by += is kept as a chain of
    // pieces (container and image ids are 64 characters, on every pod).
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(alphabet[this.int(alphabet.length)]);
    return out.join('');
  }

  hex(n: number): string {
    return this.chars(n, HEX_DIGITS);
  }

  /** An RFC 4122 version-4 UUID, like the API server's object uids. */
  uuid(): string {
    // The same draws as hex(32), joined once: every object has a uid, and a string built by
    // concatenation is kept as a chain of pieces several times its size.
    const h: string[] = [];
    for (let i = 0; i < 32; i++) h.push(HEX_DIGITS[this.int(16)]);
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16], 16) & 3];
    h.splice(20, 0, '-');
    h.splice(16, 0, '-');
    h.splice(12, 0, '-');
    h.splice(8, 0, '-');
    return h.join('');
  }
}

const HEX_DIGITS = '0123456789abcdef';

/** Suffix alphabet of generateName and pod-template-hash names (k8s.io/apimachinery/pkg/util/rand). */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
