import { describe, expect, it } from 'vitest';
import { summarizeMessage, summaryText } from './transcriptSummary';

describe('transcript lines', () => {
  it('tells requests, notifications, responses and errors apart', () => {
    expect(summarizeMessage({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: {} })).toEqual({
      kind: 'request',
      method: 'tools/call',
      id: '3',
    });
    expect(summarizeMessage({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 3 } })).toEqual({
      kind: 'notification',
      method: 'notifications/cancelled',
    });
    expect(summarizeMessage({ jsonrpc: '2.0', id: 'a', result: {} })).toEqual({ kind: 'response', id: 'a' });
    expect(summarizeMessage({ jsonrpc: '2.0', id: 4, error: { code: -32602, message: 'Invalid params' } })).toEqual({
      kind: 'error',
      id: '4',
      message: 'Invalid params',
    });
    expect(summarizeMessage([1, 2])).toEqual({ kind: 'unknown' });
  });

  it('reads the method and id from the start of a message cut for length', () => {
    const cut = '{"jsonrpc":"2.0","id":12,"method":"tools/call","params":{"name":"echo","arguments":{"message":"aaaa';
    expect(summarizeMessage(cut)).toEqual({ kind: 'request', method: 'tools/call', id: '12' });
    expect(summarizeMessage('{"jsonrpc":"2.0","id":"x-1","result":{"content":[{"type":"text","text":"aaa')).toEqual({
      kind: 'response',
      id: 'x-1',
    });
  });

  it('gives the text a filter matches', () => {
    expect(summaryText({ kind: 'request', method: 'tools/call', id: '3' })).toBe('tools/call #3');
    expect(summaryText({ kind: 'error', id: '4', message: 'Invalid params' })).toBe('#4 Invalid params');
  });
});
