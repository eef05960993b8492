/**
 * The sources' own words for what an inspection asks of the inspected body
 * (issue 23 items 3 and 4): Ofsted's full inspections make recommendations; a
 * focused visit names points under "What needs to improve in this area of
 * social work practice". Every surface names a record by its kind from here,
 * and counts what the sources give only in part as "6 of 17 known".
 */
export type RecommendationKind = "recommendation" | "improvement_point" | "finding";

export const RECOMMENDATION_KIND_TERMS: Record<RecommendationKind, { singular: string; plural: string; countNoun: [string, string] }> = {
  recommendation: { singular: "Recommendation", plural: "Recommendations", countNoun: ["recommendation", "recommendations"] },
  improvement_point: {
    singular: "What needs to improve",
    plural: "What needs to improve",
    countNoun: ["point to improve", "points to improve"],
  },
  finding: { singular: "Finding", plural: "Findings", countNoun: ["finding", "findings"] },
};

/** The label of a kind, e.g. "What needs to improve". */
export function kindTerm(kind: RecommendationKind): string {
  return RECOMMENDATION_KIND_TERMS[kind].singular;
}

/** What the tracker, filters and lists call every kind at once. */
export const ALL_KINDS_TERM = "Recommendations and points to improve";
export const ALL_KINDS_SINGULAR = "Recommendation or point to improve";

/**
 * A count of what an inspection asked, as the sources allow: "6 of 17 known"
 * when the source gives a total it quotes only in part, "1 point to improve".
 */
export function pointsCountText(counts: Partial<Record<RecommendationKind, number>>, recommendationsMade: number | null): string {
  const parts: string[] = [];
  for (const kind of ["recommendation", "improvement_point", "finding"] as const) {
    const n = counts[kind] ?? 0;
    const noun = RECOMMENDATION_KIND_TERMS[kind].countNoun;
    if (kind === "recommendation" && recommendationsMade !== null && recommendationsMade > n) {
      parts.push(`${n} of ${recommendationsMade} known`);
    } else if (n > 0) {
      parts.push(`${n} ${n === 1 ? noun[0] : noun[1]}`);
    }
  }
  return parts.length ? parts.join(", ") : "None recorded";
}

/** The API's note beside a partial count, or null when the count is whole. */
export function pointsCountNote(known: number, recommendationsMade: number | null): string | null {
  if (recommendationsMade === null || recommendationsMade <= known) return null;
  return `${known} of ${recommendationsMade} known: the inspection made ${recommendationsMade} recommendations; the sources quote ${known}.`;
}
