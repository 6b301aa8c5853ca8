/**
 * Cold start in a fresh process: import the client, build it, and make the first getSecret, challenge included.
 * Measured from before the import to the first result; node's own start-up is the same for every client and is left out.
 */
import { API_VERSION, emit, FIXED_TOKEN, GET_NAME, readConfig, type ColdStartConfig } from "./config.js";
import { createSdkClient } from "./sdk.js";

const config = readConfig<ColdStartConfig>();
const cpu0 = process.cpuUsage();
const t0 = performance.now();

if (config.client === "raw") {
  // The floor does what an SDK must: a body-less discovery request, then the authorised request.
  const https = await import("node:https");
  const { hostname, port } = new URL(config.url);
  const agent = new https.Agent({ keepAlive: true, ca: config.ca });
  const get = (headers: Record<string, string>): Promise<number> =>
    new Promise((resolve, reject) => {
      const path = `/secrets/${GET_NAME}/?api-version=${API_VERSION}`;
      https
        .get({ hostname, port, path, agent, headers }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            if (text) JSON.parse(text);
            resolve(res.statusCode ?? 0);
          });
        })
        .on("error", reject);
    });
  if ((await get({})) !== 401) throw new Error("Expected the challenge.");
  if ((await get({ authorization: `Bearer ${FIXED_TOKEN}` })) !== 200) throw new Error("Expected the secret.");
} else if (config.client === "coreImport") {
  // Not a client: the import of the one dependency every core-based client needs, for scale.
  await import("@azure/core-rest-pipeline");
} else {
  const client = await createSdkClient(config.client, config.oursEntryUrl, config.url, config.ca);
  await client.getSecret(GET_NAME);
}

const cpu = process.cpuUsage(cpu0);
emit({
  coldStartMs: performance.now() - t0,
  cpuMs: (cpu.user + cpu.system) / 1000,
  sinceProcessStartMs: performance.now(),
});
process.exit(0);
