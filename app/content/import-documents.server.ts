/** Import steps for documents and inspections with their recommendations (import.server.ts). */
import { eq } from "drizzle-orm";
import { documentPriorities, documents, inspections, recommendationPriorities, recommendations } from "../../db/schema";
import type { ContentBundle } from "./bundle.server";
import { contentId } from "./ids.server";
import { type ImportStep, orgId } from "./importer.server";

/**
 * Documents and their priority links. Returns the agenda items documents were
 * presented at, set by setPresentedAt once the items are written.
 */
export async function importDocuments(
  step: ImportStep,
  bundle: ContentBundle,
): Promise<{ id: string; itemId: string | null }[]> {
  const { tx, importer, run, replaceLinks } = step;
  const presentedAt: { id: string; itemId: string | null }[] = [];
  for (const e of bundle.documents) {
    await run(e, async () => {
      const existing = await importer.find(documents, e.id);
      const priorityIds = e.data.priorities.map((p) => contentId("priority", p)).sort();
      const presentedAtItemId = e.data.presentedAt ? contentId("agenda_item", e.data.presentedAt) : null;
      const linked = (
        await tx.select({ id: documentPriorities.priorityId }).from(documentPriorities).where(eq(documentPriorities.documentId, e.id))
      )
        .map((l) => l.id)
        .sort();
      const extra = {
        before: { priorityIds: linked, presentedAtItemId: (existing?.presentedAtItemId as string | null) ?? null },
        after: { priorityIds, presentedAtItemId },
      };
      const published = e.data.publishedAt;
      // `publishedAt: true` keeps the time the document was first published here.
      const publishedAt =
        published === true ? ((existing?.publishedAt as Date | null) ?? importer.now) : published ? published : null;
      return [
        await importer.upsert(
          {
            file: e.path,
            table: documents,
            entityType: "document",
            id: e.id,
            unique: { slug: e.key },
            versioned: true,
            values: {
              slug: e.key,
              kind: e.data.kind,
              title: e.data.title,
              summary: e.data.summary ?? "",
              body: e.markdown,
              organisationId: orgId(e.data.organisation),
              documentDate: e.data.documentDate ?? null,
              datePrecision: e.data.datePrecision,
              dateNote: e.data.dateNote ?? null,
              source: e.data.source ?? null,
              sourceNote: e.data.sourceNote ?? null,
              publishedAt,
              // `true`: public, but no source says when it was published.
              publishedPrecision: published === true ? "unknown" : "exact",
              reviewYear: e.data.reviewYear ?? null,
              reviewPeriod: e.data.reviewPeriod ?? null,
            },
            extra,
          },
          existing ?? null,
        ).then(async (changed) => {
          if (changed) {
            // The document's priority links are replaced by the file's.
            await replaceLinks(documentPriorities, "documentId", e.id, priorityIds.map((priorityId) => ({ priorityId })));
            presentedAt.push({ id: e.id, itemId: presentedAtItemId });
          }
          return changed;
        }),
      ];
    });
  }
  return presentedAt;
}

/** Points documents at the agenda item they were presented at (written after the items). */
export async function setPresentedAt(step: ImportStep, presentedAt: { id: string; itemId: string | null }[]) {
  const { tx } = step;
  for (const p of presentedAt) {
    await tx.update(documents).set({ presentedAtItemId: p.itemId }).where(eq(documents.id, p.id));
  }
}

/** Inspections and their recommendations (a recommendation the file no longer lists stays, and is logged). */
export async function importInspections(step: ImportStep, bundle: ContentBundle) {
  const { tx, importer, log, run } = step;
  for (const e of bundle.inspections) {
    await run(e, async () => {
      const results = [
        await importer.upsert({
          file: e.path,
          table: inspections,
          entityType: "inspection",
          id: e.id,
          unique: { slug: e.key },
          values: {
            slug: e.key,
            title: e.data.title,
            kind: e.data.kind,
            organisationId: orgId(e.data.organisation),
            inspectorateId: orgId(e.data.inspectorate),
            visitStartOn: e.data.visitStartOn ?? null,
            visitEndOn: e.data.visitEndOn ?? null,
            publishedOn: e.data.publishedOn ?? null,
            datePrecision: e.data.datePrecision,
            dateNote: e.data.dateNote ?? null,
            overallJudgement: e.data.overallJudgement ?? null,
            areaJudgements: e.data.areaJudgements,
            summary: e.markdown,
            documentId: e.data.document ? contentId("document", e.data.document) : null,
            sourceNote: e.data.sourceNote ?? null,
            recommendationsMade: e.data.recommendationsMade ?? null,
          },
        }),
      ];
      const listed = new Set<string>();
      for (const [index, r] of e.data.recommendations.entries()) {
        const id = contentId("recommendation", `${e.key}/${r.reference}`);
        listed.add(id);
        // The file's priority links are added; links a clerk made in the app are kept.
        const priorityIds = r.priorities.map((p) => contentId("priority", p)).sort();
        const linked = (
          await tx.select({ id: recommendationPriorities.priorityId }).from(recommendationPriorities).where(eq(recommendationPriorities.recommendationId, id))
        )
          .map((l) => l.id)
          .sort();
        const changed = await importer.upsert({
          file: e.path,
          table: recommendations,
          entityType: "recommendation",
          id,
          unique: { inspectionId: e.id, reference: r.reference },
          values: { inspectionId: e.id, reference: r.reference, kind: r.kind, text: r.text, position: index + 1 },
          extra: { before: { priorityIds: linked.filter((p) => priorityIds.includes(p)) }, after: { priorityIds } },
        });
        const missing = priorityIds.filter((p) => !linked.includes(p));
        if (missing.length > 0) {
          await tx.insert(recommendationPriorities).values(missing.map((priorityId) => ({ recommendationId: id, priorityId }))).onConflictDoNothing();
        }
        results.push(changed);
      }
      const others = await tx
        .select({ reference: recommendations.reference, id: recommendations.id })
        .from(recommendations)
        .where(eq(recommendations.inspectionId, e.id));
      for (const o of others) {
        if (!listed.has(o.id)) {
          log(`Content: ${e.path} no longer lists recommendation ${o.reference}; it stays in the database.`);
        }
      }
      return results;
    });
  }
}
