// README examples that need a real vault and DefaultAzureCredential: type-checked by `npm run typecheck`,
// never run. Their bodies are copied into README.md by .ci/updateSnippets.mjs.
import { DefaultAzureCredential } from "@azure/identity";
import { SecretClient } from "../src/index.js";

export async function createClient(): Promise<void> {
  // @snippet ReadmeSampleCreateClient
  // import { DefaultAzureCredential } from "@azure/identity";
  // import { SecretClient } from "keyvault-secrets";
  const credential = new DefaultAzureCredential();
  const client = new SecretClient("https://my-vault.vault.azure.net", credential);
  const secret = await client.getSecret("db-password");
  // @snippet-end ReadmeSampleCreateClient
  void secret;
}
