import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AccessLogPage, Period } from './types';

interface PageParam {
  cursor: string;
  period: Period;
}

/**
 * The log, page by page, newest first. Without a period the server chooses the last 30 days; the
 * next pages ask for the period the first page got, so that midnight between two presses of
 * "Meer laden" changes nothing.
 */
export function useAccessLog(clientId: string, period: Period | null) {
  return useInfiniteQuery({
    queryKey: ['portal', clientId, 'access-log', period?.from ?? null, period?.to ?? null],
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams();
      const asked = pageParam?.period ?? period;
      if (asked) {
        query.set('from', asked.from);
        query.set('to', asked.to);
      }
      if (pageParam) query.set('cursor', pageParam.cursor);
      const search = query.toString();
      return api<AccessLogPage>(`/portals/${encodeURIComponent(clientId)}/access-log${search ? `?${search}` : ''}`, {
        signal,
      });
    },
    initialPageParam: null as PageParam | null,
    getNextPageParam: (last): PageParam | null =>
      last.nextCursor ? { cursor: last.nextCursor, period: { from: last.from, to: last.to } } : null,
    // Every visit shows what happened up to now.
    staleTime: 0,
  });
}
