/** The validated content a load produces and an import writes (load.server.ts, import.server.ts). */
import type { ContentEntityType } from "./ids.server";
import type {
  AgendaItemData,
  BodyData,
  DocumentData,
  InspectionData,
  MeetingData,
  MinutesData,
  OrganisationData,
  PersonData,
  PriorityData,
  QuestionData,
} from "./front-matter.server";

// ---------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------

export interface ContentFile {
  /** Path inside the content directory, with "/" separators: the content_sources key. */
  path: string;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

export interface Entry<T> extends ContentFile {
  type: ContentEntityType;
  /** The slug, or for meeting parts a path of slugs. */
  key: string;
  id: string;
  data: T;
  /** The Markdown after the front matter. */
  markdown: string;
  /** Files this one takes defaults from (an item's meeting): a change there re-imports this one. */
  dependsOn: ContentFile[];
}

export interface MeetingPartEntry<T> extends Entry<T> {
  meetingSlug: string;
  position: number;
}

export interface ContentBundle {
  organisations: Entry<OrganisationData>[];
  bodies: Entry<BodyData>[];
  people: Entry<PersonData>[];
  priorities: Entry<PriorityData>[];
  documents: Entry<DocumentData>[];
  inspections: Entry<InspectionData>[];
  meetings: Entry<MeetingData>[];
  agendaItems: (MeetingPartEntry<AgendaItemData> & { itemKey: string })[];
  minutes: (Entry<MinutesData> & { itemKey: string })[];
  questions: (MeetingPartEntry<QuestionData> & { itemKey: string })[];
  /** Every file, for counting. */
  files: ContentFile[];
}

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Content import stopped: ${problems[0]}`
        : `Content import stopped: ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "ContentError";
  }
}
