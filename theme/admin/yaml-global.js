// The `yaml` package's ES modules, made available to the classic scripts of the editor.
import * as YAML from "./yaml/index.js";

window.YAML = YAML;
