// A session's command history: the lines typed into the terminal, rebuilt from its input up to each Enter.
// An approximation by design: what the shell itself completes or recalls (Tab, the arrow keys) is not seen here.

const HISTORY_LIMIT = 100;
const LINE_LIMIT = 4096;

export class CommandHistory {
  private readonly lines: string[] = [];
  private current = '';
  /** Inside an escape sequence (arrow keys, function keys, bracketed paste markers), which is skipped. */
  private escape: 'none' | 'start' | 'csi' | 'ss3' = 'none';

  feed(input: string): void {
    for (const char of input) {
      if (this.skipEscape(char)) continue;
      const code = char.codePointAt(0) ?? 0;
      if (char === '\r' || char === '\n') this.commit();
      else if (code === 0x7f || code === 0x08) this.current = [...this.current].slice(0, -1).join('');
      // Ctrl-C and Ctrl-U abandon the line.
      else if (code === 0x03 || code === 0x15) this.current = '';
      else if (code === 0x1b) this.escape = 'start';
      else if (code >= 0x20 && this.current.length < LINE_LIMIT) this.current += char;
    }
  }

  list(): string[] {
    return [...this.lines];
  }

  private commit(): void {
    const line = this.current.trim();
    this.current = '';
    if (!line) return;
    this.lines.push(line);
    if (this.lines.length > HISTORY_LIMIT) this.lines.shift();
  }

  private skipEscape(char: string): boolean {
    switch (this.escape) {
      case 'none':
        return false;
      case 'start':
        this.escape = char === '[' ? 'csi' : char === 'O' ? 'ss3' : 'none';
        return true;
      case 'csi':
        // Parameters and intermediates run 0x20–0x3f; a final byte 0x40–0x7e ends the sequence.
        if (char >= '@' && char <= '~') this.escape = 'none';
        return true;
      case 'ss3':
        this.escape = 'none';
        return true;
    }
  }
}
