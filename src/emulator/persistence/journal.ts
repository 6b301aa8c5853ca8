import type { FileHandle } from "node:fs/promises";
import type { ChangeSink, JournalRecord } from "./journalRecord.js";

interface Waiter {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * An append-only NDJSON journal. `append` resolves only after the line is written and fsynced, so an
 * acknowledged write survives `kill -9`. Concurrent appends share one write + fsync (group commit).
 */
export class Journal implements ChangeSink {
  readonly #file: FileHandle;
  #queue: Waiter[] = [];
  #flushing = false;
  #closed = false;

  constructor(file: FileHandle) {
    this.#file = file;
  }

  append(record: JournalRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("The emulator journal is closed."));
    const line = `${JSON.stringify(record)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ line, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        await this.#file.appendFile(batch.map((w) => w.line).join(""), "utf8");
        await this.#file.datasync();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.#flushing = false;
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#flushing || this.#queue.length > 0) await new Promise((r) => setImmediate(r));
    await this.#file.close();
  }
}
