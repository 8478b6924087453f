// Small network helpers shared by the launchers.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port that is free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A port the product needs is held by another program. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly setting: string,
    holder: string | null,
  ) {
    super(`Port ${port} (${setting}) is already in use${holder ? ` by ${holder}` : ''}. Stop that program, or set ${setting} to a free port.`);
    this.name = 'PortInUseError';
  }
}

/** Whether something listens on the port already (at `host`, where we would bind). */
function inUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
    server.listen(port, host, () => server.close(() => resolve(false)));
  });
}

/** Refuses, naming the first port in use and its holder, before anything is started. */
export async function assertPortsFree(ports: Array<{ port: number; setting: string; host?: string }>, host = '127.0.0.1'): Promise<void> {
  for (const wanted of ports) {
    if (wanted.port !== 0 && (await inUse(wanted.port, wanted.host ?? host))) throw new PortInUseError(wanted.port, wanted.setting, portHolder(wanted.port));
  }
}

/**
 * "pid 123 (temporal server start-dev …)" for the process listening on the port, from /proc
 * (Linux); null where that cannot be told (another system, or no permission).
 */
export function portHolder(port: number): string | null {
  try {
    const hex = port.toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is "ADDR:PORT"; state 0A is LISTEN; the inode is the tenth field.
        if (fields[1]?.endsWith(`:${hex}`) && fields[3] === '0A') inodes.add(fields[9]);
      }
    }
    if (inodes.size === 0) return null;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
          if (inodes.has(target.replace(/^socket:\[(\d+)\]$/, '$1'))) return `pid ${pid} (${shortened(commandLine(Number(pid)) ?? 'unknown program')})`;
        } catch {
          // gone meanwhile
        }
      }
    }
  } catch {
    // not Linux, or /proc unreadable
  }
  return null;
}

/** A process's command line, or null when it is gone. */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return null;
  }
}

const shortened = (words: string) => (words.length > 120 ? `${words.slice(0, 119)}…` : words);

/** A readiness probe: true when an HTTP GET of `url` answers 2xx within 2 seconds, false otherwise (nothing listening yet included). */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
