import { describe, expect, it } from "vitest";
import { deletedBundle, kvError, scriptedClient as clientFor } from "../../utils/scriptedHttpClient.js";

describe("beginDeleteSecret", () => {
  it("treats 404 while polling a delete as still in progress, then completes on 200", async () => {
    const { http, client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [
        kvError(404, "SecretNotFound"),
        kvError(404, "SecretNotFound"),
        { status: 200, body: deletedBundle("s") },
      ],
    });
    const poller = await client.beginDeleteSecret("s", { intervalInMs: 0 });
    expect(poller.isDone()).toBe(false);
    expect(poller.getResult()?.recoveryId).toBe("https://myvault.vault.azure.net/deletedsecrets/s");
    const result = await poller.pollUntilDone();
    expect(result.deletedOn).toEqual(new Date(1774470964 * 1000));
    expect(http.routes).toEqual([
      "DELETE /secrets/s",
      "GET /deletedsecrets/s",
      "GET /deletedsecrets/s",
      "GET /deletedsecrets/s",
    ]);
  });

  it("completes at once, without polling, when the vault has no soft delete (no recoveryId)", async () => {
    const { http, client } = clientFor({ "DELETE /secrets/s": [{ status: 200, body: { id: deletedBundle("s").id } }] });
    const poller = await client.beginDeleteSecret("s");
    expect(poller.isDone()).toBe(true);
    expect(http.routes).toEqual(["DELETE /secrets/s"]);
  });

  it("treats 403 on the status check as done and keeps the DELETE response", async () => {
    const { client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(403, "Forbidden")],
    });
    const poller = await client.beginDeleteSecret("s");
    expect(poller.isDone()).toBe(true);
    expect((await poller.pollUntilDone()).name).toBe("s");
  });

  it("rejects begin itself when the DELETE fails", async () => {
    const { client } = clientFor({ "DELETE /secrets/s": [kvError(404, "SecretNotFound", "not found")] });
    await expect(client.beginDeleteSecret("s")).rejects.toMatchObject({ statusCode: 404, code: "SecretNotFound" });
  });

  it("records an unexpected status-check failure in the state and rejects pollUntilDone with it", async () => {
    const { client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(404, "SecretNotFound"), kvError(400, "BadParameter", "boom")],
    });
    const poller = await client.beginDeleteSecret("s", { intervalInMs: 0 });
    await expect(poller.pollUntilDone()).rejects.toMatchObject({ statusCode: 400 });
    expect(poller.getOperationState()).toMatchObject({
      isCompleted: true,
      error: expect.objectContaining({ message: "boom" }),
    });
  });

  it("fires onProgress after every poll with a snapshot of the state (SPEC §7 item 14)", async () => {
    const { client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(404, "SecretNotFound"), { status: 200, body: deletedBundle("s") }],
    });
    const poller = await client.beginDeleteSecret("s", { intervalInMs: 0 });
    const seen: Array<boolean | undefined> = [];
    const unsubscribe = poller.onProgress((state) => seen.push(state.isCompleted));
    await poller.pollUntilDone();
    unsubscribe();
    expect(seen).toEqual([true]);
  });

  it("resumes from toString() with the polling GET only and revives dates", async () => {
    const first = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(404, "SecretNotFound")],
    });
    const token = (await first.client.beginDeleteSecret("s")).toString();
    expect(JSON.parse(token)).toMatchObject({ state: { name: "s", isStarted: true, isCompleted: false } });

    const second = clientFor({ "GET /deletedsecrets/s": [{ status: 200, body: deletedBundle("s") }] });
    const resumed = await second.client.beginDeleteSecret("s", { resumeFrom: token });
    expect(second.http.routes).toEqual(["GET /deletedsecrets/s"]);
    expect(resumed.isDone()).toBe(true);

    const third = clientFor({});
    const revived = await third.client.beginDeleteSecret("s", { resumeFrom: resumed.toString() });
    expect(third.http.requests).toHaveLength(0); // a completed state makes no request
    expect(revived.getResult()?.deletedOn).toBeInstanceOf(Date);
    expect(revived.getResult()?.properties.createdOn).toBeInstanceOf(Date);
  });

  it("refuses a resume token that belongs to another secret (SPEC §7 item 9)", async () => {
    const { client, http } = clientFor({});
    const token = JSON.stringify({ state: { name: "other", isStarted: true } });
    await expect(client.beginDeleteSecret("s", { resumeFrom: token })).rejects.toThrow(
      "The resumeFrom state belongs to secret 'other', not 's'.",
    );
    await expect(client.beginDeleteSecret("s", { resumeFrom: "not json" })).rejects.toThrow(
      "Invalid resumeFrom state.",
    );
    expect(http.requests).toHaveLength(0);
  });

  it("rejects pollUntilDone with PollerStoppedError when stopPolling is called while waiting", async () => {
    const { client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(404, "SecretNotFound")],
    });
    const poller = await client.beginDeleteSecret("s", { intervalInMs: 60_000 });
    const done = poller.pollUntilDone();
    expect(poller.isStopped()).toBe(false);
    poller.stopPolling();
    await expect(done).rejects.toMatchObject({ name: "PollerStoppedError", message: "This poller is already stopped" });
    expect(poller.isStopped()).toBe(true);
  });

  it("rejects pollUntilDone with AbortError when its signal fires during the wait", async () => {
    const { client } = clientFor({
      "DELETE /secrets/s": [{ status: 200, body: deletedBundle("s") }],
      "GET /deletedsecrets/s": [kvError(404, "SecretNotFound")],
    });
    const poller = await client.beginDeleteSecret("s", { intervalInMs: 60_000 });
    const controller = new AbortController();
    const done = poller.pollUntilDone({ abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    await expect(done).rejects.toMatchObject({ name: "AbortError" });
  });

  it("refuses cancellation and a negative interval", async () => {
    const { client } = clientFor({ "DELETE /secrets/s": [{ status: 200, body: { id: deletedBundle("s").id } }] });
    await expect(client.beginDeleteSecret("s", { intervalInMs: -1 })).rejects.toBeInstanceOf(RangeError);
    const poller = await client.beginDeleteSecret("s");
    await expect(poller.cancelOperation()).rejects.toThrow("Canceling the deletion of a secret is not supported.");
  });
});
