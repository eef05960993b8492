import { Form, Link, NavLink } from "@remix-run/react";
import { roleCan, type RoleOrPublic } from "~/auth/permissions";

const NAV = [
  { to: "/meetings", label: "Meetings" },
  { to: "/bodies", label: "Boards and committees" },
  { to: "/documents", label: "Documents" },
  { to: "/questions", label: "Questions" },
  { to: "/priorities", label: "Priorities" },
  { to: "/inspections", label: "Inspections" },
];

export function SiteHeader({ siteName, user }: { siteName: string; user: { name: string; role: string } | null }) {
  return (
    <>
      <header className="govuk-header portal-header" role="banner">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <Link to="/" className="portal-header__name">
                {siteName}
              </Link>
              <p className="portal-header__strapline">Agendas, minutes, questions and answers, in public</p>
            </div>
            <div className="govuk-grid-column-one-third">
              <Form method="get" action="/search" role="search" className="portal-search portal-no-print">
                <div>
                  <label className="govuk-label govuk-visually-hidden" htmlFor="site-search">
                    Search the portal
                  </label>
                  <input
                    className="govuk-input"
                    id="site-search"
                    name="q"
                    type="search"
                    placeholder="Search papers"
                    autoComplete="off"
                  />
                </div>
                <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Search
                </button>
              </Form>
            </div>
          </div>
        </div>
      </header>
      <nav className="portal-nav portal-no-print" aria-label="Main">
        <div className="govuk-width-container">
          <ul className="portal-nav__list">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="govuk-link govuk-link--no-visited-state portal-nav__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
            {user ? (
              <>
                {roleCan(user.role as RoleOrPublic, "publish:agenda:any") && (
                  <li>
                    <NavLink to="/clerk" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                      Clerk
                    </NavLink>
                  </li>
                )}
                {user.role === "member" && (
                  <li>
                    <NavLink to="/my/questions" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                      My questions
                    </NavLink>
                  </li>
                )}
                {user.role === "officer" && (
                  <li>
                    <NavLink to="/officer/queue" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                      Our queue
                    </NavLink>
                  </li>
                )}
                {roleCan(user.role as RoleOrPublic, "update:question:any") && (
                  <li>
                    <NavLink to="/clerk/chase" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                      Chase list
                    </NavLink>
                  </li>
                )}
                {user.role === "admin" && (
                  <li>
                    <NavLink to="/admin" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                      Admin
                    </NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/account" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                    <span className="govuk-visually-hidden">Your account: </span>
                    {user.name}
                  </NavLink>
                </li>
                <li>
                  <Form method="post" action="/sign-out" className="portal-nav__form">
                    <button type="submit" className="portal-nav__link portal-nav__button">
                      Sign out
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <li>
                <NavLink to="/sign-in" className="govuk-link govuk-link--no-visited-state portal-nav__link">
                  Sign in
                </NavLink>
              </li>
            )}
          </ul>
        </div>
      </nav>
    </>
  );
}

export function SiteFooter({ siteName }: { siteName: string }) {
  return (
    <footer className="govuk-footer" role="contentinfo">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/accessibility">
                  Accessibility statement
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/privacy">
                  Privacy notice
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/feeds">
                  Feeds and calendars
                </Link>
              </li>
              <li className="govuk-footer__inline-list-item">
                <Link className="govuk-footer__link" to="/about">
                  About this portal and its sources
                </Link>
              </li>
            </ul>
            <p className="govuk-body-s">
              {siteName} is an independent portal. It is not a GOV.UK service and is not run by Ofsted.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
