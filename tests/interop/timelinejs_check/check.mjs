// Load TimelineJS JSON files with TimelineJS3's own TimelineConfig, as the browser does:
// every event must be kept, dated, and keep its unique_id. Not part of the test suite (it
// needs Node and TimelineJS's source); run by hand or in CI:
//
//   npm pack @knight-lab/timelinejs@3.9.11 && tar xzf knight-lab-timelinejs-3.9.11.tgz
//   newstui export FILE --format timelinejs -o out.json
//   TIMELINEJS_SRC=$PWD/package/src node --no-warnings --loader ./loader.mjs check.mjs out.json
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// TimelineConfig strips markup from display dates with DOMParser; text content is enough.
globalThis.DOMParser = class {
  parseFromString(text) { return { body: { textContent: text.replace(/<[^>]*>/g, "") } }; }
};
const source = process.env.TIMELINEJS_SRC;
if (!source) { console.error("set TIMELINEJS_SRC to TimelineJS3's src directory"); process.exit(2); }
const configModule = pathToFileURL(path.join(source, "js/core/TimelineConfig.js")).href;
const { TimelineConfig } = await import(configModule);

let failed = 0;
for (const file of process.argv.slice(2)) {
  const data = JSON.parse(readFileSync(file, "utf8"));
  const ids = data.events.map((event) => event.unique_id);
  const config = new TimelineConfig(data);
  config.validate();
  const kept = new Set(config.events.map((event) => event.unique_id));
  const renamed = ids.filter((id) => id && !kept.has(id));
  const undated = config.events.filter((e) => !e.start_date || isNaN(e.start_date.getTime()));
  const errors = config.getErrors().map(String);
  const ok = config.isValid() && config.events.length === data.events.length &&
    !renamed.length && !undated.length;
  if (!ok) failed += 1;
  console.log(`${ok ? "ok  " : "FAIL"} ${file}: ${config.events.length}/${data.events.length} ` +
    `events; errors: ${JSON.stringify(errors)}; renamed ids: ${JSON.stringify(renamed)}`);
}
process.exit(failed ? 1 : 0);
