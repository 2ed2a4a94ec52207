// One shared copy of strings that many objects repeat (event messages, FailedScheduling texts):
// tens of thousands of pods each get "Pulling image \"nginx:1.27\"" and the same scheduling
// message, and a string built per use is kept once per object.

/** Equal strings seen recently come back as one instance. Bounded: past `max` it starts afresh. */
export class Interner {
  private readonly seen = new Map<string, string>();

  constructor(private readonly max = 4096) {}

  intern(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    if (this.seen.size >= this.max) this.seen.clear();
    this.seen.set(s, s);
    return s;
  }
}
