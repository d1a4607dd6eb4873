// Providers in dependency order: queries, session, permissions, live updates, router.
import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/queryClient';
import { AbilityProvider } from './auth/AbilityProvider';
import { AuthProvider } from './auth/AuthProvider';
import { LiveProvider } from './live/LiveProvider';
import { AppRoutes } from './routes';
import { FullPageSpinner } from './ui/Spinner';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <AbilityProvider>
          <LiveProvider>
            <BrowserRouter>
              <Suspense fallback={<FullPageSpinner />}>
                <AppRoutes />
              </Suspense>
            </BrowserRouter>
          </LiveProvider>
        </AbilityProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
}
