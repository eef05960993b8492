/**
 * The production server: Express in front of the Remix build.
 * `npm start` builds, then runs this with tsx in production mode (app/serve.mjs). It holds no state of its own
 * (sessions, throttling, outbox and jobs live in the database), so several
 * copies can run behind a load balancer (README, "Several app servers").
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { settleAfterResponse } from "./server/after-response";
import { createApp } from "./server/app";
import { PageCache, parseChange } from "./server/page-cache";
import { siteAddress } from "./utils/site-url.server";
import { describeError } from "./utils/error-log";
import { surviveDatabaseRejections } from "./server/database-rejections";

// No database fault ends the process, not even one outside a request (app/server/database-rejections.ts).
surviveDatabaseRejections();

const buildPath = path.resolve(process.cwd(), "build", "index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: {
    module: {
      startup: () => Promise<void>;
      subscribeToChanges: (onChange: (payload: string) => void) => Promise<() => Promise<void>>;
      stopJobs?: () => Promise<void>;
      closeDatabase?: () => Promise<void>;
    };
  };
};

try {
  await build.entry.module.startup();
} catch (error) {
  console.error(describeError(error));
  process.exit(1);
}

// Rendered public pages are cached per server; when any server commits a change
// (LISTEN portal_change), each drops the pages that change touches, or all of
// them when it cannot tell (docs/decisions/016-page-cache-per-record.md). Without
// the notification channel the server runs uncached rather than risk stale pages.
let pageCache: PageCache | undefined;
let stopListening: (() => Promise<void>) | undefined;
if (process.env.PAGE_CACHE !== "false") {
  try {
    const cache = new PageCache();
    // While the listening connection is lost, and again when it is back, the payload is empty: everything is dropped.
    stopListening = await build.entry.module.subscribeToChanges((payload) => cache.invalidate(parseChange(payload)));
    pageCache = cache;
  } catch (error) {
    console.warn(`Page cache off: could not listen for changes (${describeError(error)}).`);
  }
}

const port = Number(process.env.PORT ?? 3000);
let stopping = false;
const app = createApp(build, { pageCache, stopping: () => stopping });
const site = siteAddress();
const server = app.listen(port, () => {
  // One line: where it listens, and which address links in e-mails and feeds use.
  console.log(
    site.configured
      ? `Portal listening on port ${port} for ${site.origin} (SITE_URL; requests for any other host get 421).`
      : `Portal listening on ${site.origin}: links in e-mails and feeds use this address; set SITE_URL to the public address when deploying.`,
  );
});

// A connection kept alive by a client is closed as soon as its answer is sent once the server is stopping.
server.on("request", (_req, res: import("node:http").ServerResponse) => {
  res.once("finish", () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
});

/**
 * SIGTERM (a deploy, a scale-in) or SIGINT: take no new connections, answer /readyz
 * 503, let the requests in flight finish, then the work begun after a response (a
 * password reset e-mail) and the periodic job in progress (follower e-mails), and
 * close the database (the embedded one's process ends), and leave with 0. What has not finished within SHUTDOWN_GRACE_MS is abandoned: exit 1.
 */
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  const grace = Number(process.env.SHUTDOWN_GRACE_MS ?? 20_000);
  console.log(`${signal}: finishing the requests in flight and jobs in progress (at most ${grace / 1000} s), then stopping.`);
  setTimeout(() => {
    console.error(`Stopped after ${grace / 1000} s with work unfinished.`);
    process.exit(1);
  }, grace).unref();
  server.close(() => {
    void Promise.all([settleAfterResponse(), build.entry.module.stopJobs?.()])
      .then(() => stopListening?.())
      // The embedded database's process closes the database and ends (docs/decisions/049-the-embedded-database-in-a-process-of-its-own.md).
      .then(() => build.entry.module.closeDatabase?.())
      .catch((error: unknown) => console.error(describeError(error)))
      .finally(() => {
        console.log("Stopped: every request and job finished.");
        process.exit(0);
      });
  });
  server.closeIdleConnections();
};
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
