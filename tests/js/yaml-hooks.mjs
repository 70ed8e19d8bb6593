// Node resolve hook: the editor's modules import the `yaml` package as the page serves it
// ("./yaml/index.js" beside them in /admin/); under Node that is the same package's browser build.
import { pathToFileURL } from "node:url";
import { resolve as resolvePath } from "node:path";

const PACKAGE = pathToFileURL(
  resolvePath(import.meta.dirname, "..", "..", "node_modules", "yaml", "browser", "dist", "index.js"),
).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "./yaml/index.js" && context.parentURL?.includes("/theme/admin/")) {
    return { url: PACKAGE, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
