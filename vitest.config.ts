import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.spec.ts", "samples/**/*.spec.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // nock is a process-global interceptor: keep every test file in its own worker.
    isolate: true,
    pool: "forks",
  },
});
