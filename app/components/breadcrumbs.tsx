import { Link, useMatches } from "@remix-run/react";

export interface Crumb {
  label: string;
  to?: string;
}

/**
 * A route declares its trail with `handle.breadcrumbs(data)`, returning the
 * crumbs above the current page; the current page's title is not repeated.
 */
export interface BreadcrumbHandle {
  breadcrumbs?: (data: unknown) => Crumb[];
}

export function Breadcrumbs() {
  const matches = useMatches();
  const last = [...matches].reverse().find((m) => (m.handle as BreadcrumbHandle | undefined)?.breadcrumbs);
  if (!last) return null;
  const crumbs = (last.handle as BreadcrumbHandle).breadcrumbs!(last.data);
  if (crumbs.length === 0) return null;
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {crumbs.map((crumb) => (
          <li className="govuk-breadcrumbs__list-item" key={`${crumb.label}-${crumb.to ?? ""}`}>
            {crumb.to ? (
              <Link className="govuk-breadcrumbs__link" to={crumb.to}>
                {crumb.label}
              </Link>
            ) : (
              crumb.label
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
