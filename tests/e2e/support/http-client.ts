/**
 * A person's browser reduced to what a test over plain HTTP needs: one cookie jar,
 * forms posted from the site's own pages (Origin set), redirects not followed, and
 * a time limit on every request (a request that hangs is a failure, not a wait).
 */
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
        headers: { ...(init.headers as Record<string, string>), ...(jar.size ? { cookie: cookie() } : {}) },
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
