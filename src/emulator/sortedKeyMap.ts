/**
 * A `Map` that also hands out its keys sorted by UTF-16 code units (the order of `Array.prototype.sort()`),
 * so a list page needs no sort. The sorted array is built on first use after the key set changes and is
 * never mutated afterwards: a caller may keep walking one while the map changes under it.
 */
export class SortedKeyMap<V> extends Map<string, V> {
  #sorted: readonly string[] | undefined;

  // No initial entries: Map's constructor would call `set` before `#sorted` exists.
  constructor() {
    super();
  }

  /** The keys, sorted. Rebuilt only when a key was added or removed since the last call. */
  sortedKeys(): readonly string[] {
    return (this.#sorted ??= [...this.keys()].sort());
  }

  override set(key: string, value: V): this {
    if (this.#sorted !== undefined && !this.has(key)) this.#sorted = undefined;
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    const removed = super.delete(key);
    if (removed) this.#sorted = undefined;
    return removed;
  }

  override clear(): void {
    super.clear();
    this.#sorted = undefined;
  }
}
