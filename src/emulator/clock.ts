/**
 * The emulator clock: real time plus an offset, or frozen at an instant. It drives `created`/`updated`,
 * the deletion, recovery and purge windows, scheduled purges and token validity.
 */
export interface EmulatorClock {
  /** The current emulator time. */
  now(): Date;
  /** Stops the clock at its current time. */
  freeze(): void;
  /** Lets the clock run again from where it stands. */
  unfreeze(): void;
  /**
   * Moves the clock forward (or back, when negative).
   * @param seconds - how far to move, in seconds
   */
  advance(seconds: number): void;
  /**
   * Sets the clock to real time plus an offset; a frozen clock stays frozen at that instant.
   * @param seconds - the offset from real time, in seconds
   */
  offset(seconds: number): void;
}

/** The clock with a cheap millisecond reading for the request path. */
export interface InternalClock extends EmulatorClock {
  nowMs(): number;
}

function toMs(seconds: unknown, what: string): number {
  if (typeof seconds !== "number") throw new TypeError(`${what}: seconds must be a number.`);
  if (!Number.isFinite(seconds)) throw new RangeError(`${what}: seconds must be finite.`);
  return Math.round(seconds * 1000);
}

/** Creates a running clock at real time. */
export function createClock(): InternalClock {
  let offsetMs = 0;
  let frozenAtMs: number | undefined;
  const nowMs = (): number => frozenAtMs ?? Date.now() + offsetMs;
  return {
    nowMs,
    now: () => new Date(nowMs()),
    freeze() {
      frozenAtMs = nowMs();
    },
    unfreeze() {
      if (frozenAtMs === undefined) return;
      offsetMs = frozenAtMs - Date.now();
      frozenAtMs = undefined;
    },
    advance(seconds: number) {
      const deltaMs = toMs(seconds, "advance");
      if (frozenAtMs !== undefined) frozenAtMs += deltaMs;
      else offsetMs += deltaMs;
    },
    offset(seconds: number) {
      offsetMs = toMs(seconds, "offset");
      if (frozenAtMs !== undefined) frozenAtMs = Date.now() + offsetMs;
    },
  };
}
