/**
 * How much a request may send. The server counts bytes as it reads a body and
 * stops at these (413), whatever Content-Length says (app/server/body-limit.ts);
 * the form readers count again for their own, smaller limits.
 */

/** A form without files, and the text fields of a form with them. */
export const MAX_FORM_BYTES = 1_000_000;
/** One uploaded file. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** A whole multipart body: one file at its limit and the form's fields. */
export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES + MAX_FORM_BYTES;
/** Fields and files in one multipart body (the largest form has a few dozen). */
export const MAX_FORM_PARTS = 500;
