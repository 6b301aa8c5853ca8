import type { EmulatorDocument, VaultDocument } from "./document.js";
import { configToOptions, deletedFromDoc, deletedToDoc, secretFromDoc, secretToDoc } from "./document.js";
import type { Vault } from "./vault.js";
import type { VaultOptions } from "./vaultConfig.js";

/**
 * Writes a document's secrets into vaults. `vaultFor` returns the vault to fill; `reconfigure` says
 * whether the document gave settings beyond the name. A named secret replaces that name's state.
 * Throws `TypeError`/`RangeError` for malformed documents.
 */
export function mergeDocument(
  doc: EmulatorDocument,
  nowSec: number,
  vaultFor: (options: VaultOptions, reconfigure: boolean) => Vault,
): void {
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc.vaults))
    throw new TypeError("A document needs a vaults array.");
  for (const vd of doc.vaults) {
    if (typeof vd !== "object" || vd === null) throw new TypeError("A document vault must be an object.");
    const { secrets = [], deletedSecrets = [], ...options } = vd;
    if (!Array.isArray(secrets) || !Array.isArray(deletedSecrets))
      throw new TypeError("secrets and deletedSecrets must be arrays.");
    const vault = vaultFor(options, Object.keys(options).length > 1);
    for (const s of secrets) {
      const rec = secretFromDoc(s, nowSec);
      vault.deleted.delete(rec.name.toLowerCase());
      vault.active.set(rec.name.toLowerCase(), rec);
    }
    for (const d of deletedSecrets) {
      const rec = deletedFromDoc(d, vault.config, nowSec);
      vault.active.delete(rec.secret.name.toLowerCase());
      vault.deleted.set(rec.secret.name.toLowerCase(), rec);
    }
  }
}

/** Serialises vaults with their contents. */
export function toDocument(vaults: Iterable<Vault>): EmulatorDocument {
  const out: VaultDocument[] = [];
  for (const vault of vaults) {
    out.push({
      ...configToOptions(vault.config),
      secrets: [...vault.active.values()].map(secretToDoc),
      deletedSecrets: [...vault.deleted.values()].map(deletedToDoc),
    });
  }
  return { vaults: out };
}
