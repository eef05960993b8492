/** Import steps for questions and their responses (import.server.ts). */
import { questions, responses } from "../../db/schema";
import { isoDay } from "../rules/dates.server";
import type { ContentBundle } from "./bundle.server";
import { contentId } from "./ids.server";
import { type ImportStep, orgId, personId } from "./importer.server";

/** Questions and their responses (defaults from their meeting file). */
export async function importQuestions(step: ImportStep, bundle: ContentBundle) {
  const { importer, run, meetingOf } = step;
  for (const e of bundle.questions) {
    await run(e, async () => {
      const meeting = meetingOf(e.meetingSlug);
      const q = e.data;
      const atMeeting = q.raisedAtMeeting;
      const existing = await importer.find(questions, e.id);
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
              dueOn: q.dueOn ?? null,
              dueChangeReason: q.dueChangeReason ?? null,
              submittedAt:
                q.submittedAt ?? (atMeeting ? meeting.startsAt : ((existing?.submittedAt as Date) ?? importer.now)),
              acceptedAt: q.acceptedAt ?? (atMeeting ? meeting.startsAt : null),
              sourceNote: q.sourceNote ?? null,
              sourceStatus: q.sourceStatus ?? null,
              sourceStatusNote: q.sourceStatusNote ?? null,
            },
          },
          existing ?? null,
        ),
      ];
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
