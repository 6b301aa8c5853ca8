/**
 * Unix seconds ↔ Date. Full numeric range: no int32 truncation (SPEC §7 item 1), and `0` and
 * negative values are dates too (SPEC §7 item 2).
 */

/** Converts wire unix seconds to a Date; absent or null gives undefined. */
export function fromUnixSeconds(seconds: number | null | undefined): Date | undefined {
  return typeof seconds === "number" ? new Date(seconds * 1000) : undefined;
}

/** Converts a Date to wire unix seconds; an invalid Date throws RangeError before any I/O. */
export function toUnixSeconds(date: Date, field: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid date for '${field}'.`);
  return Math.floor(ms / 1000);
}
