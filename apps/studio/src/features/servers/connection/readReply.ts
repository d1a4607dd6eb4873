// A Response for a reply the studio has already read: what the SDK's transports get instead of a body stream.

/**
 * A reply already read whole (bytes) or parsed (a value): its body is answered from memory, without the web stream
 * a Response body is read through. The SDK reads replies with `json()` and `text()`.
 */
export class ReadReply extends Response {
  constructor(
    private readonly content: Buffer | unknown,
    private readonly init: ResponseInit,
  ) {
    super(null, init);
  }

  // TextDecoder, as Response.text() does: a byte-order mark is dropped.
  override readonly text = async (): Promise<string> =>
    this.content instanceof Buffer ? new TextDecoder().decode(this.content) : JSON.stringify(this.content);

  override readonly json = async (): Promise<unknown> =>
    this.content instanceof Buffer ? JSON.parse(await this.text()) : this.content;

  override readonly arrayBuffer = async (): Promise<ArrayBuffer> => {
    const bytes = this.content instanceof Buffer ? this.content : Buffer.from(await this.text());
    return new Uint8Array(bytes).buffer;
  };

  override readonly clone = (): Response => new ReadReply(this.content, this.init);
}
