// BodyBudget (web/server/body_budget.h): reservations up to the limit, leases
// that give their bytes back however they end.
#include "web/server/body_budget.h"

#include <gtest/gtest.h>

#include <utility>

namespace guildhall::web::server_internal {
namespace {

class BodyBudgetTest : public ::testing::Test {
 protected:
  Gauge in_use_;
  Counter refused_;
  BodyBudget budget_{100, in_use_, refused_};
};

TEST_F(BodyBudgetTest, ReservesUpToTheLimitAndNoFurther) {
  auto a = budget_.Reserve(60);
  ASSERT_TRUE(a);
  EXPECT_FALSE(budget_.Reserve(41));
  auto b = budget_.Reserve(40);
  EXPECT_TRUE(b);
  EXPECT_EQ(budget_.in_use(), 100u);
  EXPECT_EQ(in_use_.value(), 100.0);
  EXPECT_EQ(refused_.value(), 1u);
}

TEST_F(BodyBudgetTest, ABodyLargerThanTheBudgetNeverFits) {
  EXPECT_FALSE(budget_.Reserve(101));
  EXPECT_FALSE(budget_.Reserve(static_cast<size_t>(-1)));
  EXPECT_EQ(budget_.in_use(), 0u);
}

TEST_F(BodyBudgetTest, LeasesGiveTheirBytesBack) {
  {
    auto a = budget_.Reserve(70);
    BodyBudget::Lease moved = std::move(a);
    EXPECT_FALSE(a);  // NOLINT(bugprone-use-after-move): moved-from is empty
    EXPECT_EQ(budget_.in_use(), 70u);
    moved = budget_.Reserve(20);  // the 70 go back before the 20 are kept
    EXPECT_EQ(budget_.in_use(), 20u);
  }
  EXPECT_EQ(budget_.in_use(), 0u);
  EXPECT_EQ(in_use_.value(), 0.0);
}

}  // namespace
}  // namespace guildhall::web::server_internal
