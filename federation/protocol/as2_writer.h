// Serializes the structs of as2.h to ActivityStreams JSON with Guildhall's
// @context. Output is deterministic: a fixed key order per type and empty
// fields left out, so it can be compared with golden files and signed once
// per destination. Never writes bto/bcc (AP §6.1: stripped before delivery).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "federation/protocol/as2.h"
#include "federation/protocol/json.h"

namespace guildhall::federation::as {

// ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1",
//  {Mastodon, Lemmy, Mobilizon and schema.org terms}]: every context Fedify
// knows offline plus an inline term map (fedify-peer-notes §4.1).
json::Value StandardContext();

std::string WriteActivity(const Activity& activity);
std::string WriteObject(const Object& object);
// `implements` (FEP-844e): what the software implements, as Links (href,
// name): `implements` on an Application, `generator.implements` otherwise.
std::string WriteActor(const Actor& actor, const std::vector<Link>& implements = {});
// A key on its own (`id`, `type` CryptographicKey, `owner`, `publicKeyPem`),
// what a keyId may resolve to: Fedify and Mastodon accept it in place of
// the owner's actor document.
std::string WriteKeyDocument(const PublicKeyInfo& key);
// Items come from `activities`, else `objects`, else `item_ids`; written as
// orderedItems for Ordered* types and items otherwise.
std::string WriteCollection(const Collection& collection);

// The same documents as DOM values (without @context), for embedding.
json::Value ActivityToJson(const Activity& activity);
json::Value ObjectToJson(const Object& object);
json::Value ActorToJson(const Actor& actor);
json::Value CollectionToJson(const Collection& collection);

}  // namespace guildhall::federation::as
