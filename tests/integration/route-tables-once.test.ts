/**
 * The route tables are made once, not on every request (patches/ for @remix-run/router,
 * @remix-run/react and react-router-dom; docs/decisions/056-route-tables-once.md). Without the
 * patches each page rendered rebuilt, flattened, ranked and compiled all the portal's routes
 * three times over. These fail when a patch is missing (a reinstall without patch-package, an
 * upgrade the patch no longer fits), and the pages still answer as before.
 */
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { send, startTestServer, type TestServer } from "../support/remix-app";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");
const reactRouterServer = require("react-router-dom/server") as typeof import("react-router-dom/server");
const remixRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: (...args: unknown[]) => unknown };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

/** A route table whose reads are counted: flattening and ranking it reads every route. */
function countedRoutes() {
  let reads = 0;
  const routes = [
    { id: "meetings", path: "meetings", children: [{ id: "meeting", path: ":slug" }] },
    { id: "questions", path: "questions/:id" },
  ];
  const counted = new Proxy(routes, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  return { routes: counted, reads: () => reads };
}

describe("route tables made once", () => {
  it("matches against a table flattened and ranked on its first match only", () => {
    const table = countedRoutes();
    const first = router.matchRoutes(table.routes, "/meetings/budget");
    const readsAfterFirst = table.reads();
    expect(readsAfterFirst).toBeGreaterThan(0);
    const second = router.matchRoutes(table.routes, "/questions/42");
    expect(table.reads()).toBe(readsAfterFirst);
    expect(first?.map((m) => m.route.id)).toEqual(["meetings", "meeting"]);
    expect(first?.at(-1)?.params).toEqual({ slug: "budget" });
    expect(second?.map((m) => [m.route.id, m.params])).toEqual([["questions", { id: "42" }]]);
    expect(router.matchRoutes(table.routes, "/nowhere")).toBeNull();
  });

  it("gives a static router the same data routes for the same table", () => {
    const routes = [{ id: "home", path: "/" }];
    const context = { location: { pathname: "/" }, matches: [], loaderData: {}, actionData: null, errors: null, statusCode: 200 };
    const one = reactRouterServer.createStaticRouter(routes, context as never);
    const two = reactRouterServer.createStaticRouter(routes, context as never);
    expect(two.routes).toBe(one.routes);
    expect(reactRouterServer.createStaticRouter([{ id: "home", path: "/" }], context as never).routes).not.toBe(one.routes);
  });

  it("renders page after page from the server routes it made for the build's first page", async () => {
    expect((await send(server, "/meetings")).status).toBe(200);
    const made = vi.spyOn(remixRoutes, "createServerRoutes");
    try {
      const pages = await Promise.all(["/meetings", "/questions", "/", "/search?q=budget"].map((path) => send(server, path)));
      expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200]);
      expect(await pages[0].text()).toContain("<h1");
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });
});
