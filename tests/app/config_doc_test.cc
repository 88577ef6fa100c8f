// Tests node/app/config_doc.cc: the sample config and the key reference are
// generated from the key table, and the committed sample is up to date.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "node/app/config.h"
#include "node/app/config_schema.h"

namespace guildhall::app {
namespace {

TEST(ConfigDoc, CommittedSampleEqualsGenerated) {
  std::ifstream in(GUILDHALL_SOURCE_DIR "/deploy/guildhall.sample.toml");
  ASSERT_TRUE(in) << "deploy/guildhall.sample.toml is missing";
  std::ostringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), SampleConfig())
      << "regenerate it: guildhall config sample > deploy/guildhall.sample.toml";
}

TEST(ConfigDoc, SampleParsesToTheDefaults) {
  auto sample = ParseConfig(SampleConfig(), "sample.toml");
  ASSERT_TRUE(sample) << sample.error().message;
  Config defaults = *DefaultConfig();
  sample->source = defaults.source;
  EXPECT_EQ(*sample, defaults);
}

TEST(ConfigDoc, SampleAndReferenceNameEveryKey) {
  std::string sample = SampleConfig();
  std::string reference = KeyReference();
  for (const KeyDef& def : ConfigKeys()) {
    EXPECT_NE(reference.find("  " + std::string(def.key) + "  "), std::string::npos) << def.key;
    std::string_view local = def.key.substr(def.key.find('.') + 1);
    bool listed = sample.find("\n" + std::string(local) + " = ") != std::string::npos ||
                  sample.find("[" + std::string(def.key) + "]") != std::string::npos;
    EXPECT_TRUE(listed) << def.key;
  }
  EXPECT_NE(sample.find("[federation.resolve]"), std::string::npos);
  EXPECT_NE(reference.find("One of: closed, allowlist, open."), std::string::npos);
}

TEST(ConfigDoc, EveryKeyBelongsToADeclaredSection) {
  for (const KeyDef& def : ConfigKeys()) {
    std::string_view section = def.key.substr(0, def.key.find('.'));
    bool declared = false;
    for (const SectionDef& s : ConfigSections()) declared |= s.name == section;
    EXPECT_TRUE(declared) << def.key;
    EXPECT_EQ(FindKey(def.key), &def);
  }
}

}  // namespace
}  // namespace guildhall::app
