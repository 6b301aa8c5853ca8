import type { SecretClient as OfficialSecretClient } from "@azure/keyvault-secrets";
import { expectTypeOf } from "vitest";
import type { SecretCacheClient } from "../../../src/cache/index.js";
import type { SecretClient } from "../../../src/index.js";

// The cache takes ours, the official 4.12 client, or any object with their getSecret and setSecret.
expectTypeOf<SecretClient>().toExtend<SecretCacheClient>();
expectTypeOf<OfficialSecretClient>().toExtend<SecretCacheClient>();
expectTypeOf<{ getSecret(name: string): Promise<unknown> }>().not.toExtend<SecretCacheClient>();
