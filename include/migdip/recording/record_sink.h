#pragma once
// Where a recorder's series go, tick by tick: into memory (MemorySink, which assembles a
// RunRecord) or straight into a results file (open_results_stream in migdip/io/results_file.h).
// The engine side knows this interface alone, with no file format in it.
//
// A sink receives, in this order:
//   1. begin(layout): the groups with their coordinates (the whole time coordinate: the calendar
//      is known at the start), auxiliary coordinates, and variables without data;
//   2. write_tick(tick, values) once per tick, in tick order: one tick's slice of every variable,
//      concatenated in the layout's order (one virtual call per tick, not per variable);
//   3. end_series(tables): the tables, known once the run has finished;
//   4. finish(description): the root attributes and scenario texts, which the caller (not the
//      recorder) knows; the sink then completes its output (a file is closed and renamed into
//      place). A sink destroyed before finish() leaves no output behind.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "migdip/recording/run_record.h"

namespace migdip {

/// What a run records, before any of it is recorded: the groups of the record, whose variables
/// hold no data. Each variable has the time dimension first; one tick of it is `slice_size`
/// values.
struct RecordLayout {
  std::vector<RecordGroup> groups;

  /// The values of one tick of `variable` of `group`: the product of its extents after time.
  static std::size_t slice_size(const RecordGroup& group, const Variable& variable);
  /// The values of one tick of every variable: the length of write_tick's `values`.
  std::size_t values_per_tick() const;
  /// The number of ticks: the extent of the time coordinate (0 without groups).
  std::size_t ticks() const;
};

/// The tables of a run, complete once it has finished.
struct RecordTables {
  std::vector<EventRow> events;
  std::vector<DealRow> deals;
  std::vector<NegotiationRow> negotiation_log;
};

/// What the caller knows of the run beyond its series: the root attributes and scenario texts.
struct RecordDescription {
  std::vector<std::pair<std::string, std::string>> text_attributes;
  std::vector<std::pair<std::string, double>> number_attributes;
  std::string scenario_text;
  std::string resolved_scenario_text;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void begin(const RecordLayout& layout) = 0;
  /// `values` holds values_per_tick() numbers; it is only valid during the call.
  virtual void write_tick(std::size_t tick, std::span<const double> values) = 0;
  virtual void end_series(RecordTables tables) = 0;
  virtual void finish(RecordDescription description) = 0;
};

/// The sink of a recorder that keeps everything: it assembles the RunRecord the recorder used to
/// build itself, identical value for value. Its memory grows with ticks.
class MemorySink final : public RecordSink {
 public:
  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  /// Sets the record's root attributes and texts (optional: a record may be taken without).
  void finish(RecordDescription description) override;

  /// The record: its series are complete once end_series() has been called.
  RunRecord take_record();

 private:
  RunRecord record_;
  std::vector<std::span<double>> slices_;  // per variable in layout order: its whole data
  std::vector<std::size_t> slice_sizes_;
};

/// Passes everything on to several sinks, in order (e.g. a results file and a summary).
class TeeSink final : public RecordSink {
 public:
  explicit TeeSink(std::vector<RecordSink*> sinks) : sinks_(std::move(sinks)) {}
  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  void finish(RecordDescription description) override;

 private:
  std::vector<RecordSink*> sinks_;
};

}  // namespace migdip
