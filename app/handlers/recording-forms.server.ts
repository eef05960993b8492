/**
 * The clerk's recording forms (issue 18, item 5), shared by the meeting edit page
 * (the webcast or recording link) and the agenda item page (where the item starts
 * in it): parse, write in one transaction, redirect; bad input is a message beside
 * the field with what was typed kept.
 */
import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { Actor } from "../utils/clerk-errors.server";
import { setItemRecordingOffset, setMeetingRecording } from "../models/meetings";
import { parseOffset } from "../rules/recording.server";
import { saveForm } from "./form-actions.server";
import { textField } from "../utils/form-fields";

export const RECORDING_FIELDS = ["recordingUrl", "recordingKind", "recordingLength"] as const;

/** h:mm:ss typed into a field, as seconds or null when blank. */
function offsetField(label: string) {
  return z.string().transform((typed, ctx) => {
    const r = parseOffset(typed, label);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.seconds;
  });
}

const recordingSchema = z.object({
  recordingUrl: textField({ label: "The link", max: 2000, optional: true }),
  recordingKind: z.enum(["live", "archived", ""], { message: "Select whether the link is a live webcast or a recording" }).catch(""),
  recordingLength: offsetField("The length of the recording"),
});

const offsetSchema = z.object({ recordingOffset: offsetField("The start time") });

export function saveMeetingRecording(context: AppLoadContext | undefined, form: FormData, actor: Actor, meetingId: string, redirectTo: string) {
  return saveForm(context, form, {
    intent: "recording",
    fields: RECORDING_FIELDS,
    schema: recordingSchema,
    write: (tx, input) => setMeetingRecording(tx, actor, meetingId, { url: input.recordingUrl, kind: input.recordingKind, lengthSeconds: input.recordingLength }),
    redirectTo,
  });
}

export function saveItemOffset(context: AppLoadContext | undefined, form: FormData, actor: Actor, itemId: string, redirectTo: string) {
  return saveForm(context, form, {
    intent: "recording-offset",
    fields: ["recordingOffset"],
    schema: offsetSchema,
    write: (tx, input) => setItemRecordingOffset(tx, actor, itemId, input.recordingOffset),
    redirectTo,
  });
}
