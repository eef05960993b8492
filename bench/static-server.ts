/**
 * The benchmark's baseline: a minimal node:http server that sends one file,
 * as a static file server would (stat, then stream it, with its length and
 * type). Usage: node --import tsx bench/static-server.ts <file> <port>
 */
import fs from "node:fs";
import http from "node:http";

const [file, portArg] = process.argv.slice(2);
if (!file || !portArg) {
  console.error("Usage: static-server.ts <file> <port>");
  process.exit(2);
}

const server = http.createServer((req, res) => {
  fs.stat(file, (error, stat) => {
    if (error) {
      res.writeHead(500).end();
      return;
    }
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": stat.size,
      "Last-Modified": stat.mtime.toUTCString(),
      "Cache-Control": "public, max-age=0",
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg), "127.0.0.1", () => console.log(`static server on ${portArg}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
