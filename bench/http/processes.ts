/**
 * The processes the HTTP benchmark starts: `tokenmall serve` and the bare Fastify reference, each on its
 * own free port, and `tokenmall verify` after a run. Every child is tracked so that an error or Ctrl-C
 * kills it instead of leaving a server behind.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const runFile = promisify(execFile);
const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

/** Children still running; `killChildren` ends them all on the way out. */
const children = new Set<ChildProcess>();

export function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** The project's root, found from wherever this file runs (bench/http or dist/bench/http). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'bin', 'tokenmall.js')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bin/tokenmall.js not found above the benchmark');
    dir = parent;
  }
}

export interface ServerProcess {
  /** The base URL it printed, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after a while; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Spawns `node ARGS` with ENV and waits for the `listening on URL` line. */
async function startListening(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not start within ${STARTUP_TIMEOUT_MS} ms: ${output}`));
    }, STARTUP_TIMEOUT_MS);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code ?? signal}: ${output}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * `tokenmall serve` on the store at `databaseUrl`, on a free loopback port, with the flags `npm start`
 * uses. With `profileDir`, the server also writes a V8 CPU profile there when it stops.
 */
export function startServe(
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  profileDir: string | undefined,
): Promise<ServerProcess> {
  const profile = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  return startListening(
    ['--max-semi-space-size=64', ...profile, join(projectRoot(), 'bin', 'tokenmall.js'), 'serve'],
    { ...env, TOKENMALL_DATABASE_URL: databaseUrl, TOKENMALL_PORT: '0', TOKENMALL_HOST: '127.0.0.1' },
  );
}

/** The reference: a bare Fastify app with one JSON route, in its own process like the server. */
export function startBareFastify(): Promise<ServerProcess> {
  const script = fileURLToPath(new URL('./bare-fastify.js', import.meta.url));
  return startListening(['--max-semi-space-size=64', script], {});
}

/** `tokenmall verify` on the store: its one output line, and whether it starts with `ok`. */
export async function verifyStore(databaseUrl: string): Promise<{ ok: boolean; text: string }> {
  try {
    const { stdout } = await runFile(
      process.execPath,
      [join(projectRoot(), 'bin', 'tokenmall.js'), 'verify'],
      { env: { ...process.env, TOKENMALL_DATABASE_URL: databaseUrl }, maxBuffer: 16 * 1024 * 1024 },
    );
    const text = stdout.trim();
    return { ok: text.startsWith('ok '), text };
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string; code?: number };
    const text = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim() || failed.message;
    return { ok: false, text: `exit ${failed.code ?? '?'}: ${text}` };
  }
}
