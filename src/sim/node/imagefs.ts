// What is inside each image's filesystem, as far as `kubectl exec` can tell: its base (which
// shell answers, and how it words "not found"), the programs on its PATH, its WORKDIR and the
// ENV its Dockerfile sets. From the images' Dockerfiles (nginx and httpd and redis: Debian
// bookworm; busybox; alpine; ubuntu; distroless add-ons that have no shell at all).

import type { ImageEntry } from './images';

export type ImageBase = 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'distroless' | 'mariner';

export interface ImageFs {
  base: ImageBase;
  /** Programs `exec` can start (by basename); for busybox-based images, its applets. */
  binaries: Set<string>;
  workdir: string;
  /** The image's own ENV lines (PATH first). */
  env: [string, string][];
  /** The top-level directories `ls /` shows. */
  rootDirs: string[];
}

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BUSYBOX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const BUSYBOX_APPLETS = [
  'sh', 'ash', 'cat', 'ls', 'env', 'printenv', 'hostname', 'nslookup', 'wget', 'ps', 'echo', 'sleep', 'date', 'uname', 'whoami',
  'id', 'pwd', 'grep', 'head', 'tail', 'wc', 'true', 'false', 'touch', 'rm', 'mkdir', 'cd', 'ping', 'nc', 'top', 'df', 'mount', 'ip',
  'ifconfig', 'route', 'netstat', 'clear', 'chroot', 'nsenter', 'which', 'free', 'kill', 'vi', 'test', '[',
];
const COREUTILS = ['sh', 'dash', 'bash', 'cat', 'ls', 'env', 'printenv', 'hostname', 'echo', 'sleep', 'date', 'uname', 'whoami', 'id', 'pwd', 'grep', 'head', 'tail', 'wc', 'true', 'false', 'touch', 'rm', 'mkdir', 'cd', 'df', 'mount', 'clear', 'chroot', 'nsenter', 'which', 'kill', 'test', '['];

const ROOTS: Record<ImageBase, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  alpine: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  ubuntu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  distroless: ['dev', 'etc', 'proc', 'sys', 'tmp', 'var'],
  mariner: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var'],
};

function fs(base: ImageBase, binaries: string[], workdir = '/', env: [string, string][] = [], extraRoot: string[] = []): ImageFs {
  const path = base === 'busybox' || base === 'alpine' ? BUSYBOX_PATH : DEBIAN_PATH;
  return { base, binaries: new Set(binaries), workdir, env: [['PATH', path], ...env], rootDirs: [...ROOTS[base], ...extraRoot].sort() };
}

/** The filesystem of an image (by its catalog entry and tag). */
export function imageFs(entry: ImageEntry, tag: string): ImageFs {
  const alpineTag = /alpine/.test(tag);
  const repo = entry.repository;
  switch (entry.program) {
    case 'nginx':
      if (alpineTag) return fs('alpine', [...BUSYBOX_APPLETS, 'nginx', 'curl'], '/', [['NGINX_VERSION', '1.27.3'], ['PKG_RELEASE', '1'], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1']], ['docker-entrypoint.d', 'docker-entrypoint.sh']);
      // nginx's Debian image ships curl (its entrypoint needs it) but not procps (no ps).
      return fs('debian', [...COREUTILS, 'nginx', 'curl'], '/', [['NGINX_VERSION', '1.27.3'], ['NJS_VERSION', '0.8.7'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm']], ['docker-entrypoint.d', 'docker-entrypoint.sh']);
    case 'httpd':
      if (alpineTag) return fs('alpine', [...BUSYBOX_APPLETS, 'httpd'], '/usr/local/apache2', [['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.62']]);
      return fs('debian', [...COREUTILS, 'httpd', 'httpd-foreground'], '/usr/local/apache2', [['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', '2.4.62']]);
    case 'redis':
      if (alpineTag) return fs('alpine', [...BUSYBOX_APPLETS, 'redis-server', 'redis-cli'], '/data', [['REDIS_VERSION', '7.4.1']], ['data']);
      return fs('debian', [...COREUTILS, 'redis-server', 'redis-cli'], '/data', [['GOSU_VERSION', '1.17'], ['REDIS_VERSION', '7.4.1']], ['data']);
    case 'shell':
      if (repo.endsWith('/ubuntu')) return fs('ubuntu', COREUTILS);
      if (repo.endsWith('/alpine')) return fs('alpine', BUSYBOX_APPLETS);
      if (repo.includes('cbl-mariner') || repo.includes('azurelinux')) return fs('busybox', BUSYBOX_APPLETS);
      return fs('busybox', BUSYBOX_APPLETS);
    case 'hello':
    case 'never-ready':
    case 'crash':
    case 'job':
    case 'oom':
      // Clusterlab's demo apps are built FROM alpine.
      return fs('alpine', [...BUSYBOX_APPLETS, repo.split('/').pop()!]);
    case 'pause':
    case 'daemon':
    default:
      // Add-ons and pause are distroless: no shell, no coreutils.
      return fs('distroless', [repo.split('/').pop()!]);
  }
}

/** The interactive prompt of a shell in a container (PS1 of the image's shell). */
export function promptFor(base: ImageBase, shell: string, hostname: string, cwd: string): string {
  const name = shell.split('/').pop();
  if (name === 'bash') return `root@${hostname}:${cwd === '/root' ? '~' : cwd}# `;
  if (base === 'debian' || base === 'ubuntu') return '# '; // dash
  return `${cwd === '/root' ? '~' : cwd} # `; // busybox ash
}

/** How the image's `sh` words a command it cannot find. */
export function notFoundText(base: ImageBase, shell: string): (cmd: string) => string {
  if (shell.split('/').pop() === 'bash') return (cmd) => `bash: ${cmd}: command not found`;
  if (base === 'debian' || base === 'ubuntu') return (cmd) => `sh: 1: ${cmd}: not found`;
  return (cmd) => `sh: ${cmd}: not found`;
}
