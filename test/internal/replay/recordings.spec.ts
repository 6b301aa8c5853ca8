import { describe, expect, it } from "vitest";
import { SecretClient, isRestError, type SecretProperties } from "../../../src/index.js";
import { FakeCredential } from "../../utils/fakeCredential.js";
import { loadRecording, loadYamlRecording, type RecordedEntry } from "../../utils/recordings.js";
import { ReplayHttpClient } from "../../utils/replayHttpClient.js";

const vaultUrl = "https://vaultname.vault.azure.net";

interface WireBundle {
  id: string;
  value?: string;
  contentType?: string;
  tags?: Record<string, string>;
  attributes: Record<string, number | boolean | string | undefined>;
  recoveryId?: string;
  deletedDate?: number;
  scheduledPurgeDate?: number;
}

function setup(
  entries: RecordedEntry[],
  options: { serviceVersion?: "7.1"; apiVersion?: { recorded: string; ours: string } } = {},
) {
  const replay = new ReplayHttpClient(entries, options.apiVersion);
  const credential = new FakeCredential();
  const client = new SecretClient(vaultUrl, credential, {
    httpClient: replay,
    retryOptions: { maxRetries: 0 },
    ...(options.serviceVersion ? { serviceVersion: options.serviceVersion } : {}),
  });
  return { replay, credential, client };
}

function body(entry: RecordedEntry | undefined): WireBundle {
  return JSON.parse(entry?.responseText ?? "") as WireBundle;
}

const seconds = (value: unknown): Date | undefined => (typeof value === "number" ? new Date(value * 1000) : undefined);

/** The test's own reading of a recorded bundle: every wire field against the mapped properties. */
function expectProperties(properties: SecretProperties, wire: WireBundle): void {
  const [, , host, , name, version] = wire.id.split("/");
  expect(properties.id).toBe(wire.id);
  expect(properties.vaultUrl).toBe(`https://${host}`);
  expect(properties.name).toBe(name);
  expect(properties.version).toBe(version);
  expect(properties.contentType).toBe(wire.contentType);
  expect(properties.tags).toEqual(wire.tags);
  expect(properties.enabled).toBe(wire.attributes.enabled);
  expect(properties.createdOn).toEqual(seconds(wire.attributes.created));
  expect(properties.updatedOn).toEqual(seconds(wire.attributes.updated));
  expect(properties.expiresOn).toEqual(seconds(wire.attributes.exp));
  expect(properties.notBefore).toEqual(seconds(wire.attributes.nbf));
  expect(properties.recoveryLevel).toBe(wire.attributes.recoveryLevel);
  expect(properties.recoverableDays).toBe(wire.attributes.recoverableDays);
}

describe("replay of recorded Key Vault sessions", () => {
  it("01: set with expiry, get latest and by version, update latest, delete and poll", async () => {
    const entries = loadRecording("01_crud_set_get_update_delete.json");
    const { replay, client, credential } = setup(entries);
    const name = "livekvtestsecret-namee8553665";

    const set = await client.setSecret(name, "secret-value", { expiresOn: new Date(2527401600 * 1000) });
    // The discovery request carries no body and no token; the authorised one carries the recorded body.
    expect(replay.sent[0]).toMatchObject({ authorized: false, body: null });
    expect(replay.sent[1]).toMatchObject({ authorized: true, body: entries[1]?.requestBody });
    expect(credential.calls).toHaveLength(1);
    expect(credential.calls[0]?.scopes).toEqual(["https://vault.azure.net/.default"]);
    expect(credential.calls[0]?.options?.tenantId).toBe("00000000-0000-0000-0000-000000000000");
    expect(set.value).toBe("secret-value");
    expect(set.name).toBe(name);
    expectProperties(set.properties, body(entries[1]));

    const latest = await client.getSecret(name);
    expectProperties(latest.properties, body(entries[2]));
    expect(latest.value).toBe("secret-value");

    const byVersion = await client.getSecret(name, { version: "54a5883d2c8f4c379c19bd85e046e213" });
    expectProperties(byVersion.properties, body(entries[3]));

    const updated = await client.updateSecretProperties(name, "", {
      contentType: "text/plain",
      tags: { foo: "updated tag" },
    });
    expect(replay.sent[4]?.body).toEqual(entries[4]?.requestBody);
    expectProperties(updated, body(entries[4]));

    const poller = await client.beginDeleteSecret(name, { intervalInMs: 0 });
    expect(poller.isDone()).toBe(false); // the recorded poll answered 404: still deleting
    const deleted = await poller.pollUntilDone();
    const wire = body(entries[7]);
    expectProperties(deleted.properties, wire);
    expect(deleted.recoveryId).toBe(wire.recoveryId);
    expect(deleted.deletedOn).toEqual(seconds(wire.deletedDate));
    expect(deleted.scheduledPurgeDate).toEqual(seconds(wire.scheduledPurgeDate));
    expect(deleted.properties.recoveryId).toBe(wire.recoveryId);
    expect(replay.remaining).toBe(0);
  });

  it("02: delete, poll, get deleted, recover and poll until the secret answers again", async () => {
    const recorded = loadRecording("02_delete_poll_recover_poll_404.json");
    // Our recover pre-checks GET /secrets/{name}/ (SPEC §4.3), which Python does not. For that request we
    // serve the service's recorded answer to the same GET while the secret was deleted (entry 7: 404).
    const entries = [...recorded.slice(0, 6), recorded[7]!, ...recorded.slice(6)];
    const { replay, client } = setup(entries);
    const name = "livekvtestsecret-name5eae337d";

    await client.setSecret(name, "secret-value");
    expect(replay.sent[1]?.body).toEqual({ value: "secret-value" }); // no attributes unless given
    const deletePoller = await client.beginDeleteSecret(name, { intervalInMs: 0 });
    await deletePoller.pollUntilDone();
    const deleted = await client.getDeletedSecret(name);
    expect(deleted.recoveryId).toBe(body(recorded[5]).recoveryId);

    const recoverPoller = await client.beginRecoverDeletedSecret(name, { intervalInMs: 0 });
    expect(recoverPoller.getResult()?.id).toBe(body(recorded[6]).id); // the POST's answer, before polling ends
    const recovered = await recoverPoller.pollUntilDone();
    expectProperties(recovered, body(recorded[8]));
    expect(replay.sent.map((r) => `${r.method} ${new URL(r.url).pathname}`).slice(-4)).toEqual([
      `GET /secrets/${name}/`,
      `POST /deletedsecrets/${name}/recover`,
      `GET /secrets/${name}/`,
      `GET /secrets/${name}/`,
    ]);
    expect(replay.remaining).toBe(0);
  });

  it("03: lists versions by page, exposing each page's nextLink as its continuation token", async () => {
    const entries = loadRecording("03_list_versions_paging_nextLink.json");
    const { replay, client } = setup(entries);
    const name = "livekvtestsecVer53722d53";
    for (let i = 0; i < 7; i++) await client.setSecret(name, "secVal");

    const pages: SecretProperties[][] = [];
    const tokens: Array<string | undefined> = [];
    for await (const page of client.listPropertiesOfSecretVersions(name).byPage({ maxPageSize: 6 })) {
      pages.push(page);
      tokens.push((page as { continuationToken?: string }).continuationToken);
    }
    const first = JSON.parse(entries[8]!.responseText) as { value: WireBundle[]; nextLink: string };
    const second = JSON.parse(entries[9]!.responseText) as { value: WireBundle[] };
    expect(pages.map((p) => p.length)).toEqual([6, 1]);
    expect(tokens).toEqual([first.nextLink, undefined]);
    pages[0]!.forEach((item, i) => expectProperties(item, first.value[i]!));
    expectProperties(pages[1]![0]!, second.value[0]!);
    // The nextLink is followed byte for byte, with our api-version kept as the only one.
    expect(replay.sent[9]?.url).toBe(first.nextLink);
    expect(replay.remaining).toBe(0);
  });

  it("04: backup, delete, purge, restore refused with 409, then restored", async () => {
    const entries = loadRecording("04_backup_delete_purge_restore_409.json");
    const { replay, client } = setup(entries);
    const name = "livekvtestsecbak7feb2d98";

    await client.setSecret(name, "secVal");
    const backup = await client.backupSecret(name);
    const blob = (JSON.parse(entries[2]!.responseText) as { value: string }).value;
    expect(Buffer.from(backup!).toString("base64url")).toBe(blob);
    await (await client.beginDeleteSecret(name, { intervalInMs: 0 })).pollUntilDone();
    await expect(client.purgeDeletedSecret(name)).resolves.toBeUndefined();

    const conflict = await client.restoreSecretBackup(backup!).catch((e: unknown) => e);
    expect(isRestError(conflict)).toBe(true);
    expect(conflict).toMatchObject({ statusCode: 409, code: "Conflict" });
    expect((conflict as Error).message).toMatch(/^There was a conflict restoring the secret/);
    // The blob goes back exactly as the service issued it.
    expect(replay.sent[7]?.body).toEqual({ value: blob });

    const restored = await client.restoreSecretBackup(backup!);
    expectProperties(restored, body(entries[8]));
    expect(replay.remaining).toBe(0);
  });

  it("05: parses a newer service's responses (api-version 2026-03-01-preview recording)", async () => {
    const entries = loadRecording("05_challenge_set_get_latest_2026-03-01-preview.json");
    // That preview version is not one we accept (SPEC §1.2); the bodies are what matter here.
    const { client } = setup(entries, { apiVersion: { recorded: "2026-03-01-preview", ours: "2025-07-01" } });
    const set = await client.setSecret("livekvtestsecret8f3d31ea", "secret_value");
    expectProperties(set.properties, body(entries[1]));
    const got = await client.getSecret("livekvtestsecret8f3d31ea");
    expect(got.value).toBe("secret_value");
    expectProperties(got.properties, body(entries[2]));
  });

  it("06: works at api-version 7.1 with a login.windows.net challenge", async () => {
    const entries = loadYamlRecording("06_legacy_vcrpy_yaml_api7.1.yaml");
    const { client, credential, replay } = setup(entries, { serviceVersion: "7.1" });
    const set = await client.setSecret("livekvtestsecretce671360", "secret_value");
    expect(credential.calls[0]?.options?.tenantId).toBe("72f988bf-86f1-41af-91ab-2d7cd011db47");
    expectProperties(set.properties, JSON.parse(entries[1]!.responseText) as WireBundle);
    expect(replay.sent.every((r) => r.url.endsWith("api-version=7.1"))).toBe(true);
  });

  it("07: a missing secret is a RestError 404 with the service's code and message", async () => {
    const entries = loadRecording("07_get_missing_secret_401_then_404.json");
    const { client } = setup(entries);
    const error = await client.getSecret("secret-that-does-not-exist").catch((e: unknown) => e);
    expect(isRestError(error)).toBe(true);
    expect(error).toMatchObject({ name: "RestError", statusCode: 404, code: "SecretNotFound" });
    expect((error as Error).message).toBe(
      (JSON.parse(entries[1]!.responseText) as { error: { message: string } }).error.message,
    );
  });
});
