import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { Pagination } from "~/components/pagination";
import { QuestionTable } from "~/components/question-tables";
import { listQuestions } from "~/models/questions";
import { pageCount, parsePage } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "My questions");
export const handle = { breadcrumbs: () => [{ label: "Home", to: "/" }] };

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "create:question:own");
  if (viewer.role !== "member") forbidden();
  const page = parsePage(request.url);
  // A member with no person record has asked nothing.
  const mine = viewer.personId
    ? await listQuestions(viewer, { page, askedById: viewer.personId })
    : { total: 0, more: false, questions: [] };
  const { total, questions } = mine;
  const all = viewer.personId ? (await listQuestions(viewer, { page: 1, all: true, askedById: viewer.personId })).questions : [];
  const counts = {
    open: all.filter((q) => !["closed", "rejected", "answered_at_meeting"].includes(q.status)).length,
    overdue: all.filter((q) => q.overdue).length,
    answered: all.filter((q) => ["answered", "answered_at_meeting", "closed"].includes(q.status)).length,
  };
  return json({ total, questions, page, pageCount: pageCount(total), counts });
}

export default function MyQuestions() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-xl">My questions</h1>
      <p className="govuk-body">
        {data.counts.open} open · {data.counts.overdue} overdue · {data.counts.answered} answered. To raise a question, open
        an agenda item and choose "Raise a question on this item".
      </p>
      <QuestionTable questions={data.questions} caption="My questions, newest first" />
      <Pagination page={data.page} pageCount={data.pageCount} href={(p) => `/my/questions?page=${p}`} />
    </>
  );
}
