import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { Store } from "../store.js";
import { writeFileAtomic } from "./atomicFile.js";
import { DEFAULT_COMPACTION_THRESHOLD, Journal } from "./journal.js";
import type { JournalRecord } from "./journalRecord.js";

/** Keys that must outlive the process when a data directory is used. */
export interface EmulatorKeys {
  /** AES-256-GCM key sealing backup blobs. */
  readonly backupKey: Buffer;
  /** HMAC key signing emulator tokens. */
  readonly tokenKey: Buffer;
}

const STATE = "state.json";
const JOURNAL = "journal.ndjson";
const KEYS = "keys.json";

/** Fresh keys for a process without a data directory. */
export function generateKeys(): EmulatorKeys {
  return { backupKey: randomBytes(32), tokenKey: randomBytes(32) };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Loads the data directory's keys, creating them on first use. */
export async function loadKeys(dir: string): Promise<EmulatorKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const text = await readOptional(join(dir, KEYS));
  if (text !== undefined) {
    const json = JSON.parse(text) as { backupKey: string; tokenKey: string };
    return { backupKey: Buffer.from(json.backupKey, "base64"), tokenKey: Buffer.from(json.tokenKey, "base64") };
  }
  const keys = generateKeys();
  await writeFileAtomic(
    join(dir, KEYS),
    JSON.stringify({ backupKey: keys.backupKey.toString("base64"), tokenKey: keys.tokenKey.toString("base64") }),
  );
  return keys;
}

/**
 * Rebuilds the store from `state.json` plus the journal, compacts both into a new `state.json`,
 * and returns the journal for new writes, which compacts itself again every `compactionThreshold` records. A torn last line (a crash mid-append that was never
 * acknowledged) is ignored.
 */
export async function openState(
  dir: string,
  store: Store,
  applyOptions: () => void,
  compactionThreshold = DEFAULT_COMPACTION_THRESHOLD,
): Promise<Journal> {
  const snapshot = await readOptional(join(dir, STATE));
  if (snapshot !== undefined) store.apply({ op: "replace", doc: JSON.parse(snapshot) });
  const journal = (await readOptional(join(dir, JOURNAL))) ?? "";
  for (const line of journal.split("\n")) {
    if (line.trim() === "") continue;
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      break;
    }
    store.apply(record);
  }
  applyOptions();
  const compact = async (current?: FileHandle): Promise<FileHandle> => {
    // Snapshot first, truncate second: a crash in between replays the old journal over the new snapshot, which
    // journal records make idempotent (each carries a name's whole state or one version by id).
    await writeFileAtomic(join(dir, STATE), JSON.stringify(store.exportDocument()));
    const file = await open(join(dir, JOURNAL), "w", 0o600);
    await file.sync();
    await current?.close();
    return file;
  };
  return new Journal(await compact(), compact, compactionThreshold);
}
