import { Link } from "@remix-run/react";

/**
 * GOV.UK pagination: previous/next with page numbers, as plain links. With
 * `more` the count was capped (app/utils/paging.server.ts): there are pages
 * beyond `pageCount`, so the last number is not offered as the last page.
 */
export function Pagination({
  page,
  pageCount,
  href,
  more = false,
  label = "Pagination",
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  more?: boolean;
  /** The navigation's name, where a page has more than one paginated list. */
  label?: string;
}) {
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (p) => p === 1 || (p === pageCount && !more) || Math.abs(p - page) <= 1,
  );
  return (
    <nav className="govuk-pagination" aria-label={label}>
      {page > 1 && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
      <ul className="govuk-pagination__list">
        {pages.map((p, i) => (
          <li key={p} className={`govuk-pagination__item${p === page ? " govuk-pagination__item--current" : ""}`}>
            {i > 0 && pages[i - 1] !== p - 1 && <span aria-hidden="true">⋯ </span>}
            <Link
              className="govuk-link govuk-pagination__link"
              to={href(p)}
              aria-label={`Page ${p}`}
              aria-current={p === page ? "page" : undefined}
            >
              {p}
            </Link>
          </li>
        ))}
        {more && (
          <li className="govuk-pagination__item govuk-pagination__item--ellipses">
            <span aria-hidden="true">⋯ </span>
            <span className="govuk-visually-hidden">More pages follow</span>
          </li>
        )}
      </ul>
      {page < pageCount && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
    </nav>
  );
}
