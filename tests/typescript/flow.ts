// The whole life of a post through the typed clients, against a live mock: list with every
// association, stats, create, update, the clock moves, the post is published, delete, 404.
// Usage: node dist/flow.js '{"baseUrl": ..., "token": ..., "brand": ..., "page": ...,
// "templateInstance": ...}'. Prints one JSON line per step; exits non-zero on the first failure.
import { controlClient, socialPostClient } from "./client.js";
import type { Association, SocialPost } from "./client.js";

interface Fixture {
  baseUrl: string;
  token: string;
  brand: string;
  page: string;
  templateInstance: string;
}

const ALL_ASSOCIATIONS: Association = [
  "social_post.template_instance", "social_post.asset", "social_post.owner",
  "template_instance.template",
];

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

function step(name: string, detail: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ step: name, ...detail }));
}

function answered(response: Response, error: unknown): string {
  return `${response.status} ${JSON.stringify(error ?? null)}`;
}

async function flow(fixture: Fixture): Promise<void> {
  const api = socialPostClient(fixture.baseUrl, fixture.token);
  const control = controlClient(fixture.baseUrl);
  const brand = fixture.brand;

  // openapi-fetch sends arrays as repeated keys (associations=a&associations=b), its default.
  const listed = await api.GET("/brands/{brand}/social-posts", {
    params: { path: { brand }, query: { status: "executed", associations: ALL_ASSOCIATIONS } },
  });
  check(listed.data !== undefined, `list answered ${answered(listed.response, listed.error)}`);
  const sent = new URL(listed.response.url).searchParams.getAll("associations");
  check(sent.length === ALL_ASSOCIATIONS.length, `associations sent as ${JSON.stringify(sent)}`);
  const posts: SocialPost[] = listed.data.data;
  check(posts.length > 0, "the document's brand lists no executed post");
  check(posts.every((post) => post.owner !== undefined && post.asset !== undefined),
        "an association asked for is missing from a post");
  const template = posts.map((post) => post.template_instance?.template).find((t) => t);
  check(template !== undefined && template !== null && template.type === "template",
        "no template instance carries its template (template_instance.template)");
  step("list", { count: listed.data.info.count, total: listed.data.info.total,
                 associations: sent, template: template.name });

  const stats = await api.GET("/brands/{brand}/social-posts/stats", {
    params: { path: { brand }, query: { status: "executed" } },
  });
  check(stats.data !== undefined, `stats answered ${answered(stats.response, stats.error)}`);
  const { type, ...counts } = stats.data;
  const counted = Object.values(counts).reduce((sum, count) => sum + Number(count ?? "0"), 0);
  check(type === "social_post_stats" && counted === listed.data.info.total,
        `stats count ${counted} executed posts, the list ${listed.data.info.total}`);
  step("stats", { counts });

  const clock = await control.GET("/clock");
  check(clock.data !== undefined, `clock answered ${answered(clock.response, clock.error)}`);
  const dueAt = Math.round(clock.data.now) + 600;
  const created = await api.POST("/brands/{brand}/social-posts", {
    params: { path: { brand }, query: { associations: ["social_post.template_instance"] } },
    // The body of the bug report: the other source sent as null.
    body: { facebook_page: fixture.page, template_instance: fixture.templateInstance,
            asset: null, due_at: dueAt, caption: "[typed client] created" },
  });
  check(created.data !== undefined, `create answered ${answered(created.response, created.error)}`);
  const post = created.data.data;
  check(post.template_instance?.id === fixture.templateInstance && post.due_at === dueAt
        && post.executed_at === null, `the created post is not as sent: ${JSON.stringify(post)}`);
  step("create", { id: post.id, due_at: post.due_at });

  const path = { brand, socialPostId: post.id };
  const updated = await api.PUT("/brands/{brand}/social-posts/{socialPostId}", {
    params: { path },
    body: { caption: "[typed client] updated", due_at: dueAt + 600 },
  });
  check(updated.data !== undefined, `update answered ${answered(updated.response, updated.error)}`);
  check(updated.data.data.caption === "[typed client] updated"
        && updated.data.data.due_at === dueAt + 600, "the update did not take");
  step("update", { caption: updated.data.data.caption, due_at: updated.data.data.due_at });

  const moved = await control.POST("/clock", { body: { advance: 1800 } });
  check(moved.data !== undefined, `clock move answered ${answered(moved.response, moved.error)}`);
  const transition = moved.data.transitions.find((t) => t.post === post.id);
  check(transition?.to === "published", `the post did not publish: ${JSON.stringify(moved.data)}`);
  step("advance", { now: moved.data.iso, transition });

  const executed = await api.GET("/brands/{brand}/social-posts", {
    params: { path: { brand }, query: { status: "executed", order: "-executed_at" } },
  });
  check(executed.data !== undefined, `list answered ${answered(executed.response, executed.error)}`);
  const published = executed.data.data.find((p) => p.id === post.id);
  check(published !== undefined && published.executed_at !== null
        && published.post_link !== null && published.failed_at === null,
        `the post is not listed as published: ${JSON.stringify(published)}`);
  step("published", { executed_at: published.executed_at, post_link: published.post_link });

  const deleted = await api.DELETE("/brands/{brand}/social-posts/{socialPostId}", {
    params: { path },
  });
  check(deleted.response.status === 204,
        `delete answered ${answered(deleted.response, deleted.error)}`);
  step("delete", { status: deleted.response.status });

  const again = await api.DELETE("/brands/{brand}/social-posts/{socialPostId}", {
    params: { path },
  });
  check(again.response.status === 404 && again.error !== undefined,
        `a second delete answered ${answered(again.response, again.error)}`);
  // Either error body the contract admits carries the real server's code and message.
  check(again.error.code === "ResourceNotFound" && typeof again.error.message === "string",
        `the 404 body lacks code/message: ${JSON.stringify(again.error)}`);
  step("deleted", { status: again.response.status, code: again.error.code });
}

const fixture = JSON.parse(process.argv[2] ?? "{}") as Fixture;
flow(fixture).then(
  () => step("done"),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
