/**
 * `keyvault-secrets/cache`: `SecretCache`, a read-through cache over a `SecretClient` (SPEC §9).
 * Importing this module does nothing; it loads no client or emulator code.
 */
export { SecretCache } from "./secretCache.js";
export type {
  CacheGetSecretOptions,
  CacheGetSecretsOptions,
  CacheRefreshOptions,
  SecretCacheClient,
  SecretCacheClock,
  SecretCacheEvent,
  SecretCacheEventType,
  SecretCacheHook,
  SecretCacheOptions,
  SecretCacheStats,
} from "./options.js";
