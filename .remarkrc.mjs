// remark checks the front matter of outage files against schema/outage.schema.json, in the
// terminal (npx remark content/outages) and in VS Code with the "remark" extension
// (unifiedjs.vscode-remark). See "Editor schema" in README.md. `invoke check` stays the judge.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      { schemas: { "./schema/outage.schema.json": ["./content/outages/**/*.md"] } },
    ],
  ],
};
