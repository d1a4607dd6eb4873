// Keeps /ws/dashboard open while signed in and turns server events into query invalidations.
import { useQueryClient } from '@tanstack/react-query';
import ReconnectingWebSocket from 'partysocket/ws';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { refreshSession } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { getAccessToken, isAccessTokenStale, onAccessTokenChange } from '../api/tokenStore';
import { useAbility } from '../auth/ability';
import { useAuth } from '../auth/authContext';
import { modulesFor } from '../modules/registry';
import { LiveContext, type LiveStatus } from './liveContext';
import { buildLiveRouting } from './liveRouting';
import { parseServerEvent } from './serverEvent';

/** The studio closes with this code when the token is missing, invalid or its session has ended. */
const CLOSE_UNAUTHORIZED = 4401;

function socketUrl(token: string): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/ws/dashboard?token=${encodeURIComponent(token)}`;
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const { status: authStatus, me } = useAuth();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('offline');
  const ability = useAbility();
  const role = me?.user.role;
  const routing = useMemo(() => (role ? buildLiveRouting(modulesFor({ role, ability })) : null), [role, ability]);
  const isSignedIn = authStatus === 'authenticated';

  useEffect(() => {
    if (!isSignedIn || !routing) return;
    let tokenInUse: string | null = null;
    let mustRefresh = false;
    const topicsWithState = new Set<string>();

    const socket = new ReconnectingWebSocket(
      async () => {
        // A token refused before, or about to expire, would be refused at the upgrade: refresh it first.
        if (mustRefresh || isAccessTokenStale()) await refreshSession();
        mustRefresh = false;
        tokenInUse = getAccessToken();
        if (!tokenInUse) throw new Error('Signed out');
        return socketUrl(tokenInUse);
      },
      null,
      { minReconnectionDelay: 1000 + Math.random() * 1000, maxReconnectionDelay: 30_000, connectionTimeout: 8000 },
    );

    const subscribe = () => socket.send(JSON.stringify({ type: 'subscribe', topics: routing.topics }));

    const onOpen = () => setStatus('connecting');
    const onClose = (event: { code: number }) => {
      if (event.code === CLOSE_UNAUTHORIZED) mustRefresh = true;
      setStatus('offline');
    };
    const onMessage = (event: MessageEvent) => {
      const message = parseServerEvent(event.data);
      if (!message) return;
      // The token in the URL is checked asynchronously: subscribing earlier would be refused.
      if (message.type === 'authenticated') return subscribe();
      if (message.type === 'subscribed') return setStatus('live');
      if (message.type === 'system_stats') queryClient.setQueryData(queryKeys.systemStats, message.data);
      let keys = routing.keysForEvent(message.type);
      if (message.type === 'initial_state' && message.topic) {
        // A second initial state means a reconnect: refetch whatever may have changed while offline.
        keys = topicsWithState.has(message.topic) ? routing.keysForTopic(message.topic) : [];
        topicsWithState.add(message.topic);
      }
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };

    socket.addEventListener('open', onOpen);
    socket.addEventListener('close', onClose);
    socket.addEventListener('message', onMessage);
    setStatus('connecting');

    const stopWatchingToken = onAccessTokenChange((token) => {
      if (token && token !== tokenInUse && socket.readyState === socket.OPEN) socket.reconnect();
    });

    return () => {
      stopWatchingToken();
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('close', onClose);
      socket.removeEventListener('message', onMessage);
      socket.close();
      setStatus('offline');
    };
  }, [isSignedIn, routing, queryClient]);

  return <LiveContext.Provider value={status}>{children}</LiveContext.Provider>;
}
