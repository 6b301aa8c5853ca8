import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/** Writes a file durably: temp file + fsync + rename + fsync of the directory. */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  const file = await open(temp, "w", mode);
  try {
    await file.writeFile(data, "utf8");
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
  await syncDirectory(dirname(path));
}

/** fsyncs a directory so a rename or create survives a crash (a no-op where unsupported). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Windows cannot open or fsync directories; NTFS journals renames itself.
  } finally {
    await handle?.close();
  }
}
