/**
 * A route added by user code (`app.routerAdd`), as the HTTP layer serves it. The HTTP layer hands
 * over a plain view of the request; the route answers with a CustomResponse, or undefined for 204.
 */
import type { CustomResponse } from './custom-response.js';
import type { Requester, RequestInfo } from './request.js';

export interface RouteRequest {
  method: string;
  url: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  requester: Requester;
  /** parses the body (JSON, urlencoded, multipart fields) */
  readBody(): Promise<Record<string, unknown>>;
  /** what rules see of the request, with `body` */
  info(body: Record<string, unknown>): RequestInfo;
}

export interface CustomRoute {
  /** upper-case HTTP method */
  readonly method: string;
  /** the path as written, with `{name}` segments */
  readonly path: string;
  /** the hook file that added it */
  readonly source: string;
  serve(req: RouteRequest): Promise<CustomResponse | undefined>;
}
