import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { eventually, StopWaiting } from './eventually';
import { repoRoot } from './repo-root';

const ROOT = repoRoot();
const LOG_DIR = join(ROOT, '.test-logs');

export type ServiceName =
  | 'offer-ingestion'
  | 'offer-indexer'
  | 'cv-intake'
  | 'alert-matcher'
  | 'alert-delivery';

/**
 * One Vigie service running as its own process from the build in dist/, as in production: the
 * end-to-end tier exercises configuration, boot, shutdown and crashes for real.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly logFile: string;

  constructor(
    readonly name: ServiceName,
    private env: Record<string, string>,
    label: string,
  ) {
    this.logFile = join(LOG_DIR, `${label}-${name}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.env.HTTP_PORT}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(extraEnv: Record<string, string> = {}): this {
    const entry = join(ROOT, 'dist', 'apps', this.name, 'src', 'main.js');
    if (!existsSync(entry))
      throw new Error(`${entry} is missing: run \`npm run build\` first (npm test does)`);
    mkdirSync(LOG_DIR, { recursive: true });
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...this.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))),
    );
    this.child = child;
    return this;
  }

  /** Waits until /health/ready answers 200 (every dependency up). */
  async ready(timeoutMs = 90_000): Promise<this> {
    await eventually(
      async () => {
        const child = this.child;
        if (child !== undefined && (child.exitCode !== null || child.signalCode !== null)) {
          // Fails at once: a service that exited at start (a bad option, a failed migration) will not get ready.
          throw new StopWaiting(
            `${this.name} exited with ${child.exitCode ?? child.signalCode}; see ${this.logFile}`,
          );
        }
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status !== 200) throw new Error(`${this.name} not ready: ${await res.text()}`);
      },
      { timeoutMs, intervalMs: 250 },
    ).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\n--- last log lines of ${this.name} ---\n${this.logTail()}`);
    });
    return this;
  }

  /** Resolves with the exit code once the process is gone (e.g. after an injected crash). */
  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  /** Graceful stop (SIGTERM), as an orchestrator would. */
  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
    this.log?.end();
  }

  /** Crash: no shutdown hooks, no offset commit. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
