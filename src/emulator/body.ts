import type { IncomingMessage } from "node:http";
import { LIMITS } from "./constants.js";
import { kvErrors } from "./kvError.js";

/** Reads and parses a JSON request body; an empty body is `undefined`. Over 1 MiB → 413. */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > LIMITS.bodyBytes) return Promise.reject(kvErrors.bodyTooLarge());
  return new Promise((resolve, reject) => {
    // A client that disconnects before the body ends (a timeout, a kill) must not leave this handler waiting forever.
    const incomplete = (): void => reject(kvErrors.badParameter("The request body ended before it was complete."));
    if (req.destroyed && !req.readableEnded) return incomplete();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMITS.bodyBytes) {
        req.removeAllListeners("data");
        req.resume();
        reject(kvErrors.bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", incomplete); // an aborted upload is the client's doing: 400, never a 500 EmulatorError
    req.on("close", () => {
      if (!req.readableEnded) incomplete();
    });
    req.on("end", () => {
      if (size > LIMITS.bodyBytes) return;
      const text = Buffer.concat(chunks, size).toString("utf8");
      if (text.trim() === "") return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(kvErrors.badParameter("The request body is not valid JSON."));
      }
    });
  });
}
