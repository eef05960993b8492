import { ErrorPage } from "~/components/error-page";

// Any address no other route matches is a 404 page.
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function CatchAll() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
