// The recorder allocates nothing per tick when it hands its ticks to a sink: one tick's buffer is
// sized at the start, and a sink that streams (as ResultsStream does) needs nothing more.

#include <gtest/gtest.h>

#include "allocation/heap_counter.h"
#include "migdip/recording/interval_sink.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/random_scenario.h"

namespace migdip {
namespace {

// A sink that only looks at each tick: what the recorder itself allocates is what is counted.
class CountingSink final : public RecordSink {
 public:
  void begin(const RecordLayout& layout) override { expected_ = layout.values_per_tick(); }
  void write_tick(std::size_t /*tick*/, std::span<const double> values) override {
    ticks += values.size() == expected_ ? 1 : 0;
  }
  void end_series(RecordTables /*tables*/) override {}
  void finish(RecordDescription /*description*/) override {}
  int ticks = 0;

 private:
  std::size_t expected_ = 0;
};

TEST(RecorderAllocations, TicksRecordedIntoASinkAllocateNothing) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  for (int seed = 1; seed <= 10; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    scenario.settings.ticks = std::max(scenario.settings.ticks, 3);
    scenario.events.clear();  // event rows hold texts: a table, not a series
    Simulation simulation(testing::share(scenario));
    CountingSink sink;
    SeriesRecorder recorder(sink);
    auto view = [&](int tick) {
      return RunView{simulation.scenario(), simulation.calendar(), simulation.world(), tick};
    };
    recorder.on_start(view(-1));
    long recorded = 0;
    while (!simulation.finished()) {
      simulation.step();
      const long before = testing::allocation_count();
      recorder.on_tick(view(simulation.world().tick - 1));
      recorded += testing::allocation_count() - before;
    }
    EXPECT_EQ(recorded, 0) << "random scenario " << seed;
    EXPECT_EQ(sink.ticks, scenario.settings.ticks);
  }
}

// Declared outputs add nothing per tick: a selection drops probes at the start, and the interval
// sink's accumulators are sized by begin().
TEST(RecorderAllocations, DeclaredOutputsAggregatedByMonthAllocateNothingPerTick) {
  if (!testing::heap_is_counted()) {
    GTEST_SKIP() << "allocation counting is off under AddressSanitizer";
  }
  for (int seed = 1; seed <= 5; ++seed) {
    Scenario scenario = testing::random_scenario(static_cast<std::uint64_t>(seed));
    scenario.settings.tick_length = TickLength::day;
    scenario.settings.ticks = 40;
    scenario.settings.start_date = std::chrono::sys_days{std::chrono::year{2020} / 1 / 1};
    scenario.events.clear();
    scenario.outputs.exclude = {"corridors/deaths", "blocs"};
    Simulation simulation(testing::share(scenario));
    CountingSink sink;
    IntervalSink months(sink, simulation.calendar(), OutputInterval::month);
    SeriesRecorder recorder(months, RecordSelection::declared(scenario.outputs));
    auto view = [&](int tick) {
      return RunView{simulation.scenario(), simulation.calendar(), simulation.world(), tick};
    };
    recorder.on_start(view(-1));
    long recorded = 0;
    while (!simulation.finished()) {
      simulation.step();
      const long before = testing::allocation_count();
      recorder.on_tick(view(simulation.world().tick - 1));
      recorded += testing::allocation_count() - before;
    }
    EXPECT_EQ(recorded, 0) << "random scenario " << seed;
    EXPECT_EQ(sink.ticks, 2);  // 40 days from a 1st of the month: two months
  }
}

}  // namespace
}  // namespace migdip
