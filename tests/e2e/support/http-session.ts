/**
 * A person using the portal over plain HTTP, without a browser: a cookie jar,
 * GETs that never follow redirects, form POSTs sent from the site itself (the
 * origin check wants the site's own Origin), multipart uploads, a route's loader
 * data (`?_data=`), and signing in as a demo account through the sign-in form.
 * For tests that send many requests (the leak canary), where a browser is slow.
 */
import { DEMO_ACCOUNTS, type DemoRole } from "./accounts";

export interface Answer {
  status: number;
  headers: Headers;
  /** The body as bytes read one to one (latin1), so a PDF's text can be searched too. */
  body: string;
  location: string | null;
}

export class HttpSession {
  private cookies = new Map<string, string>();

  constructor(
    readonly baseURL: string,
    readonly who: string,
  ) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }

  private keepCookies(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      if (at < 0) continue;
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(path: string, init: RequestInit): Promise<Answer> {
    const url = new URL(path, this.baseURL);
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers: uncompressed(init.headers), redirect: "manual" });
    } catch (error) {
      // A kept-alive connection the server closed between two requests: send it again, once.
      if (!/ECONNRESET|socket/i.test(String((error as Error).cause ?? error))) throw error;
      response = await fetch(url, { ...init, headers: uncompressed(init.headers), redirect: "manual" });
    }
    this.keepCookies(response.headers);
    const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
    return { status: response.status, headers: response.headers, body, location: response.headers.get("location") };
  }

  get(path: string): Promise<Answer> {
    return this.send(path, { headers: this.cookieHeader() });
  }

  /**
   * Any request, with this person's cookies and the headers given (a body as sent, whatever
   * its content type); redirects are not followed. Gives up after `timeoutMs`.
   */
  request(method: string, path: string, options: { body?: string | Buffer; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Answer> {
    return this.send(path, {
      method,
      body: typeof options.body === "string" || options.body === undefined ? options.body : new Uint8Array(options.body),
      headers: { ...options.headers, ...this.cookieHeader() },
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  }

  /** A page as a browser opens it: redirects followed (up to 10); returns where it ended and its HTML. */
  async open(path: string): Promise<{ url: string; status: number; html: string }> {
    let url = new URL(path, this.baseURL);
    for (let hops = 0; ; hops++) {
      const answer = await this.get(url.pathname + url.search);
      if (answer.status >= 300 && answer.status < 400 && answer.location && hops < 10) {
        url = new URL(answer.location, url);
        continue;
      }
      return { url: url.href, status: answer.status, html: Buffer.from(answer.body, "latin1").toString("utf8") };
    }
  }

  /** A form POST; a FormData body is sent as multipart (a file upload). */
  post(path: string, form: Record<string, string> | FormData): Promise<Answer> {
    const body = form instanceof FormData ? form : new URLSearchParams(form);
    return this.send(path, { method: "POST", body, headers: { origin: new URL(this.baseURL).origin, ...this.cookieHeader() } });
  }

  /** A POST that must succeed with a redirect (a form's success); returns where it leads. */
  async submit(path: string, form: Record<string, string> | FormData): Promise<string> {
    const answer = await this.post(path, form);
    if (answer.status < 300 || answer.status >= 400 || !answer.location) {
      const html = Buffer.from(answer.body, "latin1").toString("utf8");
      const messages = [...html.matchAll(/class="govuk-error-message"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, "").trim());
      const main = html.replace(/^[\s\S]*?<main/, "<main").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      const error = messages.length > 0 ? messages.join("; ") : main.slice(0, 400);
      throw new Error(`${this.who}: POST ${path} answered ${answer.status}, expected a redirect: ${error}`);
    }
    return new URL(answer.location, this.baseURL).pathname + new URL(answer.location, this.baseURL).search;
  }

  /** A route's loader data, as the browser's client-side navigation asks for it. */
  async data<T = any>(path: string, routeId: string): Promise<T> {
    const sep = path.includes("?") ? "&" : "?";
    const answer = await this.get(`${path}${sep}_data=${encodeURIComponent(routeId)}`);
    if (answer.status !== 200) throw new Error(`${this.who}: GET ${path} (${routeId} data) answered ${answer.status}`);
    return JSON.parse(Buffer.from(answer.body, "latin1").toString("utf8")) as T;
  }

  async signIn(role: DemoRole) {
    const account = DEMO_ACCOUNTS[role];
    const answer = await this.post("/sign-in", { _signIn: "1", email: account.email, password: account.password });
    if (answer.status !== 302 && answer.status !== 303) throw new Error(`signing in as ${role} answered ${answer.status}`);
    if (this.cookies.size === 0) throw new Error(`signing in as ${role} set no cookie`);
  }
}

/**
 * The request's headers, asking for no compression unless they say otherwise: what these tests read
 * is the same either way, and gzip on both ends cost the portal and the test process CPU on every one
 * of thousands of requests (browsers still get it: Chromium asks).
 */
export function uncompressed(headers: RequestInit["headers"]): Headers {
  const all = new Headers(headers);
  if (!all.has("accept-encoding")) all.set("accept-encoding", "identity");
  return all;
}
