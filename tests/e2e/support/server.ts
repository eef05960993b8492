/**
 * Starts the built portal as a newcomer's `npm start` would: `node app/serve.mjs`
 * (app/server.ts in production mode, with the production memory settings)
 * from the repository root, on a free port, with an embedded database of its own in a
 * fresh temporary directory: a copy of the one tests/e2e/run.mjs made by a first start on an
 * empty folder (E2E_SEEDED_PGLITE), else an empty one, so start-up migrates and imports content/.
 *
 * - DATABASE_URL from the caller's environment is dropped (browser tests run on the
 *   embedded default) unless E2E_DATABASE_URL is given, which is then used instead.
 * - NODE_ENV is left unset, as for `npm start`, so app/serve.mjs runs it in production
 *   mode (E2E_NODE_ENV sets another).
 * - SITE_URL is left unset (the site is http://localhost:PORT), unless `options.env` sets it.
 * - E2E_PORT picks the port; otherwise the system hands out a free one.
 * - The server runs in its own process group, killed as a whole when it stops
 *   (and when this process exits, however it exits).
 * - Its stderr is relayed as it comes, prefixed "[portal]"; E2E_VERBOSE=1 relays stdout too.
 *   If it fails to start, the error carries everything it printed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./free-port.mjs";
import { createAccount, createTestDatabase } from "./postgres-database";

export interface PortalServer {
  baseURL: string;
  /** Everything the server printed so far (stdout and stderr, interleaved). */
  output: () => string;
  stop: () => Promise<void>;
  /** Sends a signal to the server's process group (the launcher passes it on) without waiting. */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves with the launcher's exit code once it has exited. */
  exited: Promise<number | null>;
}

const READY_LINE = "Portal listening on";
const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 180_000);

export const repoRoot = path.resolve(import.meta.dirname, "..", "..", "..");


function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

export interface PortalOptions {
  /** Variables for this server only (undefined removes one), applied last. */
  env?: Record<string, string | undefined>;
  /**
   * The database under the portal: "embedded" (a fresh PGlite, as `npm start` makes) or
   * "postgres" (a fresh database of its own on the machine's PostgreSQL, E2E_POSTGRES_URL,
   * dropped when the portal stops, with the demo accounts made by `npm run user:create`).
   * Default: E2E_DATABASE, else "embedded". A DATABASE_URL in `env` wins over both.
   */
  database?: "embedded" | "postgres";
}

/** The demo accounts `npm start` makes on the embedded database, made on PostgreSQL with the documented command. */
const DEMO_USERS = [
  { role: "admin", email: "admin@demo.example", name: "Demo Administrator", password: "demo admin walnut harbour" },
  { role: "clerk", email: "clerk@demo.example", name: "Demo Clerk", password: "demo clerk lantern orchard" },
  { role: "member", email: "member@demo.example", name: "Demo Member", password: "demo member copper meadow", body: "scrutiny-board" },
  { role: "officer", email: "officer@demo.example", name: "Demo Officer", password: "demo officer willow beacon", organisation: "sandwell-childrens-trust" },
] as const;

export async function startPortal(options: PortalOptions = {}): Promise<PortalServer> {
  if (!fs.existsSync(path.join(repoRoot, "build", "index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` first (`npm run test:e2e` does).");
  }
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    PGLITE_DIR: path.join(tmp, "pglite"),
    CONTENT_IMPORT_ON_START: "true",
  };
  // A newcomer's `npm start` sets no NODE_ENV: app/serve.mjs makes it "production"
  // (demo accounts still on the embedded database, e-mails in the log, no SITE_URL).
  // vitest sets "test"; E2E_NODE_ENV chooses another.
  delete env.NODE_ENV;
  if (process.env.E2E_NODE_ENV) env.NODE_ENV = process.env.E2E_NODE_ENV;
  delete env.SITE_URL;
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  const onPostgres =
    (options.database ?? (process.env.E2E_DATABASE === "postgres" ? "postgres" : "embedded")) === "postgres" &&
    !(options.env && "DATABASE_URL" in options.env);
  const database = onPostgres ? await createTestDatabase("portal_e2e") : null;
  if (database) {
    env.DATABASE_URL = database.url;
    delete env.PGLITE_DIR;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  // The first start's database, copied: the start opens it, finds it migrated and content/ unchanged.
  const seeded = process.env.E2E_SEEDED_PGLITE;
  if (seeded && !env.DATABASE_URL && env.PGLITE_DIR === path.join(tmp, "pglite")) {
    fs.cpSync(seeded, env.PGLITE_DIR, { recursive: true });
  }
  delete env.E2E_SEEDED_PGLITE;
  // vitest's own variables mean nothing to the server.
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];

  // The launcher `npm start` uses: the server with the same Node flags and malloc setting.
  const child = spawn(process.execPath, ["app/serve.mjs"], {
    cwd: repoRoot,
    env: env as NodeJS.ProcessEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);

  let output = "";
  const verbose = process.env.E2E_VERBOSE === "1";
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    output += chunk;
    if (verbose) process.stdout.write(prefix(chunk));
  });
  child.stderr!.on("data", (chunk: string) => {
    output += chunk;
    process.stderr.write(prefix(chunk));
  });

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    killGroup(child, "SIGTERM");
    const killed = await Promise.race([
      exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 8_000).unref()),
    ]);
    if (!killed) {
      killGroup(child, "SIGKILL");
      await exited;
    }
    // tsx or PGlite may leave children behind in the group: make sure none survive.
    killGroup(child, "SIGKILL");
    process.removeListener("exit", onExit);
    fs.rmSync(tmp, { recursive: true, force: true });
    await database?.drop();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the portal did not log "${READY_LINE}" within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      const check = () => {
        if (output.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", check);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the portal exited during start-up (code ${code}, signal ${signal})`));
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    const baseURL = `http://127.0.0.1:${port}`;
    if (database) {
      await Promise.all(DEMO_USERS.map(({ password, ...account }) => createAccount(database.url, account, password)));
    }
    const response = await fetch(`${baseURL}/`);
    if (response.status >= 500) throw new Error(`the portal answered GET / with ${response.status}`);
    return { baseURL, output: () => output, stop, signal: (signal) => killGroup(child, signal), exited };
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start the portal: ${reason}.\n--- what it printed ---\n${output || "(nothing)"}`);
  }
}

function prefix(chunk: string) {
  return chunk
    .split("\n")
    .map((line, i, all) => (i === all.length - 1 && line === "" ? "" : `[portal] ${line}`))
    .join("\n");
}
