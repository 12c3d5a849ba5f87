import { Outlet } from 'react-router';
import { ApiError } from '../../api/client';
import { PublicFrame } from '../../components/frames';
import { LoadError, Loading } from '../../components/status';
import { useMe } from './use-me';

/**
 * The pages behind the login. Nothing of them renders before /api/me answers, so that after
 * logging out the browser's back button shows no portal content.
 */
export function RequireSession() {
  const me = useMe();
  if (me.isSuccess) return <Outlet />;
  // A 401 is already on its way to the login page (see main.tsx).
  const sessionGone = me.error instanceof ApiError && me.error.status === 401;
  return (
    <PublicFrame narrow>
      {me.isError && !sessionGone ? (
        <LoadError heading="h1" error={me.error} onRetry={() => void me.refetch()} />
      ) : (
        <Loading />
      )}
    </PublicFrame>
  );
}
