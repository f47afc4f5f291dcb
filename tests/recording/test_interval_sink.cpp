// IntervalSink: series aggregated over calendar months, years or the whole run, each variable as
// its probe declares (flows summed, stocks at the end, levels averaged), with the interval's
// start as the time coordinate; one tick per interval passes its values unchanged.

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "migdip/recording/interval_sink.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/same_bits.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

RunRecord record_of(const Scenario& scenario, OutputInterval interval) {
  Simulation simulation(testing::share(scenario));
  MemorySink memory;
  IntervalSink intervals(memory, simulation.calendar(), interval);
  SeriesRecorder recorder(interval == OutputInterval::tick ? static_cast<RecordSink&>(memory)
                                                           : intervals);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  return memory.take_record();
}

const std::vector<double>& time_of(const RunRecord& record) {
  return record.groups.front().coordinates.front().values;
}

const AuxiliaryCoordinate& auxiliary(const RecordGroup& group, const std::string& name) {
  for (const AuxiliaryCoordinate& candidate : group.auxiliary) {
    if (candidate.name == name) {
      return candidate;
    }
  }
  throw std::runtime_error("no auxiliary coordinate " + name);
}

using testing::same_bits;

TEST(IntervalSink, MonthsOfAMonthlyRunAreItsTicks) {
  const Scenario scenario = testing::chain_scenario();  // monthly ticks
  const RunRecord ticks = record_of(scenario, OutputInterval::tick);
  const RunRecord months = record_of(scenario, OutputInterval::month);
  ASSERT_EQ(ticks.groups.size(), months.groups.size());
  EXPECT_EQ(time_of(ticks), time_of(months));
  std::size_t compared = 0;
  for (std::size_t g = 0; g < ticks.groups.size(); ++g) {
    const RecordGroup& by_tick = ticks.groups[g];
    const RecordGroup& by_month = months.groups[g];
    ASSERT_EQ(by_tick.variables.size(), by_month.variables.size());
    for (std::size_t v = 0; v < by_tick.variables.size(); ++v) {
      EXPECT_TRUE(same_bits(by_tick.variables[v].data, by_month.variables[v].data))
          << by_tick.name << "/" << by_tick.variables[v].name;
      ++compared;
    }
    EXPECT_EQ(auxiliary(by_month, "ticks").values,
              std::vector<double>(static_cast<std::size_t>(scenario.settings.ticks), 1.0));
  }
  EXPECT_GT(compared, 50U);
}

TEST(IntervalSink, DailyTicksAggregateIntoMonthsAsEachVariableDeclares) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.tick_length = TickLength::day;
  scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 1 / 20};
  scenario.settings.ticks = 50;  // 12 days of January, 29 of February, 9 of March
  const RunRecord ticks = record_of(scenario, OutputInterval::tick);
  const RunRecord months = record_of(scenario, OutputInterval::month);
  const std::vector<std::size_t> first{0, 12, 41, 50};
  EXPECT_EQ(time_of(months), (std::vector<double>{0, 12, 41}));
  const RecordGroup& states = *months.find_group("states");
  EXPECT_EQ(auxiliary(states, "ticks").values, (std::vector<double>{12, 29, 9}));
  EXPECT_EQ(auxiliary(states, "first_tick").values, (std::vector<double>{0, 12, 41}));
  EXPECT_EQ(auxiliary(states, "interval_days").values, (std::vector<double>{12, 29, 9}));

  int kinds_seen[3] = {0, 0, 0};
  for (const RecordGroup& group : ticks.groups) {
    for (const Variable& per_tick : group.variables) {
      const Variable& per_month = *months.find_variable(group.name, per_tick.name);
      const std::size_t slice = per_tick.data.size() / 50;
      ASSERT_EQ(per_month.data.size(), 3 * slice) << per_tick.name;
      ++kinds_seen[static_cast<int>(per_tick.aggregation)];
      for (std::size_t k = 0; k < 3; ++k) {
        for (std::size_t i = 0; i < slice; ++i) {
          double expected = per_tick.data[first[k] * slice + i];
          for (std::size_t t = first[k] + 1; t < first[k + 1]; ++t) {
            const double value = per_tick.data[t * slice + i];
            expected = per_tick.aggregation == TimeAggregation::end ? value : expected + value;
          }
          if (per_tick.aggregation == TimeAggregation::mean) {
            expected /= static_cast<double>(first[k + 1] - first[k]);
          }
          const double actual = per_month.data[k * slice + i];
          if (std::isnan(expected)) {
            EXPECT_TRUE(std::isnan(actual)) << per_tick.name;
          } else {
            EXPECT_EQ(actual, expected) << group.name << "/" << per_tick.name << " month " << k;
          }
        }
      }
    }
  }
  EXPECT_GT(kinds_seen[0], 0);
  EXPECT_GT(kinds_seen[1], 0);
  EXPECT_GT(kinds_seen[2], 0);

  // Units follow: a flow per tick becomes a flow per month; stocks and levels keep theirs.
  EXPECT_EQ(months.find_variable("states", "arrivals")->units, "people/month");
  EXPECT_EQ(months.find_variable("states", "arrivals")->cell_methods, "time: sum");
  EXPECT_EQ(months.find_variable("states", "hosted")->units, "people");
  EXPECT_EQ(months.find_variable("states", "hosted")->cell_methods, "time: point");
  EXPECT_EQ(months.find_variable("states", "salience")->cell_methods, "time: mean");
  EXPECT_TRUE(ticks.find_variable("states", "arrivals")->cell_methods.empty());
}

TEST(IntervalSink, YearsAndTheWholeRun) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 11 / 1};
  scenario.settings.ticks = 16;  // 2 months of 2020, 12 of 2021, 2 of 2022
  const Calendar calendar = scenario.calendar();
  std::vector<std::size_t> years(16, 1);
  years[0] = years[1] = 0;
  years[14] = years[15] = 2;
  EXPECT_EQ(interval_of_ticks(calendar, OutputInterval::year), years);
  EXPECT_EQ(interval_of_ticks(calendar, OutputInterval::run), std::vector<std::size_t>(16, 0));

  const RunRecord ticks = record_of(scenario, OutputInterval::tick);
  const RunRecord run = record_of(scenario, OutputInterval::run);
  const Variable& arrivals = *ticks.find_variable("corridors", "arrivals");
  const Variable& total = *run.find_variable("corridors", "arrivals");
  EXPECT_EQ(total.units, "people");
  ASSERT_EQ(total.data.size(), 2U);
  for (std::size_t c = 0; c < 2; ++c) {
    double sum = arrivals.data[c];
    for (std::size_t t = 1; t < 16; ++t) {
      sum += arrivals.data[t * 2 + c];
    }
    EXPECT_EQ(total.data[c], sum);
  }
  EXPECT_EQ(time_of(run), std::vector<double>{0});
}

}  // namespace
}  // namespace migdip
