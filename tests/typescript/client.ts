// Typed clients of the Social Post API and of the mock's control API: openapi-fetch over the
// types openapi-typescript generates from openapi.yaml (schema.ts) and server/control.yaml
// (control-schema.ts). Nothing here is written by hand but the wiring.
import createClient from "openapi-fetch";
import type { Client } from "openapi-fetch";

import type { paths as ControlPaths } from "./control-schema.js";
import type { components, paths } from "./schema.js";

export type SocialPost = components["schemas"]["SocialPost"];
export type SocialPostCreate = components["schemas"]["SocialPostCreate"];
export type SocialPostUpdate = components["schemas"]["SocialPostUpdate"];
type ListQuery = NonNullable<paths["/brands/{brand}/social-posts"]["get"]["parameters"]["query"]>;
export type Association = NonNullable<ListQuery["associations"]>;

export function socialPostClient(baseUrl: string, token: string): Client<paths> {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

/** The control API lives under /_mock (its document's servers entry). */
export function controlClient(baseUrl: string): Client<ControlPaths> {
  return createClient<ControlPaths>({ baseUrl: `${baseUrl}/_mock` });
}
