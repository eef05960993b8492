/**
 * A free port on this machine, handed out by the system. Plain JavaScript so that
 * tests/e2e/run.mjs (run by node without a compiler) and support/server.ts share it.
 */
import net from "node:net";

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
