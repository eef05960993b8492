/**
 * A person's browser reduced to what a test over plain HTTP needs: one cookie jar,
 * forms posted from the site's own pages (Origin set), redirects not followed, and
 * a time limit on every request (a request that hangs is a failure, not a wait).
 */
import { uncompressed } from "./http-session";

export interface HttpPerson {
  get: (path: string, options?: { timeoutMs?: number }) => Promise<Response>;
  post: (path: string, form: Record<string, string>, options?: { timeoutMs?: number }) => Promise<Response>;
  signIn: (email: string, password: string) => Promise<void>;
  cookie: () => string;
}

export function httpPerson(baseURL: string): HttpPerson {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const cookie = () => [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
  const send = async (path: string, init: RequestInit, timeoutMs = 15_000) =>
    remember(
      await fetch(`${baseURL}${path}`, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: uncompressed({ ...(init.headers as Record<string, string>), ...(jar.size ? { cookie: cookie() } : {}) }),
      }),
    );
  const person: HttpPerson = {
    cookie,
    get: (path, options) => send(path, { method: "GET" }, options?.timeoutMs),
    post: (path, form, options) =>
      send(
        path,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", origin: baseURL },
          body: new URLSearchParams(form).toString(),
        },
        options?.timeoutMs,
      ),
    signIn: async (email, password) => {
      const res = await person.post("/sign-in?redirectTo=%2F", { _signIn: "1", redirectTo: "/", email, password });
      await res.arrayBuffer();
      if (res.status !== 303) throw new Error(`sign-in as ${email} answered ${res.status}, not 303`);
    },
  };
  return person;
}

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : null;
};

/**
 * The fields of the first form on a page that has a field called `field`, as a
 * browser would send them unchanged: inputs (checked boxes only), text areas, and
 * each select's chosen option.
 */
export function formOnPage(html: string, field: string): Record<string, string> {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with a field "${field}" on the page`);
  const values: Record<string, string> = {};
  for (const tag of form.match(/<input\b[^>]*>/g) ?? []) {
    const name = attribute(tag, "name");
    const type = attribute(tag, "type") ?? "text";
    if (!name || ((type === "checkbox" || type === "radio") && !/\schecked(=|\s|>|\/)/.test(tag))) continue;
    values[name] = attribute(tag, "value") ?? "";
  }
  for (const [, attrs, text] of form.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(attrs, "name");
    if (name) values[name] = decode(text);
  }
  for (const [, attrs, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(attrs, "name");
    const chosen = /<option\b[^>]*\sselected[^>]*>/.exec(options)?.[0] ?? /<option\b[^>]*>/.exec(options)?.[0];
    if (name && chosen) values[name] = attribute(chosen, "value") ?? "";
  }
  return values;
}
