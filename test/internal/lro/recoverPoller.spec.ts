import { describe, expect, it } from "vitest";
import { bundle, kvError, scriptedClient as clientFor } from "../../utils/scriptedHttpClient.js";

describe("beginRecoverDeletedSecret", () => {
  it("pre-checks, recovers, and polls until GET answers 200; the result has no value", async () => {
    const { http, client } = clientFor({
      "GET /secrets/s/": [
        kvError(404, "SecretNotFound"),
        kvError(404, "SecretNotFound"),
        { status: 200, body: bundle("s", undefined, { value: "v" }) },
      ],
      "POST /deletedsecrets/s/recover": [{ status: 200, body: bundle("s") }],
    });
    const poller = await client.beginRecoverDeletedSecret("s", { intervalInMs: 0 });
    const result = await poller.pollUntilDone();
    expect(result.name).toBe("s");
    expect(result).not.toHaveProperty("value");
    expect(http.routes).toEqual([
      "GET /secrets/s/",
      "POST /deletedsecrets/s/recover",
      "GET /secrets/s/",
      "GET /secrets/s/",
    ]);
    // The POST goes out with an empty body.
    expect(http.requests.find((r) => r.route === "POST /deletedsecrets/s/recover")?.body).toBeUndefined();
  });

  it("is done without a POST when the secret is already active", async () => {
    const { http, client } = clientFor({ "GET /secrets/s/": [{ status: 200, body: bundle("s") }] });
    const poller = await client.beginRecoverDeletedSecret("s");
    expect(poller.isDone()).toBe(true);
    expect(http.routes).toEqual(["GET /secrets/s/"]);
  });

  it("goes on to the POST after a 403 pre-check", async () => {
    const { http, client } = clientFor({
      "GET /secrets/s/": [kvError(403, "Forbidden"), { status: 200, body: bundle("s") }],
      "POST /deletedsecrets/s/recover": [{ status: 200, body: bundle("s") }],
    });
    await (await client.beginRecoverDeletedSecret("s", { intervalInMs: 0 })).pollUntilDone();
    expect(http.routes).toContain("POST /deletedsecrets/s/recover");
  });

  it("does not swallow a pre-check failure other than 403/404 (SPEC §7 item 13)", async () => {
    const { http, client } = clientFor({ "GET /secrets/s/": [kvError(500, "InternalError", "down")] });
    await expect(client.beginRecoverDeletedSecret("s")).rejects.toMatchObject({ statusCode: 500 });
    expect(http.routes).not.toContain("POST /deletedsecrets/s/recover");
  });

  it("rejects begin when the name is not a deleted secret", async () => {
    const { client } = clientFor({
      "GET /secrets/s/": [kvError(404, "SecretNotFound")],
      "POST /deletedsecrets/s/recover": [kvError(404, "SecretNotFound", "Deleted Secret not found: s")],
    });
    await expect(client.beginRecoverDeletedSecret("s")).rejects.toMatchObject({ statusCode: 404 });
  });

  it("refuses cancellation", async () => {
    const { client } = clientFor({ "GET /secrets/s/": [{ status: 200, body: bundle("s") }] });
    const poller = await client.beginRecoverDeletedSecret("s");
    await expect(poller.cancelOperation()).rejects.toThrow(
      "Canceling the recovery of a deleted secret is not supported.",
    );
  });
});
