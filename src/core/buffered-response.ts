/**
 * A Response whose body was read in full (by a transport) or kept (by the cache), that costs next
 * to nothing to make: `text()` and `json()` hand out the text as is, and it is turned into bytes
 * or a stream only if a layer asks for them. Any layer may read or clone it, as any Response.
 */
export function bufferedResponse(text: string, init: ResponseInit): Response {
  BufferedResponse ??= defineBufferedResponse();
  return new BufferedResponse(text, init);
}

let BufferedResponse: ReturnType<typeof defineBufferedResponse> | undefined;

/**
 * The class is made on first use: naming the global `Response` at import would load Node's fetch
 * machinery (about 20 ms) in every process that imports the SDK, whether it sends or not.
 */
function defineBufferedResponse() {
  return class BufferedResponse extends Response {
    readonly #text: string;
    readonly #headersInit: HeadersInit | undefined;
    #headers: Headers | undefined;
    #used = false;

    constructor(text: string, init: ResponseInit) {
      super(null, { status: init.status, statusText: init.statusText });
      this.#text = text;
      this.#headersInit = init.headers;
    }

    /** Built when first asked for: the client itself never reads the headers of a success. */
    override get headers(): Headers {
      this.#headers ??= new Headers(this.#headersInit);
      return this.#headers;
    }

    override get bodyUsed(): boolean {
      return this.#used;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      if (this.#text === '') return null;
      return this.#consume(() => new Response(this.#text).body);
    }

    override text(): Promise<string> {
      try {
        return Promise.resolve(this.#consume(() => this.#text));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }

    override json(): Promise<unknown> {
      return this.text().then((text) => JSON.parse(text) as unknown);
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.text().then((text) => new TextEncoder().encode(text).buffer as ArrayBuffer);
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      return this.text().then((text) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>);
    }

    override blob(): Promise<Blob> {
      return this.text().then((text) => new Blob([text], { type: this.headers.get('content-type') ?? '' }));
    }

    override clone(): Response {
      if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
      return bufferedResponse(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
    }

    #consume<T>(read: () => T): T {
      if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
      this.#used = true;
      return read();
    }
  };
}
