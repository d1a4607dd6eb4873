// The route tree: public auth pages, then every module's pages inside the signed-in layout.
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAbility } from './auth/ability';
import { useMe } from './auth/authContext';
import { RequireAuth } from './auth/RequireAuth';
import { AccessGate } from './layout/AccessGate';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { modules, modulesFor } from './modules/registry';

const LoginPage = lazy(() => import('./auth/pages/LoginPage'));
const RegisterPage = lazy(() => import('./auth/pages/RegisterPage'));
const AcceptInvitePage = lazy(() => import('./auth/pages/AcceptInvitePage'));

/** `/` opens the first page the caller may use. */
function HomeRedirect() {
  const me = useMe();
  const ability = useAbility();
  const first = modulesFor({ role: me.user.role, ability })[0]?.nav[0]?.path;
  return first ? <Navigate to={first} replace /> : <NotFoundPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/accept-invite" element={<AcceptInvitePage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRedirect />} />
        {modules.flatMap((module) =>
          module.routes.map((route) => {
            const key = `${module.id}:${route.path}`;
            if ('redirectTo' in route) {
              return <Route key={key} path={route.path} element={<Navigate to={route.redirectTo} replace />} />;
            }
            const Page = route.component;
            return (
              <Route
                key={key}
                path={route.path}
                element={
                  <AccessGate minimum={route.requiredRole ?? module.requiredRole} requires={route.requires}>
                    <Page />
                  </AccessGate>
                }
              />
            );
          }),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
