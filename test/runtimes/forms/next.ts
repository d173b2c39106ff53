// What `next build` checks of a route's exports (its generated .next/types/validator.ts), held
// under each TypeScript the type tests run, not only the one Next.js runs.
import type { NextRequest } from 'next/server';
import * as route from '../app/v1/feedback/route';

type RouteHandler = (request: NextRequest, context: { params: Promise<{}> }) => Promise<Response | void> | Response | void;

export const checked: RouteHandler[] = [route.POST, route.OPTIONS];
