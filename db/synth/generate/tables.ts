/**
 * The tables the synthetic archive fills, with their columns in COPY order
 * (column names are db/schema keys in snake_case), in load order.
 */

export const COLUMNS = {
  organisations: "id slug name kind description created_at updated_at",
  bodies: "id slug name kind description organisation_id source_note response_working_days created_at updated_at",
  people: "id slug name honorific job_title organisation_id created_at updated_at",
  memberships: "id person_id body_id role start_on end_on created_at",
  priorities: "id slug title description organisation_id owner position source_note created_at updated_at",
  meetings:
    "id slug body_id title starts_at ends_at date_precision date_note venue attendance_mode status status_reason agenda_published_at urgency_reason minutes_published_at minutes_approved_at minutes_approved_at_meeting_id source_note version created_at updated_at",
  documents:
    "id slug kind title summary body organisation_id document_date date_precision date_note source source_note published_at version created_at updated_at",
  agenda_items:
    "id meeting_id parent_id position title body purpose lead_officer_id is_exempt exempt_paragraph exempt_reason public_title public_summary published_at version created_at updated_at",
  minutes: "id agenda_item_id body decisions version created_at updated_at",
  agenda_item_documents: "agenda_item_id document_id position",
  agenda_item_priorities: "agenda_item_id priority_id",
  inspections:
    "id slug title kind organisation_id inspectorate_id visit_start_on visit_end_on published_on date_precision date_note overall_judgement area_judgements summary document_id source_note created_at updated_at",
  recommendations:
    "id source inspection_id reference kind text position met_by_inspection_id met_finding closed_at closure_evidence " +
    "body_id agreed_at_minute_id agreed_at_meeting_id agreed_on addressee_organisation_id lead_person_id received_on response_due_on review_on " +
    "implementation_state judged_at_minute_id judged_on judgement created_at updated_at",
  recommendation_responses: "id recommendation_id outcome reasons action_planned given_by given_on agreed_at created_at updated_at",
  recommendation_priorities: "recommendation_id priority_id",
  questions:
    "id agenda_item_id asked_by_id addressed_to_id parent_question_id text is_summarised raised_at_meeting position tabled_on due_on due_change_reason submitted_at accepted_at rejected_at rejection_reason closed_at closure_reason source_note created_at updated_at",
  responses:
    "id question_id kind body responded_by_id organisation_id responded_at expected_on supersedes_id satisfactory_at source_note created_at",
  actions:
    "id reference description question_id response_id minute_id recommendation_id owning_organisation_id owner_id due_on started_at completed_at closure_evidence cancelled_at cancellation_reason created_at updated_at",
  action_updates: "id action_id note author_id created_at",
  settings: "key value updated_at",
  meeting_attendance: "id meeting_id person_id name role status substitute_for_id created_at",
  interest_declarations: "id agenda_item_id person_id kind nature left_room created_at",
  question_priorities: "question_id priority_id",
  question_recommendations: "question_id recommendation_id",
  action_priorities: "action_id priority_id",
  agenda_item_recommendations: "agenda_item_id recommendation_id",
  document_priorities: "document_id priority_id",
  work_programme_topics:
    "id body_id municipal_year title description reason priority_id recommendation_id kind lead_officer_id planned_meeting_id decision decision_reason agenda_item_id proposed_by_user_id proposed_by_person_id created_at updated_at",
} as const;

export type TableName = keyof typeof COLUMNS;
/** Load order: every table after the tables it refers to. */
export const LOAD_ORDER = Object.keys(COLUMNS) as TableName[];
