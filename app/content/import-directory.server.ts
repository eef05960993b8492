/** Import steps for the directory: organisations, bodies, people and priorities (import.server.ts). */
import { bodies, organisations, people, priorities } from "../../db/schema";
import type { ContentBundle, Entry } from "./bundle.server";
import type { ContentEntityType } from "./ids.server";
import { type AnyTable, type ImportStep, type Row, orgId } from "./importer.server";

/** Organisations, bodies, people and priorities: one record per file, unique by its slug. */
export async function importDirectory(step: ImportStep, bundle: ContentBundle) {
  const { importer, run } = step;
  /** One record per file, unique by its slug (the file's key). */
  const importBySlug = async <D>(
    entries: Entry<D>[],
    table: AnyTable,
    entityType: ContentEntityType,
    values: (e: Entry<D>) => Row,
  ) => {
    for (const e of entries) {
      await run(e, async () => [
        await importer.upsert({
          file: e.path,
          table,
          entityType,
          id: e.id,
          unique: { slug: e.key },
          values: { slug: e.key, ...values(e) },
        }),
      ]);
    }
  };

  await importBySlug(bundle.organisations, organisations, "organisation", (e) => ({
    name: e.data.name,
    kind: e.data.kind,
    description: e.markdown,
  }));
  await importBySlug(bundle.bodies, bodies, "body", (e) => ({
    name: e.data.name,
    kind: e.data.kind,
    description: e.markdown,
    organisationId: orgId(e.data.organisation),
    sourceNote: e.data.sourceNote ?? null,
    ...(e.data.responseWorkingDays !== undefined ? { responseWorkingDays: e.data.responseWorkingDays } : {}),
  }));
  await importBySlug(bundle.people, people, "person", (e) => ({
    name: e.data.name,
    honorific: e.data.honorific ?? null,
    jobTitle: e.data.jobTitle ?? null,
    organisationId: orgId(e.data.organisation),
    sourceNote: e.data.sourceNote ?? null,
  }));
  await importBySlug(bundle.priorities, priorities, "priority", (e) => ({
    title: e.data.title,
    description: e.markdown,
    organisationId: orgId(e.data.organisation),
    owner: e.data.owner ?? null,
    position: e.data.position,
    sourceNote: e.data.sourceNote ?? null,
  }));
}
