/** What a command may touch: output streams and a stop signal. Commands never use `process`. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Aborted when the process is asked to stop (SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Base for relative paths. @defaultValue the process working directory, as resolved by node:path */
  readonly cwd?: string;
}

/** Exit codes of SPEC §10. */
export const ExitCode = { ok: 0, service: 1, usage: 2, notFound: 3 } as const;
