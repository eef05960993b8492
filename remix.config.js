/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Single fetch and lazy route discovery stay off for now: see
    // docs/decisions/001-stack.md.
    v3_singleFetch: false,
    v3_lazyRouteDiscovery: false,
  },
};
