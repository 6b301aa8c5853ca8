import type { FileHandle } from "node:fs/promises";
import type { ChangeSink, JournalRecord } from "./journalRecord.js";

interface Waiter {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Folds the journal into a snapshot: given the current journal file, makes the snapshot durable and returns an
 * empty journal file to append to. Runs between two group commits, so no append is in flight.
 */
export type Compactor = (journal: FileHandle) => Promise<FileHandle>;

/** Records after which a running emulator compacts its journal. */
export const DEFAULT_COMPACTION_THRESHOLD = 10_000;

/**
 * An append-only NDJSON journal. `append` resolves only after the line is written and fsynced, so an
 * acknowledged write survives `kill -9`. Concurrent appends share one write + fsync (group commit). With a
 * compactor, every `threshold` records the journal is folded into the snapshot, so it does not grow for as long as
 * the emulator runs.
 */
export class Journal implements ChangeSink {
  #file: FileHandle;
  readonly #compact: Compactor | undefined;
  readonly #threshold: number;
  #records = 0;
  #queue: Waiter[] = [];
  #flushing = false;
  #closed = false;

  constructor(file: FileHandle, compact?: Compactor, threshold = DEFAULT_COMPACTION_THRESHOLD) {
    this.#file = file;
    this.#compact = compact;
    this.#threshold = threshold;
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
        this.#records += batch.length;
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
      if (this.#compact && this.#records >= this.#threshold) await this.#compactNow(this.#compact);
    }
    this.#flushing = false;
  }

  async #compactNow(compact: Compactor): Promise<void> {
    try {
      this.#file = await compact(this.#file);
      this.#records = 0;
    } catch {
      // The journal is still complete and durable: keep appending to it and try again after the next threshold.
      this.#records = 0;
    }
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    this.#closed = true;
    while (this.#flushing || this.#queue.length > 0) await new Promise((r) => setImmediate(r));
    await this.#file.close();
  }
}
