/**
 * The app as the browser meets it, for tests: Remix's route manifest read from
 * app/routes with the flat-routes convention (the same call the compiler makes,
 * with remix.config.js's ignoredRouteFiles), the route modules loaded from
 * source, and the Express app of app/server/app.ts (security headers, CSRF check)
 * listening on a random port. No `npm run build` needed.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const APP_DIR = path.join(ROOT, "app");

export interface ManifestRoute {
  id: string;
  file: string;
  path?: string;
  index?: boolean;
  parentId?: string;
}

/** Every route of the app, as Remix sees it (root excluded). */
export async function routeManifest(): Promise<ManifestRoute[]> {
  const config = (await import(path.join(ROOT, "remix.config.js"))).default as { ignoredRouteFiles?: string[] };
  const routes = flatRoutes(APP_DIR, config.ignoredRouteFiles ?? []);
  return Object.values(routes).map((r) => ({
    id: r.id,
    file: r.file,
    path: r.path,
    index: r.index,
    parentId: r.parentId,
  }));
}

/** The full URL path of a route, with `:params` and `*` left in. */
export function fullPath(route: ManifestRoute, all: ManifestRoute[]): string {
  const parts: string[] = [];
  let current: ManifestRoute | undefined = route;
  while (current) {
    if (current.path) parts.unshift(current.path);
    current = all.find((r) => r.id === current!.parentId);
  }
  return `/${parts.join("/")}`;
}

export async function sourceBuild(): Promise<ServerBuild> {
  const manifest = [{ id: "root", file: "root.tsx", path: "" } as ManifestRoute, ...(await routeManifest())];
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const r of manifest) {
    const module = await import(path.join(APP_DIR, r.file));
    const common = { id: r.id, parentId: r.parentId, path: r.path, index: r.index, caseSensitive: undefined };
    routes[r.id] = { ...common, module } as ServerBuild["routes"][string];
    assetRoutes[r.id] = {
      ...common,
      module: `/build/${r.id}.js`,
      imports: [],
      hasAction: typeof module.action === "function",
      hasLoader: typeof module.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
    } as ServerBuild["assets"]["routes"][string];
  }
  const entry = await import(path.join(APP_DIR, "entry.server.tsx"));
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: {
      entry: { module: "/build/entry.client.js", imports: [] },
      routes: assetRoutes,
      url: "/build/manifest-test.js",
      version: "test",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: false,
      v3_lazyRouteDiscovery: false,
    },
    isSpaMode: false,
  } as ServerBuild;
}

export interface TestServer {
  origin: string;
  host: string;
  close: () => Promise<void>;
}

/** app/server/app.ts's Express app around the source build, on a random port. */
export async function startTestServer(options: import("~/server/app").AppOptions = {}): Promise<TestServer> {
  const { createApp } = await import("~/server/app");
  const app = createApp(await sourceBuild(), options);
  const server = await new Promise<import("node:http").Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SendOptions {
  method?: string;
  cookie?: string | null;
  /** Origin header: the server's own by default for non-GET requests; null for none. */
  origin?: string | null;
  referer?: string;
  form?: Record<string, string> | [string, string][];
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One request, redirects not followed. */
export async function send(server: TestServer, path: string, options: SendOptions = {}): Promise<Response> {
  const method = options.method ?? (options.form || options.body !== undefined ? "POST" : "GET");
  // Uncompressed unless a test asks: gzip on both ends was a twentieth of the longest files' CPU,
  // and no test but the one that asks for it reads the encoding.
  const headers: Record<string, string> = { "accept-encoding": "identity", ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const origin = options.origin === undefined ? (method === "GET" ? undefined : server.origin) : options.origin;
  if (origin) headers.origin = origin;
  if (options.referer) headers.referer = options.referer;
  let body: string | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form as [string, string][]).toString();
  }
  if (body !== undefined) headers["content-type"] = options.contentType ?? "application/x-www-form-urlencoded";
  return fetch(`${server.origin}${path}`, { method, headers, body, redirect: "manual" });
}

/** The `name=value` of a Set-Cookie header, for sending back. */
export function cookieFrom(response: Response, name?: string): string | null {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";")[0];
    if (!name || pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}

/** A page's HTML as its text reads: React's text separators out, quote marks decoded. */
export async function pageHtml(response: Response): Promise<string> {
  return (await response.text()).replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}
