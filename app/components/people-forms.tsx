/** The fields of the body, person and membership forms (new and edit pages), and the memberships table. */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { BODY_KIND_OPTIONS, MEMBERSHIP_ROLE_OPTIONS } from "~/utils/people-schemas";
import { DateInput } from "./date-input";
import { Button, ErrorSummary, NotificationBanner, Radios, Select, Textarea, TextInput, type FieldErrors, type Option } from "./forms";

/** The top of an edit page: "saved" after a redirect (?saved), or the errors of the form just posted. */
export function SavedOrErrors({ saved, posted, message = "Your changes have been saved." }: { saved: boolean; posted?: { errors: FieldErrors }; message?: string }) {
  return (
    <>
      {saved && !posted && <NotificationBanner success>{message}</NotificationBanner>}
      <ErrorSummary errors={posted?.errors} />
    </>
  );
}

/** A page with one form that adds a record: errors at the top, the fields, the button, and a way back. */
export function NewRecordPage({ title, submit, cancelTo, errors, children }: { title: string; submit: string; cancelTo: string; errors?: FieldErrors; children: ReactNode }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1 className="govuk-heading-l">{title}</h1>
        <Form method="post" noValidate>
          {children}
          <Button>{submit}</Button>
        </Form>
        <p className="govuk-body">
          <Link className="govuk-link" to={cancelTo}>Cancel</Link>
        </p>
      </div>
    </div>
  );
}

type Values = Record<string, string | undefined>;

export function OrganisationSelect({ organisations, value, error }: { organisations: { id: string; name: string }[]; value?: string; error?: string }) {
  return (
    <Select
      name="organisationId"
      label="Organisation (optional)"
      placeholder="None"
      options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      defaultValue={value}
      error={error}
    />
  );
}

export function BodyFields({
  values,
  errors,
  organisations,
  isNew,
}: {
  values: Values;
  errors?: FieldErrors;
  organisations: { id: string; name: string }[];
  isNew: boolean;
}) {
  return (
    <>
      <TextInput name="name" label="Name" defaultValue={values.name} error={errors?.name} />
      <TextInput
        name="slug"
        label={isNew ? "Web address (slug, optional)" : "Web address (slug)"}
        hint={
          isNew
            ? "The last part of the public address, /bodies/slug. Leave blank to make it from the name"
            : "The last part of the public address, /bodies/slug. Changing it breaks links people have saved"
        }
        width="20"
        spellCheck={false}
        defaultValue={values.slug}
        error={errors?.slug}
      />
      <Radios name="kind" legend="Kind" options={BODY_KIND_OPTIONS} defaultValue={values.kind ?? "board"} error={errors?.kind} small />
      <Textarea name="description" label="Description (optional)" hint="Shown on the public page" defaultValue={values.description} error={errors?.description} />
      <OrganisationSelect organisations={organisations} value={values.organisationId} error={errors?.organisationId} />
      <TextInput
        name="responseWorkingDays"
        label="Working days to answer a question"
        hint="A question raised at this body is due this many working days after it is tabled (weekends and bank holidays do not count)"
        width="3"
        defaultValue={values.responseWorkingDays ?? "20"}
        error={errors?.responseWorkingDays}
      />
      <TextInput
        name="questionWindowDays"
        label="Days after a meeting that members may raise questions on its items"
        hint="After this many days a member can no longer raise a question on the meeting's items; the clerk can still record one"
        width="3"
        defaultValue={values.questionWindowDays ?? "28"}
        error={errors?.questionWindowDays}
      />
      <Textarea
        name="sourceNote"
        label="Note on the sources (optional)"
        hint="What the sources do not say about this body; shown on the public page"
        rows={3}
        defaultValue={values.sourceNote}
        error={errors?.sourceNote}
      />
    </>
  );
}

export function PersonFields({ values, errors, organisations }: { values: Values; errors?: FieldErrors; organisations: { id: string; name: string }[] }) {
  return (
    <>
      <TextInput name="name" label="Name" autoComplete="off" defaultValue={values.name} error={errors?.name} />
      <TextInput name="honorific" label="Title (optional)" hint="For example Councillor, Dr, Chief Executive" width="20" defaultValue={values.honorific} error={errors?.honorific} />
      <TextInput name="jobTitle" label="Job title or party (optional)" hint="For example Labour, Director of Children's Services" defaultValue={values.jobTitle} error={errors?.jobTitle} />
      <OrganisationSelect organisations={organisations} value={values.organisationId} error={errors?.organisationId} />
    </>
  );
}

const DAY_HINT = "For example, 31 3 2026";

/** Role, start and end of a term; with `people`, the person too (a new membership). */
export function TermFields({ values, errors, people }: { values: Values; errors?: FieldErrors; people?: Option[] }) {
  return (
    <>
      {people && (
        <Select name="personId" label="Person" placeholder="Select a person" options={people} defaultValue={values.personId} error={errors?.personId} />
      )}
      <Radios name="role" legend="Role" options={MEMBERSHIP_ROLE_OPTIONS} defaultValue={values.role ?? "member"} error={errors?.role} small />
      <DateInput name="startOn" legend="Start of term" hint={DAY_HINT} defaultValue={values.startOn} error={errors?.startOn} />
      <DateInput name="endOn" legend="End of term (optional)" hint={`The last day of the term. Leave blank while the term continues. ${DAY_HINT}`} defaultValue={values.endOn} error={errors?.endOn} />
    </>
  );
}

export interface MembershipRowView {
  id: string;
  roleLabel: string;
  status: string;
  statusLabel: string;
  term: string;
  personId: string;
  personName: string;
  honorific: string | null;
  bodyId: string;
  bodyName: string;
}

const STATUS_TAG: Record<string, string> = { current: "govuk-tag--green", future: "govuk-tag--blue", ended: "govuk-tag--grey" };

/** A body's members (show: "person") or a person's bodies (show: "body"), each linking to the membership. */
export function MembershipsTable({ rows, show, caption }: { rows: MembershipRowView[]; show: "person" | "body"; caption: string }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">{show === "person" ? "Person" : "Board or committee"}</th>
          <th scope="col" className="govuk-table__header">Role</th>
          <th scope="col" className="govuk-table__header">Term</th>
          <th scope="col" className="govuk-table__header">Status</th>
          <th scope="col" className="govuk-table__header"><span className="govuk-visually-hidden">Change</span></th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {rows.map((m) => (
          <tr className="govuk-table__row" key={m.id}>
            <td className="govuk-table__cell">
              {show === "person" ? (
                <Link className="govuk-link" to={`/clerk/people/${m.personId}`}>
                  {m.honorific ? `${m.honorific} ` : ""}
                  {m.personName}
                </Link>
              ) : (
                <Link className="govuk-link" to={`/clerk/bodies/${m.bodyId}`}>{m.bodyName}</Link>
              )}
            </td>
            <td className="govuk-table__cell">{m.roleLabel}</td>
            <td className="govuk-table__cell">{m.term}</td>
            <td className="govuk-table__cell">
              <strong className={`govuk-tag ${STATUS_TAG[m.status] ?? ""}`}>{m.statusLabel}</strong>
            </td>
            <td className="govuk-table__cell">
              <Link className="govuk-link" to={`/clerk/memberships/${m.id}`}>
                Change<span className="govuk-visually-hidden"> the membership of {m.personName} on {m.bodyName}</span>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
