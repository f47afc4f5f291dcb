#pragma once
// The diplomacy phase over several ticks, without migration: phases 1 (budgets and events), 4
// (diplomacy), 5 (policy) and 7 (utility) of Simulation::step, on a world whose flows the test
// sets by hand, with ticks one nominal month long. Last tick's arrivals and departures on TRA-DST
// (corridor 1 of chain_scenario()) start at 1000, as governments will see them; each step
// records the table's deal payment, the money leaked in TRA, TRA-DST's readmission rate and the
// first transfer slot's payment.

#include <string>
#include <utility>
#include <vector>

#include "migdip/world/world.h"
#include "phases/budget_lines.h"
#include "phases/diplomacy/diplomacy_phase.h"
#include "phases/network.h"
#include "phases/policy_implementation.h"
#include "phases/scheduled_events.h"
#include "phases/tick_context.h"
#include "support/diplomacy_parts.h"
#include "support/strategic_scenario.h"

namespace migdip::testing {

class DiplomacyHarness {
 public:
  static constexpr int kTraDst = 1;  ///< the corridor whose flows the test sets
  static constexpr int kTable = 0;   ///< the table whose payments are recorded

  explicit DiplomacyHarness(Scenario scenario)
      : scenario_(checked(std::move(scenario))),
        network_(scenario_),
        world_(scenario_),
        phase_(scenario_, network_) {
    set_arrivals(1000);
  }

  /// Last tick's arrivals (and departures) on TRA-DST, as governments will see them.
  void set_arrivals(double people) {
    world_.flows.arrivals(0, kTraDst) = people;
    world_.flows.departures(0, kTraDst) = people;
  }

  void step() {
    const int t = world_.tick;
    const TickContext tick(scenario_.settings, t, kDaysPerMonth);
    world_.applied_events.clear();
    replenish_budgets(scenario_, tick, world_.treasury);
    apply_scheduled_events(
        scenario_, t,
        EventTargets{world_.policy, world_.corridors, world_.pathway_lever, world_.treasury,
                     nullptr, &world_.stances, &world_.politics, &world_.diplomacy},
        world_.applied_events);
    phase_.run(tick, inputs_of(world_), targets_of(world_));
    implement_policy(scenario_, tick, world_.policy, world_.treasury,
                     world_.diplomacy.deal_payment);
    phase_.assess_utility(tick, inputs_of(world_), world_.treasury, world_.diplomacy);
    payments_.push_back(
        scenario_.negotiation_count() > kTable ? world_.diplomacy.deal_payment(kTable) : 0.0);
    leaked_.push_back(world_.diplomacy.leaked(kTra));
    readmission_.push_back(world_.corridors.lever(Lever::readmission_rate)(kTraDst));
    transfers_.push_back(world_.treasury.transfer_paid.size() > 0 ? world_.treasury.transfer_paid(0)
                                                                  : 0.0);
    ++world_.tick;
  }
  void run_to(int ticks_done) {
    while (world_.tick < ticks_done) {
      step();
    }
  }

  const Scenario& scenario() const { return scenario_; }
  World& world() { return world_; }
  Diplomacy& diplomacy() { return world_.diplomacy; }
  int instrument(const std::string& id) const { return *scenario_.find_instrument(id); }

  /// Per tick: the table's deal payment, the money leaked in TRA, TRA-DST's readmission rate,
  /// and what the first transfer paid.
  const std::vector<double>& payments() const { return payments_; }
  const std::vector<double>& leaked() const { return leaked_; }
  const std::vector<double>& readmission() const { return readmission_; }
  const std::vector<double>& transfers() const { return transfers_; }

  /// The log lines of one tick.
  std::vector<NegotiationEntry> log_at(int tick) const {
    return log_where([tick](const NegotiationEntry& entry) { return entry.tick == tick; });
  }
  /// The log lines of one table.
  std::vector<NegotiationEntry> log_of(int negotiation) const {
    return log_where(
        [negotiation](const NegotiationEntry& entry) { return entry.negotiation == negotiation; });
  }
  /// How often an instrument's threat was abandoned (withdrawn or called off).
  int abandoned(int instrument) const {
    int count = 0;
    for (const NegotiationEntry& entry : world_.diplomacy.log) {
      count +=
          entry.action == NegotiationAction::threat_abandoned && entry.instrument == instrument;
    }
    return count;
  }

 private:
  static Scenario checked(Scenario scenario) {
    check_scenario(scenario);
    return scenario;
  }
  template <typename Keep>
  std::vector<NegotiationEntry> log_where(Keep keep) const {
    std::vector<NegotiationEntry> lines;
    for (const NegotiationEntry& entry : world_.diplomacy.log) {
      if (keep(entry)) {
        lines.push_back(entry);
      }
    }
    return lines;
  }

  Scenario scenario_;
  Network network_;
  World world_;
  DiplomacyPhase phase_;
  std::vector<double> payments_;
  std::vector<double> leaked_;
  std::vector<double> readmission_;
  std::vector<double> transfers_;
};

}  // namespace migdip::testing
