import type { HttpClient, PipelineRequest, PipelineResponse } from "@azure/core-rest-pipeline";
import { createDefaultHttpClient } from "@azure/core-rest-pipeline";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent } from "node:https";
import type { LookupFunction } from "node:net";

/** An HttpClient for the emulator plus the agent it owns. */
export interface EmulatorHttpClient extends HttpClient {
  /** Closes idle keep-alive sockets. */
  destroy(): void;
}

/** A `lookup` for sockets that resolves `localhost` and `*.localhost` to `address`, and other names through DNS. */
export function loopbackLookup(address: string): LookupFunction {
  const family = address.includes(":") ? 6 : 4;
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const host = hostname.toLowerCase();
    if (host === "localhost" || host.endsWith(".localhost")) {
      // Not every resolver maps *.localhost to loopback (nagyesta/lowkey-vault#819).
      if (options.all === true) callback(null, [{ address, family } satisfies LookupAddress]);
      else callback(null, address, family);
      return;
    }
    dnsLookup(hostname, options as never, callback as never);
  }) as LookupFunction;
}

/**
 * Wraps core's default HttpClient: requests without their own agent go through one keep-alive agent
 * that trusts the emulator CA and resolves `localhost` and `*.localhost` to the emulator's address.
 */
export function createEmulatorHttpClient(ca: string, loopbackAddress: string): EmulatorHttpClient {
  const inner = createDefaultHttpClient();
  const agent = new Agent({ ca, keepAlive: true, lookup: loopbackLookup(loopbackAddress) });
  return {
    sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (request.agent === undefined) request.agent = agent;
      return inner.sendRequest(request);
    },
    destroy() {
      agent.destroy();
    },
  };
}
