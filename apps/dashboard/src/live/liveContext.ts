// Connection state of the dashboard WebSocket, for the header indicator.
import { createContext, useContext } from 'react';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export const LiveContext = createContext<LiveStatus>('offline');

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext);
}
