/** What the layout needs to know about who is signed in (nothing, for the public). */
export interface LayoutUserInfo {
  name: string;
  role: string;
}

export async function getLayoutUser(_request: Request): Promise<LayoutUserInfo | null> {
  return null;
}
