import { createBrowserRouter, Navigate, NavLink, Outlet, RouterProvider, useLocation } from 'react-router';
import { AuthProvider, useAuth } from '../session/auth';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import type { PersistentStore } from '../storage/persistent-store';
import { StorageNotice, StorageProvider } from '../storage/StorageProvider';
import { ApprovalsPage } from '../pages/ApprovalsPage';
import { DashboardPage } from '../pages/DashboardPage';
import { ObservabilityPage } from '../pages/ObservabilityPage';
import { SignInPage } from '../pages/SignInPage';
import { LiveProvider } from '../streaming/LiveProvider';
import { MonitorProvider } from '../observability/monitor/MonitorProvider';

function Shell({ banner }: { banner?: string }) {
  const { session, signOut, persistenceWarning } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <div className="shell">
      <header className="shell__header">
        <p className="shell__brand">Agent Console</p>
        <nav aria-label="Main">
          <NavLink to="/dashboard">Dashboard</NavLink>
          <NavLink to="/approvals">Approvals</NavLink>
          <NavLink to="/observability">Observability</NavLink>
        </nav>
        <p className="shell__user">
          {session.user.name} <span className="badge">{session.user.role}</span>
        </p>
        <button type="button" className="link-button" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      {banner && (
        <p role="alert" aria-label="Mock backend" className="notice shell__banner">
          {banner}
        </p>
      )}
      {persistenceWarning && (
        <p role="status" className="notice shell__banner">
          {persistenceWarning}
        </p>
      )}
      <StorageNotice />
      {/* One live connection per signed-in tab; a new session gets a new one. */}
      <LiveProvider key={session.token}>
        <MonitorProvider>
          <main className="shell__main">
            <Outlet />
          </main>
        </MonitorProvider>
      </LiveProvider>
    </div>
  );
}

function RouteError() {
  return (
    <main className="sign-in" role="alert">
      <h1>Something in the console failed</h1>
      <p>The error was logged. Your saved work is kept; reload the page to continue.</p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </main>
  );
}

export function App({ banner, store }: { banner?: string; store: PersistentStore }) {
  const router = createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    {
      element: <Shell banner={banner} />,
      // Anything the page boundaries did not catch (a loader, the shell itself): never a blank screen.
      errorElement: <RouteError />,
      children: [
        {
          path: '/dashboard',
          element: (
            <ErrorBoundary what="The dashboard">
              <DashboardPage />
            </ErrorBoundary>
          ),
        },
        {
          path: '/approvals',
          element: (
            <ErrorBoundary what="The approval queue">
              <ApprovalsPage />
            </ErrorBoundary>
          ),
        },
        {
          path: '/observability',
          element: (
            <ErrorBoundary what="The observability page">
              <ObservabilityPage />
            </ErrorBoundary>
          ),
        },
      ],
    },
    { path: '*', element: <Navigate to="/dashboard" replace /> },
  ]);
  return (
    <StorageProvider store={store}>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </StorageProvider>
  );
}
