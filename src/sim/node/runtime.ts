// containerd on one node, as the kubelet sees it through the CRI: an image store (what is on
// disk, kept across reboots), a pull queue (the kubelet serialises pulls by default), pod
// sandboxes and containers with their ids, and each container's program (for logs and probes).
// It owns no timers: the kubelet asks it what happens when and schedules its own wake-ups.

import type { Random } from '../random';
import { DNS_TIMEOUT_MS, type RegistryNetwork } from '../faults/registry';
import { CONTAINERD_VERSION } from '../aks/nodes';
import { lookupImage, parseImageRef, pullDurationMs, type ImageEntry } from './images';
import type { Program } from './process';

export interface RuntimeImage {
  /** docker.io/library/nginx:1.27 */
  name: string;
  repository: string;
  digest: string;
  imageID: string;
  sizeBytes: number;
  entry: ImageEntry;
  tag: string;
}

export type PullResult =
  | { ok: true; image: string; doneAt: number; pullMs: number; totalMs: number; result: RuntimeImage }
  | { ok: false; image: string; doneAt: number; code: string; message: string };

export interface RuntimeContainer {
  id: string;
  podUid: string;
  name: string;
  attempt: number;
  image: string;
  imageID: string;
  program: Program;
  startedAt: number;
  finishedAt?: number;
  /** When the stop signal was sent (for shutdown log lines). */
  stoppedAt?: number;
}

export class ContainerRuntime {
  readonly version = CONTAINERD_VERSION;
  private readonly images = new Map<string, RuntimeImage>();
  /** Pulls under way, by full image name: a second pull of the same image rides on the first. */
  private readonly inflight = new Map<string, number>();
  private pullerFreeAt = 0;
  /** Containers by pod uid, in creation order (the CRI keeps exited ones until GC). */
  private readonly byPod = new Map<string, RuntimeContainer[]>();
  private readonly byId = new Map<string, RuntimeContainer>();
  private imagesVersion = 0;
  /** The network between this node and the registries (fault injection can cut it). */
  network?: { registries: RegistryNetwork; nodeIP: () => string };

  constructor(private readonly random: Random, preloaded: string[] = [], private readonly serializePulls = true) {
    for (const name of preloaded) {
      const r = lookupImage(name);
      if (r.ok) this.store({ name: r.ref.full, repository: r.ref.repository, digest: r.digest, imageID: r.imageID, sizeBytes: r.entry.sizeBytes, entry: r.entry, tag: r.ref.tag ?? '' });
    }
  }

  /** The image as the runtime has it, if present. */
  image(image: string): RuntimeImage | undefined {
    const found = lookupImage(image);
    return this.images.get(found.ref.full);
  }

  /** Start pulling: when it will be done and how it will end (resolved now, applied by `finishPull`). */
  pull(image: string, now: number): PullResult {
    const ref = parseImageRef(image);
    const found = lookupImage(image);
    const queueStart = this.serializePulls ? Math.max(now, this.pullerFreeAt) : now;
    if (this.network && !this.network.registries.reachable(image)) {
      // The resolver waits out its DNS timeout, then containerd gives up on the reference.
      const doneAt = queueStart + DNS_TIMEOUT_MS;
      if (this.serializePulls) this.pullerFreeAt = doneAt;
      const port = 32768 + this.random.int(28232);
      return { ok: false, image, doneAt, code: 'Unknown', message: `rpc error: code = Unknown desc = ${this.network.registries.pullError(image, this.network.nodeIP(), port)}` };
    }
    if (!found.ok) {
      const ms = Math.round(400 + 600 * this.random.next());
      const doneAt = queueStart + ms;
      if (this.serializePulls) this.pullerFreeAt = doneAt;
      return { ok: false, image, doneAt, code: found.code, message: `rpc error: code = ${found.code} desc = ${found.message}` };
    }
    const same = this.inflight.get(ref.full);
    // containerd shares the layers of a pull under way: the second one only waits for it.
    const pullMs = same !== undefined && same >= now ? Math.max(same, queueStart) - queueStart + 120 : pullDurationMs(found.entry.sizeBytes, this.random.next());
    const doneAt = queueStart + pullMs;
    if (this.serializePulls) this.pullerFreeAt = doneAt;
    this.inflight.set(ref.full, doneAt);
    const result: RuntimeImage = { name: ref.full, repository: ref.repository, digest: found.digest, imageID: found.imageID, sizeBytes: found.entry.sizeBytes, entry: found.entry, tag: ref.tag ?? '' };
    return { ok: true, image, doneAt, pullMs, totalMs: doneAt - now, result };
  }

  finishPull(p: PullResult): void {
    if (!p.ok) return;
    if (this.inflight.get(p.result.name) === p.doneAt) this.inflight.delete(p.result.name);
    this.store(p.result);
  }

  private store(img: RuntimeImage): void {
    if (!this.images.has(img.name)) this.imagesVersion++;
    this.images.set(img.name, img);
  }

  /** Changes whenever the image list changes (the kubelet reports images in node status). */
  get imageListVersion(): number {
    return this.imagesVersion;
  }

  /** node.status.images: biggest first, at most 50, names `repo@digest` and `repo:tag`. */
  listImages(): { names: string[]; sizeBytes: number }[] {
    const byId = new Map<string, { names: string[]; sizeBytes: number }>();
    for (const img of this.images.values()) {
      let e = byId.get(img.imageID);
      if (!e) byId.set(img.imageID, (e = { names: [img.imageID], sizeBytes: img.sizeBytes }));
      e.names.push(img.name);
    }
    return [...byId.values()].sort((a, b) => b.sizeBytes - a.sizeBytes || (a.names[0] < b.names[0] ? -1 : 1)).slice(0, 50);
  }

  newId(): string {
    return this.random.hex(64);
  }

  createContainer(podUid: string, name: string, img: RuntimeImage, program: Program, now: number): RuntimeContainer {
    const list = this.byPod.get(podUid) ?? [];
    const attempt = list.filter((c) => c.name === name).length;
    const c: RuntimeContainer = { id: this.newId(), podUid, name, attempt, image: img.name, imageID: img.imageID, program, startedAt: now };
    list.push(c);
    // Keep the current and the previous run of each container (what `kubectl logs -p` can read).
    const same = list.filter((x) => x.name === name);
    if (same.length > 2) {
      const drop = same[0];
      list.splice(list.indexOf(drop), 1);
      this.byId.delete(drop.id);
    }
    this.byPod.set(podUid, list);
    this.byId.set(c.id, c);
    return c;
  }

  /** Every container the runtime knows (running and exited), pod by pod (`crictl ps -a`). */
  containers(): RuntimeContainer[] {
    return [...this.byPod.values()].flat();
  }

  /** The images on disk (`crictl images`). */
  imageList(): RuntimeImage[] {
    return [...this.images.values()];
  }

  container(id: string | undefined): RuntimeContainer | undefined {
    return id ? this.byId.get(id) : undefined;
  }

  removePod(podUid: string): void {
    for (const c of this.byPod.get(podUid) ?? []) this.byId.delete(c.id);
    this.byPod.delete(podUid);
  }

  /** The VM stops: every running container dies with it. Images stay on disk. */
  powerOff(now: number): void {
    for (const list of this.byPod.values()) for (const c of list) if (c.finishedAt === undefined) c.finishedAt = now;
    this.inflight.clear();
    this.pullerFreeAt = 0;
  }
}
