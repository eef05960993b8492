import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { Button, ErrorSummary, HiddenFields, NotificationBanner, Radios, Select, TextInput } from "~/components/forms";
import { db } from "~/models/records";
import {
  addAttendance,
  attendanceCandidates,
  attendanceList,
  attendanceRegister,
  ATTENDANCE_ROLE_LABELS,
  getClerkMeeting,
  removeAttendance,
  saveRegister,
  type RegisterEntry,
} from "~/models/meetings";
import { actorOf, runClerkWrite, type ClerkActionData } from "~/handlers/clerk-forms.server";
import { REGISTER_MARKS, REGISTER_MARK_LABELS, type RegisterMark } from "~/rules/attendance.server";
import { formatDate } from "~/rules/dates.server";
import { recordingProblem } from "~/rules/minutes-approval.server";
import { choiceField, formFields, formText, parseForm, textField } from "~/utils/form-fields";
import { invalid, readForm } from "~/utils/forms.server";
import { idParam, invariantFound } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data ? `Attendance: ${data.meeting.title}` : "Attendance");
export const handle = { breadcrumbs: () => [{ label: "Clerk", to: "/clerk" }] };

const OTHER_ROLES = ["officer", "other", "substitute"] as const;
const DONE: Record<string, string> = {
  register: "Attendance saved.",
  unchanged: "Attendance saved: nothing had changed.",
  added: "Added to the attendance.",
  removed: "Taken off the attendance.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update:meeting:any");
  const data = invariantFound(await getClerkMeeting(idParam(params)));
  const m = data.meeting;
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const done = url.searchParams.get("done");
  const register = await attendanceRegister(m);
  const memberIds = new Set(register.members.map((x) => x.personId));
  const everyone = await attendanceList(m.id);
  return json({
    meeting: { id: m.id, title: m.title, date: formatDate(m.startsAt) },
    notYet: recordingProblem(m),
    members: register.members,
    substitutes: register.substitutes,
    others: everyone.filter((a) => a.role !== "member" || !a.personId || !memberIds.has(a.personId)),
    q,
    results: q ? await attendanceCandidates(q) : [],
    // The labels come from .server modules, which the browser bundle does not have: they travel with the data.
    markOptions: REGISTER_MARKS.map((k) => ({ value: k, label: REGISTER_MARK_LABELS[k] })),
    roleOptions: OTHER_ROLES.map((r) => ({ value: r, label: r === "other" ? "Witness or someone else" : ATTENDANCE_ROLE_LABELS[r] })),
    notice: done && Object.hasOwn(DONE, done) ? DONE[done] : null,
  });
}

const addSchema = z.object({
  personId: z.string(),
  name: textField({ label: "Name", max: 200, optional: true }),
  role: choiceField(OTHER_ROLES, "Select how they attended"),
  substituteForId: z.string(),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "update:meeting:any");
  const form = await readForm(request);
  const id = idParam(params);
  const actor = actorOf(viewer, context);
  const meeting = invariantFound(await getClerkMeeting(id)).meeting;
  const intent = formText(form, "intent");
  const back = (done: string) => redirect(`/clerk/meetings/${id}/attendance?done=${done}`, { status: 303 });
  if (intent === "remove") {
    const r = await runClerkWrite(context, intent, {}, () => db().transaction((tx) => removeAttendance(tx, actor, id, formText(form, "attendanceId"))));
    return r.ok ? back("removed") : r.response;
  }
  if (intent === "register") {
    const { members } = await attendanceRegister(meeting);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const entries: RegisterEntry[] = [];
    for (const member of members) {
      const mark = formText(form, `mark-${member.personId}`);
      const substituteId = formText(form, `substitute-${member.personId}`);
      values[`mark-${member.personId}`] = mark;
      values[`substitute-${member.personId}`] = substituteId;
      if (!mark) continue;
      if (!(REGISTER_MARKS as readonly string[]).includes(mark)) errors[`mark-${member.personId}`] = `Select present, apologies, absent or substitute for ${member.name}`;
      else if (mark === "substitute" && !substituteId) errors[`substitute-${member.personId}`] = `Select who attended in place of ${member.name}`;
      else entries.push({ personId: member.personId, mark: mark as RegisterMark, substituteId: substituteId || null });
    }
    if (Object.keys(errors).length) return invalid(context, { intent, errors, values });
    if (members.length > 0 && entries.length === 0) return invalid(context, { intent, errors: { [`mark-${members[0].personId}`]: "Mark at least one member present, apologies, absent or substitute" }, values });
    const r = await runClerkWrite(context, intent, values, () => db().transaction((tx) => saveRegister(tx, actor, id, entries)));
    return r.ok ? back(r.value.changed ? "register" : "unchanged") : r.response;
  }
  // Not one of this page's forms: told about the whole form, not beside a field that may not be on the page.
  if (intent !== "add") return invalid(context, { intent: "", errors: { form: "Choose what to do" }, values: {} });
  const values = formFields(form, ["personId", "name", "role", "substituteForId", "q"]);
  const parsed = parseForm(addSchema, form);
  if (!parsed.ok) return invalid(context, { intent: "add", errors: parsed.errors, values });
  const d = parsed.data;
  const r = await runClerkWrite(context, "add", values, () =>
    db().transaction((tx) =>
      addAttendance(tx, actor, id, { personId: d.personId || null, name: d.name, role: d.role, status: "present", substituteForId: d.substituteForId || null }),
    ),
  );
  return r.ok ? back("added") : r.response;
}

export default function Attendance() {
  const { meeting, notYet, members, substitutes, others, q, results, markOptions, roleOptions, notice } = useLoaderData<typeof loader>();
  const data = useActionData<ClerkActionData>();
  const errors = data?.errors;
  const registerValues = data?.intent === "register" ? data.values : undefined;
  const addValues = data?.intent === "add" ? data.values : undefined;
  const substituteOptions = substitutes.map((s) => ({ value: s.id, label: s.name }));
  const memberOptions = members.map((x) => ({ value: x.personId, label: x.name }));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {notice && <NotificationBanner success>{notice}</NotificationBanner>}
        <h1 className="govuk-heading-l">Attendance: {meeting.title}</h1>
        <p className="govuk-body">{meeting.date}</p>
        {notYet ? (
          <div className="govuk-inset-text">{notYet}.</div>
        ) : (
          <>
            <h2 className="govuk-heading-m">Register of members</h2>
            {members.length === 0 ? (
              <p className="govuk-body">Nobody is a member of this body on the meeting's day: add memberships on the body's page, or add people below.</p>
            ) : (
              <Form method="post" noValidate>
                <HiddenFields fields={[["intent", "register"]]} />
                {members.map((x) => (
                  <div key={x.personId} className="portal-register__member">
                    <Radios
                      name={`mark-${x.personId}`}
                      legend={x.name}
                      small
                      options={markOptions}
                      defaultValue={registerValues?.[`mark-${x.personId}`] ?? x.mark ?? undefined}
                      error={errors?.[`mark-${x.personId}`]}
                    />
                    <Select
                      name={`substitute-${x.personId}`}
                      label={`Substitute for ${x.name}`}
                      hint={substituteOptions.length ? "Only if marked Substitute." : "No substitutes on record: add one below as a substitute for this member."}
                      placeholder="No substitute"
                      options={substituteOptions}
                      defaultValue={registerValues?.[`substitute-${x.personId}`] ?? x.substituteId ?? undefined}
                      error={errors?.[`substitute-${x.personId}`]}
                    />
                  </div>
                ))}
                <Button>Save attendance</Button>
              </Form>
            )}

            <h2 className="govuk-heading-m">Also attending</h2>
            {others.length === 0 ? (
              <p className="govuk-body">Nobody else recorded.</p>
            ) : (
              <ul className="govuk-list">
                {others.map((a) => (
                  <li key={a.id}>
                    {a.name}: {a.roleLabel}, {a.statusLabel}
                    {a.substituteFor ? ` (substitute for ${a.substituteFor})` : ""}{" "}
                    <Form method="post" className="portal-inline-form">
                      <HiddenFields fields={[["intent", "remove"], ["attendanceId", a.id]]} />
                      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                        Remove<span className="govuk-visually-hidden"> {a.name}</span>
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}

            <h2 className="govuk-heading-m" id="add-someone">Add someone else</h2>
            <p className="govuk-body">Officers, witnesses and substitutes: find them by name.</p>
            <Form method="get" action="#add-someone" role="search" aria-label="Find a person by name">
              <TextInput name="q" label="Name" defaultValue={q} />
              <Button variant="secondary">Find by name</Button>
            </Form>
            {q && (
              <Form method="post" noValidate action={`?q=${encodeURIComponent(q)}#add-someone`}>
                <HiddenFields fields={[["intent", "add"]]} />
                {results.length === 0 ? (
                  <p className="govuk-body">Nobody in the record is called “{q}”: enter their name below.</p>
                ) : (
                  <Radios
                    name="personId"
                    legend={`People called “${q}”`}
                    small
                    options={results.map((p) => ({ value: p.id, label: p.jobTitle ? `${p.name}, ${p.jobTitle}` : p.name }))}
                    defaultValue={addValues?.personId}
                    error={errors?.personId}
                  />
                )}
                <TextInput name="name" label="Or, if they are not in the record, their name" defaultValue={addValues?.name} error={errors?.name} />
                <Radios name="role" legend="Attending as" small options={roleOptions} defaultValue={addValues?.role ?? "officer"} error={errors?.role} />
                <Select name="substituteForId" label="Substitute for (substitutes only)" placeholder="Not a substitute" options={memberOptions} defaultValue={addValues?.substituteForId} error={errors?.substituteForId} />
                <Button>Add to the attendance</Button>
              </Form>
            )}
          </>
        )}
        <p className="govuk-body">
          <Link className="govuk-link" to={`/clerk/meetings/${meeting.id}`}>Back to the agenda</Link>
        </p>
      </div>
    </div>
  );
}
