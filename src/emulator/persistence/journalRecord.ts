import type { DeletedSecretDocument, EmulatorDocument, SecretDocument, SecretVersionDocument } from "../document.js";
import type { VaultOptions } from "../vaultConfig.js";

/**
 * One durable change. Replaying records in order rebuilds the state: `secret` carries the whole state of
 * a name, `version` one new or changed version of an active secret (so writes stay O(1) in the version count).
 */
export type JournalRecord =
  | {
      readonly op: "version";
      readonly vault: VaultOptions;
      readonly key: string;
      readonly name: string;
      readonly version: SecretVersionDocument;
    }
  | {
      readonly op: "secret";
      readonly vault: VaultOptions;
      readonly key: string;
      readonly active: SecretDocument | null;
      readonly deleted: DeletedSecretDocument | null;
    }
  | { readonly op: "vault"; readonly vault: VaultOptions; readonly remove: boolean }
  | { readonly op: "replace"; readonly doc: EmulatorDocument };

/** Where the store sends its changes; resolves once they are durable. */
export interface ChangeSink {
  append(record: JournalRecord): Promise<void>;
}
