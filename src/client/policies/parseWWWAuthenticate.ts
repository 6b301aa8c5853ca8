/** One challenge of a `WWW-Authenticate` header (RFC 7235 §4.1). */
export interface ParsedChallenge {
  /** The auth-scheme as sent, for example `Bearer`. */
  scheme: string;
  /** The auth-params by lower-cased name, values unquoted and unescaped. Null-prototype object. */
  params: Record<string, string>;
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
// token68 (RFC 7235 §2.1) stands alone after the scheme, e.g. `Basic dXNlcjpwYXNz`.
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*(?=[ \t]*(?:,|$))/y;

/** A small cursor over the header value. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.pos);
  }
  skipSpaces(): void {
    while (this.peek() === " " || this.peek() === "\t") this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && TCHAR.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** A quoted-string with `\` escapes; an unterminated one runs to the end of the value. */
  quoted(): string {
    let value = "";
    this.pos++; // opening quote
    while (!this.done) {
      const c = this.text.charAt(this.pos++);
      if (c === '"') return value;
      value += c === "\\" && !this.done ? this.text.charAt(this.pos++) : c;
    }
    return value;
  }
  /** An unquoted value. Lenient: anything up to whitespace or a comma, so bare URLs survive. */
  bare(): string {
    const start = this.pos;
    while (!this.done && !/[\s,"]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** Skips a malformed list element up to the next comma. */
  skipElement(): void {
    while (!this.done && this.peek() !== ",") {
      if (this.peek() === '"') this.quoted();
      else this.pos++;
    }
  }
}

/** Reads the auth-params of one challenge; stops before a token that starts the next challenge. */
function readParams(s: Scanner, params: Record<string, string>): void {
  while (true) {
    s.skipSpaces();
    if (s.done) return;
    if (s.peek() === ",") {
      s.pos++;
      continue;
    }
    const start = s.pos;
    const name = s.token();
    s.skipSpaces();
    if (!name || s.peek() !== "=") {
      if (name) {
        s.pos = start; // a new auth-scheme
        return;
      }
      s.skipElement();
      continue;
    }
    s.pos++;
    s.skipSpaces();
    const value = s.peek() === '"' ? s.quoted() : s.bare();
    const key = name.toLowerCase();
    // RFC 7235: a parameter occurs once per challenge; keep the first if a server repeats one.
    if (!(key in params)) params[key] = value;
  }
}

/** Splits a `WWW-Authenticate` value into its challenges, in order. */
export function parseChallenges(header: string): ParsedChallenge[] {
  const s = new Scanner(header);
  const challenges: ParsedChallenge[] = [];
  while (true) {
    while (s.peek() === "," || s.peek() === " " || s.peek() === "\t") s.pos++;
    if (s.done) return challenges;
    const scheme = s.token();
    if (!scheme) {
      s.skipElement();
      continue;
    }
    const params: Record<string, string> = Object.create(null) as Record<string, string>;
    challenges.push({ scheme, params });
    s.skipSpaces();
    TOKEN68.lastIndex = s.pos;
    if (TOKEN68.test(s.text)) s.pos = TOKEN68.lastIndex;
    readParams(s, params);
  }
}

/**
 * Parses a `WWW-Authenticate` header value per RFC 7235 and returns its first `Bearer` challenge.
 *
 * The scheme and parameter names are case-insensitive; values may be tokens or quoted-strings with spaces, commas and
 * `\` escapes (`authorization="not a url"` gives `not a url`, SPEC §7 item 8). Returns `undefined` when the header
 * holds no `Bearer` challenge.
 *
 * @param header - the raw header value
 */
export function parseWWWAuthenticate(header: string): ParsedChallenge | undefined {
  return parseChallenges(header).find((c) => c.scheme.toLowerCase() === "bearer");
}
