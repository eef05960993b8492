/**
 * Once per `npm run test:e2e`: start the portal (support/server.ts) and hand its
 * address to the test files through vitest's provide/inject.
 */
import type { TestProject } from "vitest/node";
import { startPortal } from "./server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const portal = await startPortal();
  project.provide("baseURL", portal.baseURL);
  console.log(`Browser tests: the portal is at ${portal.baseURL}`);
  return async () => {
    await portal.stop();
  };
}
