import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "Home");

export default function Home() {
  return <h1 className="govuk-heading-xl">Board papers</h1>;
}
