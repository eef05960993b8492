/**
 * The production server: Express in front of the Remix build.
 * `npm start` builds, then runs this with tsx. It holds no state of its own
 * (sessions, throttling, outbox and jobs live in the database), so several
 * copies can run behind a load balancer (README, "Several app servers").
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { settleAfterResponse } from "./server/after-response";
import { createApp } from "./server/app";
import { PageCache } from "./server/page-cache";
import { describeError } from "./utils/error-log";

const buildPath = path.resolve(process.cwd(), "build", "index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: {
    module: {
      startup: () => Promise<void>;
      subscribeToChanges: (onChange: () => void) => Promise<() => Promise<void>>;
    };
  };
};

try {
  await build.entry.module.startup();
} catch (error) {
  console.error(describeError(error));
  process.exit(1);
}

// Rendered public pages are cached per server and dropped whenever any server
// commits a change (LISTEN portal_change). Without the notification channel the
// server runs uncached rather than risk serving stale pages.
let pageCache: PageCache | undefined;
if (process.env.PAGE_CACHE !== "false") {
  try {
    const cache = new PageCache();
    await build.entry.module.subscribeToChanges(() => cache.clear());
    pageCache = cache;
  } catch (error) {
    console.warn(`Page cache off: could not listen for changes (${describeError(error)}).`);
  }
}

const port = Number(process.env.PORT ?? 3000);
const app = createApp(build, { pageCache });
const server = app.listen(port, () => {
  console.log(`Portal listening on http://localhost:${port}`);
});

const shutdown = () => {
  // Finish work begun after a response (a password reset e-mail) before leaving.
  server.close(() => void settleAfterResponse().finally(() => process.exit(0)));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
