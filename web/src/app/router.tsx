import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { RootLayout } from './root-layout';
import { RouteError } from './route-error';

/**
 * Every page is loaded lazily, so that the login page loads no code of the other pages.
 * The URLs are Dutch: the users are.
 */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: null,
    children: [
      { index: true, element: <Navigate to="/portalen" replace /> },
      {
        path: 'inloggen',
        lazy: async () => ({ Component: (await import('../features/auth/login-page')).LoginPage }),
      },
      {
        path: 'inloggen/code',
        lazy: async () => ({ Component: (await import('../features/auth/sms-page')).SmsPage }),
      },
      {
        path: 'wachtwoord-vergeten',
        lazy: async () => ({
          Component: (await import('../features/auth/forgot-password-page')).ForgotPasswordPage,
        }),
      },
      {
        path: 'wachtwoord-herstellen',
        lazy: async () => ({
          Component: (await import('../features/auth/reset-password-page')).ResetPasswordPage,
        }),
      },
      {
        path: 'uitnodiging',
        lazy: async () => ({
          Component: (await import('../features/invitations/invitation-page')).InvitationPage,
        }),
      },
      {
        path: 'hulp',
        lazy: async () => ({ Component: (await import('../features/helpdesk/helpdesk-page')).HelpdeskPage }),
      },
      {
        // The link in the mail that confirms a new e-mail address (R28). Works without a session.
        path: 'e-mail-bevestigen',
        lazy: async () => ({
          Component: (await import('../features/account/confirm-email-page')).ConfirmEmailPage,
        }),
      },
      {
        path: 'outbox',
        lazy: async () => ({ Component: (await import('../features/outbox/outbox-page')).OutboxPage }),
      },
      {
        lazy: async () => ({ Component: (await import('../features/auth/require-session')).RequireSession }),
        children: [
          {
            path: 'portalen',
            lazy: async () => ({
              Component: (await import('../features/portal/portal-chooser-page')).PortalChooserPage,
            }),
          },
          {
            // The same page for a person without any portal (staff, for now).
            path: 'mijn-gegevens',
            lazy: async () => ({
              Component: (await import('../features/account/my-details-page')).StandaloneMyDetailsPage,
            }),
          },
          {
            path: 'p/:clientId',
            lazy: async () => ({ Component: (await import('../features/portal/portal-shell')).PortalShell }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import('../features/portal/overview-page')).OverviewPage,
                }),
              },
              {
                path: 'mijn-gegevens',
                lazy: async () => ({
                  Component: (await import('../features/account/my-details-page')).MyDetailsPage,
                }),
              },
              {
                // Beheerinstellingen (R26, R27): the network and each person's rights.
                path: 'beheer',
                lazy: async () => ({
                  Component: (await import('../features/network/network-page')).NetworkPage,
                }),
              },
              {
                // Invite a person into the network (R26).
                path: 'beheer/uitnodigen',
                lazy: async () => ({
                  Component: (await import('../features/network/invite-page')).InvitePage,
                }),
              },
              {
                // One person's rights, end date and removal (R26, R27).
                path: 'beheer/persoon/:personId',
                lazy: async () => ({
                  Component: (await import('../features/network/member-page')).MemberPage,
                }),
              },
              {
                // "Wie heeft wat bekeken" (N2), part of Beheerinstellingen.
                path: 'beheer/wie-heeft-wat-bekeken',
                lazy: async () => ({
                  Component: (await import('../features/access-log/access-log-page')).AccessLogPage,
                }),
              },
            ],
          },
        ],
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./not-found-page')).NotFoundPage }),
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}

export type AppRouter = ReturnType<typeof createAppRouter>;
