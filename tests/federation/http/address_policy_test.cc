#include "federation/http/address_policy.h"

#include <gtest/gtest.h>

namespace guildhall::federation {
namespace {

TEST(AddressPolicy, RefusesSpecialRanges) {
  const char* refused[] = {
      "127.0.0.1",
      "127.255.0.9",
      "10.0.0.1",
      "10.255.255.255",
      "172.16.0.1",
      "172.31.255.254",
      "192.168.1.1",
      "169.254.169.254",
      "0.0.0.0",
      "0.1.2.3",
      "100.64.0.1",
      "100.127.255.1",
      "224.0.0.1",
      "239.1.1.1",
      "255.255.255.255",
      "240.0.0.1",
      "192.0.2.1",
      "198.18.0.1",
      "::1",
      "::",
      "::ffff:127.0.0.1",
      "::ffff:8.8.8.8",
      "::127.0.0.1",
      "fc00::1",
      "fd12:3456::1",
      "fe80::1",
      "ff02::1",
      "64:ff9b::7f00:1",
      "64:ff9b::808:808",
      "64:ff9b:1::1",
      "2002:7f00:1::1",
      "2001::1",
      "2001:db8::1",
      "fec0::1",
      "100::1",
  };
  for (const char* ip : refused) {
    EXPECT_FALSE(RefusedAddressReason(ip).empty()) << ip;
  }
}

TEST(AddressPolicy, AllowsPublicUnicast) {
  for (const char* ip : {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "100.128.0.1",
                         "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:4860::8888"}) {
    EXPECT_EQ(RefusedAddressReason(ip), "") << ip;
  }
}

TEST(AddressPolicy, NamesTheRange) {
  EXPECT_EQ(RefusedAddressReason("127.0.0.1"), "loopback");
  EXPECT_EQ(RefusedAddressReason("100.64.1.1"), "cgnat");
  EXPECT_EQ(RefusedAddressReason("64:ff9b::7f00:1"), "nat64");
  EXPECT_EQ(RefusedAddressReason("::ffff:127.0.0.1"), "ipv4-mapped");
  EXPECT_EQ(RefusedAddressReason("2002::1"), "6to4");
  EXPECT_EQ(RefusedAddressReason("not-an-ip"), "unparsable");
  EXPECT_EQ(RefusedAddressReason(""), "unparsable");
}

TEST(AddressPolicy, InNetwork) {
  EXPECT_TRUE(InNetwork("10.1.2.3", "10.0.0.0/8"));
  EXPECT_FALSE(InNetwork("11.1.2.3", "10.0.0.0/8"));
  EXPECT_TRUE(InNetwork("127.0.0.2", "127.0.0.2"));
  EXPECT_FALSE(InNetwork("127.0.0.1", "127.0.0.2/32"));
  EXPECT_TRUE(InNetwork("fd00::5", "fd00::/8"));
  EXPECT_FALSE(InNetwork("10.0.0.1", "fd00::/8"));
  EXPECT_FALSE(InNetwork("10.0.0.1", "10.0.0.0/33"));
  EXPECT_FALSE(InNetwork("10.0.0.1", "garbage/8"));
}

}  // namespace
}  // namespace guildhall::federation
