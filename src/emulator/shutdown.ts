import type { Server } from "node:https";
import type { Socket } from "node:net";
import type { EmulatorHttpClient } from "./httpClient.js";
import type { Journal } from "./persistence/journal.js";

const GRACE_MS = 1000;

/**
 * Stops accepting connections, drops idle keep-alive and stalled sockets at once, gives in-flight
 * requests a short grace period, then cuts the rest and flushes the journal. Safe to call twice.
 */
export async function shutdown(
  server: Server,
  stalled: Set<Socket>,
  httpClient: EmulatorHttpClient,
  journal: Journal | undefined,
): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  for (const socket of stalled) socket.destroy();
  stalled.clear();
  httpClient.destroy();
  const timer = setTimeout(() => server.closeAllConnections(), GRACE_MS);
  timer.unref();
  await closed;
  clearTimeout(timer);
  await journal?.close();
}
