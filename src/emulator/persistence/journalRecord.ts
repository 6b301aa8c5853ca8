import type { DeletedSecretDocument, EmulatorDocument, SecretDocument } from "../document.js";
import type { VaultOptions } from "../vaultConfig.js";

/** One durable change. Replaying records in order rebuilds the state; the last record per name wins. */
export type JournalRecord =
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
