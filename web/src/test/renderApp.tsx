import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { AppRoutes } from '../App';
import { makeQueryClient } from '../lib/queryClient';

let currentPath = '';
function LocationSpy() {
  const location = useLocation();
  currentPath = location.pathname + location.search;
  return null;
}

/** Renders the whole app at a path, as the browser would, with a fresh query cache. */
export function renderApp(path: string) {
  const client = makeQueryClient();
  const user = userEvent.setup();
  // A data router like the app's (see App), so `useBlocker` works in tests too.
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          <>
            <AppRoutes />
            <LocationSpy />
          </>
        ),
      },
    ],
    { initialEntries: [path] },
  );
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...view, user, client, router, path: () => currentPath };
}
