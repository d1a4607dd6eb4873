// Keeps a log view scrolled to its newest line while the reader has not scrolled away from it.
import { useLayoutEffect, useRef } from 'react';

/** Keeps a scrolling box pinned to its end as text arrives, unless the reader scrolled up to look at something. */
export function useStickToBottom<T extends HTMLElement>(content: unknown) {
  const ref = useRef<T>(null);
  const isPinned = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the content changes, which is the point
  useLayoutEffect(() => {
    const element = ref.current;
    if (element && isPinned.current) element.scrollTop = element.scrollHeight;
  }, [content]);
  const onScroll = () => {
    const element = ref.current;
    if (element) isPinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  return { ref, onScroll };
}
