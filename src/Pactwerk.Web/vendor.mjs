// Copies the minified browser builds from node_modules into wwwroot/lib, where they are committed:
// the site serves them itself (CSP script-src 'self'), with no CDN and no build step at run time.
import { copyFileSync, mkdirSync } from "node:fs";

const files = [
  ["node_modules/echarts/dist/echarts.min.js", "wwwroot/lib/echarts/echarts.min.js"],
  ["node_modules/echarts/LICENSE", "wwwroot/lib/echarts/LICENSE"],
  ["node_modules/echarts/NOTICE", "wwwroot/lib/echarts/NOTICE"],
];
for (const [from, to] of files) {
  mkdirSync(to.substring(0, to.lastIndexOf("/")), { recursive: true });
  copyFileSync(from, to);
  console.log(`${from} -> ${to}`);
}
