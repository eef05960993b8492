import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { Breadcrumbs } from "./components/breadcrumbs";
import { ErrorPage } from "./components/error-page";
import { SiteFooter, SiteHeader } from "./components/site-chrome";
import { getEnv } from "./env.server";
import { getLayoutUser } from "./server/layout.server";
import { defaultDescription, errorTitle } from "./utils/meta";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/assets/portal.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // The site's feeds, for feed readers and calendars (a page with feeds of its own adds them).
  { rel: "alternate", type: "application/atom+xml", title: "Publications (Atom)", href: "/feeds/publications.atom" },
  { rel: "alternate", type: "application/atom+xml", title: "Answers to questions (Atom)", href: "/feeds/answers.atom" },
  { rel: "alternate", type: "application/atom+xml", title: "Responses to the board's recommendations (Atom)", href: "/feeds/recommendation-responses.atom" },
  { rel: "alternate", type: "text/calendar", title: "All meetings (iCalendar)", href: "/feeds/meetings.ics" },
];

// Pages give their own title and description (app/utils/meta.ts); an error page is titled as its heading says.
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const site = data?.siteName ?? "Board portal";
  const title = error ? `${errorTitle(isRouteErrorResponse(error) ? error.status : 500)} – ${site}` : site;
  return [{ title }, { name: "description", content: defaultDescription(site) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = getEnv();
  return json({
    siteName: env.SITE_NAME,
    user: await getLayoutUser(request),
    // Set by an action that answered with form errors (app/utils/forms.server.ts):
    // the page title then starts with "Error: " (app/utils/meta.ts).
    formHasErrors: context?.formHasErrors === true,
  });
}

function Document({ children, siteName, user }: { children: ReactNode; siteName: string; user: LayoutUser }) {
  const nonce = useNonce();
  // Says the page's scripts have run (React has hydrated it): browser tests wait for this
  // rather than for the network to go quiet.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  // Says which navigation's page is on screen (set after React has committed it): browser
  // tests compare it with the router's location before they read the page.
  const location = useLocation();
  useEffect(() => {
    document.documentElement.dataset.renderedKey = location.key;
  }, [location.key]);
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d4f91" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <SiteHeader siteName={siteName} user={user} />
        <div className="govuk-width-container">
          <Breadcrumbs />
          <main className="govuk-main-wrapper" id="main-content" role="main">
            {children}
          </main>
        </div>
        <SiteFooter siteName={siteName} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

type LayoutUser = Awaited<ReturnType<typeof getLayoutUser>>;

export default function App() {
  const data = useLoaderData<typeof loader>();
  return (
    <Document siteName={data.siteName} user={data.user}>
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // The server logs its errors in handleError (entry.server.tsx), without query parameters; the browser's console shows its own.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return (
    <Document siteName={data?.siteName ?? "Board portal"} user={data?.user ?? null}>
      <ErrorPage status={status} detail={isRouteErrorResponse(error) ? error.data : undefined} />
    </Document>
  );
}
