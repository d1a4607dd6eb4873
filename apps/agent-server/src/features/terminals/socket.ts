// The terminal WebSocket: binary frames are raw terminal bytes both ways; text frames are JSON control messages
// (`resize` and `input` from the client; `ready`, `exit` and `error` from the node).
import type { WebSocket } from '@fastify/websocket';
import { type TerminalServerMessage, terminalClientMessageSchema } from '@mcp-studio/protocol';
import { NodeError } from '../../platform/http/errors.js';
import type { TerminalService } from './service.js';
import type { TerminalClient, TerminalSession } from './session.js';

/** Above this many unsent bytes on a socket the PTY is paused; below the low mark it resumes. */
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 128 * 1024;

type Frame = Buffer | ArrayBuffer | Buffer[];

/** A client's mistake, answered with an `error` message; the socket stays open. */
class ControlMessageError extends Error {}

function bytesOf(frame: Frame): Buffer {
  if (Buffer.isBuffer(frame)) return frame;
  if (Array.isArray(frame)) return Buffer.concat(frame);
  return Buffer.from(frame);
}

export function bridgeTerminalSocket(socket: WebSocket, session: TerminalSession, terminals: TerminalService): void {
  const isOpen = () => socket.readyState === socket.OPEN;
  const sendControl = (message: TerminalServerMessage) => {
    if (isOpen()) socket.send(JSON.stringify(message));
  };

  const client: TerminalClient = {
    output(chunk) {
      if (!isOpen()) return;
      socket.send(chunk, { binary: true }, () => {
        if (socket.bufferedAmount < LOW_WATER) session.setCongested(client, false);
      });
      if (socket.bufferedAmount > HIGH_WATER) session.setCongested(client, true);
    },
    exit(exitCode, signal) {
      sendControl({ type: 'exit', exitCode, signal });
      socket.close(1000, 'terminal exited');
    },
  };

  const detach = session.attach(client);
  const { history: _history, ...presented } = terminals.present(session);
  sendControl({ type: 'ready', session: presented });
  socket.on('close', detach);
  socket.on('error', detach);

  socket.on('message', (frame: Frame, isBinary: boolean) => {
    try {
      if (isBinary) {
        terminals.input(session.id, bytesOf(frame).toString('utf8'));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytesOf(frame).toString('utf8'));
      } catch {
        throw new ControlMessageError('Text frames must be JSON control messages; send input as binary frames');
      }
      const message = terminalClientMessageSchema.safeParse(parsed);
      if (!message.success)
        throw new ControlMessageError(`Unknown control message: ${message.error.issues[0]?.message ?? ''}`);
      if (message.data.type === 'resize') session.resize(message.data.cols, message.data.rows);
      else if (message.data.data) terminals.input(session.id, message.data.data);
    } catch (err) {
      const isSafe = err instanceof NodeError || err instanceof ControlMessageError;
      sendControl({ type: 'error', message: isSafe ? err.message : 'The input could not be delivered' });
    }
  });
}
