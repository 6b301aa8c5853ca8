import { LIMITS } from "./constants.js";
import { kvErrors } from "./kvError.js";
import type { RequestAttributes, SecretSetParameters, SecretUpdateParameters } from "./wireTypes.js";

const NAME = /^[0-9a-zA-Z-]{1,127}$/;

/** Decodes and checks a secret name from the URL (SPEC §2.4). */
export function parseSecretName(raw: string): string {
  let name = raw;
  if (raw.includes("%")) {
    try {
      name = decodeURIComponent(raw);
    } catch {
      throw kvErrors.invalidName(raw);
    }
  }
  if (!NAME.test(name)) throw kvErrors.invalidName(name);
  return name;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkTags(tags: unknown): Record<string, string> | undefined {
  if (tags === undefined || tags === null) return undefined;
  if (!isObject(tags)) throw kvErrors.badParameter("Property 'tags' must be an object of strings.");
  const entries = Object.entries(tags);
  if (entries.length > LIMITS.tagCount)
    throw kvErrors.badParameter(`A secret can have at most ${LIMITS.tagCount} tags.`);
  for (const [k, v] of entries) {
    if (typeof v !== "string") throw kvErrors.badParameter(`Tag '${k}' must have a string value.`);
    if (k.length > LIMITS.tagLength || v.length > LIMITS.tagLength) {
      throw kvErrors.badParameter(`Tag names and values can be at most ${LIMITS.tagLength} characters.`);
    }
  }
  return { ...(tags as Record<string, string>) };
}

function checkContentType(ct: unknown): string | undefined {
  if (ct === undefined || ct === null) return undefined;
  if (typeof ct !== "string") throw kvErrors.badParameter("Property 'contentType' must be a string.");
  if (ct.length > LIMITS.contentTypeLength)
    throw kvErrors.badParameter(`Property 'contentType' can be at most ${LIMITS.contentTypeLength} characters.`);
  return ct;
}

function checkDate(v: unknown, what: string): number | null | undefined {
  if (v === undefined || v === null) return v;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw kvErrors.badParameter(`Property 'attributes.${what}' must be unix seconds.`);
  return Math.floor(v);
}

function checkAttributes(a: unknown): RequestAttributes | undefined {
  if (a === undefined || a === null) return undefined;
  if (!isObject(a)) throw kvErrors.badParameter("Property 'attributes' must be an object.");
  const out: RequestAttributes = {};
  if (a.enabled !== undefined && a.enabled !== null) {
    if (typeof a.enabled !== "boolean") throw kvErrors.badParameter("Property 'attributes.enabled' must be a boolean.");
    out.enabled = a.enabled;
  }
  const nbf = checkDate(a.nbf, "nbf");
  if (nbf !== undefined) out.nbf = nbf;
  const exp = checkDate(a.exp, "exp");
  if (exp !== undefined) out.exp = exp;
  return out;
}

function withOptional(target: SecretUpdateParameters, body: Record<string, unknown>): SecretUpdateParameters {
  const contentType = checkContentType(body.contentType);
  if (contentType !== undefined) target.contentType = contentType;
  const tags = checkTags(body.tags);
  if (tags !== undefined) target.tags = tags;
  const attributes = checkAttributes(body.attributes);
  if (attributes !== undefined) target.attributes = attributes;
  return target;
}

/** Checks a SecretSetParameters body. */
export function parseSetBody(body: unknown): SecretSetParameters {
  if (!isObject(body)) throw kvErrors.badParameter("The request body must be a JSON object with a 'value'.");
  if (typeof body.value !== "string") throw kvErrors.badParameter("Property 'value' is required and must be a string.");
  if (Buffer.byteLength(body.value, "utf8") > LIMITS.valueBytes)
    throw kvErrors.badParameter("Secret value exceeds the maximum size of 25k bytes.");
  return withOptional({ value: body.value } as SecretSetParameters, body) as SecretSetParameters;
}

/** Checks a SecretUpdateParameters body; an empty body changes nothing but `updated`. */
export function parseUpdateBody(body: unknown): SecretUpdateParameters {
  if (body === undefined) return {};
  if (!isObject(body)) throw kvErrors.badParameter("The request body must be a JSON object.");
  return withOptional({}, body);
}

/** Checks a SecretRestoreParameters body and returns the blob text. */
export function parseRestoreBody(body: unknown): string {
  if (!isObject(body) || typeof body.value !== "string" || body.value === "") {
    throw kvErrors.badParameter("Property 'value' is required and must be a base64url string.");
  }
  return body.value;
}
