import { vi } from 'vitest';

/**
 * XMLHttpRequest for tests: sends through `fetch` (so `mockApi` answers it) and reports upload
 * progress at half and at the end, as a browser does for a large body.
 */
export class FakeXhr {
  static progress: number[] = [];
  /** When set, the answer waits for it (a test looks at the page mid-upload). */
  static hold: Promise<void> | null = null;
  method = 'GET';
  url = '';
  status = 0;
  responseText = '';
  withCredentials = false;
  private headers = new Headers();
  private responseHeaders = new Headers();
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers.set(name, value);
  }

  getResponseHeader(name: string) {
    return this.responseHeaders.get(name);
  }

  send(body: FormData) {
    const total = 1000;
    for (const loaded of [total / 2, total]) {
      FakeXhr.progress.push(loaded / total);
      this.upload.onprogress?.({ lengthComputable: true, loaded, total });
    }
    const request = new Request(new URL(this.url, 'http://localhost'), { method: this.method, headers: this.headers, body });
    void (FakeXhr.hold ?? Promise.resolve())
      .then(() => (globalThis.fetch as (r: Request) => Promise<Response>)(request))
      .then(
      async (response) => {
        this.status = response.status;
        this.responseHeaders = response.headers;
        this.responseText = await response.text();
        this.onload?.();
      },
      () => this.onerror?.(),
    );
  }
}

export function fakeXhr() {
  FakeXhr.progress = [];
  FakeXhr.hold = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
}
