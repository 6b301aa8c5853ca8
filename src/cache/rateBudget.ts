// Key Vault allows 4,000 transactions per 10 s per vault (SPEC §9); the subscription-wide limit is 5× that, and
// other applications share both. A cache of N latest-version secrets refreshed every T seconds by P processes costs
// N·P·10/T transactions per 10 s. Pinned versions are never refetched and cost nothing after their first read.

/** Key Vault's secret-read limit per vault, in transactions per 10 seconds. */
export const VAULT_TRANSACTIONS_PER_10S = 4_000;
/** The share of that limit above which the cache warns. */
export const WARN_SHARE = 0.25;

/** Transactions per 10 s for `secrets` entries refreshed every `refreshIntervalInMs` by `processes` processes. */
export function transactionsPer10s(secrets: number, processes: number, refreshIntervalInMs: number): number {
  return (secrets * processes * 10_000) / refreshIntervalInMs;
}

/**
 * The shortest interval at which one latest entry may be re-read: the low end of the jittered TTL, shortened
 * further by refresh-ahead.
 */
export function worstRefreshIntervalInMs(ttlInMs: number, refreshAheadRatio: number | undefined): number {
  return (ttlInMs / 2) * (refreshAheadRatio ?? 1);
}

/** The most latest entries one process may hold before it uses more than {@link WARN_SHARE} of the limit. */
export function maxEntriesWithinBudget(refreshIntervalInMs: number): number {
  return Math.floor((WARN_SHARE * VAULT_TRANSACTIONS_PER_10S * refreshIntervalInMs) / 10_000);
}

/** The warning logged once per cache when its latest entries exceed the budget; numbers only, never names or values. */
export function rateBudgetWarning(latestEntries: number, refreshIntervalInMs: number): string {
  const perTenSeconds = Math.round(transactionsPer10s(latestEntries, 1, refreshIntervalInMs));
  return (
    `${latestEntries} cached secrets re-read as often as every ${refreshIntervalInMs / 1000} s cost up to ${perTenSeconds} ` +
    `transactions per 10 s per process, over ${WARN_SHARE * 100}% of Key Vault's ${VAULT_TRANSACTIONS_PER_10S} per 10 s ` +
    `per vault. Raise ttlInMs or cache fewer secrets.`
  );
}
