// Build Heard's static files into build/static/heard/ (run from anywhere: `node frontend/build.mjs`).
//
//   heard.css                the compiled, compressed stylesheet (frontend/heard.scss + GOV.UK Frontend)
//   heard.js                 starts GOV.UK Frontend's components (frontend/heard.js)
//   govuk-frontend.min.js    GOV.UK Frontend's ES module, and its source map
//   favicon.svg              Heard's mark
//   assets/images/, assets/manifest.json   GOV.UK Frontend's images (no fonts: Heard uses Arial)
//
// Django's settings add build/static to STATICFILES_DIRS; `heard collectstatic` then fingerprints them.
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "frontend");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const target = join(root, "build", "static", "heard");

if (!existsSync(govuk)) {
  console.error("GOV.UK Frontend is not installed: run `npm ci` first.");
  process.exit(1);
}

// Build into a fresh directory next to the target, then swap it in, so a half-built tree is never served.
const staging = `${target}.tmp-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(join(staging, "assets"), { recursive: true });

const { css } = sass.compile(join(source, "heard.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
});

const forbidden = [/GDS Transport/i, /\/fonts\//, /\.woff2?\b/];
const found = forbidden.filter((pattern) => pattern.test(css));
if (found.length > 0) {
  console.error(`heard.css must not reference GOV.UK fonts, but matches ${found.join(", ")}`);
  rmSync(staging, { recursive: true, force: true });
  process.exit(1);
}
writeFileSync(join(staging, "heard.css"), css);

cpSync(join(source, "heard.js"), join(staging, "heard.js"));
cpSync(join(source, "favicon.svg"), join(staging, "favicon.svg"));
// The source map comes along because the module names it: Django's manifest storage follows that reference.
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(govuk, name), join(staging, name));
}
cpSync(join(govuk, "assets", "images"), join(staging, "assets", "images"), { recursive: true });
if (existsSync(join(govuk, "assets", "manifest.json"))) {
  cpSync(join(govuk, "assets", "manifest.json"), join(staging, "assets", "manifest.json"));
}

rmSync(target, { recursive: true, force: true });
renameSync(staging, target);
console.log(`Built ${target} (heard.css ${Math.round(css.length / 1024)} KiB)`);
