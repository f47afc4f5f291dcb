// The instrument types table (include/migdip/scenario/instrument_types.h): one row per type, in
// enum order, with traits that agree with one another. The key table, check_scenario and the
// reference document read it; their own tests check that they do.

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>

#include "migdip/core/enum_table.h"
#include "migdip/scenario/instrument_types.h"

namespace migdip {
namespace {

// one_row_per_enumerator, on an enum of its own: the check the table's static_assert relies on.
enum class Colour { red, green, blue };
struct ColourRow {
  Colour colour;
  int weight;
};
constexpr std::array kAllColours = {ColourRow{Colour::red, 1}, ColourRow{Colour::green, 2},
                                    ColourRow{Colour::blue, 3}};
constexpr std::array kSwapped = {ColourRow{Colour::red, 1}, ColourRow{Colour::blue, 3},
                                 ColourRow{Colour::green, 2}};
constexpr std::array kLastMissing = {ColourRow{Colour::red, 1}, ColourRow{Colour::green, 2}};
constexpr std::array kOneTooMany = {ColourRow{Colour::red, 1}, ColourRow{Colour::green, 2},
                                    ColourRow{Colour::blue, 3},
                                    ColourRow{static_cast<Colour>(3), 4}};

TEST(EnumTable, OneRowPerEnumeratorInOrder) {
  static_assert(is_named_enumerator<Colour::blue>());
  static_assert(!is_named_enumerator<static_cast<Colour>(3)>());
  EXPECT_TRUE(one_row_per_enumerator(kAllColours, &ColourRow::colour));
  EXPECT_FALSE(one_row_per_enumerator(kSwapped, &ColourRow::colour));
  EXPECT_FALSE(one_row_per_enumerator(kLastMissing, &ColourRow::colour));
  EXPECT_FALSE(one_row_per_enumerator(kOneTooMany, &ColourRow::colour));
}

TEST(InstrumentTypes, OneRowPerTypeInEnumOrder) {
  EXPECT_TRUE(one_row_per_enumerator(kInstrumentTypes, &InstrumentTraits::type));
  EXPECT_EQ(kInstrumentTypeCount, 20U);
  for (std::size_t t = 0; t < kInstrumentTypeCount; ++t) {
    const auto type = static_cast<InstrumentType>(t);
    EXPECT_EQ(&traits_of(type), &kInstrumentTypes[t]);
    EXPECT_EQ(to_string(type), kInstrumentTypes[t].name);
  }
}

TEST(InstrumentTypes, NamesAreDistinctWordsThatFindTheirType) {
  std::set<std::string_view> names;
  for (const InstrumentTraits& row : kInstrumentTypes) {
    SCOPED_TRACE(std::string(row.name));
    EXPECT_TRUE(names.insert(row.name).second) << "named twice";
    EXPECT_FALSE(row.name.empty());
    EXPECT_EQ(row.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos);
    EXPECT_EQ(instrument_type_named(row.name), row.type);
  }
  EXPECT_EQ(instrument_type_named("transfers"), std::nullopt);
  EXPECT_EQ(instrument_type_named(""), std::nullopt);
}

TEST(InstrumentTypes, FamiliesFollowTheEnumGroups) {
  // The enum groups types by family; the families are read from the table, not from the order.
  EXPECT_EQ(family_of(InstrumentType::transfer), InstrumentFamily::incentive);
  EXPECT_EQ(family_of(InstrumentType::legal_pathway), InstrumentFamily::incentive);
  EXPECT_EQ(family_of(InstrumentType::aid_cut), InstrumentFamily::threat);
  EXPECT_EQ(family_of(InstrumentType::deployment_ban), InstrumentFamily::threat);
  EXPECT_EQ(family_of(InstrumentType::exit_enforcement), InstrumentFamily::flow_control);
  EXPECT_EQ(family_of(InstrumentType::departure_ban), InstrumentFamily::flow_control);
  for (std::size_t t = 1; t < kInstrumentTypeCount; ++t) {
    EXPECT_LE(kInstrumentTypes[t - 1].family, kInstrumentTypes[t].family)
        << kInstrumentTypes[t].name << " is out of its family's group";
  }
  EXPECT_EQ(to_string(InstrumentFamily::flow_control), "flow_control");
}

TEST(InstrumentTypes, TraitsAgreeWithOneAnother) {
  for (const InstrumentTraits& row : kInstrumentTypes) {
    SCOPED_TRACE(std::string(row.name));
    const bool has_lever = row.lever.has_value();
    EXPECT_EQ(has_lever, row.setting != LeverSetting::none) << "a lever needs a setting";
    if (has_lever) {
      // A lever of the user's own state or corridor: a bloc has none. A pathway's quota is the
      // pathway's own.
      if (traits_of(*row.lever).owner != LeverOwner::pathway) {
        EXPECT_NE(row.user, InstrumentUser::state_or_bloc);
      }
      EXPECT_EQ(row.money, InstrumentMoney::none);
    } else {
      EXPECT_FALSE(uses_level(row.type));
      EXPECT_FALSE(row.mobilises);
    }
    if (row.money != InstrumentMoney::none) {
      EXPECT_TRUE(row.uses_target) << "money goes to a target";
      EXPECT_EQ(row.family, InstrumentFamily::incentive);
    }
    if (row.family == InstrumentFamily::flow_control) {
      EXPECT_EQ(row.setting, LeverSetting::to_level);
    }
    EXPECT_EQ(uses_corridor(row.type), row.lever == Lever::readmission_rate);
    EXPECT_EQ(uses_pathway(row.type), row.lever == Lever::quota);
    EXPECT_TRUE(!level_is_share(row.type) || uses_level(row.type));
    // A level in people per month is a quota's; every other level is a share.
    EXPECT_EQ(level_is_share(row.type), uses_level(row.type) && row.lever != Lever::quota);
    EXPECT_FALSE(row.description.empty());
    EXPECT_EQ(row.description.back(), '.');
  }
}

TEST(InstrumentTypes, DerivedRulesOfSomeTypes) {
  EXPECT_TRUE(uses_level(InstrumentType::legal_pathway));
  EXPECT_FALSE(level_is_share(InstrumentType::legal_pathway));  // a quota, people per month
  EXPECT_TRUE(level_is_share(InstrumentType::camp_closure));
  EXPECT_FALSE(uses_level(InstrumentType::deployment_ban));  // bans set their lever to 0
  EXPECT_FALSE(uses_level(InstrumentType::refuse_readmission));
  EXPECT_TRUE(uses_target(InstrumentType::deployment_ban));
  EXPECT_TRUE(uses_pathway(InstrumentType::deployment_ban));
  EXPECT_TRUE(uses_corridor(InstrumentType::readmission));
  EXPECT_TRUE(uses_amount(InstrumentType::transfer));
  EXPECT_FALSE(uses_amount(InstrumentType::aid_cut));
  EXPECT_TRUE(needs_origin_user(InstrumentType::departure_ban));
  EXPECT_TRUE(needs_state_user(InstrumentType::departure_ban));
  EXPECT_FALSE(needs_state_user(InstrumentType::sanctions));
  EXPECT_TRUE(mobilises(InstrumentType::camp_closure));
}

}  // namespace
}  // namespace migdip
