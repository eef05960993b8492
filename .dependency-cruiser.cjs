/**
 * The layers of the portal and the rules between them (docs/architecture.md,
 * docs/decisions/018-one-folder-per-domain.md). `npm run lint:deps` checks them; CI runs it.
 *
 *   server, content, db/commands  (entry points: the HTTP server, the content import, commands)
 *   routes  ->  handlers  ->  components  ->  models/<domain>  ->  rules  ->  db
 *                                              auth, utils (below models: they import no model)
 */
const MODELS = "^app/models/";
const BELOW_MODELS = ["^app/rules/", "^app/auth/", "^app/utils/", "^app/db\\.server\\.ts$", "^app/env\\.server\\.ts$", "^db/schema"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules that import each other cannot be read, tested or moved one at a time.",
      from: {},
      // A cycle made only of type imports costs nothing at run time; any other is refused.
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "models-point-down",
      severity: "error",
      comment: "Models use rules, auth, utils and the database; never routes, handlers, components or entry points.",
      from: { path: MODELS },
      to: { path: ["^app/routes/", "^app/handlers/", "^app/components/", "^app/server/", "^app/content/", "^app/root\\.tsx$", "^app/entry\\."] },
    },
    {
      name: "below-models-import-no-model",
      severity: "error",
      comment: "Rules, auth and utils sit below the models: they import no model and nothing above.",
      from: { path: BELOW_MODELS, pathNot: "\\.test\\.tsx?$" },
      to: { path: [MODELS, "^app/routes/", "^app/handlers/", "^app/components/", "^app/server/", "^app/content/"] },
    },
    {
      name: "components-point-down",
      severity: "error",
      comment: "Components render what they are given: no routes, handlers or entry points.",
      from: { path: "^app/components/" },
      to: { path: ["^app/routes/", "^app/handlers/", "^app/server/", "^app/content/"] },
    },
    {
      name: "handlers-point-down",
      severity: "error",
      from: { path: "^app/handlers/" },
      to: { path: ["^app/routes/", "^app/server/", "^app/content/"] },
    },
    {
      name: "no-route-imports-a-route",
      severity: "error",
      comment: "What two routes share lives in a handler or a component.",
      from: { path: "^app/routes/" },
      to: { path: "^app/routes/", pathNot: "^app/routes/([^/]+)/" },
    },
    {
      name: "routes-do-no-sql",
      severity: "error",
      comment: "A route calls model functions; it never builds a query or touches the tables.",
      from: { path: ["^app/routes/", "^app/handlers/", "^app/components/"] },
      to: { path: ["^db/", "^app/db\\.server\\.ts$", "(^|/)drizzle-orm(/|$)", "^postgres$", "@electric-sql/pglite"] },
    },
    {
      name: "another-domain-through-its-index",
      severity: "error",
      comment:
        "One domain reaches another's records only through that domain's index (its exported functions) or its refs (what it lets other queries join: ADR 025).",
      from: { path: "^app/models/([^/]+)/" },
      to: { path: "^app/models/([^/]+)/", pathNot: ["^app/models/$1/", "^app/models/[^/]+/(index|refs\\.server)\\.ts$"] },
    },
    {
      name: "a-domain-owns-its-tables",
      severity: "error",
      comment:
        "A domain's models import only their own tables (db/schema/<domain>.ts); another domain's records are read through the refs and functions its index exports (ADR 025).",
      from: { path: "^app/models/([^/]+)/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^db/schema/", pathNot: ["^db/schema/$1\\.ts$", "^db/schema/columns\\.ts$"] },
    },
    {
      name: "outside-models-through-the-index",
      severity: "error",
      comment: "Routes, handlers, entry points and commands use a domain through its index.",
      from: { pathNot: ["^app/models/", "\\.test\\.tsx?$", "^tests/"] },
      to: { path: "^app/models/[^/]+/", pathNot: "^app/models/[^/]+/index\\.ts$" },
    },
    {
      name: "not-to-tests",
      severity: "error",
      from: { pathNot: ["^tests/", "\\.test\\.tsx?$", "^bench/"] },
      to: { path: ["^tests/", "\\.test\\.tsx?$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^build/", "^public/build/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
