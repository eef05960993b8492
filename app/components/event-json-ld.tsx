import { useNonce } from "~/utils/nonce";

const STATUS: Record<string, string> = {
  cancelled: "https://schema.org/EventCancelled",
  postponed: "https://schema.org/EventPostponed",
};
const MODE: Record<string, string> = {
  in_person: "https://schema.org/OfflineEventAttendanceMode",
  online: "https://schema.org/OnlineEventAttendanceMode",
  hybrid: "https://schema.org/MixedEventAttendanceMode",
};

/**
 * schema.org Event data for a meeting page, for search engines. The script
 * carries the page's CSP nonce, and "<" is escaped so no text can end it.
 */
export function EventJsonLd({
  meeting,
}: {
  meeting: {
    slug: string;
    title: string;
    /** ISO 8601 at the date's own precision ("2021" for a meeting known only to the year), or null. */
    startDate: string | null;
    endsAt: string | null;
    venue: string | null;
    status: string;
    attendanceMode: string | null;
    body: { name: string; slug: string };
  };
}) {
  const nonce = useNonce();
  const data = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: meeting.title.startsWith(`${meeting.body.name}:`) ? meeting.title : `${meeting.body.name}: ${meeting.title}`,
    ...(meeting.startDate ? { startDate: meeting.startDate } : {}),
    ...(meeting.endsAt && meeting.startDate && meeting.startDate.length > 10 ? { endDate: meeting.endsAt } : {}),
    eventStatus: STATUS[meeting.status] ?? "https://schema.org/EventScheduled",
    ...(meeting.attendanceMode && MODE[meeting.attendanceMode] ? { eventAttendanceMode: MODE[meeting.attendanceMode] } : {}),
    ...(meeting.venue ? { location: { "@type": "Place", name: meeting.venue, address: meeting.venue } } : {}),
    organizer: { "@type": "Organization", name: meeting.body.name, url: `/bodies/${meeting.body.slug}` },
    url: `/meetings/${meeting.slug}`,
  };
  const text = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  return <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: text }} />;
}
