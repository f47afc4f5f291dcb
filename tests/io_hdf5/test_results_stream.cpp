// ResultsStream: a run's results file written tick by tick holds what write_results_file writes
// from the whole record, its memory does not grow with ticks, and an interrupted stream leaves
// nothing under the final name.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/temporary_path.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"
#include "migdip/recording/series_recorder.h"
#include "migdip/simulation/simulation.h"
#include "support/scenario_builder.h"

namespace migdip {
namespace {

using hdf5::TemporaryDirectory;

Scenario daily_chain(int ticks) {
  Scenario scenario = testing::chain_scenario();
  scenario.settings.tick_length = TickLength::day;
  scenario.settings.ticks = ticks;
  return scenario;
}

RecordDescription description_of(const std::string& name) {
  RecordDescription description;
  description.text_attributes = {{"scenario_name", name}};
  description.number_attributes = {{"ticks", 1}};
  description.scenario_text = "[scenario]\nname = " + name + "\n";
  description.resolved_scenario_text = description.scenario_text;
  return description;
}

// Runs `scenario` into a stream at `path`, and returns the stream's buffered bytes at the end.
std::uint64_t stream_run(const Scenario& scenario, const std::string& path) {
  const std::unique_ptr<ResultsStream> stream = open_results_stream(path, false);
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder(*stream);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  const std::uint64_t buffered = stream->buffered_bytes();
  stream->finish(description_of("chain"));
  return buffered;
}

RunRecord memory_run(const Scenario& scenario) {
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder;
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  RunRecord record = recorder.take_record();
  const RecordDescription description = description_of("chain");
  record.text_attributes = description.text_attributes;
  record.number_attributes = description.number_attributes;
  record.scenario_text = description.scenario_text;
  record.resolved_scenario_text = description.resolved_scenario_text;
  return record;
}

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Longer than one chunk of ticks (kMaxChunkTicks) and not a multiple of it: the last chunk is
// written partly filled.
TEST(ResultsStream, WritesWhatTheWholeRecordWrites) {
  const Scenario scenario = daily_chain(600);
  TemporaryDirectory directory;
  stream_run(scenario, directory.file("streamed.h5"));
  write_results_file(memory_run(scenario), directory.file("whole.h5"), false);
  const RunRecord streamed = read_results_file(directory.file("streamed.h5"));
  const RunRecord whole = read_results_file(directory.file("whole.h5"));
  EXPECT_EQ(streamed.text_attributes, whole.text_attributes);
  EXPECT_EQ(streamed.scenario_text, whole.scenario_text);
  EXPECT_EQ(streamed.events.size(), whole.events.size());
  ASSERT_EQ(streamed.groups.size(), whole.groups.size());
  std::size_t variables = 0;
  for (std::size_t g = 0; g < whole.groups.size(); ++g) {
    const RecordGroup& want = whole.groups[g];
    const RecordGroup& got = streamed.groups[g];
    EXPECT_EQ(want.name, got.name);
    ASSERT_EQ(want.variables.size(), got.variables.size()) << want.name;
    for (std::size_t v = 0; v < want.variables.size(); ++v) {
      const std::vector<double>& a = want.variables[v].data;
      const std::vector<double>& b = got.variables[v].data;
      ASSERT_EQ(a.size(), b.size()) << want.name << "." << want.variables[v].name;
      for (std::size_t i = 0; i < a.size(); ++i) {
        ASSERT_TRUE(same_number(a[i], b[i]))
            << want.name << "." << want.variables[v].name << "[" << i << "]";
      }
      ++variables;
    }
  }
  EXPECT_GT(variables, 20U);

  // Series are chunked along time, at most kMaxChunkTicks ticks a chunk, and extendible.
  hdf5::File file = hdf5::open_file(directory.file("streamed.h5"), false);
  const H5::DataSet arrivals = hdf5::open_dataset(file, "corridors/arrivals");
  const H5::DSetCreatPropList creation = arrivals.getCreatePlist();
  std::vector<hsize_t> chunk(2);
  ASSERT_EQ(creation.getChunk(2, chunk.data()), 2);
  EXPECT_EQ(chunk[0], 256U);
  std::vector<hsize_t> dims(2);
  std::vector<hsize_t> max_dims(2);
  arrivals.getSpace().getSimpleExtentDims(dims.data(), max_dims.data());
  EXPECT_EQ(dims[0], 600U);
  EXPECT_EQ(max_dims[0], H5S_UNLIMITED);
}

// Runs `scenario` into a stream at `path` stored as `storage`.
void stream_stored(const Scenario& scenario, const std::string& path, SeriesStorage storage) {
  const std::unique_ptr<ResultsStream> stream = open_results_stream(path, false, storage);
  Simulation simulation(testing::share(scenario));
  SeriesRecorder recorder(*stream);
  Observer* observers[] = {&recorder};
  simulation.run(observers);
  stream->finish(description_of("chain"));
}

// The filters of a dataset, and its deflate level (0 without deflate).
std::pair<std::vector<H5Z_filter_t>, unsigned> filters_of(const H5::DataSet& dataset) {
  const H5::DSetCreatPropList creation = dataset.getCreatePlist();
  std::vector<H5Z_filter_t> filters;
  unsigned level = 0;
  for (int i = 0; i < creation.getNfilters(); ++i) {
    unsigned flags = 0;
    std::size_t count = 1;
    unsigned values[1] = {0};
    char name[32];
    unsigned config = 0;
    const H5Z_filter_t filter =
        creation.getFilter(i, flags, count, values, sizeof(name), name, config);
    filters.push_back(filter);
    if (filter == H5Z_FILTER_DEFLATE) {
      level = values[0];
    }
  }
  return {filters, level};
}

// Automatic compression deflates only series of 65,536 values or more; a chosen level applies to
// every series; the values read back are the same whatever the level.
TEST(ResultsStream, CompressionIsAutomaticByDefaultAndChangesOnlyTheBytes) {
  TemporaryDirectory directory;
  const Scenario scenario = daily_chain(33000);  // 2 corridors x 33,000 ticks: 66,000 values
  stream_stored(scenario, directory.file("auto.h5"), SeriesStorage{});
  stream_stored(scenario, directory.file("nine.h5"), SeriesStorage{OutputPrecision::float64, 9});
  stream_stored(scenario, directory.file("none.h5"), SeriesStorage{OutputPrecision::float64, 0});
  {
    hdf5::File file = hdf5::open_file(directory.file("auto.h5"), false);
    // 1 nationality x 33,000 ticks: under the threshold, checksummed but not deflated.
    EXPECT_EQ(filters_of(hdf5::open_dataset(file, "nationalities/arrivals")),
              (std::pair<std::vector<H5Z_filter_t>, unsigned>{{H5Z_FILTER_FLETCHER32}, 0}));
    EXPECT_EQ(filters_of(hdf5::open_dataset(file, "corridors/arrivals")),
              (std::pair<std::vector<H5Z_filter_t>, unsigned>{
                  {H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE, H5Z_FILTER_FLETCHER32}, 4}));
  }
  {
    hdf5::File file = hdf5::open_file(directory.file("nine.h5"), false);
    EXPECT_EQ(filters_of(hdf5::open_dataset(file, "nationalities/arrivals")).second, 9U);
  }
  const RunRecord automatic = read_results_file(directory.file("auto.h5"));
  for (const char* other : {"nine.h5", "none.h5"}) {
    const RunRecord record = read_results_file(directory.file(other));
    for (const RecordGroup& group : automatic.groups) {
      for (const Variable& variable : group.variables) {
        const Variable& same = *record.find_variable(group.name, variable.name);
        ASSERT_EQ(variable.data.size(), same.data.size());
        for (std::size_t i = 0; i < variable.data.size(); ++i) {
          ASSERT_TRUE(same_number(variable.data[i], same.data[i])) << other << variable.name;
        }
      }
    }
  }
}

// float32 stores each series value rounded to the nearest float; coordinates stay float64.
TEST(ResultsStream, Float32StoresTheNearestFloats) {
  TemporaryDirectory directory;
  const Scenario scenario = daily_chain(30);
  stream_stored(scenario, directory.file("single.h5"),
                SeriesStorage{OutputPrecision::float32, kAutomaticCompression});
  const RunRecord whole = memory_run(scenario);
  hdf5::File file = hdf5::open_file(directory.file("single.h5"), false);
  const H5::DataSet arrivals = hdf5::open_dataset(file, "corridors/arrivals");
  EXPECT_EQ(arrivals.getFloatType().getSize(), 4U);
  EXPECT_EQ(hdf5::open_dataset(file, "corridors/time").getFloatType().getSize(), 8U);
  const RunRecord single = read_results_file(directory.file("single.h5"));
  for (const char* name : {"arrivals", "deaths", "travelling"}) {
    const std::vector<double>& exact = whole.find_variable("corridors", name)->data;
    const std::vector<double>& stored = single.find_variable("corridors", name)->data;
    ASSERT_EQ(exact.size(), stored.size());
    for (std::size_t i = 0; i < exact.size(); ++i) {
      EXPECT_EQ(stored[i], static_cast<double>(static_cast<float>(exact[i]))) << name;
    }
  }
}

// Memory flat in ticks: the stream holds one chunk of each variable, the same for a run of 300
// ticks as for one of 3,000 (whose series are ten times larger).
TEST(ResultsStream, BufferedBytesDoNotGrowWithTicks) {
  TemporaryDirectory directory;
  const std::uint64_t short_run = stream_run(daily_chain(300), directory.file("short.h5"));
  const std::uint64_t long_run = stream_run(daily_chain(3000), directory.file("long.h5"));
  EXPECT_GT(short_run, 0U);
  EXPECT_EQ(short_run, long_run);
  const std::uint64_t long_series =
      3000 * recorded_values_per_tick(daily_chain(3000)) * sizeof(double);
  EXPECT_LT(long_run, long_series / 10);
}

// A run stopped before finish() (a signal's exception, an error of the run) leaves nothing: no
// file under the final name, no temporary.
TEST(ResultsStream, AStreamInterruptedBeforeFinishLeavesNothing) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  {
    const std::unique_ptr<ResultsStream> stream = open_results_stream(path, false);
    Simulation simulation(testing::share(daily_chain(600)));
    SeriesRecorder recorder(*stream);
    auto view = [&](int tick) {
      return RunView{simulation.scenario(), simulation.calendar(), simulation.world(), tick};
    };
    recorder.on_start(view(-1));
    for (int tick = 0; tick < 300; ++tick) {
      simulation.step();
      recorder.on_tick(view(tick));
    }
    EXPECT_FALSE(directory.entries().empty());  // the temporary, written to
  }
  EXPECT_TRUE(directory.entries().empty());

  // After all its ticks but before finish(), too.
  {
    const std::unique_ptr<ResultsStream> stream = open_results_stream(path, false);
    Simulation simulation(testing::share(daily_chain(30)));
    SeriesRecorder recorder(*stream);
    Observer* observers[] = {&recorder};
    simulation.run(observers);
  }
  EXPECT_TRUE(directory.entries().empty());
}

TEST(ResultsStream, RefusesAnExistingFileAtOnce) {
  TemporaryDirectory directory;
  const std::string path = directory.file("run.h5");
  stream_run(daily_chain(10), path);
  EXPECT_THROW(open_results_stream(path, false), InputError);
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"run.h5"});
}

TEST(ResultsStream, TicksOutOfOrderAreInternalErrors) {
  TemporaryDirectory directory;
  const std::unique_ptr<ResultsStream> stream =
      open_results_stream(directory.file("run.h5"), false);
  RecordLayout layout;
  RecordGroup group;
  group.name = "g";
  group.coordinates.push_back({"time", "time", "days since 2015-01-01", {0, 1, 2}, {}});
  group.variables.push_back({"x", {"time"}, "x", "1", {}});
  layout.groups.push_back(group);
  stream->begin(layout);
  const double value = 1;
  stream->write_tick(0, std::span<const double>(&value, 1));
  EXPECT_THROW(stream->write_tick(2, std::span<const double>(&value, 1)), InternalError);
  EXPECT_THROW(stream->finish(RecordDescription{}), InternalError);
}

}  // namespace
}  // namespace migdip
