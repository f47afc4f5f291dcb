// Property (d) of issue 14 and item 8, in whole runs of small strategic worlds (expected mode):
// the same world with daily, weekly and monthly ticks signs its first deal and makes its first
// threat in the same month (± 1), and no threat is withdrawn or called off within its minimum
// term; a destination opens a table itself once pressure crosses its threshold, with the state
// most of its arrivals come through.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "migdip/core/calendar.h"
#include "migdip/simulation/simulation.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {
namespace {

using std::chrono::sys_days;
using std::chrono::year;

sys_days date(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / static_cast<int>(m) / static_cast<int>(d)};
}

int ticks_for_three_years(TickLength length) {
  switch (length) {
    case TickLength::day:
      return 1096;
    case TickLength::week:
      return 157;
    case TickLength::month:
      return 36;
  }
  return 0;
}

Calendar calendar_of(const Scenario& scenario) {
  return Calendar(scenario.settings.start_date, scenario.settings.tick_length,
                  scenario.settings.ticks);
}

/// Months from the start of the run to the start of the tick's month.
int month_of(const Calendar& calendar, int tick) {
  const std::chrono::year_month_day ymd{calendar.tick_start(tick)};
  const std::chrono::year_month_day start{calendar.start_date()};
  return (static_cast<int>(ymd.year()) - static_cast<int>(start.year())) * 12 +
         static_cast<int>(static_cast<unsigned>(ymd.month())) -
         static_cast<int>(static_cast<unsigned>(start.month()));
}

/// externalisation_scenario() over 2020-2022 at the given tick length, in expected mode: DST
/// (arrival_cost 200 EUR) may pay TRA to raise its exit enforcement to 0.7, TRA may open the
/// gates (cost 0.5 M a month). The table opens on 1 April 2020, when the flows have settled; no
/// deal pays then. On 1 October 2020 the push at ORI quadruples: arrivals build up, and the
/// deal comes. Threats stand for three months.
Scenario surge_world(TickLength length) {
  Scenario scenario = externalisation_scenario(1);
  scenario.settings.mode = SimulationMode::expected;
  scenario.settings.tick_length = length;
  scenario.settings.ticks = ticks_for_three_years(length);
  scenario.states[kDst].preferences.arrival_cost = 200;
  instrument(scenario, "tra_open_gates").cost_to_user = 0.5e6;
  scenario.diplomacy.threat_minimum_months = 3;
  const Calendar calendar = calendar_of(scenario);
  scenario.negotiations[0].start_tick = *calendar.tick_of(date(2020, 4, 1));
  scenario.events = {set_event("surge", *calendar.tick_of(date(2020, 10, 1)), TargetKind::state,
                               kOri, Lever::push_intensity, 4)};
  return scenario;
}

struct Timing {
  std::optional<int> first_deal;    ///< month of the run
  std::optional<int> first_threat;  ///< month of the first announcement or carrying out
  int early_withdrawals = 0;        ///< threats abandoned within their minimum term
  std::vector<NegotiationEntry> log;
};

Timing timing_of(const Scenario& scenario) {
  Simulation simulation(share(scenario));
  while (!simulation.finished()) {
    simulation.step();
  }
  const Calendar calendar = calendar_of(scenario);
  const Diplomacy& diplomacy = simulation.world().diplomacy;
  Timing timing;
  timing.log = diplomacy.log;
  if (!diplomacy.deals.empty()) {
    timing.first_deal = month_of(calendar, diplomacy.deals.front().signed_tick);
  }
  const double term_days = scenario.diplomacy.threat_minimum_months * kDaysPerMonth;
  std::vector<int> since(static_cast<std::size_t>(scenario.instrument_count()), -1);
  for (const NegotiationEntry& entry : diplomacy.log) {
    const bool starts = entry.action == NegotiationAction::threat_announced ||
                        entry.action == NegotiationAction::threat_carried_out;
    if (starts && !timing.first_threat) {
      timing.first_threat = month_of(calendar, entry.tick);
    }
    auto& start = since[static_cast<std::size_t>(std::max(entry.instrument, 0))];
    if (starts) {
      start = entry.tick;
    } else if (entry.action == NegotiationAction::threat_abandoned && start >= 0 &&
               calendar.days_since_start(entry.tick) - calendar.days_since_start(start) <
                   term_days - 16) {  // the term is rounded to whole ticks
      ++timing.early_withdrawals;
    }
  }
  return timing;
}

std::string describe(const Timing& timing) {
  std::string text = "first deal month " +
                     (timing.first_deal ? std::to_string(*timing.first_deal) : "none") +
                     ", first threat month " +
                     (timing.first_threat ? std::to_string(*timing.first_threat) : "none") +
                     ", early withdrawals " + std::to_string(timing.early_withdrawals) + "\n";
  for (const NegotiationEntry& entry : timing.log) {
    text += "  tick " + std::to_string(entry.tick) + " " + std::string(to_string(entry.action)) +
            " " + std::to_string(entry.instrument) + "\n";
  }
  return text;
}

// Property (d): monthly ticks are the reference; weekly and daily ticks agree within a month.
TEST(DiplomacyTiming, DailyWeeklyAndMonthlyTicksGiveTheSameMonths) {
  const Timing monthly = timing_of(surge_world(TickLength::month));
  SCOPED_TRACE("monthly: " + describe(monthly));
  ASSERT_TRUE(monthly.first_deal);
  ASSERT_TRUE(monthly.first_threat);
  // The deal comes after the surge (month 9), not when the table opens (month 3).
  EXPECT_GT(*monthly.first_deal, 9);
  EXPECT_EQ(monthly.early_withdrawals, 0);
  for (const TickLength length : {TickLength::week, TickLength::day}) {
    const Timing timing = timing_of(surge_world(length));
    SCOPED_TRACE(std::string(to_string(length)) + ": " + describe(timing));
    ASSERT_TRUE(timing.first_deal);
    ASSERT_TRUE(timing.first_threat);
    EXPECT_LE(std::abs(*timing.first_deal - *monthly.first_deal), 1);
    EXPECT_LE(std::abs(*timing.first_threat - *monthly.first_threat), 1);
    EXPECT_EQ(timing.early_withdrawals, 0);
  }
}

// Item 8: surge_world() in monthly ticks with a second, dearer way into DST (ORI-DST) and two
// tables DST opens itself at salience 5: one with TRA (the table of surge_world, from the run's
// start) and one with ORI (ORI's exit enforcement on its agenda). Before the surge DST's salience
// settles near 0.375 / (1 - e^{-30.4/180}), about 2.4 (3000 arrivals a month per 80 M people at
// salience_gain 0.1); after it, arrivals quadruple and salience crosses 5. The table with TRA,
// through which most arrivals come, opens at the first tick salience is at least 5; the one with
// ORI never does. Without the threshold (opens_at_salience 0) the table opens at the start.
TEST(SelfOpenedTables, ADestinationOpensATableWithItsMainTransitStateWhenPressureBuilds) {
  Scenario scenario = surge_world(TickLength::month);
  scenario.corridors.push_back(make_corridor("ORI-DST", kOri, kDst, 5000, 0.02));
  scenario.negotiations[0].start_tick = 0;
  scenario.negotiations[0].opens_at_salience = 5;
  const int ori_guard =
      add_instrument(scenario, "ori_guard", InstrumentType::exit_enforcement, kOri);
  scenario.instruments[static_cast<std::size_t>(ori_guard)].level = 0.5;
  NegotiationSpec with_origin = scenario.negotiations[0];
  with_origin.id = "dst_ori";
  with_origin.partner = {TargetKind::state, kOri};
  with_origin.asks = {ori_guard};
  with_origin.payment =
      add_instrument(scenario, "dst_pays_ori", InstrumentType::transfer, kDst, kOri);
  scenario.instruments[static_cast<std::size_t>(with_origin.payment)].amount = 40e6;
  with_origin.threats = {};
  scenario.negotiations.push_back(with_origin);
  check_scenario(scenario);

  Simulation simulation(share(scenario));
  std::vector<double> salience;
  while (!simulation.finished()) {
    simulation.step();
    salience.push_back(simulation.world().politics.salience(kDst));
  }
  const auto crossing =
      std::find_if(salience.begin(), salience.end(), [](double value) { return value >= 5; });
  ASSERT_NE(crossing, salience.end());
  const int crossed = static_cast<int>(crossing - salience.begin());
  EXPECT_GT(crossed, 9);  // after the surge
  const Diplomacy& diplomacy = simulation.world().diplomacy;
  std::vector<NegotiationEntry> opened;
  std::copy_if(
      diplomacy.log.begin(), diplomacy.log.end(), std::back_inserter(opened),
      [](const NegotiationEntry& e) { return e.action == NegotiationAction::table_opened; });
  ASSERT_EQ(opened.size(), 1U);
  EXPECT_EQ(opened[0].negotiation, 0);  // with TRA
  EXPECT_EQ(opened[0].tick, crossed);
  EXPECT_EQ(opened[0].actor, kDst);
  EXPECT_GE(opened[0].value, 5);
  EXPECT_EQ(diplomacy.opened(1), 0);
  EXPECT_TRUE(std::none_of(diplomacy.log.begin(), diplomacy.log.end(),
                           [&](const auto& e) { return e.tick < crossed || e.negotiation == 1; }));
  ASSERT_FALSE(diplomacy.deals.empty());
  EXPECT_GE(diplomacy.deals.front().signed_tick, crossed);
}

}  // namespace
}  // namespace migdip::testing
