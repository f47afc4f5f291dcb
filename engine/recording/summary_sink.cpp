#include "migdip/recording/summary_sink.h"

#include <string>
#include <string_view>

#include "migdip/core/error.h"
#include "migdip/recording/summary_metrics.h"
#include "migdip/world/diplomacy.h"

namespace migdip {
namespace {

struct SeriesName {
  std::string_view group;
  std::string_view variable;
};

// The series summed over the whole run, in the order of the metrics they give.
constexpr std::array<SeriesName, SummarySink::kTotals> kTotalSeries = {{
    {"corridors", "departures"},
    {"corridors", "arrivals"},
    {"corridors", "deaths"},
    {"corridors", "exit_interceptions"},
    {"corridors", "entry_interceptions"},
    {"corridors", "pushbacks"},
    {"corridors", "readmissions"},
    {"states", "legal_arrivals"},
    {"states", "asylum_grants"},
    {"states", "returns"},
    {"states", "money_paid"},
}};

// The (time, state) stocks summed over states at the last tick.
constexpr std::array<std::string_view, SummarySink::kStocksAtEnd> kStockSeries = {"hosted",
                                                                                  "protected"};

}  // namespace

std::vector<std::string> SummarySink::series_read() {
  std::vector<std::string> names;
  for (const SeriesName& series : kTotalSeries) {
    names.push_back(std::string(series.group) + "/" + std::string(series.variable));
  }
  for (const std::string_view stock : kStockSeries) {
    names.push_back("states/" + std::string(stock));
  }
  return names;
}

namespace {

// Where a variable's slice lies in a tick's values, found as RunRecord::find_variable finds it
// (the first group of the name, then its first variable of the name).
template <typename Slice>
Slice slice_of(const RecordLayout& layout, std::string_view group_name,
               std::string_view variable_name) {
  bool group_seen = false;
  std::size_t offset = 0;
  for (const RecordGroup& group : layout.groups) {
    const bool wanted = !group_seen && group.name == group_name;
    group_seen = group_seen || wanted;
    for (const Variable& variable : group.variables) {
      const std::size_t size = RecordLayout::slice_size(group, variable);
      if (wanted && variable.name == variable_name) {
        return Slice{offset, size};
      }
      offset += size;
    }
    if (wanted) {
      break;
    }
  }
  throw InternalError("summary metrics: the record has no " + std::string(group_name) + "/" +
                      std::string(variable_name));
}

// The same sum as std::accumulate(slice, running): one value after the other, left to right.
double add_slice(double running, std::span<const double> values) {
  for (double value : values) {
    running += value;
  }
  return running;
}

}  // namespace

void SummarySink::begin(const RecordLayout& layout) {
  for (std::size_t i = 0; i < kTotals; ++i) {
    totals_slices_[i] = slice_of<Slice>(layout, kTotalSeries[i].group, kTotalSeries[i].variable);
    totals_[i] = 0.0;
  }
  // compute_summary_metrics reads a stock's last `width` values, width being the extent of the
  // states group's second coordinate: one tick's slice of a (time, state) variable.
  const RecordGroup* states = nullptr;
  for (const RecordGroup& group : layout.groups) {
    if (group.name == "states") {
      states = &group;
      break;
    }
  }
  for (std::size_t i = 0; i < kStocksAtEnd; ++i) {
    stock_slices_[i] = slice_of<Slice>(layout, "states", kStockSeries[i]);
    if (states == nullptr || states->coordinates.size() < 2 ||
        stock_slices_[i].size != states->coordinates[1].size()) {
      throw InternalError("summary metrics: states." + std::string(kStockSeries[i]) +
                          " is not a (time, state) series");
    }
    stocks_at_end_[i] = 0.0;
  }
  ticks_ = layout.ticks();
  ticks_written_ = 0;
  metrics_.clear();
}

void SummarySink::write_tick(std::size_t tick, std::span<const double> values) {
  if (tick != ticks_written_ || tick >= ticks_) {
    throw InternalError("summary metrics: ticks must come once each, in order");
  }
  for (std::size_t i = 0; i < kTotals; ++i) {
    totals_[i] =
        add_slice(totals_[i], values.subspan(totals_slices_[i].offset, totals_slices_[i].size));
  }
  for (std::size_t i = 0; i < kStocksAtEnd; ++i) {
    stocks_at_end_[i] =
        add_slice(0.0, values.subspan(stock_slices_[i].offset, stock_slices_[i].size));
  }
  ++ticks_written_;
}

void SummarySink::end_series(RecordTables tables) {
  if (ticks_written_ != ticks_) {
    throw InternalError("summary metrics: the run ended before its last tick");
  }
  const double departures = totals_[0];
  const double deaths = totals_[2];
  double deals_breached = 0;
  for (const DealRow& deal : tables.deals) {
    deals_breached += deal.status == to_string(DealStatus::breached) ? 1 : 0;
  }
  double threats_carried_out = 0;
  for (const NegotiationRow& entry : tables.negotiation_log) {
    threats_carried_out += entry.action == to_string(NegotiationAction::threat_carried_out) ? 1 : 0;
  }
  // In the order of summary_metric_specs(), as compute_summary_metrics lists them.
  metrics_ = {
      departures,
      totals_[1],
      deaths,
      departures > 0 ? 1000 * deaths / departures : 0,
      totals_[3],
      totals_[4],
      totals_[5],
      totals_[6],
      totals_[7],
      totals_[8],
      totals_[9],
      stocks_at_end_[0],
      stocks_at_end_[1],
      totals_[10],
      static_cast<double>(tables.deals.size()),
      deals_breached,
      threats_carried_out,
  };
  if (metrics_.size() != summary_metric_specs().size()) {
    throw InternalError("summary metrics: values and specs differ in number");
  }
}

}  // namespace migdip
