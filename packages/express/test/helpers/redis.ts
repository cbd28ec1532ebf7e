import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A real redis-server started for one test file, without persistence. */
export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  /** Kills the server (SIGKILL, as a crash would) and resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts a new, empty server on the same port; resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void;
  /** Lets a frozen server run again (SIGCONT). */
  resume(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

function spawnRedis(port: number): ChildProcess {
  return spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    // A frozen server would not act on SIGTERM until it runs again.
    child.kill('SIGCONT');
    child.kill(signal);
  });
}

/** Starts /usr/bin/redis-server on a free loopback port (retrying if the port was taken meanwhile). */
export async function startRedis(): Promise<RedisServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    let child = spawnRedis(port);
    try {
      await waitUntilReady(child);
    } catch (error) {
      lastError = error;
      continue;
    }
    return {
      url: `redis://127.0.0.1:${port}`,
      stop: () => exited(child, 'SIGTERM'),
      kill: () => exited(child, 'SIGKILL'),
      restart: async () => {
        await exited(child, 'SIGKILL');
        child = spawnRedis(port);
        await waitUntilReady(child);
      },
      pause: () => child.kill('SIGSTOP'),
      resume: () => child.kill('SIGCONT'),
    };
  }
  throw lastError;
}
