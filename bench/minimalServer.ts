/**
 * The reference for emulator throughput: a minimal node:https JSON server on the same TLS material the emulator
 * uses (its CA and an ECDSA P-256 leaf), answering every request with a secret bundle built and serialised per request.
 * Prints `{"url","ca"}` as one JSON line on stdout; stops when stdin closes.
 */
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { loadTls } from "../src/emulator/tls.js";
import { SECRET_VALUE } from "./config.js";

const tls = await loadTls(undefined, []);
const server = createServer({ cert: tls.cert, key: tls.key, keepAliveTimeout: 5_000 }, (req, res) => {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    value: SECRET_VALUE,
    contentType: "text/plain",
    id: `https://localhost${req.url?.split("?")[0] ?? "/"}0123456789abcdef0123456789abcdef`,
    attributes: {
      enabled: true,
      created: now,
      updated: now,
      recoveryLevel: "Recoverable+Purgeable",
      recoverableDays: 90,
    },
    tags: { env: "bench" },
  });
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `https://localhost:${port}`, ca: tls.caPem })}\n`);
});
process.stdin.on("end", () => server.close(() => process.exit(0))).resume();
