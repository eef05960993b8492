/** Import steps for questions and their responses (import.server.ts). */
import { eq } from "drizzle-orm";
import { questionPriorities, questions, responses } from "../../db/schema";
import { isoDay } from "../rules/dates.server";
import type { ContentBundle } from "./bundle.server";
import { contentId } from "./ids.server";
import { type ImportStep, orgId, personId } from "./importer.server";

/** Questions and their responses (defaults from their meeting file). */
export async function importQuestions(step: ImportStep, bundle: ContentBundle) {
  const { tx, importer, run, meetingOf } = step;
  for (const e of bundle.questions) {
    await run(e, async () => {
      const meeting = meetingOf(e.meetingSlug);
      const q = e.data;
      const atMeeting = q.raisedAtMeeting;
      const existing = await importer.find(questions, e.id);
      const priorityIds = q.priorities.map((p) => contentId("priority", p)).sort();
      const linked = (await tx.select({ id: questionPriorities.priorityId }).from(questionPriorities).where(eq(questionPriorities.questionId, e.id))).map((l) => l.id);
      const results = [
        await importer.upsert(
          {
            file: e.path,
            table: questions,
            entityType: "question",
            id: e.id,
            values: {
              agendaItemId: contentId("agenda_item", e.itemKey),
              askedById: personId(q.askedBy),
              addressedToId: contentId("organisation", q.addressedTo),
              text: q.text,
              isSummarised: q.isSummarised,
              raisedAtMeeting: atMeeting,
              position: e.position,
              tabledOn: q.tabledOn ?? isoDay(meeting.startsAt),
              // The question's own precision: a day its file gives is exact; the
              // meeting's day is as precise as the sources give the meeting's date.
              tabledOnPrecision: q.tabledOn ? "exact" : meeting.datePrecision,
              dueOn: q.dueOn ?? null,
              dueChangeReason: q.dueChangeReason ?? null,
              submittedAt:
                q.submittedAt ?? (atMeeting ? meeting.startsAt : ((existing?.submittedAt as Date) ?? importer.now)),
              acceptedAt: q.acceptedAt ?? (atMeeting ? meeting.startsAt : null),
              sourceNote: q.sourceNote ?? null,
              sourceStatus: q.sourceStatus ?? null,
              sourceStatusNote: q.sourceStatusNote ?? null,
            },
            extra: { before: { priorityIds: linked.filter((p) => priorityIds.includes(p)).sort() }, after: { priorityIds } },
          },
          existing ?? null,
        ),
      ];
      // The file's priority links are added; links a clerk made in the app are kept.
      const missing = priorityIds.filter((p) => !linked.includes(p));
      if (missing.length > 0) {
        await tx.insert(questionPriorities).values(missing.map((priorityId) => ({ questionId: e.id, priorityId }))).onConflictDoNothing();
      }
      if (q.response) {
        const r = q.response;
        const id = contentId("response", e.key);
        const existingResponse = await importer.find(responses, id);
        results.push(
          await importer.upsert(
            {
              file: e.path,
              table: responses,
              entityType: "response",
              id,
              hasUpdatedAt: false,
              values: {
                questionId: e.id,
                kind: r.kind,
                body: e.markdown,
                respondedById: personId(r.respondedBy),
                organisationId: orgId(r.organisation ?? q.addressedTo),
                respondedAt:
                  r.respondedAt ??
                  (atMeeting ? meeting.startsAt : ((existingResponse?.respondedAt as Date) ?? importer.now)),
                // A response given at the meeting is dated as precisely as the meeting;
                // one with no date in its file is not dated by the import's time.
                respondedAtPrecision: r.respondedAt ? "exact" : atMeeting ? meeting.datePrecision : "unknown",
                expectedOn: r.expectedOn ?? null,
                sourceNote: r.sourceNote ?? null,
                attributionNote: r.attributionNote ?? null,
              },
            },
            existingResponse ?? null,
          ),
        );
      }
      return results;
    });
  }
}
