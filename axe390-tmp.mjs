import { chromium } from "playwright-core";
import fs from "node:fs";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage({ viewport: { width: 390, height: 844 } });
const src = fs.readFileSync("node_modules/axe-core/axe.min.js", "utf8");
for (const path of process.argv.slice(2)) {
  await p.goto("http://127.0.0.1:3951" + path);
  const cdp = await p.context().newCDPSession(p);
  await cdp.send("Runtime.evaluate", { expression: src });
  const v = await p.evaluate(`axe.run(document, { runOnly: { type: "tag", values: ["wcag2a","wcag2aa","wcag21a","wcag21aa","wcag22aa"] } }).then(r => r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(" | ")))`);
  console.log(path, v);
}
await b.close();
