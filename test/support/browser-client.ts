/**
 * A small HTTP client that behaves like a browser without JavaScript: it keeps
 * cookies, follows redirects and can fill in the form it last saw (CSRF included).
 */
export class FormClient {
  private cookies = new Map<string, string>();
  lastUrl = '';
  lastHtml = '';
  lastStatus = 0;

  private static clients = 0;
  /** Each client is its own user with its own address (sent as X-Forwarded-For; the test server trusts it). */
  readonly ip: string;
  /** sent as User-Agent with every request, when set */
  userAgent: string | undefined;

  constructor(readonly baseUrl: string, ip?: string) {
    FormClient.clients += 1;
    this.ip = ip ?? `192.0.2.${FormClient.clients % 250}`.replace('192.0.2.', `198.51.${Math.floor(FormClient.clients / 250)}.`);
  }

  /** The names of the cookies this client holds, sorted. */
  cookieNames(): string[] {
    return [...this.cookies.keys()].sort();
  }

  /** The cookies this client holds, to hand a session on to a real browser. */
  cookieList(): [string, string][] {
    return [...this.cookies];
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
    let url = new URL(path, this.baseUrl).toString();
    let response: Response;
    for (let hops = 0; ; hops++) {
      const agent: Record<string, string> = this.userAgent ? { 'user-agent': this.userAgent } : {};
      response = await fetch(url, { method, body, headers: { cookie: this.cookieHeader(), 'x-forwarded-for': this.ip, ...agent, ...headers }, redirect: 'manual' });
      this.remember(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location && hops < 10) {
        url = new URL(location, url).toString();
        method = 'GET';
        body = undefined;
        headers = {};
        continue;
      }
      break;
    }
    this.lastUrl = url;
    this.lastStatus = response.status;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/html')) this.lastHtml = await response.clone().text();
    return response;
  }

  get(path: string) {
    return this.request('GET', path);
  }

  csrf(): string {
    const match = this.lastHtml.match(/name="_csrf" value="([^"]+)"/);
    if (!match) throw new Error(`no CSRF token on ${this.lastUrl}`);
    return match[1]!;
  }

  /**
   * Posts the first form whose action contains `actionPart` (or the first form) on the last page; a
   * button's own `formaction` counts as a form of its own.
   */
  postForm(fields: Record<string, string>, actionPart = '', options: { csrf?: string | null } = {}) {
    const forms = [...this.lastHtml.matchAll(/<(?:form|button)\b[^>]*?\s(?:form)?action="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    // an exact action wins over one that merely contains the part
    const action = forms.find((a) => a === actionPart) ?? forms.find((a) => a.includes(actionPart));
    if (!action) throw new Error(`no form with action ${actionPart} on ${this.lastUrl}`);
    const params = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrf() : options.csrf;
    if (token !== null) params.set('_csrf', token);
    for (const [k, v] of Object.entries(fields)) params.set(k, v);
    return this.request('POST', new URL(action, this.lastUrl).toString(), params.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
  }

  /** Posts files as multipart, as the upload form does; `fields` come after the files, like a form's submit button. */
  postFiles(path: string, files: { name: string; bytes: Uint8Array; type?: string }[], options: { csrf?: string | null; fields?: Record<string, string> } = {}) {
    const form = new FormData();
    const token = options.csrf === undefined ? this.csrf() : options.csrf;
    if (token !== null) form.set('_csrf', token);
    for (const f of files) form.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }), f.name);
    for (const [k, v] of Object.entries(options.fields ?? {})) form.append(k, v);
    return this.request('POST', path, form);
  }

  /** Text of the page without tags, for assertions on what a reader sees. */
  text(): string {
    return this.lastHtml
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;|&#34;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ');
  }

  /** The message shown at a field, found through its aria-describedby error id. */
  fieldError(name: string): string | null {
    const m = this.lastHtml.match(new RegExp(`id="f-${name}-error"[^>]*>([\\s\\S]*?)</p>`));
    return m ? m[1]!.replace(/<[^>]+>/g, '').replace('Fehler: ', '').trim() : null;
  }
}
