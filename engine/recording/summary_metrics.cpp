#include "migdip/recording/summary_metrics.h"

#include <array>
#include <numeric>
#include <string>

#include "migdip/core/error.h"
#include "migdip/world/diplomacy.h"

namespace migdip {
namespace {

constexpr std::array kMetrics = {
    MetricSpec{"departures", "people",
               "irregular departures onto corridors, "
               "every border crossing counted"},
    MetricSpec{"arrivals", "people",
               "irregular arrivals at the end of corridors, every border crossing counted (incl. "
               "readmitted)"},
    MetricSpec{"deaths", "people", "people dead or missing on corridors"},
    MetricSpec{"deaths_per_1000_departures", "1", "deaths per thousand departures"},
    MetricSpec{"exit_interceptions", "people", "departures stopped on leaving"},
    MetricSpec{"entry_interceptions", "people", "entries stopped by the state of arrival"},
    MetricSpec{"pushbacks", "people", "people expelled back across a border"},
    MetricSpec{"readmissions", "people", "arrivals readmitted to the state of departure"},
    MetricSpec{"legal_arrivals", "people", "arrivals through legal pathways"},
    MetricSpec{"asylum_grants", "people", "asylum decisions granting protection"},
    MetricSpec{"returns", "people", "people returned to their own country"},
    MetricSpec{"hosted_at_end", "people", "people hosted at the end of the run"},
    MetricSpec{"protected_at_end", "people", "people with protection at the end of the run"},
    MetricSpec{"transfers", "EUR", "money paid between states (scripted transfers and deals)"},
    MetricSpec{"deals_signed", "1", "deals signed"},
    MetricSpec{"deals_breached", "1", "deals ended by a breach"},
    MetricSpec{"threats_carried_out", "1", "threats whose instrument was used"},
};

const Variable& variable(const RunRecord& record, const char* group, const char* name) {
  const Variable* found = record.find_variable(group, name);
  if (found == nullptr) {
    throw InternalError(std::string("summary metrics: the record has no ") + group + "/" + name);
  }
  return *found;
}

double total(const RunRecord& record, const char* group, const char* name) {
  const std::vector<double>& data = variable(record, group, name).data;
  return std::accumulate(data.begin(), data.end(), 0.0);
}

// Sum over states of a (time, state) stock at the last tick.
double at_end(const RunRecord& record, const char* name) {
  const Variable& stock = variable(record, "states", name);
  const RecordGroup* states = record.find_group("states");
  const std::size_t width = states->coordinates.at(1).size();
  if (width == 0 || stock.data.size() < width) {
    return 0;
  }
  return std::accumulate(stock.data.end() - static_cast<std::ptrdiff_t>(width), stock.data.end(),
                         0.0);
}

}  // namespace

std::span<const MetricSpec> summary_metric_specs() {
  return kMetrics;
}

std::vector<double> compute_summary_metrics(const RunRecord& record) {
  const double departures = total(record, "corridors", "departures");
  const double deaths = total(record, "corridors", "deaths");
  double deals_breached = 0;
  for (const DealRow& deal : record.deals) {
    deals_breached += deal.status == to_string(DealStatus::breached) ? 1 : 0;
  }
  double threats_carried_out = 0;
  for (const NegotiationRow& entry : record.negotiation_log) {
    threats_carried_out += entry.action == to_string(NegotiationAction::threat_carried_out) ? 1 : 0;
  }
  std::vector<double> metrics = {
      departures,
      total(record, "corridors", "arrivals"),
      deaths,
      departures > 0 ? 1000 * deaths / departures : 0,
      total(record, "corridors", "exit_interceptions"),
      total(record, "corridors", "entry_interceptions"),
      total(record, "corridors", "pushbacks"),
      total(record, "corridors", "readmissions"),
      total(record, "states", "legal_arrivals"),
      total(record, "states", "asylum_grants"),
      total(record, "states", "returns"),
      at_end(record, "hosted"),
      at_end(record, "protected"),
      total(record, "states", "money_paid"),
      static_cast<double>(record.deals.size()),
      deals_breached,
      threats_carried_out,
  };
  if (metrics.size() != kMetrics.size()) {
    throw InternalError("summary metrics: values and specs differ in number");
  }
  return metrics;
}

}  // namespace migdip
