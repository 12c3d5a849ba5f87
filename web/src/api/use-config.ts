import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { PublicConfig } from './types';

/** Public settings (demo mode, idle timeout); they do not change while the app runs. */
export function useConfig() {
  return useQuery({
    queryKey: ['config'],
    queryFn: ({ signal }) => api<PublicConfig>('/config', { signal }),
    staleTime: Infinity,
  });
}
