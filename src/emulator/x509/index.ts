// The X.509 library the emulator bundles. `tsup.config.ts` builds this file on its own as one minified
// `dist/emulator/x509.cjs` (with `@peculiar/x509` and `reflect-metadata` inside) and makes the emulator's ESM and CJS
// builds load that one file, so the package ships a single copy. Only `tls.ts` imports it, lazily, with `import()`:
// loading it installs the global `Reflect` metadata polyfill, which importing the emulator must not do.
//
// Import order matters: @peculiar/x509 resolves algorithms through tsyringe, which needs the Reflect metadata API
// when it loads.
import "reflect-metadata";
import { cryptoProvider } from "@peculiar/x509";

export {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509Certificate,
  X509CertificateGenerator,
} from "@peculiar/x509";

// Node's Web Crypto, for every operation of this copy of the library.
cryptoProvider.set(globalThis.crypto);
