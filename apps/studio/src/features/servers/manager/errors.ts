// Local errors the connection manager raises; the gateway maps them to HTTP statuses (busy → 503).

/** The server's wait queue is full: the caller should answer 503 `server_busy`. */
export class ServerBusyError extends Error {
  readonly code = 'server_busy';
  constructor(readonly serverId: string) {
    super(`Server ${serverId} is busy: all request slots and queue places are taken`);
    this.name = 'ServerBusyError';
  }
}

/** The server crashed in a loop and is not restarted until `restart()` is called. */
export class ServerDownError extends Error {
  readonly code = 'server_down';
  constructor(
    readonly serverId: string,
    readonly lastStderr: string[] = [],
  ) {
    super(`Server ${serverId} is down after repeated crashes; restart it to try again`);
    this.name = 'ServerDownError';
  }
}

/** The request took longer than the server's per-request timeout; the connection stays usable. */
export class RequestTimeoutError extends Error {
  readonly code = 'request_timeout';
  constructor(
    readonly serverId: string,
    readonly timeoutMs: number,
  ) {
    super(`Request to server ${serverId} timed out after ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** The connection ended (the process exited, or it was closed) while a request was in flight. */
export class ConnectionLostError extends Error {
  readonly code = 'connection_lost';
  constructor(
    readonly serverId: string,
    detail: string,
  ) {
    super(`Connection to server ${serverId} was lost: ${detail}`);
    this.name = 'ConnectionLostError';
  }
}

/** The caller went away (closed its HTTP request) before the answer: the call was cancelled upstream. */
export class RequestCancelledError extends Error {
  readonly code = 'request_cancelled';
  constructor(readonly serverId: string) {
    super(`Request to server ${serverId} was cancelled by its caller`);
    this.name = 'RequestCancelledError';
  }
}
