/** The clerk's form schemas shared by more than one page (pure zod: safe in both bundles). */
import { z } from "zod";
import { ATTENDANCE_MODES } from "../../db/schema";
import { dayField } from "./day-field";
import { choiceField, textField } from "./form-fields";

export const MODE_OPTIONS = [
  { value: "in_person", label: "In person" },
  { value: "online", label: "Online" },
  { value: "hybrid", label: "In person and online (hybrid)" },
];

export const MEETING_FIELDS = ["title", "day", "startTime", "endTime", "venue", "attendanceMode"] as const;

export const meetingDetailsSchema = z.object({
  title: textField({ label: "Title", max: 200, required: "Enter the meeting's title" }),
  // The GOV.UK date input (app/components/date-input.tsx); a single "2026-03-16" field still reads.
  day: dayField({ label: "The date of the meeting" }).pipe(z.string()),
  startTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time as hours and minutes, for example 18:00"),
  endTime: z.string().trim().regex(/^(([01]\d|2[0-3]):[0-5]\d)?$/, "Enter the end time as hours and minutes, for example 20:00"),
  venue: textField({ label: "Venue", max: 200, optional: true }),
  attendanceMode: choiceField(ATTENDANCE_MODES, "Select how people attend"),
});

/** A version number posted back by an edit form. */
export const versionField = z.string().regex(/^\d{1,9}$/, "The form is out of date: reload the page").transform(Number);
