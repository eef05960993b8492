/**
 * Pieces of the trail pages (priorities, recommendations, the tracking report):
 * RAG tags, the open / overdue / closed counts, and the server-rendered chart of
 * actions opened and closed over time, with its data as a table for screen readers.
 */
import { Tag } from "./notes";

export type RagValue = "red" | "amber" | "green";

const RAG_CLASS: Record<RagValue, string> = {
  red: "govuk-tag--red",
  amber: "govuk-tag--yellow",
  green: "govuk-tag--green",
};

export function RagTag({ rag, label }: { rag: RagValue; label: string }) {
  return <Tag className={`${RAG_CLASS[rag]} portal-rag portal-rag--${rag}`}>{label}</Tag>;
}

export function TrailCounts({ counts }: { counts: { open: number; overdue: number; closed: number } }) {
  return (
    <dl className="portal-counts">
      <div className="portal-counts__item">
        <dt className="govuk-body-s">Open</dt>
        <dd className="govuk-heading-l">{counts.open}</dd>
      </div>
      <div className="portal-counts__item">
        <dt className="govuk-body-s">Overdue (of those open)</dt>
        <dd className="govuk-heading-l">{counts.overdue}</dd>
      </div>
      <div className="portal-counts__item">
        <dt className="govuk-body-s">Closed</dt>
        <dd className="govuk-heading-l">{counts.closed}</dd>
      </div>
    </dl>
  );
}

export interface ChartPeriod {
  label: string;
  opened: number;
  closed: number;
}

/** Bars per quarter: opened (dark) and closed (light). The SVG is hidden from screen readers; the table says the same. */
export function ActionsChart({ periods, caption }: { periods: ChartPeriod[]; caption: string }) {
  if (periods.length === 0) return <p className="govuk-body">No actions are linked yet, so there is nothing to chart.</p>;
  const max = Math.max(1, ...periods.flatMap((p) => [p.opened, p.closed]));
  const barW = 14;
  const groupW = barW * 2 + 16;
  const chartH = 120;
  const left = 28;
  const width = left + periods.length * groupW + 8;
  const height = chartH + 40;
  const y = (n: number) => chartH - (n / max) * (chartH - 10) + 10;
  return (
    <figure className="portal-chart">
      <svg
        className="portal-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        aria-hidden="true"
        focusable="false"
      >
        <line className="portal-chart__axis" x1={left} y1={chartH + 10} x2={width} y2={chartH + 10} />
        <text className="portal-chart__tick" x={left - 6} y={y(max) + 4} textAnchor="end">{max}</text>
        <text className="portal-chart__tick" x={left - 6} y={chartH + 14} textAnchor="end">0</text>
        {periods.map((p, i) => {
          const x = left + 6 + i * groupW;
          return (
            <g key={p.label}>
              <rect className="portal-chart__opened" x={x} y={y(p.opened)} width={barW} height={chartH + 10 - y(p.opened)} />
              <rect className="portal-chart__closed" x={x + barW + 2} y={y(p.closed)} width={barW} height={chartH + 10 - y(p.closed)} />
              <text className="portal-chart__tick" x={x + barW} y={chartH + 26} textAnchor="middle">{p.label.replace(" ", "\u00a0")}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className="govuk-body-s">
        <span className="portal-chart__key portal-chart__key--opened" /> Opened{" "}
        <span className="portal-chart__key portal-chart__key--closed" /> Closed (completed or cancelled)
      </figcaption>
      <table className="govuk-table govuk-!-margin-top-4">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">Quarter</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Actions opened</th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">Actions closed</th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {periods.map((p) => (
            <tr className="govuk-table__row" key={p.label}>
              <th scope="row" className="govuk-table__header">{p.label}</th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.opened}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.closed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
