/**
 * A TCP proxy between the portal and PostgreSQL that a test can cut and restore,
 * so an outage is made without stopping the machine's shared database server
 * (docs/decisions/026-faults-draining-several-servers.md).
 *
 * - "open": every connection is passed through to PostgreSQL;
 * - "refuse": the database is down or restarting: open connections are reset and
 *   new ones are reset as soon as they arrive (as a stopped server's port does);
 * - "blackhole": the database is unreachable: open connections are reset, new ones
 *   are accepted and then never answered (a dropped network route).
 */
import net from "node:net";

export type ProxyMode = "open" | "refuse" | "blackhole";

export interface DatabaseProxy {
  port: number;
  /** The database URL through the proxy for a database on the target server. */
  url: (database: string) => string;
  /** Cuts every open connection and handles new ones as `mode` says. */
  cut: (mode?: Exclude<ProxyMode, "open">) => void;
  /** Passes new connections through again. */
  restore: () => void;
  /** How many connections were passed through to PostgreSQL so far. */
  passed: () => number;
  close: () => Promise<void>;
}

export async function startDatabaseProxy(target = { host: "127.0.0.1", port: 5432, user: "postgres" }): Promise<DatabaseProxy> {
  let mode: ProxyMode = "open";
  let passed = 0;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === "refuse") return void client.resetAndDestroy();
    if (mode === "blackhole") return; // held open, never answered
    passed += 1;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
  return {
    port,
    url: (database) => `postgres://${target.user}@127.0.0.1:${port}/${database}`,
    cut: (next = "refuse") => {
      mode = next;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore: () => {
      // Connections a blackhole holds stay held: the driver gives up on them by its own time limit.
      mode = "open";
    },
    passed: () => passed,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
