// Node module hooks to run TimelineJS3's own source (ES modules written for a bundler)
// outside a browser: extension-less relative imports resolve to .js files, and the two
// browser-only modules TimelineConfig pulls in (DOMPurify, Net) are stubbed.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const STUBS = {
  "stub:dompurify": "export default { addHook() {}, sanitize(text) { return text; } };",
  "stub:net": "export function fetchJSON() { throw new Error('no network'); }\n" +
              "export function ajax() {}",
};

export async function resolve(specifier, context, next) {
  if (specifier === "dompurify") return { url: "stub:dompurify", shortCircuit: true };
  if (specifier.endsWith("net/Net")) return { url: "stub:net", shortCircuit: true };
  if (specifier.startsWith(".") && context.parentURL?.startsWith("file:")) {
    const base = path.resolve(path.dirname(fileURLToPath(context.parentURL)), specifier);
    for (const candidate of [base, `${base}.js`, path.join(base, "index.js")]) {
      if (existsSync(candidate) && !statSync(candidate).isDirectory()) {
        return { url: pathToFileURL(candidate).href, shortCircuit: true };
      }
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url in STUBS) return { format: "module", shortCircuit: true, source: STUBS[url] };
  if (url.startsWith("file:") && url.endsWith(".js")) {
    return { ...(await next(url, { ...context, format: "module" })), format: "module" };
  }
  return next(url, context);
}
