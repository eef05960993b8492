import { chromium } from "playwright-core";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: Number(process.argv[3] ?? 1280), height: 900 } });
await p.goto("http://127.0.0.1:3951/" + process.argv[2]);
if (process.argv[4] === "pdf") { await p.pdf({ path: "/tmp/pages-dev/out.pdf", format: "A4" }); }
else if (process.argv[4] === "print") { await p.emulateMedia({ media: "print" }); await p.screenshot({ path: "/tmp/pages-dev/shot.png", fullPage: true }); }
else await p.screenshot({ path: "/tmp/pages-dev/shot.png" });
await b.close();
