// Sweep files: PATH.partial while a sweep runs, flushed runs survive a crash and are resumed,
// the finished file reads back exactly, files of other kinds or other sweeps are refused, and
// shard files merge into what one unsharded sweep writes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "io_hdf5/hdf5_helpers.h"
#include "io_hdf5/temporary_path.h"
#include "migdip/core/error.h"
#include "migdip/io/results_file.h"
#include "migdip/io/sweep_file.h"
#include "migdip/recording/summary_metrics.h"

namespace migdip {
namespace {

namespace fs = std::filesystem;
using hdf5::TemporaryDirectory;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::size_t metric_count() {
  return summary_metric_specs().size();
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

bool same_numbers(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!same_number(a[i], b[i])) {
      return false;
    }
  }
  return true;
}

/// The InputError message of `action`, or "" (and a failure) when it throws none.
template <typename Action>
std::string input_error(Action action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected an InputError";
  return "";
}

// --- a sweep made by hand
// -------------------------------------------------------------------------

/// Arrivals by state and deaths by corridor, over four monthly steps.
std::vector<SweepSeries> kept_series() {
  SweepSeries arrivals;
  arrivals.group = "states";
  arrivals.variable = "arrivals";
  arrivals.long_name = "irregular arrivals on the state's territory";
  arrivals.units = "people/tick";
  arrivals.axes = {{"time", "start of the time step", "days since 2016-01-01", {0, 31, 60, 91}, {}},
                   {"state", "state id", "", {}, {"SYR", "TUR", "GRC"}}};
  arrivals.auxiliary = {
      {"state_name", "state", "state name", "", {}, {"Syria", "Türkiye", "Ελλάδα"}},
      {"tick", "time", "tick number", "1", {0, 1, 2, 3}, {}}};
  SweepSeries deaths;
  deaths.group = "corridors";
  deaths.variable = "deaths";
  deaths.long_name = "people dead or missing on the way";
  deaths.units = "people/tick";
  deaths.axes = {{"time", "start of the time step", "days since 2016-01-01", {0, 31, 60, 91}, {}},
                 {"corridor", "corridor id", "", {}, {"SYR-TUR", "TUR-GRC"}}};
  deaths.auxiliary = {{"origin", "corridor", "origin state", "", {}, {"SYR", "TUR"}}};
  return {arrivals, deaths};
}

/// The header of a whole (unsharded) sweep of `points` points and two replicates.
SweepHeader whole_header(std::uint64_t points) {
  SweepHeader header;
  header.scenario_file = "scenarios/eastern-mediterranean.ini";
  header.scenario_name = "eastern mediterranean";
  header.scenario_text = "[scenario]\nname = eastern mediterranean\n# Türkiye\n";
  header.base_overrides = {"scenario.ticks=4", "state.GRC.entry_enforcement=0.2"};
  header.plan_file = "sweeps/plan.ini";
  header.plan_name = "plan";
  header.plan_text = "[sweep]\nsampler = list\n";
  header.sampler = "list";
  header.plan_seed = 12345678901234567ull;
  header.replicates = 2;
  header.points_total = points;
  header.points = points;
  header.parameters = {"state.TUR.exit_enforcement", "scenario.mode"};
  for (std::uint64_t point = 0; point < points; ++point) {
    const double enforcement = 0.1 * static_cast<double>(point) + 0.05;
    header.value_texts.push_back(std::to_string(enforcement));
    header.value_texts.push_back(point % 2 == 0 ? "expected" : "stochastic");
    header.values.push_back(std::stod(header.value_texts[header.value_texts.size() - 2]));
    header.values.push_back(kNaN);
    for (std::uint64_t replicate = 0; replicate < header.replicates; ++replicate) {
      header.seeds.push_back(0x9e3779b97f4a7c15ull * (point * 2 + replicate + 1));
    }
  }
  header.series = kept_series();
  header.engine_version = "0.9.1";
  header.source_commit = "abc123";
  header.created_utc = "2024-05-01T12:00:00Z";
  header.command_line = "migdip sweep scenarios/eastern-mediterranean.ini --plan sweeps/plan.ini";
  header.rerun_command = "migdip run scenarios/eastern-mediterranean.ini --seed {seed}";
  return header;
}

/// Shard `index` of `count` of the whole sweep: its block of points, values and seeds.
SweepHeader shard_header(const SweepHeader& whole, std::uint64_t index, std::uint64_t count) {
  SweepHeader shard = whole;
  const std::uint64_t base = whole.points_total / count;
  const std::uint64_t extra = whole.points_total % count;
  shard.shard_index = index;
  shard.shard_count = count;
  shard.first_point = index * base + std::min(index, extra);
  shard.points = base + (index < extra ? 1 : 0);
  const std::size_t width = whole.parameters.size();
  const auto slice = [&](const auto& all, std::size_t per_point) {
    using Vector = std::decay_t<decltype(all)>;
    return Vector(
        all.begin() + static_cast<std::ptrdiff_t>(shard.first_point * per_point),
        all.begin() + static_cast<std::ptrdiff_t>((shard.first_point + shard.points) * per_point));
  };
  shard.value_texts = slice(whole.value_texts, width);
  shard.values = slice(whole.values, width);
  shard.seeds = slice(whole.seeds, whole.replicates);
  return shard;
}

/// The metrics of a run: distinct in every run and metric, with fractions that are not short
/// decimals.
std::vector<double> metrics_of(std::uint64_t point, std::uint64_t replicate) {
  std::vector<double> metrics;
  for (std::size_t m = 0; m < metric_count(); ++m) {
    metrics.push_back(static_cast<double>(point) * 1e6 + static_cast<double>(replicate) * 1e3 +
                      static_cast<double>(m) / 7.0);
  }
  metrics[1] = -0.0;
  metrics[3] = std::numeric_limits<double>::infinity();
  return metrics;
}

std::vector<std::vector<double>> series_of(const SweepHeader& header, std::uint64_t point,
                                           std::uint64_t replicate) {
  std::vector<std::vector<double>> series;
  for (std::size_t i = 0; i < header.series.size(); ++i) {
    std::vector<double> values;
    for (std::size_t e = 0; e < header.series[i].elements(); ++e) {
      values.push_back(std::sin(static_cast<double>(point * 100 + replicate * 10 + e)) +
                       static_cast<double>(i));
    }
    series.push_back(values);
  }
  return series;
}

void write_run(SweepFileWriter& writer, const SweepHeader& header, std::uint64_t point,
               std::uint64_t replicate) {
  const auto series = series_of(header, point, replicate);
  writer.write_run(point, replicate, metrics_of(point, replicate), series);
}

/// Writes every run of the header's points and finishes the file.
void write_sweep(const std::string& path, const SweepHeader& header) {
  auto writer = SweepFileWriter::create(path, header, false);
  for (std::uint64_t point = header.first_point; point < header.first_point + header.points;
       ++point) {
    for (std::uint64_t replicate = 0; replicate < header.replicates; ++replicate) {
      write_run(*writer, header, point, replicate);
    }
  }
  writer->finish();
}

void expect_same_header(const SweepHeader& expected, const SweepHeader& actual) {
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    EXPECT_TRUE(same_value(field, expected, actual)) << field.name;
  }
  EXPECT_EQ(expected.points, actual.points);
  EXPECT_EQ(expected.parameters, actual.parameters);
  EXPECT_EQ(expected.value_texts, actual.value_texts);
  EXPECT_TRUE(same_numbers(expected.values, actual.values));
  EXPECT_EQ(expected.seeds, actual.seeds);
  ASSERT_EQ(expected.series.size(), actual.series.size());
  for (std::size_t i = 0; i < expected.series.size(); ++i) {
    const SweepSeries& want = expected.series[i];
    const SweepSeries& got = actual.series[i];
    SCOPED_TRACE(want.group + "." + want.variable);
    EXPECT_EQ(want.group, got.group);
    EXPECT_EQ(want.variable, got.variable);
    EXPECT_EQ(want.long_name, got.long_name);
    EXPECT_EQ(want.units, got.units);
    ASSERT_EQ(want.axes.size(), got.axes.size());
    for (std::size_t a = 0; a < want.axes.size(); ++a) {
      EXPECT_EQ(want.axes[a].name, got.axes[a].name);
      EXPECT_EQ(want.axes[a].long_name, got.axes[a].long_name);
      EXPECT_EQ(want.axes[a].units, got.axes[a].units);
      EXPECT_EQ(want.axes[a].labels, got.axes[a].labels);
      EXPECT_TRUE(same_numbers(want.axes[a].values, got.axes[a].values));
    }
    ASSERT_EQ(want.auxiliary.size(), got.auxiliary.size());
    for (std::size_t a = 0; a < want.auxiliary.size(); ++a) {
      EXPECT_EQ(want.auxiliary[a].name, got.auxiliary[a].name);
      EXPECT_EQ(want.auxiliary[a].dimension, got.auxiliary[a].dimension);
      EXPECT_EQ(want.auxiliary[a].long_name, got.auxiliary[a].long_name);
      EXPECT_EQ(want.auxiliary[a].units, got.auxiliary[a].units);
      EXPECT_EQ(want.auxiliary[a].labels, got.auxiliary[a].labels);
      EXPECT_TRUE(same_numbers(want.auxiliary[a].values, got.auxiliary[a].values));
    }
  }
}

/// The file holds exactly the runs `written` says, with the values write_run gave them, and NaN
/// for the others.
void expect_runs(const SweepContents& contents, const std::vector<std::uint8_t>& written) {
  const SweepHeader& header = contents.header;
  const std::size_t runs = header.points * header.replicates;
  ASSERT_EQ(written.size(), runs);
  ASSERT_EQ(contents.done.size(), runs);
  ASSERT_EQ(contents.metrics.size(), runs * metric_count());
  ASSERT_EQ(contents.series.size(), header.series.size());
  for (std::uint64_t row = 0; row < header.points; ++row) {
    for (std::uint64_t replicate = 0; replicate < header.replicates; ++replicate) {
      const std::size_t run = row * header.replicates + replicate;
      const std::uint64_t point = header.first_point + row;
      SCOPED_TRACE(::testing::Message() << "point " << point << ", replicate " << replicate);
      EXPECT_EQ(contents.done[run], written[run]);
      const std::vector<double> metrics(
          contents.metrics.begin() + static_cast<std::ptrdiff_t>(run * metric_count()),
          contents.metrics.begin() + static_cast<std::ptrdiff_t>((run + 1) * metric_count()));
      const auto expected_series = series_of(header, point, replicate);
      if (written[run] != 0) {
        EXPECT_TRUE(same_numbers(metrics, metrics_of(point, replicate)));
      } else {
        EXPECT_TRUE(std::all_of(metrics.begin(), metrics.end(),
                                [](double value) { return std::isnan(value); }));
      }
      for (std::size_t i = 0; i < header.series.size(); ++i) {
        const std::size_t width = header.series[i].elements();
        ASSERT_EQ(contents.series[i].size(), runs * width);
        const std::vector<double> values(
            contents.series[i].begin() + static_cast<std::ptrdiff_t>(run * width),
            contents.series[i].begin() + static_cast<std::ptrdiff_t>((run + 1) * width));
        if (written[run] != 0) {
          EXPECT_TRUE(same_numbers(values, expected_series[i])) << "series " << i;
        }
      }
    }
  }
}

std::vector<std::uint8_t> all_runs(const SweepHeader& header) {
  return std::vector<std::uint8_t>(header.points * header.replicates, 1);
}

// --- writing and reading
// --------------------------------------------------------------------------

TEST(SweepFile, SeriesElementsAreTheProductOfTheAxes) {
  const std::vector<SweepSeries> series = kept_series();
  EXPECT_EQ(series[0].elements(), 4u * 3u);
  EXPECT_EQ(series[1].elements(), 4u * 2u);
  EXPECT_EQ(partial_path("/a/b.h5"), "/a/b.h5.partial");
}

TEST(SweepFile, CreateWritesOnlyThePartialFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  auto writer = SweepFileWriter::create(path, whole_header(3), false);
  EXPECT_TRUE(fs::exists(partial_path(path)));
  EXPECT_FALSE(fs::exists(path));
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"sweep.h5.partial"});
  EXPECT_EQ(writer->runs_done(), 0u);
  EXPECT_FALSE(writer->is_done(0, 0));
  EXPECT_FALSE(writer->is_done(2, 1));
}

TEST(SweepFile, AFinishedFileReadsBackExactlyAsWritten) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(3);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    // Out of order, flushing in between.
    for (const auto& [point, replicate] :
         std::vector<std::pair<std::uint64_t, std::uint64_t>>{{2, 1}, {0, 0}, {1, 1}}) {
      write_run(*writer, header, point, replicate);
    }
    writer->flush();
    EXPECT_EQ(writer->runs_done(), 3u);
    EXPECT_TRUE(writer->is_done(2, 1));
    EXPECT_FALSE(writer->is_done(2, 0));
    for (const auto& [point, replicate] :
         std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 1}, {1, 0}, {2, 0}}) {
      write_run(*writer, header, point, replicate);
    }
    writer->finish();
    EXPECT_EQ(writer->runs_done(), 6u);
  }
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(partial_path(path)));
  EXPECT_EQ(directory.entries(), std::vector<std::string>{"sweep.h5"});
  EXPECT_TRUE(is_sweep_file(path));

  const SweepContents contents = read_sweep_file(path);
  EXPECT_TRUE(contents.complete);
  expect_same_header(header, contents.header);
  ASSERT_EQ(contents.metric_names.size(), metric_count());
  for (std::size_t m = 0; m < metric_count(); ++m) {
    EXPECT_EQ(contents.metric_names[m], summary_metric_specs()[m].name);
    EXPECT_EQ(contents.metric_units[m], summary_metric_specs()[m].units);
  }
  expect_runs(contents, all_runs(header));
}

TEST(SweepFile, ASweepWithoutSeriesRoundTrips) {
  TemporaryDirectory directory;
  const std::string path = directory.file("metrics-only.h5");
  SweepHeader header = whole_header(2);
  header.series.clear();
  write_sweep(path, header);
  const SweepContents contents = read_sweep_file(path);
  EXPECT_TRUE(contents.complete);
  EXPECT_TRUE(contents.header.series.empty());
  EXPECT_TRUE(contents.series.empty());
  expect_runs(contents, all_runs(header));
}

TEST(SweepFile, FinishingWithRunsMissingIsAnInternalError) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(2);
  auto writer = SweepFileWriter::create(path, header, false);
  write_run(*writer, header, 0, 0);
  EXPECT_THROW(writer->finish(), InternalError);
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::exists(partial_path(path)));
}

TEST(SweepFile, ARunOutsideTheFileIsAnInternalError) {
  TemporaryDirectory directory;
  const SweepHeader header = shard_header(whole_header(6), 1, 2);  // points 3..5
  auto writer = SweepFileWriter::create(directory.file("sweep.h5"), header, false);
  const auto series = series_of(header, 3, 0);
  EXPECT_THROW(writer->write_run(2, 0, metrics_of(2, 0), series), InternalError);
  EXPECT_THROW(writer->write_run(6, 0, metrics_of(6, 0), series), InternalError);
  EXPECT_THROW(writer->write_run(3, 2, metrics_of(3, 2), series), InternalError);
  std::vector<double> short_metrics = metrics_of(3, 0);
  short_metrics.pop_back();
  EXPECT_THROW(writer->write_run(3, 0, short_metrics, series), InternalError);
  EXPECT_NO_THROW(writer->write_run(3, 0, metrics_of(3, 0), series));
}

// --- resuming
// -------------------------------------------------------------------------------------

TEST(SweepFile, ResumeSeesExactlyTheFlushedRuns) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(3);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    write_run(*writer, header, 0, 0);
    write_run(*writer, header, 0, 1);
    write_run(*writer, header, 2, 0);
    writer->flush();
    // Written but never flushed: lost with the writer, as in a crash.
    write_run(*writer, header, 1, 1);
  }
  EXPECT_FALSE(fs::exists(path));
  const SweepContents partial = read_sweep_file(partial_path(path));
  EXPECT_FALSE(partial.complete);
  EXPECT_EQ(partial.done, (std::vector<std::uint8_t>{1, 1, 0, 0, 1, 0}));

  auto writer = SweepFileWriter::resume(path, header);
  EXPECT_EQ(writer->runs_done(), 3u);
  EXPECT_TRUE(writer->is_done(0, 0));
  EXPECT_TRUE(writer->is_done(0, 1));
  EXPECT_TRUE(writer->is_done(2, 0));
  EXPECT_FALSE(writer->is_done(1, 0));
  EXPECT_FALSE(writer->is_done(1, 1));
  EXPECT_FALSE(writer->is_done(2, 1));
  for (const auto& [point, replicate] :
       std::vector<std::pair<std::uint64_t, std::uint64_t>>{{1, 0}, {1, 1}, {2, 1}}) {
    write_run(*writer, header, point, replicate);
  }
  writer->finish();
  writer.reset();
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(partial_path(path)));
  const SweepContents contents = read_sweep_file(path);
  EXPECT_TRUE(contents.complete);
  expect_same_header(header, contents.header);
  expect_runs(contents, all_runs(header));
}

TEST(SweepFile, ResumeTwiceKeepsTheRunsOfBothSessions) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(2);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    write_run(*writer, header, 1, 1);
    writer->flush();
  }
  {
    auto writer = SweepFileWriter::resume(path, header);
    EXPECT_EQ(writer->runs_done(), 1u);
    write_run(*writer, header, 0, 0);
    writer->flush();
  }
  auto writer = SweepFileWriter::resume(path, header);
  EXPECT_EQ(writer->runs_done(), 2u);
  EXPECT_TRUE(writer->is_done(1, 1));
  EXPECT_TRUE(writer->is_done(0, 0));
  EXPECT_FALSE(writer->is_done(0, 1));
  writer.reset();
  expect_runs(read_sweep_file(partial_path(path)), {1, 0, 0, 1});
}

TEST(SweepFile, ResumeRefusesWhenThereIsNoPartialFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(2);
  const std::string nothing = input_error([&] { SweepFileWriter::resume(path, header); });
  EXPECT_TRUE(contains(nothing, "nothing to resume")) << nothing;
  EXPECT_TRUE(contains(nothing, "no interrupted sweep")) << nothing;
  EXPECT_TRUE(contains(nothing, partial_path(path))) << nothing;

  write_sweep(path, header);
  const std::string complete = input_error([&] { SweepFileWriter::resume(path, header); });
  EXPECT_TRUE(contains(complete, "nothing to resume")) << complete;
  EXPECT_TRUE(contains(complete, "already complete")) << complete;
  EXPECT_FALSE(fs::exists(partial_path(path)));
}

TEST(SweepFile, ResumeRefusesAFileThatIsNotHdf5) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  std::ofstream(partial_path(path)) << "[sweep]\nsampler = grid\n";
  const std::string message = input_error([&] { SweepFileWriter::resume(path, whole_header(2)); });
  EXPECT_TRUE(contains(message, partial_path(path))) << message;
  EXPECT_TRUE(contains(message, "not an HDF5 file")) << message;
  EXPECT_FALSE(is_sweep_file(partial_path(path)));
  EXPECT_THROW(read_sweep_file(partial_path(path)), InputError);
}

TEST(SweepFile, ResumeRefusesAResultsFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  RunRecord record;
  record.text_attributes = {{"model", "migdip"}};
  RecordGroup states;
  states.name = "states";
  states.coordinates.push_back({"state", "state id", "", {}, {"TUR", "GRC"}});
  states.variables.push_back({"population", {"state"}, "residents", "people", {85e6, 10.7e6}});
  record.groups = {states};
  write_results_file(record, partial_path(path), false);
  ASSERT_TRUE(fs::exists(partial_path(path)));

  const std::string message = input_error([&] { SweepFileWriter::resume(path, whole_header(2)); });
  EXPECT_TRUE(contains(message, partial_path(path))) << message;
  EXPECT_TRUE(contains(message, "not a migdip sweep file")) << message;
  EXPECT_FALSE(is_sweep_file(partial_path(path)));
  const std::string reading = input_error([&] { read_sweep_file(partial_path(path)); });
  EXPECT_TRUE(contains(reading, "not a migdip sweep file")) << reading;
}

TEST(SweepFile, ResumeRefusesATruncatedPartialFile) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(3);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    write_run(*writer, header, 0, 0);
    write_run(*writer, header, 1, 1);
    writer->flush();
  }
  const std::string copy = directory.file("copy.h5");
  fs::copy_file(partial_path(path), partial_path(copy));
  const auto size = fs::file_size(partial_path(copy));
  fs::resize_file(partial_path(copy), size / 2);

  const std::string message = input_error([&] { SweepFileWriter::resume(copy, header); });
  EXPECT_TRUE(contains(message, partial_path(copy))) << message;
  EXPECT_TRUE(contains(message, "damaged") || contains(message, "truncated")) << message;
  EXPECT_THROW(read_sweep_file(partial_path(copy)), InputError);
  // The intact original still resumes.
  EXPECT_EQ(SweepFileWriter::resume(path, header)->runs_done(), 2u);
}

TEST(SweepFile, ResumeRefusesAPartialFileOfAnotherSweep) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(3);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    write_run(*writer, header, 0, 0);
    writer->flush();
  }
  struct Change {
    const char* what;
    void (*apply)(SweepHeader&);
    const char* phrase;
  };
  const std::vector<Change> changes = {
      {"plan text", [](SweepHeader& h) { h.plan_text += "replicates = 3\n"; },
       "the plan text differs"},
      {"scenario text", [](SweepHeader& h) { h.scenario_text += "ticks = 5\n"; },
       "the scenario text differs"},
      {"overrides", [](SweepHeader& h) { h.base_overrides.pop_back(); }, "overrides differ"},
      {"engine", [](SweepHeader& h) { h.engine_version = "1.0.0"; }, "1.0.0"},
      {"seeds", [](SweepHeader& h) { h.seeds[3] += 1; }, "points or seeds differ"},
      {"points", [](SweepHeader& h) { h.value_texts[2] = "0.99"; }, "points or seeds differ"},
      {"series", [](SweepHeader& h) { h.series.pop_back(); }, "series differ"},
  };
  for (const Change& change : changes) {
    SCOPED_TRACE(change.what);
    SweepHeader other = header;
    change.apply(other);
    const std::string message = input_error([&] { SweepFileWriter::resume(path, other); });
    EXPECT_FALSE(contains(message, "\n")) << message;
    EXPECT_TRUE(contains(message, partial_path(path))) << message;
    EXPECT_TRUE(contains(message, "belongs to another sweep")) << message;
    EXPECT_TRUE(contains(message, change.phrase)) << message;
  }
  // Another shard of the same sweep.
  const SweepHeader whole = whole_header(6);
  const std::string shard_path = directory.file("shard.h5");
  { auto writer = SweepFileWriter::create(shard_path, shard_header(whole, 0, 2), false); }
  const std::string message =
      input_error([&] { SweepFileWriter::resume(shard_path, shard_header(whole, 1, 2)); });
  EXPECT_TRUE(contains(message, "shard 0/2, not 1/2")) << message;
  // Refusing leaves the partial file as it was.
  auto writer = SweepFileWriter::resume(path, header);
  EXPECT_EQ(writer->runs_done(), 1u);
  EXPECT_TRUE(writer->is_done(0, 0));
}

// A value unlike the one given, of any header field's type.
void change(std::string& text) {
  text += "+";
}
void change(std::vector<std::string>& lines) {
  lines.emplace_back("scenario.ticks=5");
}
void change(std::uint64_t& number) {
  number += 1;
}
void change(double& number) {
  number += 1;
}

TEST(SweepFile, ResumeRefusesADifferenceInEveryFieldTheShardsAgreeOn) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(3);
  { auto writer = SweepFileWriter::create(path, header, false); }
  for (const HeaderField<SweepHeader>& field : sweep_header_fields()) {
    if (field.difference == nullptr) {
      continue;
    }
    SCOPED_TRACE(field.name);
    SweepHeader other = header;
    std::visit([&](auto member) { change(other.*member); }, field.member);
    const std::string message = input_error([&] { SweepFileWriter::resume(path, other); });
    EXPECT_TRUE(contains(message, "belongs to another sweep")) << message;
    EXPECT_TRUE(contains(message, field.difference(header, other))) << message;
  }
  EXPECT_EQ(SweepFileWriter::resume(path, header)->runs_done(), 0u);
}

// --- creating over existing files
// -----------------------------------------------------------------

TEST(SweepFile, CreateRefusesAnExistingFileUnlessOverwriting) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(2);
  write_sweep(path, header);
  const std::string message = input_error([&] { SweepFileWriter::create(path, header, false); });
  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "exists")) << message;
  EXPECT_FALSE(fs::exists(partial_path(path)));
  EXPECT_TRUE(read_sweep_file(path).complete);

  SweepHeader other = header;
  other.plan_text = "[sweep]\nsampler = grid\n";
  auto writer = SweepFileWriter::create(path, other, true);
  EXPECT_TRUE(fs::exists(partial_path(path)));
  writer.reset();
}

TEST(SweepFile, CreateRefusesAnInterruptedSweepPointingToResume) {
  TemporaryDirectory directory;
  const std::string path = directory.file("sweep.h5");
  const SweepHeader header = whole_header(2);
  {
    auto writer = SweepFileWriter::create(path, header, false);
    write_run(*writer, header, 0, 0);
    writer->flush();
  }
  const std::string message = input_error([&] { SweepFileWriter::create(path, header, false); });
  EXPECT_TRUE(contains(message, partial_path(path))) << message;
  EXPECT_TRUE(contains(message, "--resume")) << message;
  // Still resumable, untouched.
  EXPECT_EQ(SweepFileWriter::resume(path, header)->runs_done(), 1u);
  // Overwriting starts again from nothing.
  auto writer = SweepFileWriter::create(path, header, true);
  EXPECT_EQ(writer->runs_done(), 0u);
  EXPECT_FALSE(writer->is_done(0, 0));
}

TEST(SweepFile, CreateRefusesAMissingDirectory) {
  TemporaryDirectory directory;
  const std::string path = directory.file("no/such/dir/sweep.h5");
  const std::string message =
      input_error([&] { SweepFileWriter::create(path, whole_header(2), false); });
  EXPECT_TRUE(contains(message, "directory")) << message;
}

// --- merging
// --------------------------------------------------------------------------------------

/// Seven points in three shards (3, 2, 2 points) and the same sweep unsharded.
struct ShardedSweep {
  TemporaryDirectory directory;
  SweepHeader whole = whole_header(7);
  std::vector<std::string> shards;
  std::string output = directory.file("merged.h5");

  ShardedSweep() {
    for (std::uint64_t index = 0; index < 3; ++index) {
      std::string name = "shard-";
      name += std::to_string(index);
      name += ".h5";
      shards.push_back(directory.file(name));
      write_sweep(shards.back(), shard_header(whole, index, 3));
    }
  }

  void expect_no_output() const {
    EXPECT_FALSE(fs::exists(output));
    EXPECT_FALSE(fs::exists(partial_path(output)));
  }
};

TEST(SweepMerge, ShardsAreContiguousBlocks) {
  const SweepHeader whole = whole_header(7);
  EXPECT_EQ(shard_header(whole, 0, 3).first_point, 0u);
  EXPECT_EQ(shard_header(whole, 0, 3).points, 3u);
  EXPECT_EQ(shard_header(whole, 1, 3).first_point, 3u);
  EXPECT_EQ(shard_header(whole, 2, 3).first_point, 5u);
  EXPECT_EQ(shard_header(whole, 2, 3).points, 2u);
  EXPECT_EQ(shard_header(whole, 2, 3).seeds.size(), 4u);
}

TEST(SweepMerge, MergedShardsEqualOneUnshardedSweep) {
  ShardedSweep sweep;
  const std::string unsharded = sweep.directory.file("unsharded.h5");
  write_sweep(unsharded, sweep.whole);
  // Given out of order: the shard index decides.
  const std::vector<std::string> inputs = {sweep.shards[2], sweep.shards[0], sweep.shards[1]};
  merge_sweep_files(inputs, sweep.output, false, "migdip merge ...", "2024-06-01T00:00:00Z");
  EXPECT_TRUE(fs::exists(sweep.output));
  EXPECT_FALSE(fs::exists(partial_path(sweep.output)));

  const SweepContents merged = read_sweep_file(sweep.output);
  const SweepContents expected = read_sweep_file(unsharded);
  EXPECT_TRUE(merged.complete);
  SweepHeader expected_header = sweep.whole;
  expected_header.command_line = "migdip merge ...";
  expected_header.created_utc = "2024-06-01T00:00:00Z";
  expect_same_header(expected_header, merged.header);
  EXPECT_EQ(merged.header.shard_index, 0u);
  EXPECT_EQ(merged.header.shard_count, 1u);
  EXPECT_EQ(merged.header.first_point, 0u);
  EXPECT_EQ(merged.header.points, 7u);
  EXPECT_EQ(merged.header.seeds, expected.header.seeds);
  EXPECT_EQ(merged.header.value_texts, expected.header.value_texts);
  EXPECT_TRUE(same_numbers(merged.metrics, expected.metrics));
  ASSERT_EQ(merged.series.size(), expected.series.size());
  for (std::size_t i = 0; i < merged.series.size(); ++i) {
    EXPECT_TRUE(same_numbers(merged.series[i], expected.series[i])) << "series " << i;
  }
  EXPECT_EQ(merged.done, expected.done);
  expect_runs(merged, all_runs(merged.header));
}

TEST(SweepMerge, MoreShardsThanPointsGivesEmptyShardsThatMerge) {
  TemporaryDirectory directory;
  const SweepHeader whole = whole_header(2);
  std::vector<std::string> shards;
  for (std::uint64_t index = 0; index < 3; ++index) {
    std::string name = "tiny-";
    name += std::to_string(index);
    name += ".h5";
    shards.push_back(directory.file(name));
    write_sweep(shards.back(), shard_header(whole, index, 3));
  }
  const SweepContents empty = read_sweep_file(shards[2]);
  EXPECT_TRUE(empty.complete);
  EXPECT_EQ(empty.header.points, 0u);
  EXPECT_TRUE(empty.metrics.empty());

  const std::string output = directory.file("merged.h5");
  merge_sweep_files(shards, output, false, "merge", "2024-06-01T00:00:00Z");
  const SweepContents merged = read_sweep_file(output);
  EXPECT_TRUE(merged.complete);
  EXPECT_EQ(merged.header.points, 2u);
  EXPECT_EQ(merged.header.seeds, whole.seeds);
  expect_runs(merged, all_runs(merged.header));
}

TEST(SweepMerge, RefusesAMissingShard) {
  ShardedSweep sweep;
  const std::vector<std::string> inputs = {sweep.shards[0], sweep.shards[2]};
  const std::string message = input_error(
      [&] { merge_sweep_files(inputs, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(message, "1/3")) << message;
  EXPECT_TRUE(contains(message, "missing")) << message;
  sweep.expect_no_output();
}

TEST(SweepMerge, RefusesADuplicatedShard) {
  ShardedSweep sweep;
  const std::string copy = sweep.directory.file("shard-1-copy.h5");
  fs::copy_file(sweep.shards[1], copy);
  const std::vector<std::string> inputs = {sweep.shards[0], sweep.shards[1], copy, sweep.shards[2]};
  const std::string message = input_error(
      [&] { merge_sweep_files(inputs, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(message, "1/3")) << message;
  EXPECT_TRUE(contains(message, copy)) << message;
  EXPECT_TRUE(contains(message, sweep.shards[1])) << message;
  sweep.expect_no_output();

  const std::vector<std::string> twice = {sweep.shards[0], sweep.shards[1], sweep.shards[2],
                                          sweep.shards[0]};
  EXPECT_THROW(merge_sweep_files(twice, sweep.output, false, "merge", "2024-06-01T00:00:00Z"),
               InputError);
  sweep.expect_no_output();
}

TEST(SweepMerge, RefusesAnIncompleteShard) {
  ShardedSweep sweep;
  // Shard 1 again, interrupted after one run.
  const std::string interrupted = sweep.directory.file("shard-1-interrupted.h5");
  const SweepHeader header = shard_header(sweep.whole, 1, 3);
  {
    auto writer = SweepFileWriter::create(interrupted, header, false);
    write_run(*writer, header, 3, 0);
    writer->flush();
  }
  const std::vector<std::string> inputs = {sweep.shards[0], partial_path(interrupted),
                                           sweep.shards[2]};
  const std::string message = input_error(
      [&] { merge_sweep_files(inputs, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(message, partial_path(interrupted))) << message;
  EXPECT_TRUE(contains(message, "not complete")) << message;
  sweep.expect_no_output();
}

TEST(SweepMerge, RefusesAShardOfAnotherSweep) {
  ShardedSweep sweep;
  SweepHeader other = shard_header(sweep.whole, 2, 3);
  other.plan_text += "seed = 8\n";
  const std::string foreign = sweep.directory.file("foreign-shard-2.h5");
  write_sweep(foreign, other);
  const std::vector<std::string> inputs = {sweep.shards[0], sweep.shards[1], foreign};
  const std::string message = input_error(
      [&] { merge_sweep_files(inputs, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(message, foreign)) << message;
  EXPECT_TRUE(contains(message, "not a shard of the same sweep")) << message;
  EXPECT_TRUE(contains(message, "plan text differs")) << message;
  sweep.expect_no_output();

  // A shard of the same plan cut into another number of shards.
  const std::string halves = sweep.directory.file("half.h5");
  write_sweep(halves, shard_header(sweep.whole, 1, 2));
  const std::vector<std::string> mixed = {sweep.shards[0], sweep.shards[1], halves};
  const std::string count = input_error(
      [&] { merge_sweep_files(mixed, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(count, "shard of 2, not of 3")) << count;
  sweep.expect_no_output();
}

TEST(SweepMerge, RefusesFilesThatAreNotSweepFiles) {
  ShardedSweep sweep;
  const std::string text = sweep.directory.file("notes.h5");
  std::ofstream(text) << "not a sweep\n";
  const std::vector<std::string> inputs = {sweep.shards[0], sweep.shards[1], text};
  const std::string message = input_error(
      [&] { merge_sweep_files(inputs, sweep.output, false, "merge", "2024-06-01T00:00:00Z"); });
  EXPECT_TRUE(contains(message, text)) << message;
  sweep.expect_no_output();
  const std::vector<std::string> missing = {sweep.shards[0], sweep.shards[1],
                                            sweep.directory.file("absent.h5")};
  EXPECT_THROW(merge_sweep_files(missing, sweep.output, false, "merge", "2024-06-01T00:00:00Z"),
               InputError);
  sweep.expect_no_output();
  EXPECT_THROW(merge_sweep_files({}, sweep.output, false, "merge", "2024-06-01T00:00:00Z"),
               InputError);
  sweep.expect_no_output();
}

TEST(SweepMerge, RefusesToReplaceAnExistingOutputUnlessOverwriting) {
  ShardedSweep sweep;
  std::ofstream(sweep.output) << "precious\n";
  EXPECT_THROW(
      merge_sweep_files(sweep.shards, sweep.output, false, "merge", "2024-06-01T00:00:00Z"),
      InputError);
  EXPECT_EQ(fs::file_size(sweep.output), 9u);
  EXPECT_FALSE(fs::exists(partial_path(sweep.output)));
  merge_sweep_files(sweep.shards, sweep.output, true, "merge", "2024-06-01T00:00:00Z");
  EXPECT_TRUE(read_sweep_file(sweep.output).complete);
}

}  // namespace
}  // namespace migdip

namespace migdip {
namespace {

// A finished one-shard sweep file of three points, every run in.
std::string finished_sweep(const TemporaryDirectory& directory) {
  const std::string path = directory.file("finished.h5");
  const SweepHeader header = whole_header(3);
  auto writer = SweepFileWriter::create(path, header, false);
  for (std::uint64_t point = 0; point < header.points; ++point) {
    for (std::uint64_t replicate = 0; replicate < header.replicates; ++replicate) {
      write_run(*writer, header, point, replicate);
    }
  }
  writer->finish();
  return path;
}

// Found by fuzz_sweep_edits: metric units of the wrong length were read as they were.
TEST(SweepFileLayout, MetricCoordinatesOfTheWrongLengthAreDamage) {
  TemporaryDirectory directory;
  const std::string path = finished_sweep(directory);
  {
    hdf5::File file = hdf5::open_file(path, true);
    hdf5::delete_link(file, "metric_units");
    hdf5::write_texts(file, "metric_units", {});
  }
  EXPECT_THROW(read_sweep_file(path), InputError);
}

// Found by fuzz_sweep_edits: a series coordinate attached to a dataset that is no axis of its
// series made merge throw std::out_of_range (exit status 1).
TEST(SweepFileLayout, ASeriesCoordinateAlongNoAxisIsDamage) {
  TemporaryDirectory directory;
  const std::string path = finished_sweep(directory);
  {
    hdf5::File file = hdf5::open_file(path, true);
    H5::Group group = hdf5::open_group(file, "series/corridors");
    H5::DataSet origin = hdf5::open_dataset(group, "origin");
    H5::DataSet stray = hdf5::open_dataset(file, "parameter");
    hdf5::attach_dimension_scale(origin, stray, 0);
  }
  EXPECT_THROW(read_sweep_file(path), InputError);
  const std::vector<std::string> inputs = {path};
  EXPECT_THROW(merge_sweep_files(inputs, directory.file("merged.h5"), false, "", ""), InputError);
}

// Found by fuzz_sweep_edits: a count attribute holding NaN, a negative, a fraction or a number
// past 2^64 was cast to an integer (undefined behaviour; UBSan stopped info, merge and --resume).
TEST(SweepFileLayout, ACountAttributeThatIsNoCountIsDamage) {
  TemporaryDirectory directory;
  const std::string path = finished_sweep(directory);
  for (const double bad : {std::nan(""), -1.0, 1.5, 1.9e247}) {
    const std::string edited = directory.file("edited.h5");
    fs::copy_file(path, edited, fs::copy_options::overwrite_existing);
    {
      hdf5::File file = hdf5::open_file(edited, true);
      hdf5::write_number_attribute(file, "replicates", bad);
    }
    const std::string message = input_error([&] { read_sweep_file(edited); });
    EXPECT_TRUE(contains(message, "attribute 'replicates' is not a count"))
        << bad << ": " << message;
  }
}

}  // namespace
}  // namespace migdip
