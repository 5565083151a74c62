// Compile-time facts about the generated types: tsc fails if any of these stops holding. Never
// run, only compiled (every body the mock accepts must type-check; some it rejects must not).
import type { Association, SocialPostCreate, SocialPostUpdate } from "./client.js";
import { socialPostClient } from "./client.js";

const PAGE = "5383b70e-bd8f-481f-a605-0664736def2d";
const INSTANCE = "8e6b780b-ae31-4277-bdbd-42f0663ac8ff";
const ASSET = "55f4cb8e-f8fc-414e-bffa-6dbcc8d919a4";

// Bodies the mock accepts, including the other source sent as null (the document's update does).
export const accepted: SocialPostCreate[] = [
  { facebook_page: PAGE, template_instance: INSTANCE, asset: null },
  { facebook_page: PAGE, asset: ASSET, template_instance: null, due_at: null },
  { facebook_page: PAGE, template_instance: INSTANCE },
  { facebook_page: PAGE, asset: ASSET, due_at: 1769132000.364, caption: "testAsset" },
];
export const updates: SocialPostUpdate[] = [
  { due_at: 1769133200.424, template_instance: INSTANCE, facebook_page: PAGE, asset: null },
  { template_instance: null, asset: ASSET },
  { due_at: null },
];
export const associations: Association = [
  "social_post.template_instance", "social_post.asset", "social_post.owner",
  "template_instance.template",
];

// Bodies the contract rejects and the types can see.
// @ts-expect-error facebook_page is required
export const noPage: SocialPostCreate = { template_instance: INSTANCE };
// @ts-expect-error a caption is a string
export const numericCaption: SocialPostCreate = { facebook_page: PAGE, asset: ASSET, caption: 7 };
// @ts-expect-error unknown fields are rejected
export const unknownField: SocialPostUpdate = { pinned: true };
// @ts-expect-error no association of that name
export const unknownAssociation: Association = ["social_post.brand"];

// Through openapi-fetch, the create body of the bug report: the null-only branch was `never`.
export async function createWithNullAsset(baseUrl: string, brand: string): Promise<void> {
  await socialPostClient(baseUrl, "test-token").POST("/brands/{brand}/social-posts", {
    params: { path: { brand } },
    body: { facebook_page: PAGE, template_instance: INSTANCE, asset: null },
  });
}
