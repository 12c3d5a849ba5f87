import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';

/** Being built (issue 4). */
export const accessLogRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async () => {};
