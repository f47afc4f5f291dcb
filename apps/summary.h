#pragma once
// The headline figures of a run, printed by `migdip run` and `migdip info` alike.

#include <cstddef>
#include <string>
#include <vector>

#include "migdip/recording/record_sink.h"
#include "migdip/recording/run_record.h"

namespace migdip::cli {

/// What summarise() prints, gathered either from a whole record (`migdip info`) or, as a
/// RecordSink, tick by tick from a run (`migdip run`, which keeps no record): for every variable
/// its total over the run and the total of its last tick, summed in the record's order, so both
/// ways give the same figures to the last bit.
class RunFigures final : public RecordSink {
 public:
  RunFigures() = default;
  explicit RunFigures(const RunRecord& record);

  void begin(const RecordLayout& layout) override;
  void write_tick(std::size_t tick, std::span<const double> values) override;
  void end_series(RecordTables tables) override;
  void finish(RecordDescription description) override;

  /// The sum of all values of a variable; NaN when absent (left out by [outputs]).
  double total(const std::string& group, const std::string& name) const;
  /// The sum of the last tick's values of a variable of the "states" group; NaN when absent.
  double final_total(const std::string& name) const;
  /// The extent of a dimension of a group; 0 when absent.
  std::size_t extent(const std::string& group, const std::string& dimension) const;
  /// A root text attribute, or "?" when absent.
  std::string text_attribute(const std::string& name) const;
  /// The ticks simulated (the root attribute `ticks`), which an aggregated file ([outputs]
  /// interval) writes as fewer time steps; the time steps written when the attribute is absent.
  std::size_t ticks_simulated() const;
  std::size_t event_count() const { return events_; }

 private:
  struct Sums {
    std::string group;
    std::string name;
    std::size_t slice = 0;
    double total = 0;
    double last = 0;
  };
  void add_extents(const RecordGroup& group);

  std::vector<std::pair<std::string, std::size_t>> extents_;  // "group/dimension", extent
  std::vector<Sums> sums_;
  std::vector<std::pair<std::string, std::string>> text_attributes_;
  std::vector<std::pair<std::string, double>> number_attributes_;
  std::size_t events_ = 0;
};

/// The headline numbers of a run, named as `migdip info --json` names them, in the order the
/// text summary prints them: totals over the run (people; deaths per 1000 departures; transfers
/// in EUR) and stocks at the end (people). NaN for a variable left out of the file.
struct HeadlineFigures {
  std::vector<std::pair<std::string, double>> totals;
  std::vector<std::pair<std::string, double>> at_end;
};
HeadlineFigures headline_figures(const RunFigures& figures);

/// A few lines describing the run: period, dimensions, totals.
std::string summarise(const RunFigures& figures);

/// A root text attribute of the record, or "?" when absent.
std::string text_attribute(const RunRecord& record, const std::string& name);

/// A few lines describing what the record holds: period, dimensions, totals.
std::string summarise(const RunRecord& record);

/// The strategic layer's outcome: the deals counted by status with a line each (negotiation,
/// demander → partner, terms, signed and end dates, status, EUR M per month and paid), or
/// "none"; then the negotiation log's entries counted by action, a line per kind (offers,
/// threats, deal ends). Empty when the record has neither deals nor log entries (a scripted
/// run, or a file of format 1.0).
std::string summarise_diplomacy(const RunRecord& record);

}  // namespace migdip::cli
