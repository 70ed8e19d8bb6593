// `node --import ./tests/js/register.mjs`: the editor's modules find `yaml` (see yaml-hooks.mjs).
import { register } from "node:module";

register("./yaml-hooks.mjs", import.meta.url);
